import { z } from 'zod';
import { AppError } from '../api/errors';
import { isoInstant, lineText } from '../api/fields';
import { formsText } from '../i18n/vi-forms';
import type { DossierFormKind } from './form-kinds';

// What a clerk may add when printing a form, beyond the dossier itself. Every field is optional:
// the form engine takes what is absent from the dossier (see docs/forms/README.md) and refuses
// with a message saying what to fill in only when the dossier cannot tell (form 04).

const optionalLine = (max: number) => lineText(max, { required: false }).optional();

export const missingDocument = z.strictObject({
  name: lineText(1000),
  quantity: z.number().int().min(1).max(99).optional(),
  note: optionalLine(500),
});
export type MissingDocument = z.output<typeof missingDocument>;

export const formParamsSchemas = {
  /** processingTime: "3 ngày làm việc" from the catalogue (describeRule); absent, dots are printed to fill by hand. */
  '01': z.strictObject({ processingTime: optionalLine(300) }),
  '02': z.strictObject({ missing: z.array(missingDocument).max(100).optional(), reason: optionalLine(1000) }),
  '03': z.strictObject({ reason: optionalLine(1000) }),
  '04': z.strictObject({ reason: optionalLine(1000), newDueAt: isoInstant.optional() }),
  '05': z.strictObject({ reason: optionalLine(1000) }),
  '06': z.strictObject({}),
} as const satisfies Record<DossierFormKind, z.ZodType>;

/** What a caller passes for each form (before the schema cleans the text). */
export type FormParams = { [K in DossierFormKind]: z.input<(typeof formParamsSchemas)[K]> };

/**
 * Checks a form's parameters as they arrive (an API call, the CLI) and cleans their text.
 * Throws FORM_PARAMS_INVALID naming the form and the fields at fault.
 */
export function parseFormParams<K extends DossierFormKind>(kind: K, input: unknown): FormParams[K] {
  const parsed = formParamsSchemas[kind].safeParse(input ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new AppError('FORM_PARAMS_INVALID', { form: formsText.titles[kind]!, detail });
  }
  return parsed.data as FormParams[K];
}
