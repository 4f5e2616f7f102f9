import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalendarService } from '../../../src/main/core/calendar/calendar-service';
import type { Core } from '../../../src/main/core/core';
import { migrate } from '../../../src/main/core/db/migrate';
import { readMigrations } from '../../../src/main/core/db/migrations';
import { openDatabase } from '../../../src/main/core/db/open';
import { createUnitOfWork } from '../../../src/main/core/db/unit-of-work';
import type { Output } from '../../../src/shared/api/contract';
import { OFFICIAL_DAYS } from '../../../src/shared/calendar/official-breaks';
import { parseRule } from '../../../src/shared/calendar/working-time';
import { frozenClock, migrationsDir, openTestCore, sequentialIds, systemContext } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';

const clerk = systemContext('clerk', 'clerk-1');
const admin = systemContext('admin', 'admin-1');

function readDb(core: Core) {
  return new Database(core.databaseFile, { readonly: true });
}

async function holidays(core: Core, year: number) {
  const r = await core.dispatch('calendar.holidays', { year }, clerk);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as Output<'calendar.holidays'>).days;
}

describe('calendar through the core (real SQLite)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const clock = frozenClock('2026-02-13T09:59:00Z'); // 16:59 on the last working day before Tết 2026

  beforeEach(() => {
    temp = makeTempDir();
    core = openTestCore(temp.dir, { clock });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('seeds the official table on first use, once', async () => {
    const db0 = readDb(core);
    expect(db0.prepare('SELECT count(*) FROM calendar_days').pluck().get()).toBe(0);
    db0.close();

    const r = await core.dispatch('calendar.holidays', { year: 2026 }, clerk);
    expect(r.ok).toBe(true);
    const db = readDb(core);
    expect(db.prepare('SELECT count(*) FROM calendar_days').pluck().get()).toBe(OFFICIAL_DAYS.length);
    expect(db.prepare("SELECT DISTINCT source FROM calendar_days").pluck().all()).toEqual(['seed']);
    expect(db.prepare("SELECT kind, name FROM calendar_days WHERE date = '2024-05-04'").get()).toMatchObject({ kind: 'work' });
    expect(db.prepare("SELECT value FROM app_meta WHERE key = 'calendar.seededYears'").pluck().get()).toBe('[2024,2025,2026]');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'calendar.seed'").pluck().get()).toBe(1);
    db.close();

    await core.dispatch('calendar.holidays', { year: 2025 }, clerk);
    core.close();
    core = openTestCore(temp.dir, { clock });
    await core.dispatch('calendar.holidays', { year: 2024 }, clerk);
    const again = readDb(core);
    expect(again.prepare("SELECT count(*) FROM audit_log WHERE action = 'calendar.seed'").pluck().get()).toBe(1);
    again.close();
  });

  it('lists a year with weekday, kind and source (calendar.holidays)', async () => {
    const days = await holidays(core, 2026);
    expect(days.find((d) => d.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      weekday: 1,
      weekdayName: 'Thứ Hai',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 Âm lịch)',
      kind: 'off',
      source: 'table',
      origin: 'seed',
    });
    expect(days.find((d) => d.date === '2026-11-24')).toMatchObject({ weekday: 2, weekdayName: 'Thứ Ba', kind: 'off' });
    expect(days.find((d) => d.date === '2026-01-01')).toMatchObject({ source: 'rule', origin: null });
    expect((await holidays(core, 2027)).find((d) => d.date === '2027-05-03')).toMatchObject({ source: 'nghi-bu', weekdayName: 'Thứ Hai' });
  });

  it('computes a due date for a clerk (calendar.due), from text or data', async () => {
    const r = await core.dispatch('calendar.due', { from: clock.now().toISOString(), rule: '3 working-days' }, clerk);
    expect(r).toEqual({
      ok: true,
      value: {
        from: '2026-02-13T09:59:00.000Z',
        rule: { value: 3, unit: 'working-days' },
        ruleText: '3 working-days',
        ruleDescription: '3 ngày làm việc',
        countsFrom: '2026-02-13T09:59:00.000Z',
        due: '2026-02-25T10:00:00.000Z',
        dueLocal: '2026-02-25T17:00:00+07:00',
        dueText: '17 giờ 00 phút, Thứ Tư ngày 25/02/2026',
      },
    });
    const data = await core.dispatch('calendar.due', { from: '2026-02-13T08:01:00Z', rule: { value: 0, unit: 'same-day', cutoff: '15:00' } }, clerk);
    expect(data).toMatchObject({ ok: true, value: { countsFrom: '2026-02-23T00:00:00.000Z', dueLocal: '2026-02-23T17:00:00+07:00' } });
  });

  it('refuses bad input with Vietnamese messages', async () => {
    const badRule = await core.dispatch('calendar.due', { from: '2026-02-13T03:00:00Z', rule: '3 tuần' }, clerk);
    expect(badRule).toMatchObject({ ok: false, error: { code: 'CALENDAR_RULE_INVALID' } });
    const badData = await core.dispatch('calendar.due', { from: '2026-02-13T03:00:00Z', rule: { value: -2, unit: 'days' } }, clerk);
    expect(badData).toMatchObject({ ok: false, error: { code: 'CALENDAR_RULE_INVALID' } });
    const badYear = await core.dispatch('calendar.holidays', { year: 1850 }, clerk);
    expect(badYear).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const badDate = await core.dispatch('calendar.setDay', { date: '2026-02-30', kind: 'off', name: 'x' }, admin);
    expect(badDate).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!badDate.ok) expect(badDate.error.message).toContain('ngày phải là ngày có thật');
  });

  it('lets only an admin edit the table, with an audit entry, and the due date follows', async () => {
    const denied = await core.dispatch('calendar.setDay', { date: '2026-02-23', kind: 'off', name: 'Nghỉ thêm' }, clerk);
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const set = await core.dispatch('calendar.setDay', { date: '2026-02-23', kind: 'off', name: '  Nghỉ   thêm  ' }, admin);
    expect(set).toEqual({
      ok: true,
      value: { date: '2026-02-23', kind: 'off', name: 'Nghỉ thêm', source: 'admin', updatedAt: '2026-02-13T09:59:00.000Z', updatedBy: 'admin-1' },
    });
    const due = await core.dispatch('calendar.due', { from: '2026-02-13T03:00:00Z', rule: '3 working-days' }, clerk);
    expect(due).toMatchObject({ ok: true, value: { dueLocal: '2026-02-26T17:00:00+07:00' } });
    expect((await holidays(core, 2026)).find((d) => d.date === '2026-02-23')).toMatchObject({ source: 'table', origin: 'admin' });

    const db = readDb(core);
    expect(db.prepare("SELECT actor, entity, entity_id FROM audit_log WHERE action = 'calendar.setDay'").all()).toEqual([
      { actor: 'admin-1', entity: 'calendar_day', entity_id: '2026-02-23' },
    ]);
    expect(db.prepare("SELECT count(*) FROM outbox WHERE entity = 'calendar_day'").pluck().get()).toBe(0);
    db.close();
  });

  it('a working-day row cancels a rule holiday; removing a row gives the date back to the rule', async () => {
    await core.dispatch('calendar.setDay', { date: '2026-04-30', kind: 'work', name: 'Làm bù' }, admin);
    const due = await core.dispatch('calendar.due', { from: '2026-04-29T03:00:00Z', rule: '1 working-days' }, clerk);
    expect(due).toMatchObject({ ok: true, value: { dueLocal: '2026-04-30T17:00:00+07:00' } });

    // Mon 27 Apr is a seed row; without it the rule still gives nghỉ bù for Giỗ Tổ on Sunday.
    const removed = await core.dispatch('calendar.removeDay', { date: '2026-04-27' }, admin);
    expect(removed).toEqual({ ok: true, value: { date: '2026-04-27', removed: true } });
    expect((await holidays(core, 2026)).find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'off', source: 'nghi-bu', origin: null });

    const missing = await core.dispatch('calendar.removeDay', { date: '2026-04-27' }, admin);
    expect(missing).toMatchObject({ ok: false, error: { code: 'CALENDAR_DAY_NOT_FOUND' } });

    // A removed seed row is not seeded again when the app restarts.
    core.close();
    core = openTestCore(temp.dir, { clock });
    await core.dispatch('calendar.holidays', { year: 2026 }, clerk);
    const db = readDb(core);
    expect(db.prepare("SELECT count(*) FROM calendar_days WHERE date = '2026-04-27'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT action FROM audit_log WHERE entity = 'calendar_day' ORDER BY at, rowid").pluck().all()).toEqual([
      'calendar.setDay',
      'calendar.removeDay',
    ]);
    db.close();
  });
});

