import { describe, expect, it } from 'vitest';
import { parseIdCardQr, QR_MAX_CHARS } from '../../../src/shared/identity/qr';
import { qrParseResultSchema } from '../../../src/shared/identity/schemas';
import { CARD, NOW, VIETNAMESE } from './fixtures';
import { simulateIme } from './ime-sim';

// Each malformed input must give: no record, at least one error, every message Vietnamese and
// telling the clerk what to do, no crash, and nothing of the junk echoed back.

const [ID, OLD, NAME, BIRTH, GENDER, ADDRESS, ISSUE] = CARD.qr.split('|') as [string, string, string, string, string, string, string];
type Parts = { id?: string; old?: string; name?: string; birth?: string; gender?: string; address?: string; issue?: string };
const qr = (p: Parts = {}) =>
  [p.id ?? ID, p.old ?? OLD, p.name ?? NAME, p.birth ?? BIRTH, p.gender ?? GENDER, p.address ?? ADDRESS, p.issue ?? ISSUE].join('|');

// What must never come back out: markup, SQL, control, bidi and replacement characters, emoji.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const JUNK = /[<>`{}$=]|DROP|script|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFD\uD800-\uDFFF]/i;

const cases: [what: string, input: unknown, code: string][] = [
  // Nothing, or not text
  ['empty text', '', 'QR_EMPTY'],
  ['only white space and line breaks', '  \r\n\t \n', 'QR_EMPTY'],
  ['a number instead of text', 1234, 'QR_NOT_TEXT'],
  ['null', null, 'QR_NOT_TEXT'],
  ['undefined', undefined, 'QR_NOT_TEXT'],
  ['an object', { text: CARD.qr }, 'QR_NOT_TEXT'],
  // Size
  ['a 10 kB line of letters', 'x'.repeat(10_000), 'QR_TOO_LONG'],
  ['a 10 kB line of separators', '|'.repeat(10_240), 'QR_TOO_LONG'],
  ['the QR scanned 60 times in one line', CARD.qr.repeat(60), 'QR_TOO_LONG'],
  ['one character over the limit', `${CARD.qr}|${'a'.repeat(QR_MAX_CHARS)}`.slice(0, QR_MAX_CHARS + 1), 'QR_TOO_LONG'],
  ['a 5000-character name', qr({ name: 'A'.repeat(5000) }), 'QR_TOO_LONG'],
  ['a 101-character name', qr({ name: `Nguyễn ${'A'.repeat(94)}` }), 'QR_TOO_LONG_FIELD'],
  ['a 301-character address', qr({ address: `Số 1 ${'Phố Huế '.repeat(40)}` }), 'QR_TOO_LONG_FIELD'],
  // Structure
  ['one separator', '|', 'QR_ONLY_SEPARATORS'],
  ['only the 6 separators', '||||||', 'QR_ONLY_SEPARATORS'],
  ['many separators', '|'.repeat(40), 'QR_ONLY_SEPARATORS'],
  ['separators and spaces', ' | |\t| | | | ', 'QR_ONLY_SEPARATORS'],
  ['plain words', 'xin chào', 'QR_NO_SEPARATOR'],
  ['only the ID number', ID, 'QR_NO_SEPARATOR'],
  ['a web address (another QR)', 'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.06.H56-231027-0361', 'QR_NO_SEPARATOR'],
  ['a dossier-code barcode', '000.00.06.H56-231027-0361', 'QR_NO_SEPARATOR'],
  ['JSON', '{"idNumber":"001099012345","name":"x"}', 'QR_NO_SEPARATOR'],
  ['a script tag', '<script>alert(document.cookie)</script>', 'QR_NO_SEPARATOR'],
  ['two parts', `${ID}|${NAME}`, 'QR_FIELD_COUNT'],
  ['five parts', [ID, OLD, NAME, BIRTH, GENDER].join('|'), 'QR_FIELD_COUNT'],
  ['two cards in two lines', `${CARD.qr}\r\n${CARD.qr}`, 'QR_MULTIPLE_LINES'],
  ['a line break inside the address', qr({ address: 'Số 12, Ngõ 34\nHà Nội' }), 'QR_MULTIPLE_LINES'],
  // Characters that never belong in a scan
  ['a NUL byte in the name', qr({ name: 'Nguyễn\u0000Văn An' }), 'QR_CONTROL'],
  ['only NUL bytes', '\u0000\u0000\u0000', 'QR_CONTROL'],
  ['a bell character', qr({ address: 'Hà Nội\u0007' }), 'QR_CONTROL'],
  ['an ANSI escape sequence', qr({ name: '\u001b[31mNguyễn Văn An\u001b[0m' }), 'QR_CONTROL'],
  ['a DEL character', qr({ id: '001099012345\u007f' }), 'QR_CONTROL'],
  ['a C1 control character', qr({ address: 'Hà\u009bNội' }), 'QR_CONTROL'],
  ['a soft hyphen', qr({ name: 'Nguy\u00ADễn Văn An' }), 'QR_CONTROL'],
  ['a right-to-left override in the name', qr({ name: 'Nguyễn \u202EnA năV' }), 'QR_BIDI'],
  ['a right-to-left isolate', qr({ address: '\u2067Hà Nội\u2069' }), 'QR_BIDI'],
  ['a right-to-left mark', qr({ id: `\u200F${ID}` }), 'QR_BIDI'],
  ['a replacement character (bad UTF-8)', qr({ name: 'Nguy\uFFFDn Văn An' }), 'QR_ENCODING'],
  ['a lone surrogate', qr({ name: 'Nguyễn \uD800Văn An' }), 'QR_ENCODING'],
  // Script-, SQL- and formula-like text in the parts
  ['a script tag as the name', qr({ name: '<script>alert(1)</script>' }), 'QR_NAME_CHARS'],
  ['an img onerror as the address', qr({ address: '<img src=x onerror=alert(1)>' }), 'QR_ADDRESS_CHARS'],
  ['SQL in the name', qr({ name: "Robert'); DROP TABLE applicants;--" }), 'QR_NAME_CHARS'],
  ['SQL in the address', qr({ address: "Hà Nội'; DROP TABLE dossiers; --" }), 'QR_ADDRESS_CHARS'],
  ['SQL in the number', qr({ id: "001099012345' OR '1'='1" }), 'ID_NOT_DIGITS'],
  ['SQL in the old number', qr({ old: '" OR 1=1 --' }), 'QR_OLD_ID'],
  ['a template expression as the name', qr({ name: '{{7*7}}' }), 'QR_NAME_CHARS'],
  ['a shell substitution in the address', qr({ address: 'Số $(rm -rf /) Hà Nội' }), 'QR_ADDRESS_CHARS'],
  ['a spreadsheet formula as the address', qr({ address: '=HYPERLINK("http://x.y","Hà Nội")' }), 'QR_ADDRESS_CHARS'],
  ['a spreadsheet formula as the name', qr({ name: '+cmd|calc' }), 'QR_NAME_CHARS'],
  ['an HTML entity in the name', qr({ name: 'Nguy&#7877;n V&#259;n An' }), 'QR_NAME_CHARS'],
  // The name
  ['digits in the name', qr({ name: 'Nguyễn Văn 4n' }), 'QR_NAME_CHARS'],
  ['an emoji in the name', qr({ name: 'Nguyễn Văn An 😀' }), 'QR_NAME_CHARS'],
  ['Chinese characters as the name', qr({ name: '阮文安' }), 'QR_NAME_CHARS'],
  ['a Cyrillic look-alike letter', qr({ name: 'Nguy\u0435n Văn An' }), 'QR_NAME_CHARS'],
  ['UTF-8 read as Latin-1 (mojibake)', qr({ name: 'Nguyá»…n VÄƒn An' }), 'QR_NAME_CHARS'],
  ['an empty name', qr({ name: '' }), 'QR_REQUIRED'],
  // The number
  ['an empty number', qr({ id: '' }), 'QR_REQUIRED'],
  ['an 11-digit number', qr({ id: '00109901234' }), 'ID_LENGTH'],
  ['a 13-digit number', qr({ id: '0010990123456' }), 'ID_LENGTH'],
  ['a 9-digit CMND in the number part', qr({ id: '272512345' }), 'ID_CMND_NOT_ALLOWED'],
  ['letter O for zero in the number', qr({ id: 'OO1O99012345' }), 'ID_NOT_DIGITS'],
  ['an unknown province code', qr({ id: '003099012345' }), 'ID_PROVINCE'],
  ['province code 000', qr({ id: '000099012345' }), 'ID_PROVINCE'],
  ['a number for a woman on a man\'s card', qr({ id: '001199012345' }), 'ID_GENDER_MISMATCH'],
  ['a number for another birth year', qr({ id: '001098012345' }), 'ID_YEAR_MISMATCH'],
  ['a number for another century', qr({ id: '001205012345', birth: '15081905' }), 'ID_YEAR_MISMATCH'],
  ['a number for a birth year still to come', qr({ id: '001499012345' }), 'ID_FUTURE_YEAR'],
  // The old number
  ['a 5-digit old number', qr({ old: '12345' }), 'QR_OLD_ID'],
  ['letters in the old number', qr({ old: 'CMND123456' }), 'QR_OLD_ID'],
  // Dates
  ['31 February', qr({ birth: '31021999' }), 'QR_DATE_INVALID'],
  ['29 February in a common year', qr({ birth: '29021999' }), 'QR_DATE_INVALID'],
  ['day and month zero', qr({ birth: '00001999' }), 'QR_DATE_INVALID'],
  ['month 13', qr({ birth: '15131999' }), 'QR_DATE_INVALID'],
  ['a 7-digit date', qr({ birth: '1508199' }), 'QR_DATE_FORMAT'],
  ['an ISO date', qr({ birth: '1999-08-15' }), 'QR_DATE_FORMAT'],
  ['letters as the date', qr({ birth: 'abcdefgh' }), 'QR_DATE_FORMAT'],
  ['an empty birth date', qr({ birth: '' }), 'QR_REQUIRED'],
  ['a birth date in the future', qr({ id: '001230012345', birth: '15082030' }), 'QR_DATE_FUTURE'],
  ['a birth date 140 years ago', qr({ id: '001886012345', birth: '15081886' }), 'QR_DATE_TOO_OLD'],
  ['an issue date before the birth date', qr({ issue: '20041998' }), 'QR_ISSUE_BEFORE_BIRTH'],
  ['an issue date in the future', qr({ issue: '01012027' }), 'QR_DATE_FUTURE'],
  ['30 April 31', qr({ issue: '31042021' }), 'QR_DATE_INVALID'],
  // Gender
  ['gender X', qr({ gender: 'X' }), 'QR_GENDER'],
  ['gender as a digit', qr({ gender: '1' }), 'QR_GENDER'],
  ['gender Khác', qr({ gender: 'Khác' }), 'QR_GENDER'],
  ['an empty gender', qr({ gender: '' }), 'QR_REQUIRED'],
  // Address
  ['an empty address', qr({ address: '' }), 'QR_REQUIRED'],
  ['an address of punctuation only', qr({ address: ',,, ... //' }), 'QR_ADDRESS_CHARS'],
  ['a backtick in the address', qr({ address: 'Số 1 `ls` Hà Nội' }), 'QR_ADDRESS_CHARS'],
  // Everything shuffled, and what an input method does to a scan
  ['parts in the wrong order', [NAME, ID, BIRTH, OLD, ADDRESS, GENDER, ISSUE].join('|'), 'ID_NOT_DIGITS'],
  ['digits only in every part', '1|2|3|4|5|6|7', 'ID_LENGTH'],
  ['a scan rewritten by VNI', simulateIme(CARD.qr, 'vni'), 'IME_GARBLED'],
  ['a scan rewritten by Telex', simulateIme(CARD.qr, 'telex'), 'IME_GARBLED'],
];

