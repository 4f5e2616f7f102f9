import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { applicantInputOf, receiveInputFor } from '../../../bench/lib/receive-input';
import { createRng, weighted, type Rng } from '../../../bench/lib/random';
import {
  applicant as person,
  missingDocuments,
  procedureWeight,
  refusalReasons,
  withdrawalReasons,
} from '../../../bench/lib/vietnamese-data';
import type { UserView } from '../../shared/api/calls/accounts';
import type { ApplicantInput, DossierDetail } from '../../shared/api/calls/dossiers';
import type { OfficeProfile } from '../../shared/api/calls/office';
import type { ProcedureEntry, ProcedureHit } from '../../shared/api/calls/catalog';
import { AppError } from '../../shared/api/errors';
import type { CalendarDay } from '../../shared/calendar/work-calendar';
import { addDays, isWeekend } from '../../shared/calendar/dates';
import { addWorkingTime, workingTimeBetween, type WorkingDays } from '../../shared/calendar/working-time';
import type { TransitionAction } from '../../shared/dossier/status';
import { demoText } from '../../shared/i18n/vi-cli-dossier';
import { VN_OFFSET_MS, vnDateKey, vnDayRange } from '../../shared/time/vn-time';
import type { Clock } from '../core/config';
import { createCore } from '../core/core';
import type { CallContext } from '../core/dispatcher';
import { nodeHostConfig } from '../core/runtime/node-config';
import { cliContext } from './cli-context';

// `motcua demo seed`: a data dir full of realistic dossiers for training new clerks and for demos,
// made THROUGH THE APP: every dossier is received with dossiers.receive and moved on with
// dossiers.transition, so codes, due dates, applicants, outbox and audit entries are exactly what
// a counter produces. Time is a clock this command steps: the dossiers are received over the last
// few working days, each step at its own moment, in order. The people, procedures and notes come
// from the benchmark's data library (bench/lib), which the CLI shares with the generator.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The demo office when the data dir is not set up: a ward's counter 1 of 2. */
export const DEMO_OFFICE: OfficeProfile = {
  agencyName: 'UBND PHƯỜNG BA ĐÌNH',
  unitName: 'BỘ PHẬN MỘT CỬA',
  unitCode: '000.00.06.H56',
  address: '1 Phố Đội Cấn, phường Ba Đình, Hà Nội',
  place: 'Ba Đình',
  lookupUrlPattern: 'https://dichvucong.example.vn/tra-cuu?ma={code}',
  counterNumber: 1,
  countersInUnit: 2,
  workingHours: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  idleLockMinutes: 15,
};
export const DEMO_ADMIN = { username: 'quantri', fullName: 'Nguyễn Quản Trị' };
export const DEMO_CLERKS = [
  { username: 'lan.nt', fullName: 'Nguyễn Thị Lan' },
  { username: 'hung.pv', fullName: 'Phạm Văn Hùng' },
];

/**
 * What happens to a demo dossier. Unlike the benchmark's history, a demo needs every state a
 * trainee meets, so the rare ones are common here, and each appears at least once when there
 * are enough dossiers.
 */
const FATES = {
  accepted: 20,
  returned: 28,
  resultReady: 14,
  supplementWaiting: 8,
  supplementReceived: 6,
  supplementThenReturned: 6,
  refused: 9,
  withdrawn: 9,
} as const;
type Fate = keyof typeof FATES;

export interface DemoSeedOptions {
  dataDir: string;
  dossiers: number;
  /** Spread over this many working days, today included when the counter is open. */
  days: number;
  seed: number;
  force: boolean;
  /** The real "now" (tests may fix it); the last step happens before it. */
  now?: Date;
}

export interface DemoAccount {
  username: string;
  fullName: string;
  role: 'admin' | 'clerk';
  temporaryPassword: string;
}

export interface DemoSeedSummary {
  dataDir: string;
  office: { unitCode: string; agencyName: string; counterNumber: number; countersInUnit: number };
  /** True when this run set up the office and the accounts. */
  setUp: boolean;
  /** Accounts created by this run, with their temporary passwords. */
  accounts: DemoAccount[];
  dossiers: number;
  firstCode: string | null;
  lastCode: string | null;
  days: string[];
  transitions: number;
  /** National status code → number of dossiers now in it. */
  byStatus: Record<string, number>;
}