describe('the calendar service for dossier intake', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let sqlite: ReturnType<typeof openDatabase>;

  beforeEach(() => {
    temp = makeTempDir();
    sqlite = openDatabase(join(temp.dir, 'motcua.sqlite'));
    migrate(sqlite, readMigrations(migrationsDir), { backupDir: join(temp.dir, 'backups'), now: new Date() });
  });
  afterEach(() => {
    sqlite.close();
    temp.cleanup();
  });

  function service(opts: Partial<Parameters<typeof createCalendarService>[0]> = {}) {
    const db = drizzle({ client: sqlite });
    const commit = createUnitOfWork(db, { clock: frozenClock('2026-01-05T00:00:00Z'), ids: sequentialIds() });
    return createCalendarService({ db, commit, ...opts });
  }

  it('dueDateFor and resumeAfterSupplement use the table and the office hours', () => {
    const calendar = service();
    const received = new Date('2026-02-13T03:00:00Z'); // Fri 10:00, before Tết
    const due = calendar.dueDateFor(received, parseRule('3 working-days'));
    expect(due.toISOString()).toBe('2026-02-25T10:00:00.000Z');
    // Paused Mon 23 Feb 10:00 with 5 + 8 + 8 = 21 h left; resumed Mon 2 Mar 10:00: 5 + 8 + 8 h → Wed 4 Mar 17:00.
    const resumed = calendar.resumeAfterSupplement({
      dueAt: due,
      pausedAt: new Date('2026-02-23T03:00:00Z'),
      resumedAt: new Date('2026-03-02T03:00:00Z'),
    });
    expect(resumed.toISOString()).toBe('2026-03-04T10:00:00.000Z');

    const longer = service({ workingHours: () => [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }] });
    expect(longer.dueDateFor(received, parseRule('3 working-days')).toISOString()).toBe('2026-02-25T10:30:00.000Z');
    expect(longer.isWorkingDay('2026-02-20')).toBe(false);
    expect(longer.tableRows(2024).map((r) => r.date)).toContain('2024-05-04');
  });

  it('can be first used inside the intake’s own transaction (the seed nests as a savepoint)', () => {
    const db = drizzle({ client: sqlite });
    const commit = createUnitOfWork(db, { clock: frozenClock('2026-02-13T03:00:00Z'), ids: sequentialIds() });
    const calendar = createCalendarService({ db, commit });
    const due = commit(
      (_tx, at) => calendar.dueDateFor(at, parseRule('3 working-days')),
      () => ({ actor: 'clerk-1', action: 'dossier.create', entity: 'dossier', entityId: 'd1', syncPayload: null }),
    );
    expect(due.toISOString()).toBe('2026-02-25T10:00:00.000Z');
    expect(sqlite.prepare('SELECT count(*) FROM calendar_days').pluck().get()).toBe(OFFICIAL_DAYS.length);
  });

  it('takes the rule options (24 Nov nghỉ bù off)', () => {
    const calendar = service({ holidayRules: { cultureDayNghiBu: false } });
    expect(calendar.isWorkingDay('2029-11-26')).toBe(true);
    expect(service().isWorkingDay('2029-11-26')).toBe(false);
  });
});
