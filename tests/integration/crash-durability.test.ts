import { afterEach, describe, expect, it } from 'vitest';
import { HostProcess } from '../support/host-process';
import type { TodayLists } from '../../src/shared/api/calls/dossiers';
import { sampleDossier } from '../support/dossier-fixture';
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
    const hits = await host.call('catalog.search', { query: '1.001193', limit: 1 });
    const procedure = (hits.value as { id: string }[])[0]!.id;
    const names = ['Nguyễn Văn Một', 'Trần Thị Hai', 'Lê Văn Ba'];
    for (const applicantName of names) {
      const base = sampleDossier(procedure);
      const r = await host.call('dossiers.receive', { ...base, applicant: { ...base.applicant, fullName: applicantName, idNumber: undefined } });
      expect(r.ok).toBe(true);
    }
    // SIGKILL the moment the last save returned: no shutdown hook, no checkpoint, no close().
    await host.kill();
    await host.start(); // also proves the dead owner's lock is gone
    await host.call('auth.login', { username: sampleClerk.username, password: sampleClerk.password });
    const today = await host.call('dossiers.today', {});
    expect((today.value as TodayLists).receivedToday.map((d) => d.applicantName).sort()).toEqual([...names].sort());
  });
});
