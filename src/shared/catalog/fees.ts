import { AppError } from '../api/errors';
import type { Fee, FeeBasis, Procedure } from './procedure';

// The fees of a dossier, computed from the catalogue record it is received under. Pure and
// exact: amounts are integer đồng, never floating point.
//
// - per-dossier: charged once per dossier, whatever the number of paper sets it needs.
// - per-copy: amount × copies (Cấp bản sao trích lục hộ tịch: 8.000 đồng/bản).
// - per-page: amount × pages for each copy, capped by maxPerCopy, × copies.
// - tiered-per-page: each page priced by its band (Chứng thực bản sao từ bản chính: 2.000 đồng
//   for pages 1–2, 1.000 đồng from page 3), capped by maxPerCopy (200.000 đồng), × copies.

export interface FeeQuantities {
  /** Number of copies asked for (bản sao, bản chứng thực). Default 1. */
  copies?: number;
  /** Pages of one copy, for page-based fees. Default 1. */
  pages?: number;
  /** Paper sets (số bộ hồ sơ): recorded on the dossier, never multiplies a fee. */
  sets?: number;
}

export interface FeeLine {
  code: string;
  name: string;
  basis: FeeBasis;
  /** Dossiers (1) for per-dossier fees, copies for the others. */
  quantity: number;
  /** The price of one unit of `quantity`: one dossier, or one copy of `pages` pages. */
  unitAmount: number;
  /** quantity × unitAmount, đồng. */
  amount: number;
  /** Pages of each copy, for page-based fees. */
  pages?: number;
  note?: string;
}

export interface FeeComputation {
  lines: FeeLine[];
  /** Sum of the lines, đồng. */
  total: number;
}

const MAX_QUANTITY = 100_000;

function quantity(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_QUANTITY) {
    throw new AppError('CATALOG_FEE_INPUT', { detail: `${name} = ${String(value)}` });
  }
  return n;
}

/** The price of one copy of `pages` pages under a page-based fee, before the cap. */
function pagesPrice(fee: Fee, pages: number): number {
  if (fee.basis === 'per-page') return fee.amount * pages;
  let sum = 0;
  for (const tier of fee.tiers ?? []) {
    if (pages < tier.fromPage) break;
    const last = tier.toPage === undefined ? pages : Math.min(pages, tier.toPage);
    sum += (last - tier.fromPage + 1) * tier.amount;
  }
  return sum;
}

/** One fee's line for the given quantities. */
export function computeFeeLine(fee: Fee, q: FeeQuantities = {}): FeeLine {
  const copies = quantity('copies', q.copies, 1);
  const pages = quantity('pages', q.pages, 1);
  const base = { code: fee.code, name: fee.name, basis: fee.basis, ...(fee.note ? { note: fee.note } : {}) };
  switch (fee.basis) {
    case 'per-dossier':
      return { ...base, quantity: 1, unitAmount: fee.amount, amount: fee.amount };
    case 'per-copy':
      return { ...base, quantity: copies, unitAmount: fee.amount, amount: fee.amount * copies };
    case 'per-page':
    case 'tiered-per-page': {
      const raw = pagesPrice(fee, pages);
      const perCopy = fee.maxPerCopy === undefined ? raw : Math.min(raw, fee.maxPerCopy);
      return { ...base, quantity: copies, unitAmount: perCopy, amount: perCopy * copies, pages };
    }
  }
}

/** All fees of a procedure for a dossier; a procedure without fees costs 0. */
export function computeFees(procedure: Pick<Procedure, 'fees'>, q: FeeQuantities = {}): FeeComputation {
  quantity('sets', q.sets, 1);
  const lines = procedure.fees.map((fee) => computeFeeLine(fee, q));
  return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
}
