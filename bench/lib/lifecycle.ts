import { resumeAfterSupplement, type WorkingDays, type WorkingHours } from '../../src/shared/calendar/working-time';
import { STATUS, TRANSITIONS } from '../../src/shared/dossier/status';
import type { Rng } from './random';
import { missingDocuments, refusalReasons, withdrawalReasons } from './vietnamese-data';

// What happened to a generated dossier after it was received, up to the dataset's "now": the
// same lifecycle steps the counter records (src/shared/dossier/status.ts), at plausible moments
// (within working hours, relative to the due date), so that the status mix of a year of history
// looks like a real counter's: old dossiers mostly returned (10), recent ones accepted (2), in
// processing (4), waiting for a supplement (5) or with the result ready (9), a few refused (3)
// or withdrawn (7). The rates are assumptions, not measured data.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const LIFECYCLE_RATES = {
  /** Refused at the counter right after receipt. */
  refused: 0.015,
  /** Withdrawn at the citizen's request before the result. */
  withdrawn: 0.01,
  /** Procedures that take more than a day: marked "in processing" (4) by the provincial system. */
  processing: 0.5,
  /** A supplement was requested … */
  supplement: 0.06,
  /** … and never came (the dossier stays at 5). */
  supplementAbandoned: 0.05,
  /** Results ready after the due date. */
  late: 0.05,
  /** Results nobody came for (stay at 9). */
  uncollected: 0.012,
} as const;

export type Step =
  | { action: 'processing'; at: number }
  | { action: 'refuse' | 'requestSupplement' | 'withdraw'; at: number; note: string }
  | { action: 'supplementReceived'; at: number; dueAt: number }
  | { action: 'resultReady'; at: number }
  | { action: 'returnResult'; at: number; returnedTo: string; method: 'counter' | 'post' };

export interface LifecycleInput {
  receivedAt: number;
  dueAt: number;
  now: number;
  calendar: WorkingDays;
  hours: WorkingHours;
  /** nextWorkingMoment with this calendar and these hours (memoised: working-time-memo.ts). */
  workingMoment: (t: number) => number;
  /** Who collects the result (the dossier's holder). */
  holder: string;
  delivery: 'counter' | 'post';
}

export interface LifecycleOutcome {
  status: number;
  /** 1 + the steps taken (the service bumps the revision on every change). */
  revision: number;
  updatedAt: number;
  dueAt: number;
  pausedAt: number | null;
  returned: { to: string; method: 'counter' | 'post'; at: number } | null;
  /** The steps already taken by `now`, in order. */
  steps: Step[];
}

/** The status a step leaves the dossier in: the counter's transitions, and 4 from sync. */
export function statusAfter(step: Step): number {
  return step.action === 'processing' ? STATUS.processing : TRANSITIONS[step.action].to;
}

/**
 * Plans the dossier's life and keeps the steps that happened by `now` (a step planned later has
 * simply not happened yet). Every moment is moved to working time (nextWorkingMoment with the
 * office's calendar and hours), as clerks record steps at the counter.
 */
export function planLifecycle(rng: Rng, p: LifecycleInput): LifecycleOutcome {
  const work = p.workingMoment;
  const between = (a: number, b: number) => a + rng.float() * Math.max(0, b - a);
  const plan: Step[] = [];
  const r = p.receivedAt;
  let due = p.dueAt;
  const u = rng.float();

  if (u < LIFECYCLE_RATES.refused) {
    plan.push({ action: 'refuse', at: r + between(5, 40) * 60_000, note: rng.pick(refusalReasons) });
  } else if (u < LIFECYCLE_RATES.refused + LIFECYCLE_RATES.withdrawn) {
    const at = work(r + between(0.2, 0.9) * Math.max(due - r, 2 * HOUR_MS));
    plan.push({ action: 'withdraw', at, note: rng.pick(withdrawalReasons) });
  } else {
    let cursor = r;
    if (due - r > DAY_MS && rng.chance(LIFECYCLE_RATES.processing)) {
      cursor = work(r + between(1, 6) * HOUR_MS);
      plan.push({ action: 'processing', at: cursor });
    }
    let abandoned = false;
    if (rng.chance(LIFECYCLE_RATES.supplement)) {
      const pausedAt = work(Math.max(cursor + 20 * 60_000, between(cursor, cursor + 0.5 * (due - cursor))));
      plan.push({ action: 'requestSupplement', at: pausedAt, note: rng.pick(missingDocuments) });
      abandoned = rng.chance(LIFECYCLE_RATES.supplementAbandoned);
      if (!abandoned) {
        const resumedAt = work(pausedAt + between(1, 7) * DAY_MS);
        due = resumeAfterSupplement({ dueAt: new Date(due), pausedAt: new Date(pausedAt), resumedAt: new Date(resumedAt) }, p.calendar, p.hours).getTime();
        plan.push({ action: 'supplementReceived', at: resumedAt, dueAt: due });
        cursor = resumedAt;
      }
    }
    if (!abandoned) {
      const ready = rng.chance(LIFECYCLE_RATES.late)
        ? work(Math.max(due, cursor) + between(1, 72) * HOUR_MS)
        : work(due > cursor + 30 * 60_000 ? between(cursor + 0.3 * (due - cursor), due) : cursor + 30 * 60_000);
      plan.push({ action: 'resultReady', at: ready });
      if (!rng.chance(LIFECYCLE_RATES.uncollected)) {
        const wait =
          p.delivery === 'post'
            ? between(1, 3) * DAY_MS
            : rng.chance(0.5)
              ? between(0.2, 4) * HOUR_MS
              : rng.chance(0.7)
                ? between(1, 5) * DAY_MS
                : between(5, 20) * DAY_MS;
        plan.push({ action: 'returnResult', at: work(ready + wait), returnedTo: p.holder, method: p.delivery });
      }
    }
  }

  const out: LifecycleOutcome = { status: STATUS.accepted, revision: 1, updatedAt: r, dueAt: p.dueAt, pausedAt: null, returned: null, steps: [] };
  let last = r;
  for (const step of plan) {
    // Steps are planned in order; a moment moved to working time never goes before the last one.
    const at = Math.max(Math.round(step.at), last + 1);
    if (at > p.now) break;
    const done = { ...step, at } as Step;
    out.steps.push(done);
    out.status = statusAfter(done);
    out.revision += 1;
    out.updatedAt = at;
    if (done.action === 'requestSupplement') out.pausedAt = at;
    if (done.action === 'supplementReceived') {
      out.pausedAt = null;
      out.dueAt = done.dueAt;
    }
    if (done.action === 'returnResult') out.returned = { to: done.returnedTo, method: done.method, at };
    last = at;
  }
  return out;
}
