import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { SyncStatus } from '../../src/shared/api/calls/sync';
import { startProvince, type Province } from '../doubles/province/province-server';
import { callOk } from '../support/core-call';
import { systemContext } from '../support/core-fixture';
import { receiveSample, sampleDossier } from '../support/dossier-fixture';
import { scannedPage } from '../support/scan-pages';
import { configureSync, openCounter, QUAY2, receiveWithAttachments } from '../support/sync-fixture';
import { readDatabase } from '../support/read-database';
import { makeTempDir } from '../support/temp-dir';

// The sync engine against the provincial double over real HTTP: push with idempotency keys and
// attachments first, faults that lose acknowledgements, dead letters, the feed (status,
// catalogue, calendar), clock skew, two counters of one unit.

const clerk = systemContext('clerk', 'lan.nt');
const supervisor = systemContext('supervisor', 'truong.bp');
let page: Buffer;
const opened: { core: Core; cleanup(): void }[] = [];
const provinces: Province[] = [];

beforeAll(async () => {
  page = await scannedPage(50, { lines: 30 });
});

afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.core.close();
    o.cleanup();
  }
  for (const p of provinces.splice(0)) await p.stop();
});

async function province(options: Parameters<typeof startProvince>[0] extends infer O ? Partial<O> : never = {}) {
  const temp = makeTempDir('motcua-province-');
  const p = await startProvince({ dataDir: temp.dir, ...options });
  provinces.push(p);
  return p;
}

async function counter(n = 1) {
  const temp = makeTempDir('motcua-counter-');
  const core = await openCounter(temp.dir, n);
  opened.push({ core, cleanup: temp.cleanup });
  return { core, dir: temp.dir, db: () => new Database(core.databaseFile, { readonly: true }) };
}

const status = (core: Core) => callOk<SyncStatus>(core, 'sync.status', {}, clerk);
const scalar = (core: Core, sql: string, ...args: unknown[]) => readDatabase(core.databaseFile, (db) => db.prepare(sql).pluck().get(...args));

