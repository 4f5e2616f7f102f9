import Database from 'better-sqlite3';

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Opens the counter's database with the pragmas its working conditions need: WAL so readers
 * never wait for the writer, synchronous=FULL because commune counters lose power and a saved
 * dossier must survive that, foreign keys enforced, and a busy timeout for the odd second
 * connection (an admin's CLI beside the app).
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // SQLite's automatic checkpoint would land inside every ~25th save and stall it 10–20 ms;
    // the core checkpoints on a quiet timer and at close instead (core.ts).
    db.pragma('wal_autocheckpoint = 0');
  }
  db.pragma('foreign_keys = ON');
  return db;
}
