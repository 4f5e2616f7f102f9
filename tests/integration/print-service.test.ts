import { createHash } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { createCupsDriver } from '../../src/main/core/printing/cups-driver';
import { createSlipRenderer } from '../../src/main/core/slip/slip-renderer';
import type { IssuedFormView, PrintResult } from '../../src/shared/api/calls/printing';
import type { EventPayload } from '../../src/shared/api/contract';
import { describeRule } from '../../src/shared/calendar/format';
import type { DueRule } from '../../src/shared/calendar/working-time';
import { startEscPosPrinter, type EscPosPrinterDouble } from '../doubles/escpos-printer';
import { openTestCore, systemContext, frozenClock } from '../support/core-fixture';
import { FILE_QUEUE, startCups, type CupsHarness } from '../support/cups-harness';
import { receiveSample } from '../support/dossier-fixture';
import { LONG_APPLICANT, longDossierOverrides } from '../support/long-dossier';
import { sampleAdmin, sampleOffice } from '../support/office-fixture';
import { flat, pdfText, readCodes } from '../support/pdf-tools';
import { callOk } from '../support/core-call';
import { readDatabase } from '../support/read-database';
import { makeTempDir } from '../support/temp-dir';

// The counter's whole print path against real parts: a real core and SQLite file, a private
// cupsd with a PDF-writing queue, Chromium for the slip, and an ESC/POS printer on TCP.

const ctx = systemContext('clerk', 'lan.nt');
const admin = systemContext('admin', 'quantri');

const call = <T>(core: Core, method: string, input: unknown, as = ctx) => callOk<T>(core, method, input, as);

async function callError(core: Core, method: string, input: unknown, as = ctx) {
  const r = await core.dispatch(method, input, as);
  if (r.ok) throw new Error(`${method} succeeded, an error was expected`);
  return r.error;
}

