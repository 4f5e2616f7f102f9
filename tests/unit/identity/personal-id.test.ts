import { describe, expect, it } from 'vitest';
import { validatePersonalId } from '../../../src/shared/identity/personal-id';
import { CCCD_PROVINCES, provinceName } from '../../../src/shared/identity/provinces';
import { NOW, VIETNAMESE } from './fixtures';

describe('personal ID (CCCD) number', () => {
  it('lists the 63 pre-2025 provinces, 001 Hà Nội … 096 Cà Mau, each code once', () => {
    expect(CCCD_PROVINCES).toHaveLength(63);
    expect(new Set(CCCD_PROVINCES.map(([c]) => c)).size).toBe(63);
    expect(CCCD_PROVINCES[0]).toEqual(['001', 'Hà Nội']);
    expect(CCCD_PROVINCES[62]).toEqual(['096', 'Cà Mau']);
    expect(provinceName('079')).toBe('Hồ Chí Minh');
    expect(provinceName('048')).toBe('Đà Nẵng');
    expect(provinceName('003')).toBeNull();
    for (const [code, name] of CCCD_PROVINCES) {
      expect(code).toMatch(/^0\d\d$/);
      expect(name).toBe(name.normalize('NFC'));
    }
  });

  it('reads province, gender, century and birth year from the digits', () => {
    expect(validatePersonalId('001099012345', { now: NOW })).toEqual({
      ok: true,
      kind: 'cccd',
      number: '001099012345',
      province: { code: '001', name: 'Hà Nội' },
      gender: 'Nam',
      century: 1900,
      birthYear2: 99,
      birthYear: 1999,
    });
    const cases: [string, 'Nam' | 'Nữ', number][] = [
      ['079003000001', 'Nam', 1903],
      ['079103000001', 'Nữ', 1903],
      ['079203000001', 'Nam', 2003],
      ['079303000001', 'Nữ', 2003],
      ['096825000001', 'Nam', 1825],
      ['096925000001', 'Nữ', 1825],
    ];
    for (const [id, gender, year] of cases) {
      const r = validatePersonalId(id, { now: NOW });
      expect(r).toMatchObject({ ok: true, kind: 'cccd', gender, birthYear: year });
    }
  });

  it('refuses a birth year that has not come yet (2100s, 2200s, or later this century)', () => {
    for (const id of ['001499012345', '001599012345', '001699012345', '001799012345', '001230012345']) {
      const r = validatePersonalId(id, { now: NOW });
      expect(r).toMatchObject({ ok: false, code: 'ID_FUTURE_YEAR' });
    }
  });

  it('ignores spaces, dots and dashes between digit groups, reads full-width digits', () => {
    expect(validatePersonalId(' 001 099 012 345 ', { now: NOW })).toMatchObject({ ok: true, number: '001099012345' });
    expect(validatePersonalId('001.099.012.345', { now: NOW })).toMatchObject({ ok: true, number: '001099012345' });
    expect(validatePersonalId('001-099-012345', { now: NOW })).toMatchObject({ ok: true, number: '001099012345' });
    expect(validatePersonalId('００１０９９０１２３４５', { now: NOW })).toMatchObject({ ok: true, number: '001099012345' });
  });

  it('accepts the old 9-digit CMND as kind cmnd, unless the caller needs a CCCD', () => {
    expect(validatePersonalId('272512345')).toEqual({
      ok: true,
      kind: 'cmnd',
      number: '272512345',
      province: null,
      gender: null,
      century: null,
      birthYear2: null,
      birthYear: null,
    });
    expect(validatePersonalId('272512345', { allowCmnd: false })).toMatchObject({ ok: false, code: 'ID_CMND_NOT_ALLOWED' });
  });

  it('checks the digits against a known birth date and gender', () => {
    expect(validatePersonalId('001099012345', { now: NOW, birth: '1999-08-15', gender: 'Nam' })).toMatchObject({ ok: true });
    expect(validatePersonalId('001099012345', { now: NOW, birth: 1999 })).toMatchObject({ ok: true });
    const year = validatePersonalId('001099012345', { now: NOW, birth: '1998-08-15' });
    expect(year).toMatchObject({ ok: false, code: 'ID_YEAR_MISMATCH' });
    expect(!year.ok && year.message).toContain('1999');
    expect(!year.ok && year.message).toContain('1998');
    const century = validatePersonalId('001299012345', { now: NOW, birth: '1999-01-01' });
    expect(century).toMatchObject({ ok: false, code: 'ID_FUTURE_YEAR' });
    const gender = validatePersonalId('001099012345', { now: NOW, gender: 'Nữ' });
    expect(gender).toMatchObject({ ok: false, code: 'ID_GENDER_MISMATCH' });
  });

  const invalid: [string, string][] = [
    ['', 'ID_EMPTY'],
    ['   ', 'ID_EMPTY'],
    ['00109901234', 'ID_LENGTH'],
    ['0010990123456', 'ID_LENGTH'],
    ['12345', 'ID_LENGTH'],
    ['00109901234A', 'ID_NOT_DIGITS'],
    ['OO1099012345', 'ID_NOT_DIGITS'],
    ['001099012345;', 'ID_NOT_DIGITS'],
    ['003099012345', 'ID_PROVINCE'],
    ['000099012345', 'ID_PROVINCE'],
    ['097099012345', 'ID_PROVINCE'],
    ['999099012345', 'ID_PROVINCE'],
    ['100099012345', 'ID_PROVINCE'],
  ];
  for (const [id, code] of invalid) {
    it(`refuses ${JSON.stringify(id)} with ${code} and a Vietnamese message`, () => {
      const r = validatePersonalId(id, { now: NOW });
      expect(r).toMatchObject({ ok: false, code });
      if (!r.ok) {
        expect(r.message).toMatch(VIETNAMESE);
        expect(r.message).toMatch(/Hãy/);
      }
    });
  }
});
