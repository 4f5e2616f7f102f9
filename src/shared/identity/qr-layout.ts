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
  // The four layouts differ only in where the name starts and in the old-number / issue-date parts.
  const record = (oldIdNumber: string | null, from: number, issueDate: string | null, extra: number, variant: QrParts['variant']): QrParts => ({
    idNumber: p(0),
    oldIdNumber,
    fullName: p(from),
    birthDate: p(from + 1),
    gender: p(from + 2),
    address: p(from + 3),
    issueDate,
    extra,
    variant,
  });
  if (parts.length >= 7) return record(p(1), 2, p(6), parts.length - 7, 'full');
  // 6 parts: the 2nd is either the old number (digits or empty) or already the name (letters).
  if (!hasLetter(p(1))) return record(p(1), 2, null, 0, 'no-issue-date');
  return record(null, 1, p(5), 0, 'no-old-id');
}