describe('printing forms through the core', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let cups: CupsHarness;
  let escpos: EscPosPrinterDouble;
  let core: Core;
  let dossier: { id: string; code: string };
  const slips = createSlipRenderer({ resourcesDir: join(__dirname, '../../resources'), chromiumPath: '/usr/bin/chromium' });

  beforeAll(async () => {
    tmp = makeTempDir();
    [cups, escpos] = await Promise.all([startCups(), startEscPosPrinter()]);
    await cups.addFileQueue('Rejecting', 'Hàng đợi từ chối');
    await cups.addFileQueue('Paused', 'Hàng đợi tạm dừng');
    core = openTestCore(tmp.dir, {
      clock: frozenClock('2026-11-23T03:00:00Z'),
      adapters: { printer: createCupsDriver({ env: cups.env, pollMs: 200 }), slipRenderer: slips },
    });
    const setup = await core.dispatch('auth.setup', { admin: sampleAdmin, office: sampleOffice }, admin);
    if (!setup.ok) throw new Error(setup.error.message);
    dossier = await receiveSample(core, ctx, longDossierOverrides());
  }, 60_000);

  afterAll(async () => {
    core?.close();
    await slips.close();
    await Promise.all([cups?.stop(), escpos?.stop()]);
    tmp?.cleanup();
  });

  it('prints the receipt without a dialog: the queue gets both copies with the dossier text, the form is archived', async () => {
    const result = await call<PrintResult>(core, 'printing.print', { target: { kind: 'dossierForm', dossier: dossier.code, form: '01' }, printer: FILE_QUEUE });
    expect(result).toMatchObject({ printer: FILE_QUEUE, state: 'completed' });
    expect(result.systemJobId).toMatch(new RegExp(`^${FILE_QUEUE}-\\d+$`));
    const [out] = cups.outputFiles(FILE_QUEUE);
    const text = flat(await pdfText(out!));
    expect(text).toContain(dossier.code);
    expect(text).toContain(LONG_APPLICANT);
    expect(text).toContain('Liên 1: Lưu');
    expect(text).toContain('Liên 2: Giao người nộp hồ sơ');

    const issued = await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code });
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ form: '01', dossierId: dossier.id, issuedBy: 'lan.nt', mediaType: 'application/pdf' });
    expect(issued[0]!.jobs).toEqual([expect.objectContaining({ printer: FILE_QUEUE, state: 'completed', reprint: false, copies: 1 })]);
    const file = await call<{ dataBase64: string; sha256: string }>(core, 'forms.issuedFile', { id: issued[0]!.id });
    expect(createHash('sha256').update(Buffer.from(file.dataBase64, 'base64')).digest('hex')).toBe(issued[0]!.sha256);
  });

  it('reprints the archived bytes, not a new render, and audits print and reprint', async () => {
    const [issued] = await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code });
    const before = await call<{ dataBase64: string }>(core, 'forms.issuedFile', { id: issued!.id });
    // The file queue rewrites one output file per job: keep what the first print produced.
    const [output] = cups.outputFiles(FILE_QUEUE);
    const firstText = flat(await pdfText(output!));
    const firstWritten = statSync(output!).mtimeMs;
    // Each progress event names the print it belongs to, by the caller's own mark.
    const progress: EventPayload<'printing.progress'>[] = [];
    const stop = core.events.subscribe((m) => m.event === 'printing.progress' && progress.push(m.payload as EventPayload<'printing.progress'>));
    const result = await call<PrintResult>(core, 'printing.reprint', { issuedFormId: issued!.id, printer: FILE_QUEUE, clientRef: 'quay-1-lan-in-2' }).finally(stop);
    expect(result.issuedFormId).toBe(issued!.id);
    expect(progress.at(-1)).toEqual({ jobId: result.jobId, clientRef: 'quay-1-lan-in-2', printer: FILE_QUEUE, state: 'completed', reason: null });
    expect(new Set(progress.map((p) => p.clientRef))).toEqual(new Set(['quay-1-lan-in-2']));
    const after = await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code });
    expect(after).toHaveLength(1);
    expect(after[0]!.jobs.map((j) => j.reprint).sort()).toEqual([false, true]);
    expect((await call<{ dataBase64: string }>(core, 'forms.issuedFile', { id: issued!.id })).dataBase64).toBe(before.dataBase64);
    expect(statSync(output!).mtimeMs).toBeGreaterThan(firstWritten);
    expect(flat(await pdfText(output!))).toBe(firstText);

    const actions = readDatabase(core.databaseFile, (db) => db.prepare("SELECT action FROM audit_log WHERE entity IN ('issued_form', 'print_job') ORDER BY seq").pluck().all());
    expect(actions).toEqual(['forms.issue', 'print', 'print.completed', 'print.reprint', 'print.completed']);
  });

  it('uses the printer chosen in the settings when none is named', async () => {
    await call(core, 'printing.updateSettings', { forms: { driver: 'system', printer: FILE_QUEUE, copies: 1, paper: 'A4' }, ledger: null, slip: null }, admin);
    const result = await call<PrintResult>(core, 'printing.print', {
      target: { kind: 'dossierForm', dossier: dossier.code, form: '02', params: { reason: 'Thiếu bản sao giấy chứng nhận kết hôn có chứng thực' } },
    });
    expect(result.printer).toBe(FILE_QUEUE);
    const outputs = cups.outputFiles(FILE_QUEUE);
    expect(flat(await pdfText(outputs.at(-1)!))).toContain('Thiếu bản sao giấy chứng nhận kết hôn có chứng thực');
  });

  it('tells the clerk why a rejecting queue refused the job, and records the failure', async () => {
    await cups.reject('Rejecting', 'Hết giấy khay 2');
    const error = await callError(core, 'printing.print', { target: { kind: 'dossierForm', dossier: dossier.code, form: '01' }, printer: 'Rejecting' });
    expect(error.code).toBe('PRINT_REJECTED');
    expect(error.message).toContain('Rejecting');
    expect(error.message).toContain('Hết giấy khay 2');
    const issued = await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code });
    const failed = issued.flatMap((f) => f.jobs).find((j) => j.printer === 'Rejecting');
    expect(failed).toMatchObject({ state: 'failed' });
    expect(failed!.reason).toContain('Hết giấy khay 2');
  });

  it('cancels a job held by a disabled queue after the admin’s timeout and names the printer’s reason', async () => {
    await call(core, 'printing.updateSettings', { forms: { driver: 'system', printer: FILE_QUEUE, copies: 1, paper: 'A4' }, ledger: null, slip: null, jobTimeoutSeconds: 5 }, admin);
    await cups.disable('Paused', 'Kẹt giấy ở khay ra');
    const error = await callError(core, 'printing.print', { target: { kind: 'dossierForm', dossier: dossier.code, form: '01' }, printer: 'Paused' });
    expect(error.code).toBe('PRINT_STUCK');
    expect(error.message).toContain('Kẹt giấy ở khay ra');
    // Nothing is left waiting in the queue to come out later, unexpectedly, as a duplicate.
    expect(await cups.lpstat(['-o', 'Paused'])).toBe('');
  }, 30_000);

  it('an unknown printer is named in the message', async () => {
    const error = await callError(core, 'printing.print', { target: { kind: 'dossierForm', dossier: dossier.code, form: '01' }, printer: 'KhongCo' });
    expect(error.code).toBe('PRINTER_NOT_FOUND');
    expect(error.message).toContain('KhongCo');
  });

  it('prints the 80 mm slip on an ESC/POS printer as an image whose QR is the lookup address', async () => {
    await call(core, 'printing.updateSettings', { forms: null, ledger: null, slip: { driver: 'escpos', host: '127.0.0.1', port: escpos.port } }, admin);
    const result = await call<PrintResult>(core, 'printing.print', { target: { kind: 'slip', dossier: dossier.code } });
    expect(result.printer).toBe(`127.0.0.1:${escpos.port}`);
    const [job] = await escpos.jobs();
    expect(job?.cut).toBe(true);
    const png = join(tmp.dir, 'slip.png');
    writeFileSync(png, job!.png!);
    expect(await readCodes(png)).toContain(`QR-Code:${sampleOffice.lookupUrlPattern.replace('{code}', dossier.code)}`);
    const issued = await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code });
    expect(issued.find((f) => f.form === 'slip')).toMatchObject({ mediaType: 'image/png', jobs: [expect.objectContaining({ driver: 'escpos', state: 'completed' })] });
  }, 60_000);

  it('refuses to send an A4 form to the thermal printer', async () => {
    await call(core, 'printing.updateSettings', { forms: { driver: 'escpos', host: '127.0.0.1', port: escpos.port }, ledger: null, slip: null }, admin);
    const error = await callError(core, 'printing.print', { target: { kind: 'dossierForm', dossier: dossier.code, form: '01' } });
    expect(error.code).toBe('PRINT_ESCPOS_SLIP_ONLY');
  });

  it('the ledger includes the last day the clerk names', async () => {
    const doc = await call<{ dataBase64: string }>(core, 'forms.preview', { kind: 'ledger', from: '2026-11-23', to: '2026-11-23' });
    const file = join(tmp.dir, 'ledger.pdf');
    writeFileSync(file, Buffer.from(doc.dataBase64, 'base64'));
    expect(flat(await pdfText(file)).replace(/- /g, '-')).toContain(dossier.code);
  });

  it('the receipt states the processing time of the procedure version received under', async () => {
    const doc = await call<{ dataBase64: string }>(core, 'forms.preview', { kind: 'dossierForm', dossier: dossier.code, form: '01' });
    const file = join(tmp.dir, 'receipt.pdf');
    writeFileSync(file, Buffer.from(doc.dataBase64, 'base64'));
    const detail = await call<{ procedure: { id: string } }>(core, 'dossiers.get', { idOrCode: dossier.code });
    const entry = await call<{ procedure: { processingTime: DueRule } }>(core, 'catalog.get', { id: detail.procedure.id });
    expect(flat(await pdfText(file))).toContain(describeRule(entry.procedure.processingTime));
  });

  it('previews without issuing anything', async () => {
    const before = (await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code })).length;
    const doc = await call<{ dataBase64: string; mediaType: string }>(core, 'forms.preview', { kind: 'dossierForm', dossier: dossier.code, form: '06' });
    expect(doc.mediaType).toBe('application/pdf');
    expect(Buffer.from(doc.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code })).toHaveLength(before);
  });

  it('stopping a dossier needs a reason, and form 05 prints that reason', async () => {
    const other = await receiveSample(core, ctx);
    const refused = await callError(core, 'dossiers.transition', { id: other.id, revision: other.revision, action: 'stop' });
    expect(refused.message).toContain('cần ghi lý do dừng xử lý');
    const reason = 'Cơ quan giải quyết dừng xử lý theo đề nghị của Ủy ban nhân dân phường Bến Thành';
    const stopped = await call<{ status: number; revision: number; history: { action: string; note: string | null }[] }>(core, 'dossiers.transition', {
      id: other.id,
      revision: other.revision,
      action: 'stop',
      note: reason,
    });
    expect(stopped.status).toBe(8);
    expect(stopped.history.at(-1)).toMatchObject({ action: 'dossier.stop', note: reason });
    const doc = await call<{ dataBase64: string }>(core, 'forms.preview', { kind: 'dossierForm', dossier: other.code, form: '05' });
    const file = join(tmp.dir, 'stop-05.pdf');
    writeFileSync(file, Buffer.from(doc.dataBase64, 'base64'));
    expect(flat(await pdfText(file))).toContain(reason);
    expect((await callError(core, 'dossiers.transition', { id: other.id, revision: stopped.revision, action: 'withdraw' })).code).toBe('INVALID_TRANSITION');
  });

  it('a job cut short by a crash is marked failed at the next start, never left "sent"', async () => {
    const [issued] = await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code });
    core.close();
    const db = new Database(join(tmp.dir, 'motcua.sqlite'));
    db.prepare(
      "INSERT INTO print_jobs (id, issued_form_id, driver, printer, copies, reprint, state, submitted_at, submitted_by) VALUES ('crashed-job', ?, 'cups', ?, 1, 0, 'submitted', ?, 'lan.nt')",
    ).run(issued!.id, FILE_QUEUE, Date.parse('2026-11-23T03:00:00Z'));
    db.close();
    core = openTestCore(tmp.dir, { adapters: { printer: createCupsDriver({ env: cups.env }), slipRenderer: slips } });
    const jobs = (await call<IssuedFormView[]>(core, 'forms.issued', { dossier: dossier.code })).flatMap((f) => f.jobs);
    expect(jobs.find((j) => j.id === 'crashed-job')).toMatchObject({ state: 'failed', reason: 'interrupted' });
  });

  it('lists the system printers with the default', async () => {
    const list = await call<{ printers: { name: string }[]; driver: string }>(core, 'printing.printers', {});
    expect(list.driver).toBe('cups');
    expect(list.printers.map((p) => p.name)).toEqual(expect.arrayContaining([FILE_QUEUE, 'Rejecting', 'Paused']));
  });
});
