import Database from 'better-sqlite3';

/** Reads a counter's SQLite file as it is on disk: read-only, and closed again whatever happens. */
export function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
