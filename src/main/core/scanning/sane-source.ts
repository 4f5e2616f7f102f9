import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../../../shared/api/errors';
import { scanSourcesText as text } from '../../../shared/i18n/vi-scan-sources';
import { scanningText } from '../../../shared/i18n/vi-scanning';
import { DEFAULT_SCAN_LIMITS, readPageFile, type ScanLimits } from './page-validation';
import type { ScanRun, ScanSettings, ScanSource } from './scan-source';

// Scanners driven by SANE (Linux; macOS with sane-backends) through its own command-line
// frontend, scanimage (sane-utils). Facts this file relies on, checked against sane-backends
// 1.1.1 and its `test` backend (tests/integration/sane-source.test.ts):
// - `scanimage -d DEV --help` prints the output formats this scanimage writes (jpeg and png since
//   1.0.28; pnm and tiff always) and then DEV's own options with their allowed values
//   (`--mode Gray|Color [Gray]`, `--resolution 1..1200dpi (in steps of 1) [50]`, `--source
//   Flatbed|Automatic Document Feeder [Flatbed]`). Names differ between backends (Lineart or
//   Binary or "Black & White"; "ADF Front", "ADF Duplex"), so they are chosen from that list.
// - With `--batch=DIR/p%04d.jpg --batch-print`, each page is written as p0001.jpg.part, renamed
//   when whole, and only then its name is printed on stdout: a printed name is a finished page,
//   so pages are handed over while the feeder still runs.
// - Exit status is the SANE status: 3 DEVICE_BUSY, 6 JAMMED, 7 NO_DOCS, 8 COVER_OPEN. A device
//   that cannot be opened exits 1 with "open of device X failed: <reason>". In an unlimited batch
//   an empty feeder after at least one page counts as success (0); so does a feeder that reports
//   NO_DOCS while reading the first page (no file is written): zero pages with status 0 from the
//   feeder is an empty feeder.
// - On SIGTERM scanimage cancels the scan (sane_cancel) and exits; it is killed (with its process
//   group) if it does not.
// - scanimage can hang after a scan has ended, inside the backend's sane_cancel (the `test`
//   backend does so in about 1 run in 50 after a fault: its reader thread deadlocks while
//   exiting). It has already printed how the scan ended ("sane_read: Document feeder jammed"),
//   so it gets a few seconds to exit, is then killed, and that line decides the outcome. A
//   scanimage silent for minutes is given up the same way.
// Commands run with an argument array (no shell) and the caller's environment (SANE_CONFIG_DIR
// and the like keep working), with LC_ALL=C so the texts parsed here do not change language.

export interface SaneSourceOptions {
  /** The SANE device name, as `scanimage -L` shows it ("epson2:libusb:001:004"). */
  device: string;
  /** The admin's name for it, shown to the clerk; the device name by default. */
  label?: string;
  /** Added to this process's environment (SANE_CONFIG_DIR for a private configuration). */
  env?: NodeJS.ProcessEnv;
  /** scanimage's path; `scanimage` on the PATH by default. */
  bin?: string;
  /** More device options, appended as they are (`--read-return-value SANE_STATUS_JAMMED`, `-x 210`). */
  deviceOptions?: readonly string[];
  /** Where each scan's temporary directory is made; the OS's by default. */
  tmpDir?: string;
  limits?: Partial<ScanLimits>;
  /** How long scanimage may take to cancel before it is killed. */
  killGraceMs?: number;
  /** How long scanimage may take to exit after it reported how the scan ended (see the header). */
  exitGraceMs?: number;
  /** How long a scan may go without a page or a word from scanimage before it is given up. */
  stallTimeoutMs?: number;
}

