import { describe, expect, it } from 'vitest';
import {
  counterCapacity,
  counterOfSequence,
  counterSequence,
  formatDossierCode,
  MAX_SEQUENCE,
  nextCounterSequence,
  parseDossierCode,
} from '../../../src/shared/dossier/code';
import { DOSSIER_CODE } from '../../../src/shared/dossier/status';
import { fill, vi } from '../../../src/shared/i18n/vi';

describe('formatting and parsing the dossier code', () => {
  it('writes {unit}-{YYMMDD}-{NNNN} with a zero-padded sequence', () => {
    expect(formatDossierCode('000.00.06.H56', '2026-11-23', 1)).toBe('000.00.06.H56-261123-0001');
    expect(formatDossierCode('000.17.22.H56', '2021-05-31', 361)).toBe('000.17.22.H56-210531-0361');
    expect(formatDossierCode('000.00.06.H56', '2026-12-31', 9999)).toBe('000.00.06.H56-261231-9999');
    expect(DOSSIER_CODE.test(formatDossierCode('000.00.06.H56', '2026-11-23', 42))).toBe(true);
  });

  it('refuses what cannot make a valid code', () => {
    expect(() => formatDossierCode('000.00.06.H56', '2026-11-23', 0)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.H56', '2026-11-23', 10_000)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.H56', '2026-11-23', 1.5)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.h56', '2026-11-23', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('H56', '2026-11-23', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.H56', '2026-02-30', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.H56', '23/11/2026', 1)).toThrow(RangeError);
  });

  it('parses the real examples of the domain notes', () => {
    expect(parseDossierCode('000.00.06.H56-231027-0361')).toEqual({
      unitCode: '000.00.06.H56',
      datePart: '231027',
      dateKey: '2023-10-27',
      sequence: 361,
    });
    expect(parseDossierCode('000.17.22.H56-210531-0001')?.sequence).toBe(1);
  });

  it('round-trips, and tolerates white space and lower case from a scanner', () => {
    const code = formatDossierCode('000.00.06.H56', '2026-11-23', 5000);
    const p = parseDossierCode(code)!;
    expect(formatDossierCode(p.unitCode, p.dateKey, p.sequence)).toBe(code);
    expect(parseDossierCode(`  ${code.toLowerCase()}\r\n`)).toEqual(p);
  });

  it.each([
    '',
    '000.00.06.H56',
    '000.00.06.H56-261123',
    '000.00.06.H56-261123-001',
    '000.00.06.H56-261123-00001',
    '000.00.06.H56-261123-0000', // no number 0
    '000.00.06.H56-261131-0001', // 31 November
    '000.00.06.H56-260229-0001', // 2026 is not a leap year
    '000.00.06.H56-261323-0001',
    '00.00.06.H56-261123-0001',
    '000.00.06.H56_261123_0001',
    "000.00.06.H56-261123-0001' OR 1=1 --",
  ])('rejects %j', (text) => {
    expect(parseDossierCode(text)).toBeNull();
  });
});

describe('the counters share of the day (interleaved)', () => {
  it('gives counter c of C the numbers c, c + C, c + 2C, …', () => {
    expect([1, 2, 3, 4].map((k) => counterSequence(1, 2, k))).toEqual([1, 3, 5, 7]);
    expect([1, 2, 3, 4].map((k) => counterSequence(2, 2, k))).toEqual([2, 4, 6, 8]);
    expect([1, 2, 3].map((k) => counterSequence(3, 3, k))).toEqual([3, 6, 9]);
    expect(counterSequence(1, 1, 9999)).toBe(9999);
    expect(counterSequence(1, 1, 10_000)).toBeNull();
    expect(counterSequence(1, 2, 5000)).toBe(9999);
    expect(counterSequence(1, 2, 5001)).toBeNull();
    expect(counterSequence(2, 2, 4999)).toBe(9998);
    expect(counterSequence(2, 2, 5000)).toBeNull();
  });

  it('gives each counter a daily capacity of ⌊(9999 − c) / C⌋ + 1', () => {
    expect(counterCapacity(1, 1)).toBe(9999);
    expect([counterCapacity(1, 2), counterCapacity(2, 2)]).toEqual([5000, 4999]);
    expect([1, 2, 3].map((c) => counterCapacity(c, 3))).toEqual([3333, 3333, 3333]);
    expect([1, 2, 3, 4].map((c) => counterCapacity(c, 4))).toEqual([2500, 2500, 2500, 2499]);
    expect(counterCapacity(1, 99)).toBe(101); // 99 × 101 = 9,999
    expect(counterCapacity(99, 99)).toBe(101);
  });

  it('splits 0001–9999 exactly: for every C, the classes are disjoint, cover the day, and capacities differ by at most one', () => {
    for (let C = 1; C <= 99; C++) {
      const caps = Array.from({ length: C }, (_, i) => counterCapacity(i + 1, C));
      expect(caps.reduce((a, b) => a + b, 0)).toBe(MAX_SEQUENCE);
      expect(Math.max(...caps) - Math.min(...caps)).toBeLessThanOrEqual(1);
    }
    const seen = new Set<number>();
    for (let c = 1; c <= 7; c++)
      for (let k = 1; k <= counterCapacity(c, 7); k++) {
        const n = counterSequence(c, 7, k)!;
        expect(counterOfSequence(n, 7)).toBe(c);
        seen.add(n);
      }
    expect(seen.size).toBe(MAX_SEQUENCE);
  });

  it('finds the next number above the last issued, also when the last was in another class (after a reconfiguration)', () => {
    expect(nextCounterSequence(1, 2, 0)).toBe(1);
    expect(nextCounterSequence(2, 2, 0)).toBe(2);
    expect(nextCounterSequence(1, 2, 1)).toBe(3);
    expect(nextCounterSequence(2, 3, 6)).toBe(8); // was counter 2 of 2 up to 6; now counter 2 of 3
    expect(nextCounterSequence(3, 3, 7)).toBe(9);
    expect(nextCounterSequence(1, 2, 9997)).toBe(9999);
    expect(nextCounterSequence(1, 2, 9999)).toBeNull();
    expect(nextCounterSequence(2, 2, 9998)).toBeNull();
  });

  it('refuses a counter outside its unit', () => {
    expect(() => counterCapacity(3, 2)).toThrow(RangeError);
    expect(() => counterCapacity(0, 2)).toThrow(RangeError);
    expect(() => counterCapacity(1, 100)).toThrow(RangeError);
    expect(() => counterSequence(1, 2, 0)).toThrow(RangeError);
  });
});

describe('the Vietnamese messages', () => {
  it('has the allocator errors in the catalogue, each saying what happened and what to do', () => {
    const msg = fill(vi.errors.DOSSIER_CODES_EXHAUSTED, { counter: 2, counters: 2, capacity: '4.999', date: '23/11/2026' });
    expect(msg).toContain('Quầy số 2 đã dùng hết 4.999 số hồ sơ của ngày 23/11/2026');
    expect(msg).toContain('quản trị viên');
    expect(msg).not.toMatch(/\{\w+\}/);
    expect(fill(vi.errors.DOSSIER_CODE_SETUP_INVALID, { detail: 'x' })).toContain('quản trị viên');
  });
});
