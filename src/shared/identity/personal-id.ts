import { identityText } from '../i18n/vi-identity';
import { provinceName } from './provinces';
import type { Gender } from './schemas';

// The 12-digit personal identification number (số định danh cá nhân) printed on the CCCD and the
// căn cước card: PPP G YY RRRRRR — P the province where the birth was registered, G gender and
// century, YY the last two digits of the birth year, R random. The 12-digit CMND issued 2012–2016
// in some provinces follows the same structure, so it validates (and is reported) as 'cccd'.
// The old 9-digit CMND has no structure we can check beyond its length.

/** The 4th digit: even = male, odd = female; the pair gives the century. */
const CENTURY_BY_DIGIT: Record<string, number> = {
  '0': 1900,
  '1': 1900,
  '2': 2000,
  '3': 2000,
  '4': 2100,
  '5': 2100,
  '6': 2200,
  '7': 2200,
  '8': 1800,
  '9': 1800,
};

export type PersonalIdErrorCode =
  | 'ID_EMPTY'
  | 'ID_NOT_DIGITS'
  | 'ID_LENGTH'
  | 'ID_CMND_NOT_ALLOWED'
  | 'ID_PROVINCE'
  | 'ID_FUTURE_YEAR'
  | 'ID_YEAR_MISMATCH'
  | 'ID_GENDER_MISMATCH';

export type PersonalIdResult =
  | {
      ok: true;
      kind: 'cccd';
      number: string;
      province: { code: string; name: string };
      gender: Gender;
      /** 1800, 1900, 2000, … */
      century: number;
      birthYear2: number;
      /** century + birthYear2 */
      birthYear: number;
    }
  | { ok: true; kind: 'cmnd'; number: string; province: null; gender: null; century: null; birthYear2: null; birthYear: null }
  | { ok: false; code: PersonalIdErrorCode; message: string };

export interface PersonalIdOptions {
  /** When known: the birth date (YYYY-MM-DD) or year, to check against digits 4–6. */
  birth?: string | number;
  /** When known: checked against the 4th digit. */
  gender?: Gender;
  /** Accept the old 9-digit CMND (default true). The ID card's QR always carries 12 digits. */
  allowCmnd?: boolean;
  /** Today, to refuse a birth year that has not come yet (default: now). */
  now?: Date;
}

function fail(code: PersonalIdErrorCode, message: string): PersonalIdResult {
  return { ok: false, code, message };
}

/**
 * Validates a personal ID as typed or scanned: spaces, dots and dashes between digit groups are
 * ignored, full-width digits are read as digits. Returns what the number says (province, gender,
 * century, birth year) or a Vietnamese message saying what is wrong and what to do.
 */
export function validatePersonalId(raw: string, opts: PersonalIdOptions = {}): PersonalIdResult {
  const t = identityText.id;
  const compact = String(raw ?? '')
    .normalize('NFKC')
    .replace(/[\s.-]+/g, '');
  if (compact === '') return fail('ID_EMPTY', t.empty);
  if (!/^\d+$/.test(compact)) return fail('ID_NOT_DIGITS', t.notDigits);
  const allowCmnd = opts.allowCmnd ?? true;
  if (compact.length === 9) {
    if (!allowCmnd) return fail('ID_CMND_NOT_ALLOWED', t.cmndNotAllowed);
    return { ok: true, kind: 'cmnd', number: compact, province: null, gender: null, century: null, birthYear2: null, birthYear: null };
  }
  if (compact.length !== 12) return fail('ID_LENGTH', allowCmnd ? t.length(compact.length) : t.length12(compact.length));

  const code = compact.slice(0, 3);
  const name = provinceName(code);
  if (!name) return fail('ID_PROVINCE', t.province(code));

  const g = compact[3]!;
  const century = CENTURY_BY_DIGIT[g]!;
  const gender: Gender = Number(g) % 2 === 0 ? 'Nam' : 'Nữ';
  const birthYear2 = Number(compact.slice(4, 6));
  const birthYear = century + birthYear2;
  const thisYear = (opts.now ?? new Date()).getUTCFullYear();
  if (birthYear > thisYear) return fail('ID_FUTURE_YEAR', t.futureYear(birthYear));

  if (opts.birth !== undefined) {
    const year = typeof opts.birth === 'number' ? opts.birth : Number(String(opts.birth).slice(0, 4));
    if (Number.isFinite(year) && year !== birthYear) return fail('ID_YEAR_MISMATCH', t.yearMismatch(birthYear, year));
  }
  if (opts.gender !== undefined && opts.gender !== gender) {
    return fail('ID_GENDER_MISMATCH', t.genderMismatch(gender, opts.gender));
  }
  return { ok: true, kind: 'cccd', number: compact, province: { code, name }, gender, century, birthYear2, birthYear };
}
