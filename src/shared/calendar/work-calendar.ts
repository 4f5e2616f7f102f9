import { calendarText } from '../i18n/vi-calendar';
import { isWeekend, weekdayOf, type DateKey } from './dates';
import {
  checkYear,
  DEFAULT_HOLIDAY_RULES,
  ruleHolidays,
  SEASON_GROUPS,
  seasonOf,
  type HolidayGroup,
  type HolidayRuleOptions,
} from './holidays';

// The working-day calendar: the rule (holidays.ts) merged with the official table (seeded from
// official-breaks.ts, edited by admins, fed by sync). Precedence, highest first:
//   1. the table's row for the date ('off' or 'work');
//   2. Tết / Quốc khánh seasons the table covers for that year: the rule's set-each-year days
//      and their nghỉ bù are dropped, the table's days are the break;
//   3. the rule's holidays and nghỉ bù;
//   4. Saturday and Sunday off, Monday–Friday working.

export type DayKind = 'off' | 'work';
export type TableOrigin = 'seed' | 'admin' | 'sync';

/** A row of the official table. */
export interface TableDay {
  date: DateKey;
  kind: DayKind;
  name: string;
  origin?: TableOrigin;
}

/** A day that is not an ordinary weekday/weekend, and why. */
export interface CalendarDay {
  date: DateKey;
  kind: DayKind;
  name: string;
  /** 'rule': a holiday of the Labour Code; 'nghi-bu': given for one on a weekend; 'table': the official table. */
  source: 'rule' | 'table' | 'nghi-bu';
  /** For table rows: seeded, set by an admin, or received by sync. */
  origin: TableOrigin | null;
}

export interface WorkCalendar {
  isWorkingDay(date: DateKey): boolean;
  /** The calendar's entry for a date, or null for an ordinary day. */
  day(date: DateKey): CalendarDay | null;
  /** Every day off by rule or table, every nghỉ bù and every swapped working day of a year, sorted. */
  holidays(year: number): CalendarDay[];
}

export function createWorkCalendar(
  table: readonly TableDay[],
  options: Partial<HolidayRuleOptions> = {},
): WorkCalendar {
  const rules: HolidayRuleOptions = { ...DEFAULT_HOLIDAY_RULES, ...options };
  const rows = new Map<DateKey, TableDay>(table.map((r) => [r.date, r]));
  const ruleYears = new Map<number, Map<DateKey, CalendarDay>>();

  function seasonsSetByTable(year: number): Set<HolidayGroup> {
    const covered = new Set<HolidayGroup>();
    for (const group of SEASON_GROUPS) {
      const { from, to } = seasonOf(group, year);
      for (const r of rows.values()) {
        if (r.kind === 'off' && r.date >= from && r.date <= to) {
          covered.add(group);
          break;
        }
      }
    }
    return covered;
  }

  function ruleDaysOf(year: number): Map<DateKey, CalendarDay> {
    let days = ruleYears.get(year);
    if (!days) {
      days = new Map();
      for (const d of ruleHolidays(year, rules, seasonsSetByTable(year))) {
        days.set(d.date, { date: d.date, kind: 'off', name: d.name, source: d.source, origin: null });
      }
      ruleYears.set(year, days);
    }
    return days;
  }

  function fromTable(r: TableDay): CalendarDay {
    return { date: r.date, kind: r.kind, name: r.name, source: 'table', origin: r.origin ?? null };
  }

  function day(date: DateKey): CalendarDay | null {
    const row = rows.get(date);
    if (row) return fromTable(row);
    return ruleDaysOf(Number(date.slice(0, 4))).get(date) ?? null;
  }

  return {
    day,
    isWorkingDay(date) {
      const entry = day(date);
      return entry ? entry.kind === 'work' : !isWeekend(date);
    },
    holidays(year) {
      checkYear(year);
      const merged = new Map(ruleDaysOf(year));
      const prefix = `${String(year).padStart(4, '0')}-`;
      for (const r of rows.values()) if (r.date.startsWith(prefix)) merged.set(r.date, fromTable(r));
      return [...merged.values()].sort((a, b) => a.date.localeCompare(b.date));
    },
  };
}

/** Vietnamese weekday name of a date ("Thứ Hai", …, "Chủ nhật"). */
export function weekdayName(date: DateKey): string {
  return calendarText.weekdays[weekdayOf(date)]!;
}

/** ISO weekday number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: DateKey): number {
  return weekdayOf(date) || 7;
}
