// The dossier code (mã số hồ sơ) {unit code}-{YYMMDD}-{NNNN} and how the counters of one unit
// share its sequence space without talking to each other. Pure: no Node, no database. The
// scheme and its reasons are in docs/dossier-codes.md; the allocator that issues codes is
// src/main/core/dossiers/code-allocator.ts.

import { DOSSIER_CODE } from './status';

/** The highest NNNN of a unit and day. */
export const MAX_SEQUENCE = 9999;
/** The most counters a unit may declare (as in the office profile). */
export const MAX_COUNTERS = 99;

/** The receiving unit's identifier code, V1V2V3.Z1Z2.Y1Y2.MX1X2 (e.g. 000.00.06.H56). */
export const UNIT_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** A Vietnamese calendar date as vnDateKey gives it. */
const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function checkCounters(counter: number, countersInUnit: number): void {
  if (!Number.isInteger(countersInUnit) || countersInUnit < 1 || countersInUnit > MAX_COUNTERS)
    throw new RangeError(`countersInUnit must be an integer 1…${MAX_COUNTERS}, got ${countersInUnit}`);
  if (!Number.isInteger(counter) || counter < 1 || counter > countersInUnit)
    throw new RangeError(`counter must be an integer 1…${countersInUnit}, got ${counter}`);
}

/** '2026-11-23' → '261123'. */
export function datePart(dateKey: string): string {
  const m = DATE_KEY.exec(dateKey);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3])))
    throw new RangeError(`not a date YYYY-MM-DD: ${dateKey}`);
  return dateKey.slice(2).replaceAll('-', '');
}

/** ('000.00.06.H56', '2026-11-23', 1) → '000.00.06.H56-261123-0001'. */
export function formatDossierCode(unitCode: string, dateKey: string, sequence: number): string {
  if (!UNIT_CODE.test(unitCode)) throw new RangeError(`not a unit code: ${unitCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE)
    throw new RangeError(`sequence must be an integer 1…${MAX_SEQUENCE}, got ${sequence}`);
  return `${unitCode}-${datePart(dateKey)}-${String(sequence).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  unitCode: string;
  /** YYMMDD as printed. */
  datePart: string;
  /** YYYY-MM-DD, reading YY as 20YY (the code itself has no century). */
  dateKey: string;
  sequence: number;
}

/**
 * The parts of a code, or null when it is not a well-formed dossier code: wrong shape, an
 * impossible date (e.g. 261131) or the sequence 0000. Surrounding white space is ignored and
 * letters are upper-cased, as a scanner or a clerk may give them.
 */
export function parseDossierCode(text: string): ParsedDossierCode | null {
  const code = text.trim().toUpperCase();
  if (!DOSSIER_CODE.test(code)) return null;
  const [unitCode, yymmdd, nnnn] = code.split('-') as [string, string, string];
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const sequence = Number(nnnn);
  if (!isRealDate(year, month, day) || sequence < 1) return null;
  return { unitCode, datePart: yymmdd, dateKey: `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`, sequence };
}

/**
 * The number of the k-th code (k = 1, 2, …) counter `counter` of `countersInUnit` issues in a
 * day: counters interleave, counter c taking c, c + C, c + 2C, … (n ≡ c mod C). Null past the
 * counter's capacity: the number would exceed 9999.
 */
export function counterSequence(counter: number, countersInUnit: number, k: number): number | null {
  checkCounters(counter, countersInUnit);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer ≥ 1, got ${k}`);
  const n = counter + (k - 1) * countersInUnit;
  return n <= MAX_SEQUENCE ? n : null;
}

/** How many codes a counter can issue in one day: ⌊(9999 − c) / C⌋ + 1 (C = 2: 5,000 and 4,999). */
export function counterCapacity(counter: number, countersInUnit: number): number {
  checkCounters(counter, countersInUnit);
  return Math.floor((MAX_SEQUENCE - counter) / countersInUnit) + 1;
}

/** Which counter of `countersInUnit` owns sequence n under the interleaved scheme. */
export function counterOfSequence(sequence: number, countersInUnit: number): number {
  checkCounters(1, countersInUnit);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE)
    throw new RangeError(`sequence must be an integer 1…${MAX_SEQUENCE}, got ${sequence}`);
  return ((sequence - 1) % countersInUnit) + 1;
}

/**
 * The smallest number above `after` that belongs to the counter (n ≡ c mod C), or null when
 * none is left in the day. `after` is the last number this counter issued (0 for none); it
 * need not be in the counter's class — after an admin changed C or the counter's number, the
 * counter continues above whatever it issued before, never below.
 */
export function nextCounterSequence(counter: number, countersInUnit: number, after: number): number | null {
  checkCounters(counter, countersInUnit);
  if (!Number.isInteger(after) || after < 0) throw new RangeError(`after must be an integer ≥ 0, got ${after}`);
  const first = after + 1;
  const offset = (((counter - first) % countersInUnit) + countersInUnit) % countersInUnit;
  const n = first + offset;
  return n <= MAX_SEQUENCE ? n : null;
}
