import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMotcuaAdapter } from '../../src/main/core/sync/motcua-adapter';
import { createNationalAdapter, type NationalAdapterOptions } from '../../src/main/core/sync/national-adapter';
import type { Change, DossierRecord, FeedItem } from '../../src/main/core/sync/protocol';
import { SyncFailure, type AdapterOptions, type FileToSend, type SyncAdapter } from '../../src/main/core/sync/sync-adapter';
import { syncTransportText } from '../../src/shared/i18n/vi-sync-transport';
import { startProvince, type Province } from '../doubles/province/province-server';
import { makeTempDir } from '../support/temp-dir';
import { sampleRecord } from '../support/dossier-record-fixture';

// Both sync adapters over real HTTP on 127.0.0.1. First against small servers written here, one
// misbehaviour each (refused port, reset, silence past the timeout, 5xx, 507, expired token,
// oversize, malformed or off-schema replies, a chunk cut short, an offset mismatch), so every
// failure class is seen as the engine will see it. Then against the provincial double, which
// was written by someone else from the same description: both faces, end to end.

// ---- tiny servers --------------------------------------------------------------------------

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

interface TestServer {
  url: string;
  port: number;
  /** Method and path (with query) of every request, in order. */
  seen: { method: string; path: string; headers: IncomingMessage['headers']; body: Buffer }[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(handler: Handler, opts: { readBody?: boolean } = {}): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const seen: TestServer['seen'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const go = (body: Buffer) => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      Promise.resolve(handler(req, res, body)).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(599).end(String(e));
      });
    };
    if (opts.readBody === false) return go(Buffer.alloc(0));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => go(Buffer.concat(chunks)));
    req.on('error', () => undefined);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const s: TestServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const sock of sockets) sock.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
};
const nowIso = () => new Date().toISOString();
const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').pathname;

/** A free port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = await serve(() => undefined);
  await s.close();
  servers.splice(servers.indexOf(s), 1);
  return s.port;
}

const account = { username: 'quay1', password: 'quay1-matkhau', deviceId: 'device-test-1' };
const clockReadings: { serverTime: Date; sentAt: Date; receivedAt: Date }[] = [];
const options = (endpoint: string, o: Partial<AdapterOptions> = {}): AdapterOptions => ({
  endpoint,
  account,
  timeoutMs: 2_000,
  chunkBytes: 64 * 1024,
  onServerTime: (serverTime, sentAt, receivedAt) => clockReadings.push({ serverTime, sentAt, receivedAt }),
  ...o,
});

async function failureOf(p: Promise<unknown>): Promise<SyncFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SyncFailure) return e;
    throw e;
  }
  throw new Error('expected a SyncFailure, the call succeeded');
}

// ---- a small server of our protocol, with switches ---------------------------------------------

interface MotcuaSwitches {
  /** Answer /auth/token with this status instead of a token. */
  loginStatus?: number;
  /** Answer the next N authorised calls 401 token_expired. */
  expireNext?: number;
  /** Replace the /changes handler. */
  changes?: Handler;
  /** Called before PATCH processing; return true when it handled the request itself. */
  patchHook?: (req: IncomingMessage, res: ServerResponse, body: Buffer, held: number) => boolean;
  /** Make POST /files answer this offset (hostile). */
  offerOffset?: number;
}

function motcuaServer(sw: MotcuaSwitches = {}) {
  const tokens: string[] = [];
  const files = new Map<string, { size: number; bytes: Buffer; complete: boolean }>();
  const state = { logins: 0, sw };
  const handler: Handler = (req, res, body) => {
    const path = pathOf(req);
    if (path === '/api/health') return json(res, 200, { serverTime: nowIso(), protocol: 'motcua-sync/1' });
    if (path === '/api/auth/token') {
      state.logins++;
      if (state.sw.loginStatus) return json(res, state.sw.loginStatus, { error: 'bad_credentials', message: 'Sai mật khẩu' });
      const token = randomBytes(32).toString('hex');
      tokens.push(token);
      return json(res, 200, { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), unitCode: '000.00.06.H56', serverTime: nowIso() });
    }
    const auth = req.headers.authorization ?? '';
    if (!tokens.includes(auth.replace(/^Bearer /, '')) || (state.sw.expireNext ?? 0) > 0) {
      if (state.sw.expireNext) state.sw.expireNext--;
      return json(res, 401, { error: 'token_expired', message: 'Phiên đã hết hạn' });
    }
    if (path === '/api/changes') {
      if (state.sw.changes) return state.sw.changes(req, res, body);
      const { changes } = JSON.parse(body.toString()) as { changes: Change[] };
      return json(res, 200, { results: changes.map((c) => ({ key: c.key, outcome: 'applied' })), serverTime: nowIso() });
    }
    if (path === '/api/files' && req.method === 'POST') {
      const offer = JSON.parse(body.toString()) as { sha256: string; size: number };
      const f = files.get(offer.sha256) ?? { size: offer.size, bytes: Buffer.alloc(0), complete: false };
      files.set(offer.sha256, f);
      return json(res, 200, { offset: state.sw.offerOffset ?? f.bytes.length, complete: f.complete });
    }
    const m = /^\/api\/files\/([0-9a-f]{64})$/.exec(path);
    if (m && req.method === 'PATCH') {
      const f = files.get(m[1]!)!;
      if (state.sw.patchHook?.(req, res, body, f.bytes.length)) return;
      const offset = Number(req.headers['upload-offset']);
      if (offset !== f.bytes.length) return json(res, 409, { error: 'offset_mismatch' }, { 'Upload-Offset': String(f.bytes.length) });
      f.bytes = Buffer.concat([f.bytes, body]);
      if (f.bytes.length === f.size) f.complete = createHash('sha256').update(f.bytes).digest('hex') === m[1];
      res.writeHead(204, { 'Upload-Offset': String(f.bytes.length) }).end();
      return;
    }
    if (path === '/api/feed') return json(res, 200, { items: [], cursor: 'c0', hasMore: false, serverTime: nowIso() });
    json(res, 404, { error: 'not_found' });
  };
  return { handler, tokens, files, state };
}