export interface SaneDevice {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

type Resolutions = { min: number; max: number; step: number } | { values: number[] };

/** What `scanimage -d DEV --help` says this scanimage and this device can do. */
export interface SaneCapabilities {
  formats: string[];
  /** False when the device's own options were missing: it could not be opened. */
  deviceFound: boolean;
  modes: string[] | null;
  sources: string[] | null;
  depths: number[] | null;
  resolutions: Resolutions | null;
}

const PROBE_TIMEOUT_MS = 30_000;
const LIST_TIMEOUT_MS = 30_000;
const KILL_GRACE_MS = 3000;
const EXIT_GRACE_MS = 5000;
/** A slow flatbed at 600 dpi in colour takes about a minute and a half per page. */
const STALL_TIMEOUT_MS = 180_000;
const STDERR_KEEP = 16_384;
/** After scanimage exits, how long its last output may take to arrive. */
const DRAIN_MS = 1000;

/** sane_strstatus() in English (LC_ALL=C) → the SANE status, which is also scanimage's exit status. */
const SANE_STATUS: Record<string, number> = {
  'Operation not supported': 1,
  'Operation was cancelled': 2,
  'Operation was canceled': 2,
  'Device busy': 3,
  'Invalid argument': 4,
  'End of file reached': 5,
  'Document feeder jammed': 6,
  'Document feeder out of documents': 7,
  'Scanner cover is open': 8,
  'Error during device I/O': 9,
  'Out of memory': 10,
  'Access to resource has been denied': 11,
};
/** "scanimage: sane_read: Document feeder jammed": how the scan ended, before scanimage exits. */
const ENDING = /^scanimage: sane_(?:start|read): (.+)$/m;

/** A constraint's values without the trailing `[default]` (which may itself hold brackets). */
function withoutDefault(rest: string): { constraint: string; current: string } {
  const trimmed = rest.trimEnd();
  if (!trimmed.endsWith(']')) return { constraint: trimmed, current: '' };
  let depth = 0;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    if (trimmed[i] === ']') depth++;
    else if (trimmed[i] === '[' && --depth === 0) return { constraint: trimmed.slice(0, i).trimEnd(), current: trimmed.slice(i + 1, -1) };
  }
  return { constraint: trimmed, current: '' };
}

const numbers = (list: string) =>
  list
    .split('|')
    .map((v) => Number.parseFloat(v))
    .filter((n) => Number.isFinite(n));

export function parseScanimageHelp(output: string): SaneCapabilities {
  const caps: SaneCapabilities = { formats: [], deviceFound: false, modes: null, sources: null, depths: null, resolutions: null };
  caps.formats = /--format=([a-z|]+)/.exec(output)?.[1]?.split('|') ?? [];
  const deviceSection = output.search(/^Options specific to device/m);
  if (deviceSection < 0) return caps;
  caps.deviceFound = true;
  for (const line of output.slice(deviceSection).split(/\r?\n/)) {
    const option = /^\s+--(mode|source|depth|resolution)\s+(.+)$/.exec(line);
    if (!option) continue;
    const { constraint, current } = withoutDefault(option[2] ?? '');
    if (current === 'inactive' || current === 'read-only') continue;
    switch (option[1]) {
      case 'mode':
        caps.modes = constraint.split('|');
        break;
      case 'source':
        caps.sources = constraint.split('|');
        break;
      case 'depth':
        caps.depths = numbers(constraint.replace(/bit$/, ''));
        break;
      case 'resolution': {
        const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)dpi(?:\s+\(in steps of (\d+(?:\.\d+)?)\))?/.exec(constraint);
        if (range) caps.resolutions = { min: Number(range[1]), max: Number(range[2]), step: Number(range[3] ?? 1) || 1 };
        else caps.resolutions = { values: numbers(constraint.replace(/dpi.*$/, '')) };
        break;
      }
    }
  }
  return caps;
}

const first = (values: string[] | null, ...tests: RegExp[]) => {
  for (const test of tests) {
    const found = values?.find((v) => test.test(v));
    if (found !== undefined) return found;
  }
  return undefined;
};

/** The device's value for a colour mode (and whether depth 1 stands in for a missing lineart). */
export function chooseMode(caps: SaneCapabilities, mode: ScanSettings['colorMode']): { mode: string; depth1: boolean } | null {
  const halftone = /diffusion|halftone|dither/i;
  const gray = first(caps.modes?.filter((m) => !halftone.test(m)) ?? null, /^gr[ae]y(scale)?$/i, /^true gr[ae]y$/i, /gr[ae]y/i);
  switch (mode) {
    case 'color':
      return ((m) => (m ? { mode: m, depth1: false } : null))(first(caps.modes, /^colou?r$/i, /24 ?bit colou?r/i, /colou?r|rgb/i));
    case 'grayscale':
      return gray ? { mode: gray, depth1: false } : null;
    case 'bw': {
      const lineart = first(caps.modes, /^lineart$/i, /^binary$/i, /black ?& ?white/i, /lineart|binary|mono/i);
      if (lineart) return { mode: lineart, depth1: false };
      return gray ? { mode: gray, depth1: caps.depths?.includes(1) ?? false } : null;
    }
  }
}

