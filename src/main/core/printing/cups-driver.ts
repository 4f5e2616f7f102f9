import { execFile as nodeExecFile } from 'node:child_process';
import { sleep } from './abortable-sleep';
import { AppError } from '../../../shared/api/errors';
import { printingText } from '../../../shared/i18n/vi-printing';
import type { JobState, PrintOptions, PrintOutcome, PrintProgress, PrintRequest, PrinterDriver, PrinterInfo, PrinterState } from './printer-driver';
import { describeReason } from './printer-reasons';

// CUPS through its own command-line clients (Linux, macOS). Facts this file relies on, checked
// against CUPS 2.4 (see tests/integration/cups-printing.test.ts and the fixtures in
// tests/unit/printing/fixtures, captured from the real tools):
// - `lp` exiting 0 only means "queued": a disabled queue holds the job, so the job is polled.
// - `lpstat -l -o` shows a job's job-state-reasons ("Alerts:") and the printer's message
//   ("Status:") but not its job-state; once finished, CUPS 2.4 reports the reason
//   "processing-to-stop-point" for completed AND cancelled jobs alike. Only an IPP
//   Get-Job-Attributes tells them apart, so `ipptool` (cups-ipp-utils; part of macOS) is asked
//   for the final verdict when it is installed. Without it, a job cancelled by someone else
//   would be taken for printed: that is the one thing lpstat alone cannot see.
// - A job whose filter failed (a broken PDF) stays "processing-stopped" with the reason
//   job-completed-with-errors: it never finishes by itself, so it is cancelled and reported.
// Commands run through execFile with an argument array (no shell, file names never parsed) and
// the caller's environment, so CUPS_SERVER and ~/.cups/client.conf keep working; only the
// locale is forced to C so the English texts parsed below do not change with the user's language.

/** Node's execFile, promisified; rejects with an error that carries `code`, `stdout`, `stderr`. */
export type ExecFile = (
  file: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; timeout: number; maxBuffer: number },
) => Promise<{ stdout: string; stderr: string }>;

