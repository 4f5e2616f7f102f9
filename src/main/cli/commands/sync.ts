import type { Command } from 'commander';
import type { SyncStatus } from '../../../shared/api/calls/sync';
import { syncEngineText } from '../../../shared/i18n/vi-sync-engine';
import { syncLine } from '../../../shared/sync/sync-line';
import { createCore } from '../../core/core';
import { nodeHostConfig } from '../../core/runtime/node-config';
import { cliContext } from '../cli-context';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

// `motcua sync --once [--endpoint URL]` runs one round (push the outbox, pull the feed) in this
// process and exits 0 only if it succeeded; `motcua sync status [--json]` prints the state. Both
// open the data dir, so they run while the app is closed (the app syncs by itself when open).

const t = syncEngineText.cli;

function statusLines(s: SyncStatus): string {
  const l = t.statusLines;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : l.none);
  return [
    `${l.state}: ${syncLine(s)}`,
    `${l.endpoint}: ${s.endpoint ?? l.none}`,
    `${l.pending}: ${s.pending}`,
    `${l.dead}: ${s.deadLetters}`,
    `${l.acknowledged}: ${s.acknowledged}`,
    `${l.lastSuccess}: ${when(s.lastSuccessAt)}`,
    `${l.lastError}: ${s.lastError ? `${s.lastError.message} (${when(s.lastError.at)})` : l.none}`,
    `${l.clock}: ${s.clock ? l.skew((s.clock.skewMs / 60_000).toFixed(1), s.clock.warning) : l.none}`,
  ].join('\n');
}

export function registerSync(program: Command, globals: () => GlobalOptions): void {
  const sync = program
    .command('sync')
    .description(t.description)
    .option('--once', t.onceDescription)
    .option('--endpoint <url>', t.endpointOption)
    .option('--json', t.jsonOption)
    .action(async (o: { once?: boolean; endpoint?: string; json?: boolean }) => {
      if (!o.once) fail(t.needOnceOrStatus, 2);
      const g = globals();
      const json = o.json || g.json;
      const core = createCore({ ...nodeHostConfig('cli', g.dataDir), syncEndpoint: o.endpoint });
      try {
        const report = await core.sync.runOnce();
        const status = core.sync.status();
        if (!report.configured) fail(t.notConfigured, 1);
        printResult(json, { report, status }, () => (report.ok ? t.roundDone(report.pushed, report.pulled, report.deadLettered) : t.roundFailed(report.error ?? '')));
        if (!report.ok) process.exitCode = 1;
      } finally {
        core.close();
      }
    });
  sync
    .command('status')
    .description(t.statusDescription)
    .option('--json', t.jsonOption)
    .action(async (o: { json?: boolean }) => {
      const g = globals();
      const core = createCore(nodeHostConfig('cli', g.dataDir));
      try {
        const result = await core.dispatch('sync.status', {}, cliContext());
        if (!result.ok) fail(result.error.message);
        printResult(o.json || g.json, result.value, () => statusLines(result.value as SyncStatus));
      } finally {
        core.close();
      }
    });
}
