import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/lib/generate-dossiers';
import { createRng } from '../../bench/lib/random';
import { CLOSING_MS, OPENING_MS, isVnWeekday } from '../../bench/lib/received-times';
import { UUID_V7_PATTERN, uuidV7Time } from '../../bench/lib/uuid-v7';
import { applicant, procedures, provinces, provinceLabel } from '../../bench/lib/vietnamese-data';
import { VN_OFFSET_MS, vnDayRange } from '../../src/shared/time/vn-time';

// The benchmark generator must produce data that looks like the app wrote it, or the benchmarks
// measure something the app never does.

interface Row {
  id: string;
  applicant_name: string;
  procedure_name: string;
  received_at: number;
  created_at: number;
  updated_at: number;
}

const N = 2_000;
const DAYS = 365;
// A Wednesday, 12:30 in Vietnam: the counter is open, so today's dossiers lie between 07:00 and now.
const NOW = new Date('2026-03-18T05:30:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-gen-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function generateRows(seed: number): { rows: Row[]; todayCount: number } {
  const dataDir = freshDir();
  const result = generateDataset({ dataDir, dossiers: N, days: DAYS, seed, now: NOW, batchSize: 700 });
  const db = new Database(result.databaseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM dossiers ORDER BY id').all() as Row[];
    return { rows, todayCount: result.todayCount };
  } finally {
    db.close();
  }
}

const vnTimeOfDay = (ms: number) => (ms + VN_OFFSET_MS) % DAY_MS;

describe('bench dossier generator', () => {
  const todayStart = vnDayRange(NOW).start.getTime();
  let rows: Row[] = [];
  let todayCount = 0;
  beforeAll(() => {
    ({ rows, todayCount } = generateRows(42));
  });

  it('writes exactly N dossiers into the real schema', () => {
    expect(rows).toHaveLength(N);
  });

  it('gives every dossier a unique UUIDv7 whose timestamp is its received_at', () => {
    for (const r of rows) {
      expect(r.id).toMatch(UUID_V7_PATTERN);
      expect(isUuid(r.id)).toBe(true);
      expect(uuidVersion(r.id)).toBe(7);
      expect(uuidV7Time(r.id)).toBe(r.received_at);
      expect(r.created_at).toBe(r.received_at);
      expect(r.updated_at).toBe(r.received_at);
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
    const known = new Set(procedures.values.map((p) => p.name));
    for (const r of rows) expect(known.has(r.procedure_name)).toBe(true);
  });

  it('gives the same data for the same seed and different data for another', () => {
    expect(generateRows(42).rows).toEqual(rows);
    const other = generateRows(43).rows;
    expect(other.map((r) => r.id)).not.toEqual(rows.map((r) => r.id));
  });

  it('refuses a database that already holds dossiers', () => {
    const dataDir = freshDir();
    generateDataset({ dataDir, dossiers: 10, now: NOW });
    expect(() => generateDataset({ dataDir, dossiers: 10, now: NOW })).toThrow(/already holds dossiers/);
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
