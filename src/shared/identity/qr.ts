import { identityText } from '../i18n/vi-identity';
import { cleanLine } from '../text/normalize';
import { parseCardDate, vnToday, type CardDate } from './dates';
import { detectImeGarbling } from './ime';
import { validatePersonalId } from './personal-id';
import { layoutParts } from './qr-layout';
import {
  ADDRESS_MAX,
  ADDRESS_PATTERN,
  NAME_MAX,
  NAME_PATTERN,
  idCardRecordSchema,
  type Gender,
  type IdCardField,
  type IdentityIssue,
  type QrParseResult,
} from './schemas';

export { detectImeGarbling, type ImeGarbling, type ImeHints, type ImeSign } from './ime';
export type { IdCardRecord, IdentityIssue, QrParseResult } from './schemas';

// A tolerant reader of the ID card's QR text (see qr-layout.ts for the parts). It accepts what
// scanners and clerks really deliver — 6, 7 or more parts, an empty old-number part, stray white
// space, CR/LF, a BOM, decomposed Vietnamese, a scanner's AIM prefix — and returns either a clean
// record (NFC, white space folded, each part checked) or Vietnamese errors. Nothing raw escapes:
// the messages never quote the input and the record is re-checked against its schema.

/** Far longer than any real card's QR (about 100–250 characters). */
export const QR_MAX_CHARS = 2000;
/** A person older than this is a misread date. */
const MAX_AGE_YEARS = 130;

export interface QrParseOptions {
  /** Today, for "not in the future" (default: now). */
  now?: Date;
  /** Edit keys (Backspace…) seen inside a keyboard-wedge burst: an input method rewrote the scan. */
  editKeys?: number;
}

// Invisible characters that carry nothing: BOM, zero-width space/joiners, word joiner.
const INVISIBLE = /\uFEFF|\u200B|\u200C|\u200D|\u2060/g;
// Bidirectional overrides and marks: they change how text displays (used to disguise content).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// C0/C1 controls other than tab, CR, LF; other format characters (soft hyphen…).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cf}/u;
// U+FFFD: bytes that were not valid UTF-8; lone surrogates: broken UTF-16.
const ENCODING = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// "]Q1": the AIM symbology identifier some scanners put before the data.
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

const GENDER_WORDS: Record<string, Gender> = { nam: 'Nam', male: 'Nam', 'nữ': 'Nữ', nu: 'Nữ', female: 'Nữ' };

function failure(errors: IdentityIssue[]): QrParseResult {
  return { ok: false, errors };
}

function issue(field: IdCardField, code: string, message: string): IdentityIssue {
  return { field, code, message };
}