/** The device's value for a paper source, or null when it has none such. */
export function chooseSource(caps: SaneCapabilities, settings: Pick<ScanSettings, 'source' | 'duplex'>): string | null {
  if (settings.source === 'platen') return first(caps.sources, /flatbed|platen|normal|document table/i) ?? null;
  const feeders = caps.sources?.filter((s) => /adf|feeder|automatic/i.test(s)) ?? [];
  if (settings.duplex) return first(feeders, /duplex/i) ?? null;
  return first(feeders.filter((s) => !/duplex|back/i.test(s)), /front/i, /./) ?? null;
}

/** The allowed resolution nearest to the one asked for. */
export function chooseResolution(caps: SaneCapabilities, dpi: number): number {
  const r = caps.resolutions;
  if (!r) return dpi;
  if ('values' in r) return r.values.reduce((best, v) => (Math.abs(v - dpi) < Math.abs(best - dpi) ? v : best), r.values[0] ?? dpi);
  const clamped = Math.min(r.max, Math.max(r.min, dpi));
  return Math.min(r.max, r.min + Math.round((clamped - r.min) / r.step) * r.step);
}

/** JPEG when this scanimage writes it; otherwise PNG; otherwise TIFF (made into PNG pages). */
export function chooseFormat(caps: SaneCapabilities): { format: string; ext: string } {
  if (caps.formats.includes('jpeg')) return { format: 'jpeg', ext: 'jpg' };
  if (caps.formats.includes('png')) return { format: 'png', ext: 'png' };
  return { format: 'tiff', ext: 'tif' };
}

/** scanimage's arguments for one scan into `dir`. Throws when the device cannot do what is asked. */
export function scanimageArgs(device: string, shown: string, caps: SaneCapabilities, settings: ScanSettings, dir: string, extra: readonly string[] = []): string[] {
  const unsupported = (setting: string) => new AppError('SCANNER_SETTING_UNSUPPORTED', { device: shown, setting: scanningText.settings[setting] ?? setting });
  const args = ['-d', device];
  const { format, ext } = chooseFormat(caps);
  args.push(`--format=${format}`);
  if (caps.modes) {
    const mode = chooseMode(caps, settings.colorMode);
    if (!mode) throw unsupported(settings.colorMode);
    args.push('--mode', mode.mode, ...(mode.depth1 ? ['--depth', '1'] : []));
  }
  if (caps.resolutions) args.push('--resolution', String(chooseResolution(caps, settings.resolution)));
  const source = chooseSource(caps, settings);
  if (source) args.push('--source', source);
  else if (caps.sources || settings.source === 'adf') throw unsupported(settings.source === 'adf' && settings.duplex ? 'duplex' : settings.source);
  // '%' in the directory would be read as part of the page-number pattern.
  args.push(`--batch=${join(dir.replace(/%/g, '%%'), `p%04d.${ext}`)}`, '--batch-print');
  if (settings.source === 'platen') args.push('--batch-count=1');
  args.push(...extra);
  return args;
}

const NOISE = /^(Scanning (infinity pages|\d+ pages?)|Scanning page|Scanned page|Batch terminated|Output format is not set|Created directory)/;

/** The line of scanimage's stderr that says what went wrong, without its "scanimage: " prefix. */
export function errorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !NOISE.test(l));
  const line = lines.find((l) => l.startsWith('scanimage: ')) ?? lines[0] ?? '';
  return line.replace(/^scanimage: /, '').slice(0, 200);
}

/** The AppError for scanimage's exit status and stderr. */
export function saneFailure(code: number | null, stderr: string, device: string, pages: number): AppError {
  switch (code) {
    case 3:
      return new AppError('SCANNER_BUSY', { device });
    case 6:
      return new AppError('SCANNER_JAMMED', { device, pages });
    case 7:
      return new AppError('SCANNER_FEEDER_EMPTY', { device });
    case 8:
      return new AppError('SCANNER_COVER_OPEN', { device, pages });
  }
  const line = errorLine(stderr);
  const openFailed = /open of device .* failed: (.*)$/.exec(line)?.[1];
  if (openFailed !== undefined && /busy/i.test(openFailed)) return new AppError('SCANNER_BUSY', { device });
  // "Invalid argument" is SANE's answer for a device name it does not know (unplugged, renamed);
  // anything else (access denied: the user is not in the scanner group) is said as it is.
  if ((openFailed !== undefined && !/denied/i.test(openFailed)) || /no SANE devices found/i.test(stderr)) return new AppError('SCANNER_NOT_FOUND', { device });
  return new AppError('SCANNER_FAILED', { device, detail: line || `scanimage exit ${code ?? 'signal'}`, pages });
}

