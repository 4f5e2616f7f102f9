import { watch } from 'chokidar';
import { constants, promises as fsp, statSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError, isAppError } from '../../../shared/api/errors';
import { scanSourcesText as text } from '../../../shared/i18n/vi-scan-sources';
import { megabytesText } from '../../../shared/scanning/scan-units';
import { DEFAULT_SCAN_LIMITS, displayName, mediaTypeOfName, readPageFile, type ScanLimits } from './page-validation';
import type { ScannedPage, ScanRun, ScanSettings, ScanSource } from './scan-source';

// Scan-to-folder: the office scanner (or its software) writes files into a directory and the
// clerk clicks "Nhận trang". Anything may be in that directory, written by anyone: half-written
// files, an editor's temporary files, names with control characters or in NFD, symlinks, FIFOs.
//
// - A file is taken only once it has stopped growing (chokidar's awaitWriteFinish), then read
//   through one descriptor opened without following links and without blocking (a FIFO named
//   x.jpg cannot hang us), validated, handed over, and only then moved into DIR/.taken/.
// - Moved, not deleted: until the consumer has stored a page nothing else holds it, so the file
//   stays where it was if the hand-over fails (it is offered again at the next start); after it,
//   .taken/ keeps the original a few days (then pruned) so a page lost to a bug downstream can
//   still be found. A crash between hand-over and move offers the file again at the next start:
//   at least once, never lost; the consumer stores pages by hash and can spot the repeat.
// - A file that will never do (empty, corrupt, not a regular file, too big) is moved into
//   DIR/.rejected/ and reported once, so it is not retried forever and an admin can look at it.
// - Names are used only as one path segment under DIR (readdir cannot return a '/'), and the
//   names under .taken/ and .rejected/ are rebuilt (time, pid, counter, cleaned name, ≤ 150 bytes),
//   so a long or strange name cannot make the move fail or land elsewhere. .taken/ and
//   .rejected/ must be real directories: a symlink planted there is refused.

const TAKEN_DIR = '.taken';
const REJECTED_DIR = '.rejected';
const DEFAULT_STABILITY_MS = 2000;
const DEFAULT_KEEP_TAKEN_DAYS = 7;
const DAY_MS = 86_400_000;
/** ext4, NTFS and most others allow 255 bytes per name; leave room for the time prefix. */
const STORED_NAME_MAX_BYTES = 150;
const TEMPORARY_SUFFIX = /(\.(tmp|temp|part|partial|crdownload|download|swp)|~)$/i;

/** Whether a name in the folder can be a page: not hidden, not temporary, an allowed extension. */
export function isCandidateName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~$') || TEMPORARY_SUFFIX.test(name)) return false;
  return typeof mediaTypeOfName(name) === 'string';
}

export interface FolderWatchOptions {
  /** Awaited: the next file waits (back-pressure). Throwing leaves the file in place. */
  onFile(page: ScannedPage, name: string): Promise<void>;
  /** AppErrors about one file (already moved to .rejected/), or failures of the folder itself. */
  onError(e: unknown): void;
  /** How long a file's size must stay the same before it counts as written. */
  stabilityMs?: number;
  /** Shortcut for limits.maxFileBytes. */
  maxBytes?: number;
  limits?: Partial<ScanLimits>;
  /** For network shares, whose changes made elsewhere do not reach inotify. */
  usePolling?: boolean;
  keepTakenDays?: number;
  now?: () => number;
}

export interface FolderWatch {
  /** Resolves once the files already there have been found (they are still being taken). */
  ready: Promise<void>;
  /** Stops watching; a file being handed over is finished first. */
  close(): Promise<void>;
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;
const isMissing = (e: unknown) => errnoOf(e) === 'ENOENT';
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const byName = new Intl.Collator('vi', { numeric: true }).compare;

/** A name for .taken/ or .rejected/: NFC, no control or reserved characters, ≤ 150 bytes. */
export function storedName(name: string, prefix: string): string {
  const clean = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*\uFFFD]/gu, '_')
    .replace(/^[.\s]+/, '');
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : '';
  let stem = ext ? clean.slice(0, dot) : clean;
  const budget = STORED_NAME_MAX_BYTES - Buffer.byteLength(`${prefix}-${ext}`);
  while (Buffer.byteLength(stem) > budget) stem = [...stem].slice(0, -1).join('');
  return `${prefix}-${stem}${ext}`;
}

/** The watcher outlives a failing error handler. */
const safely =
  (onError: (e: unknown) => void) =>
  (e: unknown): void => {
    try {
      onError(e);
    } catch {
      // Nothing left to tell.
    }
  };

