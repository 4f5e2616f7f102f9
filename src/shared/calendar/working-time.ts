import { AppError } from '../api/errors';
import { VN_OFFSET_MS, vnDateKey } from '../time/vn-time';
import { addDays, utcMidnightMs, type DateKey } from './dates';

// Working time and due dates (ngày hẹn trả). Every clock time here is Vietnam's (UTC+7, no DST);
// instants are Dates. The conventions, with examples, are in docs/calendar.md:
//
//   - Counting starts at the first working moment at or after receipt ("countsFrom"): a dossier
//     received outside working hours (evening, weekend, holiday, lunch) counts from the next
//     working period. With a cut-off, one received after it on a working day counts from the
//     next working morning.
//   - The receiving day is the day counting starts on, and it is not counted (Civil Code 2015,
//     Art. 147: the first day of a period in days is not counted).
//   - 'working-days' N: due at the closing time of the Nth working day after the receiving day
//     (Art. 148: a period ends at the end of its last day; for a counter we take its closing time).
//     Received Mon 10:00, 3 working days → Thu 17:00.
//   - 'days' N (calendar days): due at the closing time of the Nth day after the receiving day,
//     moved to the next working day when that day is not one (Art. 148).
//   - 'working-hours' N: N hours of working time from countsFrom; exactly at a period's end the
//     due time is that end (17:00, not the next morning).
//   - 'same-day': due at closing time of the receiving day; with cut-off 15:00 a dossier received
//     after 15:00 is due at closing time of the next working day.
//   - A supplement pause: the working time left between the pause and the due time is counted
//     again from the resumption. A dossier already overdue when paused keeps its due time.

export interface WorkingPeriod {
  /** 'HH:MM', Vietnam time. */
  start: string;
  end: string;
}
export type WorkingHours = readonly WorkingPeriod[];

/** The common office hours; offices set their own (settings). */
export const DEFAULT_WORKING_HOURS: WorkingHours = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export const DUE_UNITS = ['working-days', 'days', 'working-hours', 'same-day'] as const;
export type DueUnit = (typeof DUE_UNITS)[number];

/** A processing time as the catalogue gives it: value + unit (+ an optional cut-off). */
export interface DueRule {
  /** Days or hours; ignored (0) for 'same-day'. */
  value: number;
  unit: DueUnit;
  /** 'HH:MM': received after this on a working day, counting starts the next working morning. */
  cutoff?: string;
}

/** Whether a date is a working day; the WorkCalendar of work-calendar.ts is one. */
export interface WorkingDays {
  isWorkingDay(date: DateKey): boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** How far ahead a search for a working day may go before the calendar is declared broken. */
const MAX_SEARCH_DAYS = 3660;

interface Span {
  start: number; // minutes after local midnight
  end: number;
}

function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Checks working hours (HH:MM, increasing, not overlapping) and returns them in minutes. */
function spansOf(hours: WorkingHours): Span[] {
  const bad = (detail: string) => new AppError('CALENDAR_HOURS_INVALID', { detail });
  if (hours.length === 0) throw bad('chưa có buổi nào');
  const spans: Span[] = [];
  for (const p of hours) {
    const start = minutesOf(p.start);
    const end = minutesOf(p.end);
    if (start === null || end === null || start >= end) throw bad(`${p.start}–${p.end}`);
    if (spans.length > 0 && start < spans[spans.length - 1]!.end) throw bad(`${p.start}–${p.end}`);
    spans.push({ start, end });
  }
  return spans;
}

/** Throws CALENDAR_HOURS_INVALID unless the hours are usable. */
export function checkWorkingHours(hours: WorkingHours): WorkingHours {
  spansOf(hours);
  return hours;
}

/** The instant of local midnight starting a date. */
function dayStartMs(date: DateKey): number {
  return utcMidnightMs(date) - VN_OFFSET_MS;
}

function atMinutes(date: DateKey, minutes: number): Date {
  return new Date(dayStartMs(date) + minutes * MINUTE_MS);
}

/** Opening time (start of the first period) of a date. */
export function openingTime(date: DateKey, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  return atMinutes(date, spansOf(hours)[0]!.start);
}

/** Closing time (end of the last period) of a date. */
export function closingTime(date: DateKey, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const spans = spansOf(hours);
  return atMinutes(date, spans[spans.length - 1]!.end);
}

/** The first working day after `date`. */
export function nextWorkingDay(date: DateKey, cal: WorkingDays): DateKey {
  let d = addDays(date, 1);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, d = addDays(d, 1)) if (cal.isWorkingDay(d)) return d;
  throw new Error(`no working day within ${MAX_SEARCH_DAYS} days after ${date}`);
}

