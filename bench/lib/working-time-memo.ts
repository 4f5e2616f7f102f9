import {
  dueDate,
  nextWorkingMoment,
  type DueRule,
  type WorkingDays,
  type WorkingHours,
} from '../../src/shared/calendar/working-time';
import { VN_OFFSET_MS } from '../../src/shared/time/vn-time';

// The app's own due-date and working-time functions (src/shared/calendar/working-time.ts) with the
// seeded official calendar, made fast enough for a million dossiers by memoising them — exactly,
// not approximately. Called directly they cost ~40 µs (dueDate) and ~5 µs (nextWorkingMoment) a
// call on the benchmark VM: ~60 s for 1M dossiers, half the generator's budget.
//
// Why memoising is exact: every boundary those functions compare a time of day with (the start and
// end of each working period, a rule's cut-off) is a whole minute of the Vietnamese day. So split
// a day at those boundaries into classes: the open interval between two consecutive boundaries,
// and each boundary instant itself. Within one class of one date:
//   - nextWorkingMoment(t) is either t itself (inside a working period of a working day) or one
//     fixed instant (the next period's start), the same for every t of the class;
//   - dueDate(t, rule) for the day-based rules ('same-day', 'working-days', 'days') depends only on
//     the date counting starts on, which is the same for every t of the class.
// The memo computes each (date, class) once with the real function. 'working-hours' rules depend
// on the exact instant and are computed directly every time (the sample catalogue has none).

const DAY_MS = 24 * 60 * 60 * 1000;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface WorkingTimeMemo {
  nextWorkingMoment(t: number): number;
  dueDate(t: number, rule: DueRule): number;
}

export function createWorkingTimeMemo(calendar: WorkingDays, hours: WorkingHours): WorkingTimeMemo {
  const hourBoundaries = hours.flatMap((p) => [minutes(p.start) * 60_000, minutes(p.end) * 60_000]);
  const boundariesOf = new Map<string, number[]>();
  const boundaries = (cutoff: string | undefined): number[] => {
    const key = cutoff ?? '';
    let b = boundariesOf.get(key);
    if (!b) {
      b = [...new Set([...hourBoundaries, ...(cutoff ? [minutes(cutoff) * 60_000] : [])])].sort((x, y) => x - y);
      boundariesOf.set(key, b);
    }
    return b;
  };
  /** The class of a time of day: 2·(boundaries before it) + 1 if it is a boundary itself. */
  const classOf = (timeOfDay: number, b: readonly number[]): number => {
    let i = 0;
    while (i < b.length && (b[i] as number) < timeOfDay) i++;
    return 2 * i + (i < b.length && b[i] === timeOfDay ? 1 : 0);
  };
  const split = (t: number) => {
    const local = t + VN_OFFSET_MS;
    const day = Math.floor(local / DAY_MS);
    return { day, timeOfDay: local - day * DAY_MS };
  };

  /** Per (day, class): -1 when the answer is t itself, else the instant. */
  const moments = new Map<number, number>();
  const dues = new Map<string, number>();
  const ruleKeys = new WeakMap<DueRule, string>();
  const keyOf = (rule: DueRule) => {
    let k = ruleKeys.get(rule);
    if (k === undefined) {
      k = `${rule.unit}|${rule.value}|${rule.cutoff ?? ''}`;
      ruleKeys.set(rule, k);
    }
    return k;
  };

  return {
    nextWorkingMoment(t) {
      const { day, timeOfDay } = split(t);
      const key = day * 64 + classOf(timeOfDay, boundaries(undefined));
      let m = moments.get(key);
      if (m === undefined) {
        const exact = nextWorkingMoment(new Date(t), calendar, hours).getTime();
        m = exact === t ? -1 : exact;
        moments.set(key, m);
      }
      return m === -1 ? t : m;
    },
    dueDate(t, rule) {
      if (rule.unit === 'working-hours') return dueDate(new Date(t), rule, calendar, hours).getTime();
      const { day, timeOfDay } = split(t);
      const key = `${keyOf(rule)}|${day}|${classOf(timeOfDay, boundaries(rule.cutoff))}`;
      let due = dues.get(key);
      if (due === undefined) {
        due = dueDate(new Date(t), rule, calendar, hours).getTime();
        dues.set(key, due);
      }
      return due;
    },
  };
}
