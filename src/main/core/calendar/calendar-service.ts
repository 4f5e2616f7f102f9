import { eq } from 'drizzle-orm';
import type { CalendarTableRow } from '../../../shared/api/calls/calendar';
import { AppError } from '../../../shared/api/errors';
import type { HolidayRuleOptions } from '../../../shared/calendar/holidays';
import { OFFICIAL_DAYS, OFFICIAL_YEARS } from '../../../shared/calendar/official-breaks';
import { createWorkCalendar, type CalendarDay, type DayKind, type WorkCalendar } from '../../../shared/calendar/work-calendar';
import {
  countsFrom,
  DEFAULT_WORKING_HOURS,
  dueDate,
  resumeAfterSupplement,
  type DueRule,
  type SupplementPause,
  type WorkingHours,
} from '../../../shared/calendar/working-time';
import { appMeta, calendarDays } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';

type CalendarRow = typeof calendarDays.$inferSelect;

/** app_meta key listing the years of the official seed already copied into calendar_days. */
const SEEDED_YEARS_KEY = 'calendar.seededYears';
const SEED_ACTOR = 'system:calendar-seed';

function toView(row: CalendarRow): CalendarTableRow {
  return {
    date: row.date,
    kind: row.kind,
    name: row.name,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export interface CalendarServiceDeps {
  db: Db;
  commit: UnitOfWork;
  /** The office's working hours; settings will provide them. Default 07:00–11:30, 13:30–17:00. */
  workingHours?: () => WorkingHours;
  /** The rule's open choices (second Quốc khánh day, nghỉ bù for 24 Nov). */
  holidayRules?: Partial<HolidayRuleOptions>;
}

/**
 * The working-day calendar of this data dir: the calendar_days table (official breaks and
 * swapped days: seeded, edited by admins, fed by sync) merged with the Labour Code rules. The
 * merged calendar is cached; every write here drops the cache, and a writer elsewhere (sync)
 * must call `invalidate()` after changing calendar_days.
 */
export function createCalendarService(deps: CalendarServiceDeps) {
  const { db, commit } = deps;
  const hoursNow = deps.workingHours ?? (() => DEFAULT_WORKING_HOURS);
  let cached: WorkCalendar | null = null;
  let seedChecked = false;

  function seededYears(tx: Db): number[] {
    const row = tx.select().from(appMeta).where(eq(appMeta.key, SEEDED_YEARS_KEY)).get();
    if (!row) return [];
    try {
      const parsed: unknown = JSON.parse(row.value);
      return Array.isArray(parsed) ? parsed.filter((y): y is number => typeof y === 'number') : [];
    } catch {
      return [];
    }
  }

  /**
   * Copies the official seed into calendar_days, once per year of facts: the first use of an
   * empty table seeds 2024–2026, and a later app version that knows 2027 adds 2027 without
   * touching rows an admin or sync has set (existing dates are kept).
   */
  function ensureSeeded(): void {
    if (seedChecked) return;
    const done = seededYears(db);
    if (OFFICIAL_YEARS.every((y) => done.includes(y))) {
      seedChecked = true;
      return;
    }
    commit(
      (tx, at) => {
        const already = seededYears(tx);
        const years = OFFICIAL_YEARS.filter((y) => !already.includes(y));
        const rows = OFFICIAL_DAYS.filter((d) => years.includes(Number(d.date.slice(0, 4))));
        for (const d of rows) {
          tx.insert(calendarDays)
            .values({ date: d.date, kind: d.kind, name: d.name, source: 'seed', updatedAt: at, updatedBy: SEED_ACTOR })
            .onConflictDoNothing()
            .run();
        }
        const value = JSON.stringify([...already, ...years].sort());
        tx.insert(appMeta).values({ key: SEEDED_YEARS_KEY, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } }).run();
        return { years, count: rows.length };
      },
      (r) => ({
        actor: SEED_ACTOR,
        action: 'calendar.seed',
        entity: 'calendar',
        entityId: r.years.join(',') || '-',
        syncPayload: null,
        details: r,
      }),
    );
    seedChecked = true;
    cached = null;
  }

  function calendar(): WorkCalendar {
    ensureSeeded();
    if (!cached) {
      const rows = db.select().from(calendarDays).all();
      cached = createWorkCalendar(
        rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, origin: r.source })),
        deps.holidayRules,
      );
    }
    return cached;
  }

  return {
    /** The merged calendar (rule + table), for callers that need many lookups. */
    calendar,

    isWorkingDay(date: string): boolean {
      return calendar().isWorkingDay(date);
    },

    /** Days off (rule, table, nghỉ bù) and swapped working days of a year. */
    holidays(year: number): CalendarDay[] {
      return calendar().holidays(year);
    },

    /** The due instant for a dossier received at `receivedAt`; what intake stores as due_at. */
    dueDateFor(receivedAt: Date, rule: DueRule, hours: WorkingHours = hoursNow()): Date {
      return dueDate(receivedAt, rule, calendar(), hours);
    },

    /** When counting starts for a dossier received at `receivedAt` (next working moment, cut-off). */
    countsFrom(receivedAt: Date, rule: DueRule, hours: WorkingHours = hoursNow()): Date {
      return countsFrom(receivedAt, rule, calendar(), hours);
    },

    /** The new due instant after a supplement pause (status 5 → back in processing). */
    resumeAfterSupplement(pause: SupplementPause, hours: WorkingHours = hoursNow()): Date {
      return resumeAfterSupplement(pause, calendar(), hours);
    },

    /** Rows of the official table, optionally of one year. */
    tableRows(year?: number): CalendarTableRow[] {
      ensureSeeded();
      const rows = db.select().from(calendarDays).orderBy(calendarDays.date).all();
      const prefix = year === undefined ? '' : `${String(year).padStart(4, '0')}-`;
      return rows.filter((r) => r.date.startsWith(prefix)).map(toView);
    },

    /** Admin edit: a day off or a (swapped) working day, replacing any row for that date. */
    setDay(input: { date: string; kind: DayKind; name: string }, actor: string): CalendarTableRow {
      ensureSeeded();
      const saved = commit(
        (tx, at) => {
          const before = tx.select().from(calendarDays).where(eq(calendarDays.date, input.date)).get() ?? null;
          const values = { ...input, source: 'admin' as const, updatedAt: at, updatedBy: actor };
          const after = tx
            .insert(calendarDays)
            .values(values)
            .onConflictDoUpdate({ target: calendarDays.date, set: values })
            .returning()
            .get();
          return { before, after };
        },
        ({ before, after }) => ({
          actor,
          action: 'calendar.setDay',
          entity: 'calendar_day',
          entityId: after.date,
          syncPayload: null,
          details: { before: before && toView(before), after: toView(after) },
        }),
      );
      cached = null;
      return toView(saved.after);
    },

    /** Admin edit: removes a table row; the date then follows the rule and the weekend again. */
    removeDay(date: string, actor: string): { date: string; removed: true } {
      ensureSeeded();
      commit(
        (tx) => {
          const before = tx.select().from(calendarDays).where(eq(calendarDays.date, date)).get();
          if (!before) throw new AppError('CALENDAR_DAY_NOT_FOUND', { date });
          tx.delete(calendarDays).where(eq(calendarDays.date, date)).run();
          return before;
        },
        (before) => ({
          actor,
          action: 'calendar.removeDay',
          entity: 'calendar_day',
          entityId: date,
          syncPayload: null,
          details: { before: toView(before) },
        }),
      );
      cached = null;
      return { date, removed: true };
    },

    /**
     * The province's table, from the sync feed: a day off / working day as published, or null
     * when withdrawn (a row of another source for that date is left alone then). Runs in the
     * caller's transaction, audited like an admin's edit.
     */
    applySynced(date: string, day: { kind: DayKind; name: string } | null, actor: string): void {
      ensureSeeded();
      commit(
        (tx, at) => {
          const before = tx.select().from(calendarDays).where(eq(calendarDays.date, date)).get() ?? null;
          if (day) {
            const values = { date, ...day, source: 'sync' as const, updatedAt: at, updatedBy: actor };
            tx.insert(calendarDays).values(values).onConflictDoUpdate({ target: calendarDays.date, set: values }).run();
          } else if (before?.source === 'sync') {
            tx.delete(calendarDays).where(eq(calendarDays.date, date)).run();
          }
          return before;
        },
        (before) => ({
          actor,
          action: day ? 'calendar.sync' : 'calendar.syncRemove',
          entity: 'calendar_day',
          entityId: date,
          syncPayload: null,
          details: { before: before && toView(before), after: day },
        }),
      );
      cached = null;
    },

    /** Drops the cached calendar; call after changing calendar_days outside this service (sync). */
    invalidate(): void {
      cached = null;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
