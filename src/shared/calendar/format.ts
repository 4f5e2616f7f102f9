import { calendarText } from '../i18n/vi-calendar';
import { VN_OFFSET_MS, vnDateKey } from '../time/vn-time';
import { DUE_UNITS, type DueRule } from './working-time';
import { weekdayName } from './work-calendar';

/** An instant as Vietnam's local time with its offset: "2026-02-25T17:00:00+07:00". */
export function vnLocalIso(at: Date): string {
  return `${new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** An instant the way form 01 writes it: "17 giờ 00 phút, Thứ Tư ngày 25/02/2026". */
export function vnMomentText(at: Date): string {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return calendarText.moment(
    local.getUTCHours(),
    local.getUTCMinutes(),
    weekdayName(vnDateKey(at)),
    local.getUTCDate(),
    local.getUTCMonth() + 1,
    local.getUTCFullYear(),
  );
}

/** A rule in Vietnamese: "3 ngày làm việc", "Trong ngày; nhận sau 15:00 thì tính từ ngày làm việc tiếp theo". */
export function describeRule(rule: DueRule): string {
  const r = calendarText.rules;
  const unit = DUE_UNITS.includes(rule.unit) ? rule.unit : 'same-day';
  const base = unit === 'same-day' ? r['same-day'] : r[unit](rule.value);
  return rule.cutoff ? `${base}; ${r.cutoff(rule.cutoff)}` : base;
}
