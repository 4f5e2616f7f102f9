import { z } from 'zod';
import { vi } from '../i18n/vi';
import { cleanLine, hasControlChars } from '../text/normalize';

/**
 * A one-line text field as a clerk types it: NFC, white space folded, no control characters,
 * bounded. Messages are Vietnamese so that a validation error can be shown as it is.
 */
export function lineText(max: number, opts: { required?: boolean } = {}) {
  const base = z
    .string({ error: vi.validation.invalid })
    .refine((s) => !hasControlChars(s), { message: vi.validation.controlChars })
    .transform(cleanLine)
    .refine((s) => s.length <= max, { message: vi.validation.tooLong(max) });
  return opts.required === false
    ? base
    : base.refine((s) => s.length > 0, { message: vi.validation.required });
}

/** Instants cross the boundary as ISO 8601 UTC strings. */
export const isoInstant = z.iso.datetime({ offset: false });
