import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { weekdayOf } from '../../../src/shared/calendar/dates';
import { DEFAULT_HOLIDAY_RULES, lawHolidays, ruleHolidays } from '../../../src/shared/calendar/holidays';
import { OFFICIAL_DAYS, OFFICIAL_YEARS } from '../../../src/shared/calendar/official-breaks';
import { createWorkCalendar } from '../../../src/shared/calendar/work-calendar';

const dates = (days: { date: string }[]) => days.map((d) => d.date);
const official = createWorkCalendar(OFFICIAL_DAYS.map((d) => ({ ...d, origin: 'seed' as const })));

describe('Labour Code holidays by rule (Art. 112)', () => {
  it('lists the fixed holidays, the default Tết and Giỗ Tổ for a year', () => {
    expect(dates(lawHolidays(2027))).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', // last day of Bính Ngọ + mùng 1–4
      '2027-04-16', // 10/3 lunar
      '2027-04-30', '2027-05-01',
      '2027-09-01', '2027-09-02',
      '2027-11-24',
    ]);
  });

  it('adds 24 Nov only from 2026', () => {
    expect(dates(lawHolidays(2025))).not.toContain('2025-11-24');
    expect(dates(lawHolidays(2026))).toContain('2026-11-24');
  });

  it('gives nghỉ bù on the next working day for a holiday on a weekend: 1 May 2027 is a Saturday', () => {
    expect(weekdayOf('2027-05-01')).toBe(6);
    const days = ruleHolidays(2027);
    expect(days.find((d) => d.date === '2027-05-03')).toMatchObject({ source: 'nghi-bu', group: 'labour' });
    // Default Tết 2027 has mùng 2–3 on Sat/Sun: two nghỉ bù after the break.
    expect(days.filter((d) => d.group === 'tet' && d.source === 'nghi-bu').map((d) => d.date)).toEqual(['2027-02-10', '2027-02-11']);
  });

  it('skips other holidays when placing nghỉ bù: 1 and 2 Sep 2029 on Sat/Sun give Mon 3 and Tue 4', () => {
    expect(ruleHolidays(2029).filter((d) => d.group === 'national-day').map((d) => [d.date, d.source])).toEqual([
      ['2029-09-01', 'rule'],
      ['2029-09-02', 'rule'],
      ['2029-09-03', 'nghi-bu'],
      ['2029-09-04', 'nghi-bu'],
    ]);
  });

  it('makes nghỉ bù for 24 Nov configurable (default on, unsure): 24 Nov 2029 is a Saturday', () => {
    expect(DEFAULT_HOLIDAY_RULES.cultureDayNghiBu).toBe(true);
    expect(dates(ruleHolidays(2029))).toContain('2029-11-26');
    expect(dates(ruleHolidays(2029, { ...DEFAULT_HOLIDAY_RULES, cultureDayNghiBu: false }))).not.toContain('2029-11-26');
  });

  it('lets the second Quốc khánh day be 3 Sep instead of 1 Sep', () => {
    const after = lawHolidays(2027, { ...DEFAULT_HOLIDAY_RULES, nationalDaySecondDay: 'after' });
    expect(dates(after)).toContain('2027-09-03');
    expect(dates(after)).not.toContain('2027-09-01');
  });

  it('refuses years it cannot compute', () => {
    expect(() => lawHolidays(1800)).toThrow(AppError);
    expect(() => official.holidays(2300)).toThrow(/1900–2199/);
  });
});

