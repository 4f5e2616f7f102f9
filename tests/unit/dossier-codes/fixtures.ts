import { drizzle } from 'drizzle-orm/better-sqlite3';
import type Database from 'better-sqlite3';
import { dossiers } from '../../../src/main/core/db/schema';
import type { Db } from '../../../src/main/core/db/unit-of-work';
import { allocateDossierCode, type CodeRequest } from '../../../src/main/core/dossiers/code-allocator';

export const UNIT = '000.00.06.H56';

/** Monday 7 – Friday 11 December 2026: five ordinary working days (no holiday, no swap). */
export const workingDays = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];

/** An instant given as Vietnamese wall-clock time. */
export function vn(local: string): Date {
  return new Date(`${local}+07:00`);
}

let n = 0;

/** Inserts a dossier row holding `code`, as the dossier save (or a sync) would. */
export function insertDossier(tx: Db, code: string, at = new Date('2026-11-23T03:00:00Z')): void {
  tx.insert(dossiers)
    .values({ id: `d-${++n}`, applicantName: 'Trần Thị Bình', procedureName: 'Đăng ký khai sinh', receivedAt: at, createdAt: at, updatedAt: at, code })
    .run();
}

/** What the dossier save does: allocate and insert in one immediate transaction. */
export function receive(sqlite: Database.Database, req: CodeRequest) {
  const db = drizzle({ client: sqlite });
  return db.transaction(
    (tx) => {
      const got = allocateDossierCode(tx, req);
      insertDossier(tx, got.code, req.at);
      return got;
    },
    { behavior: 'immediate' },
  );
}
