// The scan limits are stored in the API's units (bytes, pixels) and shown to admins in the units
// the error messages use: megabytes and megapixels of 1,000,000, written the Vietnamese way.

export const MB = 1_000_000;
export const MEGAPIXEL = 1_000_000;

/** "5,2": megabytes with one decimal and a decimal comma. */
export function megabytesText(bytes: number): string {
  return (bytes / MB).toFixed(1).replace('.', ',');
}

/**
 * A number the admin typed ("12,5", "12.5", "300") or null when it is not one. "1.000" is refused:
 * in Vietnamese the dot groups thousands, so it may mean one thousand as well as one.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{1,3}\.\d{3}$/.test(trimmed)) return null;
  const t = trimmed.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
