import { createCore } from '../../src/main/core/core';
import type { TodayLists } from '../../src/shared/api/calls/dossiers';
import { systemContext } from '../lib/bench-context';
import { datasetOptions, iterations, openBenchDataset } from '../lib/bench-data';
import { measurement } from '../lib/runner';
import type { BenchSuite } from '../lib/suite';

// "Today's lists ≤ 50 ms" on the 1M-dossier database: dossiers.today through core.dispatch, the
// call behind the clerk's home screen (received today, due today, overdue, waiting for a
// supplement, results to hand back, each list and its count). Warm: the app has been open.

const TARGET_P95_MS = 50;

export const todayListsSuite: BenchSuite = {
  name: 'today-lists',
  description: "dossiers.today through core.dispatch: the five lists and their counts",
  options: datasetOptions,
  async run(values) {
    const n = iterations(values, 100);
    const ds = await openBenchDataset(values);
    const core = createCore(ds.coreConfig());
    const ctx = systemContext('lan.nt');
    const samples: number[] = [];
    let last: TodayLists | null = null;
    try {
      for (let i = 0; i < 5 + n; i++) {
        const t0 = process.hrtime.bigint();
        const r = await core.dispatch('dossiers.today', {}, ctx);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (!r.ok) throw new Error(`dossiers.today: ${r.error.code} ${r.error.message}`);
        if (i >= 5) samples.push(ms);
        last = r.value as TodayLists;
      }
    } finally {
      core.close();
    }
    if (!last || last.counts.receivedToday === 0) throw new Error("today's intake came back empty: the dataset has nothing for today, so nothing was measured");
    return {
      measurements: [
        measurement('dossiers.today (limit 100)', samples, {
          target: { maxP95: TARGET_P95_MS },
          note: `counts: ${Object.entries(last.counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        }),
      ],
      meta: { dataDir: ds.dataDir, dossiers: ds.manifest.dossiers, seed: ds.manifest.seed, datasetReused: ds.reused, counts: last.counts },
    };
  },
};
