import { afterEach, describe, expect, it } from 'vitest';
import { HostProcess } from '../support/host-process';
import { provisionDataDir, sampleClerk } from '../support/provision';
import { makeTempDir } from '../support/temp-dir';

describe('a host killed right after a save', () => {
  const temp = makeTempDir();
  const host = new HostProcess(temp.dir);
  afterEach(async () => {
    await host.stop();
    temp.cleanup();
  });

  it('has lost nothing: every acknowledged dossier is there after restart', { timeout: 60_000 }, async () => {
    await provisionDataDir(temp.dir);
    await host.start();
    expect((await host.call('auth.login', { username: sampleClerk.username, password: sampleClerk.password })).ok).toBe(true);
    const names = ['Nguyễn Văn Một', 'Trần Thị Hai', 'Lê Văn Ba'];
    for (const applicantName of names) {
      const r = await host.call('dossiers.create', { applicantName, procedureName: 'Đăng ký khai sinh' });
      expect(r.ok).toBe(true);
    }
    // SIGKILL the moment the last save returned: no shutdown hook, no checkpoint, no close().
    await host.kill();
    await host.start(); // also proves the dead owner's lock is gone
    await host.call('auth.login', { username: sampleClerk.username, password: sampleClerk.password });
    const today = await host.call('dossiers.listToday', {});
    expect((today.value as { applicantName: string }[]).map((d) => d.applicantName).sort()).toEqual([...names].sort());
  });
});
