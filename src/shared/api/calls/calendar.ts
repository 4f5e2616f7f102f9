import { z } from 'zod';
import { isDateKey } from '../../calendar/dates';
import { MAX_YEAR, MIN_YEAR } from '../../calendar/holidays';
import { DUE_UNITS } from '../../calendar/working-time';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

const dateKeyField = z
  .string()
  .trim()
  .refine(isDateKey, { message: 'ngày phải là ngày có thật, dạng YYYY-MM-DD' });
const year = z
  .number()
  .int()
  .min(MIN_YEAR, { message: `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}` })
  .max(MAX_YEAR, { message: `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}` });
const dayKind = z.enum(['off', 'work']);

/** A processing time as data; checked in full (ranges, cut-off) by the core's checkRule. */
export const dueRule = z.strictObject({
  value: z.number(),
  unit: z.enum(DUE_UNITS),
  cutoff: z.string().optional(),
});

export const calendarDay = z.object({
  date: z.string(),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int(),
  weekdayName: z.string(),
  name: z.string(),
  kind: dayKind,
  /** 'rule': Labour Code holiday; 'nghi-bu': given for a holiday on a weekend; 'table': the official table. */
  source: z.enum(['rule', 'table', 'nghi-bu']),
  /** For table rows: 'seed' (shipped), 'admin' (edited here), 'sync' (from the provincial system). */
  origin: z.enum(['seed', 'admin', 'sync']).nullable(),
});
export type CalendarDayView = z.infer<typeof calendarDay>;

export const calendarTableRow = z.object({
  date: z.string(),
  kind: dayKind,
  name: z.string(),
  source: z.enum(['seed', 'admin', 'sync']),
  updatedAt: isoInstant,
  updatedBy: z.string(),
});
export type CalendarTableRow = z.infer<typeof calendarTableRow>;

export const dueResult = z.object({
  from: isoInstant,
  rule: dueRule,
  /** Canonical text of the rule ("3 working-days") and its Vietnamese wording. */
  ruleText: z.string(),
  ruleDescription: z.string(),
  /** When counting started: the first working moment at or after receipt (after the cut-off). */
  countsFrom: isoInstant,
  due: isoInstant,
  /** The due instant in Vietnam's time, "2026-02-25T17:00:00+07:00", and as form 01 writes it. */
  dueLocal: z.string(),
  dueText: z.string(),
});
export type DueResult = z.infer<typeof dueResult>;

export const calendarCalls = defineCalls({
  'calendar.holidays': {
    input: z.strictObject({ year }),
    output: z.object({ year: z.number(), days: z.array(calendarDay) }),
  },
  'calendar.due': {
    input: z.strictObject({
      from: isoInstant,
      /** The rule as text ("3 working-days", "same-day 15:00") or as data. */
      rule: z.union([lineText(200), dueRule]),
    }),
    output: dueResult,
  },
  'calendar.setDay': {
    input: z.strictObject({ date: dateKeyField, kind: dayKind, name: lineText(200) }),
    output: calendarTableRow,
    access: 'admin',
  },
  'calendar.removeDay': {
    input: z.strictObject({ date: dateKeyField }),
    output: z.object({ date: z.string(), removed: z.literal(true) }),
    access: 'admin',
  },
});