const dossier = (n: number): DossierRecord =>
  sampleRecord({
    id: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${String(n).padStart(2, '0')}`,
    code: `000.00.06.H56-260213-${String(n).padStart(4, '0')}`,
    counterNumber: 1,
    procedureVersion: 1,
    feeTotal: 2000,
    details: { summary: 'Chứng thực bản sao', decidingAuthority: 'UBND phường Ba Đình', fees: { lines: [{ code: 'LP', name: 'Lệ phí', quantity: 1, unitAmount: 2000, amount: 2000 }], total: 2000 } },
  });
const receive = (n: number): Change => ({ key: `k-receive-${n}`, entity: 'dossier', entityId: dossier(n).id, at: '2026-02-13T02:59:00.000Z', operation: 'dossier.receive', payload: { record: dossier(n) } });
const statusOf = (n: number, status: number, note: string | null = null, k = 1): Change => ({
  key: `k-status-${n}-${k}`,
  entity: 'dossier',
  entityId: dossier(n).id,
  at: '2026-02-14T01:30:00.000Z',
  operation: 'dossier.status',
  payload: { status, revision: 1 + k, dueAt: null, pausedAt: null, note },
});

function fileOf(bytes: Buffer, reads: [number, number][] = []): FileToSend {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    mediaType: 'application/pdf',
    read: async (start, end) => {
      reads.push([start, end]);
      return bytes.subarray(start, end);
    },
  };
}

// ---- failure classes -------------------------------------------------------------------------

describe('failure classes (purpose-built servers)', () => {
  it('a refused port is offline', async () => {
    const port = await closedPort();
    const f = await failureOf(createMotcuaAdapter(options(`http://127.0.0.1:${port}/api`)).health());
    expect(f.kind).toBe('offline');
    expect(f.code).toBe('ECONNREFUSED');
    expect(f.message).toBe(syncTransportText.offline(syncTransportText.offlineDetail.refused));
  });

  it('a connection closed before any reply is offline, and so is a reset', async () => {
    const closed = await serve((req) => void req.socket.destroy());
    const f1 = await failureOf(createMotcuaAdapter(options(`${closed.url}/api`)).health());
    expect(f1.kind).toBe('offline');
    const reset = await serve((req) => void req.socket.resetAndDestroy());
    const f2 = await failureOf(createMotcuaAdapter(options(`${reset.url}/api`)).health());
    expect(f2.kind).toBe('offline');
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(f2.code);
  });

  it('silence past the timeout is offline with the "too slow" message', async () => {
    const s = await serve(() => undefined);
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`, { timeoutMs: 300 })).health());
    expect(f.kind).toBe('offline');
    expect(f.code).toBe('timeout');
    expect(f.message).toBe(syncTransportText.timeout(1));
  });

  it('a reply cut short after its headers is transient', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"serverTime":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).health());
    expect(f.kind).toBe('transient');
  });

  it('5xx, 429 and 408 are transient; 507 says the province is out of space', async () => {
    for (const status of [500, 502, 503, 429, 408]) {
      const s = await serve((_req, res) => json(res, status, { error: 'busy' }));
      const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).health());
      expect(f.kind, String(status)).toBe('transient');
      expect(f.status).toBe(status);
    }
    const full = await serve((_req, res) => json(res, 507, { error: 'disk_full' }));
    const f = await failureOf(createMotcuaAdapter(options(`${full.url}/api`)).health());
    expect(f).toMatchObject({ kind: 'transient', status: 507, code: 'disk_full', message: syncTransportText.diskFull });
  });

  it('another 4xx is rejected, with the server code and (cleaned) message', async () => {
    const s = await serve((_req, res) => json(res, 400, { error: 'bad_request', message: 'changes.0.key:\u0007 quá dài\n' }));
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).health());
    expect(f).toMatchObject({ kind: 'rejected', status: 400, code: 'bad_request' });
    expect(f.message).toBe(syncTransportText.rejected(400, 'changes.0.key: quá dài'));
  });

  it('an oversize reply is refused, announced or not', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const announced = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
      res.end(big);
    });
    expect(await failureOf(createMotcuaAdapter(options(`${announced.url}/api`)).health())).toMatchObject({ kind: 'protocol', code: 'too_large' });
    const chunked = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 9; i++) res.write(big.subarray(0, 1024 * 1024));
      res.end();
    });
    expect(await failureOf(createMotcuaAdapter(options(`${chunked.url}/api`)).health())).toMatchObject({ kind: 'protocol', code: 'too_large' });
  });

  it('malformed JSON and replies off the schema are protocol failures', async () => {
    const garbled = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"serverTime": "2026-');
    });
    const f1 = await failureOf(createMotcuaAdapter(options(`${garbled.url}/api`)).health());
    expect(f1.kind).toBe('protocol');
    expect(f1.message).toBe(syncTransportText.protocol(syncTransportText.protocolDetail.notJson));
    const offSchema = await serve((_req, res) => json(res, 200, { serverTime: 'yesterday', protocol: 'motcua-sync/1' }));
    const f2 = await failureOf(createMotcuaAdapter(options(`${offSchema.url}/api`)).health());
    expect(f2.kind).toBe('protocol');
    expect(f2.message).toContain('serverTime');
  });

  it('never follows a redirect, least of all to another host', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, { serverTime: nowIso(), protocol: 'motcua-sync/1' }));
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/api/health` }).end();
    });
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).health());
    expect(f).toMatchObject({ kind: 'protocol', status: 302, code: 'redirect' });
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('the caller stopping is not a failure of the province: the abort reason comes back', async () => {
    const s = await serve(() => undefined);
    const stop = new AbortController();
    const p = createMotcuaAdapter(options(`${s.url}/api`, { timeoutMs: 5_000 })).health(stop.signal);
    setTimeout(() => stop.abort(), 50);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an endpoint that is not an http(s) URL is refused before any request', () => {
    for (const bad of ['ftp://x/api', 'not a url', 'http://user:pw@host/api', 'http://host/api?x=1']) {
      expect(() => createMotcuaAdapter(options(bad)), bad).toThrow(SyncFailure);
    }
  });

  it("reports the server's clock with the device instants around the request", async () => {
    const stated = '2026-02-13T03:10:00.000Z';
    const s = await serve((_req, res) => json(res, 200, { serverTime: stated, protocol: 'motcua-sync/1' }));
    clockReadings.length = 0;
    const { serverTime } = await createMotcuaAdapter(options(`${s.url}/api`)).health();
    expect(serverTime.toISOString()).toBe(stated);
    expect(clockReadings).toHaveLength(1);
    expect(clockReadings[0]!.serverTime.toISOString()).toBe(stated);
    expect(clockReadings[0]!.sentAt.getTime()).toBeLessThanOrEqual(clockReadings[0]!.receivedAt.getTime());
  });
});

