import { and, eq, exists, inArray, lt, notExists, or, sql } from 'drizzle-orm';
import type { ScanPruneOutcome, ScanRetention } from '../../../shared/api/calls/scanning';
import type { Clock } from '../config';
import { dossiers, scanPages, scanSessions, storedFiles } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';

// Scanned pages are stored one file per page. Once a session is discarded, or its pages live on
// inside the saved dossier's PDFs, or it was left open and nobody came back for it, its page
// files only fill the disk. Pruning deletes those sessions' page rows and every file no longer
// named by anything; the session row and its state stay (the audit keeps the history).

export const DAY_MS = 86_400_000;
/** Well under SQLite's limit of bound parameters per statement. */
const CHUNK = 500;

export interface ScanRetentionDeps {
  db: Db;
  commit: UnitOfWork;
  files: FileStore;
  clock: Clock;
  logger: Logger;
  /** The admin's retention days, read at each run (a change applies from the next run). */
  days(): ScanRetention;
  /** A running scan or an assembly uses the session: its pages are never pruned under it. */
  inUse(sessionId: string): boolean;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const EMPTY: ScanPruneOutcome = { sessions: 0, pages: 0, files: 0, bytes: 0 };

export function createScanRetention(deps: ScanRetentionDeps) {
  const { db, commit, files, logger } = deps;
  let referencing: { table: string; column: string }[] | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  /**
   * Every column that names a stored file, read from the schema's foreign keys rather than
   * listed here: a table added later that references stored_files protects its files too.
   */
  function referencingColumns(tx: Db) {
    referencing ??= tx.all<{ table: string; column: string }>(
      sql`SELECT m.name AS "table", f."from" AS "column" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = 'stored_files'`,
    );
    return referencing;
  }

  /** The hashes among `hashes` that something still names: a row, or an outbox entry on its way to the province. */
  function stillNamed(tx: Db, hashes: string[]): Set<string> {
    const named = new Set<string>();
    if (hashes.length === 0) return named;
    for (const { table, column } of referencingColumns(tx)) {
      for (const chunk of chunks(hashes)) {
        const list = sql.join(chunk.map((h) => sql`${h}`), sql`, `);
        const rows = tx.all<{ sha256: string }>(sql`SELECT DISTINCT ${sql.identifier(column)} AS sha256 FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} IN (${list})`);
        for (const r of rows) named.add(r.sha256);
      }
    }
    // The sync uploads an attachment by the hash its outbox entry names (dossier.attach); the
    // attachment row names it too, but the queue is what must never point at a missing file.
    const wanted = new Set(hashes);
    const queued = tx.all<{ sha256: string | null }>(sql`SELECT DISTINCT json_extract(a.value, '$.sha256') AS sha256 FROM outbox o, json_each(o.payload, '$.attachments') a`);
    for (const r of queued) if (r.sha256 && wanted.has(r.sha256)) named.add(r.sha256);
    return named;
  }

  /** Sessions past their age that still have pages, and that nothing is using. */
  function due(now: Date) {
    const d = deps.days();
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const hasPages = exists(db.select({ one: sql`1` }).from(scanPages).where(eq(scanPages.sessionId, scanSessions.id)));
    // An open session whose dossier was saved is waiting for its PDFs (a crash between the two
    // steps): its pages are the only copy of the dossier's scans, whatever their age.
    const dossierSaved = db.select({ one: sql`1` }).from(dossiers).where(eq(dossiers.id, scanSessions.requestId));
    return db
      .select({ id: scanSessions.id, state: scanSessions.state })
      .from(scanSessions)
      .where(
        and(
          hasPages,
          or(
            and(eq(scanSessions.state, 'discarded'), lt(scanSessions.updatedAt, before(d.discardedDays))),
            and(eq(scanSessions.state, 'committed'), lt(scanSessions.updatedAt, before(d.committedDays))),
            and(eq(scanSessions.state, 'open'), lt(scanSessions.updatedAt, before(d.openDays)), notExists(dossierSaved)),
          ),
        ),
      )
      .all()
      .filter((s) => !deps.inUse(s.id));
  }

  /**
   * One run: rows deleted in one transaction with one audit entry, files removed only after it
   * committed. A crash in between leaves files without rows, which the start-up sweep removes.
   * `always` records the run in the audit even when nothing was due (an admin asked for it).
   */
  function prune(actor: string, always = false): ScanPruneOutcome {
    const sessions = due(deps.clock.now());
    if (sessions.length === 0 && !always) return { ...EMPTY };
    const freed: { sha256: string; size: number }[] = [];
    const byState = { discarded: 0, committed: 0, open: 0 };
    for (const s of sessions) byState[s.state]++;
    const outcome = commit(
      (tx) => {
        const ids = sessions.map((s) => s.id);
        const hashes = new Set<string>();
        let pages = 0;
        for (const chunk of chunks(ids)) {
          for (const r of tx.select({ sha256: scanPages.sha256 }).from(scanPages).where(inArray(scanPages.sessionId, chunk)).all()) hashes.add(r.sha256);
          pages += tx.delete(scanPages).where(inArray(scanPages.sessionId, chunk)).run().changes;
        }
        const named = stillNamed(tx, [...hashes]);
        const orphans = [...hashes].filter((h) => !named.has(h));
        for (const chunk of chunks(orphans)) {
          freed.push(...tx.select({ sha256: storedFiles.sha256, size: storedFiles.size }).from(storedFiles).where(inArray(storedFiles.sha256, chunk)).all());
          tx.delete(storedFiles).where(inArray(storedFiles.sha256, chunk)).run();
        }
        return { sessions: ids.length, pages, files: freed.length, bytes: freed.reduce((n, f) => n + f.size, 0) };
      },
      (o) => ({ actor, action: 'scan.prune', entity: 'scan_session', entityId: 'retention', syncPayload: null, details: { ...o, byState, days: deps.days() } }),
    );
    try {
      files.remove(freed.map((f) => f.sha256));
    } catch (e) {
      // The rows are gone, so the files are unreferenced: the next start's sweep removes them.
      logger.warn('removing pruned scan files failed; swept at the next start', { error: String(e) });
    }
    return outcome;
  }

  function runQuietly(): void {
    try {
      const o = prune('system');
      if (o.sessions > 0) logger.info('scan pages pruned', { ...o });
    } catch (e) {
      logger.warn('pruning scan pages failed; retried at the next run', { error: String(e) });
    }
  }

  return {
    prune,
    /** Prunes now and then once a day while the process runs; the timer never keeps it alive. */
    start(): void {
      if (stopped || timer) return;
      runQuietly();
      timer = setInterval(runQuietly, DAY_MS);
      timer.unref();
    },
    stop(): void {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type ScanRetentionRunner = ReturnType<typeof createScanRetention>;