describe('the official table over the rule', () => {
  it('seeds 2024–2026 with off days and swapped working Saturdays', () => {
    expect(OFFICIAL_YEARS).toEqual([2024, 2025, 2026]);
    expect(OFFICIAL_DAYS.filter((d) => d.kind === 'work').map((d) => d.date)).toEqual(['2024-05-04', '2025-04-26']);
  });

  it('counts a swapped Saturday as a working day and its swapped weekday as off', () => {
    expect(official.isWorkingDay('2024-05-04')).toBe(true); // Sat, worked for Mon 29 Apr
    expect(official.isWorkingDay('2024-04-29')).toBe(false);
    expect(official.isWorkingDay('2025-04-26')).toBe(true); // Sat, worked for Fri 2 May
    expect(official.isWorkingDay('2025-05-02')).toBe(false);
    expect(official.isWorkingDay('2024-05-11')).toBe(false); // an ordinary Saturday
  });

  it('uses the table’s Tết instead of the default rule (no stray nghỉ bù)', () => {
    // Rule alone for 2024: 9–13 Feb, Sat/Sun in it → nghỉ bù 14 and 15 Feb.
    const ruleOnly = createWorkCalendar([]);
    expect(ruleOnly.isWorkingDay('2024-02-15')).toBe(false);
    // Official: Thu 8 – Wed 14 Feb, back at work Thu 15.
    expect(official.isWorkingDay('2024-02-08')).toBe(false);
    expect(official.isWorkingDay('2024-02-14')).toBe(false);
    expect(official.isWorkingDay('2024-02-15')).toBe(true);
    // 2025 rule would add nghỉ bù Mon 3 Feb; the official break ends Sun 2 Feb.
    expect(ruleOnly.isWorkingDay('2025-02-03')).toBe(false);
    expect(official.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('keeps the rule for what the table does not list: 1 Jan, Giỗ Tổ, 30/4 and 1/5 2026', () => {
    for (const d of ['2024-01-01', '2024-04-18', '2025-04-07', '2026-01-01', '2026-04-30', '2026-05-01', '2026-09-02']) {
      expect(official.isWorkingDay(d), d).toBe(false);
    }
  });

  it('merges rule, nghỉ bù and table for 2026 with the source of each day', () => {
    const days = official.holidays(2026);
    const by = (date: string) => days.find((d) => d.date === date);
    expect(by('2026-01-01')).toMatchObject({ kind: 'off', source: 'rule', origin: null });
    expect(days.filter((d) => d.date >= '2026-02-14' && d.date <= '2026-02-22').every((d) => d.source === 'table')).toBe(true);
    expect(days.filter((d) => d.date >= '2026-02-14' && d.date <= '2026-02-22')).toHaveLength(9);
    expect(by('2026-02-13')).toBeUndefined();
    expect(by('2026-02-23')).toBeUndefined();
    expect(by('2026-04-27')).toMatchObject({ kind: 'off', source: 'table', origin: 'seed' });
    expect(by('2026-11-24')).toMatchObject({ kind: 'off', source: 'table' });
    expect(weekdayOf('2026-11-24')).toBe(2); // Tuesday
    expect(dates(days)).toEqual([...dates(days)].sort());
  });

  it('lets a table row cancel a rule day, and a table Quốc khánh replace the default second day', () => {
    const cal = createWorkCalendar([
      { date: '2027-04-30', kind: 'work', name: 'test' },
      { date: '2027-09-02', kind: 'off', name: 'Quốc khánh' },
      { date: '2027-09-03', kind: 'off', name: 'Quốc khánh (ngày liền kề)' },
    ]);
    expect(cal.isWorkingDay('2027-04-30')).toBe(true);
    expect(cal.isWorkingDay('2027-09-01')).toBe(true); // the rule's default 1 Sep yields to the table
    expect(cal.isWorkingDay('2027-09-03')).toBe(false);
    // Without a table Quốc khánh, the default stands.
    expect(createWorkCalendar([]).isWorkingDay('2027-09-01')).toBe(false);
  });

  it('falls back to the rule entirely for a year the table does not have', () => {
    const ruleOnly = createWorkCalendar([]);
    expect(official.holidays(2027)).toEqual(ruleOnly.holidays(2027));
    expect(official.holidays(2027).find((d) => d.date === '2027-05-03')).toMatchObject({ source: 'nghi-bu' });
  });
});
