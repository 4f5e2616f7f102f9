import { calendarText } from '../i18n/vi-calendar';
import { addDays, type DateKey } from './dates';

// The official table's seed: what the government decided for public servants (công chức, viên
// chức) in 2024–2026, from ../shared/docs/DOMAIN.md [confirmed]. On first use the calendar
// service copies these rows into the calendar_days table (source 'seed'); from then on admins
// edit that table and sync feeds it. A year's facts are seeded once, so a later app version can
// add 2027 without touching rows an admin has changed.
//
// Precedence (implemented in work-calendar.ts):
//   1. A row for a date wins over everything: 'off' is a day off, 'work' a working day (a
//      swapped Saturday, or a rule holiday the government moved).
//   2. Tết and the second Quốc khánh day are set by the government each year. When the table
//      has any 'off' row in that holiday's season of a year, the table IS that year's break: the
//      rule's default days for it (and the nghỉ bù they would give) are not used.
//   3. Every other date follows the rule (holidays.ts) and the weekend.
// So years absent from the table fall back to the rules entirely, and a year present in it
// uses the table for what it lists — but a table that lists only Tết 2026 does not erase
// 1 January 2026, which the law fixes anyway.

export interface OfficialDay {
  date: DateKey;
  kind: 'off' | 'work';
  name: string;
}

const h = calendarText.holidays;

function offRange(from: DateKey, to: DateKey, name: (date: DateKey) => string): OfficialDay[] {
  const days: OfficialDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, kind: 'off', name: name(d) });
  return days;
}

const named =
  (specific: Record<DateKey, string>, fallback: string) =>
  (date: DateKey): string =>
    specific[date] ?? fallback;

export const OFFICIAL_DAYS: readonly OfficialDay[] = [
  // 2024 — Tết Giáp Thìn: Thu 8 Feb – Wed 14 Feb.
  ...offRange('2024-02-08', '2024-02-14', () => h.tetBreak),
  // 30/4 – 1/5: Sat 27 Apr – Wed 1 May; Mon 29 Apr off, worked on Sat 4 May.
  ...offRange(
    '2024-04-27',
    '2024-05-01',
    named({ '2024-04-29': h.swappedOff('thứ Bảy 04/5/2024'), '2024-04-30': h.reunification, '2024-05-01': h.labour }, h.reunificationBreak),
  ),
  { date: '2024-05-04', kind: 'work', name: h.swappedWork('thứ Hai 29/4/2024') },
  // Quốc khánh: Sat 31 Aug – Tue 3 Sep.
  ...offRange('2024-08-31', '2024-09-03', named({ '2024-09-02': h.nationalDay }, h.nationalDayBreak)),

  // 2025 — Tết Ất Tỵ: Sat 25 Jan – Sun 2 Feb.
  ...offRange('2025-01-25', '2025-02-02', () => h.tetBreak),
  // 30/4 – 1/5: Wed 30 Apr – Sun 4 May; Fri 2 May off, worked on Sat 26 Apr.
  { date: '2025-04-26', kind: 'work', name: h.swappedWork('thứ Sáu 02/5/2025') },
  ...offRange(
    '2025-04-30',
    '2025-05-04',
    named({ '2025-04-30': h.reunification, '2025-05-01': h.labour, '2025-05-02': h.swappedOff('thứ Bảy 26/4/2025') }, h.reunificationBreak),
  ),
  // Quốc khánh: Sat 30 Aug – Tue 2 Sep (Mon 1 Sep the second day).
  ...offRange(
    '2025-08-30',
    '2025-09-02',
    named({ '2025-09-01': h.nationalDaySecond, '2025-09-02': h.nationalDay }, h.nationalDayBreak),
  ),

  // 2026 — Tết Bính Ngọ: Sat 14 Feb – Sun 22 Feb.
  ...offRange('2026-02-14', '2026-02-22', () => h.tetBreak),
  // Giỗ Tổ (10/3 lunar) is Sunday 26 Apr, so Monday 27 Apr is off. No swap around 30 Apr is
  // known [unsure]: 30 Apr (Thu) and 1 May (Fri) come from the rule.
  { date: '2026-04-26', kind: 'off', name: h.hungKings },
  { date: '2026-04-27', kind: 'off', name: h.nghiBu(h.hungKings) },
  // Ngày Văn hóa Việt Nam, first year: Tuesday 24 Nov.
  { date: '2026-11-24', kind: 'off', name: h.culture },
];

/** Years the seed has facts for. */
export const OFFICIAL_YEARS: readonly number[] = [...new Set(OFFICIAL_DAYS.map((d) => Number(d.date.slice(0, 4))))].sort();
