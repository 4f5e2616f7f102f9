import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrate';
import { readMigrations } from '../../../src/main/core/db/migrations';
import { issuedForms, scanPages, scanSessions, storedFiles } from '../../../src/main/core/db/schema';
import { createUnitOfWork } from '../../../src/main/core/db/unit-of-work';
import { createFileStore } from '../../../src/main/core/files/file-store';
import { silentLogger } from '../../../src/main/core/logging/logger';
import { createScanRetention, DAY_MS } from '../../../src/main/core/scanning/scan-retention';
import { scanningSettings, scanRetention, type ScanRetention } from '../../../src/shared/api/calls/scanning';
import { frozenClock, migrationsDir, sequentialIds } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';

// The retention runner on a real, migrated SQLite file and a real file store: what else names a
// stored file (an issued form, a queued upload) keeps it; the daily timer; the settings' shape.

const T0 = Date.parse('2026-11-02T03:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY_MS);

describe('scan retention runner', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let sqlite: ReturnType<typeof openDatabase>;
  const clock = frozenClock(at(0).toISOString());
  let days: ScanRetention;
  const busy = new Set<string>();

  beforeEach(() => {
    tmp = makeTempDir();
    clock.set(at(0).toISOString());
    sqlite = openDatabase(join(tmp.dir, 'motcua.sqlite'));
    migrate(sqlite, readMigrations(migrationsDir), { backupDir: join(tmp.dir, 'backups'), now: clock.now() });
    days = scanRetention.parse({});
    busy.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    sqlite.close();
    tmp.cleanup();
  });

  function setup() {
    const db = drizzle({ client: sqlite });
    const commit = createUnitOfWork(db, { clock, ids: sequentialIds() });
    const files = createFileStore(join(tmp.dir, 'files'));
    const retention = createScanRetention({ db, commit, files, clock, logger: silentLogger, days: () => days, inUse: (id) => busy.has(id) });
    /** A discarded session, discarded now, holding one page per text. */
    const discardedSession = (id: string, texts: string[]) =>
      commit(
        (tx, now) => {
          tx.insert(scanSessions).values({ id, requestId: `req-${id}`, state: 'discarded', createdAt: now, createdBy: 'lan.nt', updatedAt: now }).run();
          return texts.map((text, i) => {
            const f = files.put(Buffer.from(text));
            tx.insert(storedFiles).values({ sha256: f.sha256, size: f.size, mediaType: 'image/jpeg', createdAt: now }).onConflictDoNothing().run();
            tx.insert(scanPages).values({ id: `${id}-${i}`, sessionId: id, seq: i + 1, sha256: f.sha256, mediaType: 'image/jpeg', position: i + 1, origin: 'test', createdAt: now }).run();
            return f;
          });
        },
        () => ({ actor: 'lan.nt', action: 'scan.discard', entity: 'scan_session', entityId: id, syncPayload: null }),
      );
    return { db, commit, files, retention, discardedSession };
  }

  it('keeps a file an issued form names and one a queued upload names; removes the rest', () => {
    const { commit, files, retention, discardedSession } = setup();
    const [printed, queued, lone] = discardedSession('s1', ['same bytes as a printed form', 'same bytes as a queued upload', 'only this page']);
    commit(
      (tx, now) => tx.insert(issuedForms).values({ id: 'f1', dossierId: null, form: 'test', paper: 'A4', sha256: printed!.sha256, mediaType: 'application/pdf', issuedAt: now, issuedBy: 'quantri' }).run(),
      () => ({ actor: 'quantri', action: 'print.issue', entity: 'issued_form', entityId: 'f1', syncPayload: null }),
    );
    // An outbox entry naming the file, as dossier.attach writes it (no attachment row here).
    commit(
      () => undefined,
      () => ({ actor: 'lan.nt', action: 'dossier.attach', entity: 'dossier', entityId: 'd1', syncPayload: { attachments: [{ documentCode: 'TK', sha256: queued!.sha256, size: queued!.size, pages: 1 }] } }),
    );

    clock.set(at(8).toISOString());
    expect(retention.prune('quantri')).toEqual({ sessions: 1, pages: 3, files: 1, bytes: lone!.size });
    expect(existsSync(files.pathOf(lone!.sha256))).toBe(false);
    expect(existsSync(files.pathOf(printed!.sha256))).toBe(true);
    expect(existsSync(files.pathOf(queued!.sha256))).toBe(true);
    expect(sqlite.prepare('SELECT count(*) FROM stored_files').pluck().get()).toBe(2);
    expect(sqlite.prepare("SELECT state FROM scan_sessions WHERE id = 's1'").pluck().get()).toBe('discarded');
    // A second run finds nothing and, unasked, writes nothing to the audit.
    const audits = () => sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'scan.prune'").pluck().get();
    expect(audits()).toBe(1);
    expect(retention.prune('system')).toEqual({ sessions: 0, pages: 0, files: 0, bytes: 0 });
    expect(audits()).toBe(1);
  });

  it('leaves a session in use alone', () => {
    const { retention, discardedSession } = setup();
    discardedSession('s1', ['page being scanned']);
    busy.add('s1');
    clock.set(at(30).toISOString());
    expect(retention.prune('system').sessions).toBe(0);
    busy.delete('s1');
    expect(retention.prune('system').sessions).toBe(1);
  });

  it('prunes at start, then once a day, and stops with the core', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { files, retention, discardedSession } = setup();
    const [first] = discardedSession('s1', ['first']);
    clock.set(at(3).toISOString());
    const [second] = discardedSession('s2', ['second']);

    clock.set(at(8).toISOString());
    retention.start();
    expect(existsSync(files.pathOf(first!.sha256))).toBe(false);
    expect(existsSync(files.pathOf(second!.sha256))).toBe(true);
    expect(vi.getTimerCount()).toBe(1);

    clock.set(at(11).toISOString());
    vi.advanceTimersByTime(DAY_MS);
    expect(existsSync(files.pathOf(second!.sha256))).toBe(false);

    retention.stop();
    expect(vi.getTimerCount()).toBe(0);
    // A start after the core closed (recovery finishing late) does nothing.
    retention.start();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('scanning settings: retention', () => {
  it('settings stored before retention existed parse with the defaults', () => {
    const old = { devices: [], defaultDeviceId: null, limits: { maxFileBytes: 20_000_000, maxPages: 100, maxPixels: 50_000_000 } };
    const parsed = scanningSettings.parse(old);
    expect(parsed.retention).toEqual({ discardedDays: 7, committedDays: 30, openDays: 30 });
    expect(parsed.limits).toEqual(old.limits);
    expect(scanningSettings.parse({}).retention).toEqual({ discardedDays: 7, committedDays: 30, openDays: 30 });
  });

  it('refuses days that are not whole, below 1 or above ten years', () => {
    for (const bad of [{ discardedDays: 0 }, { committedDays: 1.5 }, { openDays: 3651 }, { openDays: -1 }]) {
      expect(scanRetention.safeParse(bad).success).toBe(false);
    }
    expect(scanRetention.parse({ discardedDays: 1, openDays: 3650 })).toEqual({ discardedDays: 1, committedDays: 30, openDays: 3650 });
  });
});