/** Reads the text of an ID card's QR code. Never throws. */
export function parseIdCardQr(input: unknown, opts: QrParseOptions = {}): QrParseResult {
  const q = identityText.qr;
  const fieldName = identityText.fields;
  if (typeof input !== 'string') return failure([issue('text', 'QR_NOT_TEXT', q.notText)]);
  if (input.length > QR_MAX_CHARS) return failure([issue('text', 'QR_TOO_LONG', q.tooLong(input.length, QR_MAX_CHARS))]);

  let text = input.replace(INVISIBLE, '');
  if (BIDI.test(text)) return failure([issue('text', 'QR_BIDI', q.bidiChars)]);
  if (ENCODING.test(text)) return failure([issue('text', 'QR_ENCODING', q.encoding)]);
  if (CONTROL.test(text)) return failure([issue('text', 'QR_CONTROL', q.controlChars)]);
  text = text.normalize('NFC').trim().replace(AIM_PREFIX, '');

  const lines = text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return failure([issue('text', 'QR_EMPTY', q.empty)]);
  if (lines.length > 1) return failure([issue('text', 'QR_MULTIPLE_LINES', q.multipleLines)]);
  const line = lines[0]!;

  const ime = detectImeGarbling(line, { editKeys: opts.editKeys });
  if (ime.garbled) return failure([issue('text', 'IME_GARBLED', ime.message!)]);

  if (!line.includes('|')) return failure([issue('text', 'QR_NO_SEPARATOR', q.noSeparator)]);
  const rawParts = line.split('|').map(cleanLine);
  if (rawParts.every((p) => p === '')) return failure([issue('text', 'QR_ONLY_SEPARATORS', q.onlySeparators)]);
  const parts = layoutParts(rawParts);
  if (!parts) return failure([issue('text', 'QR_FIELD_COUNT', q.fieldCount(rawParts.length))]);

  const now = opts.now ?? new Date();
  const today = vnToday(now);
  const errors: IdentityIssue[] = [];
  const warnings: string[] = [];

  // Each part on its own; the cross-checks (number vs birth year and gender) come after.
  const idNumber = parts.idNumber.replace(/\s+/g, '');
  if (idNumber === '') errors.push(issue('idNumber', 'QR_REQUIRED', q.required(fieldName.idNumber!)));
  else {
    const id = validatePersonalId(idNumber, { allowCmnd: false, now });
    if (!id.ok) errors.push(issue('idNumber', id.code, id.message));
  }

  let oldIdNumber: string | null = null;
  if (parts.oldIdNumber !== null) {
    const compact = parts.oldIdNumber.replace(/\s+/g, '');
    if (compact !== '') {
      if (/^(\d{9}|\d{12})$/.test(compact)) oldIdNumber = compact;
      else errors.push(issue('oldIdNumber', 'QR_OLD_ID', q.oldIdNumber));
    }
  }

  const fullName = parts.fullName;
  if (fullName === '') errors.push(issue('fullName', 'QR_REQUIRED', q.required(fieldName.fullName!)));
  else if (fullName.length > NAME_MAX) errors.push(issue('fullName', 'QR_TOO_LONG_FIELD', q.tooLongField(fieldName.fullName!, NAME_MAX)));
  else if (!NAME_PATTERN.test(fullName)) errors.push(issue('fullName', 'QR_NAME_CHARS', q.nameChars));

  const readDate = (field: 'birthDate' | 'issueDate', value: string): CardDate | null => {
    const label = fieldName[field]!;
    if (value.length > 20) {
      errors.push(issue(field, 'QR_DATE_FORMAT', q.dateFormat(label)));
      return null;
    }
    const parsed = parseCardDate(value.replace(/\s+/g, ''));
    if (!parsed.ok) {
      errors.push(issue(field, parsed.reason === 'format' ? 'QR_DATE_FORMAT' : 'QR_DATE_INVALID', parsed.reason === 'format' ? q.dateFormat(label) : q.dateInvalid(label)));
      return null;
    }
    if (parsed.date.iso > today) {
      errors.push(issue(field, 'QR_DATE_FUTURE', q.dateFuture(label)));
      return null;
    }
    if (parsed.date.year < Number(today.slice(0, 4)) - MAX_AGE_YEARS) {
      errors.push(issue(field, 'QR_DATE_TOO_OLD', q.dateTooOld(label)));
      return null;
    }
    return parsed.date;
  };

  let birth: CardDate | null = null;
  if (parts.birthDate === '') errors.push(issue('birthDate', 'QR_REQUIRED', q.required(fieldName.birthDate!)));
  else birth = readDate('birthDate', parts.birthDate);

  let gender: Gender | null = null;
  if (parts.gender === '') errors.push(issue('gender', 'QR_REQUIRED', q.required(fieldName.gender!)));
  else {
    gender = GENDER_WORDS[parts.gender.toLowerCase()] ?? null;
    if (!gender) errors.push(issue('gender', 'QR_GENDER', q.gender));
  }

  const address = parts.address;
  if (address === '') errors.push(issue('address', 'QR_REQUIRED', q.required(fieldName.address!)));
  else if (address.length > ADDRESS_MAX) errors.push(issue('address', 'QR_TOO_LONG_FIELD', q.tooLongField(fieldName.address!, ADDRESS_MAX)));
  else if (!ADDRESS_PATTERN.test(address)) errors.push(issue('address', 'QR_ADDRESS_CHARS', q.addressChars));

  let issue_: CardDate | null = null;
  if (parts.issueDate === null || parts.issueDate === '') warnings.push(q.warnNoIssueDate);
  else {
    issue_ = readDate('issueDate', parts.issueDate);
    if (issue_ && birth && issue_.iso < birth.iso) {
      errors.push(issue('issueDate', 'QR_ISSUE_BEFORE_BIRTH', q.issueBeforeBirth));
      issue_ = null;
    }
  }
  if (parts.extra > 0) warnings.push(q.warnExtraFields(parts.extra));

  // The number's digits 4–6 against the birth year and gender read from the card.
  if (!errors.some((e) => e.field === 'idNumber') && (birth || gender)) {
    const id = validatePersonalId(idNumber, {
      allowCmnd: false,
      now,
      ...(birth ? { birth: birth.year } : {}),
      ...(gender ? { gender } : {}),
    });
    if (!id.ok) errors.push(issue('idNumber', id.code, id.message));
  }

  if (errors.length > 0) return failure(errors);

  const id = validatePersonalId(idNumber, { allowCmnd: false, now });
  if (!id.ok || id.kind !== 'cccd') return failure([issue('idNumber', 'QR_UNUSABLE', q.unusable)]);
  const record = idCardRecordSchema.safeParse({
    idNumber,
    oldIdNumber,
    fullName,
    birthDate: birth!.iso,
    gender,
    address,
    issueDate: issue_?.iso ?? null,
    province: id.province,
  });
  if (!record.success) return failure([issue('text', 'QR_UNUSABLE', q.unusable)]);
  return { ok: true, record: record.data, warnings };
}
