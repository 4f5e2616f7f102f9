// One ledger render (form 07), in a fresh process, so its peak memory is that render's own:
// open the data dir, render the ledger over [--from, --to] (both days included, as the print
// dialog asks), write the PDF to --out, print the timings on one marker line, close. Spawned by
// bench/suites/ledger.ts; not meant to be run by hand.
//
// --mode dispatch: forms.preview through core.dispatch, as the app asks for it (validation,
// the query, the renderer, the hash and base64 of the answer). --mode renderer: the engine alone,
// createFormRenderer().renderLedger over ledgerRows() on a read-only connection.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LEDGER_MARKER, LEDGER_MODES, type LedgerMode, type LedgerSample } from './lib/ledger-protocol';
import { ownPeakRssMiB } from './lib/peak-rss';

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
const mib = (bytes: number) => bytes / 2 ** 20;
const maxRssMiB = ownPeakRssMiB;
/** The heap still reachable: the parent starts this process with --expose-gc. */
const liveHeapMiB = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  return mib(process.memoryUsage().heapUsed);
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, mode: { type: 'string' } },
  });
  const { 'data-dir': dataDir, from, to, out } = values;
  const mode = (values.mode ?? 'dispatch') as LedgerMode;
  if (!dataDir || !from || !to || !out || !LEDGER_MODES.includes(mode)) {
    throw new Error('usage: ledger-child --data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--mode dispatch|renderer]');
  }
  const [{ createCore, databaseFileIn }, { nodeHostConfig }] = await Promise.all([
    import('../src/main/core/core'),
    import('../src/main/core/runtime/node-config'),
  ]);
  const config = nodeHostConfig('cli', dataDir);

  let pdf: Uint8Array;
  let openMs: number;
  let renderMs: number;
  let rssBeforeMiB: number;
  let liveHeapBeforeMiB: number;
  if (mode === 'dispatch') {
    const t0 = process.hrtime.bigint();
    const core = createCore(config);
    openMs = ms(t0, process.hrtime.bigint());
    try {
      rssBeforeMiB = maxRssMiB();
      liveHeapBeforeMiB = liveHeapMiB();
      const principal = { userId: 'bench', username: 'bench', fullName: 'bench', role: 'admin' as const };
      const t1 = process.hrtime.bigint();
      const r = await core.dispatch('forms.preview', { kind: 'ledger', from, to }, { kind: 'system', principal });
      renderMs = ms(t1, process.hrtime.bigint());
      if (!r.ok) throw new Error(`forms.preview: ${r.error.code} ${r.error.message}`);
      pdf = Buffer.from((r.value as { dataBase64: string }).dataBase64, 'base64');
    } finally {
      core.close();
    }
  } else {
    const [{ default: Database }, { createFormRenderer }, { ledgerRows }, { nextDateKey }, { readDatasetContext }] = await Promise.all([
      import('better-sqlite3'),
      import('../src/main/core/forms/form-renderer'),
      import('../src/main/core/forms/ledger-query'),
      import('../src/shared/time/vn-time'),
      import('./lib/generate-dossiers'),
    ]);
    const t0 = process.hrtime.bigint();
    const db = new Database(databaseFileIn(dataDir), { readonly: true, fileMustExist: true });
    openMs = ms(t0, process.hrtime.bigint());
    try {
      const { office } = readDatasetContext(db);
      // The same renderer and query the core wires up; the query takes [from, to).
      const range = { from, to: nextDateKey(to) };
      const renderer = createFormRenderer({ resourcesDir: config.resourcesDir });
      rssBeforeMiB = maxRssMiB();
      liveHeapBeforeMiB = liveHeapMiB();
      const t1 = process.hrtime.bigint();
      pdf = await renderer.renderLedger(ledgerRows(db, range), range, { paper: 'A4' }, { office, now: new Date(), clerkName: 'bench' });
      renderMs = ms(t1, process.hrtime.bigint());
    } finally {
      db.close();
    }
  }
  // Read before anything else allocates: the peak is the render's.
  const peak = maxRssMiB();
  const liveHeapAfterMiB = liveHeapMiB();
  const externalMiB = mib(process.memoryUsage().external);
  writeFileSync(out, pdf);
  const sample: LedgerSample = {
    mode,
    openMs,
    renderMs,
    bytes: pdf.byteLength,
    rssBeforeMiB,
    maxRssMiB: peak,
    liveHeapBeforeMiB,
    liveHeapAfterMiB,
    externalMiB,
  };
  process.stdout.write(`${LEDGER_MARKER}${JSON.stringify(sample)}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
