import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { migrate, schemaVersionOf } from '../../../src/main/core/db/migrate';
import { readMigrations } from '../../../src/main/core/db/migrations';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrationsDir } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';

const all = readMigrations(migrationsDir);
const now = new Date('2026-11-22T08:00:00Z');

describe('migrations', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  const dbFile = () => join(temp.dir, 'motcua.sqlite');
  const backupDir = () => join(temp.dir, 'backups');

  it('reads every committed migration in order, each with statements', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.map((m) => m.idx)).toEqual(all.map((_, i) => i));
    for (const m of all) expect(m.statements.length).toBeGreaterThan(0);
  });

  it('migrates an empty file to the latest schema without a backup', () => {
    const db = openDatabase(dbFile());
    const outcome = migrate(db, all, { backupDir: backupDir(), now });
    expect(outcome).toEqual({ from: 0, to: all.length, backupFile: null });
    expect(schemaVersionOf(db)).toBe(all.length);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['dossiers', 'outbox', 'audit_log', 'app_meta', 'schema_migrations']));
    expect(existsSync(backupDir())).toBe(false);
    db.close();
  });

  it('is a no-op the second time', () => {
    const db = openDatabase(dbFile());
    migrate(db, all, { backupDir: backupDir(), now });
    expect(migrate(db, all, { backupDir: backupDir(), now })).toEqual({ from: all.length, to: all.length, backupFile: null });
    db.close();
  });

  // From every earlier schema: a database left at version k, with a dossier in it, upgrades to
  // the latest, keeps the dossier, and leaves a backup that still opens at version k.
  for (let k = 1; k < all.length; k++) {
    it(`upgrades from schema ${k} keeping data, after backing the file up`, () => {
      const db = openDatabase(dbFile());
      migrate(db, all.slice(0, k), { backupDir: backupDir(), now });
      db.prepare(
        "INSERT INTO dossiers (id, applicant_name, procedure_name, received_at, created_at, updated_at) VALUES ('d1', 'Nguyễn Văn An', 'Đăng ký khai sinh', 1, 1, 1)",
      ).run();
      const outcome = migrate(db, all, { backupDir: backupDir(), now });
      expect(outcome.from).toBe(k);
      expect(outcome.to).toBe(all.length);
      expect(outcome.backupFile).toMatch(/before-schema-/);
      expect(db.prepare('SELECT applicant_name FROM dossiers').pluck().all()).toEqual(['Nguyễn Văn An']);
      db.close();
      const backup = openDatabase(outcome.backupFile!, { readonly: true });
      expect(schemaVersionOf(backup)).toBe(k);
      expect(backup.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(1);
      backup.close();
    });
  }

  it('refuses a database written by a newer app, with a Vietnamese message, and changes nothing', () => {
    const db = openDatabase(dbFile());
    migrate(db, all, { backupDir: backupDir(), now });
    db.pragma(`user_version = ${all.length + 3}`);
    const attempt = () => migrate(db, all, { backupDir: backupDir(), now });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/phiên bản ứng dụng mới hơn/);
    try {
      attempt();
    } catch (e) {
      expect((e as AppError).code).toBe('DB_NEWER_THAN_APP');
    }
    expect(schemaVersionOf(db)).toBe(all.length + 3);
    db.close();
  });

  it('refuses a migration that was edited after it was applied', () => {
    const db = openDatabase(dbFile());
    migrate(db, all, { backupDir: backupDir(), now });
    const edited = all.map((m, i) => (i === 0 ? { ...m, hash: 'different' } : m));
    expect(() => migrate(db, edited, { backupDir: backupDir(), now })).toThrow(/đã bị thay đổi/);
    db.close();
  });

  it('rolls a failing upgrade back completely: old schema and data intact, backup kept', () => {
    const db = openDatabase(dbFile());
    migrate(db, all.slice(0, 1), { backupDir: backupDir(), now });
    db.prepare(
      "INSERT INTO dossiers (id, applicant_name, procedure_name, received_at, created_at, updated_at) VALUES ('d1', 'A', 'B', 1, 1, 1)",
    ).run();
    const broken = [...all, { idx: all.length, tag: 'broken', hash: 'x', statements: ['CREATE TABLE ok_table (a)', 'THIS IS NOT SQL'] }];
    expect(() => migrate(db, broken, { backupDir: backupDir(), now })).toThrow(/Không nâng cấp được/);
    expect(schemaVersionOf(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).not.toContain('ok_table');
    expect(tables).not.toContain('outbox');
    expect(db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(1);
    expect(readdirSync(backupDir())).toHaveLength(1);
    db.close();
  });

  it('reads a migrations folder copied elsewhere (as the packaged app does)', () => {
    const copy = join(temp.dir, 'packaged-migrations');
    mkdirSync(copy);
    cpSync(migrationsDir, copy, { recursive: true });
    expect(readMigrations(copy).map((m) => m.hash)).toEqual(all.map((m) => m.hash));
    writeFileSync(join(copy, `${all[0]!.tag}.sql`), readFileSync(join(copy, `${all[0]!.tag}.sql`), 'utf8') + '\n-- edited');
    expect(readMigrations(copy)[0]!.hash).not.toBe(all[0]!.hash);
  });

  it('hashes a checkout with CRLF line endings the same (Git for Windows)', () => {
    const copy = join(temp.dir, 'crlf-migrations');
    cpSync(migrationsDir, copy, { recursive: true });
    const file = join(copy, `${all[1]!.tag}.sql`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    expect(readMigrations(copy)[1]!.hash).toBe(all[1]!.hash);
  });
});

describe('database pragmas', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const temp = makeTempDir();
    const db = openDatabase(join(temp.dir, 'p.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.close();
    temp.cleanup();
  });
});
