import type Database from 'better-sqlite3';

// The outbox as the sync engine sees it: what to send next, in which order, and what became of
// each entry. Plain SQL on the connection: these statements run per batch of hundreds of rows
// in the sync's hot loop.
//
// Dependencies are the outbox's own order: entries are sent oldest first (created_at, then the
// time-ordered id), so a dossier's receive goes before its status changes and its attach; an
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
  const pendingPage = sqlite.prepare<[number, number]>(
    `SELECT id, idempotency_key AS idempotencyKey, entity, entity_id AS entityId, operation, payload, created_at AS createdAt, attempts
     FROM outbox WHERE acknowledged_at IS NULL AND dead_at IS NULL
     ORDER BY created_at, id LIMIT ? OFFSET ?`,
  );
  const blockedEntities = sqlite.prepare(`SELECT DISTINCT entity || ':' || entity_id FROM outbox WHERE dead_at IS NOT NULL AND acknowledged_at IS NULL`).pluck();
  const ack = sqlite.prepare<[number, string]>(`UPDATE outbox SET acknowledged_at = ?, last_error = NULL WHERE id = ? AND acknowledged_at IS NULL`);
  const pendingOfEntity = sqlite.prepare<[string, string]>(`SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? AND acknowledged_at IS NULL LIMIT 1`).pluck();
  const ackDossier = sqlite.prepare<[number, string]>(`UPDATE dossiers SET acknowledged_at = ? WHERE id = ?`);
  const attempt = sqlite.prepare<[string | null, string]>(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?`);
  const dead = sqlite.prepare<[number, string | null, string]>(`UPDATE outbox SET dead_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ? AND acknowledged_at IS NULL`);
  const revive = sqlite.prepare<[string]>(`UPDATE outbox SET dead_at = NULL, attempts = 0 WHERE id = ? AND dead_at IS NOT NULL AND acknowledged_at IS NULL`);
  // Pending and dead in one pass: no index holds dead_at, so every unacknowledged row is read
  // for it, and the engine asks after every batch (bench/README.md, sync-push).
  const countUnacknowledged = sqlite.prepare(`SELECT count(*) - count(dead_at) AS pending, count(dead_at) AS dead FROM outbox WHERE acknowledged_at IS NULL`);
  const countAcked = sqlite.prepare(`SELECT count(*) FROM outbox WHERE acknowledged_at IS NOT NULL`).pluck();
  const viewColumns = `o.id, o.operation, o.entity_id AS entityId, d.code, o.created_at AS createdAt, o.attempts, o.last_error AS lastError, o.dead_at AS deadAt
     FROM outbox o LEFT JOIN dossiers d ON o.entity = 'dossier' AND d.id = o.entity_id`;
  const pendingViews = sqlite.prepare<[number]>(`SELECT ${viewColumns} WHERE o.acknowledged_at IS NULL AND o.dead_at IS NULL ORDER BY o.created_at, o.id LIMIT ?`);
  const deadViews = sqlite.prepare(`SELECT ${viewColumns} WHERE o.dead_at IS NOT NULL AND o.acknowledged_at IS NULL ORDER BY o.dead_at`);

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
      const blocked = new Set(blockedEntities.all() as string[]);
      const out: OutboxRow[] = [];
      for (let offset = 0; out.length < limit; offset += limit) {
        const page = pendingPage.all(limit, offset) as OutboxRow[];
        for (const r of page) if (!blocked.has(`${r.entity}:${r.entityId}`) && out.length < limit) out.push(parse(r));
        if (page.length < limit) break;
      }
      return out;
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
      const { pending, dead } = countUnacknowledged.get() as { pending: number; dead: number };
      return { pending, dead, acknowledged: countAcked.get() as number };
    },
    pendingViews: (limit: number) => pendingViews.all(limit) as OutboxView[],
    deadViews: () => deadViews.all() as OutboxView[],
  };
}

export type OutboxQueue = ReturnType<typeof createOutboxQueue>;
