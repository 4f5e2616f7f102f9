import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { latestVersion, type Migration } from './migrations';

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface MigrateOutcome {
  from: number;
  to: number;
  backupFile: string | null;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  idx INTEGER PRIMARY KEY,
  tag TEXT NOT NULL,
  hash TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** The schema version of an open database: how many migrations it has applied (0 when fresh). */
export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the app's schema. Refuses a database written by a newer app (its
 * data would be misread), refuses migrations edited after they were applied, copies the file
 * aside before changing an existing database, and applies all pending steps in one transaction,
 * so a power cut leaves either the old schema or the new one.
 */
export function migrate(
  db: Database.Database,
  migrations: Migration[],
  opts: { backupDir: string; now: Date },
): MigrateOutcome {
  const target = latestVersion(migrations);
  const from = schemaVersionOf(db);
  if (from > target) {
    throw new AppError('DB_NEWER_THAN_APP', { dbVersion: from, appVersion: target });
  }
  db.exec(LEDGER);
  const applied = db.prepare('SELECT idx, hash FROM schema_migrations').all() as { idx: number; hash: string }[];
  for (const row of applied) {
    const known = migrations.find((m) => m.idx === row.idx);
    if (known && known.hash !== row.hash) throw new AppError('DB_MIGRATION_MODIFIED', { idx: row.idx });
  }
  const pending = migrations.slice(from);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  let backupFile: string | null = null;
  if (from > 0) {
    mkdirSync(opts.backupDir, { recursive: true });
    const stamp = opts.now.toISOString().replace(/[:.]/g, '-');
    backupFile = join(opts.backupDir, `before-schema-${from}-to-${target}-${stamp}.sqlite`);
    // VACUUM INTO writes a consistent, compact copy without closing the connection.
    db.prepare('VACUUM INTO ?').run(backupFile);
    fsyncFile(backupFile); // the copy must be on disk before the original is changed
  }

  // Table rebuilds in migrations need foreign keys off, and that pragma is ignored inside a
  // transaction: switch it off around the transaction and check integrity before committing.
  db.pragma('foreign_keys = OFF');
  try {
    const insert = db.prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const m of pending) {
        for (const statement of m.statements) db.exec(statement);
        insert.run(m.idx, m.tag, m.hash, opts.now.getTime());
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`${broken.length} foreign key violations`);
      db.pragma(`user_version = ${target}`);
    })();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DB_MIGRATION_FAILED', {
      detail: e instanceof Error ? e.message : String(e),
      backup: backupFile ?? '(không cần: cơ sở dữ liệu mới)',
    });
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return { from, to: target, backupFile };
}
