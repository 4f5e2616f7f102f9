// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact and needs no
// time-zone database — which keeps this file usable in every runtime.
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam for an instant, as YYYY-MM-DD. */
export function vnDateKey(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** [start, end) of the Vietnamese calendar day containing `at`, as UTC instants. */
export function vnDayRange(at: Date): { start: Date; end: Date } {
  const key = vnDateKey(at);
  const start = new Date(Date.parse(`${key}T00:00:00.000Z`) - VN_OFFSET_MS);
  return { start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}

/** HH:MM in Vietnam's time for an instant. */
export function vnClock(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** A local Vietnamese date-time as a form field gives it ('YYYY-MM-DDTHH:MM') → ISO UTC instant. */
export function vnInstantFromLocal(local: string): string {
  return new Date(Date.parse(`${local.slice(0, 16)}:00.000Z`) - VN_OFFSET_MS).toISOString();
}

/** The calendar day after a 'YYYY-MM-DD' date. */
export function nextDateKey(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
