import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/core';
import { systemClock, uuidV7Ids } from '../../src/main/core/config';
import type { ScanSessionView } from '../../src/shared/api/calls/scanning';
import { startEsclScanner, type EsclDouble } from '../doubles/escl-scanner';
import { systemContext, testConfig } from '../support/core-fixture';
import { HostProcess } from '../support/host-process';
import { provisionDataDir, sampleClerk } from '../support/provision';
import { readDatabase } from '../support/read-database';
import { makeTempDir } from '../support/temp-dir';

// A host SIGKILLed in the middle of a 20-page scan: every page received before the kill is
// offered back at the next start, and the data dir holds no file without its row (and no row
// without its file).

function filesOnDisk(dataDir: string): string[] {
  const base = join(dataDir, 'files', 'sha256');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((shard) => readdirSync(join(base, shard)));
}

describe('a host killed during a scan', () => {
  const temp = makeTempDir();
  const host = new HostProcess(temp.dir);
  let scanner: EsclDouble;
  afterAll(async () => {
    await host.stop();
    await scanner?.stop();
    temp.cleanup();
  });

  it('offers the received pages back after restart, with no orphan files', { timeout: 90_000 }, async () => {
    scanner = await startEsclScanner({ pages: 20, slowMs: 150, duplex: false });
    await provisionDataDir(temp.dir);
    const core = createCore(testConfig(temp.dir, { clock: systemClock, ids: uuidV7Ids }));
    const set = await core.dispatch('scanning.updateSettings', { devices: [{ kind: 'escl', id: 'double', name: 'Double', url: scanner.baseUrl }], defaultDeviceId: 'double' }, systemContext());
    core.close();
    expect(set.ok).toBe(true);

    await host.start();
    expect((await host.call('auth.login', { username: sampleClerk.username, password: sampleClerk.password })).ok).toBe(true);
    const requestId = randomUUID();
    expect((await host.call('scans.start', { requestId, documentCode: 'TK' })).ok).toBe(true);
    let received = 0;
    for (let i = 0; i < 400 && received < 8; i++) {
      received = ((await host.call('scans.session', { requestId })).value as ScanSessionView | null)?.pages.length ?? 0;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(received).toBeGreaterThanOrEqual(8);
    await host.kill(); // mid-scan: no shutdown hook, no close()

    await host.start();
    await host.call('auth.login', { username: sampleClerk.username, password: sampleClerk.password });
    const unfinished = (await host.call('scans.unfinished', {})).value as { requestId: string; pages: number }[];
    const offered = unfinished.find((u) => u.requestId === requestId);
    expect(offered?.pages).toBeGreaterThanOrEqual(received);
    expect(offered!.pages).toBeLessThan(20);

    // The next form takes them over; the pages are all there, in order, each readable.
    const next = randomUUID();
    expect((await host.call('scans.adopt', { fromRequestId: requestId, toRequestId: next })).ok).toBe(true);
    const session = (await host.call('scans.session', { requestId: next })).value as ScanSessionView;
    expect(session.pages.map((p) => p.seq)).toEqual(Array.from({ length: offered!.pages }, (_, i) => i + 1));
    for (const p of session.pages) expect((await host.call('scans.thumbnail', { pageId: p.id })).ok).toBe(true);
    await host.stop();

    const rows = readDatabase(join(temp.dir, 'motcua.sqlite'), (db) => db.prepare('SELECT sha256 FROM stored_files').pluck().all() as string[]);
    expect(filesOnDisk(temp.dir).sort()).toEqual([...rows].sort());
  });
});
