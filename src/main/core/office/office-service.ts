import { eq } from 'drizzle-orm';
import type { OfficeProfile } from '../../../shared/api/calls/office';
import { settings } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';

const KEY = 'office';

/** The unit's profile (codes, address, working hours, this counter's number): one settings row. */
export function createOfficeService(deps: { db: Db; commit: UnitOfWork }) {
  const { db, commit } = deps;
  let cached: OfficeProfile | null | undefined;
  return {
    get(): OfficeProfile | null {
      if (cached === undefined) {
        const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
        cached = row ? (row.value as OfficeProfile) : null;
      }
      return cached;
    },
    /** Writes inside an existing transaction (first-run setup) or its own. */
    write(tx: Db, profile: OfficeProfile, actor: string, at: Date): void {
      tx.insert(settings)
        .values({ key: KEY, value: profile, updatedAt: at, updatedBy: actor })
        .onConflictDoUpdate({ target: settings.key, set: { value: profile, updatedAt: at, updatedBy: actor } })
        .run();
      cached = undefined;
    },
    update(profile: OfficeProfile, actor: string): OfficeProfile {
      commit(
        (tx, at) => this.write(tx, profile, actor, at),
        () => ({ actor, action: 'office.update', entity: 'settings', entityId: KEY, syncPayload: null, details: profile }),
      );
      return profile;
    },
  };
}

export type OfficeService = ReturnType<typeof createOfficeService>;
