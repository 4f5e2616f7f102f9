import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFileIn } from '../../src/main/core/core';
import { vnDateKey } from '../../src/shared/time/vn-time';
import { generateDataset, MANIFEST_FILE, MANIFEST_VERSION, readManifest, type DatasetManifest } from './generate-dossiers';

// Suites share one generated data dir: generating a million dossiers takes seconds, but not
// every run needs to pay that.

export function defaultDataDir(dossiers: number): string {
  return join(tmpdir(), `motcua-bench-${dossiers}`);
}

export interface PreparedDataset {
  dataDir: string;
  manifest: DatasetManifest;
  reused: boolean;
  generateMs: number | null;
}

/**
 * A data dir holding exactly `dossiers` generated dossiers whose "today" is today. A dir we
 * generated earlier is reused when it matches, and regenerated when it doesn't (another size or
 * seed, an older generator version, or generated on another day, so today's list would be
 * empty). A database we didn't generate is never touched.
 */
export async function prepareDataset(opts: {
  dataDir: string;
  dossiers: number;
  seed: number;
  /**
   * Reuse a matching dataset made for another day too (default: only today's). For suites that
   * run the core on the dataset's own clock (bench-data.ts), whose "today" is the dataset's.
   */
  anyDay?: boolean;
  log?: (s: string) => void;
}): Promise<PreparedDataset> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const db = databaseFileIn(opts.dataDir);
  const manifest = readManifest(opts.dataDir);
  if (existsSync(db) && !manifest) {
    throw new Error(`${db} was not made by bench:generate (no ${MANIFEST_FILE}); pass another --data-dir`);
  }
  const today = vnDateKey(new Date());
  if (manifest && existsSync(db)) {
    const current = manifest.version === MANIFEST_VERSION;
    if (current && manifest.dossiers === opts.dossiers && manifest.seed === opts.seed && (opts.anyDay || manifest.vnDate === today)) {
      log(`reusing ${opts.dataDir}: ${manifest.dossiers} dossiers, ${manifest.todayCount} today (generated ${manifest.generatedAt})`);
      return { dataDir: opts.dataDir, manifest, reused: true, generateMs: null };
    }
    log(`regenerating ${opts.dataDir}: it holds ${manifest.dossiers} dossiers, seed ${manifest.seed}, for ${manifest.vnDate}, generator v${manifest.version}`);
  }
  for (const f of [db, `${db}-wal`, `${db}-shm`, join(opts.dataDir, MANIFEST_FILE)]) rmSync(f, { force: true });

  log(`generating ${opts.dossiers} dossiers into ${opts.dataDir} …`);
  const result = await generateDataset({ dataDir: opts.dataDir, dossiers: opts.dossiers, seed: opts.seed });
  log(`generated ${result.rows} rows in ${(result.totalMs / 1000).toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s)`);
  return { dataDir: opts.dataDir, manifest: result.manifest, reused: false, generateMs: result.totalMs };
}
