import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock, IdSource } from '../config';
import { canonicalJsonOfJson, canonicalString, toJsonValue } from './canonical-json';

// The audit log as a hash chain. Every entry gets the next `seq` and
//   hash = SHA-256 hex of (prevHash + canonical JSON of {seq, id, at, actor, action, entity, entityId, details})
// where prevHash is the previous entry's hash (GENESIS_HASH for seq 1). The latest (seq, hash)
// is also kept in `settings` under 'audit.head', written in the same transaction, so that
// deleting the last entries is noticed too. docs/audit.md says what this proves and what not.

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** The settings key of the chain's head: `{seq, hash}` of the latest entry. */
export const AUDIT_HEAD_KEY = 'audit.head';

export type SqliteClient = Database.Database;

/** What a caller records; the chain adds seq, prevHash and hash. */
export interface AuditEntry {
  id: string;
  at: Date | number;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details?: unknown;
}

export interface ChainLink {
  seq: number;
  hash: string;
}

/** Exactly the fields that are hashed: `at` in ms since the epoch, `details` as plain JSON (or null). */
export interface HashedEntry {
  seq: number;
  id: string;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: unknown;
}

export function entryHash(prevHash: string, e: HashedEntry): string {
  // canonicalJson of the eight fields, written out in their sorted order (the hot path of
  // append and verify): action, actor, at, details, entity, entityId, id, seq.
  const body =
    `{"action":${canonicalString(e.action)},"actor":${canonicalString(e.actor)},"at":${JSON.stringify(e.at)},` +
    `"details":${canonicalJsonOfJson(e.details)},"entity":${canonicalString(e.entity)},` +
    `"entityId":${canonicalString(e.entityId)},"id":${canonicalString(e.id)},"seq":${JSON.stringify(e.seq)}}`;
  return createHash('sha256').update(prevHash + body, 'utf8').digest('hex');
}