export function isWorkingDay(date: DateKey, cal: WorkingDays): boolean {
  return cal.isWorkingDay(date);
}

/** True when `at` falls inside a working period of a working day. */
export function isWorkingMoment(at: Date, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean {
  return nextWorkingMoment(at, cal, hours).getTime() === at.getTime();
}

/**
 * `at` itself when it is working time, else the start of the next working period. A period is
 * [start, end): at 17:00 sharp the office is closed.
 */
export function nextWorkingMoment(at: Date, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const spans = spansOf(hours);
  const t = at.getTime();
  let date = vnDateKey(at);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, date = addDays(date, 1)) {
    if (!cal.isWorkingDay(date)) continue;
    const base = dayStartMs(date);
    for (const s of spans) {
      if (t < base + s.end * MINUTE_MS) return new Date(Math.max(t, base + s.start * MINUTE_MS));
    }
  }
  throw new Error(`no working time within ${MAX_SEARCH_DAYS} days after ${at.toISOString()}`);
}

/** The instant reached after `ms` of working time from `from` (only working periods count). */
export function addWorkingTime(from: Date, ms: number, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const spans = spansOf(hours);
  let remaining = ms;
  const t = from.getTime();
  let date = vnDateKey(from);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, date = addDays(date, 1)) {
    if (!cal.isWorkingDay(date)) continue;
    const base = dayStartMs(date);
    for (const s of spans) {
      const start = Math.max(t, base + s.start * MINUTE_MS);
      const end = base + s.end * MINUTE_MS;
      if (start >= end) continue;
      if (remaining <= end - start) return new Date(start + remaining);
      remaining -= end - start;
    }
  }
  throw new Error(`working time runs past ${MAX_SEARCH_DAYS} days after ${from.toISOString()}`);
}

/** Working time (ms) between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(from: Date, to: Date, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): number {
  const spans = spansOf(hours);
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  const last = vnDateKey(to);
  for (let date = vnDateKey(from); date <= last; date = addDays(date, 1)) {
    if (!cal.isWorkingDay(date)) continue;
    const base = dayStartMs(date);
    for (const s of spans) {
      const start = Math.max(a, base + s.start * MINUTE_MS);
      const end = Math.min(b, base + s.end * MINUTE_MS);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** The moment counting starts for a dossier received at `receivedAt` (see the conventions above). */
export function countsFrom(receivedAt: Date, rule: DueRule, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const checked = checkRule(rule);
  const start = nextWorkingMoment(receivedAt, cal, hours);
  if (checked.cutoff === undefined) return start;
  const date = vnDateKey(start);
  const cutoff = atMinutes(date, minutesOf(checked.cutoff)!);
  return start.getTime() > cutoff.getTime() ? openingTime(nextWorkingDay(date, cal), hours) : start;
}

/** The due instant (ngày hẹn trả) of a dossier received at `receivedAt` under `rule`. */
export function dueDate(receivedAt: Date, rule: DueRule, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const r = checkRule(rule);
  const start = countsFrom(receivedAt, r, cal, hours);
  const receivingDay = vnDateKey(start);
  switch (r.unit) {
    case 'same-day':
      return closingTime(receivingDay, hours);
    case 'working-days': {
      let d = receivingDay;
      for (let i = 0; i < r.value; i++) d = nextWorkingDay(d, cal);
      return closingTime(d, hours);
    }
    case 'days': {
      let d = addDays(receivingDay, r.value);
      if (!cal.isWorkingDay(d)) d = nextWorkingDay(d, cal);
      return closingTime(d, hours);
    }
    case 'working-hours':
      return addWorkingTime(start, r.value * HOUR_MS, cal, hours);
  }
}

export interface SupplementPause {
  /** The due instant before the pause. */
  dueAt: Date;
  /** When the clerk asked for the supplement (the clock stopped). */
  pausedAt: Date;
  /** When the complete supplement came back (the clock restarts). */
  resumedAt: Date;
}

/**
 * The new due instant after a supplement pause: the working time that was left between the
 * pause and the old due instant, counted again from the resumption (from the next working
 * moment if it came back outside working hours). Already overdue when paused: unchanged.
 */
export function resumeAfterSupplement(pause: SupplementPause, cal: WorkingDays, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const { dueAt, pausedAt, resumedAt } = pause;
  if (resumedAt.getTime() < pausedAt.getTime()) throw new RangeError('resumedAt is before pausedAt');
  if (pausedAt.getTime() >= dueAt.getTime()) return new Date(dueAt);
  const left = workingTimeBetween(pausedAt, dueAt, cal, hours);
  return addWorkingTime(resumedAt, left, cal, hours);
}

