import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data dir per test: real files, nothing shared between tests. */
export function makeTempDir(prefix = 'motcua-test-', parent = tmpdir()): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(parent, prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A data dir in memory (/dev/shm) when the machine has room there, else an ordinary one. For
 * tests that write thousands of rows and files and are about something else than the disk
 * (the sync's chaos run): every save fsyncs several times, which on a VM's disk costs more than
 * the whole rest of the work. A SIGKILL loses nothing either way — the page cache outlives the
 * process — so what such a test proves does not change.
 */
export function makeMemoryTempDir(prefix: string, neededBytes = 1024 ** 3): { dir: string; cleanup(): void } {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= neededBytes) return makeTempDir(prefix, '/dev/shm');
  } catch {
    /* no /dev/shm: the ordinary temp dir */
  }
  return makeTempDir(prefix);
}