/** The details column as the hash sees it: NULL → null, JSON text → its value, anything else → the text itself. */
export function detailsFromColumn(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The head as stored in settings, or null when absent or not a {seq, hash} pair. */
export function parseHead(text: string | undefined | null): ChainLink | null {
  if (typeof text !== 'string') return null;
  try {
    const v = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    return Number.isSafeInteger(v.seq) && typeof v.hash === 'string' ? { seq: v.seq as number, hash: v.hash } : null;
  } catch {
    return null;
  }
}

export interface AuditChain {
  /**
   * Appends one entry inside the caller's write transaction (BEGIN IMMEDIATE, so reading the
   * tail and writing the next seq cannot race another writer) and moves the head.
   */
  append(entry: AuditEntry): ChainLink & { prevHash: string };
  /** Drops the cached tail (the transaction that appended may not have committed). */
  forget(): void;
  /**
   * Chains rows written before the chain existed (seq NULL), in id order, in one transaction,
   * and records that with an 'audit.seal' entry. Only while no entry is chained yet: a NULL row
   * beside a chain was not written by the app, and is left for `audit verify` to report.
   */
  sealLegacy(deps: { clock: Clock; ids: IdSource }): { sealed: number; leftUnsealed: number };
}

const chains = new WeakMap<SqliteClient, AuditChain>();

/** The chain of one connection; one per connection so every writer shares its cached tail. */
export function auditChainFor(client: SqliteClient): AuditChain {
  let chain = chains.get(client);
  if (!chain) {
    chain = createAuditChain(client);
    chains.set(client, chain);
  }
  return chain;
}

/** `auditChainFor(client).append(entry)`: inside the caller's transaction. */
export function appendAudit(client: SqliteClient, entry: AuditEntry): ChainLink & { prevHash: string } {
  return auditChainFor(client).append(entry);
}

function createAuditChain(client: SqliteClient): AuditChain {
  // Prepared on first use: the tables exist only once the database is migrated.
  let stmts: ReturnType<typeof prepare> | undefined;
  const prepare = () => ({
    dataVersion: client.prepare('PRAGMA data_version').pluck(),
    tail: client.prepare('SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1'),
    head: client.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
    insert: client.prepare(
      `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, details, seq, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setHead: client.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    countChained: client.prepare('SELECT count(*) FROM audit_log WHERE seq IS NOT NULL').pluck(),
    countLegacy: client.prepare('SELECT count(*) FROM audit_log WHERE seq IS NULL').pluck(),
    legacyPage: client.prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, details FROM audit_log
       WHERE seq IS NULL AND id > ? ORDER BY id LIMIT 1000`,
    ),
    seal: client.prepare('UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?'),
  });
  const s = () => (stmts ??= prepare());

  // The tail in memory: valid while no other connection has committed (PRAGMA data_version is
  // unchanged; only one process owns a data dir, so normally it never changes) and while every
  // transaction that appended also committed (the unit of work calls forget() otherwise).
  let cached: (ChainLink & { dataVersion: number }) | null = null;

  /**
   * The tail from the database: the last chained row, unless the recorded head is further on
   * (the last entries were deleted): then the chain continues from the head, so the gap stays
   * visible to `audit verify` instead of being papered over by the next entry.
   */
  const readTail = (): ChainLink => {
    const row = s().tail.get() as { seq: number; hash: string | null } | undefined;
    const fromTable: ChainLink = row ? { seq: row.seq, hash: row.hash ?? GENESIS_HASH } : { seq: 0, hash: GENESIS_HASH };
    const head = parseHead(s().head.get(AUDIT_HEAD_KEY) as string | undefined);
    return head && head.seq > fromTable.seq ? head : fromTable;
  };

  const write = (e: AuditEntry, tail: ChainLink, dataVersion: number) => {
    const details = toJsonValue(e.details);
    const entry: HashedEntry = {
      seq: tail.seq + 1,
      id: e.id,
      at: typeof e.at === 'number' ? e.at : e.at.getTime(),
      actor: e.actor.normalize('NFC'),
      action: e.action.normalize('NFC'),
      entity: e.entity.normalize('NFC'),
      entityId: e.entityId.normalize('NFC'),
      details,
    };
    const hash = entryHash(tail.hash, entry);
    s().insert.run(
      entry.id,
      entry.at,
      entry.actor,
      entry.action,
      entry.entity,
      entry.entityId,
      details === null ? null : JSON.stringify(details),
      entry.seq,
      tail.hash,
      hash,
    );
    s().setHead.run(AUDIT_HEAD_KEY, JSON.stringify({ seq: entry.seq, hash }), entry.at, entry.actor);
    cached = { seq: entry.seq, hash, dataVersion };
    return { seq: entry.seq, prevHash: tail.hash, hash };
  };

  return {
    append(entry) {
      if (!client.inTransaction) throw new Error('appendAudit must run inside the caller’s write transaction');
      const dataVersion = s().dataVersion.get() as number;
      const tail = cached && cached.dataVersion === dataVersion ? cached : readTail();
      return write(entry, tail, dataVersion);
    },
    forget() {
      cached = null;
    },
    sealLegacy({ clock, ids }) {
      const run = client.transaction(() => {
        const legacy = s().countLegacy.get() as number;
        if (legacy === 0) return { sealed: 0, leftUnsealed: 0 };
        if ((s().countChained.get() as number) > 0 || s().head.get(AUDIT_HEAD_KEY) !== undefined) {
          return { sealed: 0, leftUnsealed: legacy };
        }
        let prev = GENESIS_HASH;
        let seq = 0;
        let after = '';
        let first: string | undefined;
        for (;;) {
          const page = s().legacyPage.all(after) as Array<Omit<HashedEntry, 'seq' | 'details'> & { details: string | null }>;
          if (page.length === 0) break;
          for (const row of page) {
            seq += 1;
            // Hashed as stored: sealing never rewrites what the entry says.
            const hash = entryHash(prev, { ...row, seq, details: detailsFromColumn(row.details) });
            s().seal.run(seq, prev, hash, row.id);
            prev = hash;
            first ??= row.id;
          }
          after = page[page.length - 1]!.id;
        }
        const dataVersion = s().dataVersion.get() as number;
        write(
          {
            id: ids.uuid(),
            at: clock.now(),
            actor: 'system',
            action: 'audit.seal',
            entity: 'audit_log',
            entityId: 'chain',
            details: { sealed: seq, firstId: first ?? null, lastId: after },
          },
          { seq, hash: prev },
          dataVersion,
        );
        return { sealed: seq, leftUnsealed: 0 };
      });
      try {
        return run.immediate();
      } catch (e) {
        cached = null;
        throw e;
      }
    },
  };
}
