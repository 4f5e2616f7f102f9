import { basename } from 'node:path';
import { sleep } from './abortable-sleep';
import { AppError } from '../../../shared/api/errors';
import { printingText } from '../../../shared/i18n/vi-printing';
import { execFileUtf8, type ExecFile } from './cups-driver';
import type { JobState, PrintOptions, PrintOutcome, PrintRequest, PrinterDriver, PrinterInfo, PrinterState } from './printer-driver';

// The Windows spooler, through PowerShell's PrintManagement cmdlets (Get-Printer, Get-PrintJob,
// Remove-PrintJob) and, for the default printer, Win32_Printer. A PDF is printed by SumatraPDF
// (`-print-to NAME -print-settings … -silent FILE`) when the administrator configured its path:
// Windows has no PDF printing of its own that works without a dialog.
//
// NOT RUN ON WINDOWS IN CI: our machines are Debian. The unit tests check the command lines and
// parse JSON shaped as PowerShell 5.1's ConvertTo-Json writes it, through an injected execFile;
// the scripts below have not been executed by these tests. Scripts are passed with
// -EncodedCommand (UTF-16LE base64), so no quoting rule of cmd.exe or PowerShell applies, and
// the printer name reaches them in an environment variable, never inside the script text.

export interface WindowsDriverOptions {
  execFile?: ExecFile;
  env?: NodeJS.ProcessEnv;
  /** powershell.exe (Windows PowerShell 5.1, always present) unless told otherwise. */
  powershell?: string;
  /** SumatraPDF.exe; without it the driver lists printers but cannot print. */
  sumatraPath?: string | null;
  pollMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const COMMAND_TIMEOUT_MS = 60_000;

const PRELUDE = "$ErrorActionPreference = 'Stop'\n[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n";
/** The printer named by $env:MOTCUA_PRINTER, matched exactly: Get-Printer -Name takes wildcards. */
const FIND_PRINTER = '$printer = Get-Printer | Where-Object { $_.Name -eq $env:MOTCUA_PRINTER } | Select-Object -First 1\n';

export const LIST_SCRIPT = `# motcua:list
${PRELUDE}$printers = @(Get-Printer | ForEach-Object {
  [pscustomobject]@{ Name = $_.Name; Comment = $_.Comment; DriverName = $_.DriverName; PrinterStatus = [string]$_.PrinterStatus }
})
$default = Get-CimInstance -ClassName Win32_Printer -Filter 'Default=TRUE' | Select-Object -First 1 -ExpandProperty Name
ConvertTo-Json -Compress -Depth 4 -InputObject ([pscustomobject]@{ printers = $printers; default = $default })
`;

export const QUEUE_SCRIPT = `# motcua:queue
${PRELUDE}${FIND_PRINTER}$jobs = @()
$status = $null
if ($printer) {
  $status = [string]$printer.PrinterStatus
  $jobs = @(Get-PrintJob -PrinterObject $printer | ForEach-Object {
    [pscustomobject]@{ Id = $_.Id; DocumentName = $_.DocumentName; JobStatus = [string]$_.JobStatus }
  })
}
ConvertTo-Json -Compress -Depth 4 -InputObject ([pscustomobject]@{ found = [bool]$printer; status = $status; jobs = $jobs })
`;

export const CANCEL_SCRIPT = `# motcua:cancel
${PRELUDE}${FIND_PRINTER}if ($printer) {
  Get-PrintJob -PrinterObject $printer | Where-Object { $_.Id -eq [uint32]$env:MOTCUA_JOB } | Remove-PrintJob
}
`;

/** powershell.exe's arguments for a script: no profile, no prompt, no quoting to get wrong. */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

// ---------------------------------------------------------------------------------------------
// Status values. [string] on the cmdlets' enums gives names ("Paused", "Printing, Retained");
// an older PrintManagement gives the number, so both are read.

/** MSFT_Printer.PrinterStatus, in order (0 = Normal). */
const PRINTER_STATUS = [
  'Normal', 'Paused', 'Error', 'PendingDeletion', 'PaperJam', 'PaperOut', 'ManualFeed', 'PaperProblem', 'Offline',
  'IOActive', 'Busy', 'Printing', 'OutputBinFull', 'NotAvailable', 'Waiting', 'Processing', 'Initializing', 'WarmingUp',
  'TonerLow', 'NoToner', 'PagePunt', 'UserIntervention', 'OutOfMemory', 'DoorOpen', 'ServerUnknown', 'PowerSave',
];
/** MSFT_PrintJob.JobStatus bit flags (JOB_STATUS_* in winspool.h). */
const JOB_STATUS_BITS: [number, string][] = [
  [0x1, 'Paused'], [0x2, 'Error'], [0x4, 'Deleting'], [0x8, 'Spooling'], [0x10, 'Printing'], [0x20, 'Offline'],
  [0x40, 'PaperOut'], [0x80, 'Printed'], [0x100, 'Deleted'], [0x200, 'Blocked'], [0x400, 'UserIntervention'],
  [0x800, 'Restarted'], [0x1000, 'Complete'], [0x2000, 'Retained'], [0x4000, 'RenderingLocally'],
];
const BUSY_PRINTER = new Set(['IOActive', 'Busy', 'Printing', 'Processing', 'Initializing', 'WarmingUp']);
/** Printer states that need a person; TonerLow and PowerSave still print. */
const TROUBLED_PRINTER = new Set([
  'Paused', 'Error', 'PendingDeletion', 'PaperJam', 'PaperOut', 'ManualFeed', 'PaperProblem', 'Offline', 'OutputBinFull',
  'NotAvailable', 'NoToner', 'PagePunt', 'UserIntervention', 'OutOfMemory', 'DoorOpen', 'ServerUnknown',
]);
const TROUBLED_JOB = new Set(['Error', 'Offline', 'PaperOut', 'Blocked', 'UserIntervention']);

const names = (value: unknown, numeric: (n: number) => string[]): string[] => {
  if (typeof value === 'number') return numeric(value);
  if (typeof value !== 'string' || value.trim() === '') return [];
  if (/^\d+$/.test(value.trim())) return numeric(Number(value));
  return value.split(',').map((s) => s.trim()).filter(Boolean);
};

export function printerStatusNames(value: unknown): string[] {
  return names(value, (n) => [PRINTER_STATUS[n] ?? String(n)]).filter((s) => s !== 'Normal');
}

export function jobStatusNames(value: unknown): string[] {
  return names(value, (n) => JOB_STATUS_BITS.filter(([bit]) => (n & bit) !== 0).map(([, name]) => name)).map((s) =>
    s === 'BlockedDevQ' ? 'Blocked' : s,
  );
}

export function printerState(status: string[]): PrinterState {
  if (status.some((s) => TROUBLED_PRINTER.has(s))) return 'stopped';
  if (status.some((s) => BUSY_PRINTER.has(s))) return 'printing';
  return 'idle';
}

export function jobState(status: string[]): JobState {
  const has = (s: string) => status.includes(s);
  if (has('Deleting') || has('Deleted')) return 'canceled';
  if (status.some((s) => TROUBLED_JOB.has(s))) return 'stopped';
  if (has('Printed') || has('Complete')) return 'completed';
  if (has('Paused')) return 'held';
  if (has('Printing') || has('Spooling') || has('RenderingLocally') || has('Restarted')) return 'processing';
  return 'pending';
}

/** Vietnamese words for Windows status names; null when none needs a person. */
export function windowsReason(status: string[]): string | null {
  const words = [...new Set(status.map((s) => printingText.windowsStatus[s]).filter((s): s is string => Boolean(s)))];
  return words.length > 0 ? words.join('; ') : null;
}

// ---------------------------------------------------------------------------------------------
// PowerShell's JSON.

interface ListJson {
  printers?: { Name?: unknown; Comment?: unknown; DriverName?: unknown; PrinterStatus?: unknown }[] | null;
  default?: unknown;
}

interface QueueJson {
  found?: unknown;
  status?: unknown;
  jobs?: { Id?: unknown; DocumentName?: unknown; JobStatus?: unknown }[] | { Id?: unknown; DocumentName?: unknown; JobStatus?: unknown } | null;
}

export interface WindowsJob {
  id: number;
  document: string;
  status: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** ConvertTo-Json writes a one-element array as the element itself in some cases: accept both. */
const many = <T>(v: T | T[] | null | undefined): T[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

export function parsePrinterList(json: string): { printers: PrinterInfo[]; defaultPrinter: string | null } {
  const data = JSON.parse(json.replace(/^\uFEFF/, '')) as ListJson;
  const defaultPrinter = str(data.default) || null;
  const printers = many(data.printers).map((p): PrinterInfo => {
    const status = printerStatusNames(p.PrinterStatus);
    const state = printerState(status);
    const name = str(p.Name);
    return {
      name,
      description: str(p.Comment) || str(p.DriverName) || name,
      isDefault: name === defaultPrinter,
      state,
      accepting: !status.includes('PendingDeletion'),
      reason: state === 'stopped' ? status.join(', ') : null,
    };
  });
  return { printers, defaultPrinter };
}

export function parseQueue(json: string): { found: boolean; status: string[]; jobs: WindowsJob[] } {
  const data = JSON.parse(json.replace(/^\uFEFF/, '')) as QueueJson;
  return {
    found: data.found === true,
    status: printerStatusNames(data.status),
    jobs: many(data.jobs).map((j) => ({ id: Number(j.Id), document: str(j.DocumentName), status: jobStatusNames(j.JobStatus) })),
  };
}

const SUMATRA_PAPER: Record<string, string> = { a3: 'A3', a4: 'A4', a5: 'A5', a6: 'A6', letter: 'letter', legal: 'legal' };

/** SumatraPDF's arguments. Custom sizes (the 80 mm slip) keep the printer's own paper. */
export function sumatraArgs(req: PrintRequest): string[] {
  const paper = SUMATRA_PAPER[req.media.trim().toLowerCase()];
  // noscale: official forms are laid out at their real size.
  const settings = [`${req.copies}x`, 'noscale', ...(paper ? [`paper=${paper}`] : [])].join(',');
  return ['-print-to', req.printer, '-print-settings', settings, '-silent', req.file];
}

// ---------------------------------------------------------------------------------------------

export function createWindowsDriver(opts: WindowsDriverOptions = {}): PrinterDriver {
  const execFile = opts.execFile ?? execFileUtf8;
  const powershell = opts.powershell ?? 'powershell.exe';
  const pollMs = opts.pollMs ?? 1000;
  const baseEnv = opts.env ?? process.env;

  async function ps(script: string, printer: string, extra: Record<string, string> = {}): Promise<string> {
    try {
      const { stdout } = await execFile(powershell, powershellArgs(script), {
        env: { ...baseEnv, MOTCUA_PRINTER: printer, ...extra },
        timeout: COMMAND_TIMEOUT_MS,
        maxBuffer: 8 * 1024 * 1024,
      });
      return stdout;
    } catch (e) {
      const error = e as NodeJS.ErrnoException & { stderr?: string };
      if (error.code === 'ENOENT') throw new AppError('PRINTER_UNREACHABLE', { printer: printer || 'Windows', reason: printingText.driver.noPowerShell });
      throw new AppError('PRINTER_UNREACHABLE', { printer: printer || 'Windows', reason: firstLine(error.stderr) || printingText.driver.noPowerShell });
    }
  }

  const queue = async (printer: string) => parseQueue(await ps(QUEUE_SCRIPT, printer));

  async function list(): Promise<PrinterInfo[]> {
    return parsePrinterList(await ps(LIST_SCRIPT, '')).printers;
  }

  async function defaultPrinter(): Promise<string | null> {
    return parsePrinterList(await ps(LIST_SCRIPT, '')).defaultPrinter;
  }

  async function cancel(printer: string, id: number): Promise<void> {
    await ps(CANCEL_SCRIPT, printer, { MOTCUA_JOB: String(id) }).catch(() => undefined);
  }

  async function print(req: PrintRequest, options: PrintOptions = {}): Promise<PrintOutcome> {
    const { printer } = req;
    const { signal } = options;
    signal?.throwIfAborted();
    if (!Number.isInteger(req.copies) || req.copies < 1 || req.copies > 999) {
      throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.invalidCopies(req.copies) });
    }
    if (!opts.sumatraPath) throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.noSumatra });

