import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCupsDriver } from '../../src/main/core/printing/cups-driver';
import type { PrintProgress, PrinterDriver } from '../../src/main/core/printing/printer-driver';
import { FILE_QUEUE, NETWORK_QUEUE, startCups, type CupsHarness } from '../support/cups-harness';
import { makeTempDir } from '../support/temp-dir';
import { failure } from '../support/app-error';

// The CUPS driver against a real, private cupsd (tests/support/cups-harness.ts): a queue that
// writes PDF files, a network printer played by ippeveprinter, and queues put into the faults a
// counter meets (rejecting, paused). Nothing here is mocked.

let cups: CupsHarness;
let temp: ReturnType<typeof makeTempDir>;
let driver: PrinterDriver;
let pdf: string;
const LINE = `MOTCUA CUPS TEST ${process.pid}`;

async function makePdf(path: string, text: string): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText(text, { x: 72, y: 760, size: 18, font });
  writeFileSync(path, await doc.save());
}

const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);


const request = (printer: string, copies = 1) => ({ printer, file: pdf, copies, media: 'A4', title: 'Mot Cua Desk - mau 01' });

beforeAll(async () => {
  cups = await startCups();
  temp = makeTempDir('motcua-print-');
  pdf = join(temp.dir, 'form 01 (bản in).pdf');
  await makePdf(pdf, LINE);
  driver = createCupsDriver({ env: cups.env, pollMs: 100 });
});

afterAll(async () => {
  await cups?.stop();
  temp?.cleanup();
});