export const execFileUtf8: ExecFile = (file, args, options) =>
  new Promise((resolve, reject) => {
    nodeExecFile(file, [...args], { ...options, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });

export interface CupsBinaries {
  lp: string;
  lpstat: string;
  cancel: string;
  /** Optional: without it, the outcome of a finished job comes from lpstat alone (see above). */
  ipptool?: string;
}

export interface CupsDriverOptions {
  env?: NodeJS.ProcessEnv;
  /** How often a submitted job is polled. */
  pollMs?: number;
  bin?: Partial<CupsBinaries>;
  /** Replaces execFile in unit tests. */
  execFile?: ExecFile;
}

const DEFAULT_BIN: CupsBinaries = { lp: 'lp', lpstat: 'lpstat', cancel: 'cancel', ipptool: 'ipptool' };
const DEFAULT_TIMEOUT_MS = 120_000;
const COMMAND_TIMEOUT_MS = 20_000;
/** After `cancel`, how long to wait for the job to leave the queue. */
const CANCEL_WAIT_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// Parsing lpstat's output (LANG=C). Exported for the unit tests over captured output.

export interface LpstatPrinter {
  name: string;
  state: PrinterState;
  /** "Q-12" when the printer is printing that job. */
  currentJob: string | null;
  /** printer-state-message: an administrator's reason, CUPS's "Paused", a backend's complaint. */
  message: string | null;
  description: string | null;
  /** printer-state-reasons, without "none". */
  keywords: string[];
}

export interface LpstatJob {
  /** "Q-12", as `lp` reported it. */
  id: string;
  queue: string;
  /** job-printer-state-message. */
  status: string | null;
  /** job-state-reasons, without "none". */
  keywords: string[];
}

export interface LpstatReport {
  printers: LpstatPrinter[];
  accepting: Map<string, { accepting: boolean; reason: string | null }>;
  jobs: LpstatJob[];
  /** undefined: the output did not say (no -d). */
  defaultPrinter: string | null | undefined;
}

const PRINTER_HEADER = /^printer (\S+) (is idle\.|now printing (\S+?)\.\s|disabled since|is holding new jobs\.)/;
const JOB_HEADER = /^(\S+)-(\d+)\s+\S+\s+\d+\s/;
const ACCEPTING_HEADER = /^(\S+) (not )?accepting requests since/;
const DEFAULT_LINE = /^system default destination: (\S+)/;
const NO_DEFAULT_LINE = /^no system default destination/;
/** The labels of `lpstat -l -p`; the printer's message is the indented line before them. */
const PRINTER_LABELS =
  /^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault|Users allowed|Users denied|Forms allowed|Banner required|Charset sets|Default pitch|Default page size|Default port settings)\b/;

const keywordsOf = (text: string) => text.split(/[\s,]+/).filter((k) => k !== '' && k !== 'none');

export function parseLpstat(text: string): LpstatReport {
  const report: LpstatReport = { printers: [], accepting: new Map(), jobs: [], defaultPrinter: undefined };
  const blocks: { header: string; lines: string[] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) blocks.at(-1)?.lines.push(line.replace(/^\t/, ''));
    else blocks.push({ header: line, lines: [] });
  }
  for (const { header, lines } of blocks) {
    const printer = PRINTER_HEADER.exec(header);
    if (printer) {
      const name = printer[1] ?? '';
      // Instances ("Q/duplex") are client-side option sets of the same queue.
      if (name.includes('/')) continue;
      const how = printer[2] ?? '';
      const first = lines[0];
      const message = first !== undefined && !PRINTER_LABELS.test(first) && first.trim() !== 'reason unknown' ? first.trim() : null;
      const field = (label: string) => lines.find((l) => l.startsWith(`${label}: `))?.slice(label.length + 2) ?? null;
      report.printers.push({
        name,
        state: how.startsWith('is idle') ? 'idle' : how.startsWith('now printing') ? 'printing' : 'stopped',
        currentJob: printer[3] ?? null,
        message: message === '' ? null : message,
        description: field('Description'),
        keywords: [...keywordsOf(field('Alerts') ?? ''), ...(how.startsWith('is holding') ? ['hold-new-jobs'] : [])],
      });
      continue;
    }
    const accepting = ACCEPTING_HEADER.exec(header);
    if (accepting) {
      const isAccepting = accepting[2] === undefined;
      const reason = lines[0]?.trim() || null;
      report.accepting.set(accepting[1] ?? '', { accepting: isAccepting, reason: isAccepting ? null : reason });
      continue;
    }
    const def = DEFAULT_LINE.exec(header);
    if (def) {
      report.defaultPrinter = (def[1] ?? '').split('/')[0] ?? null;
      continue;
    }
    if (NO_DEFAULT_LINE.test(header)) {
      report.defaultPrinter = null;
      continue;
    }
    const job = JOB_HEADER.exec(header);
    if (job) {
      const status = lines.find((l) => l.startsWith('Status: '))?.slice('Status: '.length).trim() ?? '';
      const alerts = lines.find((l) => l.startsWith('Alerts: '))?.slice('Alerts: '.length) ?? '';
      report.jobs.push({ id: `${job[1]}-${job[2]}`, queue: job[1] ?? '', status: status === '' ? null : status, keywords: keywordsOf(alerts) });
    }
  }
  return report;
}

