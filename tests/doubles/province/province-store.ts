import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import type { DossierRecord, FeedItem, progressStep, resultDocument } from '../../../src/main/core/sync/protocol';

// The provincial double's memory: its own SQLite file in its data dir (WAL, synchronous FULL,
// like a server that acknowledged something must still have it after a crash; an upload's start
// alone is committed without an fsync, see startUpload). Both faces — our
// protocol and the national messages — read and write the same dossiers table, so one province
// shows the same dossier whichever way it arrived. The feed is a compacted change log: each
// dossier (catalogue procedure, calendar day) holds one row, moved to a new seq whenever it
// changes, and a dossier item is built from the row as it is now.

export type ProgressStep = z.infer<typeof progressStep>;
export type ResultDocument = z.infer<typeof resultDocument>;
export interface DossierResult {
  documents: ResultDocument[];
  note: string | null;
  at: string;
}

export interface StoredDossier {
  id: string;
  code: string;
  unitCode: string;
  record: DossierRecord;
  version: number;
  progress: ProgressStep | null;
  result: DossierResult | null;
  /** The DongBoHoSoMC message it arrived with (national face), kept as received. */
  national: Record<string, unknown> | null;
  source: 'motcua' | 'national' | 'province';
  updatedAt: number;
}

export interface StoredAttachment {
  dossierId: string;
  documentCode: string;
  sha256: string;
  size: number;
  pages: number;
  name: string | null;
}

export interface StoredFile {
  sha256: string;
  size: number;
  mediaType: string;
}

export interface Upload {
  sha256: string;
  size: number;
  mediaType: string;
}

export interface KeyOutcome {
  outcome: 'applied' | 'duplicate' | 'rejected';
  error: string | null;
  message: string | null;
}

export interface Session {
  token: string;
  face: 'motcua' | 'national';
  username: string;
  unitCode: string;
  deviceId: string | null;
  expiresAt: number;
}

export interface CalendarDay {
  kind: 'off' | 'work';
  name: string;
}

