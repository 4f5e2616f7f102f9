import type { SyncTuning } from './sync-types';

const ENV: Record<string, keyof SyncTuning> = {
  MOTCUA_SYNC_INTERVAL_MS: 'intervalMs',
  MOTCUA_SYNC_BASE_BACKOFF_MS: 'baseBackoffMs',
  MOTCUA_SYNC_MAX_BACKOFF_MS: 'maxBackoffMs',
  MOTCUA_SYNC_TIMEOUT_MS: 'timeoutMs',
  MOTCUA_SYNC_BATCH: 'batchSize',
  MOTCUA_SYNC_CHUNK_BYTES: 'chunkBytes',
  MOTCUA_SYNC_UPLOADS: 'uploadConcurrency',
  MOTCUA_SYNC_FEED_PAGE: 'feedPage',
};

/**
 * Sync timings from the environment (MOTCUA_SYNC_MAX_BACKOFF_MS=2000 …): for tests, the chaos
 * run and a trainer's demo. Positive integers only; anything else is ignored.
 */
export function syncTuningFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SyncTuning> {
  const out: Partial<SyncTuning> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw !== undefined && /^\d{1,9}$/.test(raw) && Number(raw) > 0) out[key] = Number(raw);
  }
  return out;
}