const cancelled = (pages: number) => new AppError('SCAN_CANCELLED', { pages });

function environment(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, ...env, LC_ALL: 'C' };
}

/** scanimage's output and exit status; `timedOut` when it was killed for taking too long. */
function run(bin: string, args: string[], env: NodeJS.ProcessEnv, timeout: number): Promise<{ code: number; timedOut: boolean; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(bin, args, { env, timeout, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const failure = error as (Error & { code?: unknown; killed?: boolean }) | null;
      if (failure?.code === 'ENOENT') return fail(new AppError('SCANNER_SANE_MISSING', { bin }));
      if (failure?.killed) return done({ code: -1, timedOut: true, stdout, stderr });
      if (failure && typeof failure.code !== 'number') return fail(failure);
      done({ code: typeof failure?.code === 'number' ? failure.code : 0, timedOut: false, stdout, stderr });
    });
  });
}

/**
 * The scanners SANE sees (`scanimage -f`); network discovery makes this take a few seconds, and
 * those found before the time runs out are returned.
 */
export async function listSaneDevices(opts: { env?: NodeJS.ProcessEnv; bin?: string; timeoutMs?: number } = {}): Promise<SaneDevice[]> {
  const bin = opts.bin ?? 'scanimage';
  const { stdout } = await run(bin, ['-f', '%d\t%v\t%m\t%t%n'], environment(opts.env), opts.timeoutMs ?? LIST_TIMEOUT_MS);
  return stdout
    .split(/\r?\n/)
    .map((line) => line.split('\t'))
    .filter((cells) => cells.length === 4 && cells[0] !== '')
    .map(([name = '', vendor = '', model = '', type = '']) => ({ name, vendor, model, type }));
}

