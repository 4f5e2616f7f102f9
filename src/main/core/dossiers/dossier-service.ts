import { and, desc, gte, lt } from 'drizzle-orm';
import type { DossierSummary, ParsedInput } from '../../../shared/api/contract';
import { vnDayRange } from '../../../shared/time/vn-time';
import type { Clock, IdSource } from '../config';
import { dossiers } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';

type DossierRow = typeof dossiers.$inferSelect;

function toSummary(row: DossierRow): DossierSummary {
  return {
    id: row.id,
    applicantName: row.applicantName,
    procedureName: row.procedureName,
    receivedAt: row.receivedAt.toISOString(),
  };
}

export function createDossierService(deps: { db: Db; commit: UnitOfWork; clock: Clock; ids: IdSource }) {
  const { db, commit, clock, ids } = deps;
  return {
    create(input: ParsedInput<'dossiers.create'>, actor: string): DossierSummary {
      const row = commit(
        (tx, at) =>
          tx
            .insert(dossiers)
            .values({ id: ids.uuid(), ...input, receivedAt: at, createdAt: at, updatedAt: at })
            .returning()
            .get(),
        (saved) => ({
          actor,
          action: 'dossier.create',
          entity: 'dossier',
          entityId: saved.id,
          syncPayload: toSummary(saved),
        }),
      );
      return toSummary(row);
    },

    /** Dossiers received during the current Vietnamese calendar day, newest first. */
    listToday(): DossierSummary[] {
      const { start, end } = vnDayRange(clock.now());
      return db
        .select()
        .from(dossiers)
        .where(and(gte(dossiers.receivedAt, start), lt(dossiers.receivedAt, end)))
        .orderBy(desc(dossiers.receivedAt))
        .all()
        .map(toSummary);
    },
  };
}

export type DossierService = ReturnType<typeof createDossierService>;
