import { fromJulianDayNumber, julianDayNumber } from './dates';

// The Vietnamese lunisolar calendar (âm lịch), computed for Vietnam's time zone, UTC+7, with the
// astronomical method described by Hồ Ngọc Đức ("Thuật toán tính âm lịch"):
//
//   1. A lunar month starts on the local day of a new moon (conjunction of sun and moon).
//   2. Month 11 is the month that contains the winter solstice (sun's longitude 270°).
//   3. Between two consecutive month-11 starts there are 12 months, or 13 in a leap year.
//   4. In a 13-month span the leap month is the first month after month 11 during which the sun
//      crosses no major solar term (trung khí: a multiple of 30° of longitude); it takes the
//      number of the month before it.
//
// New moons come from the periodic terms of Meeus's "Astronomical Formulae for Calculators"
// (epoch 1900), the sun's longitude from its low-precision series — accurate to well under an
// hour over 1800–2199, which is what the method relies on. Days are in local time: the same
// formulas at UTC+8 give the Chinese calendar, which differs from Vietnam's in some years
// (Tết 1985, 2007, 2030 among them).
//
// A "span" below is the run of months from one month 11 to the next (what Chinese astronomy
// calls a suì); lunar year Y is months 1–10 of span Y plus months 11–12 of span Y+1.

/** Vietnam, UTC+7 (no daylight saving). */
const TIME_ZONE_HOURS = 7;
const DEG = Math.PI / 180;
/** Mean length of a lunar month, days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the mean new moon of 1900-01-01 (new moon number 0). */
const NEW_MOON_ZERO = 2_415_021.076998695;
/** J2000.0, the epoch of the sun's series. */
const J2000 = 2_451_545.0;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** Julian date (dynamical time corrected to UT) of new moon number k after 1900-01-01. */
function newMoonInstant(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900 January 0.5
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  const moonLatitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  const s = Math.sin;
  const M = sunAnomaly;
  const Mp = moonAnomaly;
  const F = moonLatitude;
  const periodic =
    (0.1734 - 0.000393 * t) * s(M) + 0.0021 * s(2 * M) -
    0.4068 * s(Mp) + 0.0161 * s(2 * Mp) - 0.0004 * s(3 * Mp) +
    0.0104 * s(2 * F) -
    0.0051 * s(M + Mp) - 0.0074 * s(M - Mp) +
    0.0004 * s(2 * F + M) - 0.0004 * s(2 * F - M) -
    0.0006 * s(2 * F + Mp) + 0.001 * s(2 * F - Mp) +
    0.0005 * s(M + 2 * Mp);
  // ΔT (dynamical time minus universal time), in days, by the same source's polynomials.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + periodic - deltaT;
}

/** The local civil day (Julian Day Number) on which new moon number k falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonInstant(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/**
 * Which 30° sector (0–11) of ecliptic longitude the sun is in at the local midnight that
 * starts day `jdn`. Sector 9 begins at the winter solstice (270°).
 */
function sunSector(jdn: number): number {
  const jd = jdn - 0.5 - TIME_ZONE_HOURS / 24; // local midnight, in UT
  const t = (jd - J2000) / 36525;
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (((meanLongitude + centre) % 360) + 360) % 360;
  return Math.floor(longitude / 30);
}

/** Number of the last new moon whose local day is on or before `jdn`. */
function newMoonNumberOnOrBefore(jdn: number): number {
  let k = Math.floor((jdn - NEW_MOON_ZERO) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > jdn) k -= 1;
  return k;
}

/** First day (JDN) of month 11 in Gregorian year `year`: the month holding the winter solstice. */
function month11Start(year: number): number {
  const k = newMoonNumberOnOrBefore(julianDayNumber(year, 12, 31));
  // A month that starts with the sun already past 270° began after the solstice: month 11 is
  // the one before it.
  return sunSector(newMoonDay(k)) >= 9 ? newMoonDay(k - 1) : newMoonDay(k);
}

interface SpanMonth {
  start: number; // JDN of day 1
  month: number;
  year: number;
  leap: boolean;
}

/** Months from month 11 of lunar year `span - 1` up to (not including) month 11 of `span`. */
interface Span {
  months: SpanMonth[];
  end: number; // JDN of the next month 11
}

const spans = new Map<number, Span>();

function span(y: number): Span {
  const cached = spans.get(y);
  if (cached) return cached;
  const from = month11Start(y - 1);
  const to = month11Start(y);
  const k0 = Math.round((from - NEW_MOON_ZERO) / SYNODIC_MONTH);
  const count = Math.round((to - from) / SYNODIC_MONTH); // 12, or 13 in a leap year
  const starts = Array.from({ length: count + 1 }, (_, i) => newMoonDay(k0 + i));
  if (starts[0] !== from || starts[count] !== to) throw new Error(`lunar span ${y}: month 11 not found`);

  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (sunSector(starts[i]!) === sunSector(starts[i + 1]!)) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: SpanMonth[] = [];
  let ordinal = 0; // 0 → month 11, 1 → month 12, 2 → month 1, …
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (leap) ordinal -= 1;
    const month = ((10 + ordinal) % 12) + 1;
    months.push({ start: starts[i]!, month, year: ordinal < 2 ? y - 1 : y, leap });
    ordinal += 1;
  }
  const result = { months, end: to };
  spans.set(y, result);
  return result;
}

function monthsAround(jdn: number): { month: SpanMonth; next: number } {
  const { year } = fromJulianDayNumber(jdn);
  for (const y of [year, year + 1]) {
    const s = span(y);
    if (jdn < s.months[0]!.start || jdn >= s.end) continue;
    for (let i = s.months.length - 1; i >= 0; i--) {
      const m = s.months[i]!;
      if (m.start <= jdn) return { month: m, next: s.months[i + 1]?.start ?? s.end };
    }
  }
  throw new Error(`no lunar month for JDN ${jdn}`);
}

/** The Vietnamese lunar date of a Gregorian date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  const jdn = julianDayNumber(year, month, day);
  const { month: m } = monthsAround(jdn);
  return { day: jdn - m.start + 1, month: m.month, year: m.year, leap: m.leap };
}

function findMonth(month: number, year: number, leap: boolean): { start: number; length: number } | null {
  const s = span(month >= 11 ? year + 1 : year);
  const i = s.months.findIndex((m) => m.month === month && m.year === year && m.leap === leap);
  if (i < 0) return null;
  const start = s.months[i]!.start;
  return { start, length: (s.months[i + 1]?.start ?? s.end) - start };
}

/**
 * The Gregorian date of a Vietnamese lunar date; null when it does not exist (a leap month
 * the year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): SolarDate | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || month < 1 || month > 12 || day < 1) return null;
  const m = findMonth(month, year, leap);
  if (!m || day > m.length) return null;
  return fromJulianDayNumber(m.start + day - 1);
}

/** Number of days (29 or 30) of a lunar month, or null if it does not exist. */
export function lunarMonthLength(month: number, year: number, leap = false): number | null {
  return findMonth(month, year, leap)?.length ?? null;
}

/** The leap month of a lunar year (1–12), or null when the year has 12 months. */
export function leapMonthOf(year: number): number | null {
  const inYear = [...span(year).months, ...span(year + 1).months].filter((m) => m.year === year);
  return inYear.find((m) => m.leap)?.month ?? null;
}

/** Gregorian date of Tết (1 tháng Giêng) of a lunar year. */
export function lunarNewYear(year: number): SolarDate {
  return lunarToSolar(1, 1, year)!;
}
