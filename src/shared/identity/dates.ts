import { vnDateKey } from '../time/vn-time';

export type CardDate = { iso: string; year: number; month: number; day: number };

/**
 * A date as the ID card's QR writes it: ddMMyyyy. Tolerates separators that people type
 * (05/09/1990, 05-09-1990, 05.09.1990). 'format': not 8 digits; 'invalid': no such calendar day.
 */
export function parseCardDate(text: string): { ok: true; date: CardDate } | { ok: false; reason: 'format' | 'invalid' } {
  const m = /^(\d{2})[/.-]?(\d{2})[/.-]?(\d{4})$/.exec(text);
  if (!m) return { ok: false, reason: 'format' };
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const t = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) {
    return { ok: false, reason: 'invalid' };
  }
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return { ok: true, date: { iso, year, month, day } };
}

/** Today's date in Vietnam (UTC+7) as YYYY-MM-DD: what "not in the future" compares with. */
export function vnToday(now: Date): string {
  return vnDateKey(now);
}
