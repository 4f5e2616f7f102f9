import { afterAll, describe, expect, it } from 'vitest';
import { parseFromOption } from '../../../src/main/cli/commands/calendar';

import { makeTempDir } from '../../support/temp-dir';
import { motcua } from '../../support/motcua-cli';

describe('motcua calendar', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('holidays YEAR --json lists each day with weekday, name, kind and source', () => {
    const r = motcua(['--data-dir', temp.dir, '--json', 'calendar', 'holidays', '2026']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { year: number; days: { date: string; weekdayName: string; kind: string; source: string; name: string }[] };
    expect(out.year).toBe(2026);
    expect(out.days.map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
      '2026-04-26', '2026-04-27',
      '2026-04-30', '2026-05-01',
      '2026-09-01', '2026-09-02',
      '2026-11-24',
    ]);
    expect(out.days.find((d) => d.date === '2026-11-24')).toMatchObject({ weekdayName: 'Thứ Ba', kind: 'off', source: 'table' });

    // --json after the subcommand works too, and a swapped Saturday shows as a working day.
    const y2024 = JSON.parse(motcua(['--data-dir', temp.dir, 'calendar', 'holidays', '2024', '--json']).stdout) as typeof out;
    expect(y2024.days.find((d) => d.date === '2024-05-04')).toMatchObject({ weekdayName: 'Thứ Bảy', kind: 'work', source: 'table' });
    const y2027 = JSON.parse(motcua(['--data-dir', temp.dir, '--json', 'calendar', 'holidays', '2027']).stdout) as typeof out;
    expect(y2027.days.find((d) => d.date === '2027-05-03')).toMatchObject({ source: 'nghi-bu' });
  });

  it('holidays prints a readable table without --json', () => {
    const r = motcua(['--data-dir', temp.dir, 'calendar', 'holidays', '2026']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Ngày nghỉ và ngày làm bù năm 2026:');
    expect(r.stdout).toMatch(/2026-04-27 {2}Thứ Hai +nghỉ +bảng chính thức +Nghỉ bù Giỗ Tổ Hùng Vương/);
  });

  it('due --from ISO --rule "3 working-days" --json gives the due instant and Vietnam local time', () => {
    const r = motcua(['--data-dir', temp.dir, '--json', 'calendar', 'due', '--from', '2026-02-13T03:00:00Z', '--rule', '3 working-days']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      from: '2026-02-13T03:00:00.000Z',
      rule: { value: 3, unit: 'working-days' },
      due: '2026-02-25T10:00:00.000Z',
      dueLocal: '2026-02-25T17:00:00+07:00',
      dueText: '17 giờ 00 phút, Thứ Tư ngày 25/02/2026',
    });
    // Without an offset the time is Vietnam's: 15:01 is after the cut-off.
    const cut = motcua(['--data-dir', temp.dir, '--json', 'calendar', 'due', '--from', '2026-03-02T15:01', '--rule', 'same-day 15:00']);
    expect(JSON.parse(cut.stdout)).toMatchObject({ dueLocal: '2026-03-03T17:00:00+07:00' });
    const human = motcua(['--data-dir', temp.dir, 'calendar', 'due', '--from', '2026-03-02T10:00+07:00', '--rule', '8 working-hours']);
    expect(human.stdout).toContain('Hẹn trả: 2026-03-03T03:00:00.000Z (10 giờ 00 phút, Thứ Ba ngày 03/03/2026)');
  });

  it('explains bad input and exits 1', () => {
    const rule = motcua(['--data-dir', temp.dir, 'calendar', 'due', '--from', '2026-02-13T10:00', '--rule', '3 tuần']);
    expect(rule.status).toBe(1);
    expect(rule.stderr).toContain('Không hiểu thời hạn giải quyết "3 tuần"');
    const json = motcua(['--data-dir', temp.dir, '--json', 'calendar', 'due', '--from', '2026-02-13T10:00', '--rule', '3 tuần']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'CALENDAR_RULE_INVALID' } });
    const from = motcua(['--data-dir', temp.dir, 'calendar', 'due', '--from', 'yesterday', '--rule', '3 working-days']);
    expect(from.status).toBe(1);
    expect(from.stderr).toContain('Thời điểm nhận không hợp lệ');
    const year = motcua(['--data-dir', temp.dir, 'calendar', 'holidays', '20x6']);
    expect(year.status).toBe(1);
    expect(year.stderr).toContain('Năm không hợp lệ');
  });

  it('reads --from with Z, with an offset, or as Vietnam local time', () => {
    expect(parseFromOption('2026-02-13T03:00:00Z')).toBe('2026-02-13T03:00:00.000Z');
    expect(parseFromOption('2026-02-13T10:00:00+07:00')).toBe('2026-02-13T03:00:00.000Z');
    expect(parseFromOption('2026-02-13T10:00')).toBe('2026-02-13T03:00:00.000Z');
    expect(parseFromOption('2026-02-13')).toBe('2026-02-12T17:00:00.000Z');
    expect(parseFromOption('13/02/2026')).toBeNull();
    expect(parseFromOption('2026-02-30T10:00')).toBeNull();
  });
});
