import type Database from 'better-sqlite3';

// The outbox as the sync engine sees it: what to send next, in which order, and what became of
// each entry. Plain SQL on the connection: these statements run per batch of hundreds of rows
// in the sync's hot loop.
//
// Dependencies are the outbox's own order: entries are sent in the order they were written, so a dossier's receive goes before its status changes and its attach; an
// attach goes only after the files it names are on the server (the engine uploads them first).
// An entity with a dead letter is blocked: its later changes wait behind the refused one until
// a supervisor retries it, so the province never sees an update of a dossier it refused.

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  entity: string;
  entityId: string;
  operation: string;
  payload: unknown;
  createdAt: number;
  attempts: number;
}

export interface OutboxView {
  id: string;
  operation: string;
  entityId: string;
  code: string | null;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  deadAt: number | null;
}

export function createOutboxQueue(sqlite: Database.Database) {
  // Insertion order (rowid), not the clock: a clock set back must not put a status change
  // before the receive it follows. outbox_queue_idx walks the pending rows in rowid order; the
  // blocked check uses outbox_entity_idx.
  const nextPending = sqlite.prepare<[number]>(
    `SELECT o.id, o.idempotency_key AS idempotencyKey, o.entity, o.entity_id AS entityId, o.operation, o.payload, o.created_at AS createdAt, o.attempts
     FROM outbox o INDEXED BY outbox_queue_idx
     WHERE o.acknowledged_at IS NULL AND o.dead_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.entity = o.entity AND d.entity_id = o.entity_id AND d.acknowledged_at IS NULL AND d.dead_at IS NOT NULL)
     ORDER BY o.rowid LIMIT ?`,
  );
  const ack = sqlite.prepare<[number, string]>(`UPDATE outbox SET acknowledged_at = ?, last_error = NULL WHERE id = ? AND acknowledged_at IS NULL`);
  const pendingOfEntity = sqlite.prepare<[string, string]>(`SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? AND acknowledged_at IS NULL LIMIT 1`).pluck();
  const ackDossier = sqlite.prepare<[number, string]>(`UPDATE dossiers SET acknowledged_at = ? WHERE id = ?`);
  const attempt = sqlite.prepare<[string | null, string]>(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?`);
  const dead = sqlite.prepare<[number, string | null, string]>(`UPDATE outbox SET dead_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ? AND acknowledged_at IS NULL`);
  const revive = sqlite.prepare<[string]>(`UPDATE outbox SET dead_at = NULL, attempts = 0 WHERE id = ? AND dead_at IS NOT NULL AND acknowledged_at IS NULL`);
  const countPending = sqlite.prepare(`SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL AND dead_at IS NULL`).pluck();
  const countDead = sqlite.prepare(`SELECT count(*) FROM outbox WHERE dead_at IS NOT NULL AND acknowledged_at IS NULL`).pluck();
  const countAcked = sqlite.prepare(`SELECT count(*) FROM outbox WHERE acknowledged_at IS NOT NULL`).pluck();
  const viewColumns = `o.id, o.operation, o.entity_id AS entityId, d.code, o.created_at AS createdAt, o.attempts, o.last_error AS lastError, o.dead_at AS deadAt
     FROM outbox o LEFT JOIN dossiers d ON o.entity = 'dossier' AND d.id = o.entity_id`;
  const pendingViews = sqlite.prepare<[number]>(`SELECT ${viewColumns} WHERE o.acknowledged_at IS NULL AND o.dead_at IS NULL ORDER BY o.rowid LIMIT ?`);
  const deadViews = sqlite.prepare<[number]>(`SELECT ${viewColumns} WHERE o.dead_at IS NOT NULL AND o.acknowledged_at IS NULL ORDER BY o.dead_at LIMIT ?`);

  const parse = (r: OutboxRow): OutboxRow => ({ ...r, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload });

  const settle = sqlite.transaction((acked: { id: string; entity: string; entityId: string }[], at: number) => {
    for (const e of acked) {
      if (ack.run(at, e.id).changes === 0) continue;
      if (e.entity === 'dossier' && pendingOfEntity.get(e.entity, e.entityId) === undefined) ackDossier.run(at, e.entityId);
    }
  });

  const attempts = sqlite.transaction((ids: string[], error: string | null) => {
    for (const id of ids) attempt.run(error, id);
  });
  const reviveAll = sqlite.transaction((ids: string[]) => ids.reduce((n, id) => n + revive.run(id).changes, 0));

  return {
    /**
     * The next entries to send, oldest first, at most `limit`, skipping entities blocked by a
     * dead letter. Reads further pages only when whole pages were blocked.
     */
    nextBatch(limit: number): OutboxRow[] {
      return (nextPending.all(limit) as OutboxRow[]).map(parse);
    },
    /** The province acknowledged these (applied or already done): in one transaction. */
    acknowledge(entries: { id: string; entity: string; entityId: string }[], at: Date): void {
      if (entries.length > 0) settle(entries, at.getTime());
    },
    /** Not acknowledged this time (unlisted, "retry", a failed request): counted, reason kept. */
    recordAttempts(ids: string[], error: string | null): void {
      attempts(ids, error);
    },
    /** Refused for good: a dead letter, shown to supervisors, never dropped. */
    markDead(id: string, reason: string, at: Date): void {
      dead.run(at.getTime(), reason, id);
    },
    /** A supervisor sends dead letters again; returns how many were dead. */
    retry(ids: string[]): number {
      return reviveAll(ids);
    },
    counts(): { pending: number; dead: number; acknowledged: number } {
      return { pending: countPending.get() as number, dead: countDead.get() as number, acknowledged: countAcked.get() as number };
    },
    pendingViews: (limit: number) => pendingViews.all(limit) as OutboxView[],
    deadViews: (limit = 1000) => deadViews.all(limit) as OutboxView[],
  };
}

export type OutboxQueue = ReturnType<typeof createOutboxQueue>;