// ---- login and tokens --------------------------------------------------------------------------

describe('motcua adapter: login and token', () => {
  it('logs in lazily once, reuses the token, and logs in again once on 401 token_expired', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const a = createMotcuaAdapter(options(`${s.url}/api`));
    expect(p.state.logins).toBe(0);
    expect(await a.push([receive(1)])).toEqual([{ key: 'k-receive-1', outcome: 'applied' }]);
    expect(await a.push([receive(2)])).toEqual([{ key: 'k-receive-2', outcome: 'applied' }]);
    expect(p.state.logins).toBe(1);
    p.state.sw.expireNext = 1;
    expect(await a.push([receive(3)])).toEqual([{ key: 'k-receive-3', outcome: 'applied' }]);
    expect(p.state.logins).toBe(2);
    const changeCalls = s.seen.filter((r) => r.path === '/api/changes');
    expect(changeCalls.map((r) => r.headers.authorization)).toEqual([`Bearer ${p.tokens[0]}`, `Bearer ${p.tokens[0]}`, `Bearer ${p.tokens[0]}`, `Bearer ${p.tokens[1]}`]);
  });

  it('concurrent calls share one login', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const a = createMotcuaAdapter(options(`${s.url}/api`));
    await Promise.all([a.push([receive(1)]), a.push([receive(2)]), a.pull(null, 10)]);
    expect(p.state.logins).toBe(1);
  });

  it("a refused login is 'auth' with the admin's hint", async () => {
    const p = motcuaServer({ loginStatus: 401 });
    const s = await serve(p.handler);
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).push([receive(1)]));
    expect(f).toMatchObject({ kind: 'auth', status: 401, message: syncTransportText.authRefused });
    expect(s.seen.filter((r) => r.path === '/api/changes')).toHaveLength(0);
  });

  it("a fresh token refused again is transient, not 'auth' (the account was accepted)", async () => {
    const p = motcuaServer({ expireNext: 2 });
    const s = await serve(p.handler);
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).push([receive(1)]));
    expect(f).toMatchObject({ kind: 'transient', status: 401, message: syncTransportText.tokenRefused });
    expect(p.state.logins).toBe(2);
  });
});

