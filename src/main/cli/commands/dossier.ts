import type { Command } from 'commander';
import type { DossierDetail, DossierSummary, TodayLists } from '../../../shared/api/calls/dossiers';
import type { OfficeProfile } from '../../../shared/api/calls/office';
import { vnMomentText } from '../../../shared/calendar/format';
import { dossierText } from '../../../shared/i18n/vi-dossier';
import { dossierCliText } from '../../../shared/i18n/vi-cli-dossier';
import { callCore } from '../call-core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const t = dossierCliText;

/** dossiers.search answers at most this many: the newest dossiers a plain list can show. */
const SEARCH_MAX = 200;
/** dossiers.today's lists go up to this many. */
const TODAY_MAX = 500;

const statusName = (s: number) => dossierText.status[s] ?? String(s);
const when = (iso: string | null) => (iso ? vnMomentText(new Date(iso)) : '—');

function parseIntOption(text: string, min: number, max: number, message: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) fail(message, 2);
  return n;
}

export function listText(rows: DossierSummary[]): string {
  if (rows.length === 0) return t.empty;
  const lines = rows.map((d) =>
    [d.code ?? d.id, `${d.status} ${statusName(d.status)}`.padEnd(22), when(d.receivedAt), '→', when(d.dueAt), '|', d.applicantName, '|', d.procedureName].join('  '),
  );
  return [...lines, t.count(rows.length)].join('\n');
}

export function detailText(d: DossierDetail): string {
  const f = t.fields;
  const person = (a: DossierDetail['applicant']) =>
    a ? [a.fullName, a.idNumber && `${f.idNumber} ${a.idNumber}`, a.phone && `${f.phone} ${a.phone}`].filter(Boolean).join(', ') : '—';
  const lines = [
    `${f.code}: ${d.code ?? d.id}`,
    `${f.status}: ${d.status} ${statusName(d.status)}`,
    `${f.procedure}: ${d.procedure.code ?? ''} ${d.procedure.name}`.trim(),
    `${f.applicant}: ${person(d.applicant)}`,
  ];
  if (d.owner) lines.push(`${f.owner}: ${person(d.owner)}`);
  if (d.applicant?.address) lines.push(`${f.address}: ${(d.owner ?? d.applicant).address}`);
  lines.push(
    `${f.receivedAt}: ${when(d.receivedAt)}${d.receivedBy ? ` (${f.receivedBy}: ${d.receivedBy})` : ''}`,
    `${f.dueAt}: ${when(d.dueAt)}`,
  );
  if (d.pausedAt) lines.push(`${f.pausedAt}: ${when(d.pausedAt)}`);
  lines.push(
    `${f.fees}: ${t.money(d.fees.total)}`,
    `${f.delivery}: ${t.delivery[d.resultDelivery.method] ?? d.resultDelivery.method}${d.resultDelivery.method === 'post' ? ` (${d.resultDelivery.address})` : ''}`,
    `${f.checklist}:`,
    ...d.checklist.map((c) => `  [${c.handedOver ? 'x' : ' '}] ${c.name} (${c.handedOver ? t.handedOver : t.notHandedOver})`),
    `${f.history}:`,
    ...d.history.map(
      (h) =>
        `  ${when(h.at)}  ${h.actor}  ${dossierText.historyActions[h.action] ?? h.action}` +
        `${h.toStatus !== null ? ` → ${statusName(h.toStatus)}` : ''}${h.note ? `: ${h.note}` : ''}`,
    ),
  );
  return lines.join('\n');
}

/**
 * `motcua dossier list|show`: the dossiers for scripts (--json) and for a quick look, through the
 * same calls the app makes. A plain list is dossiers.search with the unit's code prefix (codes sort
 * by day and number, so newest first); --today is dossiers.today's intake list.
 */
export function registerDossier(program: Command, globals: () => GlobalOptions): void {
  const dossier = program.command('dossier').description(t.dossierDescription);

  dossier
    .command('list')
    .description(t.listDescription)
    .option('--status <n>', t.statusOption)
    .option('--today', t.todayOption)
    .option('--limit <n>', t.limitOption(SEARCH_MAX), '50')
    .action(async (opts: { status?: string; today?: boolean; limit: string }) => {
      const g = globals();
      const max = opts.today ? TODAY_MAX : SEARCH_MAX;
      const limit = parseIntOption(opts.limit, 1, max, t.badLimit(opts.limit, max));
      const status = opts.status === undefined ? undefined : parseIntOption(opts.status, 1, 10, t.badStatus(opts.status));
      const keep = (rows: DossierSummary[]) => (status === undefined ? rows : rows.filter((d) => d.status === status)).slice(0, limit);
      let rows: DossierSummary[];
      // With a status filter the newest dossiers are fetched as far as the call allows, then filtered.
      const fetch = status === undefined ? limit : max;
      if (opts.today) {
        const today = await callCore<'dossiers.today'>(g, 'dossiers.today', { limit: fetch });
        rows = keep((today as TodayLists).receivedToday);
      } else {
        const office = (await callCore<'office.get'>(g, 'office.get', {})) as OfficeProfile | null;
        if (!office) fail(t.notSetUp);
        const found = await callCore<'dossiers.search'>(g, 'dossiers.search', { query: `${office.unitCode}-`, limit: fetch });
        rows = keep(found.results);
      }
      printResult(g.json, rows, () => {
        const text = listText(rows);
        return status !== undefined && !opts.today ? `${text}\n${t.filteredAmong(fetch)}` : text;
      });
    });

  dossier
    .command('show')
    .description(t.showDescription)
    .argument('<code>', t.codeArgument)
    .action(async (code: string) => {
      const g = globals();
      const d = await callCore<'dossiers.get'>(g, 'dossiers.get', { idOrCode: code });
      printResult(g.json, d, () => detailText(d as DossierDetail));
    });
}
