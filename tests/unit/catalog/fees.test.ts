import { describe, expect, it } from 'vitest';
import { computeFees } from '../../../src/shared/catalog/fees';
import { procedureSchema, type Procedure } from '../../../src/shared/catalog/procedure';
import { isAppError } from '../../../src/shared/api/errors';
import { sampleProcedure } from './sample';

const certification = sampleProcedure('2.000815');
const extract = sampleProcedure('2.000635');
const signature = sampleProcedure('2.000884');
const tempVacancy = sampleProcedure('1.003677');

describe('fees of chứng thực bản sao từ bản chính (2.000815)', () => {
  const perCopy = (pages: number, copies = 1) => computeFees(certification, { pages, copies }).total;

  it('charges 2,000 đ a page for pages 1 and 2', () => {
    expect(perCopy(1)).toBe(2000);
    expect(perCopy(2)).toBe(4000);
  });

  it('charges 1,000 đ a page from page 3', () => {
    expect(perCopy(3)).toBe(5000);
    expect(perCopy(10)).toBe(12_000);
  });

  it('caps one copy at 200,000 đ', () => {
    expect(perCopy(198)).toBe(200_000); // 4,000 + 196 × 1,000 = 200,000 exactly
    expect(perCopy(199)).toBe(200_000);
    expect(perCopy(250)).toBe(200_000);
  });

  it('multiplies by the number of copies, the cap applying to each copy', () => {
    expect(perCopy(3, 4)).toBe(20_000);
    expect(perCopy(250, 3)).toBe(600_000);
    const r = computeFees(certification, { pages: 3, copies: 2, sets: 1 });
    expect(r.lines).toEqual([
      expect.objectContaining({ code: 'PHI-CTBS', basis: 'tiered-per-page', quantity: 2, unitAmount: 5000, amount: 10_000, pages: 3 }),
    ]);
    expect(r.total).toBe(10_000);
  });

  it('charges nothing for zero copies', () => {
    expect(perCopy(5, 0)).toBe(0);
  });
});

describe('other fee bases', () => {
  it('bản sao trích lục: 8,000 đ a copy', () => {
    expect(computeFees(extract, { copies: 1 }).total).toBe(8000);
    expect(computeFees(extract, { copies: 3 }).lines).toEqual([
      expect.objectContaining({ basis: 'per-copy', quantity: 3, unitAmount: 8000, amount: 24_000 }),
    ]);
  });

  it('per-dossier fees are charged once, whatever the copies, pages or sets', () => {
    expect(computeFees(signature, { copies: 5, pages: 9, sets: 2 }).total).toBe(10_000);
  });

  it('a procedure without fees costs 0', () => {
    expect(tempVacancy.fees).toEqual([]);
    expect(computeFees(tempVacancy, { copies: 2 })).toEqual({ lines: [], total: 0 });
  });

  it('an exempt fee (amount 0) gives a line of 0', () => {
    const r = computeFees(sampleProcedure('1.001193'));
    expect(r.total).toBe(0);
    expect(r.lines).toHaveLength(1);
  });

  it('plain per-page fees with a cap', () => {
    const p: Procedure = procedureSchema.parse({
      ...certification,
      fees: [{ code: 'P', name: 'Phí theo trang', amount: 3000, basis: 'per-page', maxPerCopy: 10_000 }],
    });
    expect(computeFees(p, { pages: 2, copies: 2 }).total).toBe(12_000);
    expect(computeFees(p, { pages: 5, copies: 2 }).total).toBe(20_000);
  });

  it('defaults to one copy of one page', () => {
    expect(computeFees(certification).total).toBe(2000);
  });

  it('refuses negative, fractional or absurd quantities with a Vietnamese message', () => {
    for (const q of [{ pages: -1 }, { copies: 1.5 }, { copies: Number.NaN }, { pages: 1e9 }, { sets: -2 }]) {
      let caught: unknown;
      try {
        computeFees(certification, q);
      } catch (e) {
        caught = e;
      }
      expect(isAppError(caught) && caught.code).toBe('CATALOG_FEE_INPUT');
      expect((caught as Error).message).toContain('số nguyên không âm');
    }
  });
});
