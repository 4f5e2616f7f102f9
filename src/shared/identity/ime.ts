import { identityText } from '../i18n/vi-identity';
import { foldForSearch } from '../text/normalize';
import { hasLetter, layoutParts } from './qr-layout';
import { LATIN_LETTER } from './schemas';

// A keyboard-wedge scanner "types" the QR. When a Vietnamese input method (Unikey, EVKey…) is on,
// it rewrites those keystrokes as if a person were typing Vietnamese:
//   VNI:   a digit after a vowel of the current word becomes a mark (1 sắc, 2 huyền, 3 hỏi, 4 ngã,
//          5 nặng, 6 ^, 7 horn, 8 breve, 9 đ, 0 removes) — so the dates that follow the name and
//          the address lose digits and those words gain accents;
//   Telex: s f r x j after a vowel become tones, w → ư/ơ/ă, aa → â, dd → đ — so "Nam|Số…" turns
//          into "Nám|ố…" (the S of the address became a tone on the gender).
// Each sign below is typical of that rewriting and rare in a clean scan; two points or more and
// we tell the clerk to switch the input method off instead of listing confusing field errors.

export type ImeSign =
  | 'edit-keys'
  | 'stray-marks'
  | 'double-tone'
  | 'odd-syllable'
  | 'accents-in-number'
  | 'digits-missing'
  | 'gender-toned'
  | 'address-initial';

export interface ImeGarbling {
  garbled: boolean;
  mode: 'vni' | 'telex' | 'unknown' | null;
  signs: ImeSign[];
  score: number;
  message: string | null;
}

export interface ImeHints {
  /** Backspaces and unidentified keys seen inside the scanner's burst: an input method at work. */
  editKeys?: number;
}

// Tone marks (one per syllable in Vietnamese) and the other vowel marks, as NFD combining marks.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const LETTER_WORD = new RegExp(`[${LATIN_LETTER}\\p{M}]+`, 'gu');
const ACCENTED = /[\u00C0-\u024F\u1E00-\u1EFF]/u;
const GENDERS = new Set(['nam', 'nữ', 'nu', 'male', 'female']);

function toneCount(word: string): number {
  return (word.normalize('NFD').match(TONE_MARKS) ?? []).length;
}

// Vietnamese syllables: onset consonants, one vowel nucleus from this list, final consonants.
const NUCLEI = new Set(
  (
    'a ă â e ê i y o ô ơ u ư ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uă uê ui uô uơ ưa ưi ươ ưu uy yê ' +
    'iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu'
  ).split(' '),
);
/** The Vietnamese alphabet without tones (no f, j, w, z; no ŏ ĕ ŭ of minority scripts). */
const VIETNAMESE_WORD = /^[a-eg-ik-vxyăâđêôơư]+$/u;
const STOP_FINAL = /^(c|ch|p|t|k)$/;

/**
 * A word carrying Vietnamese marks that no Vietnamese syllable could have: a vowel group that does
 * not exist ("Sỉe", "Hoâ") or a tone a stop final cannot take ("Bỉch"). Input methods make these
 * when they put a scanned letter or digit on a word as a mark. Words with letters outside the
 * Vietnamese alphabet (f j w z, ŏ ĕ ŭ of minority languages) or several vowel groups are skipped.
 */
function isOddSyllable(word: string): boolean {
  if (!ACCENTED.test(word)) return false;
  const lower = word.normalize('NFC').toLowerCase();
  const plain = lower.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  if (!VIETNAMESE_WORD.test(plain)) return false;
  const m = /^([^aăâeêioôơuưy]*)([aăâeêioôơuưy]+)([^aăâeêioôơuưy]*)$/u.exec(plain);
  if (!m) return false;
  const [, onset, nucleus, final] = m as unknown as [string, string, string, string];
  const valid =
    NUCLEI.has(nucleus) ||
    (onset === 'g' && nucleus.startsWith('i') && NUCLEI.has(nucleus.slice(1))) ||
    (onset === 'q' && nucleus.startsWith('u') && NUCLEI.has(nucleus.slice(1))) ||
    // A glide in minority-language names: "Byă".
    (onset !== '' && nucleus.startsWith('y') && NUCLEI.has(nucleus.slice(1)));
  if (!valid) return true;
  const tones = lower.normalize('NFD').match(TONE_MARKS) ?? [];
  return STOP_FINAL.test(final) && tones.length === 1 && tones[0] !== '\u0301' && tones[0] !== '\u0323';
}