/** "request id is FilePDF-12 (1 file(s))" → "FilePDF-12". Queue names may contain '-'. */
export function parseRequestId(text: string): string | null {
  const match = /request id is (.+-\d+) \(/.exec(text) ?? /request id is (\S+-\d+)/.exec(text);
  return match?.[1] ?? null;
}

const IPP_JOB_STATES: Record<string, JobState> = {
  pending: 'pending',
  'pending-held': 'held',
  processing: 'processing',
  'processing-stopped': 'stopped',
  canceled: 'canceled',
  aborted: 'aborted',
  completed: 'completed',
};

/** `ipptool -tv URI get-job-attributes.test` → the job's state, reasons and message. */
export function parseIpptoolJob(text: string): { state: JobState; keywords: string[]; message: string | null } | null {
  const value = (name: string) => new RegExp(`^\\s*${name} \\([^)]*\\) = (.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  const state = IPP_JOB_STATES[value('job-state') ?? ''];
  if (!state) return null;
  const message = value('job-printer-state-message');
  return { state, keywords: keywordsOf(value('job-state-reasons') ?? ''), message: message || null };
}

/** Where libcups sends requests (`lpstat -H`) → the URI of a job on that server, for ipptool. */
export function jobUri(server: string, jobNumber: string): string | null {
  const host = server.trim().split('/version=')[0] ?? '';
  if (host === '') return null;
  // A domain socket is written as a percent-encoded host name, as libcups itself does.
  const authority = host.startsWith('/') ? encodeURIComponent(host) : host;
  return `ipp://${authority}/jobs/${jobNumber}`;
}

// ---------------------------------------------------------------------------------------------
// Checking what goes on lp's command line.

const MEDIA_NAMES: Record<string, string> = { a3: 'A3', a4: 'A4', a5: 'A5', a6: 'A6', letter: 'Letter', legal: 'Legal' };

/** A CUPS media name for `-o media=…`, or null. lp splits option strings on spaces and commas. */
export function cupsMedia(media: string): string | null {
  const known = MEDIA_NAMES[media.trim().toLowerCase()];
  if (known) return known;
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(media) ? media : null;
}

/** CUPS queue names: printable, no space, '/', '#' or quote; a leading '-' would read as an option. */
export function isQueueName(name: string): boolean {
  return /^[^\s/#'"\\\-\p{Cc}][^\s/#'"\\\p{Cc}]{0,126}$/u.test(name);
}

// ---------------------------------------------------------------------------------------------

interface Result {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** The program is not installed. */
  missing: boolean;
}

const FAILED_JOB_REASONS = ['job-completed-with-errors', 'aborted-by-system', 'job-aborted-by-system', 'document-format-error', 'document-unprintable-error', 'document-access-error'];
const CANCELED_JOB_REASONS = ['job-canceled-by-user', 'job-canceled-by-operator', 'job-canceled-at-device'];

interface Observation {
  state: JobState;
  /** Vietnamese, for the clerk; null while nothing is wrong. */
  reason: string | null;
}

export function createCupsDriver(opts: CupsDriverOptions = {}): PrinterDriver {
  const bin: CupsBinaries = { ...DEFAULT_BIN, ...opts.bin };
  const execFile = opts.execFile ?? execFileUtf8;
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), LANG: 'C', LC_ALL: 'C' };
  const pollMs = opts.pollMs ?? 1000;
  let ipptoolMissing = !bin.ipptool;

  async function run(file: string, args: readonly string[]): Promise<Result> {
    try {
      const { stdout, stderr } = await execFile(file, args, { env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 });
      return { ok: true, stdout, stderr, missing: false };
    } catch (e) {
      const error = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      return { ok: false, stdout: error.stdout ?? '', stderr: error.stderr || error.message, missing: error.code === 'ENOENT' };
    }
  }

  const lpstat = (args: readonly string[]) => run(bin.lpstat, args);

  /** Throws when CUPS itself cannot be reached; `printer` names what the clerk was printing to. */
  function assertScheduler(result: Result, printer: string): void {
    if (result.missing) throw new AppError('PRINTER_UNREACHABLE', { printer, reason: printingText.driver.noCups });
    if (/scheduler is not running|unable to connect to server|connection refused/i.test(result.stderr)) {
      throw new AppError('PRINTER_UNREACHABLE', { printer, reason: printingText.driver.noScheduler });
    }
  }

  async function list(): Promise<PrinterInfo[]> {
    const [printers, accepting, defaults] = await Promise.all([lpstat(['-l', '-p']), lpstat(['-a']), lpstat(['-d'])]);
    for (const result of [printers, accepting, defaults]) assertScheduler(result, 'CUPS');
    const p = parseLpstat(printers.stdout);
    const a = parseLpstat(accepting.stdout).accepting;
    const d = parseLpstat(defaults.stdout).defaultPrinter ?? null;
    return p.printers.map((printer) => {
      const acceptance = a.get(printer.name) ?? { accepting: true, reason: null };
      const troubled = printer.state === 'stopped' || !acceptance.accepting;
      return {
        name: printer.name,
        description: printer.description || printer.name,
        isDefault: printer.name === d,
        state: printer.state,
        accepting: acceptance.accepting,
        reason: troubled ? (acceptance.reason ?? printer.message ?? (printer.keywords.join(' ') || null)) : null,
      };
    });
  }

  async function defaultPrinter(): Promise<string | null> {
    const result = await lpstat(['-d']);
    assertScheduler(result, 'CUPS');
    return parseLpstat(result.stdout).defaultPrinter ?? null;
  }

  async function printerReason(queue: string): Promise<{ message: string | null; keywords: string[]; accepting: { accepting: boolean; reason: string | null } | undefined }> {
    const result = await lpstat(['-l', '-p', queue, '-a', queue]);
    const report = parseLpstat(result.stdout);
    const printer = report.printers.find((p) => p.name === queue);
    return { message: printer?.message ?? null, keywords: printer?.keywords ?? [], accepting: report.accepting.get(queue) };
  }

  /** lp refused the job: say why in the clerk's terms. */
  async function submitError(printer: string, result: Result): Promise<AppError> {
    assertScheduler(result, printer);
    const said = result.stderr.replace(/^lp:\s*(Error - )?/gim, '').trim();
    if (/not accepting jobs/i.test(said)) {
      const { accepting, message, keywords } = await printerReason(printer);
      return new AppError('PRINT_REJECTED', { printer, reason: describeReason({ message: accepting?.reason ?? message ?? 'Rejecting Jobs', keywords }) });
    }
    if (/does not exist|invalid destination|unknown destination|not found/i.test(said)) {
      // lp says "does not exist" when the scheduler is down too; ask the scheduler itself.
      const status = await lpstat(['-r']);
      if (/not running/i.test(status.stdout + status.stderr)) {
        return new AppError('PRINTER_UNREACHABLE', { printer, reason: printingText.driver.noScheduler });
      }
      return new AppError('PRINTER_NOT_FOUND', { printer, reason: printingText.driver.notInList });
    }
    return new AppError('PRINT_FAILED', { printer, reason: said || printingText.stockMessages.unknown });
  }

  /** The job's state now, from the job lists and the printer's own state. */
  async function observe(queue: string, jobId: string): Promise<Observation> {
    const active = await lpstat(['-l', '-p', queue, '-W', 'not-completed', '-o', queue]);
    const report = parseLpstat(active.stdout);
    const job = report.jobs.find((j) => j.id === jobId);
    if (job) {
      const printer = report.printers.find((p) => p.name === queue);
      if (job.keywords.some((k) => FAILED_JOB_REASONS.includes(k))) {
        return { state: 'aborted', reason: describeReason({ message: job.status, keywords: job.keywords }) };
      }
      if (printer?.state === 'stopped') {
        return { state: 'stopped', reason: describeReason({ message: printer.message, keywords: printer.keywords }) };
      }
      const reason = describeReason({ message: job.status, keywords: [...job.keywords, ...(printer?.keywords ?? [])] }, '') || null;
      if (job.keywords.includes('job-hold-until-specified')) return { state: 'held', reason };
      if (printer?.currentJob === jobId || job.keywords.includes('job-printing')) return { state: 'processing', reason };
      return { state: 'pending', reason };
    }
    const done = await lpstat(['-l', '-W', 'completed', '-o', queue]);
    const finished = parseLpstat(done.stdout).jobs.find((j) => j.id === jobId);
    const verdict = await ippVerdict(jobId);
    if (verdict && (verdict.state === 'canceled' || verdict.state === 'aborted' || verdict.state === 'completed')) {
      return verdict.state === 'completed'
        ? { state: 'completed', reason: null }
        : { state: verdict.state, reason: describeReason({ message: verdict.message, keywords: verdict.keywords }, finalFallback(verdict.state)) };
    }
    // No ipptool: lpstat's reasons are all there is (and say "processing-to-stop-point" for
    // completed and cancelled jobs alike). A job gone from both lists was purged after
    // finishing (PreserveJobHistory Off).
    const keywords = finished?.keywords ?? [];
    if (keywords.some((k) => CANCELED_JOB_REASONS.includes(k))) return { state: 'canceled', reason: describeReason({ keywords }, finalFallback('canceled')) };
    if (keywords.some((k) => FAILED_JOB_REASONS.includes(k))) return { state: 'aborted', reason: describeReason({ message: finished?.status, keywords }) };
    return { state: 'completed', reason: null };
  }

  async function ippVerdict(jobId: string): Promise<ReturnType<typeof parseIpptoolJob>> {
    if (ipptoolMissing || !bin.ipptool) return null;
    const server = await lpstat(['-H']);
    const uri = jobUri(server.stdout, jobId.slice(jobId.lastIndexOf('-') + 1));
    if (!server.ok || !uri) return null;
    const result = await run(bin.ipptool, ['-T', '10', '-tv', uri, 'get-job-attributes.test']);
    if (result.missing) {
      ipptoolMissing = true;
      return null;
    }
    return parseIpptoolJob(result.stdout);
  }

  /** Cancels the job and waits (briefly) until CUPS no longer lists it as active. */
  async function cancelJob(queue: string, jobId: string): Promise<void> {
    await run(bin.cancel, [jobId]);
    const until = Date.now() + CANCEL_WAIT_MS;
    while (Date.now() < until) {
      const active = parseLpstat((await lpstat(['-W', 'not-completed', '-o', queue])).stdout);
      if (!active.jobs.some((j) => j.id === jobId)) return;
      await sleep(Math.min(pollMs, 200));
    }
  }

  async function print(req: PrintRequest, options: PrintOptions = {}): Promise<PrintOutcome> {
    const { printer } = req;
    const signal = options.signal;
    signal?.throwIfAborted();
    if (!isQueueName(printer)) throw new AppError('PRINTER_NOT_FOUND', { printer, reason: printingText.driver.invalidPrinter });
    if (!Number.isInteger(req.copies) || req.copies < 1 || req.copies > 999) {
      throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.invalidCopies(req.copies) });
    }
    const media = cupsMedia(req.media);
    if (!media) throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.invalidMedia(req.media) });
    const title = req.title.replace(/\p{Cc}/gu, ' ').slice(0, 200);

    const submitted = await run(bin.lp, ['-d', printer, '-n', String(req.copies), '-o', `media=${media}`, '-t', title, '--', req.file]);
    if (!submitted.ok) throw await submitError(printer, submitted);
    const jobId = parseRequestId(submitted.stdout);
    if (!jobId) throw new AppError('PRINT_FAILED', { printer, reason: submitted.stdout.trim() || printingText.stockMessages.unknown });
    const queue = jobId.slice(0, jobId.lastIndexOf('-'));

    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    for (;;) {
      if (signal?.aborted) {
        await cancelJob(queue, jobId);
        signal.throwIfAborted();
      }
      const observed = await observe(queue, jobId);
      const progress: PrintProgress = { jobId, state: observed.state, reason: observed.reason };
      options.onProgress?.(progress);
      if (observed.state === 'completed') return { jobId, state: 'completed' };
      if (observed.state === 'canceled' || observed.state === 'aborted') {
        // A failed job may still sit in the queue (processing-stopped): it must not print later.
        if (observed.state === 'aborted') await cancelJob(queue, jobId);
        throw new AppError('PRINT_FAILED', { printer, reason: observed.reason ?? finalFallback(observed.state) });
      }
      if (Date.now() >= deadline) {
        await cancelJob(queue, jobId);
        const reason = observed.reason ?? (await stuckReason(printer));
        throw new AppError('PRINT_STUCK', { printer, reason });
      }
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())), signal);
    }
  }

  async function stuckReason(printer: string): Promise<string> {
    const { message, keywords } = await printerReason(printer);
    return describeReason({ message, keywords });
  }

  return { kind: 'cups', list, defaultPrinter, print };
}

function finalFallback(state: JobState): string {
  return state === 'canceled' ? printingText.driver.canceled : printingText.driver.aborted;
}

