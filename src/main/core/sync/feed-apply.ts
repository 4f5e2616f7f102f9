import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { CalendarService } from '../calendar/calendar-service';
import type { CatalogService } from '../catalog/catalog-service';
import { dossiers } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { Logger } from '../logging/logger';
import { rowFromRecord } from './dossier-record';
import { checkProcedure } from '../../../shared/catalog/validate';
import type { FeedItem, FeedReply } from './protocol';

// One page of the province's feed, applied in one transaction together with the cursor that
// follows it: a crash leaves either the whole page and its cursor or neither, and a page seen
// twice (at-least-once delivery) changes nothing the second time, thanks to the versions.
//
// Who wins: the province decides the processing status (and with it the due date and the
// pause); the counter owns the intake data. A dossier with a change of ours still on its way is
// left alone: the province will send it again, with a higher version, once it has applied ours.

export const SYNC_ACTOR = 'system:sync';

export interface FeedApplyDeps {
  db: Db;
  sqlite: Database.Database;
  commit: UnitOfWork;
  catalog: CatalogService;
  calendar: CalendarService;
  logger: Logger;
  saveCursor: (cursor: string) => void;
  /** Where an item held back behind a change of ours waits (one per dossier, the newest). */
  held: { get(dossierId: string): DossierItem | null; put(item: DossierItem): void; drop(dossierId: string): void };
}

export interface PageOutcome {
  changedDossiers: string[];
  catalogUpdated: number;
  calendarUpdated: number;
  skipped: number;
}

export type DossierItem = Extract<FeedItem, { kind: 'dossier' }>;