describe('sync engine', () => {
  it('is not configured until an admin sets it up, and says so', async () => {
    const { core } = await counter();
    await receiveSample(core, clerk);
    const s = await status(core);
    expect(s.state).toBe('not-configured');
    expect(s.pending).toBe(1);
    const r = await core.sync.runOnce();
    expect(r.configured).toBe(false);
    const refused = await core.dispatch('sync.settings.set', { enabled: true, endpoint: 'ftp://x', username: 'a', password: 'b' }, systemContext());
    expect(refused.ok ? null : refused.error.code).toBe('SYNC_ENDPOINT_INVALID');
    const incomplete = await core.dispatch('sync.settings.set', { enabled: true, endpoint: 'http://127.0.0.1:1', username: null }, systemContext());
    expect(incomplete.ok ? null : incomplete.error.code).toBe('SYNC_SETTINGS_INCOMPLETE');
  });

  it('pushes dossiers with their attachments once; the files arrive before the change that names them', async () => {
    const p = await province();
    const { core } = await counter();
    await configureSync(core, p.url);
    const a = await receiveWithAttachments(core, clerk, page);
    const b = await receiveSample(core, clerk);
    await callOk(core, 'dossiers.transition', { id: b.id, revision: b.revision, action: 'requestSupplement', note: 'Thiếu bản sao giấy chứng sinh' }, clerk);

    const r = await core.sync.runOnce();
    expect(r).toMatchObject({ ok: true, pushed: 4, deadLettered: 0 });
    expect(p.store.dossierCount()).toBe(2);
    expect(p.store.dossierById(b.id)!.record.status).toBe(5);
    const files = p.store.attachments(a.id);
    expect(files.map((f) => f.documentCode).sort()).toEqual(['GCS', 'TK']);
    for (const f of files) expect(p.store.file(f.sha256)?.size).toBe(f.size);
    // Nothing answered "retry": every attach found its files already on the server.
    expect(p.stats().changes).toMatchObject({ applied: 4, retry: 0, duplicate: 0 });

    const s = await status(core);
    expect(s).toMatchObject({ state: 'synced', pending: 0, deadLetters: 0, acknowledged: 4, lastError: null });
    expect(scalar(core, 'SELECT count(*) FROM dossiers WHERE acknowledged_at IS NULL')).toBe(0);

    // A second round sends nothing again.
    await core.sync.runOnce();
    expect(p.stats().changes.applied).toBe(4);
  });

  it('a reply lost after the province committed is sent again and counted once', async () => {
    const p = await province({ faults: { rate: 1, kinds: ['resetAfterCommit'] } });
    const { core } = await counter();
    await configureSync(core, p.url);
    const d = await receiveSample(core, clerk);
    const first = await core.sync.runOnce();
    expect(first.ok).toBe(false);
    expect((await status(core)).state).toBe('offline');
    expect(p.store.dossierCount()).toBe(1);

    p.clearFaults();
    const second = await core.sync.runOnce();
    expect(second.ok).toBe(true);
    expect(p.store.dossierCount()).toBe(1);
    expect(p.stats().changes.duplicate).toBeGreaterThanOrEqual(1);
    expect(scalar(core, 'SELECT attempts FROM outbox WHERE entity_id = ?', d.id)).toBeGreaterThanOrEqual(1);
    expect((await status(core)).state).toBe('synced');
  });

  it('partial and duplicated acknowledgements settle every change exactly once', async () => {
    const p = await province({ faults: { rate: 1, kinds: ['partialAck', 'duplicateAck'], seed: 7 } });
    const { core } = await counter();
    await configureSync(core, p.url);
    for (let i = 0; i < 6; i++) await receiveSample(core, clerk);
    for (let round = 0; round < 10 && (await status(core)).pending > 0; round++) await core.sync.runOnce();
    expect((await status(core)).pending).toBe(0);
    expect(p.store.dossierCount()).toBe(6);
    expect(p.stats().changes.applied).toBe(6);
  });

  it('a change the province refuses becomes a dead letter that blocks its dossier, shown to supervisors, retried by hand', async () => {
    const p = await province();
    // Two counters set up with the same number issue the same codes: the province refuses the second.
    const one = await counter(1);
    const two = await counter(1);
    await configureSync(one.core, p.url);
    await configureSync(two.core, p.url, QUAY2);
    await receiveSample(one.core, clerk);
    await one.core.sync.runOnce();
    const clash = await receiveSample(two.core, clerk);
    await callOk(two.core, 'dossiers.transition', { id: clash.id, revision: clash.revision, action: 'withdraw', note: 'Công dân rút hồ sơ' }, clerk);
    const r = await two.core.sync.runOnce();
    expect(r.deadLettered).toBe(1);

    const s = await status(two.core);
    expect(s).toMatchObject({ state: 'error', deadLetters: 1, pending: 1 });
    const q = await callOk<{ pending: { operation: string }[]; deadLetters: { id: string; code: string; lastError: string; operation: string }[] }>(
      two.core,
      'sync.queue',
      { limit: 50 },
      supervisor,
    );
    expect(q.deadLetters).toHaveLength(1);
    expect(q.deadLetters[0]).toMatchObject({ operation: 'dossier.receive', code: clash.code });
    expect(q.deadLetters[0]!.lastError.length).toBeGreaterThan(0);
    // The withdrawal waits behind the refused receive: never sent on its own.
    expect(q.pending.map((e) => e.operation)).toEqual(['dossier.withdraw']);
    expect(p.store.dossierById(clash.id)).toBeNull();

    const clerkRetry = await two.core.dispatch('sync.retry', { ids: [q.deadLetters[0]!.id] }, clerk);
    expect(clerkRetry.ok ? null : clerkRetry.error.code).toBe('FORBIDDEN');
    expect(await callOk(two.core, 'sync.retry', { ids: [q.deadLetters[0]!.id] }, supervisor)).toEqual({ retried: 1 });
    await two.core.sync.runOnce();
    // Still refused (the code is taken): dead again, never dropped.
    expect((await status(two.core)).deadLetters).toBe(1);
    expect(scalar(two.core, "SELECT count(*) FROM audit_log WHERE action = 'sync.retry'")).toBe(1);
  });

  it("the province's decisions, catalogue and calendar arrive through the feed, in one transaction per page", async () => {
    const p = await province();
    const { core } = await counter();
    await configureSync(core, p.url);
    const d = await receiveSample(core, clerk);
    await core.sync.runOnce();

    const events: string[] = [];
    core.events.subscribe((m) => {
      if (m.event === 'dossiers.changed') events.push((m.payload as { id: string }).id);
    });
    p.setStatus(d.code, 4, { handler: 'Trần Văn Bình', content: 'Đang thẩm định hồ sơ' });
    p.setStatus(d.code, 9, { handler: 'Trần Văn Bình', content: 'Đã ký giấy khai sinh' });
    p.publishCalendar('2026-12-31', { kind: 'off', name: 'Nghỉ bù Tết Dương lịch' });
    await core.sync.runOnce();

    const detail = await callOk<{ status: number; history: { action: string; toStatus: number | null; note: string | null }[] }>(core, 'dossiers.get', { idOrCode: d.id }, clerk);
    expect(detail.status).toBe(9);
    // The feed carries each dossier's state, not every step: two decisions between rounds may arrive as the last one.
    expect(detail.history.filter((h) => h.action === 'dossier.syncStatus').map((h) => h.toStatus).at(-1)).toBe(9);
    expect(detail.history.find((h) => h.toStatus === 9)?.note).toBe('Đã ký giấy khai sinh');
    expect(events).toContain(d.id);
    const days = await callOk<{ days: { date: string; name: string }[] }>(core, 'calendar.holidays', { year: 2026 }, clerk);
    expect(days.days.find((x) => x.date === '2026-12-31')?.name).toBe('Nghỉ bù Tết Dương lịch');
    // The same page again (a cursor lost in a crash) changes nothing.
    const cursorRounds = scalar(core, "SELECT value FROM sync_meta WHERE key = 'cursor'");
    expect(cursorRounds).not.toBeUndefined();
  });

  it("a decision that arrives while our own change is unacknowledged is kept and applied once ours is, even if the province answers 'duplicate'", async () => {
    const p = await province();
    const { core } = await counter();
    await configureSync(core, p.url);
    const d = await receiveSample(core, clerk);
    await core.sync.runOnce();
    await callOk(core, 'dossiers.transition', { id: d.id, revision: d.revision, action: 'requestSupplement', note: 'Thiếu tờ khai' }, clerk);
    // The province applies our change but its acknowledgement is lost (a one-change batch gets none)…
    p.setFaults({ rate: 1, kinds: ['partialAck'] });
    await core.sync.runOnce();
    expect(p.store.dossierById(d.id)!.record.status).toBe(5);
    // …then decides, while our change still waits for its acknowledgement.
    p.setStatus(d.code, 8, { content: 'Dừng xử lý theo đề nghị của cơ quan thuế' });
    await core.sync.runOnce();
    const get = () => callOk<{ status: number }>(core, 'dossiers.get', { idOrCode: d.id }, clerk);
    expect((await get()).status).toBe(5); // held back: ours is not acknowledged yet
    p.clearFaults();
    await core.sync.runOnce(); // resent, "duplicate", acknowledged: the held decision applies
    expect((await get()).status).toBe(8);
    expect(p.stats().changes.duplicate).toBeGreaterThanOrEqual(1);
  });

  it('another endpoint starts its feed and versions over; the same endpoint keeps them', async () => {
    const p = await province();
    const { core } = await counter();
    await configureSync(core, p.url);
    const d = await receiveSample(core, clerk);
    p.setStatus(d.code, 4, { content: 'Đang xử lý' });
    await core.sync.runOnce();
    await core.sync.runOnce();
    expect(scalar(core, 'SELECT remote_version FROM dossiers WHERE id = ?', d.id)).not.toBeNull();
    await configureSync(core, p.url); // saved again, unchanged
    expect(scalar(core, "SELECT value FROM sync_meta WHERE key = 'cursor'")).not.toBe('null');
    await configureSync(core, p.nationalUrl, undefined, 'national');
    expect(scalar(core, "SELECT value FROM sync_meta WHERE key = 'cursor'")).toBe('null');
    expect(scalar(core, 'SELECT remote_version FROM dossiers WHERE id = ?', d.id)).toBeNull();
  });

  it('records both clocks and warns beyond 2 minutes, syncing all the same', async () => {
    const p = await province({ clockOffsetMs: 10 * 60_000 });
    const { core } = await counter();
    await configureSync(core, p.url);
    await receiveSample(core, clerk);
    const r = await core.sync.runOnce();
    expect(r.ok).toBe(true);
    const s = await status(core);
    expect(s.clock?.warning).toBe(true);
    expect(s.clock!.skewMs).toBeLessThan(-9 * 60_000);
    expect(s.clock!.skewMs).toBeGreaterThan(-11 * 60_000);
    expect(p.store.dossierCount()).toBe(1);
  });

  it('offline: state and time recorded, nothing lost, and it all goes once the province is back', async () => {
    const p = await province({ faults: { down: true } });
    const { core } = await counter();
    await configureSync(core, p.url);
    await receiveSample(core, clerk);
    const r = await core.sync.runOnce();
    expect(r.ok).toBe(false);
    const s = await status(core);
    expect(s.state).toBe('offline');
    expect(s.offlineSince).not.toBeNull();
    expect(s.pending).toBe(1);
    p.clearFaults();
    expect((await core.sync.runOnce()).ok).toBe(true);
    expect(await status(core)).toMatchObject({ state: 'synced', offlineSince: null, pending: 0 });
  });

  it('two counters of one unit each see the other’s dossiers', async () => {
    const p = await province();
    const one = await counter(1);
    const two = await counter(2);
    await configureSync(one.core, p.url);
    await configureSync(two.core, p.url, QUAY2);
    const a = await receiveSample(one.core, clerk, { applicant: { ...sampleDossier('x').applicant, fullName: 'Lê Thị Hoa', idNumber: '001190012346', gender: 'female' } });
    const b = await receiveWithAttachments(two.core, clerk, page, { applicant: { ...sampleDossier('x').applicant, fullName: 'Phạm Minh Đức', idNumber: '001090054321' } });
    expect(a.code).not.toBe(b.code);
    for (const c of [one, two, one]) await c.core.sync.runOnce();

    const seenByOne = await callOk<{ id: string; code: string }>(one.core, 'dossiers.get', { idOrCode: b.code }, clerk);
    expect(seenByOne.id).toBe(b.id);
    const seenByTwo = await callOk<{ results: { code: string }[] }>(two.core, 'dossiers.search', { query: 'le thi hoa', limit: 5 }, clerk);
    expect(seenByTwo.results.map((r) => r.code)).toEqual([a.code]);
    // Another counter's dossier is not sent back as ours.
    expect(scalar(one.core, "SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL")).toBe(0);
    expect(p.store.dossierCount()).toBe(2);
    // A code the other counter used is never issued here.
    const next = await receiveSample(one.core, clerk);
    expect([a.code, b.code]).not.toContain(next.code);
  });
});