    const before = await queue(printer);
    if (!before.found) throw new AppError('PRINTER_NOT_FOUND', { printer, reason: printingText.driver.notInList });
    const known = new Set(before.jobs.map((j) => j.id));

    try {
      await execFile(opts.sumatraPath, sumatraArgs(req), { env: baseEnv, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 1024 * 1024 });
    } catch (e) {
      const error = e as NodeJS.ErrnoException & { stderr?: string };
      const reason = error.code === 'ENOENT' ? printingText.driver.noSumatra : firstLine(error.stderr) || `SumatraPDF: ${String(error.code ?? error.message)}`;
      throw new AppError('PRINT_FAILED', { printer, reason });
    }

    // Sumatra names the job after the file; among jobs that were not there before, prefer that one.
    const document = basename(req.file);
    let ours: number | null = null;
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    for (;;) {
      if (signal?.aborted) {
        if (ours !== null) await cancel(printer, ours);
        signal.throwIfAborted();
      }
      const now = await queue(printer);
      const fresh = now.jobs.filter((j) => !known.has(j.id));
      const job: WindowsJob | undefined = ours !== null ? now.jobs.find((j) => j.id === ours) : (fresh.find((j) => j.document.includes(document)) ?? fresh[0]);
      // Windows drops a job from the queue once printed (unless "keep printed documents" is
      // on); a job gone, or never seen after SumatraPDF had spooled it, has been printed. A job
      // deleted by someone else looks the same: the spooler keeps no history to ask.
      if (!job) {
        const jobId = `${printer}-${ours ?? 'spooled'}`;
        options.onProgress?.({ jobId, state: 'completed', reason: null });
        return { jobId, state: 'completed' };
      }
      ours = job.id;
      const jobId = `${printer}-${job.id}`;
      const state = jobState(job.status);
      const reason = state === 'stopped' || state === 'held' ? windowsReason([...job.status, ...now.status]) : windowsReason(now.status.filter((s) => TROUBLED_PRINTER.has(s)));
      options.onProgress?.({ jobId, state, reason });
      if (state === 'completed') return { jobId, state: 'completed' };
      if (state === 'canceled') throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.canceled });
      if (Date.now() >= deadline) {
        await cancel(printer, job.id);
        throw new AppError('PRINT_STUCK', { printer, reason: reason ?? printingText.stockMessages.unknown });
      }
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())), signal);
    }
  }

  return { kind: 'windows', list, defaultPrinter, print };
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
}

