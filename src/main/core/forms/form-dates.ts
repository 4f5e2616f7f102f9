import { formsText } from '../../../shared/i18n/vi-forms';
import { VN_OFFSET_MS } from '../../../shared/time/vn-time';

// Dates as administrative documents write them (Nghị định 30/2020, Phụ lục I): a day below 10
// and the months 1 and 2 take a leading zero ("ngày 05 tháng 02", "ngày 23 tháng 3"), so that
// nobody can add a digit by hand. Times are Vietnam's (UTC+7).

const two = (n: number) => String(n).padStart(2, '0');

export interface DateParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  /** dd/mm/yyyy, fully padded: tables and ledgers. */
  numeric: string;
}

export function dateParts(at: Date): DateParts {
  const l = new Date(at.getTime() + VN_OFFSET_MS);
  const month = l.getUTCMonth() + 1;
  return {
    day: two(l.getUTCDate()),
    month: month <= 2 ? two(month) : String(month),
    year: String(l.getUTCFullYear()),
    hour: two(l.getUTCHours()),
    minute: two(l.getUTCMinutes()),
    numeric: `${two(l.getUTCDate())}/${two(month)}/${l.getUTCFullYear()}`,
  };
}

/** "09 giờ 30 phút, ngày 23 tháng 11 năm 2026". */
export function momentText(at: Date): string {
  const p = dateParts(at);
  return formsText.moment(p.hour, p.minute, p.day, p.month, p.year);
}

/** "23/11/2026 09:30". */
export function numericDateTime(at: Date): string {
  const p = dateParts(at);
  return `${p.numeric} ${p.hour}:${p.minute}`;
}

/** A Vietnamese calendar day 'YYYY-MM-DD' as dd/mm/yyyy; `offsetDays` moves it (an exclusive end → its last day). */
export function dayKeyNumeric(key: string, offsetDays = 0): string {
  const d = new Date(Date.parse(`${key}T00:00:00.000Z`) + offsetDays * 86_400_000);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
