import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_OFFICE, generateDataset, readDatasetContext, type DatasetContext } from '../../bench/lib/generate-dossiers';
import { createRng } from '../../bench/lib/random';
import { CLOSING_MS, OPENING_MS, isVnWeekday } from '../../bench/lib/received-times';
import { UUID_V7_PATTERN, uuidV7Time } from '../../bench/lib/uuid-v7';
import { applicant, procedureWeights, provinces, provinceLabel } from '../../bench/lib/vietnamese-data';
import { createWorkingTimeMemo } from '../../bench/lib/working-time-memo';
import { verifyDatabaseFile } from '../../src/main/core/audit/verify';
import type { Core } from '../../src/main/core/core';
import type { Applicant, DossierDetail } from '../../src/shared/api/calls/dossiers';
import { dueDate, nextWorkingMoment } from '../../src/shared/calendar/working-time';
import { validatePersonalId } from '../../src/shared/identity/personal-id';
import { foldForSearch } from '../../src/shared/text/normalize';
import { VN_OFFSET_MS, vnDateKey, vnDayRange } from '../../src/shared/time/vn-time';
import { frozenClock, openTestCore, systemContext } from '../support/core-fixture';
import { receiveSample } from '../support/dossier-fixture';
import { sampleOffice } from '../support/office-fixture';

// The benchmark generator must produce data that looks like the app wrote it, or the benchmarks
// measure something the app never does: the real columns, codes the allocator continues from,
// applicants, statuses, due dates from the catalogue and the calendar, `details` the detail
// view reads, and a name index the search uses.

interface Row {
  id: string;
  code: string;
  unit_code: string;
  counter_number: number;
  sequence: number;
  procedure_id: string;
  procedure_code: string;
  procedure_name: string;
  applicant_id: string;
  applicant_name: string;
  applicant_name_folded: string;
  applicant_id_number: string;
  applicant_phone: string;
  status: number;
  channel: number;
  received_at: number;
  due_at: number;
  paused_at: number | null;
  fee_total: number;
  received_by: string;
  details: string;
  revision: number;
  created_at: number;
  updated_at: number;
}

