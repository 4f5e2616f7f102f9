import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/core';
import { createFileStore } from '../../src/main/core/files/file-store';
import { testConfig } from '../support/core-fixture';
import { HostProcess } from '../support/host-process';
import { makeTempDir } from '../support/temp-dir';

// The start-up sweep of stored files runs only after a run that did not close cleanly. An orphan
// (a file without its row) planted while the app is closed tells which: a sweep removes it.

const MARKER = 'motcua.clean-shutdown';

/** A stored file no row names, and a temporary file, as a crash would leave them. */
function plantOrphans(dataDir: string): { orphan: string; partial: string } {
  const orphan = createFileStore(join(dataDir, 'files')).put(Buffer.from(`orphan ${Math.random()}`)).path;
  const partial = `${orphan}.0123456789ab.partial`;
  writeFileSync(partial, 'half a page');
  return { orphan, partial };
}

describe('start-up sweep after an unclean shutdown only', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let host: HostProcess;
  beforeEach(() => {
    temp = makeTempDir();
    host = new HostProcess(temp.dir);
  });
  afterEach(async () => {
    await host.stop();
    temp.cleanup();
  });

  it('skips the sweep after a clean close, and sweeps once on a data dir that never recorded one', () => {
    // A data dir from before the marker (or a first start): no marker, so the first start sweeps.
    createCore(testConfig(temp.dir)).close();
    const first = plantOrphans(temp.dir);
    // As a data dir from before the marker existed finds itself at the first start after the upgrade.
    rmSync(join(temp.dir, MARKER));
    createCore(testConfig(temp.dir)).close();
    expect(existsSync(first.orphan) || existsSync(first.partial)).toBe(false);

    expect(existsSync(join(temp.dir, MARKER))).toBe(true);
    const planted = plantOrphans(temp.dir);
    const core = createCore(testConfig(temp.dir));
    // Taken at start: a crash of this run must not pass for a clean close.
    expect(existsSync(join(temp.dir, MARKER))).toBe(false);
    core.close();
    expect(existsSync(planted.orphan)).toBe(true);
    expect(existsSync(planted.partial)).toBe(true);
  });

  it('a host stopped gracefully leaves the marker; the next start does not sweep', { timeout: 60_000 }, async () => {
    await host.start();
    // One answered call first: `serve` prints its address a moment before it installs its SIGTERM
    // handler, and a signal in that gap kills it like SIGKILL would.
    await host.call('app.status', {});
    await host.stop();
    expect(existsSync(join(temp.dir, MARKER))).toBe(true);
    const planted = plantOrphans(temp.dir);
    createCore(testConfig(temp.dir)).close();
    expect(existsSync(planted.orphan)).toBe(true);
    expect(existsSync(planted.partial)).toBe(true);
  });

  it('a host killed with SIGKILL leaves no marker; the next start removes the orphans', { timeout: 60_000 }, async () => {
    createCore(testConfig(temp.dir)).close();
    expect(existsSync(join(temp.dir, MARKER))).toBe(true);
    await host.start();
    await host.kill(); // no shutdown hook, no close()
    expect(existsSync(join(temp.dir, MARKER))).toBe(false);
    const planted = plantOrphans(temp.dir);
    createCore(testConfig(temp.dir)).close();
    expect(existsSync(planted.orphan)).toBe(false);
    expect(existsSync(planted.partial)).toBe(false);
  });
});