// ---------------------------------------------------------------------------------------------
// Rules as text: the CLI's form ("3 working-days", "5 days", "8 working-hours", "same-day 15:00")
// and the wording catalogues use ("3 working days", "5 calendar days", "same day; next working
// day if received after 15:00", "3 ngày làm việc", "trong ngày, nhận sau 15 giờ …").

const MAX_VALUE: Record<DueUnit, number> = { 'working-days': 1000, days: 3650, 'working-hours': 8000, 'same-day': 0 };

function invalid(text: string): AppError {
  return new AppError('CALENDAR_RULE_INVALID', { text: text.slice(0, 80) });
}

/** Checks a rule given as data; throws CALENDAR_RULE_INVALID. Returns it with a normalised cut-off. */
export function checkRule(rule: DueRule): DueRule {
  const fail = () => invalid(formatRuleLoose(rule));
  if (!(DUE_UNITS as readonly string[]).includes(rule.unit)) throw fail();
  if (typeof rule.value !== 'number' || !Number.isFinite(rule.value)) throw fail();
  if (rule.unit === 'same-day') {
    if (rule.value !== 0 && rule.value !== 1) throw fail();
  } else {
    const whole = rule.unit !== 'working-hours';
    if (rule.value <= 0 || rule.value > MAX_VALUE[rule.unit] || (whole && !Number.isInteger(rule.value))) throw fail();
    if (!whole && !Number.isInteger(rule.value * 60)) throw fail(); // whole minutes
  }
  if (rule.cutoff !== undefined && minutesOf(rule.cutoff) === null) throw fail();
  return rule;
}

function formatRuleLoose(rule: Partial<DueRule>): string {
  return `${rule.unit === 'same-day' ? '' : `${String(rule.value)} `}${String(rule.unit)}${rule.cutoff ? ` ${rule.cutoff}` : ''}`;
}

/** The canonical text of a rule, which parseRule reads back: "3 working-days", "same-day 15:00". */
export function formatRule(rule: DueRule): string {
  return formatRuleLoose(checkRule(rule));
}

const UNIT_PATTERN =
  /^(\d+(?:[.,]\d+)?)\s*(working[- ]?days?|business[- ]?days?|working[- ]?hours?|calendar[- ]?days?|days?|ngày làm việc|giờ làm việc|ngày)(?![\p{L}\d])(.*)$/u;
const SAME_DAY_PATTERN = /^(same[- ]?day|trong ngày)(?![\p{L}\d])(.*)$/u;
const TIME_PATTERN = /(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?(?:\s*phút)?/u;
const FILLER = new Set(
  ('next working day business if received after cutoff cut-off cut off at than later counted from the ' +
    'nếu nhận sau trả vào ngày làm việc tiếp theo hồ sơ thì kết quả được tính từ giờ hoặc quá')
    .split(' '),
);

function unitOf(word: string): DueUnit {
  if (/^(working|business)[- ]?hours?$/.test(word) || word === 'giờ làm việc') return 'working-hours';
  if (/^(working|business)[- ]?days?$/.test(word) || word === 'ngày làm việc') return 'working-days';
  return 'days';
}

function parseCutoff(rest: string, original: string): string | undefined {
  const time = TIME_PATTERN.exec(rest);
  const leftover = (time ? rest.slice(0, time.index) + ' ' + rest.slice(time.index + time[0].length) : rest)
    .replace(/[;,.()–—:-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (leftover.some((w) => !FILLER.has(w))) throw invalid(original);
  if (!time) {
    if (leftover.length > 0) throw invalid(original);
    return undefined;
  }
  const hour = Number(time[1]);
  const minute = Number(time[2] ?? 0);
  if (hour > 23 || minute > 59) throw invalid(original);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Reads a processing time written as text. Accepts the CLI's canonical form ("3 working-days",
 * "5 days", "8 working-hours", "same-day", "same-day 15:00", optionally a cut-off after any
 * unit) and the usual English and Vietnamese wordings. Throws CALENDAR_RULE_INVALID.
 */
export function parseRule(text: string): DueRule {
  const t = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const same = SAME_DAY_PATTERN.exec(t);
  if (same) {
    const cutoff = parseCutoff(same[2] ?? '', text);
    return cutoff === undefined ? { value: 0, unit: 'same-day' } : { value: 0, unit: 'same-day', cutoff };
  }
  const m = UNIT_PATTERN.exec(t);
  if (!m) throw invalid(text);
  const value = Number(m[1]!.replace(',', '.'));
  const unit = unitOf(m[2]!);
  const cutoff = parseCutoff(m[3] ?? '', text);
  const rule: DueRule = cutoff === undefined ? { value, unit } : { value, unit, cutoff };
  try {
    return checkRule(rule);
  } catch {
    throw invalid(text);
  }
}