/** Takes one file of the folder at a time: read, validate, hand over, move. Shared by both modes. */
function createTaker(dir: string, opts: FolderWatchOptions) {
  const limits = { ...DEFAULT_SCAN_LIMITS, ...opts.limits, ...(opts.maxBytes ? { maxFileBytes: opts.maxBytes } : {}) };
  const now = opts.now ?? Date.now;
  const stabilityMs = opts.stabilityMs ?? DEFAULT_STABILITY_MS;
  let counter = 0;
  /** Files handed over whose move failed: not offered again while this process runs. */
  const handedOver = new Set<string>();
  const identity = (name: string, st: Stats) => `${name}\0${st.ino}\0${st.size}\0${st.mtimeMs}`;

  const report = safely(opts.onError);

  async function subdir(sub: string): Promise<string> {
    const path = join(dir, sub);
    await fsp.mkdir(path, { recursive: true });
    const st = await fsp.lstat(path);
    if (!st.isDirectory()) throw new AppError('SCAN_FOLDER_UNAVAILABLE', { dir: path });
    return path;
  }

  async function moveInto(sub: string, name: string): Promise<void> {
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    // The pid too: two processes (a second window, a restart) must not pick the same name.
    await fsp.rename(join(dir, name), join(await subdir(sub), storedName(name, `${stamp}-${process.pid}-${++counter}`)));
  }

  async function reject(name: string, error: AppError): Promise<void> {
    try {
      await moveInto(REJECTED_DIR, name);
    } catch (e) {
      if (isMissing(e)) return;
      report(e);
    }
    report(error);
  }

  async function read(name: string, shown: string): Promise<{ bytes: Buffer; st: Stats } | null> {
    const path = join(dir, name);
    const st = await fsp.lstat(path).catch((e: unknown) => (isMissing(e) ? null : Promise.reject(e)));
    if (!st) return null;
    if (!st.isFile()) return reject(name, new AppError('SCAN_FILE_UNREADABLE', { name: shown, reason: text.unreadable.notAFile })).then(() => null);
    if (handedOver.has(identity(name, st))) return null;
    if (st.size > limits.maxFileBytes) {
      return reject(name, new AppError('SCAN_FILE_TOO_LARGE', { name: shown, size: megabytesText(st.size), max: megabytesText(limits.maxFileBytes) })).then(() => null);
    }
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(path, OPEN_FLAGS);
    } catch (e) {
      if (isMissing(e)) return null;
      // ELOOP: it became a symlink after the lstat above.
      if (errnoOf(e) === 'ELOOP') return reject(name, new AppError('SCAN_FILE_UNREADABLE', { name: shown, reason: text.unreadable.notAFile })).then(() => null);
      report(new AppError('SCAN_FILE_UNREADABLE', { name: shown, reason: text.unreadable.cannotOpen }));
      return null;
    }
    try {
      const opened = await handle.stat();
      // Swapped for something else between lstat and open: judge it at its next event.
      if (!opened.isFile() || opened.ino !== st.ino || opened.size > limits.maxFileBytes) return null;
      const bytes = await handle.readFile();
      const after = await handle.stat();
      // Still growing after all (a writer that paused longer than the stability time): its
      // next change event brings it back.
      if (after.size !== bytes.length || after.mtimeMs !== opened.mtimeMs) return null;
      return { bytes, st: after };
    } finally {
      await handle.close();
    }
  }

  async function stillChanging(name: string, seen: Stats): Promise<boolean> {
    await new Promise((done) => setTimeout(done, 2 * stabilityMs));
    const now = await fsp.lstat(join(dir, name)).catch(() => null);
    return now !== null && (now.size !== seen.size || now.mtimeMs !== seen.mtimeMs);
  }

  /** Never throws: every problem is reported and the caller moves on to the next file. */
  return async function take(name: string): Promise<void> {
    const shown = displayName(name);
    try {
      const file = await read(name, shown);
      if (!file) return;
      let pages: ScannedPage[];
      try {
        pages = await readPageFile(file.bytes, name, text.origin.folder(shown), limits);
      } catch (e) {
        if (!isAppError(e)) return report(e);
        // A writer that paused longer than the stability time leaves a file that looks cut
        // short: if it is still changing, its next change event brings it back whole.
        if (await stillChanging(name, file.st)) return;
        return reject(name, e);
      }
      for (const page of pages) await opts.onFile(page, name);
      try {
        await moveInto(TAKEN_DIR, name);
      } catch (e) {
        if (isMissing(e)) return;
        // A file that cannot be moved must still not be taken twice: delete it, or at least
        // remember it for as long as this process runs.
        report(e);
        handedOver.add(identity(name, file.st));
        await fsp.unlink(join(dir, name)).catch(() => undefined);
      }
    } catch (e) {
      report(e);
    }
  };
}

function checkFolder(dir: string): void {
  const isDirectory = (() => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isDirectory) throw new AppError('SCAN_FOLDER_UNAVAILABLE', { dir });
}