describe('CUPS driver on a private cupsd', () => {
  it('lists the queues with their descriptions, and the default', async () => {
    const printers = await driver.list();
    expect(printers.map((p) => p.name).sort()).toEqual([FILE_QUEUE, NETWORK_QUEUE]);
    expect(printers.find((p) => p.name === FILE_QUEUE)).toEqual({
      name: FILE_QUEUE,
      description: 'Máy in PDF thử nghiệm',
      isDefault: true,
      state: 'idle',
      accepting: true,
      reason: null,
    });
    expect(printers.find((p) => p.name === NETWORK_QUEUE)).toMatchObject({ description: 'Máy in A4 qua mạng', isDefault: false, accepting: true });
    expect(await driver.defaultPrinter()).toBe(FILE_QUEUE);
  });

  it('prints to the file queue and waits until CUPS has finished, copies included', async () => {
    const seen: PrintProgress[] = [];
    const outcome = await driver.print(request(FILE_QUEUE, 2), { onProgress: (p) => seen.push(p) });
    expect(outcome.jobId).toMatch(new RegExp(`^${FILE_QUEUE}-\\d+$`));
    expect(outcome.state).toBe('completed');
    expect(seen.at(-1)).toEqual({ jobId: outcome.jobId, state: 'completed', reason: null });
    const [out] = cups.outputFiles(FILE_QUEUE);
    expect(out).toBeDefined();
    // The file device cannot make copies itself, so CUPS repeats the page.
    expect(pageCount(out ?? '')).toBe(2);
    expect(pdftotext(out ?? '').split(LINE).length - 1).toBe(2);
  });

  it('prints to a network printer over IPP: the document and its copies arrive there', async () => {
    const outcome = await driver.print(request(NETWORK_QUEUE, 2));
    expect(outcome.state).toBe('completed');
    const files = cups.outputFiles(NETWORK_QUEUE);
    expect(files).toHaveLength(1);
    expect(pdftotext(files[0] ?? '')).toContain(LINE);
    const job = await cups.networkJob(Number.parseInt(/^(\d+)-/.exec(files[0]?.split('/').at(-1) ?? '')?.[1] ?? '0', 10));
    expect(job).toMatch(/copies \(integer\) = 2/);
    expect(job).toMatch(/media-size=\{x-dimension=21000 y-dimension=29700\}/);
    expect(job).toMatch(/job-name \(nameWithoutLanguage\) = Mot Cua Desk - mau 01/);
  });

  it('reports a queue that rejects jobs, with the reason the administrator gave', async () => {
    await cups.addFileQueue('Rejecting');
    await cups.reject('Rejecting', 'Khay giấy bị kẹt');
    const error = await failure(driver.print(request('Rejecting')));
    expect(error.code).toBe('PRINT_REJECTED');
    expect(error.details).toEqual({ printer: 'Rejecting', reason: 'Khay giấy bị kẹt' });
    expect(error.message).toContain('Máy in Rejecting đang từ chối nhận lệnh in: Khay giấy bị kẹt.');
    const listed = (await driver.list()).find((p) => p.name === 'Rejecting');
    expect(listed).toMatchObject({ accepting: false, reason: 'Khay giấy bị kẹt' });
  });

  it('gives up on a paused queue after the timeout, cancels the job and says why', async () => {
    await cups.addFileQueue('Paused');
    await cups.disable('Paused', 'Hết giấy khay 2');
    const seen: PrintProgress[] = [];
    const error = await failure(driver.print(request('Paused'), { timeoutMs: 2500, onProgress: (p) => seen.push(p) }));
    expect(error.code).toBe('PRINT_STUCK');
    expect(error.details).toEqual({ printer: 'Paused', reason: 'Hết giấy khay 2' });
    expect(error.message).toContain('Lệnh in đã được hủy');
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.state === 'stopped' && p.reason === 'Hết giấy khay 2')).toBe(true);
    // Not left behind to print by surprise once someone resumes the queue.
    expect(await cups.lpstat(['-W', 'not-completed', '-o', 'Paused'])).toBe('');
    expect(cups.outputFiles('Paused')).toEqual([]);
    expect((await driver.list()).find((p) => p.name === 'Paused')).toMatchObject({ state: 'stopped', accepting: true, reason: 'Hết giấy khay 2' });
  });

  it('translates CUPS\'s own "Paused" when no reason was given', async () => {
    await cups.addFileQueue('PausedPlain');
    await cups.disable('PausedPlain');
    const error = await failure(driver.print(request('PausedPlain'), { timeoutMs: 1500 }));
    expect(error.code).toBe('PRINT_STUCK');
    expect(error.details['reason']).toBe('hàng đợi in đang tạm dừng');
    expect(await cups.lpstat(['-W', 'not-completed', '-o', 'PausedPlain'])).toBe('');
  });

  it('reports a job someone else cancelled as not printed (ipptool tells it from a completed one)', async () => {
    await cups.addFileQueue('Cancelled');
    await cups.disable('Cancelled', 'Chờ kiểm tra');
    let cancelled = false;
    const error = await failure(
      driver.print(request('Cancelled'), {
        timeoutMs: 15_000,
        onProgress: (p) => {
          if (!cancelled && p.state === 'stopped') {
            cancelled = true;
            void cups.cancel(p.jobId);
          }
        },
      }),
    );
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details['reason']).toMatch(/hủy/);
  });

  it('cancels the job when the caller aborts', async () => {
    await cups.addFileQueue('Aborted');
    await cups.disable('Aborted');
    const controller = new AbortController();
    const outcome = driver.print(request('Aborted'), { timeoutMs: 15_000, signal: controller.signal, onProgress: () => controller.abort(new Error('clerk cancelled')) });
    await expect(outcome).rejects.toThrow('clerk cancelled');
    expect(await cups.lpstat(['-W', 'not-completed', '-o', 'Aborted'])).toBe('');
  });

  it('fails a document the filters cannot read, and removes the stopped job', async () => {
    const broken = join(temp.dir, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.4\nthis is not a PDF body\n');
    const error = await failure(driver.print({ ...request(FILE_QUEUE), file: broken }, { timeoutMs: 15_000 }));
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details['reason']).toMatch(/trailer|lỗi/);
    expect(await cups.lpstat(['-W', 'not-completed', '-o', FILE_QUEUE])).toBe('');
  });

  it('names an unknown printer as not found', async () => {
    const error = await failure(driver.print(request('NoSuchPrinter')));
    expect(error.code).toBe('PRINTER_NOT_FOUND');
    expect(error.message).toContain('Không tìm thấy máy in NoSuchPrinter');
  });

  it('says so when the CUPS scheduler is not running at all', async () => {
    const offline = createCupsDriver({ env: { ...cups.env, CUPS_SERVER: join(temp.dir, 'no-cupsd.sock') }, pollMs: 100 });
    expect((await failure(offline.list())).code).toBe('PRINTER_UNREACHABLE');
    const error = await failure(offline.print(request(FILE_QUEUE)));
    expect(error.code).toBe('PRINTER_UNREACHABLE');
    expect(error.details['reason']).toBe('dịch vụ in của máy tính (CUPS) không chạy');
  });
});
