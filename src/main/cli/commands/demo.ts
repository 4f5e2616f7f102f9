import type { Command } from 'commander';
import { isAppError } from '../../../shared/api/errors';
import { dossierText } from '../../../shared/i18n/vi-dossier';
import { demoText } from '../../../shared/i18n/vi-cli-dossier';
import { DemoSeedError, seedDemo, type DemoSeedSummary } from '../demo-seed';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const t = demoText;

function intArg(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) fail(t.badNumber(name, text, min, max), 2);
  return n;
}

export function summaryText(s: DemoSeedSummary): string {
  const lines = [t.summary.title, `${t.summary.dataDir}: ${s.dataDir}`, `${t.summary.office}: ${s.office.agencyName} (${s.office.unitCode}), quầy ${s.office.counterNumber}/${s.office.countersInUnit}`];
  if (s.accounts.length > 0) {
    lines.push(t.summary.setUp);
    for (const a of s.accounts) lines.push(t.summary.account(a.username, a.fullName, t.roles[a.role] ?? a.role, a.temporaryPassword));
  }
  lines.push(t.summary.dossiers(s.dossiers, s.firstCode ?? '—', s.lastCode ?? '—'), t.summary.days(s.days), t.summary.transitions(s.transitions), t.summary.byStatus);
  for (const [status, n] of Object.entries(s.byStatus).sort(([a], [b]) => Number(a) - Number(b))) {
    lines.push(t.summary.status(`${status} ${dossierText.status[Number(status)] ?? ''}`.trim(), n));
  }
  return lines.join('\n');
}

/** `motcua demo seed`: training and demo data, received through the app (src/main/cli/demo-seed.ts). */
export function registerDemo(program: Command, globals: () => GlobalOptions): void {
  const demo = program.command('demo').description(t.demoDescription);
  demo
    .command('seed')
    .description(t.seedDescription)
    .option('--dossiers <n>', t.dossiersOption, '40')
    .option('--days <n>', t.daysOption, '5')
    .option('--seed <n>', t.seedOption, '1')
    .option('--force', t.forceOption)
    .action(async (opts: { dossiers: string; days: string; seed: string; force?: boolean }) => {
      const g = globals();
      const input = {
        dataDir: g.dataDir,
        dossiers: intArg('dossiers', opts.dossiers, 1, 2000),
        days: intArg('days', opts.days, 1, 30),
        seed: intArg('seed', opts.seed, 0, 2 ** 31),
        force: opts.force === true,
      };
      let summary: DemoSeedSummary;
      try {
        summary = await seedDemo(input);
      } catch (e) {
        if (e instanceof DemoSeedError || isAppError(e)) {
          // The same error body as every call's (call-core.ts).
          if (g.json) printResult(true, { ok: false, error: { code: isAppError(e) ? e.code : 'DEMO_SEED_REFUSED', message: e.message } }, () => '');
          fail(e.message);
        }
        throw e;
      }
      printResult(g.json, summary, () => summaryText(summary));
    });
}
