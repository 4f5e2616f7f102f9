import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, readLockOwner } from '../../../src/main/core/datadir/lock';
import { AppError } from '../../../src/shared/api/errors';
import { makeTempDir } from '../../support/temp-dir';

describe('data dir lock', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('lets one owner in and refuses a second with a message naming the owner', () => {
    const first = acquireDataDirLock(temp.dir, { host: 'web' });
    // Pretend the lock belongs to another live process: this test runner's parent.
    const file = join(temp.dir, 'motcua.lock');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), pid: process.ppid }));
    try {
      acquireDataDirLock(temp.dir, { host: 'cli' });
      expect.unreachable('second lock must be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('DATA_DIR_LOCKED');
      expect((e as AppError).message).toContain(String(process.ppid));
    }
    first.release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(temp.dir, 'motcua.lock'), JSON.stringify({ pid: Number(dead.stdout), host: 'web', startedAt: '' }));
    const lock = acquireDataDirLock(temp.dir, { host: 'cli' });
    expect(readLockOwner(temp.dir)?.pid).toBe(process.pid);
    lock.release();
    expect(readLockOwner(temp.dir)).toBeNull();
  });

  it('records the browser-mode URL for a second launch to find', () => {
    const lock = acquireDataDirLock(temp.dir, { host: 'web' });
    lock.update({ url: 'http://127.0.0.1:5555' });
    expect(readLockOwner(temp.dir)).toMatchObject({ host: 'web', url: 'http://127.0.0.1:5555', pid: process.pid });
    lock.release();
  });
});
