import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ImportReport, ProcedureHit } from '../../../shared/api/calls/catalog';
import { catalogText } from '../../../shared/i18n/vi-catalog';
import { callCore } from '../call-core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const t = catalogText.import;
/** A province's catalogue is a few MB; anything far bigger is not a catalogue. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

async function callCatalog<T>(dataDir: string, json: boolean, method: string, input: unknown): Promise<T> {
  return (await callCore({ dataDir, json }, method, input)) as T;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    const buf = readFileSync(file);
    if (buf.length > MAX_FILE_BYTES) fail(t.cannotRead(file, `lớn quá ${MAX_FILE_BYTES / 1024 / 1024} MB`));
    text = buf.toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    fail(t.cannotRead(file, (e as NodeJS.ErrnoException).code ?? String(e)));
  }
  try {
    return JSON.parse(text);
  } catch {
    fail(`${file}: ${t.notJson}`);
  }
}

function describeReport(r: ImportReport): string {
  if (r.errors.length > 0) return [t.failed(r.errors.length), ...r.errors.map((e) => `- ${e.message}`)].join('\n');
  const lines = [t.done(r.added, r.updated, r.unchanged)];
  for (const c of r.changed) lines.push(`  ${c.status === 'added' ? '+' : '~'} ${c.code} (${catalogText.version(c.version)})`);
  return lines.join('\n');
}

/** `motcua catalog import|export|search`: the procedure catalogue for admins and scripts. */
export function registerCatalog(program: Command, globals: () => GlobalOptions): void {
  const catalog = program.command('catalog').description('Danh mục thủ tục hành chính: nhập, xuất, tìm kiếm');

  catalog
    .command('import')
    .description('Nhập danh mục từ tệp JSON (định dạng motcua-catalog); tệp có lỗi thì không nhập gì')
    .argument('<file>', 'tệp JSON danh mục')
    .action(async (file: string) => {
      const { dataDir, json } = globals();
      const raw = readJsonFile(resolve(file));
      const report = await callCatalog<ImportReport>(dataDir, json, 'catalog.import', { file: raw });
      if (report.errors.length > 0) {
        if (json) printResult(true, report, () => '');
        else process.stderr.write(`${describeReport(report)}\n`);
        process.exit(1);
      }
      printResult(json, report, () => describeReport(report));
    });

  catalog
    .command('export')
    .description('Xuất phiên bản hiện hành của mọi thủ tục ra tệp JSON (hoặc ra màn hình)')
    .option('--out <file>', 'ghi ra tệp này thay vì in ra màn hình')
    .action(async (opts: { out?: string }) => {
      const { dataDir, json } = globals();
      const file = await callCatalog<{ procedures: unknown[] }>(dataDir, json, 'catalog.export', {});
      if (!opts.out) {
        process.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
        return;
      }
      const out = resolve(opts.out);
      writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      printResult(json, { file: out, procedures: file.procedures.length }, () => t.exported(file.procedures.length, out));
    });

  catalog
    .command('search')
    .description('Tìm thủ tục theo mã hoặc theo tên (gõ có dấu hay không dấu đều được)')
    .argument('<query>', 'mã hoặc các từ trong tên, ví dụ "chung thuc" hoặc 2.0008')
    .option('--limit <n>', 'số kết quả tối đa', '20')
    .action(async (query: string, opts: { limit: string }) => {
      const { dataDir, json } = globals();
      const limit = Number(opts.limit);
      const hits = await callCatalog<ProcedureHit[]>(dataDir, json, 'catalog.search', { query, limit });
      printResult(json, hits, () =>
        hits.length === 0 ? t.searchEmpty : hits.map((h) => `${h.code.padEnd(24)} ${h.name} (${catalogText.version(h.version)})`).join('\n'),
      );
    });
}