async function pruneTaken(dir: string, keepDays: number, now: number): Promise<void> {
  const taken = join(dir, TAKEN_DIR);
  const st = await fsp.lstat(taken).catch(() => null);
  if (!st?.isDirectory()) return;
  for (const entry of await fsp.readdir(taken, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(taken, entry.name);
    const file = await fsp.lstat(path).catch(() => null);
    if (file && now - file.mtimeMs > keepDays * DAY_MS) await fsp.unlink(path).catch(() => undefined);
  }
}

/**
 * Watches `dir` and offers every page file found there, those already present and each new one
 * once written; files waiting together are taken in natural name order (scan2 before scan10). Throws SCAN_FOLDER_UNAVAILABLE when `dir` is not
 * a directory; later problems go to onError and the watch goes on.
 */
export function watchScanFolder(dir: string, opts: FolderWatchOptions): FolderWatch {
  const root = resolve(dir);
  checkFolder(root);
  const take = createTaker(root, opts);
  const stabilityMs = opts.stabilityMs ?? DEFAULT_STABILITY_MS;
  const pending = new Set<string>();
  let closed = false;
  let working: Promise<void> | null = null;

  const report = safely(opts.onError);
  void pruneTaken(root, opts.keepTakenDays ?? DEFAULT_KEEP_TAKEN_DAYS, (opts.now ?? Date.now)()).catch(report);

  const pollInterval = Math.max(20, Math.min(100, Math.floor(stabilityMs / 4)));

  function kick(): void {
    if (working || closed || pending.size === 0) return;
    working = (async () => {
      // Files that finished together (those already there at start) are offered within a poll
      // or two of each other: gather them, so they are taken in name order, not arrival order.
      await new Promise((done) => setTimeout(done, 2 * pollInterval));
      while (!closed && pending.size > 0) {
        const name = [...pending].sort(byName)[0] as string;
        pending.delete(name);
        await take(name);
      }
    })().finally(() => {
      working = null;
      kick();
    });
  }

  const watcher = watch(root, {
    ignoreInitial: false,
    depth: 0,
    followSymlinks: false,
    usePolling: opts.usePolling ?? false,
    ignorePermissionErrors: true,
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval },
    // Subdirectories (.taken, .rejected and any other) and names that cannot be pages.
    ignored: (path: string, stats?: Stats) => resolve(path) !== root && (stats?.isDirectory() === true || !isCandidateName(basename(path))),
  });
  const onPath = (path: string) => {
    if (closed) return;
    pending.add(basename(path));
    kick();
  };
  watcher.on('add', onPath);
  watcher.on('change', onPath);
  watcher.on('error', report);
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));

  return {
    ready,
    async close() {
      closed = true;
      pending.clear();
      await watcher.close();
      await working;
    },
  };
}

/**
 * One pass over the folder, without watching: the page files there now, each taken once its
 * size and time have stayed the same for the stability time.
 */
export async function takeScanFolderOnce(dir: string, opts: FolderWatchOptions): Promise<void> {
  const root = resolve(dir);
  checkFolder(root);
  const take = createTaker(root, opts);
  const names = (await fsp.readdir(root)).filter(isCandidateName).sort(byName);
  const look = async (name: string) => {
    const st = await fsp.lstat(join(root, name)).catch(() => null);
    return st ? `${st.size}:${st.mtimeMs}` : null;
  };
  const before = await Promise.all(names.map(look));
  await new Promise((done) => setTimeout(done, opts.stabilityMs ?? DEFAULT_STABILITY_MS));
  for (const [i, name] of names.entries()) {
    const now = await look(name);
    if (now !== null && now === before[i]) await take(name);
  }
}

export interface FolderSourceOptions extends Omit<FolderWatchOptions, 'onFile' | 'onError'> {
  /** Each file refused or failing during a session (it is also shown on the progress line). */
  onFileError?(e: unknown): void;
}

/**
 * The folder as a ScanSource for one session: pages found there or arriving are delivered until
 * the run's signal aborts, which is the normal end ("Nhận trang" pressed again, or the dossier
 * saved), so it resolves rather than throws. Without a signal, one pass over what is there now.
 * The scanner's own panel chooses colour and resolution, so the settings are not used.
 */
export function createFolderSource(dir: string, opts: FolderSourceOptions = {}): ScanSource {
  return {
    kind: 'folder',
    async scan(_settings: ScanSettings, run: ScanRun): Promise<{ pages: number }> {
      let received = 0;
      const onFile = async (page: ScannedPage) => {
        await run.onPage(page, received);
        received++;
        run.onProgress?.({ pagesReceived: received, message: text.progress.folderPage(received) });
      };
      const onError = (e: unknown) => {
        opts.onFileError?.(e);
        if (isAppError(e)) run.onProgress?.({ pagesReceived: received, message: e.message });
      };
      const signal = run.signal;
      if (!signal) {
        await takeScanFolderOnce(dir, { ...opts, onFile, onError });
        return { pages: received };
      }
      if (signal.aborted) return { pages: 0 };
      const watch = watchScanFolder(dir, { ...opts, onFile, onError });
      run.onProgress?.({ pagesReceived: 0, message: text.progress.folderWaiting });
      await new Promise((done) => signal.addEventListener('abort', done, { once: true }));
      await watch.close();
      return { pages: received };
    },
  };
}
