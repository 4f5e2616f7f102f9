import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_HEAD_KEY, GENESIS_HASH, entryHash } from '../../../src/main/core/audit/audit-chain';
import { canonicalJson } from '../../../src/main/core/audit/canonical-json';
import { verifyAudit, verifyDatabaseFile } from '../../../src/main/core/audit/verify';
import type { Core } from '../../../src/main/core/core';
import { migrate } from '../../../src/main/core/db/migrate';
import { readMigrations } from '../../../src/main/core/db/migrations';
import { openDatabase } from '../../../src/main/core/db/open';
import { createUnitOfWork } from '../../../src/main/core/db/unit-of-work';
import { frozenClock, migrationsDir, openTestCore, sequentialIds, systemContext } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { auditRows, call, tamper, verify, writeEntries, type AuditRow } from './audit-support';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the hash of an entry', () => {
  it('is SHA-256 over prevHash and the canonical JSON: sorted keys, NFC, no spaces, at in ms', () => {
    const nfd = 'Nguye\u0302\u0303n'; // "Nguyễn" decomposed
    const entry = {
      seq: 1,
      id: '0190-a',
      at: 1_790_000_000_000,
      actor: nfd,
      action: 'dossier.receive',
      entity: 'dossier',
      entityId: 'd1',
      details: { z: [1, 'ễ'], a: { y: null, b: true } },
    };
    const expected =
      '{"action":"dossier.receive","actor":"Nguyễn","at":1790000000000,"details":{"a":{"b":true,"y":null},"z":[1,"ễ"]},' +
      '"entity":"dossier","entityId":"d1","id":"0190-a","seq":1}';
    expect(canonicalJson(entry)).toBe(expected);
    expect(entryHash(GENESIS_HASH, entry)).toBe(sha256(GENESIS_HASH + expected));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('sees values as JSON does: undefined dropped, dates as ISO text', () => {
    expect(canonicalJson({ b: undefined, a: new Date(0), c: [undefined] })).toBe('{"a":"1970-01-01T00:00:00.000Z","c":[null]}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"b":2}'))).toBe('{"__proto__":{"x":1},"b":2}');
  });
});

