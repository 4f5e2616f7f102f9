import { describe, expect, it } from 'vitest';
import {
  CANCEL_SCRIPT,
  LIST_SCRIPT,
  QUEUE_SCRIPT,
  createWindowsDriver,
  jobState,
  jobStatusNames,
  parsePrinterList,
  parseQueue,
  powershellArgs,
  printerStatusNames,
  sumatraArgs,
} from '../../../src/main/core/printing/windows-driver';
import type { PrintProgress } from '../../../src/main/core/printing/printer-driver';
import { fakeExecFile, type Reply } from './fake-exec';
import { failure } from '../../support/app-error';

// The Windows driver cannot run here (no Windows, no PowerShell, no spooler, no SumatraPDF).
// These tests check what it would run and how it reads the answers, with execFile replaced.
// The JSON below is written by hand in the shape PowerShell 5.1's `ConvertTo-Json -Compress`
// gives for the scripts' objects; it was not captured from a real Windows machine.

const PRINTER = 'HP LaserJet MFP M135a';
const LIST_JSON = JSON.stringify({
  printers: [
    { Name: PRINTER, Comment: 'Tầng 1 - Bộ phận Một cửa', DriverName: 'HP LaserJet MFP M135a PCLm-S', PrinterStatus: 'Normal' },
    { Name: 'Microsoft Print to PDF', Comment: '', DriverName: 'Microsoft Print To PDF', PrinterStatus: 'Normal' },
    { Name: 'Canon LBP2900', Comment: null, DriverName: 'Canon LBP2900', PrinterStatus: 'Offline' },
    { Name: 'Brother HL-L2321D', Comment: '', DriverName: 'Brother HL-L2321D series', PrinterStatus: '5' },
  ],
  default: PRINTER,
});

const scriptOf = (args: string[]) => Buffer.from(args.at(-1) ?? '', 'base64').toString('utf16le');
const queueJson = (jobs: { Id: number; DocumentName: string; JobStatus: string }[], status = 'Normal', found = true) => ({
  stdout: JSON.stringify({ found, status, jobs }),
});

/** A Windows machine as the scripts would see it: `queues` answers each QUEUE_SCRIPT run in turn. */
function windows(routes: { queues?: Reply[]; sumatra?: Reply; powershell?: Reply }) {
  let polls = 0;
  return fakeExecFile((file, args) => {
    if (file === 'C:\\Tools\\SumatraPDF.exe') return routes.sumatra ?? {};
    if (routes.powershell) return routes.powershell;
    const script = scriptOf(args);
    if (script.startsWith('# motcua:list')) return { stdout: LIST_JSON };
    if (script.startsWith('# motcua:cancel')) return {};
    if (script.startsWith('# motcua:queue')) {
      const replies = routes.queues ?? [];
      return replies[Math.min(polls++, replies.length - 1)] ?? queueJson([]);
    }
    throw new Error(`unexpected command ${file}`);
  });
}


const request = { printer: PRINTER, file: 'C:\\Users\\motcua\\AppData\\Local\\Temp\\motcua-print-x\\01.pdf', copies: 2, media: 'A4', title: 'Mot Cua Desk - mau 01' };