/** A temporary password the account rules accept (letters and digits), e.g. "tapHuan-7Kq4m2". */
function temporaryPassword(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const pick = (s: string) => s[randomInt(s.length)]!;
  return `tapHuan-${pick(digits)}${pick(letters)}${pick(letters)}${pick(digits)}${pick(letters)}${pick(digits)}`;
}

/** A clock the seeder moves forward by hand; it never goes back. */
function steppedClock(start: number): Clock & { set(t: number): number } {
  let t = start;
  return {
    now: () => new Date(t),
    set(next) {
      t = Math.max(t + 1, next);
      return t;
    },
  };
}

type Step = { at: number; action: TransitionAction; note?: string };

/** Why seeding stopped, in Vietnamese for the admin (the command prints it and exits 1). */
export class DemoSeedError extends Error {}

export async function seedDemo(opts: DemoSeedOptions): Promise<DemoSeedSummary> {
  const realNow = (opts.now ?? new Date()).getTime();
  const rng = createRng(opts.seed, 'demo');
  // The clock only moves forward, so it starts early enough for any first receipt (n working
  // days reach back at most ~2n + 14 calendar days, Tết included) and is moved up to just before
  // the first receipt once the receipts are planned. Only reading the calendar (which seeds the
  // official table on first use) happens at the early moment.
  const clock = steppedClock(realNow - (2 * opts.days + 14) * 24 * HOUR_MS);
  const core = createCore({
    ...nodeHostConfig('cli', opts.dataDir),
    clock,
    // Row ids carry the stepped time (UUIDv7), as if they had been made at that moment.
    ids: { uuid: () => uuidv7({ msecs: clock.now().getTime() }) },
  });
  const admin = cliContext();
  const call = async <T>(method: string, input: unknown, ctx: CallContext = admin): Promise<T> => {
    const r = await core.dispatch(method, input, ctx);
    if (!r.ok) throw new DemoSeedError(demoText.failed(method, r.error.message));
    return r.value as T;
  };

  try {
    // ---- the office, the accounts
    const state = await call<{ needsSetup: boolean }>('auth.state', {});
    const accounts: DemoAccount[] = [];
    let office: OfficeProfile;
    if (state.needsSetup) {
      office = DEMO_OFFICE;
    } else {
      const existing = await call<OfficeProfile | null>('office.get', {});
      if (!existing) throw new AppError('OFFICE_NOT_SET_UP');
      office = existing;
      const found = await call<{ results: unknown[] }>('dossiers.search', { query: `${office.unitCode}-`, limit: 1 });
      if (found.results.length > 0 && !opts.force) throw new DemoSeedError(demoText.hasDossiers);
    }

    // ---- when each dossier arrives: working days (the data dir's own calendar), counter hours
    const calendar = await workingDaysOf(call, realNow, opts.days);
    const days = lastWorkingDays(calendar, realNow, opts.days, office);
    if (days.length === 0) throw new DemoSeedError(demoText.noWorkingDays);
    const times = receiptTimes(rng, days, opts.dossiers, realNow, office);
    clock.set(times[0]! - 30 * MINUTE_MS);

    if (state.needsSetup) {
      const password = temporaryPassword();
      const session = await call<{ user: { userId: string } }>('auth.setup', { admin: { ...DEMO_ADMIN, password }, office });
      // Set up with a password only this command knows: the admin must choose their own.
      await call('users.resetPassword', { id: session.user.userId, temporaryPassword: password });
      accounts.push({ ...DEMO_ADMIN, role: 'admin', temporaryPassword: password });
    }
    const users = await call<UserView[]>('users.list', {});
    let clerks = users.filter((u) => u.role === 'clerk' && u.active);
    if (clerks.length === 0) {
      for (const c of DEMO_CLERKS.filter((c) => !users.some((u) => u.username === c.username))) {
        const password = temporaryPassword();
        clerks.push(await call<UserView>('users.create', { ...c, role: 'clerk', password, mustChangePassword: true }));
        accounts.push({ ...c, role: 'clerk', temporaryPassword: password });
      }
    }
    if (clerks.length === 0) clerks = users.filter((u) => u.role === 'admin' && u.active);
    // Each clerk's work is recorded under their name, as if they had been at the counter.
    const contexts = clerks.map((u): CallContext => ({ kind: 'system', principal: { userId: u.id, username: u.username, fullName: u.fullName, role: u.role } }));

    // ---- the catalogue, as the intake form picks from it
    const procedures = await catalogue(call);
    const table = weighted(procedures.map((p) => [p, procedureWeight(p.code)] as const));

    // ---- fates: every one at least once (on older dossiers, which have time for it), the rest drawn
    const fateTable = weighted(Object.entries(FATES) as [Fate, number][]);
    const fates: Fate[] = times.map(() => fateTable.draw(rng));
    const all = Object.keys(FATES) as Fate[];
    if (times.length >= all.length) {
      const older = shuffle(rng, times.map((_, i) => i).slice(0, Math.max(all.length, Math.floor(times.length * 0.6))));
      all.forEach((f, k) => (fates[older[k]!] = f));
    }

    // ---- replay: receipts and lifecycle steps in time order, the clock stepped to each
    type Event = { at: number; i: number; step?: Step };
    const queue: Event[] = times.map((at, i) => ({ at, i }));
    const saved: (DossierDetail | null)[] = times.map(() => null);
    const holders: ApplicantInput[] = [];
    let transitions = 0;
    const insert = (e: Event) => {
      let k = queue.length;
      while (k > 0 && queue[k - 1]!.at > e.at) k--;
      queue.splice(k, 0, e);
    };
    while (queue.length > 0) {
      const e = queue.shift()!;
      clock.set(e.at);
      const ctx = contexts[rng.int(contexts.length)]!;
      if (!e.step) {
        const returning = holders.length > 0 && rng.chance(0.2);
        const holder = returning ? rng.pick(holders) : applicantInputOf(person(rng, new Date(realNow)));
        if (!returning) holders.push(holder);
        const representative = rng.chance(0.08) ? applicantInputOf(person(rng, new Date(realNow))) : null;
        const procedure = table.draw(rng);
        const input = receiveInputFor(rng, { procedure: { id: procedure.id, ...procedure.procedure }, holder, representative, byPost: rng.chance(0.1) });
        const d = await call<DossierDetail>('dossiers.receive', input, ctx);
        saved[e.i] = d;
        for (const step of plan(rng, fates[e.i]!, e.at, realNow, calendar, office)) insert({ at: step.at, i: e.i, step });
      } else {
        const d = saved[e.i]!;
        const holder = d.owner ?? d.applicant;
        const input = {
          id: d.id,
          revision: d.revision,
          action: e.step.action,
          note: e.step.note,
          ...(e.step.action === 'returnResult' ? { returnedTo: holder?.fullName ?? d.applicantName, returnMethod: d.resultDelivery.method } : {}),
        };
        saved[e.i] = await call<DossierDetail>('dossiers.transition', input, ctx);
        transitions++;
      }
    }

    const done = saved.filter((d): d is DossierDetail => d !== null);
    const byStatus: Record<string, number> = {};
    for (const d of done) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    const codes = done.map((d) => d.code!).sort();
    return {
      dataDir: opts.dataDir,
      office: { unitCode: office.unitCode, agencyName: office.agencyName, counterNumber: office.counterNumber, countersInUnit: office.countersInUnit },
      setUp: state.needsSetup,
      accounts,
      dossiers: done.length,
      firstCode: codes[0] ?? null,
      lastCode: codes[codes.length - 1] ?? null,
      days,
      transitions,
      byStatus,
    };
  } finally {
    core.close();
  }
}

