import type { SyncAdapter } from './sync-adapter';

// The sync's configuration types, apart from the modules that use them so the core's config can
// name them without importing the engine (and everything it imports).

export interface SyncSettings {
  enabled: boolean;
  endpoint: string | null;
  adapter: 'motcua' | 'national';
  username: string | null;
  password: string | null;
  deviceId: string;
}

export interface SyncTuning {
  /** Between rounds when all is well. */
  intervalMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Per request. */
  timeoutMs: number;
  batchSize: number;
  chunkBytes: number;
  uploadConcurrency: number;
  feedPage: number;
  /** Retries of one request within a round, once the province has answered in that round. */
  requestRetries: number;
  /** At most this many such retries per round, so a sick server ends the round. */
  retryBudget: number;
  /** Wait after a local change, so a burst (save + attachments) goes in one batch. */
  debounceMs: number;
}

export interface AdapterHooks {
  /** The national messages name dossiers by code only: the counter's own id ↔ code lookup. */
  dossierCodes: { codeOf(id: string): string | null; idOf(code: string): string | null };
  onServerTime: (serverTime: Date, sentAt: Date, receivedAt: Date) => void;
}

export type AdapterFactory = (settings: SyncSettings, tuning: SyncTuning, hooks: AdapterHooks) => SyncAdapter;
