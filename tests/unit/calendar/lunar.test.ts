import { describe, expect, it } from 'vitest';
import { addDays, dateKey, parseDateKey } from '../../../src/shared/calendar/dates';
import { leapMonthOf, lunarMonthLength, lunarNewYear, lunarToSolar, solarToLunar } from '../../../src/shared/calendar/lunar';

const key = (d: { year: number; month: number; day: number } | null) => (d ? dateKey(d.year, d.month, d.day) : null);

describe('lunar calendar for UTC+7 (astronomical method)', () => {
  it('puts Tết where Vietnam has it, in the years Chinese (UTC+8) tables differ', () => {
    expect(key(lunarNewYear(1985))).toBe('1985-01-21'); // China: 20 Feb 1985
    expect(key(lunarNewYear(2007))).toBe('2007-02-17'); // China: 18 Feb 2007
    expect(key(lunarNewYear(2030))).toBe('2030-02-02'); // China: 3 Feb 2030
    expect(solarToLunar(2007, 2, 17)).toEqual({ day: 1, month: 1, year: 2007, leap: false });
    expect(solarToLunar(2030, 2, 2)).toEqual({ day: 1, month: 1, year: 2030, leap: false });
    expect(solarToLunar(1985, 1, 21)).toEqual({ day: 1, month: 1, year: 1985, leap: false });
  });

  it('gets recent and coming Tết right', () => {
    expect(key(lunarNewYear(2024))).toBe('2024-02-10');
    expect(key(lunarNewYear(2025))).toBe('2025-01-29');
    expect(key(lunarNewYear(2026))).toBe('2026-02-17');
  });

  it('matches the published Tết dates 1990–2030', () => {
    const tet: Record<number, string> = {
      1990: '01-27', 1991: '02-15', 1992: '02-04', 1993: '01-23', 1994: '02-10', 1995: '01-31', 1996: '02-19',
      1997: '02-07', 1998: '01-28', 1999: '02-16', 2000: '02-05', 2001: '01-24', 2002: '02-12', 2003: '02-01',
      2004: '01-22', 2005: '02-09', 2006: '01-29', 2007: '02-17', 2008: '02-07', 2009: '01-26', 2010: '02-14',
      2011: '02-03', 2012: '01-23', 2013: '02-10', 2014: '01-31', 2015: '02-19', 2016: '02-08', 2017: '01-28',
      2018: '02-16', 2019: '02-05', 2020: '01-25', 2021: '02-12', 2022: '02-01', 2023: '01-22', 2024: '02-10',
      2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-02',
    };
    for (const [year, md] of Object.entries(tet)) expect(key(lunarNewYear(Number(year))), year).toBe(`${year}-${md}`);
  });

  it('finds Giỗ Tổ (10/3) 2026 on Sunday 26 April', () => {
    expect(key(lunarToSolar(10, 3, 2026))).toBe('2026-04-26');
    expect(new Date('2026-04-26T00:00:00Z').getUTCDay()).toBe(0);
    expect(solarToLunar(2026, 4, 26)).toEqual({ day: 10, month: 3, year: 2026, leap: false });
    expect(key(lunarToSolar(10, 3, 2024))).toBe('2024-04-18');
    expect(key(lunarToSolar(10, 3, 2025))).toBe('2025-04-07');
  });

  it('handles leap months: 2023 leap 2nd month, 2025 leap 6th month', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(key(lunarToSolar(1, 2, 2023))).toBe('2023-02-20');
    expect(key(lunarToSolar(1, 2, 2023, true))).toBe('2023-03-22');
    expect(solarToLunar(2023, 3, 22)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(key(lunarToSolar(1, 3, 2023))).toBe('2023-04-20');

    expect(leapMonthOf(2025)).toBe(6);
    expect(key(lunarToSolar(1, 6, 2025, true))).toBe('2025-07-25');
    expect(solarToLunar(2025, 7, 25)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(solarToLunar(2025, 7, 24)).toMatchObject({ month: 6, leap: false });

    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
    expect([2012, 2014, 2017, 2020, 2028, 2033].map(leapMonthOf)).toEqual([4, 9, 6, 4, 5, 11]);
  });

  it('refuses lunar dates that do not exist', () => {
    expect(lunarToSolar(1, 3, 2023, true)).toBeNull(); // 2023's leap month is the 2nd
    expect(lunarToSolar(1, 13, 2023)).toBeNull();
    expect(lunarToSolar(0, 1, 2023)).toBeNull();
    // Find a 29-day month and ask for its 30th day.
    const short = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((m) => lunarMonthLength(m, 2026) === 29)!;
    expect(lunarToSolar(30, short, 2026)).toBeNull();
  });

  it('round-trips every day 1900–2100, with months of 29 or 30 days and years of 12 or 13 months', () => {
    let d = '1900-02-01';
    let previous = solarToLunar(1900, 1, 31);
    const monthsInYear = new Map<number, number>();
    while (d <= '2100-12-31') {
      const { year, month, day } = parseDateKey(d);
      const l = solarToLunar(year, month, day);
      expect(key(lunarToSolar(l.day, l.month, l.year, l.leap))).toBe(d);
      if (l.day === 1) {
        expect([29, 30]).toContain(previous.day);
        monthsInYear.set(l.year, (monthsInYear.get(l.year) ?? 0) + 1);
      } else {
        expect(l.day).toBe(previous.day + 1);
      }
      previous = l;
      d = addDays(d, 1);
    }
    for (let y = 1901; y <= 2099; y++) {
      expect(monthsInYear.get(y), String(y)).toBe(leapMonthOf(y) === null ? 12 : 13);
    }
  });
});
