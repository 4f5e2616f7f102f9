import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore, databaseFileIn } from '../../src/main/core/core';
import { acquireDataDirLock } from '../../src/main/core/datadir/lock';
import { nodeHostConfig } from '../../src/main/core/runtime/node-config';
import { vnDateKey } from '../../src/shared/time/vn-time';
import { createRng, type Rng } from './random';
import { planReceivedTimes, type ReceivedPlan } from './received-times';
import { uuidV7At } from './uuid-v7';
import { applicant, procedure, type Applicant, type Procedure } from './vietnamese-data';

// Fills a data dir with a large, realistic dossier history for benchmarks. The schema comes from
// the app itself (createCore migrates the database), so benchmarks run against the real tables
// and indexes; only the bulk rows are written directly, because a million dispatch() calls would
// take an hour and would also fill the outbox, while generated history counts as already synced.

export const MANIFEST_FILE = 'bench-dataset.json';

export interface DatasetManifest {
  generator: 'motcua-bench';
  version: 1;
  seed: number;
  dossiers: number;
  days: number;
  /** The "now" the data was generated for; "today" in the data is its Vietnamese date. */
  now: string;
  vnDate: string;
  todayCount: number;
  generatedAt: string;
}

export interface GenerateOptions {
  dataDir: string;
  dossiers: number;
  /** How far back history goes, in days (default 365). */
  days?: number;
  seed?: number;
  /** The moment the data is generated for (default: the real now). Tests freeze it. */
  now?: Date;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  rows: number;
  todayCount: number;
  /** Everything: migration, planning, inserts, checkpoint. */
  totalMs: number;
  /** createCore() on the empty dir (creates and migrates the database). */
  migrateMs: number;
  /** Generating and inserting the rows, checkpoint included. */
  insertMs: number;
  rowsPerSecond: number;
  databaseFile: string;
  manifest: DatasetManifest;
}

export interface GeneratedDossier {
  id: string;
  receivedAt: number;
  applicant: Applicant;
  procedure: Procedure;
}

/**
 * The dossiers of a dataset in received order, from independent random streams (times, ids,
 * content) so that a change to one kind of data leaves the others as they were.
 */
export interface DossierStream extends Iterable<GeneratedDossier> {
  plan: ReceivedPlan;
}

export function generateDossiers(opts: { n: number; days: number; seed: number; now: Date }): DossierStream {
  const plan = planReceivedTimes({ n: opts.n, days: opts.days, now: opts.now, rng: createRng(opts.seed, 'received-at') });
  return {
    plan,
    *[Symbol.iterator]() {
      // Fresh streams per iteration, so iterating twice gives the same dossiers twice.
      const ids = createRng(opts.seed, 'ids');
      const content = createRng(opts.seed, 'content');
      for (const t of plan.times) yield dossierAt(t, ids, content, opts.now);
    },
  };
}

function dossierAt(receivedAt: number, ids: Rng, content: Rng, now: Date): GeneratedDossier {
  return { id: uuidV7At(receivedAt, ids), receivedAt, applicant: applicant(content, now), procedure: procedure(content) };
}

export function readManifest(dataDir: string): DatasetManifest | null {
  const file = join(dataDir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DatasetManifest;
  } catch {
    return null;
  }
}

/**
 * Creates (or migrates) the database in `dataDir` through the app's own createCore, then bulk
 * inserts the dossiers. Refuses a database that already holds dossiers: mixing generated rows
 * into real or earlier data would make both meaningless.
 */
export function generateDataset(opts: GenerateOptions): GenerateResult {
  const days = opts.days ?? 365;
  const seed = opts.seed ?? 1;
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 50_000;
  if (!Number.isInteger(opts.dossiers) || opts.dossiers < 0) throw new Error(`bad dossier count ${opts.dossiers}`);
  if (!Number.isInteger(days) || days < 0) throw new Error(`bad day count ${days}`);

  const started = process.hrtime.bigint();
  createCore(nodeHostConfig('cli', opts.dataDir)).close();
  const migrated = process.hrtime.bigint();

  // Hold the data-dir lock while writing, like the app, so nothing opens the half-filled database.
  const lock = acquireDataDirLock(opts.dataDir, { host: 'cli' });
  const databaseFile = databaseFileIn(opts.dataDir);
  const db = new Database(databaseFile);
  try {
    if (db.prepare('SELECT 1 FROM dossiers LIMIT 1').get() !== undefined) {
      throw new Error(`${databaseFile} already holds dossiers; generate into an empty data dir`);
    }
    // Bulk-load settings, for this connection only: no fsync per commit (a crash just means
    // generating again) and a large page cache. The WAL journal the app chose stays; the indexes
    // stay too: rows arrive in key order, so both B-trees only ever append.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144'); // 256 MiB
    db.pragma('temp_store = MEMORY');

    const insert = db.prepare(
      'INSERT INTO dossiers (id, applicant_name, procedure_name, received_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertBatch = db.transaction((rows: GeneratedDossier[]) => {
      // Created and last updated at receipt: the columns the schema has today.
      for (const r of rows) insert.run(r.id, r.applicant.name.full, r.procedure.name, r.receivedAt, r.receivedAt, r.receivedAt);
    });

    const dossiers = generateDossiers({ n: opts.dossiers, days, seed, now });
    let batch: GeneratedDossier[] = [];
    let done = 0;
    for (const d of dossiers) {
      batch.push(d);
      if (batch.length === batchSize) {
        insertBatch(batch);
        done += batch.length;
        batch = [];
        opts.onProgress?.(done, opts.dossiers);
      }
    }
    if (batch.length > 0) {
      insertBatch(batch);
      done += batch.length;
      opts.onProgress?.(done, opts.dossiers);
    }
    // Fold the WAL into the main file so the first open after this (the cold-start benchmark,
    // the app) doesn't pay for a large WAL replay that a real counter would never have.
    db.pragma('wal_checkpoint(TRUNCATE)');

    const finished = process.hrtime.bigint();
    const manifest: DatasetManifest = {
      generator: 'motcua-bench',
      version: 1,
      seed,
      dossiers: opts.dossiers,
      days,
      now: now.toISOString(),
      vnDate: vnDateKey(now),
      todayCount: dossiers.plan.todayCount,
      generatedAt: new Date().toISOString(),
    };
    writeFileSync(join(opts.dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const insertMs = Number(finished - migrated) / 1e6;
    return {
      rows: done,
      todayCount: dossiers.plan.todayCount,
      totalMs: Number(finished - started) / 1e6,
      migrateMs: Number(migrated - started) / 1e6,
      insertMs,
      rowsPerSecond: insertMs > 0 ? done / (insertMs / 1000) : 0,
      databaseFile,
      manifest,
    };
  } finally {
    db.close();
    lock.release();
  }
}