// ---- push and pull -----------------------------------------------------------------------------

describe('motcua adapter: push and pull', () => {
  it('answers a change the protocol cannot carry locally and sends the rest', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const bad = { ...statusOf(1, 99), key: 'k-bad' } as Change;
    const results = await createMotcuaAdapter(options(`${s.url}/api`)).push([receive(1), bad]);
    expect(results).toContainEqual({ key: 'k-receive-1', outcome: 'applied' });
    expect(results.find((r) => r.key === 'k-bad')).toMatchObject({ outcome: 'rejected', error: 'invalid_change' });
    const sent = JSON.parse(s.seen.find((r) => r.path === '/api/changes')!.body.toString()) as { changes: Change[] };
    expect(sent.changes.map((c) => c.key)).toEqual(['k-receive-1']);
  });

  it('passes partial and repeated acknowledgements through, refuses results for keys never sent', async () => {
    const p = motcuaServer({
      changes: (_req, res, body) => {
        const { changes } = JSON.parse(body.toString()) as { changes: Change[] };
        const first = changes[0]!;
        json(res, 200, { results: [{ key: first.key, outcome: 'applied' }, { key: first.key, outcome: 'duplicate' }], serverTime: nowIso() });
      },
    });
    const s = await serve(p.handler);
    const a = createMotcuaAdapter(options(`${s.url}/api`));
    expect(await a.push([receive(1), receive(2)])).toEqual([
      { key: 'k-receive-1', outcome: 'applied' },
      { key: 'k-receive-1', outcome: 'duplicate' },
    ]);
    p.state.sw.changes = (_req, res) => json(res, 200, { results: [{ key: 'k-someone-else', outcome: 'applied' }], serverTime: nowIso() });
    expect(await failureOf(a.push([receive(3)]))).toMatchObject({ kind: 'protocol', code: 'unknown_key' });
  });

  it('pulls the feed with cursor and limit', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const a = createMotcuaAdapter(options(`${s.url}/api`));
    expect(await a.pull(null, 50)).toMatchObject({ items: [], cursor: 'c0', hasMore: false });
    await a.pull('c0', 5000);
    const feeds = s.seen.filter((r) => r.path.startsWith('/api/feed'));
    expect(feeds.map((r) => new URL(r.path, 'http://x').searchParams.toString())).toEqual(['limit=50', 'limit=1000&cursor=c0']);
  });
});

// ---- resumable upload --------------------------------------------------------------------------

