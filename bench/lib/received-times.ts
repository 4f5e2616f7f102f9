import { VN_OFFSET_MS, vnDayRange } from '../../src/shared/time/vn-time';
import { weighted, type Rng } from './random';

// When dossiers are received: weekdays, within counter hours, Vietnam time. The shape of the day
// matters to benchmarks that page through "today" or group by hour, so it is not uniform.

const DAY_MS = 24 * 60 * 60 * 1000;
const SLOT_MS = 30 * 60 * 1000;
export const OPENING_MS = 7 * 60 * 60 * 1000; // 07:00
export const CLOSING_MS = 17 * 60 * 60 * 1000; // 17:00

/**
 * Relative arrivals per half hour from 07:00 to 17:00. Assumed shape, not measured: a morning
 * peak, the common 11:30–13:30 lunch break (docs/DOMAIN.md) with a few stragglers served
 * anyway, a smaller afternoon peak.
 */
const HALF_HOUR_WEIGHTS = [
  0.6, 1.0, 1.4, 1.6, 1.6, 1.5, 1.3, 1.1, 0.6, 0.1, // 07:00 … 11:30
  0.05, 0.05, 0.1, 0.9, 1.3, 1.4, 1.2, 1.0, 0.7, 0.4, // 12:00 … 16:30
];
const slots = weighted(HALF_HOUR_WEIGHTS.map((w, i) => [OPENING_MS + i * SLOT_MS, w] as const));

/** Milliseconds after Vietnamese midnight, in counter hours, before `before` if given. */
export function timeOfDay(rng: Rng, before = CLOSING_MS): number {
  const limit = Math.min(Math.max(before, OPENING_MS + 1), CLOSING_MS);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const t = slots.draw(rng) + rng.int(SLOT_MS);
    if (t < limit) return t;
  }
  return OPENING_MS + rng.int(limit - OPENING_MS); // a tiny window: uniform is good enough
}

/** Monday–Friday in Vietnam. Public holidays are not skipped: they need the app's day table. */
export function isVnWeekday(vnMidnightUtcMs: number): boolean {
  const day = new Date(vnMidnightUtcMs + VN_OFFSET_MS).getUTCDay();
  return day >= 1 && day <= 5;
}

export interface ReceivedPlan {
  /** received_at instants, ascending (ms since the epoch). */
  times: Float64Array;
  /** How many of them fall on today's Vietnamese date (the last ones). */
  todayCount: number;
  /** Vietnamese midnight `days` days before today: nothing is earlier. */
  windowStart: number;
  todayStart: number;
  /** Weekdays before today inside the window. */
  historyDays: number;
}

/**
 * Spreads `n` receipts over the weekdays of the last `days` days plus today. Today gets one
 * working day's share (so "today's list" is as long as on any day), placed between 07:00 and
 * now — or 07:10 if the counter has barely opened — so the list holds no future receipts
 * except when run before opening time. Sorted, because inserting in key order keeps SQLite's
 * B-trees append-only, which is also how a real counter fills them.
 */
export function planReceivedTimes(opts: { n: number; days: number; now: Date; rng: Rng }): ReceivedPlan {
  const { n, days, now, rng } = opts;
  const todayStart = vnDayRange(now).start.getTime();
  const windowStart = todayStart - days * DAY_MS;
  const dayStarts: number[] = [];
  for (let d = windowStart; d < todayStart; d += DAY_MS) if (isVnWeekday(d)) dayStarts.push(d);

  const todayCount = dayStarts.length === 0 ? n : Math.min(n, Math.round(n / (dayStarts.length + 1)));
  const times = new Float64Array(n);
  let i = 0;
  for (; i < n - todayCount; i++) times[i] = rng.pick(dayStarts) + timeOfDay(rng);
  const todayLimit = Math.max(now.getTime() - todayStart, OPENING_MS + 10 * 60 * 1000);
  for (; i < n; i++) times[i] = todayStart + timeOfDay(rng, todayLimit);
  times.sort();
  return { times, todayCount, windowStart, todayStart, historyDays: dayStarts.length };
}
