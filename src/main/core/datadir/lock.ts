import { renameSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

const LOCK_DB = 'motcua.lock.sqlite';
const OWNER_FILE = 'motcua.lock';

export function readLockOwner(dataDir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** Written whole or not at all (temp file + rename), so a reader never sees half of it. */
function writeOwner(dataDir: string, owner: LockOwner): void {
  const file = join(dataDir, OWNER_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(owner), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/**
 * One process owns a data dir: two writers would each issue dossier codes and both believe
 * they hold the outbox. Ownership is an exclusive SQLite lock on a small file, held for the
 * life of the process. The operating system drops it when the process dies — by crash, kill or
 * power cut — so there is no stale lock to judge, no race between two launches taking over a
 * dead one, and no confusion when another program reuses the old pid. The JSON beside it only
 * says who the owner is.
 */
export function acquireDataDirLock(dataDir: string, owner: Omit<LockOwner, 'pid' | 'startedAt'>): DataDirLock {
  const lockDb = new Database(join(dataDir, LOCK_DB), { timeout: 0 });
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in EXCLUSIVE mode it is kept until close.
    lockDb.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER); DELETE FROM owner;');
  } catch (e) {
    lockDb.close();
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    const current = readLockOwner(dataDir);
    throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: current?.pid ?? '?', url: current?.url ?? '' });
  }
  const me: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  writeOwner(dataDir, me);
  let released = false;
  return {
    owner: me,
    update(fields) {
      Object.assign(me, fields);
      writeOwner(dataDir, me);
    },
    release() {
      if (released) return;
      released = true;
      if (readLockOwner(dataDir)?.pid === process.pid) rmSync(join(dataDir, OWNER_FILE), { force: true });
      lockDb.close();
    },
  };
}
