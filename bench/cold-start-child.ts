// One cold start, in a fresh process: load the core, open the data dir, answer the first call
// the UI makes (today's list), print the timings on one marker line, close. Spawned by
// bench/suites/cold-start.ts; not meant to be run by hand.
//
// Timings come from inside the process: performance.now() counts from the moment Node began
// (performance.timeOrigin), so it includes Node's own bootstrap and the TypeScript loader;
// hrtime brackets the core's part alone.

import { COLD_START_MARKER, type ColdStartSample } from './lib/cold-start-protocol';
import { ownPeakRssMiB } from './lib/peak-rss';

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

async function main(): Promise<void> {
  const enteredMs = performance.now();
  const i = process.argv.indexOf('--data-dir');
  const dataDir = i >= 0 ? process.argv[i + 1] : undefined;
  if (!dataDir) throw new Error('usage: cold-start-child --data-dir DIR');

  const t0 = process.hrtime.bigint();
  const [{ createCore }, { nodeHostConfig }] = await Promise.all([
    import('../src/main/core/core'),
    import('../src/main/core/runtime/node-config'),
  ]);
  const t1 = process.hrtime.bigint();
  const core = createCore(nodeHostConfig('cli', dataDir));
  const t2 = process.hrtime.bigint();
  const result = await core.dispatch('dossiers.today', { limit: 100 }, { kind: 'system', principal: { userId: 'bench', username: 'bench', fullName: 'bench', role: 'admin' } });
  const t3 = process.hrtime.bigint();
  const sinceProcessStartMs = performance.now();
  try {
    if (!result.ok) throw new Error(`dossiers.today failed: ${JSON.stringify(result.error)}`);
    const sample: ColdStartSample = {
      enteredMs,
      moduleLoadMs: ms(t0, t1),
      createCoreMs: ms(t1, t2),
      firstCallMs: ms(t2, t3),
      coreColdStartMs: ms(t1, t3),
      sinceProcessStartMs,
      rows: (result.value as { counts: { receivedToday: number } }).counts.receivedToday,
      maxRssMiB: ownPeakRssMiB(),
    };
    process.stdout.write(`${COLD_START_MARKER}${JSON.stringify(sample)}\n`);
  } finally {
    // Release the data-dir lock so the next run can take it.
    core.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
