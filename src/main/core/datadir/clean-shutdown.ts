import { closeSync, existsSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from '../files/fsync-dir';

/**
 * A marker in the data dir that says the last owner closed it cleanly: its database closed and
 * no stored file left without its row. Only a crash (a kill, a power cut) leaves such files, so
 * the start-up sweep of every stored file — a directory walk and one lookup per file, seconds on
 * a counter with hundreds of thousands of pages — runs only when the marker is missing. A data
 * dir from before the marker existed has none, so the first start after the upgrade sweeps once.
 */
const MARKER_FILE = 'motcua.clean-shutdown';


/**
 * Called with the data-dir lock held, before anything is written: says whether the previous run
 * closed cleanly and removes the marker, durably, so a crash of this run is not taken for a
 * clean close.
 */
export function takeCleanShutdownMarker(dataDir: string): boolean {
  const file = join(dataDir, MARKER_FILE);
  if (!existsSync(file)) return false;
  rmSync(file, { force: true });
  fsyncDir(dataDir);
  return true;
}

/** Called last in a clean close, with the lock still held: the marker, fsynced with its directory. */
export function recordCleanShutdown(dataDir: string, closedAt: Date): void {
  const file = join(dataDir, MARKER_FILE);
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ pid: process.pid, closedAt: closedAt.toISOString() })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDir(dataDir);
}
