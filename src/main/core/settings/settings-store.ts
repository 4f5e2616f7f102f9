import { eq } from 'drizzle-orm';
import { settings } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';

/** Small per-machine settings (key → JSON), each change audited. */
export function createSettingsStore(deps: { db: Db; commit: UnitOfWork }) {
  const { db, commit } = deps;
  return {
    get<T>(key: string): T | null {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? (row.value as T) : null;
    },
    /** `audited` replaces the value in the audit entry when it holds a secret. */
    set(key: string, value: unknown, actor: string, audited: unknown = value): void {
      commit(
        (tx, at) =>
          tx
            .insert(settings)
            .values({ key, value, updatedAt: at, updatedBy: actor })
            .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at, updatedBy: actor } })
            .run(),
        () => ({ actor, action: 'settings.set', entity: 'settings', entityId: key, syncPayload: null, details: audited }),
      );
    },
    remove(key: string, actor: string): void {
      commit(
        (tx) => tx.delete(settings).where(eq(settings.key, key)).run(),
        () => ({ actor, action: 'settings.remove', entity: 'settings', entityId: key, syncPayload: null }),
      );
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
