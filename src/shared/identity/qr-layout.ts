import { LATIN_LETTER } from './schemas';

// Where each part of the ID card's QR sits. The common layout has 7 parts:
//   number | old 9-digit CMND (often empty) | full name | birth ddMMyyyy | gender | address | issue ddMMyyyy
// Variants seen: 6 parts without the issue date, 6 parts without the old number, and more than 7
// parts (trailing parts we do not know; ignored).

export interface QrParts {
  idNumber: string;
  /** null: the layout has no old-number part (not the same as an empty one). */
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  gender: string;
  address: string;
  /** null: the layout has no issue-date part. */
  issueDate: string | null;
  /** Parts after the 7th, ignored. */
  extra: number;
  variant: 'full' | 'no-issue-date' | 'no-old-id';
}

const HAS_LETTER = new RegExp(`[${LATIN_LETTER}]`, 'u');

export function hasLetter(s: string): boolean {
  return HAS_LETTER.test(s);
}

/** Assigns trimmed parts to fields; null when there are fewer than 6 parts. */
export function layoutParts(parts: readonly string[]): QrParts | null {
  if (parts.length < 6) return null;
  const p = (i: number) => parts[i] ?? '';
  if (parts.length >= 7) {
    return {
      idNumber: p(0),
      oldIdNumber: p(1),
      fullName: p(2),
      birthDate: p(3),
      gender: p(4),
      address: p(5),
      issueDate: p(6),
      extra: parts.length - 7,
      variant: 'full',
    };
  }
  // 6 parts: the 2nd is either the old number (digits or empty) or already the name (letters).
  if (!hasLetter(p(1))) {
    return {
      idNumber: p(0),
      oldIdNumber: p(1),
      fullName: p(2),
      birthDate: p(3),
      gender: p(4),
      address: p(5),
      issueDate: null,
      extra: 0,
      variant: 'no-issue-date',
    };
  }
  return {
    idNumber: p(0),
    oldIdNumber: null,
    fullName: p(1),
    birthDate: p(2),
    gender: p(3),
    address: p(4),
    issueDate: p(5),
    extra: 0,
    variant: 'no-old-id',
  };
}
