// Civil dates as 'YYYY-MM-DD' keys: the unit of the working-day calendar. Arithmetic goes through
// UTC midnights, which have no daylight saving and no time zone, so it is exact in every runtime.

/** A civil date, 'YYYY-MM-DD'. */
export type DateKey = string;

const DAY_MS = 86_400_000;
/** Julian Day Number of 1970-01-01 (the Unix epoch's civil day). */
const JDN_UNIX_EPOCH = 2_440_588;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function dateKey(year: number, month: number, day: number): DateKey {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function parseDateKey(key: DateKey): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not a date: ${key}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isDateKey(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(utcMs(y, mo, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

function utcMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as they are
  return d.getTime();
}

function keyOfUtcMs(ms: number): DateKey {
  const d = new Date(ms);
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(key: DateKey, days: number): DateKey {
  const { year, month, day } = parseDateKey(key);
  return keyOfUtcMs(utcMs(year, month, day) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(key: DateKey): number {
  const { year, month, day } = parseDateKey(key);
  return new Date(utcMs(year, month, day)).getUTCDay();
}

export function isWeekend(key: DateKey): boolean {
  const wd = weekdayOf(key);
  return wd === 0 || wd === 6;
}

/** Julian Day Number (the integer day count astronomers use) of a Gregorian date. */
export function julianDayNumber(year: number, month: number, day: number): number {
  return Math.round(utcMs(year, month, day) / DAY_MS) + JDN_UNIX_EPOCH;
}

export function fromJulianDayNumber(jdn: number): { year: number; month: number; day: number } {
  const d = new Date((jdn - JDN_UNIX_EPOCH) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Milliseconds since the epoch of 00:00 UTC on that date (used with a fixed zone offset). */
export function utcMidnightMs(key: DateKey): number {
  const { year, month, day } = parseDateKey(key);
  return utcMs(year, month, day);
}
