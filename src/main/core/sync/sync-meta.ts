import type Database from 'better-sqlite3';
import type { Clock } from '../config';

/** The sync's own small state (cursor, last success, clock reading), one JSON value per key. */
export function createSyncMeta(sqlite: Database.Database, clock: Clock) {
  const read = sqlite.prepare<[string]>('SELECT value FROM sync_meta WHERE key = ?').pluck();
  const write = sqlite.prepare<[string, string, number]>(
    'INSERT INTO sync_meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = sqlite.prepare<[string]>('DELETE FROM sync_meta WHERE key = ?');
  return {
    get<T>(key: string): T | null {
      const v = read.get(key) as string | undefined;
      return v === undefined ? null : (JSON.parse(v) as T);
    },
    remove(key: string): void {
      remove.run(key);
    },
    /** Runs in the caller's transaction when there is one (the feed's cursor with its page). */
    set(key: string, value: unknown): void {
      write.run(key, JSON.stringify(value), clock.now().getTime());
    },
  };
}

export type SyncMeta = ReturnType<typeof createSyncMeta>;
