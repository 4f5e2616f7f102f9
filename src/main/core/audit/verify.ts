import { existsSync } from 'node:fs';
import type { AuditProblem, AuditVerification } from '../../../shared/api/calls/audit';
import { AppError } from '../../../shared/api/errors';
import { openDatabase } from '../db/open';
import {
  AUDIT_HEAD_KEY,
  GENESIS_HASH,
  detailsFromColumn,
  entryHash,
  parseHead,
  type HashedEntry,
  type SqliteClient,
} from './audit-chain';

interface Row {
  id: string;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: string | null;
  seq: number;
  prevHash: string | null;
  hash: string | null;
}

const hashed = (r: Row): HashedEntry => ({
  seq: r.seq,
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  details: detailsFromColumn(r.details),
});

const selfConsistent = (r: Row) => r.prevHash !== null && r.hash !== null && entryHash(r.prevHash, hashed(r)) === r.hash;

/**
 * Walks the chain in seq order, recomputing every hash, then compares its end with the recorded
 * head and looks for rows outside the chain. Reads only, in one read transaction (a consistent
 * snapshot even while the app keeps writing). Reports the first problem found.
 */
export function verifyAudit(client: SqliteClient, now: Date = new Date()): AuditVerification {
  return client.transaction(() => walk(client, now))();
}

function walk(client: SqliteClient, now: Date): AuditVerification {
  const headText = client.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUDIT_HEAD_KEY) as string | undefined;
  const head = parseHead(headText);
  let entries = 0;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let prevRow: { seq: number; id: string } | null = null;
  let problem: AuditProblem | undefined;
  let broken: Row | undefined;

  const rows = client
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, details, seq, prev_hash AS prevHash, hash
       FROM audit_log WHERE seq IS NOT NULL ORDER BY seq`,
    )
    .iterate() as IterableIterator<Row>;
  for (const r of rows) {
    if (r.seq > expected) {
      problem = { kind: 'missing', seq: expected, toSeq: r.seq - 1 };
      break;
    }
    if (r.seq < expected || r.hash === null || r.prevHash === null) {
      problem = { kind: 'changed', seq: r.seq, entryId: r.id };
      break;
    }
    if (r.prevHash !== prevHash) {
      // Classified below, once the iterator has let go of the connection.
      broken = r;
      break;
    }
    if (entryHash(prevHash, hashed(r)) !== r.hash) {
      problem = { kind: 'changed', seq: r.seq, entryId: r.id };
      break;
    }
    prevHash = r.hash;
    prevRow = { seq: r.seq, id: r.id };
    entries += 1;
    expected += 1;
  }

  if (broken) problem = classifyBrokenLink(client, broken, prevRow);
  if (!problem) problem = checkHead(client, headText, head, prevRow, prevHash);
  if (!problem) {
    const unsealed = client.prepare('SELECT id FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT 1').pluck().get() as
      | string
      | undefined;
    if (unsealed !== undefined) problem = { kind: 'unsealed', seq: null, entryId: unsealed };
  }
  return {
    ok: !problem,
    entries,
    checkedAt: now.toISOString(),
    head,
    ...(problem ? { problem } : {}),
  };
}

/** The row at `r.seq` does not point to the hash of the row before it. */
function classifyBrokenLink(client: SqliteClient, r: Row, prevRow: { seq: number; id: string } | null): AuditProblem {
  const predecessorSeq = client.prepare('SELECT seq FROM audit_log WHERE hash = ? AND seq IS NOT NULL LIMIT 1').pluck().get(r.prevHash) as
    | number
    | undefined;
  // It was chained after an entry that is still there, elsewhere (or after genesis while not first): moved.
  if ((predecessorSeq !== undefined && predecessorSeq !== r.seq) || (r.prevHash === GENESIS_HASH && r.seq !== 1)) {
    return { kind: 'reordered', seq: r.seq, entryId: r.id };
  }
  // Intact itself, but what it was chained after is gone: the entry before it was rewritten.
  if (prevRow && selfConsistent(r)) return { kind: 'changed', seq: prevRow.seq, entryId: prevRow.id };
  return { kind: 'changed', seq: r.seq, entryId: r.id };
}

/** The chain ends where the head, written with every entry, says it does. */
function checkHead(
  client: SqliteClient,
  headText: string | undefined,
  head: ReturnType<typeof parseHead>,
  last: { seq: number; id: string } | null,
  lastHash: string,
): AuditProblem | undefined {
  const lastSeq = last?.seq ?? 0;
  if (!head) return headText === undefined && lastSeq === 0 ? undefined : { kind: 'no-head', seq: null };
  if (head.seq > lastSeq) return { kind: 'missing', seq: lastSeq + 1, toSeq: head.seq };
  if (head.seq < lastSeq) {
    const id = client.prepare('SELECT id FROM audit_log WHERE seq = ?').pluck().get(head.seq + 1) as string | undefined;
    return { kind: 'added', seq: head.seq + 1, ...(id ? { entryId: id } : {}) };
  }
  if (head.hash !== lastHash) return { kind: 'changed', seq: lastSeq, ...(last ? { entryId: last.id } : {}) };
  return undefined;
}

/**
 * Verifies a data dir's database file without the core: opened READ-ONLY and without the
 * data-dir lock (verification only reads), so it works while the app is running.
 */
export function verifyDatabaseFile(file: string, now: Date = new Date()): AuditVerification {
  if (!existsSync(file)) throw new AppError('AUDIT_NO_DATABASE', { file });
  const client = openDatabase(file, { readonly: true });
  try {
    const columns = client.prepare("SELECT name FROM pragma_table_info('audit_log')").pluck().all() as string[];
    const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'").pluck().all();
    if (!columns.includes('seq') || !columns.includes('hash') || tables.length === 0) {
      throw new AppError('AUDIT_SCHEMA_TOO_OLD', { file });
    }
    return verifyAudit(client, now);
  } finally {
    client.close();
  }
}