type Call = <T>(method: string, input: unknown) => Promise<T>;

/** The data dir's own working days (official table, rule, nghỉ bù) for the years concerned. */
async function workingDaysOf(call: Call, now: number, days: number): Promise<WorkingDays> {
  const special = new Map<string, CalendarDay>();
  const first = Number(vnDateKey(new Date(now - (days * 2 + 30) * 24 * HOUR_MS)).slice(0, 4));
  const last = Number(vnDateKey(new Date(now)).slice(0, 4));
  for (let y = first; y <= last; y++) {
    const r = await call<{ days: CalendarDay[] }>('calendar.holidays', { year: y });
    for (const d of r.days) special.set(d.date, d);
  }
  return { isWorkingDay: (date) => (special.has(date) ? special.get(date)!.kind === 'work' : !isWeekend(date)) };
}

/** The last `n` working days up to today; today only once the counter has been open a while. */
function lastWorkingDays(cal: WorkingDays, now: number, n: number, office: OfficeProfile): string[] {
  const out: string[] = [];
  let date = vnDateKey(new Date(now));
  const opensAt = vnDayRange(new Date(now)).start.getTime() + minutesOf(office.workingHours[0]!.start) * MINUTE_MS;
  if (!(cal.isWorkingDay(date) && now >= opensAt + 30 * MINUTE_MS)) date = addDays(date, -1);
  for (let i = 0; out.length < n && i < 400; i++, date = addDays(date, -1)) if (cal.isWorkingDay(date)) out.unshift(date);
  return out;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Receipt instants over the days, inside working periods, before `now`, sorted. */
function receiptTimes(rng: Rng, days: string[], n: number, now: number, office: OfficeProfile): number[] {
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const date = days[k % days.length]!;
    const dayStart = Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS;
    const p = office.workingHours[rng.int(office.workingHours.length)]!;
    // A little inside the period: the counter opens, then the first citizens are served.
    const from = dayStart + (minutesOf(p.start) + 10) * MINUTE_MS;
    const to = Math.min(dayStart + (minutesOf(p.end) - 10) * MINUTE_MS, now - 2 * MINUTE_MS);
    times.push(to > from ? from + rng.int(to - from) : Math.min(from, now - 2 * MINUTE_MS));
  }
  return times.sort((a, b) => a - b);
}