describe('Windows driver: command lines', () => {
  it('hands PowerShell the script encoded, and the printer name only through the environment', async () => {
    const args = powershellArgs(QUEUE_SCRIPT);
    expect(args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(scriptOf(args)).toBe(QUEUE_SCRIPT);

    const hostile = "HP'; Remove-Item -Recurse C:\\; '";
    const exec = windows({ queues: [queueJson([], 'Normal', false)] });
    await failure(createWindowsDriver({ execFile: exec, sumatraPath: 'C:\\Tools\\SumatraPDF.exe' }).print({ ...request, printer: hostile }));
    const call = exec.calls[0];
    expect(call?.file).toBe('powershell.exe');
    expect(call?.args.join(' ')).not.toContain('Remove-Item');
    expect(call?.env['MOTCUA_PRINTER']).toBe(hostile);
    expect(QUEUE_SCRIPT).toContain('$_.Name -eq $env:MOTCUA_PRINTER');
    expect(CANCEL_SCRIPT).toContain('[uint32]$env:MOTCUA_JOB');
  });

  it('asks SumatraPDF for the copies and the paper, silently', () => {
    expect(sumatraArgs(request)).toEqual(['-print-to', PRINTER, '-print-settings', '2x,noscale,paper=A4', '-silent', request.file]);
    expect(sumatraArgs({ ...request, copies: 1, media: 'a5' })).toContain('1x,noscale,paper=A5');
    // The 80 mm slip keeps the roll the printer has.
    expect(sumatraArgs({ ...request, copies: 1, media: 'Custom.80x200mm' })).toContain('1x,noscale');
  });
});

describe('Windows driver: reading PowerShell', () => {
  it('lists printers with state, reason and the default from Win32_Printer', async () => {
    const printers = await createWindowsDriver({ execFile: windows({}) }).list();
    expect(printers).toEqual([
      { name: PRINTER, description: 'Tầng 1 - Bộ phận Một cửa', isDefault: true, state: 'idle', accepting: true, reason: null },
      { name: 'Microsoft Print to PDF', description: 'Microsoft Print To PDF', isDefault: false, state: 'idle', accepting: true, reason: null },
      { name: 'Canon LBP2900', description: 'Canon LBP2900', isDefault: false, state: 'stopped', accepting: true, reason: 'Offline' },
      { name: 'Brother HL-L2321D', description: 'Brother HL-L2321D series', isDefault: false, state: 'stopped', accepting: true, reason: 'PaperOut' },
    ]);
    expect(await createWindowsDriver({ execFile: windows({}) }).defaultPrinter()).toBe(PRINTER);
  });

  it('reads status names and numbers alike', () => {
    expect(printerStatusNames('Normal')).toEqual([]);
    expect(printerStatusNames(8)).toEqual(['Offline']);
    expect(printerStatusNames('Paused, Error')).toEqual(['Paused', 'Error']);
    expect(jobStatusNames('Printing, Retained')).toEqual(['Printing', 'Retained']);
    expect(jobStatusNames(0x10 | 0x2000)).toEqual(['Printing', 'Retained']);
    expect(jobStatusNames('8')).toEqual(['Spooling']);
    expect(jobState(['Error', 'Printing'])).toBe('stopped');
    expect(jobState(['Printed'])).toBe('completed');
    expect(jobState(['Deleting'])).toBe('canceled');
    expect(jobState([])).toBe('pending');
  });

  it('accepts a lone object where an array was meant, and a byte-order mark', () => {
    expect(parsePrinterList(`\uFEFF${JSON.stringify({ printers: { Name: 'Solo', PrinterStatus: 'Normal' }, default: null })}`)).toEqual({
      printers: [{ name: 'Solo', description: 'Solo', isDefault: false, state: 'idle', accepting: true, reason: null }],
      defaultPrinter: null,
    });
    expect(parseQueue(JSON.stringify({ found: true, status: 'Normal', jobs: { Id: 3, DocumentName: 'a.pdf', JobStatus: 'Spooling' } })).jobs).toEqual([
      { id: 3, document: 'a.pdf', status: ['Spooling'] },
    ]);
  });
});

describe('Windows driver: printing', () => {
  it('follows the new job until the spooler drops it', async () => {
    const other = { Id: 7, DocumentName: 'Microsoft Word - bao cao.docx', JobStatus: 'Paused' };
    const exec = windows({
      queues: [
        queueJson([other]),
        queueJson([other, { Id: 12, DocumentName: '01.pdf', JobStatus: 'Spooling' }], 'Printing'),
        queueJson([other, { Id: 12, DocumentName: '01.pdf', JobStatus: 'Printing, Retained' }], 'Printing'),
        queueJson([other]),
      ],
    });
    const seen: PrintProgress[] = [];
    const outcome = await createWindowsDriver({ execFile: exec, sumatraPath: 'C:\\Tools\\SumatraPDF.exe', pollMs: 1 }).print(request, { onProgress: (p) => seen.push(p) });
    expect(outcome).toEqual({ jobId: `${PRINTER}-12`, state: 'completed' });
    expect(seen.map((p) => p.state)).toEqual(['processing', 'processing', 'completed']);
    const sumatra = exec.calls.find((c) => c.file.endsWith('SumatraPDF.exe'));
    expect(sumatra?.args).toEqual(sumatraArgs(request));
  });

  it('removes a job stuck on an offline printer and says why in Vietnamese', async () => {
    const exec = windows({
      queues: [queueJson([]), queueJson([{ Id: 12, DocumentName: '01.pdf', JobStatus: 'Error, Offline' }], 'Offline')],
    });
    const error = await failure(createWindowsDriver({ execFile: exec, sumatraPath: 'C:\\Tools\\SumatraPDF.exe', pollMs: 5 }).print(request, { timeoutMs: 30 }));
    expect(error.code).toBe('PRINT_STUCK');
    expect(error.details['reason']).toBe('máy in báo lỗi; máy in không kết nối (tắt máy hoặc mất cáp)');
    const cancel = exec.calls.find((c) => scriptOf(c.args).startsWith('# motcua:cancel'));
    expect(cancel?.env).toMatchObject({ MOTCUA_PRINTER: PRINTER, MOTCUA_JOB: '12' });
  });

  it('fails a job someone deleted while it printed', async () => {
    const exec = windows({ queues: [queueJson([]), queueJson([{ Id: 12, DocumentName: '01.pdf', JobStatus: 'Deleting, Printing' }])] });
    const error = await failure(createWindowsDriver({ execFile: exec, sumatraPath: 'C:\\Tools\\SumatraPDF.exe', pollMs: 1 }).print(request));
    expect(error.code).toBe('PRINT_FAILED');
  });

  it('names the problem before SumatraPDF runs: unknown printer, no SumatraPDF, no PowerShell', async () => {
    const unknown = windows({ queues: [queueJson([], 'Normal', false)] });
    expect((await failure(createWindowsDriver({ execFile: unknown, sumatraPath: 'C:\\Tools\\SumatraPDF.exe' }).print(request))).code).toBe('PRINTER_NOT_FOUND');
    expect(unknown.calls.some((c) => c.file.endsWith('SumatraPDF.exe'))).toBe(false);

    const noSumatra = await failure(createWindowsDriver({ execFile: windows({}) }).print(request));
    expect(noSumatra.code).toBe('PRINT_FAILED');
    expect(noSumatra.details['reason']).toBe('chưa cài hoặc chưa cấu hình SumatraPDF để in tệp PDF');

    const noPowerShell = await failure(createWindowsDriver({ execFile: windows({ powershell: { code: 'ENOENT' } }) }).list());
    expect(noPowerShell.code).toBe('PRINTER_UNREACHABLE');
  });

  it('reports SumatraPDF failing', async () => {
    const exec = windows({ queues: [queueJson([])], sumatra: { code: 1, stderr: 'Error: cannot print to printer\r\n' } });
    const error = await failure(createWindowsDriver({ execFile: exec, sumatraPath: 'C:\\Tools\\SumatraPDF.exe' }).print(request));
    expect(error).toMatchObject({ code: 'PRINT_FAILED', details: { printer: PRINTER, reason: 'Error: cannot print to printer' } });
  });

  it('lists from the one script, with no printer named', () => {
    expect(LIST_SCRIPT).toContain("Win32_Printer -Filter 'Default=TRUE'");
    expect(LIST_SCRIPT).toContain('ConvertTo-Json');
  });
});
