import type { Command } from 'commander';
import { calendarText } from '../../../shared/i18n/vi-calendar';
import { isDateKey } from '../../../shared/calendar/dates';
import { vnMomentText } from '../../../shared/calendar/format';
import { callCore } from '../call-core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const t = calendarText.cli;

const run = callCore;

/**
 * A moment as typed by an admin: ISO 8601 with Z or an offset, or without one meaning Vietnam's
 * time ("2026-02-13T10:00" = 10:00 in Hà Nội). Returns the UTC ISO string, or null.
 */
export function parseFromOption(text: string): string | null {
  const s = text.trim();
  const local = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/.test(s);
  const withZone = local ? `${s.includes('T') ? s : `${s}T00:00`}+07:00` : s;
  if (!/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i.test(withZone)) return null;
  if (!isDateKey(withZone.slice(0, 10))) return null;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function registerCalendar(program: Command, globals: () => GlobalOptions): void {
  const calendar = program.command('calendar').description(t.calendarDescription);

  calendar
    .command('holidays')
    .description(t.holidaysDescription)
    .argument('<year>', t.yearArgument)
    .action(async (yearText: string) => {
      const g = globals();
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText.trim())) fail(t.badYear(yearText));
      const value = await run(g, 'calendar.holidays', { year });
      printResult(g.json, value, () => {
        if (value.days.length === 0) return `${t.holidaysTitle(year)}\n${t.noDays}`;
        const lines = value.days.map((d) =>
          [
            d.date,
            d.weekdayName.padEnd(8),
            (calendarText.kinds[d.kind] ?? d.kind).padEnd(8),
            (calendarText.sources[d.source] ?? d.source).padEnd(15),
            d.name,
          ].join('  '),
        );
        return [t.holidaysTitle(year), ...lines].join('\n');
      });
    });

  calendar
    .command('due')
    .description(t.dueDescription)
    .option('--from <iso>', t.fromOption)
    .requiredOption('--rule <rule>', t.ruleOption)
    .action(async (opts: { from?: string; rule: string }) => {
      const g = globals();
      const from = opts.from === undefined ? new Date().toISOString() : parseFromOption(opts.from);
      if (!from) fail(t.badFrom(opts.from ?? ''));
      const value = await run(g, 'calendar.due', { from, rule: opts.rule });
      printResult(g.json, value, () =>
        [
          `${t.rule}: ${value.ruleText} (${value.ruleDescription})`,
          `${t.receivedAt}: ${value.from} (${vnMomentText(new Date(value.from))})`,
          `${t.countsFrom}: ${value.countsFrom} (${vnMomentText(new Date(value.countsFrom))})`,
          `${t.due}: ${value.due} (${value.dueText})`,
        ].join('\n'),
      );
    });
}
