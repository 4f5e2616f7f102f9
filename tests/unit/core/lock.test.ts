import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, readLockOwner } from '../../../src/main/core/datadir/lock';
import { AppError } from '../../../src/shared/api/errors';
import { projectRoot } from '../../support/host-process';
import { makeTempDir } from '../../support/temp-dir';

/** Another process that takes the lock and holds it until killed. */
// The child keeps the lock object reachable, as the core does: an unreachable lock's database
// handle is closed by the garbage collector, which releases the OS lock.
function holdLockInChild(dataDir: string): Promise<{ kill(sig: NodeJS.Signals): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `const { acquireDataDirLock } = require(${JSON.stringify(join(projectRoot, 'src/main/core/datadir/lock.ts'))}); globalThis.heldLock = acquireDataDirLock(${JSON.stringify(dataDir)}, { host: 'web' }); console.log('held'); setInterval(() => {}, 1000);`],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('held'))
        resolve({
          kill: (sig) =>
            new Promise((r) => {
              if (child.exitCode !== null || child.signalCode !== null) return r();
              child.once('exit', () => r());
              child.kill(sig);
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

describe('data dir lock', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('lets one owner in and refuses a second in the same process', () => {
    const first = acquireDataDirLock(temp.dir, { host: 'web' });
    expect(() => acquireDataDirLock(temp.dir, { host: 'cli' })).toThrow(AppError);
    first.release();
    acquireDataDirLock(temp.dir, { host: 'cli' }).release();
  });

  it('refuses while another process owns it, naming that process, and frees it when that process is killed', async () => {
    const other = await holdLockInChild(temp.dir);
    const owner = readLockOwner(temp.dir)!;
    try {
      acquireDataDirLock(temp.dir, { host: 'cli' });
      expect.unreachable('second owner must be refused');
    } catch (e) {
      expect((e as AppError).code).toBe('DATA_DIR_LOCKED');
      expect((e as AppError).message).toContain(String(owner.pid));
    }
    await other.kill('SIGKILL'); // no clean-up: the OS releases the lock
    const lock = acquireDataDirLock(temp.dir, { host: 'cli' });
    expect(readLockOwner(temp.dir)?.pid).toBe(process.pid);
    lock.release();
    expect(readLockOwner(temp.dir)).toBeNull();
  });

  it('ignores an owner file left by a dead process or naming a reused pid', () => {
    writeFileSync(join(temp.dir, 'motcua.lock'), JSON.stringify({ pid: process.ppid, host: 'web', startedAt: '' }));
    const lock = acquireDataDirLock(temp.dir, { host: 'cli' });
    expect(readLockOwner(temp.dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('gives exactly one owner when many processes race for it', async () => {
    const racers = await Promise.allSettled(Array.from({ length: 6 }, () => holdLockInChild(temp.dir)));
    const holders = racers.filter((r) => r.status === 'fulfilled');
    expect(holders).toHaveLength(1);
    for (const h of holders) await (h as PromiseFulfilledResult<{ kill(s: NodeJS.Signals): Promise<void> }>).value.kill('SIGTERM');
  });

  it('records the browser-mode URL for a second launch to find', () => {
    const lock = acquireDataDirLock(temp.dir, { host: 'web' });
    lock.update({ url: 'http://127.0.0.1:5555' });
    expect(readLockOwner(temp.dir)).toMatchObject({ host: 'web', url: 'http://127.0.0.1:5555', pid: process.pid });
    lock.release();
  });
});
