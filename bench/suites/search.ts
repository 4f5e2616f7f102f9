import { createCore } from '../../src/main/core/core';
import { systemContext } from '../lib/bench-context';
import { datasetOptions, iterations, openBenchDataset } from '../lib/bench-data';
import { measurement, type Measurement } from '../lib/runner';
import type { BenchSuite } from '../lib/suite';

// "Search by unaccented name, by ID, by code p95 ≤ 20 ms" on the 1M-dossier database, through
// core.dispatch('dossiers.search') with the default limit (50), as the search box calls it. Each
// kind of query cycles through many different queries, so one lucky cached page can't carry it.

const TARGET_P95_MS = 20;

/** The most common folded names, some still being typed: hundreds of thousands of matches, newest 50 wanted. */
const COMMON_NAMES = ['nguyen van', 'nguyen thi', 'tran van', 'le thi', 'pham van', 'nguyen', 'tran thi', 'hoang van', 'nguyen v', 'le t'];
/** Rare family names (0.05–0.1 % of people) and rare combinations. */
const RARE_NAMES = ['khuc', 'luc', 'tang', 'la', 'khuc van', 'luc thi', 'quach thi', 'kieu van'];

export const searchSuite: BenchSuite = {
  name: 'search',
  description: 'dossiers.search through core.dispatch: unaccented name (common, rare, full), ID number, phone, code',
  options: datasetOptions,
  async run(values) {
    const n = iterations(values, 200);
    const ds = await openBenchDataset(values);
    const sample = ds.sample(n, 'search');
    const day = (s: (typeof sample)[number]) => s.code.slice(0, s.code.lastIndexOf('-'));
    const queries: { name: string; queries: string[]; note?: string }[] = [
      { name: 'name, common ("nguyen van" …)', queries: COMMON_NAMES, note: COMMON_NAMES.join(', ') },
      { name: 'name, rare ("khuc" …)', queries: RARE_NAMES, note: RARE_NAMES.join(', ') },
      { name: 'name, a whole folded name', queries: sample.map((s) => s.applicantNameFolded), note: 'e.g. "nguyen thi thu ha": every word must match' },
      { name: 'name, typed with diacritics', queries: sample.map((s) => s.holder.fullName), note: 'as stored, folded by the service' },
      { name: 'ID number (12 digits)', queries: sample.map((s) => s.applicantIdNumber) },
      { name: 'phone', queries: sample.map((s) => s.applicantPhone) },
      { name: 'code (whole)', queries: sample.map((s) => s.code) },
      { name: 'code prefix (unit + day)', queries: sample.map(day), note: 'a day\'s dossiers, newest 50' },
    ];

    const core = createCore(ds.coreConfig());
    const ctx = systemContext('lan.nt');
    const measurements: Measurement[] = [];
    const found: Record<string, { kind: string; minResults: number; maxResults: number }> = {};
    try {
      for (const q of queries) {
        const samples: number[] = [];
        let minResults = Infinity;
        let maxResults = 0;
        let kind = '';
        const warmup = 10;
        for (let i = 0; i < warmup + n; i++) {
          const query = q.queries[i % q.queries.length]!;
          const t0 = process.hrtime.bigint();
          const r = await core.dispatch('dossiers.search', { query }, ctx);
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (!r.ok) throw new Error(`dossiers.search "${query}": ${r.error.code} ${r.error.message}`);
          const v = r.value as { kind: string; results: unknown[] };
          if (i >= warmup) samples.push(ms);
          kind = v.kind;
          minResults = Math.min(minResults, v.results.length);
          maxResults = Math.max(maxResults, v.results.length);
        }
        if (maxResults === 0) throw new Error(`"${q.name}": no query found anything; the dataset is not what the suite expects`);
        found[q.name] = { kind, minResults, maxResults };
        measurements.push(measurement(q.name, samples, { target: { maxP95: TARGET_P95_MS }, note: q.note }));
      }
    } finally {
      core.close();
    }
    return {
      measurements,
      meta: { dataDir: ds.dataDir, dossiers: ds.manifest.dossiers, seed: ds.manifest.seed, datasetReused: ds.reused, limit: 50, results: found },
    };
  },
};
