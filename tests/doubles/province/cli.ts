import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { adminStatusRequest } from './admin-page';
import { faultPatch } from './faults';
import { DEFAULT_UNIT, type ProvinceAccount } from './province-context';
import { startProvince } from './province-server';
import { ProvinceStore } from './province-store';

// `npm run province -- …`: the provincial double as a process, for trainers and for tests that
// need a province they can stop and start again (SIGTERM stops it cleanly; data stays in DIR).
//
//   [serve] --port P --data-dir DIR [--host H] [--unit U] [--account user:password[:unit] …]
//           [--faults JSON] [--token-ttl-ms N] [--clock-offset-ms N]
//       prints {"url","nationalUrl","adminUrl","port","pid","dataDir","unitCode"} as one JSON
//       line on stdout once it listens.
//   status (--data-dir DIR | --url URL) --code CODE --status N [--handler …] [--title …]
//          [--department …] [--content …]
//       the deciding agency's decision: on the data dir directly (server stopped) or over HTTP.
//   faults --url URL (--set JSON | --clear)
//       switches faults of a running double.

const DEFAULT_PORT = 8790;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  unit: { type: 'string' },
  account: { type: 'string', multiple: true },
  faults: { type: 'string' },
  'token-ttl-ms': { type: 'string' },
  'clock-offset-ms': { type: 'string' },
  url: { type: 'string' },
  code: { type: 'string' },
  status: { type: 'string' },
  handler: { type: 'string' },
  title: { type: 'string' },
  department: { type: 'string' },
  content: { type: 'string' },
  set: { type: 'string' },
  clear: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Hệ thống một cửa tỉnh giả lập (kiểm thử, tập huấn)
  npm run province -- [--port ${DEFAULT_PORT}] [--data-dir DIR] [--unit ${DEFAULT_UNIT}] [--account quay1:quay1-matkhau …] [--faults '{"rate":0.2}']
  npm run province -- status (--data-dir DIR | --url URL) --code MÃ_HỒ_SƠ --status 1..10 [--handler TÊN] [--content NỘI_DUNG]
  npm run province -- faults --url URL (--set '{"down":true}' | --clear)`;

class UsageError extends Error {}

const integer = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} phải là số nguyên`);
  return Number(text);
};

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`--${name} không phải JSON`);
  }
}

function accountsOf(list: string[] | undefined, unitCode: string): ProvinceAccount[] | undefined {
  if (!list?.length) return undefined;
  return list.map((spec) => {
    const [username, password, unit] = spec.split(':');
    if (!username || !password) throw new UsageError(`--account ${spec}: cần dạng tên:mật-khẩu[:mã-đơn-vị]`);
    return { username, password, unitCode: unit || unitCode };
  });
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

async function serve(values: Values): Promise<void> {
  const unitCode = values.unit ?? DEFAULT_UNIT;
  const dataDir = values['data-dir'] ?? join(tmpdir(), 'motcua-province');
  const province = await startProvince({
    port: integer('port', values.port) ?? DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    dataDir,
    unitCode,
    accounts: accountsOf(values.account, unitCode),
    faults: values.faults ? faultPatch.parse(parseJson('faults', values.faults)) : undefined,
    tokenTtlMs: integer('token-ttl-ms', values['token-ttl-ms']),
    clockOffsetMs: integer('clock-offset-ms', values['clock-offset-ms']),
  });
  process.stdout.write(
    `${JSON.stringify({ url: province.url, nationalUrl: province.nationalUrl, adminUrl: province.adminUrl, port: province.port, pid: process.pid, dataDir, unitCode })}\n`,
  );
  process.stderr.write(`Hệ thống tỉnh giả lập đang chạy. Trang quản trị: ${province.adminUrl} — dữ liệu: ${dataDir}. Ctrl+C để dừng.\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second signal: do not wait any longer
    stopping = true;
    province.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function postAdmin(url: string, path: string, body: unknown): Promise<unknown> {
  const target = new URL(`/_admin${path}`, new URL(url).origin);
  const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const reply = (await res.json().catch(() => null)) as { message?: string } | null;
  if (!res.ok) throw new UsageError(`${res.status}: ${reply?.message ?? res.statusText}`);
  return reply;
}

async function status(values: Values): Promise<void> {
  const request = adminStatusRequest.parse({
    code: values.code ?? '',
    status: integer('status', values.status),
    handler: values.handler ?? null,
    title: values.title ?? null,
    department: values.department ?? null,
    content: values.content ?? null,
  });
  if (values.url) {
    process.stdout.write(`${JSON.stringify(await postAdmin(values.url, '/status', request))}\n`);
    return;
  }
  if (!values['data-dir']) throw new UsageError('cần --data-dir hoặc --url');
  const store = new ProvinceStore(values['data-dir']);
  try {
    const { code, status: s, ...progress } = request;
    const dossier = store.setStatus(code, { ...progress, status: s }, new Date());
    if (!dossier) throw new UsageError(`Không tìm thấy hồ sơ ${code}`);
    process.stdout.write(`${JSON.stringify({ code, status: dossier.record.status, version: dossier.version })}\n`);
  } finally {
    store.close();
  }
}

async function faults(values: Values): Promise<void> {
  if (!values.url) throw new UsageError('cần --url của bản giả lập đang chạy');
  const reply = values.clear ? await postAdmin(values.url, '/faults/clear', {}) : await postAdmin(values.url, '/faults', faultPatch.parse(parseJson('set', values.set ?? '{}')));
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options, allowPositionals: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const command = positionals[0] ?? 'serve';
  if (command === 'serve') return serve(values);
  if (command === 'status') return status(values);
  if (command === 'faults') return faults(values);
  throw new UsageError(`lệnh không rõ: ${command}`);
}

main().catch((e: unknown) => {
  const message = e instanceof z.ZodError ? z.prettifyError(e) : e instanceof Error ? e.message : String(e);
  process.stderr.write(`${message}\n${e instanceof UsageError || e instanceof z.ZodError ? `\n${USAGE}\n` : ''}`);
  process.exit(2);
});
