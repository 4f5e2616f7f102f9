import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileIn } from '../../src/main/core/core';
import { sha256Hex } from '../../src/main/core/files/file-store';
import { COLD_START_MARKER, type ColdStartSample } from '../lib/cold-start-protocol';
import { defaultDataDir, prepareDataset } from '../lib/dataset';
import { measurement, runChildToMarker, type ChildRun } from '../lib/runner';
import { intOption, stringOption, type BenchSuite } from '../lib/suite';

// The foundation's performance promise: "core cold start on a 1M-dossier database to the first
// answered call, median of 5 runs ≤ 800 ms". Each run is a fresh Node process, because what a
// clerk waits for after launching the app is a process that has never touched the database.

const TARGET_MS = 800;
const PROJECT_ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, '..', 'cold-start-child.ts');

/**
 * Drops the database file's pages from the OS cache (GNU dd with iflag=nocache; needs no root),
 * to approximate the first launch after a reboot. Node, its modules and the loader stay cached.
 */
function evictFromPageCache(file: string): void {
  execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
}

const BENCH_MEDIA_TYPE = 'application/x-motcua-bench';

/**
 * `count` small stored files, each with its stored_files row (a counter's scanned pages, as far as
 * the start-up sweep is concerned), added to the dataset once and kept. Written plainly, without
 * the store's fsyncs: this sets up a measurement, it is not a write to be trusted after a crash.
 */
function ensureStoredFiles(dataDir: string, count: number): number {
  const db = new Database(databaseFileIn(dataDir));
  try {
    const have = db.prepare('SELECT count(*) FROM stored_files WHERE media_type = ?').pluck().get(BENCH_MEDIA_TYPE) as number;
    const insert = db.prepare('INSERT OR IGNORE INTO stored_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)');
    const add = db.transaction((from: number) => {
      for (let i = from; i < count; i++) {
        const bytes = Buffer.from(`bench stored file ${i}`);
        const sha = sha256Hex(bytes);
        const dir = join(dataDir, 'files', 'sha256', sha.slice(0, 2));
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(join(dir, sha), bytes, { mode: 0o600 });
        insert.run(sha, bytes.byteLength, BENCH_MEDIA_TYPE, Date.now());
      }
    });
    if (have < count) add(have);
    return Math.max(have, count);
  } finally {
    db.close();
  }
}

export const coldStartSuite: BenchSuite = {
  name: 'cold-start',
  description: 'fresh process → createCore on a large database → first dossiers.today answered',
  options: {
    'data-dir': { type: 'string' },
    dossiers: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    'cold-cache': { type: 'boolean' },
    files: { type: 'string' },
    unclean: { type: 'boolean' },
  },
  async run(values) {
    const dossiers = intOption(values, 'dossiers', 1_000_000);
    const seed = intOption(values, 'seed', 1);
    const runs = intOption(values, 'runs', 5);
    const warmup = intOption(values, 'warmup', 1);
    const coldCache = values['cold-cache'] === true;
    const files = intOption(values, 'files', 0);
    const unclean = values.unclean === true;
    const dataDir = stringOption(values, 'data-dir') ?? defaultDataDir(dossiers);
    const dataset = await prepareDataset({ dataDir, dossiers, seed });
    const dbFile = databaseFileIn(dataDir);
    const storedFiles = files > 0 ? ensureStoredFiles(dataDir, files) : null;

    // The child runs TypeScript through tsx's loader in the same Node binary as this process
    // (Node 22 from the project's devDependency). The loader's transform cache is filled by the
    // warm-up run, so measured runs pay for loading, not compiling.
    const args = ['--import', 'tsx', CHILD, '--data-dir', dataDir];
    const samples: ColdStartSample[] = [];
    const children: ChildRun[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      if (coldCache) evictFromPageCache(dbFile);
      // As after a crash: no clean-shutdown marker, so this start sweeps every stored file.
      if (unclean) rmSync(join(dataDir, 'motcua.clean-shutdown'), { force: true });
      const child = await runChildToMarker({ command: process.execPath, args, marker: COLD_START_MARKER, cwd: PROJECT_ROOT });
      if (child.exitCode !== 0) throw new Error(`cold-start child exited with ${child.exitCode}\n${child.stderr}`);
      const sample = JSON.parse(child.markerPayload) as ColdStartSample;
      const label = i < warmup ? 'warm-up' : `run ${i - warmup + 1}`;
      console.log(
        `${label.padEnd(8)} core ${sample.coreColdStartMs.toFixed(1)} ms (createCore ${sample.createCoreMs.toFixed(1)}, ` +
          `today ${sample.firstCallMs.toFixed(1)}, ${sample.rows} rows), process ${sample.sinceProcessStartMs.toFixed(0)} ms`,
      );
      if (i >= warmup) {
        samples.push(sample);
        children.push(child);
      }
    }
    if (samples.some((s) => s.rows === 0)) {
      throw new Error('today\'s list came back empty: the dataset has no dossiers for today, so nothing was measured');
    }

    const pick = (f: (s: ColdStartSample) => number) => samples.map(f);
    const rss = children.map((c) => c.peakRssAtMarkerMiB).filter((v): v is number => v !== null);
    const measurements = [
      measurement('core cold start (createCore + first call)', pick((s) => s.coreColdStartMs), {
        target: { maxMedian: TARGET_MS },
        note: 'nodeHostConfig + createCore (lock, open, migration check) + first dossiers.today answered',
      }),
      measurement('  createCore', pick((s) => s.createCoreMs)),
      measurement('  first dossiers.today', pick((s) => s.firstCallMs)),
      measurement('node bootstrap + tsx loader', pick((s) => s.enteredMs)),
      measurement('module load (core, tsx loader)', pick((s) => s.moduleLoadMs)),
      measurement('process start → first answer', pick((s) => s.sinceProcessStartMs), {
        note: 'from Node\'s own start (performance.timeOrigin): bootstrap + tsx loader + module load + core',
      }),
      measurement('spawn → answer seen by parent', children.map((c) => c.toMarkerMs), {
        note: 'wall clock in the parent, spawn() to the result line arriving on the pipe',
      }),
      measurement('peak RSS at first answer', pick((s) => s.maxRssMiB), { unit: 'MiB' }),
    ];
    if (rss.length > 0) measurements.push(measurement('peak RSS seen by parent (VmHWM)', rss, { unit: 'MiB' }));

    return {
      measurements,
      meta: {
        dataDir,
        dossiers: dataset.manifest.dossiers,
        todayRows: samples[0]?.rows,
        seed,
        datasetReused: dataset.reused,
        generateMs: dataset.generateMs,
        pageCache: coldCache ? 'database evicted before each run' : 'warm',
        storedFiles,
        startAfter: unclean ? 'an unclean shutdown (stored files swept)' : 'a clean shutdown (no sweep)',
        warmup,
        child: [process.execPath, ...args].join(' '),
      },
    };
  },
};