describe('motcua adapter: resumable upload', () => {
  const bytes = randomBytes(200 * 1024 + 123);

  it('uploads in chunks with Upload-Offset and the offset+octet-stream type', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const file = fileOf(bytes);
    expect(await createMotcuaAdapter(options(`${s.url}/api`)).sendFile(file)).toEqual({ sent: bytes.length, deduplicated: false });
    const patches = s.seen.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => Number(r.headers['upload-offset']))).toEqual([0, 65536, 131072, 196608]);
    expect(patches.every((r) => r.headers['content-type'] === 'application/offset+octet-stream')).toBe(true);
    expect(p.files.get(file.sha256)).toMatchObject({ complete: true });
    expect(p.files.get(file.sha256)!.bytes.equals(bytes)).toBe(true);
  });

  it('a file the server holds is not sent again', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const a = createMotcuaAdapter(options(`${s.url}/api`));
    await a.sendFile(fileOf(bytes));
    const before = s.seen.length;
    expect(await a.sendFile(fileOf(bytes))).toEqual({ sent: 0, deduplicated: true });
    expect(s.seen.slice(before).map((r) => r.method)).toEqual(['POST']);
  });

  it('a chunk cut short fails this call; the next call resumes from what the server holds', async () => {
    let cut = false;
    const p = motcuaServer({
      // The second chunk: keep 10,000 of its bytes, then drop the connection without a reply.
      patchHook: (req, _res, body, held) => {
        if (cut || Number(req.headers['upload-offset']) !== 65536 || held !== 65536) return false;
        cut = true;
        const f = [...p.files.values()][0]!;
        f.bytes = Buffer.concat([f.bytes, body.subarray(0, 10_000)]);
        req.socket.destroy();
        return true;
      },
    });
    const s = await serve(p.handler);
    const a = createMotcuaAdapter(options(`${s.url}/api`));
    const reads: [number, number][] = [];
    const file = fileOf(bytes, reads);
    const f = await failureOf(a.sendFile(file));
    expect(['offline', 'transient']).toContain(f.kind);
    expect(p.files.get(file.sha256)!.bytes.length).toBe(65536 + 10_000);

    reads.length = 0;
    const second = await a.sendFile(file);
    expect(second).toEqual({ sent: bytes.length - 75_536, deduplicated: false });
    expect(reads[0]).toEqual([75_536, 75_536 + 65536]);
    expect(p.files.get(file.sha256)).toMatchObject({ complete: true });
    expect(p.files.get(file.sha256)!.bytes.equals(bytes)).toBe(true);
  });

  it('on 409 it asks the server for its offset and goes on from there', async () => {
    let lost = false;
    const p = motcuaServer({
      // The first chunk lands, but its reply is "lost": the server says 409 to our idea of the
      // offset on the next PATCH, which repeats the same chunk.
      patchHook: (req, res, body, held) => {
        if (lost || held !== 0) return false;
        lost = true;
        const f = [...p.files.values()][0]!;
        f.bytes = Buffer.concat([f.bytes, body]);
        res.writeHead(409, { 'content-type': 'application/json', 'Upload-Offset': String(f.bytes.length) }).end('{"error":"offset_mismatch"}');
        void req;
        return true;
      },
    });
    const s = await serve(p.handler);
    const file = fileOf(bytes);
    const r = await createMotcuaAdapter(options(`${s.url}/api`)).sendFile(file);
    expect(r.sent).toBe(bytes.length - 65536);
    const trail = s.seen.filter((x) => x.path.startsWith('/api/files')).map((x) => `${x.method} ${x.headers['upload-offset'] ?? ''}`.trim());
    expect(trail).toEqual(['POST', 'PATCH 0', 'POST', 'PATCH 65536', 'PATCH 131072', 'PATCH 196608']);
    expect(p.files.get(file.sha256)!.bytes.equals(bytes)).toBe(true);
  });

  it('never trusts an offset beyond the file', async () => {
    const p = motcuaServer({ offerOffset: bytes.length + 1 });
    const s = await serve(p.handler);
    expect(await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).sendFile(fileOf(bytes)))).toMatchObject({ kind: 'protocol', code: 'bad_offset' });
    const q = motcuaServer({ patchHook: (_req, res) => (res.writeHead(204, { 'Upload-Offset': String(10 * bytes.length) }).end(), true) });
    const s2 = await serve(q.handler);
    expect(await failureOf(createMotcuaAdapter(options(`${s2.url}/api`)).sendFile(fileOf(bytes)))).toMatchObject({ kind: 'protocol', code: 'bad_offset' });
  });

  it('a file the protocol cannot carry is rejected before any request', async () => {
    const p = motcuaServer();
    const s = await serve(p.handler);
    const f = await failureOf(createMotcuaAdapter(options(`${s.url}/api`)).sendFile({ ...fileOf(bytes), sha256: 'not-a-hash' }));
    expect(f).toMatchObject({ kind: 'rejected', code: 'invalid_file' });
    expect(s.seen).toHaveLength(0);
  });
});

// ---- the national adapter on a purpose-built server -----------------------------------------------

function nationalServer() {
  const sessions: string[] = [];
  const stored = new Set<string>();
  const state = { logins: 0, expireNext: 0, loginRefused: false, envelope401: 0 };
  const handler: Handler = (req, res, body) => {
    const path = pathOf(req);
    if (path === '/national/DangNhap') {
      state.logins++;
      const b = JSON.parse(body.toString()) as { TenDangNhap: string; MatKhau: string };
      if (state.loginRefused || b.MatKhau !== account.password) return json(res, 401, { error_code: 401, message: 'Sai tên đăng nhập hoặc mật khẩu' });
      const session = randomBytes(16).toString('hex');
      sessions.push(session);
      return json(res, 200, { error_code: 0, session, ThoiGianMayChu: '20260213100000' });
    }
    if (!sessions.includes(String(req.headers.session)) || state.expireNext > 0) {
      if (state.expireNext) state.expireNext--;
      return json(res, 401, { error_code: 401, message: 'Phiên hết hạn' });
    }
    if (state.envelope401 > 0) {
      state.envelope401--;
      return json(res, 200, { error_code: 401, message: 'Phiên hết hạn' });
    }
    if (path === '/national/DongBoHoSoMC') {
      const { data } = JSON.parse(body.toString()) as { data: { MaHoSo: string }[] };
      return json(res, 200, {
        error_code: 0,
        KetQua: data.map((h) => {
          const dup = stored.has(h.MaHoSo);
          stored.add(h.MaHoSo);
          return dup ? { MaHoSo: h.MaHoSo, error_code: 1, message: `Mã hồ sơ ${h.MaHoSo} đã tồn tại` } : { MaHoSo: h.MaHoSo, error_code: 0, message: 'Thành công' };
        }),
      });
    }
    if (path === '/national/CapNhatTienDoHoSoMC') {
      const { data } = JSON.parse(body.toString()) as { data: { MaHoSo: string; TrangThai: number }[] };
      return json(res, 200, { error_code: 0, KetQua: data.map((d) => (d.TrangThai === 8 ? { MaHoSo: d.MaHoSo, error_code: 2, message: 'Trạng thái không hợp lệ' } : { MaHoSo: d.MaHoSo, error_code: 0 })) });
    }
    json(res, 404, { error_code: 404, message: 'Không có' });
  };
  return { handler, state, sessions };
}

