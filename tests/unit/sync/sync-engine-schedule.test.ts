import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, uuidV7Ids } from '../../../src/main/core/config';
import type { Core } from '../../../src/main/core/core';
import { SyncFailure, type SyncAdapter } from '../../../src/main/core/sync/sync-adapter';
import { backoffDelay } from '../../../src/main/core/sync/sync-engine';
import { syncTuningFromEnv } from '../../../src/main/core/sync/sync-tuning-env';
import type { SyncStatus } from '../../../src/shared/api/calls/sync';
import { callOk } from '../../support/core-call';
import { openTestCore, systemContext } from '../../support/core-fixture';
import { receiveSample } from '../../support/dossier-fixture';
import { sampleAdmin, sampleOffice } from '../../support/office-fixture';
import { makeTempDir } from '../../support/temp-dir';

// When the engine runs, not what it sends (the integration tests do that against the double):
// a province that stays away is asked less and less often, with jitter; progress ends the
// backoff; a local change starts a round at once; a refused account waits the longest delay.
// The adapter here is a recorder the test scripts — the engine is what is under test.

const clerk = systemContext('clerk', 'lan.nt');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Script {
  calls: number[];
  fail: SyncFailure | null;
}

function scriptedAdapter(script: Script): SyncAdapter {
  const step = async () => {
    script.calls.push(Date.now());
    if (script.fail) throw script.fail;
  };
  return {
    kind: 'motcua',
    health: async () => {
      await step();
      return { serverTime: new Date() };
    },
    push: async (changes) => {
      await step();
      return changes.map((c) => ({ key: c.key, outcome: 'applied' as const }));
    },
    sendFile: async () => ({ sent: 0, deduplicated: true }),
    pull: async () => {
      await step();
      return { items: [], cursor: 'c', hasMore: false, serverTime: new Date().toISOString() };
    },
  };
}

let core: Core | null = null;
const temp = makeTempDir('motcua-sync-schedule-');
afterEach(() => {
  core?.close();
  core = null;
});

async function engineWith(script: Script, tuning: Record<string, number>) {
  const dir = makeTempDir('motcua-sync-schedule-', temp.dir).dir;
  core = openTestCore(dir, {
    host: 'web',
    clock: systemClock,
    ids: uuidV7Ids,
    syncTuning: { baseBackoffMs: 40, maxBackoffMs: 640, intervalMs: 60_000, debounceMs: 10, ...tuning },
    adapters: { syncAdapter: () => scriptedAdapter(script) },
  });
  await callOk(core, 'auth.setup', { admin: sampleAdmin, office: sampleOffice }, systemContext());
  await callOk(core, 'sync.settings.set', { enabled: true, endpoint: 'http://127.0.0.1:9', username: 'quay1', password: 'x' }, systemContext());
  return core;
}

describe('sync engine scheduling', () => {
  it('the backoff doubles up to its cap, drawn in full jitter, never under 250 ms', () => {
    const tuning = { baseBackoffMs: 1_000, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => backoffDelay(n, tuning, 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000].map((x) => Math.round(x * 0.999999)));
    expect(backoffDelay(6, tuning, 0.5)).toBe(16_000);
    expect(backoffDelay(6, tuning, 0)).toBe(250);
    expect(backoffDelay(3, { baseBackoffMs: 100, maxBackoffMs: 200 }, 0)).toBe(200);
  });

  it('keeps trying while the province is away, never in a tight loop', async () => {
    const script: Script = { calls: [], fail: new SyncFailure('offline', 'no route') };
    const c = await engineWith(script, {});
    await sleep(2_500);
    const gaps = script.calls.slice(1).map((t, i) => t - script.calls[i]!);
    expect(script.calls.length).toBeGreaterThanOrEqual(3);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(240);
    const s = await callOk<SyncStatus>(c, 'sync.status', {}, clerk);
    expect(s.state).toBe('offline');
    expect(s.nextAttemptAt).not.toBeNull();
  });

  it('a local change starts a round at once; success waits the interval', async () => {
    const script: Script = { calls: [], fail: null };
    const c = await engineWith(script, {});
    await expect.poll(() => script.calls.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await sleep(100);
    const before = script.calls.length;
    await sleep(300);
    expect(script.calls.length).toBe(before); // idle: the 60 s interval
    await receiveSample(c, clerk);
    // Well before the interval (60 s); polled, so a busy machine does not make it flaky.
    await expect.poll(() => script.calls.length, { timeout: 10_000 }).toBeGreaterThan(before);
    const s = await callOk<SyncStatus>(c, 'sync.status', {}, clerk);
    expect(s).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('a refused account is not retried in a loop', async () => {
    const script: Script = { calls: [], fail: new SyncFailure('auth', 'Tài khoản đồng bộ bị từ chối') };
    const c = await engineWith(script, { maxBackoffMs: 5_000 });
    await sleep(1_000);
    expect(script.calls.length).toBe(1);
    const s = await callOk<SyncStatus>(c, 'sync.status', {}, clerk);
    expect(s.state).toBe('error');
    expect(s.lastError?.message).toContain('bị từ chối');
  });

  it('reads its timings from the environment, ignoring nonsense', () => {
    expect(syncTuningFromEnv({ MOTCUA_SYNC_MAX_BACKOFF_MS: '2000', MOTCUA_SYNC_BATCH: '-5', MOTCUA_SYNC_TIMEOUT_MS: 'soon' })).toEqual({ maxBackoffMs: 2000 });
  });
});
