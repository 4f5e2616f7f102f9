import { scanLimits, scanRetention, type ScanningSettings } from '../api/calls/scanning';
import { scanAdminText } from '../i18n/vi-scan-session';
import { MB, MEGAPIXEL, parseDecimal } from './scan-units';

// The admin page's "Giới hạn và lưu trữ": the scan limits in human units (MB, megapixels) and the
// retention days, as typed, to the API's units (bytes, pixels) — or a Vietnamese message per field.

export type LimitsField = 'maxFileMb' | 'maxPages' | 'maxMegapixels' | 'discardedDays' | 'committedDays' | 'openDays';
export type LimitsFormValues = Record<LimitsField, string>;

interface FieldSpec {
  /** Human units: the API's value is this × scale. */
  min: number;
  max: number;
  whole: boolean;
  scale: number;
}

// The bounds are the API's (scanLimits, scanRetention) in human units.
const SPECS: Record<LimitsField, FieldSpec> = {
  maxFileMb: { min: 1, max: 500, whole: false, scale: MB },
  maxPages: { min: 1, max: 2000, whole: true, scale: 1 },
  maxMegapixels: { min: 1, max: 400, whole: false, scale: MEGAPIXEL },
  discardedDays: { min: 1, max: 3650, whole: true, scale: 1 },
  committedDays: { min: 1, max: 3650, whole: true, scale: 1 },
  openDays: { min: 1, max: 3650, whole: true, scale: 1 },
};

export const LIMITS_FIELDS = Object.keys(SPECS) as LimitsField[];

const shown = (n: number) => String(Math.round(n * 10) / 10).replace('.', ',');

export function toLimitsForm(s: Pick<ScanningSettings, 'limits' | 'retention'>): LimitsFormValues {
  return {
    maxFileMb: shown(s.limits.maxFileBytes / MB),
    maxPages: String(s.limits.maxPages),
    maxMegapixels: shown(s.limits.maxPixels / MEGAPIXEL),
    discardedDays: String(s.retention.discardedDays),
    committedDays: String(s.retention.committedDays),
    openDays: String(s.retention.openDays),
  };
}

export type LimitsFormResult =
  | { ok: true; limits: ScanningSettings['limits']; retention: ScanningSettings['retention'] }
  | { ok: false; errors: Partial<Record<LimitsField, string>> };

export function fromLimitsForm(values: LimitsFormValues): LimitsFormResult {
  const t = scanAdminText.limits;
  const errors: Partial<Record<LimitsField, string>> = {};
  const api = {} as Record<LimitsField, number>;
  for (const field of LIMITS_FIELDS) {
    const spec = SPECS[field];
    const label = t.fields[field];
    const n = parseDecimal(values[field]);
    if (n === null) errors[field] = t.notNumber(label);
    else if (spec.whole && !Number.isInteger(n)) errors[field] = t.notWhole(label);
    else if (n < spec.min || n > spec.max) errors[field] = t.outOfRange(label, shown(spec.min), shown(spec.max));
    else api[field] = Math.round(n * spec.scale);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    limits: scanLimits.parse({ maxFileBytes: api.maxFileMb, maxPages: api.maxPages, maxPixels: api.maxMegapixels }),
    retention: scanRetention.parse({ discardedDays: api.discardedDays, committedDays: api.committedDays, openDays: api.openDays }),
  };
}