describe('national adapter (purpose-built server)', () => {
  const nopts = (url: string, o: Partial<NationalAdapterOptions> = {}): NationalAdapterOptions => ({ ...options(`${url}/national`), ...o });

  it('logs in with DangNhap, sends the session header, re-logs in once on HTTP 401 and on error_code 401', async () => {
    const n = nationalServer();
    const s = await serve(n.handler);
    const a = createNationalAdapter(nopts(s.url));
    clockReadings.length = 0;
    expect(await a.push([receive(1)])).toEqual([{ key: 'k-receive-1', outcome: 'applied' }]);
    expect(clockReadings[0]!.serverTime.toISOString()).toBe('2026-02-13T03:00:00.000Z');
    n.state.expireNext = 1;
    expect(await a.push([receive(2)])).toEqual([{ key: 'k-receive-2', outcome: 'applied' }]);
    n.state.envelope401 = 1;
    expect(await a.push([receive(3)])).toEqual([{ key: 'k-receive-3', outcome: 'applied' }]);
    expect(n.state.logins).toBe(3);
    const calls = s.seen.filter((r) => r.path === '/national/DongBoHoSoMC');
    expect(calls.map((r) => r.headers.session)).toEqual([n.sessions[0], n.sessions[0], n.sessions[1], n.sessions[1], n.sessions[2]]);
  });

  it("a refused DangNhap is 'auth'", async () => {
    const n = nationalServer();
    n.state.loginRefused = true;
    const s = await serve(n.handler);
    expect(await failureOf(createNationalAdapter(nopts(s.url)).push([receive(1)]))).toMatchObject({ kind: 'auth', message: syncTransportText.authRefused });
  });

  it('"đã tồn tại" is a duplicate; other item errors are rejected with the message', async () => {
    const n = nationalServer();
    const s = await serve(n.handler);
    const a = createNationalAdapter(nopts(s.url));
    await a.push([receive(1)]);
    const results = await a.push([receive(1), receive(2), statusOf(2, 8, 'Dừng'), statusOf(1, 4)]);
    expect(results).toEqual([
      { key: 'k-receive-1', outcome: 'duplicate', message: 'Mã hồ sơ 000.00.06.H56-260213-0001 đã tồn tại' },
      { key: 'k-receive-2', outcome: 'applied' },
      { key: 'k-status-2-1', outcome: 'rejected', error: 'national_2', message: 'Trạng thái không hợp lệ' },
      { key: 'k-status-1-1', outcome: 'applied' },
    ]);
    // Consecutive changes of one kind travel together.
    expect(s.seen.filter((r) => r.path !== '/national/DangNhap').map((r) => r.path)).toEqual([
      '/national/DongBoHoSoMC',
      '/national/DongBoHoSoMC',
      '/national/CapNhatTienDoHoSoMC',
    ]);
  });

  it("a status change of a dossier whose code it cannot find is a dead letter; the database lookup finds it", async () => {
    const n = nationalServer();
    const s = await serve(n.handler);
    const lonely = createNationalAdapter(nopts(s.url));
    expect(await lonely.push([statusOf(5, 4)])).toEqual([{ key: 'k-status-5-1', outcome: 'rejected', error: 'unknown_dossier_code', message: syncTransportText.unknownDossierCode }]);
    const wired = createNationalAdapter(nopts(s.url, { dossierCodes: { codeOf: (id) => (id === dossier(5).id ? dossier(5).code : null), idOf: () => null } }));
    expect(await wired.push([statusOf(5, 4)])).toEqual([{ key: 'k-status-5-1', outcome: 'applied' }]);
    const sent = JSON.parse(s.seen.filter((r) => r.path === '/national/CapNhatTienDoHoSoMC').at(-1)!.body.toString()) as { data: Record<string, unknown>[] };
    expect(sent.data[0]).toMatchObject({ MaHoSo: dossier(5).code, TrangThai: 4, ThoiDiemXuLy: '20260214083000', NoiDungXuLy: 'Đang xử lý' });
  });

  it('health reads the clock from the Date header of any reply of the base', async () => {
    const n = nationalServer();
    const s = await serve(n.handler);
    const { serverTime } = await createNationalAdapter(nopts(s.url)).health();
    expect(Math.abs(serverTime.getTime() - Date.now())).toBeLessThan(60_000);
    const down = await serve((_req, res) => json(res, 503, { error_code: 503 }));
    expect(await failureOf(createNationalAdapter(nopts(down.url)).health())).toMatchObject({ kind: 'transient', status: 503 });
  });
});

