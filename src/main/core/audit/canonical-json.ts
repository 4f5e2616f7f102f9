/**
 * The one byte-exact text of a JSON value, so that the same audit entry always hashes the same,
 * whoever wrote it and however SQLite stored it: the value as JSON sees it (what
 * `JSON.parse(JSON.stringify(v))` gives back: `undefined` dropped, dates as ISO strings,
 * non-finite numbers as null), every string and key in Unicode NFC, object keys sorted by UTF-16
 * code unit, no white space, numbers as ECMAScript prints them. This is RFC 8785 (JCS) applied
 * to the NFC form of the value.
 */
export function canonicalJson(value: unknown): string {
  return write(toJsonValue(value));
}

/** canonicalJson for a value that is already plain JSON (parsed from text): skips the round trip. */
export function canonicalJsonOfJson(value: unknown): string {
  return write(value);
}

/** The value as it will be stored and read back: JSON's view of it, strings and keys in NFC. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? null : nfc(JSON.parse(text) as unknown);
}

function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so even a "__proto__" key stays data.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  }
  return value;
}

// Most text here is ASCII (ids, actions, codes), which NFC leaves as it is: skip normalize() for it.
const NON_ASCII = /[\u0080-\uffff]/;
const nfcText = (s: string) => (NON_ASCII.test(s) ? s.normalize('NFC') : s);

/** A string as canonical JSON: NFC, quoted and escaped. */
export const canonicalString = (s: string): string => JSON.stringify(nfcText(s));

function write(value: unknown): string {
  if (typeof value === 'string') return canonicalString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const pairs: Array<[string, unknown]> = keys.map((k) => [nfcText(k), obj[k]]);
  // Compares UTF-16 code units, as JCS requires.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let out = '{';
  for (let i = 0; i < pairs.length; i++) {
    const [k, v] = pairs[i]!;
    out += `${i === 0 ? '' : ','}${JSON.stringify(k)}:${write(v)}`;
  }
  return `${out}}`;
}