const N = 2_000;
const DAYS = 365;
// A Wednesday, 12:30 in Vietnam: the counter is open, so today's dossiers lie between 07:00 and now.
const NOW = new Date('2026-03-18T05:30:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const clerk = systemContext('clerk', 'lan.nt');

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-gen-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function generateRows(seed: number): Promise<{ rows: Row[]; todayCount: number; dataDir: string; databaseFile: string }> {
  const dataDir = freshDir();
  const result = await generateDataset({ dataDir, dossiers: N, days: DAYS, seed, now: NOW, batchSize: 700 });
  const db = new Database(result.databaseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM dossiers ORDER BY id').all() as Row[];
    return { rows, todayCount: result.todayCount, dataDir, databaseFile: result.databaseFile };
  } finally {
    db.close();
  }
}

const vnTimeOfDay = (ms: number) => (ms + VN_OFFSET_MS) % DAY_MS;
const todayStartOf = (at: Date) => vnDayRange(at).start.getTime();

describe('bench dossier generator', () => {
  const todayStart = vnDayRange(NOW).start.getTime();
  let rows: Row[] = [];
  let todayCount = 0;
  let dataDir = '';
  let db: Database.Database;
  let context: DatasetContext;
  beforeAll(async () => {
    ({ rows, todayCount, dataDir } = await generateRows(42));
    db = new Database(join(dataDir, 'motcua.sqlite'), { readonly: true });
    context = readDatasetContext(db);
  });
  afterAll(() => db?.close());

  it('writes exactly N dossiers into the real schema', () => {
    expect(rows).toHaveLength(N);
  });

  it('sets the office up through the app: counter 1 of 2, the sample catalogue, the official calendar', () => {
    expect(context.office).toEqual(BENCH_OFFICE);
    expect(BENCH_OFFICE).toEqual(sampleOffice);
    expect(context.procedures.length).toBeGreaterThanOrEqual(20);
    expect(db.prepare("SELECT count(*) FROM calendar_days WHERE source = 'seed'").pluck().get()).toBeGreaterThan(0);
    // The setup went through dispatch: its audit entries are chained, and the chain is intact.
    expect(db.prepare("SELECT action FROM audit_log WHERE action = 'office.update'").pluck().all()).toEqual(['office.update']);
    expect(verifyDatabaseFile(join(dataDir, 'motcua.sqlite')).ok).toBe(true);
  });

  it('gives every dossier a unique UUIDv7 whose timestamp is its received_at', () => {
    for (const r of rows) {
      expect(r.id).toMatch(UUID_V7_PATTERN);
      expect(isUuid(r.id)).toBe(true);
      expect(uuidVersion(r.id)).toBe(7);
      expect(uuidV7Time(r.id)).toBe(r.received_at);
      expect(r.created_at).toBe(r.received_at);
      expect(r.updated_at).toBeGreaterThanOrEqual(r.received_at);
      expect(r.updated_at).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(N);
  });

  it('receives dossiers within the window, in counter hours, on weekdays, never in the future', () => {
    const windowStart = todayStart - DAYS * DAY_MS;
    for (const r of rows) {
      expect(r.received_at).toBeGreaterThanOrEqual(windowStart);
      expect(r.received_at).toBeLessThanOrEqual(NOW.getTime());
      const t = vnTimeOfDay(r.received_at);
      expect(t).toBeGreaterThanOrEqual(OPENING_MS);
      expect(t).toBeLessThan(CLOSING_MS);
      if (r.received_at < todayStart) expect(isVnWeekday(r.received_at - t)).toBe(true);
    }
  });

  it("puts one working day's share on today", () => {
    const today = rows.filter((r) => r.received_at >= todayStart).length;
    expect(today).toBe(todayCount);
    // ~261 weekdays in a year plus today.
    expect(today).toBeGreaterThanOrEqual(Math.floor(N / 280));
    expect(today).toBeLessThanOrEqual(Math.ceil(N / 240));
  });

  it('spreads history over the whole year, not a few days', () => {
    const days = new Set(rows.map((r) => Math.floor((r.received_at + VN_OFFSET_MS) / DAY_MS)));
    expect(days.size).toBeGreaterThan(200);
  });

  it("issues codes as counter 1 of 2 does: the receipt's Vietnamese date, odd numbers 1, 3, 5 … in order", () => {
    const byTime = [...rows].sort((a, b) => a.received_at - b.received_at);
    const perDay = new Map<string, number[]>();
    for (const r of byTime) {
      const dateKey = vnDateKey(new Date(r.received_at));
      expect(r.code).toBe(`000.00.06.H56-${dateKey.slice(2).replaceAll('-', '')}-${String(r.sequence).padStart(4, '0')}`);
      expect(r.unit_code).toBe('000.00.06.H56');
      expect(r.counter_number).toBe(1);
      perDay.set(dateKey, [...(perDay.get(dateKey) ?? []), r.sequence]);
    }
    for (const seqs of perDay.values()) expect(seqs).toEqual(seqs.map((_, k) => 2 * k + 1));
    expect(new Set(rows.map((r) => r.code)).size).toBe(N);
    // The allocator's state continues where the history ends.
    const sequences = db.prepare('SELECT date_key, counter_number, last_sequence FROM code_sequences').all() as { date_key: string; counter_number: number; last_sequence: number }[];
    expect(sequences).toHaveLength(perDay.size);
    for (const s of sequences) {
      expect(s.counter_number).toBe(1);
      expect(s.last_sequence).toBe(Math.max(...perDay.get(s.date_key)!));
    }
  });

  it('receives under the seeded catalogue, with its names, fees, checklist and due date rules', () => {
    const procs = new Map(context.procedures.map((p) => [p.id, p]));
    const time = createWorkingTimeMemo(context.calendar, BENCH_OFFICE.workingHours);
    let exactDue = 0;
    for (const r of rows) {
      const p = procs.get(r.procedure_id)!;
      expect(p).toBeDefined();
      expect(r.procedure_code).toBe(p.code);
      expect(r.procedure_name).toBe(p.name);
      const d = JSON.parse(r.details) as { checklist: { code: string; name: string }[]; fees: { total: number }; procedureVersion: number; receivingUnit: unknown };
      expect(d.checklist.map((c) => c.code)).toEqual(p.documents.map((doc) => doc.code));
      expect(d.checklist.map((c) => c.name)).toEqual(p.documents.map((doc) => doc.name));
      expect(d.fees.total).toBe(r.fee_total);
      expect(d.procedureVersion).toBe(p.version);
      expect(d.receivingUnit).toEqual({ code: '000.00.06.H56', name: 'BỘ PHẬN MỘT CỬA' });
      // The app's due date for the procedure's rule, with the seeded calendar and office hours;
      // only a supplement pause moves it later.
      const due = dueDate(new Date(r.received_at), p.rule, context.calendar, BENCH_OFFICE.workingHours).getTime();
      expect(time.dueDate(r.received_at, p.rule)).toBe(due);
      if (r.due_at === due) exactDue++;
      else expect(r.due_at).toBeGreaterThan(due);
    }
    expect(exactDue).toBeGreaterThan(N * 0.9);
    // The weights favour certified copies, as at a real commune counter.
    const copies = rows.filter((r) => r.procedure_code === '2.000815').length / N;
    expect(copies).toBeGreaterThan(0.25);
    expect(Object.keys(procedureWeights).every((code) => context.procedures.some((p) => p.code === code))).toBe(true);
  });

  it('memoises the working-time functions exactly', () => {
    const rng = createRng(3);
    const rules = [...new Map(context.procedures.map((p) => [JSON.stringify(p.rule), p.rule])).values()];
    const time = createWorkingTimeMemo(context.calendar, BENCH_OFFICE.workingHours);
    const boundaries = ['07:00', '11:30', '13:30', '15:00', '17:00'].map((h) => (Number(h.slice(0, 2)) * 60 + Number(h.slice(3))) * 60_000);
    for (let i = 0; i < 5_000; i++) {
      // Any moment of the last year; often exactly on a boundary (opening, lunch, cut-off, closing) or 1 ms off it.
      const day = todayStartOf(NOW) - rng.int(365) * DAY_MS;
      const t = rng.chance(0.3) ? day + rng.pick(boundaries) + rng.pick([-1, 0, 0, 1]) : day + rng.int(DAY_MS);
      const rule = rng.pick(rules);
      expect(time.dueDate(t, rule)).toBe(dueDate(new Date(t), rule, context.calendar, BENCH_OFFICE.workingHours).getTime());
      expect(time.nextWorkingMoment(t)).toBe(nextWorkingMoment(new Date(t), context.calendar, BENCH_OFFICE.workingHours).getTime());
    }
  });

  it('records applicants: valid CCCD matching birth year and gender, phones, about 20 % returning', () => {
    const applicants = db.prepare('SELECT id, full_name, name_folded, id_number, data FROM applicants').all() as {
      id: string;
      full_name: string;
      name_folded: string;
      id_number: string;
      data: string;
    }[];
    const byId = new Map(applicants.map((a) => [a.id, a]));
    expect(new Set(rows.map((r) => r.applicant_id)).size).toBe(applicants.length);
    for (const r of rows) {
      const a = byId.get(r.applicant_id)!;
      const data = JSON.parse(a.data) as Applicant;
      expect(r.applicant_name).toBe(a.full_name);
      expect(r.applicant_name_folded).toBe(foldForSearch(r.applicant_name));
      expect(a.name_folded).toBe(r.applicant_name_folded);
      expect(r.applicant_id_number).toBe(a.id_number);
      expect(r.applicant_phone).toBe(data.phone);
      expect(r.applicant_phone).toMatch(/^0[35789]\d{8}$/);
      const id = validatePersonalId(data.idNumber!, { birth: data.birthDate, gender: data.gender === 'male' ? 'Nam' : 'Nữ', now: NOW });
      expect(id.ok).toBe(true);
    }
    const returning = 1 - applicants.length / N;
    expect(returning).toBeGreaterThan(0.15);
    expect(returning).toBeLessThan(0.25);
    expect(new Set(applicants.map((a) => a.id_number)).size).toBe(applicants.length);
  });

  it('spreads statuses over the lifecycle: old ones mostly returned, recent ones open, a few refused or withdrawn', () => {
    const old = rows.filter((r) => r.received_at < NOW.getTime() - 30 * DAY_MS);
    const recent = rows.filter((r) => r.received_at >= todayStart - DAY_MS);
    const share = (list: Row[], statuses: number[]) => list.filter((r) => statuses.includes(r.status)).length / list.length;
    expect(share(old, [10])).toBeGreaterThan(0.85);
    expect(share(recent, [2, 4, 5, 9])).toBeGreaterThan(0.6);
    expect(share(rows, [3])).toBeGreaterThan(0.003);
    expect(share(rows, [7])).toBeGreaterThan(0.002);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set([2, 3, 4, 5, 7, 9, 10]));
    for (const r of rows) {
      if (r.status === 5) expect(r.paused_at).not.toBeNull();
      else expect(r.paused_at).toBeNull();
      // Every step bumps the revision and the update time, as dossiers.transition does.
      if (r.updated_at === r.received_at) expect(r.revision).toBe(1);
      else expect(r.revision).toBeGreaterThan(1);
      if (r.status !== 2) expect(r.revision).toBeGreaterThan(1);
      if (r.status === 10) expect(JSON.parse(r.details).returned).toMatchObject({ to: expect.any(String), method: expect.stringMatching(/^(counter|post)$/) });
    }
    expect(new Set(rows.map((r) => r.received_by)).size).toBeGreaterThanOrEqual(3);
  });

  it('writes NFC Vietnamese names with realistic family-name frequencies', () => {
    for (const r of rows) {
      expect(r.applicant_name.normalize('NFC')).toBe(r.applicant_name);
      expect(r.applicant_name.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(r.procedure_name.normalize('NFC')).toBe(r.procedure_name);
    }
    const vietnameseLetters = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
    expect(rows.filter((r) => vietnameseLetters.test(r.applicant_name)).length).toBeGreaterThan(N * 0.9);
    const nguyen = rows.filter((r) => r.applicant_name.startsWith('Nguyễn ')).length / N;
    expect(nguyen).toBeGreaterThan(0.33);
    expect(nguyen).toBeLessThan(0.44);
  });

  describe('through the app', () => {
    let core: Core;
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(method, input, clerk);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const sample = () => [...rows].sort((a, b) => a.code.localeCompare(b.code)).filter((_, i) => i % 97 === 0);
    beforeAll(() => {
      db.close();
      core = openTestCore(dataDir, { clock: frozenClock(NOW.toISOString()) });
    });
    afterAll(() => core?.close());

    it('opens generated dossiers with dossiers.get, by code and by id', async () => {
      for (const r of sample()) {
        const d = await call<DossierDetail>('dossiers.get', { idOrCode: r.code });
        expect(d).toMatchObject({ id: r.id, code: r.code, status: r.status, revision: r.revision, applicantName: r.applicant_name });
        expect(d.procedure).toMatchObject({ id: r.procedure_id, code: r.procedure_code, name: r.procedure_name });
        expect(d.applicant?.fullName ?? '').not.toBe('');
        expect(d.receivedBy).toBe(r.received_by);
        expect((await call<DossierDetail>('dossiers.get', { idOrCode: r.id })).code).toBe(r.code);
      }
    });

    it('finds them with dossiers.search by folded name, ID number, phone and code', async () => {
      type Found = { kind: string; results: { id: string }[] };
      for (const r of sample()) {
        const ids = (f: Found) => f.results.map((x) => x.id);
        const byName = await call<Found>('dossiers.search', { query: r.applicant_name_folded, limit: 200 });
        expect(byName.kind).toBe('name');
        expect(ids(byName)).toContain(r.id);
        expect(ids(await call<Found>('dossiers.search', { query: r.applicant_name, limit: 200 }))).toContain(r.id);
        const byId = await call<Found>('dossiers.search', { query: r.applicant_id_number });
        expect(byId.kind).toBe('idNumber');
        expect(ids(byId)).toContain(r.id);
        expect(ids(await call<Found>('dossiers.search', { query: r.applicant_phone }))).toContain(r.id);
        const byCode = await call<Found>('dossiers.search', { query: r.code });
        expect(byCode).toEqual({ kind: 'code', results: [expect.objectContaining({ id: r.id })] });
      }
    });

    it("lists today's work", async () => {
      const today = await call<{ counts: Record<string, number> }>('dossiers.today', {});
      expect(today.counts.receivedToday).toBe(todayCount);
    });

    it('continues the codes: a dossier received afterwards gets the next number of counter 1, no collision', async () => {
      const todays = rows.filter((r) => r.received_at >= todayStart).map((r) => r.sequence);
      const last = Math.max(...todays);
      const yymmdd = vnDateKey(NOW).slice(2).replaceAll('-', '');
      const first = await receiveSample(core, clerk);
      expect(first.code).toBe(`000.00.06.H56-${yymmdd}-${String(last + 2).padStart(4, '0')}`);
      const second = await receiveSample(core, clerk, { applicant: { kind: 'person', fullName: 'Trần Thị Bình', address: 'Hà Nội' } });
      expect(second.code).toBe(`000.00.06.H56-${yymmdd}-${String(last + 4).padStart(4, '0')}`);
      expect(rows.some((r) => r.code === first.code || r.code === second.code)).toBe(false);
      // The name index trigger is back: the new dossier is found by name.
      const found = await call<{ results: { id: string }[] }>('dossiers.search', { query: 'tran thi binh' });
      expect(found.results.map((r) => r.id)).toContain(second.id);
    });
  });

  it('gives the same data for the same seed and different data for another', async () => {
    expect((await generateRows(42)).rows).toEqual(rows);
    const other = (await generateRows(43)).rows;
    expect(other.map((r) => r.id)).not.toEqual(rows.map((r) => r.id));
  });

  it('refuses a database that already holds dossiers', async () => {
    const dir = freshDir();
    await generateDataset({ dataDir: dir, dossiers: 10, now: NOW });
    await expect(generateDataset({ dataDir: dir, dossiers: 10, now: NOW })).rejects.toThrow(/already holds dossiers/);
  });
});

describe('bench Vietnamese data', () => {
  const rng = createRng(7);
  const people = Array.from({ length: 1_000 }, () => applicant(rng, NOW));
  const cccdCodes = new Set(provinces.flatMap((p) => p.cccdCodes));

  it('has the 34 provinces of 2025, each with its CCCD codes', () => {
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.name)).size).toBe(34);
    // 63 former provinces, each code in exactly one new province.
    expect(cccdCodes.size).toBe(63);
    for (const c of cccdCodes) expect(c).toMatch(/^\d{3}$/);
  });

  it('makes CCCD numbers that agree with province, gender and birth year', () => {
    for (const p of people) {
      expect(p.cccd).toMatch(/^\d{12}$/);
      expect(cccdCodes.has(p.cccd.slice(0, 3))).toBe(true);
      const year = Number(p.birthDate.slice(0, 4));
      const century = Math.floor(year / 100) - 19;
      expect(Number(p.cccd[3])).toBe(century * 2 + (p.gender === 'female' ? 1 : 0));
      expect(p.cccd.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
    }
  });

  it('makes 10-digit mobile numbers, NFC addresses and plausible adults', () => {
    for (const p of people) {
      expect(p.phone).toMatch(/^0[35789]\d{8}$/);
      expect(p.address.text.normalize('NFC')).toBe(p.address.text);
      expect(p.address.text.endsWith(provinceLabel(p.address.province))).toBe(true);
      expect(p.address.commune).toMatch(/^(Phường|Xã) /);
      const age = NOW.getUTCFullYear() - Number(p.birthDate.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(85);
      expect(Number.isNaN(Date.parse(p.birthDate))).toBe(false);
    }
    // Both genders, and middle names that follow them (Thị is only ever female).
    expect(people.some((p) => p.gender === 'male')).toBe(true);
    expect(people.filter((p) => p.name.middle.split(' ').includes('Thị')).every((p) => p.gender === 'female')).toBe(true);
  });
});