describe('ID card QR: malformed input', () => {
  it(`has at least 50 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(50));

  for (const [what, input, code] of cases) {
    it(`${what} → ${code}`, () => {
      let result: ReturnType<typeof parseIdCardQr> | undefined;
      expect(() => (result = parseIdCardQr(input, { now: NOW }))).not.toThrow();
      const r = qrParseResultSchema.parse(result);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r).not.toHaveProperty('record');
      expect(r.errors.map((e) => e.code)).toContain(code);
      for (const e of r.errors) {
        expect(e.message, e.code).toMatch(VIETNAMESE);
        expect(e.message, e.code).toMatch(/Hãy|hãy|không được dùng/);
        expect(e.message.length).toBeLessThan(600);
        expect(e.message, e.code).not.toMatch(JUNK);
      }
    });
  }

  it('never throws and never returns a record that breaks its own rules, on 3,000 random strings', () => {
    // A small deterministic generator: parts drawn from digits, Vietnamese, junk and separators.
    let seed = 20260301;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const atoms = ['0', '1', '9', '001099012345', '15081999', '20042021', 'Nam', 'Nữ', 'Nguyễn', ' ', '|', '||', '\r\n', '\t', '<', "'", ';', '\u0000', '\u202E', '\uFEFF', 'ễ', 'e\u0302\u0303', 'Hà Nội', ',', '-', '😀', 'DROP', '\uD800'];
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + rnd(30);
      let s = '';
      for (let k = 0; k < n; k++) s += atoms[rnd(atoms.length)];
      if (rnd(4) === 0) s = CARD.qr.slice(0, rnd(CARD.qr.length)) + s;
      const r = qrParseResultSchema.parse(parseIdCardQr(s, { now: NOW }));
      if (r.ok) {
        parsed++;
        const { province, ...fields } = r.record;
        for (const v of [...Object.values(fields), province.name]) if (v !== null) expect(v).not.toMatch(JUNK);
      } else {
        for (const e of r.errors) expect(e.message).not.toMatch(JUNK);
      }
    }
    expect(parsed).toBeLessThan(3000);
  });
});
