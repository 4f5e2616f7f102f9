// Vietnamese text arrives from keyboards, input methods and scanners in both composed and
// decomposed Unicode; everything stored is NFC so that comparison, search and PDF output agree.

// C0/C1 control characters other than tab/newline never belong in a form field.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function toNfc(s: string): string {
  return s.normalize('NFC');
}

/** NFC, trimmed, inner runs of white space folded to one space: for names and one-line fields. */
export function cleanLine(s: string): string {
  return toNfc(s).replace(/\s+/g, ' ').trim();
}

export function hasControlChars(s: string): boolean {
  return CONTROL.test(s);
}

/** Lower case without diacritics, đ→d: the key search compares on ("chung thuc" finds "Chứng thực"). */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
