import { z } from 'zod';

// The shapes of a parsed ID card, shared by the parser (qr.ts), the API contract and the events.
// The record's schema repeats the parser's character rules so that nothing unclean can cross the
// API boundary even if the parser had a bug (the dispatcher checks every output against it).

/** Latin letters as Vietnamese (and minority-language) names use them: ASCII, Latin-1, Extended-A/B, Extended Additional. */
export const LATIN_LETTER = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF';

/** Words of letters joined by a space, an apostrophe or a hyphen ("H'Hen Niê", "Nguyễn-Trần"). */
export const NAME_PATTERN = new RegExp(`^[${LATIN_LETTER}]+(?:[ '’-]{1,2}[${LATIN_LETTER}]+)*$`, 'u');

/** What an address on the card is made of: letters, digits, spaces and a little punctuation. */
export const ADDRESS_PATTERN = new RegExp(`^(?=.*[${LATIN_LETTER}])[${LATIN_LETTER}0-9 ,./\\-'’()#&:–]+$`, 'u');

export const NAME_MAX = 100;
export const ADDRESS_MAX = 300;

export const genderSchema = z.enum(['Nam', 'Nữ']);
export type Gender = z.infer<typeof genderSchema>;

export const idCardFieldSchema = z.enum([
  'text',
  'idNumber',
  'oldIdNumber',
  'fullName',
  'birthDate',
  'gender',
  'address',
  'issueDate',
]);
export type IdCardField = z.infer<typeof idCardFieldSchema>;

/** One thing wrong with what was scanned: which part, a stable code, and the clerk's message. */
export const identityIssueSchema = z.object({
  field: idCardFieldSchema,
  code: z.string(),
  message: z.string(),
});
export type IdentityIssue = z.infer<typeof identityIssueSchema>;

export const idCardRecordSchema = z.object({
  idNumber: z.string().regex(/^\d{12}$/),
  oldIdNumber: z
    .string()
    .regex(/^(\d{9}|\d{12})$/)
    .nullable(),
  fullName: z.string().max(NAME_MAX).regex(NAME_PATTERN),
  birthDate: z.iso.date(),
  gender: genderSchema,
  address: z.string().max(ADDRESS_MAX).regex(ADDRESS_PATTERN),
  issueDate: z.iso.date().nullable(),
  /** Where the birth was registered, from the number's first 3 digits. */
  province: z.object({ code: z.string().regex(/^\d{3}$/), name: z.string() }),
});
export type IdCardRecord = z.infer<typeof idCardRecordSchema>;

export const qrParseResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), record: idCardRecordSchema, warnings: z.array(z.string()) }),
  z.object({ ok: z.literal(false), errors: z.array(identityIssueSchema).min(1) }),
]);
export type QrParseResult = z.infer<typeof qrParseResultSchema>;