// ---- against the provincial double ------------------------------------------------------------------

const temp = makeTempDir('motcua-adapters-');
afterAll(() => temp.cleanup());

describe('against the provincial double', () => {
  let province: Province | null = null;
  afterEach(async () => {
    await province?.stop();
    province = null;
  });
  const start = async (name: string) => {
    province = await startProvince({ dataDir: join(temp.dir, name), port: 0 });
    return province;
  };
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(150 * 1024), Buffer.from('\n%%EOF\n')]);
  const attachOf = (n: number, file: FileToSend, key: string): Change => ({
    key,
    entity: 'dossier',
    entityId: dossier(n).id,
    at: nowIso(),
    operation: 'dossier.attach',
    payload: { attachments: [{ documentCode: 'GT01', sha256: file.sha256, size: file.size, pages: 1 }] },
  });

  async function drain(a: SyncAdapter, limit: number): Promise<{ items: FeedItem[]; cursor: string | null }> {
    const items: FeedItem[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page = await a.pull(cursor, limit);
      items.push(...page.items);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    return { items, cursor };
  }

  it('our protocol: health, receive, duplicate key, upload, attach, the agency decision in the feed', async () => {
    const p = await start('motcua');
    const a: SyncAdapter = createMotcuaAdapter(options(p.url));
    expect((await a.health()).serverTime).toBeInstanceOf(Date);
    expect(await a.push([receive(1), statusOf(1, 4)])).toEqual([
      { key: 'k-receive-1', outcome: 'applied' },
      { key: 'k-status-1-1', outcome: 'applied' },
    ]);
    expect((await a.push([receive(1)]))[0]).toMatchObject({ key: 'k-receive-1', outcome: 'duplicate' });

    const file = fileOf(pdf);
    expect((await a.push([attachOf(1, file, 'k-attach-1')]))[0]).toMatchObject({ outcome: 'retry', error: 'missing_file' });
    expect(await a.sendFile(file)).toEqual({ sent: pdf.length, deduplicated: false });
    expect(await a.sendFile(file)).toEqual({ sent: 0, deduplicated: true });
    expect((await a.push([attachOf(1, file, 'k-attach-1')]))[0]).toMatchObject({ outcome: 'applied' });
    expect(p.store.attachments().map((x) => x.sha256)).toEqual([file.sha256]);

    p.setStatus(dossier(1).code, 9, { handler: 'Phạm Thu', content: 'Đã ký kết quả' });
    const { items } = await drain(a, 2);
    const last = items.filter((it) => it.kind === 'dossier' && it.dossier.code === dossier(1).code).at(-1);
    expect(last).toMatchObject({ kind: 'dossier', dossier: { status: 9 }, progress: { handler: 'Phạm Thu', content: 'Đã ký kết quả', status: 9 } });
  });

  it('our protocol: a reply lost after the commit, then the same key again, is one dossier', async () => {
    const p = await start('commit');
    const a = createMotcuaAdapter(options(p.url));
    await a.health();
    p.setFaults({ rate: 1, kinds: ['resetAfterCommit'] });
    expect(['offline', 'transient']).toContain((await failureOf(a.push([receive(3)]))).kind);
    p.clearFaults();
    expect(await a.push([receive(3)])).toEqual([{ key: 'k-receive-3', outcome: 'duplicate' }]);
    expect(p.store.dossierCount()).toBe(1);
  });

  it('our protocol: an upload through resets, 500s, expired tokens and a full disk ends whole, resumed not restarted', async () => {
    const p = await start('resume');
    const a = createMotcuaAdapter(options(p.url, { chunkBytes: 16 * 1024, timeoutMs: 1_000 }));
    const file = fileOf(pdf);
    expect(await a.push([receive(4)])).toHaveLength(1);
    p.setFaults({ rate: 0.5, kinds: ['reset', 'resetAfterCommit', 'http500', 'expiredToken', 'diskFull'], seed: 20260213 });
    const kinds: string[] = [];
    let done: { sent: number; deduplicated: boolean } | null = null;
    for (let attempt = 0; attempt < 200 && !done; attempt++) {
      try {
        done = await a.sendFile(file);
      } catch (e) {
        if (!(e instanceof SyncFailure)) throw e;
        kinds.push(e.kind);
      }
    }
    p.clearFaults();
    expect(done).not.toBeNull();
    expect(kinds.length).toBeGreaterThan(0);
    // Only what the engine backs off from: nothing here is the admin's or a dead letter.
    expect(new Set(kinds)).toEqual(new Set(kinds.filter((k) => k === 'offline' || k === 'transient')));
    // The last call sent only what the server still lacked.
    expect(done!.sent).toBeLessThan(pdf.length);
    expect((await a.push([attachOf(4, file, 'k-attach-4')]))[0]).toMatchObject({ outcome: 'applied' });
    expect(p.store.file(file.sha256)).toMatchObject({ size: pdf.length });
  });

  it('national face: DangNhap, DongBoHoSoMC twice ("đã tồn tại"), CapNhatTienDoHoSoMC, attachment, LayDanhSachTienDo', async () => {
    const p = await start('national');
    const a = createNationalAdapter({ ...options(p.nationalUrl) });
    expect((await a.health()).serverTime).toBeInstanceOf(Date);
    expect(await a.push([receive(2), receive(7), receive(8)])).toEqual([
      { key: 'k-receive-2', outcome: 'applied' },
      { key: 'k-receive-7', outcome: 'applied' },
      { key: 'k-receive-8', outcome: 'applied' },
    ]);
    expect((await a.push([{ ...receive(2), key: 'k-receive-2b' }]))[0]).toMatchObject({ key: 'k-receive-2b', outcome: 'duplicate' });
    expect(await a.push([statusOf(2, 5, 'Thiếu bản chính')])).toEqual([{ key: 'k-status-2-1', outcome: 'applied' }]);
    const stored = p.store.dossierByCode(dossier(2).code);
    expect(stored?.record).toMatchObject({ status: 5, applicantName: 'Nguyễn Thị Hoa', procedureCode: '2.000815', receivedAt: dossier(2).receivedAt });

    // The upload must name its dossier: an attach pushed before sendFile asks for the file
    // ('retry' missing_file, as the engine expects), and goes once the file was handed over.
    const file = fileOf(pdf);
    expect(await a.push([attachOf(2, file, 'k-attach-n')])).toEqual([{ key: 'k-attach-n', outcome: 'retry', error: 'missing_file', message: syncTransportText.missingFile }]);
    expect(await a.sendFile(file)).toEqual({ sent: 0, deduplicated: false });
    expect(await a.push([attachOf(2, file, 'k-attach-n')])).toEqual([{ key: 'k-attach-n', outcome: 'applied' }]);
    expect(p.store.attachments().map((x) => x.documentCode)).toEqual(['GT01']);
    expect(p.store.file(file.sha256)).toMatchObject({ size: pdf.length });
    // The same scan attached to another dossier is uploaded for that dossier too.
    expect(await a.sendFile(file)).toEqual({ sent: 0, deduplicated: true });
    expect(await a.push([attachOf(7, file, 'k-attach-7')])).toEqual([{ key: 'k-attach-7', outcome: 'applied' }]);
    expect(p.stats().byRoute['POST /national/TaiTepDinhKem']).toBe(2);
    expect(p.store.attachments()).toHaveLength(2);

    p.setStatus(dossier(2).code, 9, { handler: 'Phạm Thu', content: 'Đã ký kết quả' });
    // One item per page: the cursor has to carry the reading on.
    const { items, cursor } = await drain(a, 1);
    const codes = items.flatMap((it) => (it.kind === 'dossier' ? [it.dossier.code] : []));
    expect(new Set(codes)).toEqual(new Set([dossier(2).code, dossier(7).code, dossier(8).code]));
    const mine = items.filter((it) => it.kind === 'dossier' && it.dossier.code === dossier(2).code);
    expect(mine.at(-1)).toMatchObject({ dossier: { status: 9, applicantName: 'Nguyễn Thị Hoa' }, progress: { handler: 'Phạm Thu', content: 'Đã ký kết quả', status: 9 } });
    // Sequence numbers only grow, and from the last cursor there is nothing new.
    const seqs = items.map((it) => it.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((await a.pull(cursor, 50)).items).toEqual([]);
  });

  it('national face: the feed names our dossier by our id when the lookup knows its code', async () => {
    const p = await start('national-ids');
    const codes = new Map([[dossier(6).code, dossier(6).id]]);
    const a = createNationalAdapter({ ...options(p.nationalUrl), dossierCodes: { codeOf: () => null, idOf: (c) => codes.get(c) ?? null } });
    await a.push([receive(6)]);
    const fresh = createNationalAdapter({ ...options(p.nationalUrl), dossierCodes: { codeOf: () => null, idOf: (c) => codes.get(c) ?? null } });
    const { items } = await drain(fresh, 50);
    expect(items.find((it) => it.kind === 'dossier')).toMatchObject({ dossier: { id: dossier(6).id, code: dossier(6).code } });
  });
});
