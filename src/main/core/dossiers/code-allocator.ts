import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/api/errors';
import {
  counterCapacity,
  formatDossierCode,
  MAX_COUNTERS,
  nextCounterSequence,
  UNIT_CODE,
} from '../../../shared/dossier/code';
import { vnDateKey } from '../../../shared/time/vn-time';
import { codeSequences, dossiers } from '../db/schema';
import type { Db } from '../db/unit-of-work';

// Issues dossier codes {unit}-{YYMMDD}-{NNNN}. The scheme (interleaved sequence classes per
// counter, a sequence row per counter, no reuse ever) is explained in docs/dossier-codes.md.

export interface CodeRequest {
  /** The receiving unit's identifier code, e.g. 000.00.06.H56. */
  unitCode: string;
  /** This counter's number, 1 … countersInUnit. */
  counterNumber: number;
  /** How many counters of the unit share the day's numbers. */
  countersInUnit: number;
  /** The receipt instant; its Vietnamese date (UTC+7) is the code's date. */
  at: Date;
}

export interface AllocatedCode {
  code: string;
  sequence: number;
  /** The Vietnamese date of the receipt, YYYY-MM-DD. */
  dateKey: string;
}

function invalid(detail: string): AppError {
  return new AppError('DOSSIER_CODE_SETUP_INVALID', { detail });
}

function validate(p: CodeRequest): void {
  if (typeof p.unitCode !== 'string' || !UNIT_CODE.test(p.unitCode))
    throw invalid(`mã định danh của đơn vị "${String(p.unitCode)}" không đúng dạng 000.00.06.H56`);
  if (!Number.isInteger(p.countersInUnit) || p.countersInUnit < 1 || p.countersInUnit > MAX_COUNTERS)
    throw invalid(`số quầy của đơn vị phải từ 1 đến ${MAX_COUNTERS} (đang là ${String(p.countersInUnit)})`);
  if (!Number.isInteger(p.counterNumber) || p.counterNumber < 1 || p.counterNumber > p.countersInUnit)
    throw invalid(`số quầy phải từ 1 đến ${p.countersInUnit} (đang là ${String(p.counterNumber)})`);
  if (!(p.at instanceof Date) || Number.isNaN(p.at.getTime())) throw invalid('thời điểm tiếp nhận không hợp lệ');
}

const ddmmyyyy = (dateKey: string) => dateKey.split('-').reverse().join('/');

/**
 * The next code of this counter for the receipt's Vietnamese day. Runs inside the caller's
 * immediate transaction (the dossier save): the sequence row and the dossier commit together,
 * so a save that fails or rolls back consumes no number, and a committed number is never
 * issued again — the stored last value only grows, whatever the clock does.
 *
 * Belt and braces: a number whose code already exists in `dossiers` (after an admin changed
 * the counter's number or the number of counters, or a dossier that arrived by sync) is
 * skipped, so the allocator never hands out a code this database already holds.
 */
export function allocateDossierCode(tx: Db, p: CodeRequest): AllocatedCode {
  validate(p);
  const dateKey = vnDateKey(p.at);
  const key = and(
    eq(codeSequences.unitCode, p.unitCode),
    eq(codeSequences.dateKey, dateKey),
    eq(codeSequences.counterNumber, p.counterNumber),
  );
  const row = tx.select({ last: codeSequences.lastSequence }).from(codeSequences).where(key).get();
  const last = row?.last ?? 0;

  const taken = (n: number) =>
    tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.code, formatDossierCode(p.unitCode, dateKey, n))).get() !== undefined;
  let n = nextCounterSequence(p.counterNumber, p.countersInUnit, last);
  while (n !== null && taken(n)) n = nextCounterSequence(p.counterNumber, p.countersInUnit, n);
  if (n === null)
    throw new AppError('DOSSIER_CODES_EXHAUSTED', {
      counter: p.counterNumber,
      counters: p.countersInUnit,
      capacity: counterCapacity(p.counterNumber, p.countersInUnit).toLocaleString('vi-VN'),
      date: ddmmyyyy(dateKey),
    });
  const code = formatDossierCode(p.unitCode, dateKey, n);

  tx.insert(codeSequences)
    .values({ unitCode: p.unitCode, dateKey, counterNumber: p.counterNumber, lastSequence: n })
    .onConflictDoUpdate({
      target: [codeSequences.unitCode, codeSequences.dateKey, codeSequences.counterNumber],
      set: { lastSequence: n },
    })
    .run();
  return { code, sequence: n, dateKey };
}