export function createSaneSource(opts: SaneSourceOptions): ScanSource {
  const bin = opts.bin ?? 'scanimage';
  const shown = opts.label ?? opts.device;
  const env = environment(opts.env);
  let capabilities: SaneCapabilities | null = null;

  async function probe(): Promise<SaneCapabilities> {
    if (capabilities) return capabilities;
    const { code, timedOut, stdout, stderr } = await run(bin, ['-d', opts.device, '--help'], env, PROBE_TIMEOUT_MS);
    if (timedOut) throw new AppError('SCANNER_FAILED', { device: shown, detail: text.scannerSilent, pages: 0 });
    const caps = parseScanimageHelp(stdout);
    if (!caps.deviceFound) throw saneFailure(code === 0 ? null : code, stderr || 'no SANE devices found', shown, 0);
    capabilities = caps;
    return caps;
  }

  return {
    kind: 'sane',
    async scan(settings: ScanSettings, scanRun: ScanRun): Promise<{ pages: number }> {
      const signal = scanRun.signal;
      if (signal?.aborted) throw cancelled(0);
      scanRun.onProgress?.({ pagesReceived: 0, message: text.progress.saneStarting });
      const caps = await probe();
      if (signal?.aborted) throw cancelled(0);
      const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'motcua-sane-'));
      try {
        return await scanInto(dir, caps, settings, scanRun);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };

  function scanInto(dir: string, caps: SaneCapabilities, settings: ScanSettings, scanRun: ScanRun): Promise<{ pages: number }> {
    const args = scanimageArgs(opts.device, shown, caps, settings, dir, opts.deviceOptions);
    const signal = scanRun.signal;
    return new Promise((done, fail) => {
      // Its own process group, so that stopping it also stops what it started (a backend's
      // reader process, a wrapper script's scanimage), which would otherwise keep the pipes open.
      const ownGroup = process.platform !== 'win32';
      const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: ownGroup });
      let delivered = 0;
      let stderr = '';
      let failure: unknown = null;
      let spawnError: unknown = null;
      let killTimer: NodeJS.Timeout | undefined;
      let exitTimer: NodeJS.Timeout | undefined;
      let drainTimer: NodeJS.Timeout | undefined;
      let stallTimer: NodeJS.Timeout | undefined;
      let stalled = false;
      /** Stopped by us after it had said how the scan ended. */
      let endedThenStopped = false;
      let settled = false;
      /** Pages are handed over one after another, in the order scanimage finished them. */
      let chain: Promise<void> = Promise.resolve();

      const signalAll = (name: NodeJS.Signals) => {
        try {
          if (ownGroup && child.pid !== undefined) process.kill(-child.pid, name);
          else child.kill(name);
        } catch {
          // Already gone.
        }
      };
      const stop = () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        signalAll('SIGTERM');
        killTimer ??= setTimeout(() => signalAll('SIGKILL'), opts.killGraceMs ?? KILL_GRACE_MS);
      };
      const onAbort = () => stop();
      signal?.addEventListener('abort', onAbort, { once: true });
      const alive = () => {
        clearTimeout(stallTimer);
        if (settled) return;
        stallTimer = setTimeout(() => {
          stalled = true;
          stop();
        }, opts.stallTimeoutMs ?? STALL_TIMEOUT_MS);
      };
      alive();

      const deliver = async (path: string) => {
        if (failure !== null || signal?.aborted) return;
        const bytes = await readFile(path);
        await unlink(path);
        const pages = await readPageFile(bytes, basename(path), text.origin.sane(shown), opts.limits);
        for (const page of pages) {
          // A feeder that never runs out must not fill the disk: one page past the limit stops scanimage.
          const max = opts.limits?.maxPages ?? DEFAULT_SCAN_LIMITS.maxPages;
          if (delivered >= max) throw new AppError('SCAN_PAGE_LIMIT', { device: shown, max });
          await scanRun.onPage(page, delivered);
          delivered++;
          alive();
          scanRun.onProgress?.({ pagesReceived: delivered, message: text.progress.sanePage(delivered) });
        }
      };

      createInterface({ input: child.stdout }).on('line', (line) => {
        const path = resolve(line.trim());
        // Only scanimage's own page files, in our directory.
        if (dirname(path) !== resolve(dir)) return;
        chain = chain.then(() =>
          deliver(path).catch((e: unknown) => {
            failure ??= e;
            stop();
          }),
        );
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < STDERR_KEEP) stderr += chunk;
        alive();
        if (exitTimer === undefined && ENDING.test(stderr)) {
          exitTimer = setTimeout(() => {
            endedThenStopped = true;
            stop();
          }, opts.exitGraceMs ?? EXIT_GRACE_MS);
        }
      });
      child.on('error', (e) => {
        spawnError = (e as NodeJS.ErrnoException).code === 'ENOENT' ? new AppError('SCANNER_SANE_MISSING', { bin }) : e;
      });
      // The outcome is decided once scanimage has exited and its output has been read; output
      // still held open by a straggler of its process group is given a moment, then cut.
      const settle = (code: number | null) => {
        if (settled) return;
        settled = true;
        for (const timer of [killTimer, exitTimer, stallTimer, drainTimer]) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        decide(code);
      };
      child.on('exit', (code) => {
        drainTimer = setTimeout(() => {
          signalAll('SIGKILL');
          child.stdout.destroy();
          child.stderr.destroy();
          settle(code);
        }, DRAIN_MS);
      });
      child.on('close', (code) => settle(code));

      function decide(code: number | null) {
        // Stopped after it said how the scan ended: that is the outcome (see the header).
        const said = ENDING.exec(stderr)?.[1]?.trim();
        const saidStatus = said === undefined ? null : (SANE_STATUS[said] ?? null);
        const status = endedThenStopped || code === null ? saidStatus : code;
        void chain.then(() => {
          if (spawnError !== null) return fail(spawnError);
          if (signal?.aborted) return fail(cancelled(delivered));
          if (failure !== null) return fail(failure);
          if (stalled && saidStatus === null) return fail(new AppError('SCANNER_FAILED', { device: shown, detail: text.scannerSilent, pages: delivered }));
          // An unlimited batch ends when the feeder runs out (scanimage itself calls that success).
          const feederRanOut = status === 7 && settings.source === 'adf';
          if ((status === 0 || feederRanOut) && delivered > 0) return done({ pages: delivered });
          if (status === 0 || feederRanOut) {
            // See the header: an empty feeder can end a batch with status 0.
            return fail(settings.source === 'adf' ? new AppError('SCANNER_FEEDER_EMPTY', { device: shown }) : new AppError('SCANNER_FAILED', { device: shown, detail: text.noPagesFromScanner, pages: 0 }));
          }
          return fail(saneFailure(status, stderr, shown, delivered));
        });
      }
    });
  }
}
