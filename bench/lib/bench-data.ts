import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { CoreConfig } from '../../src/main/core/config';
import { databaseFileIn } from '../../src/main/core/core';
import { nodeHostConfig } from '../../src/main/core/runtime/node-config';
import type { ApplicantInput } from '../../src/shared/api/calls/dossiers';
import { defaultDataDir, prepareDataset, type PreparedDataset } from './dataset';
import { readDatasetContext, type DatasetContext } from './generate-dossiers';
import { createRng, type Rng } from './random';
import { intOption, stringOption, type OptionValues } from './suite';

// What the in-process suites (save-dossier, search, today-lists) share: the options that pick the
// dataset, the dataset itself, and samples of real rows to search for or bring back.

export const datasetOptions = {
  'data-dir': { type: 'string' },
  dossiers: { type: 'string' },
  seed: { type: 'string' },
  iterations: { type: 'string' },
} as const;

export interface BenchDataset extends PreparedDataset {
  databaseFile: string;
  context: DatasetContext;
  /**
   * The core's config for this dataset: the app's own (nodeHostConfig), on a clock that starts at
   * the moment the data was generated for and runs from there. So "today", what is due and what
   * is overdue are the dataset's, whenever the suite runs, and a dataset generated with --now on
   * a weekday measures a weekday.
   */
  coreConfig(dataDir?: string): CoreConfig;
  /**
   * A copy of the dataset in a scratch data dir, for suites that write (the generated dataset
   * stays as generated: the audit log is append-only, so writes can't be undone). Remove it with
   * `dispose()`.
   */
  scratchCopy(): { dataDir: string; databaseFile: string; dispose(): void };
  /** Random rows of the dataset, for queries and returning applicants (seeded: the same each run). */
  sample(n: number, stream: string): SampledDossier[];
}

export interface SampledDossier {
  rowid: number;
  code: string;
  applicantNameFolded: string;
  applicantIdNumber: string;
  applicantPhone: string;
  receivedAt: number;
  /** The holder as stored in applicants.data. */
  holder: ApplicantInput;
}

export async function openBenchDataset(values: OptionValues): Promise<BenchDataset> {
  const dossiers = intOption(values, 'dossiers', 1_000_000);
  const seed = intOption(values, 'seed', 1);
  const dataDir = stringOption(values, 'data-dir') ?? defaultDataDir(dossiers);
  const prepared = await prepareDataset({ dataDir, dossiers, seed, anyDay: true });
  const databaseFile = databaseFileIn(dataDir);
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const context = readDatasetContext(db);
    return {
      ...prepared,
      databaseFile,
      context,
      coreConfig(dir = dataDir) {
        const from = Date.parse(prepared.manifest.now);
        const started = Date.now();
        return { ...nodeHostConfig('cli', dir), clock: { now: () => new Date(from + (Date.now() - started)) } };
      },
      scratchCopy() {
        // Everything in the main file first (a reader may have left a WAL), then a plain file copy.
        const rw = new Database(databaseFile, { fileMustExist: true });
        rw.pragma('wal_checkpoint(TRUNCATE)');
        rw.close();
        const dir = mkdtempSync(join(dirname(dataDir), 'motcua-bench-scratch-'));
        const file = databaseFileIn(dir);
        copyFileSync(databaseFile, file);
        // Write the copy out now: otherwise the kernel flushes its gigabytes in the background
        // while the suite measures, and every fsync of a save waits behind them.
        const fd = openSync(file, 'r+');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        return { dataDir: dir, databaseFile: file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
      },
      sample(n, stream) {
        const rng: Rng = createRng(seed, `bench-sample:${stream}`);
        const ro = new Database(databaseFile, { readonly: true, fileMustExist: true });
        try {
          const max = ro.prepare('SELECT max(rowid) FROM dossiers').pluck().get() as number;
          const row = ro.prepare(
            `SELECT d.rowid, d.code, d.applicant_name_folded AS applicantNameFolded, d.applicant_id_number AS applicantIdNumber,
                    d.applicant_phone AS applicantPhone, d.received_at AS receivedAt, a.data AS holder
             FROM dossiers d JOIN applicants a ON a.id = d.applicant_id WHERE d.rowid = ?`,
          );
          const out: SampledDossier[] = [];
          while (out.length < n) {
            const r = row.get(1 + rng.int(max)) as (Omit<SampledDossier, 'holder'> & { holder: string }) | undefined;
            if (r) out.push({ ...r, holder: JSON.parse(r.holder) as ApplicantInput });
          }
          return out;
        } finally {
          ro.close();
        }
      },
    };
  } finally {
    db.close();
  }
}

export function iterations(values: OptionValues, fallback: number): number {
  const n = intOption(values, 'iterations', fallback);
  if (n < 20) throw new Error('--iterations must be at least 20: a p95 needs enough runs');
  return n;
}
