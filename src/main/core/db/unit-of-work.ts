import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Clock, IdSource } from '../config';
import { auditChainFor, type SqliteClient } from '../audit/audit-chain';
import { outbox } from './schema';

export type Db = BetterSQLite3Database;

export interface ChangeRecord {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  /** What the provincial system should receive; null for changes that do not sync. */
  syncPayload: unknown;
  details?: unknown;
}

/**
 * One write, one transaction: the change itself, its outbox entry and its audit entry commit
 * together or not at all, so a dossier can never be saved without being queued for sync or
 * without a trace of who saved it.
 */
export function createUnitOfWork(db: Db, deps: { clock: Clock; ids: IdSource; onQueued?: () => void }) {
  const client = (db as Db & { $client: SqliteClient }).$client;
  const chain = auditChainFor(client);
  return function commit<T>(apply: (tx: Db, at: Date) => T, describe: (result: T) => ChangeRecord): T {
    // Nested in a caller's transaction (a savepoint), the commit is not ours: the chain's cached
    // tail is trusted only after a top-level commit succeeded.
    const nested = client.inTransaction;
    let queued = false;
    try {
      const committed = db.transaction((tx) => {
        const at = deps.clock.now();
        const result = apply(tx, at);
        const change = describe(result);
        if (change.syncPayload !== null) {
          const id = deps.ids.uuid();
          tx.insert(outbox)
            .values({
              id,
              idempotencyKey: id,
              entity: change.entity,
              entityId: change.entityId,
              operation: change.action,
              payload: change.syncPayload,
              createdAt: at,
            })
            .run();
          queued = true;
        }
        chain.append({
          id: deps.ids.uuid(),
          at,
          actor: change.actor,
          action: change.action,
          entity: change.entity,
          entityId: change.entityId,
          details: change.details ?? null,
        });
        return result;
      }, { behavior: 'immediate' });
      if (nested) chain.forget();
      // Tell the sync only once the change is durable (a nested commit may still roll back).
      else if (queued) deps.onQueued?.();
      return committed;
    } catch (e) {
      chain.forget();
      throw e;
    }
  };
}

export type UnitOfWork = ReturnType<typeof createUnitOfWork>;