/**
 * The steps of a fate, at moments between the receipt and now: a demo compresses a dossier's life
 * into the working time it has had (working hours of working days, so every step is recorded
 * while the counter is open).
 */
function plan(rng: Rng, fate: Fate, receivedAt: number, now: number, cal: WorkingDays, office: OfficeProfile): Step[] {
  const hours = office.workingHours;
  const span = workingTimeBetween(new Date(receivedAt), new Date(now), cal, hours);
  const at = (lo: number, hi: number) => {
    const offset = Math.max(MINUTE_MS, (lo + rng.float() * (hi - lo)) * span);
    return addWorkingTime(new Date(receivedAt), offset, cal, hours).getTime();
  };
  const steps: Step[] = (() => {
    switch (fate) {
      case 'accepted':
        return [];
      case 'refused':
        // At the counter, a few minutes after the receipt, once the papers were checked.
        return [{ at: addWorkingTime(new Date(receivedAt), Math.min(span, (5 + rng.int(20)) * MINUTE_MS), cal, hours).getTime(), action: 'refuse', note: rng.pick(refusalReasons) }];
      case 'withdrawn':
        return [{ at: at(0.2, 0.6), action: 'withdraw', note: rng.pick(withdrawalReasons) }];
      case 'supplementWaiting':
        return [{ at: at(0.1, 0.4), action: 'requestSupplement', note: rng.pick(missingDocuments) }];
      case 'supplementReceived':
        return [
          { at: at(0.05, 0.2), action: 'requestSupplement', note: rng.pick(missingDocuments) },
          { at: at(0.3, 0.6), action: 'supplementReceived' },
        ];
      case 'supplementThenReturned':
        return [
          { at: at(0.05, 0.15), action: 'requestSupplement', note: rng.pick(missingDocuments) },
          { at: at(0.2, 0.35), action: 'supplementReceived' },
          { at: at(0.4, 0.6), action: 'resultReady' },
          { at: at(0.7, 0.95), action: 'returnResult' },
        ];
      case 'resultReady':
        return [{ at: at(0.3, 0.9), action: 'resultReady' }];
      case 'returned':
        return [
          { at: at(0.2, 0.5), action: 'resultReady' },
          { at: at(0.6, 0.95), action: 'returnResult' },
        ];
    }
  })();
  // In order, a minute apart at least, all before now.
  let last = receivedAt;
  return steps.map((s) => {
    last = Math.min(Math.max(s.at, last + MINUTE_MS), now - 1);
    return { ...s, at: last };
  });
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Every current procedure of the catalogue, with its record (documents, fees). */
export async function catalogue(call: Call): Promise<ProcedureEntry[]> {
  const file = await call<{ procedures: { code: string }[] }>('catalog.export', {});
  const out: ProcedureEntry[] = [];
  for (const { code } of file.procedures) {
    const hits = await call<ProcedureHit[]>('catalog.search', { query: code, limit: 5 });
    const hit = hits.find((h) => h.code === code);
    if (hit) out.push(await call<ProcedureEntry>('catalog.get', { id: hit.id }));
  }
  if (out.length === 0) throw new AppError('PROCEDURE_NOT_FOUND');
  return out;
}
