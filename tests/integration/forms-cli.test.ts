import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSeedSummary } from '../../src/main/cli/demo-seed';
import { FILE_QUEUE, startCups, type CupsHarness } from '../support/cups-harness';
import { motcua } from '../support/motcua-cli';
import { flat, pageCount, pdfText, qpdfCheck } from '../support/pdf-tools';
import { makeTempDir } from '../support/temp-dir';

// `motcua form render`, `motcua print` and `motcua printers`: what an admin runs to check forms
// and printers, against a real data dir and a private CUPS.

const json = <T>(r: { status: number | null; stdout: string; stderr: string }): T => {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

describe('motcua form render / print / printers', () => {
  const temp = makeTempDir('motcua-forms-cli-');
  const data = join(temp.dir, 'data');
  let cups: CupsHarness;
  let seeded: DemoSeedSummary & { firstCode: string; lastCode: string };
  const run = (args: string[]) => motcua(['--data-dir', data, ...args], { env: cups.env });

  beforeAll(async () => {
    cups = await startCups();
    seeded = json<DemoSeedSummary & { firstCode: string; lastCode: string }>(run(['--json', 'demo', 'seed', '--dossiers', '5', '--days', '2']));
  }, 90_000);
  afterAll(async () => {
    await cups?.stop();
    temp.cleanup();
  });

  it('renders form 01 of a dossier to a PDF file that checks clean and names the dossier', async () => {
    const out = join(temp.dir, 'giay-tiep-nhan.pdf');
    const r = json<{ file: string; size: number; sha256: string }>(run(['--json', 'form', 'render', '01', '--dossier', seeded.lastCode, '--out', out]));
    expect(r.file).toBe(out);
    expect((await qpdfCheck(out)).code).toBe(0);
    expect(flat(await pdfText(out))).toContain(seeded.lastCode);
    expect(await pageCount(out)).toBeGreaterThanOrEqual(2);
  });

  it('renders the ledger over a date range', async () => {
    const out = join(temp.dir, 'so.pdf');
    const r = run(['form', 'render', '07', '--from', '2020-01-01', '--to', '2030-12-31', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Đã ghi');
    // Codes break after their hyphen in the narrow column.
    expect(flat(await pdfText(out)).replace(/- /g, '-')).toContain(seeded.firstCode);
  });

  it('says what is missing, with exit code 2', () => {
    const r = run(['form', 'render', '01', '--out', join(temp.dir, 'x.pdf')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Cần --dossier');
    expect(run(['form', 'render', '09', '--dossier', seeded.lastCode, '--out', join(temp.dir, 'x.pdf')]).stderr).toContain('Biểu mẫu "09" không có');
  });

  it('prints a form to a named printer and waits for the job to complete', async () => {
    const r = json<{ printer: string; state: string; systemJobId: string }>(run(['--json', 'print', '--form', '01', '--dossier', seeded.lastCode, '--printer', FILE_QUEUE]));
    expect(r).toMatchObject({ printer: FILE_QUEUE, state: 'completed' });
    expect(flat(await pdfText(cups.outputFiles(FILE_QUEUE)[0]!))).toContain(seeded.lastCode);
  });

  it('lists the printers and the choices, and reports a printer that does not exist', () => {
    const text = run(['printers']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`${FILE_QUEUE} (mặc định)`);
    const bad = run(['print', '--form', '01', '--dossier', seeded.lastCode, '--printer', 'KhongCo']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('KhongCo');
  });
});