export function createFeedApplier(deps: FeedApplyDeps) {
  const { db, sqlite, commit } = deps;
  const pendingOf = sqlite.prepare<[string]>(`SELECT 1 FROM outbox WHERE entity = 'dossier' AND entity_id = ? AND acknowledged_at IS NULL LIMIT 1`).pluck();
  const codeOwner = sqlite.prepare<[string]>(`SELECT id FROM dossiers WHERE code = ?`).pluck();
  const peek = sqlite.prepare<[string]>('SELECT remote_version AS remoteVersion, status, due_at AS dueAt FROM dossiers WHERE id = ?');
  const setVersion = sqlite.prepare<[number, string]>(`UPDATE dossiers SET remote_version = ? WHERE id = ?`);

  /** Returns whether the local dossier changed. */
  function applyDossier(item: DossierItem): boolean {
    const rec = item.dossier;
    // The common item is the province echoing what we sent: decided on a prepared peek, the
    // full row read only when something is to change.
    const seen = peek.get(rec.id) as { remoteVersion: number | null; status: number; dueAt: number | null } | undefined;
    if (!seen) {
      // Received at another counter of the unit. Codes cannot collide by construction
      // (docs/dossier-codes.md); should one anyway, keep ours and say so in the log.
      const holder = codeOwner.get(rec.code) as string | undefined;
      if (holder !== undefined) {
        deps.logger.error('feed dossier code already used here', { code: rec.code, id: rec.id, localId: holder });
        return false;
      }
      commit(
        (tx, at) => tx.insert(dossiers).values(rowFromRecord(withProvinceNews(rec, item), item.version, at)).run(),
        () => ({
          actor: SYNC_ACTOR,
          action: 'dossier.syncReceive',
          entity: 'dossier',
          entityId: rec.id,
          syncPayload: null,
          details: { toStatus: rec.status, code: rec.code, counter: rec.counterNumber },
        }),
      );
      return true;
    }
    if (seen.remoteVersion !== null && item.version <= seen.remoteVersion) return false;
    if (pendingOf.get(rec.id) !== undefined) {
      // A change of ours is on its way: the province's view is older than ours. Kept aside and
      // applied when ours is acknowledged (the province may answer "duplicate" and never send a
      // newer version), unless a newer item replaces it first.
      const held = deps.held.get(rec.id);
      if (!held || held.version < item.version) deps.held.put(item);
      return false;
    }
    const statusChanged = seen.status !== rec.status;
    const dueAt = rec.dueAt ? new Date(rec.dueAt) : null;
    // An extension (form 04) can come without a new status.
    const datesChanged = (dueAt?.getTime() ?? null) !== seen.dueAt;
    const news = item.progress !== null || item.result !== null;
    if (!statusChanged && !datesChanged && !news) {
      // The province echoing what this counter sent: only the version is noted (bookkeeping, no
      // audit entry — nothing a person did or will see).
      setVersion.run(item.version, rec.id);
      return false;
    }
    const local = db.select().from(dossiers).where(eq(dossiers.id, rec.id)).get()!;
    // The pause follows the record only with a new status: a source that cannot carry it (the
    // national feed) must not clear a supplement request's pause, which the due date depends on.
    const pausedAt = statusChanged ? (rec.pausedAt ? new Date(rec.pausedAt) : null) : local.pausedAt;
    commit(
      (tx, at) => {
        const set: Partial<typeof dossiers.$inferInsert> = { remoteVersion: item.version, details: withProvinceNews(rec, item, local.details).details };
        if (statusChanged || datesChanged) Object.assign(set, { status: rec.status, dueAt, pausedAt, revision: local.revision + 1, updatedAt: at });
        tx.update(dossiers).set(set).where(eq(dossiers.id, rec.id)).run();
      },
      () => ({
        actor: SYNC_ACTOR,
        action: statusChanged ? 'dossier.syncStatus' : 'dossier.syncProgress',
        entity: 'dossier',
        entityId: rec.id,
        syncPayload: null,
        details: statusChanged
          ? { fromStatus: local.status, toStatus: rec.status, note: item.progress?.content ?? item.result?.note ?? null, version: item.version }
          : { version: item.version, dueAt: datesChanged ? rec.dueAt : undefined },
      }),
    );
    return true;
  }

  const applyPage = (reply: FeedReply): PageOutcome => {
    const out: PageOutcome = { changedDossiers: [], catalogUpdated: 0, calendarUpdated: 0, skipped: 0 };
    const procedures: Record<string, unknown>[] = [];
    for (const item of reply.items) {
      // One item that cannot be applied (a conflict, a bug) is logged and passed over in its own
      // savepoint: it must not stop the feed for every later decision.
      try {
        isolated(() => {
          if (item.kind === 'dossier') {
            if (applyDossier(item)) out.changedDossiers.push(item.dossier.id);
            else out.skipped++;
          } else if (item.kind === 'catalog') {
            // Validated like an admin's import; a broken record is reported and skipped alone.
            if (checkProcedure(item.procedure).ok) procedures.push(item.procedure);
            else deps.logger.error('feed procedure refused', { seq: item.seq, code: String(item.procedure.code ?? '') });
          } else {
            deps.calendar.applySynced(item.date, item.day, SYNC_ACTOR);
            out.calendarUpdated++;
          }
        });
      } catch (e) {
        out.skipped++;
        deps.logger.error('feed item not applied', { seq: item.seq, kind: item.kind, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (procedures.length > 0) {
      const report = deps.catalog.importFile({ format: 'motcua-catalog', version: 1, procedures }, SYNC_ACTOR);
      if (report.errors.length > 0) deps.logger.error('feed catalogue refused', { errors: report.errors.slice(0, 5) });
      out.catalogUpdated = report.added + report.updated;
    }
    deps.saveCursor(reply.cursor);
    return out;
  };

  const isolated = sqlite.transaction((fn: () => void) => fn());

  /** After our last change of these dossiers was acknowledged: the province's news kept aside. */
  const applyHeld = (dossierIds: string[]): string[] => {
    const changed: string[] = [];
    for (const id of dossierIds) {
      const item = deps.held.get(id);
      if (!item || pendingOf.get(id) !== undefined) continue;
      deps.held.drop(id);
      try {
        isolated(() => {
          if (applyDossier(item)) changed.push(id);
        });
      } catch (e) {
        deps.logger.error('held feed item not applied', { id, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return changed;
  };

  return {
    applyPage: (reply: FeedReply) => sqlite.transaction(applyPage).immediate(reply),
    applyHeld: (dossierIds: string[]) => sqlite.transaction(applyHeld).immediate(dossierIds),
  };
}

/** The province's progress and result, kept in the dossier's details for the drawer and forms. */
function withProvinceNews<T extends { details: Record<string, unknown> | null }>(rec: T, item: DossierItem, localDetails?: unknown): T {
  const base = (localDetails ?? rec.details ?? {}) as Record<string, unknown>;
  const details = { ...base };
  if (item.progress) details.provinceProgress = item.progress;
  if (item.result) details.provinceResult = item.result;
  return { ...rec, details };
}