function lastWord(s: string): string {
  const words = s.match(LETTER_WORD);
  return words ? words[words.length - 1]! : '';
}

/**
 * Looks for the marks a Vietnamese input method leaves on a scanned ID card QR. Works on the raw
 * scanned text (any number of parts); returns the signs found and, when garbled, the message that
 * tells the clerk to switch the input method to English and scan again.
 */
export function detectImeGarbling(text: string, hints: ImeHints = {}): ImeGarbling {
  const s = String(text ?? '')
    .replace(/\uFEFF/g, '')
    .normalize('NFC');
  const signs = new Map<ImeSign, number>();
  const add = (sign: ImeSign, points: number) => signs.set(sign, Math.max(points, signs.get(sign) ?? 0));

  if ((hints.editKeys ?? 0) > 0) add('edit-keys', 2);
  // Marks that did not compose with their letter (a second tone on a vowel, a mark after a digit).
  if (/\p{M}/u.test(s)) add('stray-marks', 2);
  for (const word of s.match(LETTER_WORD) ?? []) {
    if (toneCount(word) > 1) add('double-tone', 2);
    else if (isOddSyllable(word)) add('odd-syllable', 2);
  }

  const parts = layoutParts(s.split('|').map((p) => p.trim()));
  if (parts) {
    const numeric = [parts.idNumber, parts.oldIdNumber ?? '', parts.birthDate, parts.issueDate ?? ''];
    // A number or date (short, no spaces, mostly digits) with accented letters in it.
    const digitsWithAccents = (f: string) =>
      f.length <= 16 && !/\s/.test(f) && ACCENTED.test(f) && (f.match(/\d/g) ?? []).length * 2 >= f.length;
    if (numeric.some(digitsWithAccents)) add('accents-in-number', 2);

    // A date that lost digits right after a word: the digits became marks on that word (VNI).
    const dates: [string | null, string][] = [
      [parts.birthDate, parts.fullName],
      [parts.issueDate, parts.address],
    ];
    let missing = 0;
    for (const [date, before] of dates) {
      if (date === null || !/^\d{0,7}$/.test(date) || !hasLetter(before.slice(-1))) continue;
      // All digits gone is possible, but an empty part alone is also just an empty part: 1 point.
      missing += date !== '' && ACCENTED.test(lastWord(before)) ? 2 : 1;
    }
    if (missing > 0) add('digits-missing', Math.min(missing, 3));

    // Telex: the first letter of the address became a tone on the gender ("Nam|Số" → "Nám|ố").
    const g = parts.gender.toLowerCase();
    if (!GENDERS.has(g) && (foldForSearch(g) === 'nam' || foldForSearch(g) === 'nu')) add('gender-toned', 2);
    const first = parts.address.charAt(0);
    if (ACCENTED.test(first) && first !== first.toUpperCase()) add('address-initial', 1);
  }

  const score = [...signs.values()].reduce((a, b) => a + b, 0);
  const garbled = score >= 2;
  const found = [...signs.keys()];
  let mode: ImeGarbling['mode'] = null;
  if (garbled) {
    if (found.includes('digits-missing') || found.includes('accents-in-number')) mode = 'vni';
    else if (found.includes('gender-toned') || found.includes('address-initial')) mode = 'telex';
    else mode = 'unknown';
  }
  return { garbled, mode, signs: found, score, message: garbled ? identityText.ime.garbled : null };
}
