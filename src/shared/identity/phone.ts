import { identityText } from '../i18n/vi-identity';

// Vietnamese phone numbers as stored: 0 followed by the national number, digits only.
// Mobile: 10 digits, prefixes 03, 05, 07, 08, 09 (since the 2018 renumbering).
// Landline: 11 digits, 02 + area code (2–3 digits) + subscriber number (since 2017).

export type PhoneResult =
  | { ok: true; phone: string; kind: 'mobile' | 'landline' }
  | { ok: false; code: PhoneErrorCode; message: string };

export type PhoneErrorCode =
  | 'PHONE_EMPTY'
  | 'PHONE_CHARS'
  | 'PHONE_SEVERAL'
  | 'PHONE_FOREIGN'
  | 'PHONE_LENGTH'
  | 'PHONE_PREFIX'
  | 'PHONE_OLD_MOBILE';

// The 2018 move of 11-digit mobile numbers to 10 digits: old 01xx prefix → new 0xx prefix.
const OLD_MOBILE_PREFIXES: Record<string, string> = {
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  '0186': '056', '0188': '058', '0199': '059',
};

function fail(code: PhoneErrorCode, message: string): PhoneResult {
  return { ok: false, code, message };
}

/**
 * Normalises a phone as people write it — "+84 912 345 678", "(024) 3825.1234", "84-912-345-678",
 * "0912345678", or without the leading 0 as spreadsheets drop it — to 0XXXXXXXXX. Anything else
 * is refused with a message saying what is wrong.
 */
export function normalizePhone(raw: string): PhoneResult {
  const t = identityText.phone;
  const text = String(raw ?? '').normalize('NFKC').trim();
  if (text === '') return fail('PHONE_EMPTY', t.empty);
  if (/[,;/]|\s(hoặc|hoac|or)\s/i.test(text)) return fail('PHONE_SEVERAL', t.several);
  if (!/^\+?[\d\s.()-]+$/.test(text)) return fail('PHONE_CHARS', t.chars);
  if (text.indexOf('+') > 0) return fail('PHONE_CHARS', t.chars);

  // "(0)" after the country code: +84 (0)912… — drop it before reading digits.
  let digits = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  const international = text.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (international) {
    if (!digits.startsWith('84')) return fail('PHONE_FOREIGN', t.foreign);
    digits = `0${digits.slice(2).replace(/^0/, '')}`;
  } else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) {
    // 84 9xx xxx xxx (mobile, 11 digits) or 84 2xx xxxx xxxx (landline, 12 digits) without "+".
    digits = `0${digits.slice(2)}`;
  } else if (!digits.startsWith('0')) {
    // A spreadsheet ate the leading zero: 912345678 or 2438251234.
    if ((digits.length === 9 && /^[35789]/.test(digits)) || (digits.length === 10 && digits.startsWith('2'))) {
      digits = `0${digits}`;
    }
  }

  if (digits.length === 11 && digits.startsWith('01')) {
    const next = OLD_MOBILE_PREFIXES[digits.slice(0, 4)];
    return fail('PHONE_OLD_MOBILE', next ? t.oldMobile(`${next}${digits.slice(4)}`) : t.oldMobileUnknown);
  }
  if (!digits.startsWith('0') || digits.length < 2) return fail('PHONE_PREFIX', t.prefix(digits.slice(0, 2)));
  const second = digits[1]!;
  if ('35789'.includes(second)) {
    if (digits.length !== 10) return fail('PHONE_LENGTH', t.length(digits.length));
    return { ok: true, phone: digits, kind: 'mobile' };
  }
  if (second === '2') {
    if (digits.length !== 11) return fail('PHONE_LENGTH', t.length(digits.length));
    return { ok: true, phone: digits, kind: 'landline' };
  }
  return fail('PHONE_PREFIX', t.prefix(digits.slice(0, 2)));
}
