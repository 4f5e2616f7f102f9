import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { describeRule, vnLocalIso, vnMomentText } from '../../../src/shared/calendar/format';
import { OFFICIAL_DAYS } from '../../../src/shared/calendar/official-breaks';
import { createWorkCalendar } from '../../../src/shared/calendar/work-calendar';
import {
  addWorkingTime,
  countsFrom,
  dueDate,
  formatRule,
  isWorkingMoment,
  nextWorkingMoment,
  parseRule,
  resumeAfterSupplement,
  workingTimeBetween,
  type DueRule,
  type WorkingHours,
} from '../../../src/shared/calendar/working-time';

const cal = createWorkCalendar(OFFICIAL_DAYS);
/** A Vietnam local time, "2026-02-13 10:00", as an instant. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const local = (d: Date) => vnLocalIso(d).slice(0, 16).replace('T', ' ');
const due = (received: string, rule: string | DueRule, hours?: WorkingHours) =>
  local(dueDate(vn(received), typeof rule === 'string' ? parseRule(rule) : rule, cal, hours));
const sameDay15 = parseRule('same-day 15:00');

describe('working days: due at closing time of the Nth working day after the receiving day', () => {
  it('received Mon 10:00 with 3 working days is due Thu 17:00', () => {
    expect(due('2026-03-02 10:00', '3 working-days')).toBe('2026-03-05 17:00');
    expect(due('2026-03-02 07:00', '3 working-days')).toBe('2026-03-05 17:00');
    expect(due('2026-03-02 16:59', '3 working-days')).toBe('2026-03-05 17:00');
    expect(due('2026-03-02 10:00', '1 working-days')).toBe('2026-03-03 17:00');
    expect(due('2026-03-05 10:00', '2 working-days')).toBe('2026-03-09 17:00'); // Thu → Fri, Mon
  });

  it('jumps Tết 2026 (Sat 14 – Sun 22 Feb): received Fri 13 Feb, 3 working days → Wed 25 Feb', () => {
    expect(due('2026-02-13 10:00', '3 working-days')).toBe('2026-02-25 17:00');
    expect(due('2026-02-13 16:59', '3 working-days')).toBe('2026-02-25 17:00');
    expect(due('2026-02-13 16:59', '1 working-days')).toBe('2026-02-23 17:00');
    // After hours on the last day before Tết: counting starts Mon 23 Feb.
    expect(due('2026-02-13 17:30', '3 working-days')).toBe('2026-02-26 17:00');
    expect(local(countsFrom(vn('2026-02-13 17:30'), parseRule('3 working-days'), cal))).toBe('2026-02-23 07:00');
  });

  it('skips Mon 27 Apr 2026 (nghỉ bù for Giỗ Tổ on Sunday) and 30 Apr / 1 May', () => {
    expect(due('2026-04-24 10:00', '1 working-days')).toBe('2026-04-28 17:00');
    expect(due('2026-04-24 10:00', '3 working-days')).toBe('2026-05-04 17:00');
  });

  it('skips the nghỉ bù of 1 May 2027 (a Saturday) on Mon 3 May', () => {
    expect(due('2027-04-29 10:00', '1 working-days')).toBe('2027-05-04 17:00');
  });

  it('skips 24 Nov 2026, a Tuesday', () => {
    expect(due('2026-11-23 10:00', '1 working-days')).toBe('2026-11-25 17:00');
  });

  it('counts a swapped Saturday as a working day: Sat 4 May 2024', () => {
    expect(due('2024-05-03 10:00', '1 working-days')).toBe('2024-05-04 17:00');
    expect(due('2024-05-04 09:00', sameDay15)).toBe('2024-05-04 17:00');
    expect(due('2024-04-26 10:00', '1 working-days')).toBe('2024-05-02 17:00'); // Sat 27 – Wed 1 May off
  });
});

describe('received outside working hours counts from the next working morning', () => {
  it('after closing (17:30) and at 17:00 sharp', () => {
    expect(due('2026-03-02 17:30', '3 working-days')).toBe('2026-03-06 17:00');
    expect(due('2026-03-02 17:00', '3 working-days')).toBe('2026-03-06 17:00');
    expect(due('2026-03-02 17:30', 'same-day')).toBe('2026-03-03 17:00');
    expect(local(nextWorkingMoment(vn('2026-03-02 17:30'), cal))).toBe('2026-03-03 07:00');
  });

  it('on a Sunday, and before opening', () => {
    expect(due('2026-03-08 09:00', '3 working-days')).toBe('2026-03-12 17:00');
    expect(due('2026-03-08 09:00', sameDay15)).toBe('2026-03-09 17:00');
    expect(local(countsFrom(vn('2026-03-08 09:00'), sameDay15, cal))).toBe('2026-03-09 07:00');
    expect(due('2026-03-02 06:30', '3 working-days')).toBe('2026-03-05 17:00');
  });

  it('at lunch the receiving day is the same day; working hours resume at 13:30', () => {
    expect(due('2026-03-02 12:00', '3 working-days')).toBe('2026-03-05 17:00');
    expect(local(nextWorkingMoment(vn('2026-03-02 12:00'), cal))).toBe('2026-03-02 13:30');
    expect(isWorkingMoment(vn('2026-03-02 12:00'), cal)).toBe(false);
    expect(isWorkingMoment(vn('2026-03-02 11:29'), cal)).toBe(true);
  });
});

describe('same day with a 15:00 cut-off', () => {
  it('14:59 is due the same day, 15:01 the next working day', () => {
    expect(due('2026-03-02 14:59', sameDay15)).toBe('2026-03-02 17:00');
    expect(due('2026-03-02 15:00', sameDay15)).toBe('2026-03-02 17:00'); // "after 15:00" means later than 15:00
    expect(due('2026-03-02 15:01', sameDay15)).toBe('2026-03-03 17:00');
    expect(due('2026-03-06 15:01', sameDay15)).toBe('2026-03-09 17:00'); // Friday → Monday
    expect(due('2026-02-13 15:01', sameDay15)).toBe('2026-02-23 17:00'); // the last day before Tết
  });

  it('without a cut-off, same day until closing', () => {
    expect(due('2026-03-02 16:30', 'same-day')).toBe('2026-03-02 17:00');
  });

  it('a cut-off works with other units too', () => {
    expect(due('2026-03-02 15:30', '3 working-days 15:00')).toBe('2026-03-06 17:00');
    expect(due('2026-03-02 14:30', '3 working-days 15:00')).toBe('2026-03-05 17:00');
  });
});

describe('calendar days and working hours', () => {
  it('N calendar days: due at closing of the Nth day after, moved off weekends and holidays', () => {
    expect(due('2026-03-04 10:00', '5 days')).toBe('2026-03-09 17:00'); // Wed + 5 = Mon
    expect(due('2026-03-02 10:00', '5 days')).toBe('2026-03-09 17:00'); // Mon + 5 = Sat → Mon
    expect(due('2026-04-23 10:00', '4 days')).toBe('2026-04-28 17:00'); // Mon 27 Apr is off
  });

  it('N working hours: only working periods count; exactly at a period end stays there', () => {
    expect(due('2026-03-02 10:00', '8 working-hours')).toBe('2026-03-03 10:00');
    expect(due('2026-03-02 15:00', '2 working-hours')).toBe('2026-03-02 17:00');
    expect(due('2026-03-02 16:00', '2 working-hours')).toBe('2026-03-03 08:00');
    expect(due('2026-03-02 11:00', '1 working-hours')).toBe('2026-03-02 14:00');
    expect(due('2026-03-02 17:30', '4 working-hours')).toBe('2026-03-03 11:00');
    expect(due('2026-02-13 16:00', '2 working-hours')).toBe('2026-02-23 08:00');
    expect(due('2026-03-02 10:00', '0,5 working-hours')).toBe('2026-03-02 10:30');
  });

  it('follows configured working hours', () => {
    const hours: WorkingHours = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }];
    expect(due('2026-03-02 10:00', '3 working-days', hours)).toBe('2026-03-05 17:30');
    expect(due('2026-03-02 17:15', 'same-day', hours)).toBe('2026-03-02 17:30');
    expect(due('2026-03-02 11:00', '2 working-hours', hours)).toBe('2026-03-02 14:00');
    expect(() => due('2026-03-02 10:00', '1 days', [{ start: '13:00', end: '12:00' }])).toThrow(/Giờ làm việc không hợp lệ/);
    expect(() => due('2026-03-02 10:00', '1 days', [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }])).toThrow(AppError);
    expect(() => due('2026-03-02 10:00', '1 days', [])).toThrow(AppError);
  });

  it('measures working time between two instants', () => {
    expect(workingTimeBetween(vn('2026-03-02 10:00'), vn('2026-03-03 10:00'), cal)).toBe(8 * 3_600_000);
    expect(workingTimeBetween(vn('2026-02-13 07:00'), vn('2026-02-23 17:00'), cal)).toBe(16 * 3_600_000);
    expect(workingTimeBetween(vn('2026-03-03 10:00'), vn('2026-03-02 10:00'), cal)).toBe(0);
    expect(local(addWorkingTime(vn('2026-03-02 12:00'), 0, cal))).toBe('2026-03-02 13:30');
  });
});

describe('supplement pause: the working time left is counted again from the resumption', () => {
  it('paused Tue 10:00 with due Thu 17:00 (21 h left), resumed next Mon 14:00 → Thu 09:00', () => {
    const dueAt = dueDate(vn('2026-03-02 10:00'), parseRule('3 working-days'), cal);
    expect(local(dueAt)).toBe('2026-03-05 17:00');
    const next = resumeAfterSupplement({ dueAt, pausedAt: vn('2026-03-03 10:00'), resumedAt: vn('2026-03-09 14:00') }, cal);
    expect(local(next)).toBe('2026-03-12 09:00');
  });

  it('resumed after hours or on a weekend counts from the next working morning', () => {
    const dueAt = vn('2026-03-05 17:00');
    // 8 h left (all of Thu); resumed Sat → Mon 07:00 + 8 h = Mon 17:00.
    expect(local(resumeAfterSupplement({ dueAt, pausedAt: vn('2026-03-05 07:00'), resumedAt: vn('2026-03-07 10:00') }, cal))).toBe('2026-03-09 17:00');
  });

  it('a pause over Tết moves the due date past the break', () => {
    const dueAt = vn('2026-02-13 17:00');
    const next = resumeAfterSupplement({ dueAt, pausedAt: vn('2026-02-13 15:00'), resumedAt: vn('2026-02-13 16:00') }, cal);
    expect(local(next)).toBe('2026-02-23 08:00'); // 1 h used on Fri, 1 h left after the break
  });

  it('a zero-length pause changes nothing; an overdue dossier stays overdue', () => {
    const dueAt = vn('2026-03-05 17:00');
    const at = vn('2026-03-03 10:00');
    expect(resumeAfterSupplement({ dueAt, pausedAt: at, resumedAt: at }, cal)).toEqual(dueAt);
    expect(resumeAfterSupplement({ dueAt, pausedAt: vn('2026-03-06 10:00'), resumedAt: vn('2026-03-09 10:00') }, cal)).toEqual(dueAt);
    expect(() => resumeAfterSupplement({ dueAt, pausedAt: at, resumedAt: vn('2026-03-02 10:00') }, cal)).toThrow(RangeError);
  });
});

describe('rules as text', () => {
  it('reads the CLI form and the usual wordings', () => {
    expect(parseRule('3 working-days')).toEqual({ value: 3, unit: 'working-days' });
    expect(parseRule('5 days')).toEqual({ value: 5, unit: 'days' });
    expect(parseRule('8 working-hours')).toEqual({ value: 8, unit: 'working-hours' });
    expect(parseRule('same-day 15:00')).toEqual({ value: 0, unit: 'same-day', cutoff: '15:00' });
    expect(parseRule('same-day')).toEqual({ value: 0, unit: 'same-day' });
    expect(parseRule('3 working days')).toEqual({ value: 3, unit: 'working-days' });
    expect(parseRule('1 working day')).toEqual({ value: 1, unit: 'working-days' });
    expect(parseRule('5 calendar days')).toEqual({ value: 5, unit: 'days' });
    expect(parseRule('  8  Working Hours ')).toEqual({ value: 8, unit: 'working-hours' });
    expect(parseRule('same day; next working day if received after 15:00')).toEqual({ value: 0, unit: 'same-day', cutoff: '15:00' });
    expect(parseRule('3 ngày làm việc')).toEqual({ value: 3, unit: 'working-days' });
    expect(parseRule('15 ngày')).toEqual({ value: 15, unit: 'days' });
    expect(parseRule('4 giờ làm việc')).toEqual({ value: 4, unit: 'working-hours' });
    expect(parseRule('Trong ngày; nhận sau 15 giờ thì trả vào ngày làm việc tiếp theo')).toEqual({ value: 0, unit: 'same-day', cutoff: '15:00' });
    expect(parseRule('same-day 9h30')).toEqual({ value: 0, unit: 'same-day', cutoff: '09:30' });
  });

  it('refuses what it does not understand, in Vietnamese', () => {
    for (const bad of ['', '3', 'three working days', '3 weeks', '-1 days', '0 working-days', '1.5 working-days', '3 working-days xyz',
      'same-day 25:00', 'same-day after', '99999 days', '3 days; DROP TABLE dossiers', '<script>alert(1)</script>']) {
      expect(() => parseRule(bad), bad).toThrow(AppError);
    }
    expect(() => parseRule('3 weeks')).toThrow('Không hiểu thời hạn giải quyết "3 weeks"');
  });

  it('writes rules back in the canonical form and in Vietnamese', () => {
    for (const text of ['3 working-days', '5 days', '8 working-hours', 'same-day', 'same-day 15:00', '2 working-days 15:00']) {
      expect(formatRule(parseRule(text))).toBe(text);
    }
    expect(describeRule(parseRule('3 working-days'))).toBe('3 ngày làm việc');
    expect(describeRule(sameDay15)).toBe('Trong ngày; nhận sau 15:00 thì tính từ ngày làm việc tiếp theo');
    expect(vnMomentText(vn('2026-02-25 17:00'))).toBe('17 giờ 00 phút, Thứ Tư ngày 25/02/2026');
  });
});