/** A status the deciding agency sets (admin page, CLI, setStatus, CapNhatTienDoHoSoMC). */
export interface ProvinceStatusUpdate {
  status: number;
  handler?: string | null;
  title?: string | null;
  department?: string | null;
  content?: string | null;
  /** When it was decided; default: now on the province's clock. */
  at?: Date;
  /** The regulation's end date (NgayKetThucTheoQuyDinh), when the agency moves it. */
  dueAt?: string | null;
  /** The result handed back; default for 9 and 10: no documents, the content as note. */
  result?: { documents: ResultDocument[]; note: string | null } | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dossiers (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  unit_code TEXT NOT NULL,
  record TEXT NOT NULL,
  version INTEGER NOT NULL,
  progress TEXT,
  result TEXT,
  national TEXT,
  source TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_unit_idx ON dossiers(unit_code, updated_at);
CREATE TABLE IF NOT EXISTS change_keys (
  key TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL,
  operation TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT,
  message TEXT,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
  dossier_id TEXT NOT NULL,
  document_code TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  pages INTEGER NOT NULL,
  name TEXT,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, document_code)
);
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  stored_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  started_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS feed (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_code TEXT,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL UNIQUE,
  body TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS feed_unit_idx ON feed(unit_code, seq);
CREATE TABLE IF NOT EXISTS sessions (
  token TEXT PRIMARY KEY,
  face TEXT NOT NULL,
  username TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  device_id TEXT,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

interface DossierRow {
  id: string;
  code: string;
  unit_code: string;
  record: string;
  version: number;
  progress: string | null;
  result: string | null;
  national: string | null;
  source: StoredDossier['source'];
  updated_at: number;
}

interface FeedRow {
  seq: number;
  unit_code: string | null;
  kind: 'dossier' | 'catalog' | 'calendar';
  ref: string;
  body: string | null;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toDossier(row: DossierRow): StoredDossier {
  return {
    id: row.id,
    code: row.code,
    unitCode: row.unit_code,
    record: JSON.parse(row.record) as DossierRecord,
    version: row.version,
    progress: parse<ProgressStep>(row.progress),
    result: parse<DossierResult>(row.result),
    national: parse<Record<string, unknown>>(row.national),
    source: row.source,
    updatedAt: row.updated_at,
  };
}

export class ProvinceStore {
  readonly db: Database.Database;
  readonly filesDir: string;
  readonly uploadsDir: string;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.filesDir = join(dataDir, 'files');
    this.uploadsDir = join(dataDir, 'uploads');
    mkdirSync(this.filesDir, { recursive: true });
    mkdirSync(this.uploadsDir, { recursive: true });
    this.db = new Database(join(dataDir, 'province.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.statements.clear();
    this.sessionCache.clear();
    if (this.db.open) this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per SQL text: a batch of 1000 changes runs the same few statements. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** One SQLite transaction (better-sqlite3 is synchronous: nothing else runs in between). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- dossiers ---------------------------------------------------------------------------

  dossierById(id: string): StoredDossier | null {
    const row = this.sql('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
    return row ? toDossier(row) : null;
  }

  dossierByCode(code: string): StoredDossier | null {
    const row = this.sql('SELECT * FROM dossiers WHERE code = ?').get(code) as DossierRow | undefined;
    return row ? toDossier(row) : null;
  }

  /** A new dossier at version 1, with its feed item. */
  insertDossier(record: DossierRecord, source: StoredDossier['source'], at: Date, national: Record<string, unknown> | null = null): StoredDossier {
    this.sql(
        `INSERT INTO dossiers (id, code, unit_code, record, version, progress, result, national, source, updated_at)
         VALUES (?, ?, ?, ?, 1, NULL, NULL, ?, ?, ?)`,
      )
      .run(record.id, record.code, record.unitCode, JSON.stringify(record), national ? JSON.stringify(national) : null, source, at.getTime());
    this.appendFeed(record.unitCode, 'dossier', `dossier:${record.id}`, null, at);
    return this.dossierById(record.id)!;
  }

  /** Every applied change bumps the version and moves the dossier to the end of the feed. */
  updateDossier(
    id: string,
    change: { record?: DossierRecord; progress?: ProgressStep | null; result?: DossierResult | null },
    at: Date,
  ): StoredDossier {
    const current = this.dossierById(id);
    if (!current) throw new Error(`no dossier ${id}`);
    const record = change.record ?? current.record;
    const progress = change.progress === undefined ? current.progress : change.progress;
    const result = change.result === undefined ? current.result : change.result;
    this.sql('UPDATE dossiers SET record = ?, progress = ?, result = ?, version = version + 1, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(record), progress ? JSON.stringify(progress) : null, result ? JSON.stringify(result) : null, at.getTime(), id);
    this.appendFeed(current.unitCode, 'dossier', `dossier:${id}`, null, at);
    return this.dossierById(id)!;
  }

  /** The deciding agency's decision on a dossier (by code). Null when no such dossier. */
  setStatus(code: string, update: ProvinceStatusUpdate, now: Date): StoredDossier | null {
    return this.transaction(() => {
      const dossier = this.dossierByCode(code);
      if (!dossier) return null;
      const at = (update.at ?? now).toISOString();
      const record: DossierRecord = {
        ...dossier.record,
        status: update.status,
        ...(update.dueAt !== undefined ? { dueAt: update.dueAt } : {}),
        // Processing resumes when the agency moves it on from "waiting for a supplement".
        pausedAt: update.status === 5 ? (dossier.record.pausedAt ?? at) : null,
      };
      const progress: ProgressStep = {
        handler: update.handler ?? null,
        title: update.title ?? null,
        department: update.department ?? null,
        content: update.content ?? null,
        at,
        status: update.status,
      };
      let result = dossier.result;
      if (update.result !== undefined) result = update.result ? { ...update.result, at } : null;
      else if ((update.status === 9 || update.status === 10) && !result) result = { documents: [], note: update.content ?? null, at };
      return this.updateDossier(dossier.id, { record, progress, result }, now);
    });
  }

  /** Most recently changed first; `limit` for the admin page of a unit with thousands. */
  dossiers(unitCode?: string, limit = -1): StoredDossier[] {
    const rows = (
      unitCode
        ? this.sql('SELECT * FROM dossiers WHERE unit_code = ? ORDER BY updated_at DESC, code LIMIT ?').all(unitCode, limit)
        : this.sql('SELECT * FROM dossiers ORDER BY updated_at DESC, code LIMIT ?').all(limit)
    ) as DossierRow[];
    return rows.map(toDossier);
  }

  dossierCount(unitCode?: string): number {
    const row = unitCode ? this.sql('SELECT count(*) AS n FROM dossiers WHERE unit_code = ?').get(unitCode) : this.sql('SELECT count(*) AS n FROM dossiers').get();
    return (row as { n: number }).n;
  }

  /** The units that have dossiers here. */
  units(): string[] {
    return (this.sql('SELECT DISTINCT unit_code AS unit FROM dossiers ORDER BY unit_code').all() as { unit: string }[]).map((r) => r.unit);
  }

  // ---- idempotency keys -------------------------------------------------------------------

  keyOutcome(key: string): KeyOutcome | null {
    const row = this.sql('SELECT outcome, error, message FROM change_keys WHERE key = ?').get(key) as KeyOutcome | undefined;
    return row ?? null;
  }

  recordKey(key: string, unitCode: string, operation: string, entityId: string, outcome: KeyOutcome, at: Date): void {
    this.sql('INSERT INTO change_keys (key, unit_code, operation, entity_id, outcome, error, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(key, unitCode, operation, entityId, outcome.outcome, outcome.error, outcome.message, at.getTime());
  }

  // ---- attachments and files --------------------------------------------------------------

  putAttachment(a: StoredAttachment, at: Date): void {
    this.sql(
        `INSERT INTO attachments (dossier_id, document_code, sha256, size, pages, name, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (dossier_id, document_code) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
           pages = excluded.pages, name = excluded.name, added_at = excluded.added_at`,
      )
      .run(a.dossierId, a.documentCode, a.sha256, a.size, a.pages, a.name, at.getTime());
  }

  removeAttachment(dossierId: string, documentCode: string, sha256: string): void {
    this.sql('DELETE FROM attachments WHERE dossier_id = ? AND document_code = ? AND sha256 = ?').run(dossierId, documentCode, sha256);
  }

  attachments(dossierId?: string): StoredAttachment[] {
    const sql = `SELECT dossier_id AS dossierId, document_code AS documentCode, sha256, size, pages, name FROM attachments
                 ${dossierId ? 'WHERE dossier_id = ?' : ''} ORDER BY dossier_id, document_code`;
    return (dossierId ? this.sql(sql).all(dossierId) : this.sql(sql).all()) as StoredAttachment[];
  }

  file(sha256: string): StoredFile | null {
    const row = this.sql('SELECT sha256, size, media_type AS mediaType FROM files WHERE sha256 = ?').get(sha256) as StoredFile | undefined;
    return row ?? null;
  }

  files(): StoredFile[] {
    return this.sql('SELECT sha256, size, media_type AS mediaType FROM files ORDER BY stored_at, sha256').all() as StoredFile[];
  }

  filePath(sha256: string): string {
    return join(this.filesDir, sha256);
  }

  partPath(sha256: string): string {
    return join(this.uploadsDir, `${sha256}.part`);
  }

  upload(sha256: string): Upload | null {
    const row = this.sql('SELECT sha256, size, media_type AS mediaType FROM uploads WHERE sha256 = ?').get(sha256) as Upload | undefined;
    return row ?? null;
  }

  /**
   * Committed without an fsync (synchronous=NORMAL for this one statement): the row is in the WAL,
   * so a restart or a crash of the process keeps it; only a power cut could lose it, and with it
   * the empty part file (never fsynced either). The file's completion (completeFile) is the one
   * durable commit per file, and it makes this row durable too (the WAL is fsynced up to it).
   */
  startUpload(u: Upload, at: Date): void {
    this.withoutFsync(() => this.sql(
        `INSERT INTO uploads (sha256, size, media_type, started_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, media_type = excluded.media_type, started_at = excluded.started_at`,
      )
      .run(u.sha256, u.size, u.mediaType, at.getTime()));
  }

  /** Runs one autocommit statement with synchronous=NORMAL (inside a transaction it changes nothing). */
  private withoutFsync(fn: () => void): void {
    if (this.db.inTransaction) return fn();
    this.db.pragma('synchronous = NORMAL');
    try {
      fn();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  dropUpload(sha256: string): void {
    this.sql('DELETE FROM uploads WHERE sha256 = ?').run(sha256);
  }

  /** The file is in place (renamed and fsynced): it exists for attachments from now on. */
  completeFile(f: StoredFile, at: Date): void {
    this.transaction(() => {
      this.sql('INSERT OR IGNORE INTO files (sha256, size, media_type, stored_at) VALUES (?, ?, ?, ?)').run(f.sha256, f.size, f.mediaType, at.getTime());
      this.dropUpload(f.sha256);
    });
  }

  // ---- the feed ---------------------------------------------------------------------------

  /** unitCode null: an item for every unit (catalogue, calendar). */
  appendFeed(unitCode: string | null, kind: FeedRow['kind'], ref: string, body: unknown, at: Date): number {
    this.sql('DELETE FROM feed WHERE ref = ?').run(ref);
    const info = this.sql('INSERT INTO feed (unit_code, kind, ref, body, at) VALUES (?, ?, ?, ?, ?)')
      .run(unitCode, kind, ref, body === null ? null : JSON.stringify(body), at.getTime());
    return Number(info.lastInsertRowid);
  }

  publishCatalog(procedure: Record<string, unknown>, at: Date): number {
    const code = typeof procedure.code === 'string' ? procedure.code : JSON.stringify(procedure).slice(0, 200);
    return this.appendFeed(null, 'catalog', `catalog:${code}`, procedure, at);
  }

  publishCalendar(date: string, day: CalendarDay | null, at: Date): number {
    return this.appendFeed(null, 'calendar', `calendar:${date}`, { date, day }, at);
  }

  /**
   * Items after `afterSeq` for a unit (its dossiers, and the items for every unit), oldest first.
   * `kinds` narrows them (the national face has dossiers only).
   */
  feedPage(
    unitCode: string | null,
    afterSeq: number,
    limit: number,
    kinds: readonly FeedRow['kind'][] = ['dossier', 'catalog', 'calendar'],
  ): { items: FeedItem[]; hasMore: boolean; lastSeq: number } {
    const kindList = kinds.map((k) => `'${k}'`).join(',');
    const unitClause = unitCode === null ? '' : 'AND (unit_code = @unit OR unit_code IS NULL)';
    const rows = this.sql(`SELECT seq, unit_code, kind, ref, body FROM feed WHERE seq > @after ${unitClause} AND kind IN (${kindList}) ORDER BY seq LIMIT @limit`)
      .all({ after: afterSeq, unit: unitCode, limit: limit + 1 }) as FeedRow[];
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const items = page.map((row) => this.feedItem(row)).filter((i): i is FeedItem => i !== null);
    return { items, hasMore, lastSeq: page.length ? page[page.length - 1]!.seq : afterSeq };
  }

  /** Every feed item, for tests. */
  feed(): FeedItem[] {
    return this.feedPage(null, 0, 1_000_000).items;
  }

  private feedItem(row: FeedRow): FeedItem | null {
    if (row.kind === 'dossier') {
      const d = this.dossierById(row.ref.slice('dossier:'.length));
      if (!d) return null;
      return { seq: row.seq, kind: 'dossier', dossier: d.record, version: d.version, progress: d.progress, result: d.result };
    }
    if (row.kind === 'catalog') return { seq: row.seq, kind: 'catalog', procedure: JSON.parse(row.body!) as Record<string, unknown> };
    const { date, day } = JSON.parse(row.body!) as { date: string; day: CalendarDay | null };
    return { seq: row.seq, kind: 'calendar', date, day };
  }

  // ---- sessions ---------------------------------------------------------------------------

  /**
   * Sessions by token, in front of the table: every authed request looks its token up, and
   * nothing changes a session once written, so the table is read only after a restart (the
   * first request with each surviving token). Unknown tokens are not remembered.
   */
  private readonly sessionCache = new Map<string, Session>();

  putSession(s: Session): void {
    this.sql('INSERT INTO sessions (token, face, username, unit_code, device_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.token, s.face, s.username, s.unitCode, s.deviceId, s.expiresAt);
    // Forget long-dead sessions so a chaos run that logs in thousands of times stays small.
    const deadBefore = Date.now() - 86_400_000;
    this.sql('DELETE FROM sessions WHERE expires_at < ?').run(deadBefore);
    for (const [token, cached] of this.sessionCache) if (cached.expiresAt < deadBefore) this.sessionCache.delete(token);
    this.sessionCache.set(s.token, { ...s });
  }

  session(token: string, face: Session['face']): Session | null {
    let session = this.sessionCache.get(token);
    if (!session) {
      session = this.sql('SELECT token, face, username, unit_code AS unitCode, device_id AS deviceId, expires_at AS expiresAt FROM sessions WHERE token = ?')
        .get(token) as Session | undefined;
      if (!session) return null;
      this.sessionCache.set(token, session);
    }
    return session.face === face ? { ...session } : null;
  }

  // ---- counters ---------------------------------------------------------------------------

  bump(name: string, by = 1): void {
    this.sql('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value').run(name, by);
  }

  counter(name: string): number {
    const row = this.sql('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  /** Changes answered 'duplicate' (a key seen before, a dossier received again, "đã tồn tại"). */
  get duplicatesSeen(): number {
    return this.counter('duplicates');
  }
}
