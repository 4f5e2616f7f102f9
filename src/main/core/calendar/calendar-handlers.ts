import { describeRule, vnLocalIso, vnMomentText } from '../../../shared/calendar/format';
import { isoWeekday, weekdayName } from '../../../shared/calendar/work-calendar';
import { checkRule, formatRule, parseRule, type DueRule } from '../../../shared/calendar/working-time';
import { actorOf, type Handlers } from '../dispatcher';
import type { CalendarService } from './calendar-service';

type CalendarMethods = 'calendar.holidays' | 'calendar.due' | 'calendar.setDay' | 'calendar.removeDay';

function ruleFrom(input: string | { value: number; unit: DueRule['unit']; cutoff?: string | undefined }): DueRule {
  if (typeof input === 'string') return parseRule(input);
  return checkRule(input.cutoff === undefined ? { value: input.value, unit: input.unit } : { ...input, cutoff: input.cutoff });
}

export function calendarHandlers(calendar: CalendarService): Pick<Handlers, CalendarMethods> {
  return {
    'calendar.holidays': ({ year }) => ({
      year,
      days: calendar.holidays(year).map((d) => ({
        ...d,
        weekday: isoWeekday(d.date),
        weekdayName: weekdayName(d.date),
      })),
    }),
    'calendar.due': ({ from, rule: ruleInput }) => {
      const rule = ruleFrom(ruleInput);
      const receivedAt = new Date(from);
      const due = calendar.dueDateFor(receivedAt, rule);
      return {
        from: receivedAt.toISOString(),
        rule,
        ruleText: formatRule(rule),
        ruleDescription: describeRule(rule),
        countsFrom: calendar.countsFrom(receivedAt, rule).toISOString(),
        due: due.toISOString(),
        dueLocal: vnLocalIso(due),
        dueText: vnMomentText(due),
      };
    },
    'calendar.setDay': (input, ctx) => calendar.setDay(input, actorOf(ctx)),
    'calendar.removeDay': ({ date }, ctx) => calendar.removeDay(date, actorOf(ctx)),
  };
}
