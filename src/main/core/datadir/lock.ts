import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';

/** What the owner of a data dir says about itself, so a second launch can point to it. */
export interface LockOwner {
  pid: number;
  host: 'electron' | 'web' | 'cli';
  url?: string;
  startedAt: string;
}

export interface DataDirLock {
  owner: LockOwner;
  /** Records how to reach this owner (browser mode's URL) for a second launch to find. */
  update(fields: Pick<LockOwner, 'url'>): void;
  release(): void;
}

const LOCK_FILE = 'motcua.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLockOwner(dataDir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/**
 * One process owns a data dir: two writers would each issue dossier codes and both believe
 * they hold the outbox. The lock file is created exclusively; one left by a process that no
 * longer exists (a crash, a power cut) is taken over.
 */
export function acquireDataDirLock(dataDir: string, owner: Omit<LockOwner, 'pid' | 'startedAt'>): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        owner: me,
        update(fields) {
          Object.assign(me, fields);
          writeFileSync(file, JSON.stringify(me), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          if (readLockOwner(dataDir)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const current = readLockOwner(dataDir);
      if (current && current.pid !== process.pid && isAlive(current.pid)) {
        throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: current.pid, url: current.url ?? '' });
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: '?' });
}