describe('the audit chain through the core (real SQLite)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;

  beforeEach(() => {
    temp = makeTempDir();
    core = openTestCore(temp.dir);
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('refuses edits and deletions of chained entries in the database itself (migration 0004)', async () => {
    await writeEntries(core);
    const db = new Database(core.databaseFile);
    try {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('chains every entry written by real calls, and moves the head with each', async () => {
    expect(await verify(core)).toMatchObject({ ok: true, entries: 0, head: null });
    await writeEntries(core);
    const rows = auditRows(core);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.create', 'catalog.import', 'calendar.seed', 'calendar.setDay', 'calendar.setDay']);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const head = tamper(core, (db) => db.prepare('SELECT value, updated_by FROM settings WHERE key = ?').get(AUDIT_HEAD_KEY));
    expect(head).toEqual({ value: JSON.stringify({ seq: 6, hash: rows[5]!.hash }), updated_by: 'admin-1' });

    const result = await verify(core);
    expect(result).toEqual({ ok: true, entries: 6, checkedAt: '2026-11-23T03:00:00.000Z', head: { seq: 6, hash: rows[5]!.hash } });
    // The same answer from the file, read-only, while the core still holds the data dir.
    expect(verifyDatabaseFile(core.databaseFile, new Date('2026-11-23T03:00:00Z'))).toEqual(result);
  });

  it('is for supervisors and admins only', async () => {
    const r = await core.dispatch('audit.verify', {}, systemContext('clerk', 'clerk-1'));
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('finds a changed detail at its seq', async () => {
    await writeEntries(core);
    tamper(core, (db) => db.prepare("UPDATE audit_log SET details = json_set(details, '$.name', 'khác') WHERE seq = 5").run());
    const r = await verify(core);
    expect(r).toMatchObject({ ok: false, entries: 4, problem: { kind: 'changed', seq: 5, entryId: auditRows(core)[4]!.id } });
  });

  it('finds a changed actor, time or hash column', async () => {
    await writeEntries(core);
    tamper(core, (db) => db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2").run());
    expect((await verify(core)).problem).toMatchObject({ kind: 'changed', seq: 2 });
    tamper(core, (db) => db.prepare("UPDATE audit_log SET actor = 'admin-1', at = at + 1 WHERE seq = 2").run());
    expect((await verify(core)).problem).toMatchObject({ kind: 'changed', seq: 2 });
    tamper(core, (db) => db.prepare('UPDATE audit_log SET at = at - 1 WHERE seq = 2').run());
    expect((await verify(core)).ok).toBe(true);
    tamper(core, (db) => db.prepare("UPDATE audit_log SET hash = 'ff' || substr(hash, 3) WHERE seq = 3").run());
    expect((await verify(core)).problem).toMatchObject({ kind: 'changed', seq: 3 });
  });

  it('finds an entry rewritten with a recomputed hash, through the link from the next one', async () => {
    await writeEntries(core);
    tamper(core, (db) => {
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as AuditRow;
      const hash = entryHash(row.prev_hash!, {
        seq: 3,
        id: row.id,
        at: row.at,
        actor: 'someone-else',
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        details: JSON.parse(row.details!) as unknown,
      });
      db.prepare("UPDATE audit_log SET actor = 'someone-else', hash = ? WHERE seq = 3").run(hash);
    });
    expect((await verify(core)).problem).toMatchObject({ kind: 'changed', seq: 3 });
  });

  it('finds an entry deleted in the middle as a gap', async () => {
    await writeEntries(core);
    tamper(core, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 3').run());
    expect(await verify(core)).toMatchObject({ ok: false, entries: 2, problem: { kind: 'missing', seq: 3, toSeq: 3 } });
  });

  it('finds the last entries deleted, through the recorded head', async () => {
    await writeEntries(core);
    tamper(core, (db) => db.prepare('DELETE FROM audit_log WHERE seq >= 5').run());
    expect(await verify(core)).toMatchObject({ ok: false, entries: 4, problem: { kind: 'missing', seq: 5, toSeq: 6 } });
  });

  it('keeps a deleted tail visible after the app writes again (continues from the head)', async () => {
    await writeEntries(core);
    tamper(core, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 6').run());
    await call(core, 'calendar.removeDay', { date: '2026-12-26' });
    expect(auditRows(core).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 7]);
    expect((await verify(core)).problem).toEqual({ kind: 'missing', seq: 6, toSeq: 6 });
  });

  it('finds all entries deleted', async () => {
    await writeEntries(core);
    tamper(core, (db) => db.prepare('DELETE FROM audit_log').run());
    expect((await verify(core)).problem).toEqual({ kind: 'missing', seq: 1, toSeq: 6 });
  });

  it('finds two entries that swapped places', async () => {
    await writeEntries(core);
    const before = auditRows(core);
    tamper(core, (db) =>
      db.transaction(() => {
        db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = 2').run();
        db.prepare('UPDATE audit_log SET seq = 2 WHERE seq = 3').run();
        db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = -1').run();
      })(),
    );
    expect((await verify(core)).problem).toEqual({ kind: 'reordered', seq: 2, entryId: before[2]!.id });
  });

  it('finds a row inserted with a forged hash, and one with a correct hash after the head', async () => {
    await writeEntries(core);
    const last = auditRows(core)[5]!;
    const forged = { seq: 7, id: 'forged-1', at: last.at + 1, actor: 'admin-1', action: 'users.create', entity: 'user', entityId: 'x', details: null };
    const insert = 'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, details, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)';
    const values = [forged.id, forged.at, forged.actor, forged.action, forged.entity, forged.entityId, forged.seq, last.hash];
    tamper(core, (db) => db.prepare(insert).run(...values, sha256('made up')));
    expect((await verify(core)).problem).toEqual({ kind: 'changed', seq: 7, entryId: 'forged-1' });

    tamper(core, (db) => db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 7').run(entryHash(last.hash!, forged)));
    expect(await verify(core)).toMatchObject({ ok: false, entries: 7, problem: { kind: 'added', seq: 7, entryId: 'forged-1' } });
  });

  it('finds a rewritten tail (recomputed hashes) and a removed head', async () => {
    await writeEntries(core);
    tamper(core, (db) => {
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = 6').get() as AuditRow;
      const hash = entryHash(row.prev_hash!, {
        seq: 6,
        id: row.id,
        at: row.at,
        actor: 'admin-1',
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        details: { date: '2026-12-26', kind: 'off' },
      });
      db.prepare(`UPDATE audit_log SET details = '{"date":"2026-12-26","kind":"off"}', hash = ? WHERE seq = 6`).run(hash);
    });
    expect((await verify(core)).problem).toMatchObject({ kind: 'changed', seq: 6 });

    tamper(core, (db) => db.prepare('DELETE FROM settings WHERE key = ?').run(AUDIT_HEAD_KEY));
    expect((await verify(core)).problem).toEqual({ kind: 'no-head', seq: null });
  });

  it('reports a row outside the chain', async () => {
    await writeEntries(core);
    tamper(core, (db) =>
      db
        .prepare("INSERT INTO audit_log (id, at, actor, action, entity, entity_id) VALUES ('zz-outside', 0, 'x', 'x', 'x', 'x')")
        .run(),
    );
    expect((await verify(core)).problem).toEqual({ kind: 'unsealed', seq: null, entryId: 'zz-outside' });
  });
});

describe('entries written before the chain existed', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  const legacy = (db: Database.Database, n: number) => {
    const insert = db.prepare('INSERT INTO audit_log (id, at, actor, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Inserted out of id order: sealing follows the (time-ordered) ids, not the insertion.
    for (let i = n; i >= 1; i--) {
      insert.run(`0190-legacy-${String(i).padStart(3, '0')}`, 1_700_000_000_000 + i, 'Trần Văn Bình', 'dossier.create', 'dossier', `d${i}`, JSON.stringify({ i }));
    }
  };

  it('are chained once at start, in id order, with a seal entry, before any new entry', async () => {
    openTestCore(temp.dir).close();
    const file = join(temp.dir, 'motcua.sqlite');
    const db = new Database(file);
    legacy(db, 5);
    db.close();

    const core = openTestCore(temp.dir);
    try {
      const rows = auditRows(core);
      expect(rows.map((r) => [r.seq, r.id])).toEqual([
        [1, '0190-legacy-001'],
        [2, '0190-legacy-002'],
        [3, '0190-legacy-003'],
        [4, '0190-legacy-004'],
        [5, '0190-legacy-005'],
        [6, expect.any(String)],
      ]);
      expect(rows[5]).toMatchObject({ actor: 'system', action: 'audit.seal', details: JSON.stringify({ sealed: 5, firstId: '0190-legacy-001', lastId: '0190-legacy-005' }) });
      // What they said is untouched.
      expect(rows[0]).toMatchObject({ actor: 'Trần Văn Bình', details: '{"i":1}', at: 1_700_000_000_001 });
      expect(await verify(core)).toMatchObject({ ok: true, entries: 6 });

      await writeEntries(core);
      expect(await verify(core)).toMatchObject({ ok: true, entries: 12 });
    } finally {
      core.close();
    }
    // Sealing is once: a second start changes nothing.
    const again = openTestCore(temp.dir);
    try {
      expect(auditRows(again)).toHaveLength(12);
      expect(await verify(again)).toMatchObject({ ok: true, entries: 12 });
    } finally {
      again.close();
    }
  });

  it('reads as unsealed until the app has started once', () => {
    openTestCore(temp.dir).close();
    const file = join(temp.dir, 'motcua.sqlite');
    const db = new Database(file);
    legacy(db, 2);
    db.close();
    expect(verifyDatabaseFile(file).problem).toEqual({ kind: 'unsealed', seq: null, entryId: '0190-legacy-001' });
  });

  it('are not sealed beside an existing chain (they were not written by the app)', async () => {
    const core = openTestCore(temp.dir);
    await writeEntries(core);
    core.close();
    const db = new Database(join(temp.dir, 'motcua.sqlite'));
    legacy(db, 1);
    db.close();
    const reopened = openTestCore(temp.dir);
    try {
      expect((await verify(reopened)).problem).toEqual({ kind: 'unsealed', seq: null, entryId: '0190-legacy-001' });
    } finally {
      reopened.close();
    }
  });
});

describe('the cached tail of the chain', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let sqlite: Database.Database;
  beforeEach(() => {
    temp = makeTempDir();
    sqlite = openDatabase(join(temp.dir, 'db.sqlite'));
    migrate(sqlite, readMigrations(migrationsDir), { backupDir: join(temp.dir, 'backups'), now: new Date() });
  });
  afterEach(() => {
    sqlite.close();
    temp.cleanup();
  });

  const change = (entityId: string) => () => ({ actor: 'a', action: 'test.change', entity: 'test', entityId, syncPayload: null });

  it('is not trusted after a rolled-back transaction, nested or not', () => {
    const db = drizzle({ client: sqlite });
    const commit = createUnitOfWork(db, { clock: frozenClock('2026-01-05T00:00:00Z'), ids: sequentialIds() });
    commit(() => 1, change('e1'));
    expect(() =>
      commit(() => {
        throw new Error('refused');
      }, change('never')),
    ).toThrow('refused');
    // A unit of work nested in an outer transaction that then rolls back.
    expect(() =>
      db.transaction(() => {
        commit(() => 2, change('rolled-back'));
        throw new Error('outer refused');
      }),
    ).toThrow('outer refused');
    commit(() => 3, change('e2'));
    expect(sqlite.prepare('SELECT seq, entity_id FROM audit_log ORDER BY seq').all()).toEqual([
      { seq: 1, entity_id: 'e1' },
      { seq: 2, entity_id: 'e2' },
    ]);
    expect(verifyAudit(sqlite)).toMatchObject({ ok: true, entries: 2 });
  });

  it('is re-read when another connection wrote', () => {
    const db = drizzle({ client: sqlite });
    const commit = createUnitOfWork(db, { clock: frozenClock('2026-01-05T00:00:00Z'), ids: sequentialIds() });
    commit(() => 1, change('e1'));
    // Another writer (not the app) appends a correctly chained entry and moves the head.
    const other = new Database(join(temp.dir, 'db.sqlite'));
    const otherDb = drizzle({ client: other });
    createUnitOfWork(otherDb, { clock: frozenClock('2026-01-05T00:00:01Z'), ids: { uuid: () => `other-${Math.random()}` } })(() => 2, change('e2'));
    other.close();
    commit(() => 3, change('e3'));
    expect(sqlite.prepare('SELECT seq FROM audit_log ORDER BY seq').pluck().all()).toEqual([1, 2, 3]);
    expect(verifyAudit(sqlite)).toMatchObject({ ok: true, entries: 3 });
  });
});
