import { AppError } from '../api/errors';
import { calendarText } from '../i18n/vi-calendar';
import { addDays, dateKey, isWeekend, type DateKey } from './dates';
import { lunarNewYear, lunarToSolar } from './lunar';

// Public holidays by rule: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), Art. 112, and the
// 2025 decision adding 24 Nov (Ngày Văn hóa Việt Nam) from 2026. These are the DEFAULTS: every
// year the government fixes the Tết days and the second Quốc khánh day, and swaps days for
// public servants; the official table (official-breaks.ts, then the calendar_days table) carries
// those decisions and wins over the rule — see work-calendar.ts for the precedence.

export type HolidayGroup = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour' | 'national-day' | 'culture';

export interface HolidayRuleOptions {
  /** The day next to 2 Sep that the rule assumes until the government says: 1 Sep or 3 Sep. */
  nationalDaySecondDay: 'before' | 'after';
  /** First year 24 Nov is a day off. */
  cultureDayFrom: number;
  /**
   * Whether 24 Nov on a weekend gives a nghỉ bù. UNSURE: the decision names it a paid day off
   * without saying; we assume Art. 112(3) applies like for the other holidays.
   */
  cultureDayNghiBu: boolean;
}

export const DEFAULT_HOLIDAY_RULES: HolidayRuleOptions = {
  nationalDaySecondDay: 'before',
  cultureDayFrom: 2026,
  cultureDayNghiBu: true,
};

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export interface RuleDay {
  date: DateKey;
  name: string;
  group: HolidayGroup;
  /** 'rule': the holiday itself; 'nghi-bu': the working day given for a holiday on a weekend. */
  source: 'rule' | 'nghi-bu';
  /** Chosen each year by the government (Tết's five days, Quốc khánh's second day). */
  setEachYear: boolean;
}

/** Holidays whose exact days the government sets each year, and so the table may take over. */
export type SeasonGroup = Extract<HolidayGroup, 'tet' | 'national-day'>;
export const SEASON_GROUPS: readonly SeasonGroup[] = ['tet', 'national-day'];

/**
 * The stretch of days in which an off day in the official table means "the table has this
 * year's break": Tết from 15 days before mùng 1 to 14 days after; Quốc khánh 26 Aug – 9 Sep.
 * Neither stretch meets another holiday.
 */
export function seasonOf(group: SeasonGroup, year: number): { from: DateKey; to: DateKey } {
  if (group === 'tet') {
    const t = lunarNewYear(year);
    const tet = dateKey(t.year, t.month, t.day);
    return { from: addDays(tet, -15), to: addDays(tet, 14) };
  }
  return { from: dateKey(year, 8, 26), to: dateKey(year, 9, 9) };
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('CALENDAR_OUT_OF_RANGE', { value: String(year) });
  }
}

/** The holidays of Art. 112 for a year, before nghỉ bù. */
export function lawHolidays(year: number, options: HolidayRuleOptions = DEFAULT_HOLIDAY_RULES): RuleDay[] {
  checkYear(year);
  const h = calendarText.holidays;
  const day = (date: DateKey, name: string, group: HolidayGroup, setEachYear = false): RuleDay => ({
    date,
    name,
    group,
    source: 'rule',
    setEachYear,
  });
  const t = lunarNewYear(year);
  const tet = dateKey(t.year, t.month, t.day);
  const hung = lunarToSolar(10, 3, year)!;
  const days: RuleDay[] = [
    day(dateKey(year, 1, 1), h.newYear, 'new-year'),
    // Default Tết: the last day of the old lunar year and the first four of the new one.
    day(addDays(tet, -1), h.tetEve, 'tet', true),
    ...[1, 2, 3, 4].map((n) => day(addDays(tet, n - 1), h.tet(n), 'tet', true)),
    day(dateKey(hung.year, hung.month, hung.day), h.hungKings, 'hung-kings'),
    day(dateKey(year, 4, 30), h.reunification, 'reunification'),
    day(dateKey(year, 5, 1), h.labour, 'labour'),
    day(dateKey(year, 9, 2), h.nationalDay, 'national-day'),
    day(dateKey(year, 9, options.nationalDaySecondDay === 'before' ? 1 : 3), h.nationalDaySecond, 'national-day', true),
  ];
  if (year >= options.cultureDayFrom) days.push(day(dateKey(year, 11, 24), h.culture, 'culture'));
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The rule's days off for a year: Art. 112 holidays plus nghỉ bù (Art. 112(3): a holiday on the
 * weekly rest day gives the next working day off). Groups in `setByTable` are seasons the
 * official table carries for this year: their set-each-year days and their nghỉ bù are left out
 * (the table lists the real ones); days fixed by law (2 Sep) stay.
 *
 * Nghỉ bù goes to the next Monday–Friday that is not already a holiday or an earlier nghỉ bù;
 * it is placed from the rule alone (the table may then override any date).
 */
export function ruleHolidays(
  year: number,
  options: HolidayRuleOptions = DEFAULT_HOLIDAY_RULES,
  setByTable: ReadonlySet<HolidayGroup> = new Set(),
): RuleDay[] {
  const kept = lawHolidays(year, options).filter((d) => !(d.setEachYear && setByTable.has(d.group)));
  const off = new Set(kept.map((d) => d.date));
  const result = [...kept];
  for (const d of kept) {
    if (!isWeekend(d.date) || setByTable.has(d.group)) continue;
    if (d.group === 'culture' && !options.cultureDayNghiBu) continue;
    let next = addDays(d.date, 1);
    while (isWeekend(next) || off.has(next)) next = addDays(next, 1);
    off.add(next);
    result.push({ date: next, name: calendarText.holidays.nghiBu(d.name), group: d.group, source: 'nghi-bu', setEachYear: false });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}
