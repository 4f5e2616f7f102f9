import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Core } from '../../../src/main/core/core';
import { frozenClock, latestSchema, openTestCore, systemContext } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';

const ctx = systemContext('clerk', 'clerk-1');

describe('dossiers through the core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  // 23 Nov 2026, 10:00 in Vietnam.
  const clock = frozenClock('2026-11-23T03:00:00Z');

  beforeEach(() => {
    temp = makeTempDir();
    clock.set('2026-11-23T03:00:00Z');
    core = openTestCore(temp.dir, { clock });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('saves a dossier with its outbox and audit entries in one transaction', async () => {
    const r = await core.dispatch('dossiers.create', { applicantName: 'Nguyễn Văn An', procedureName: 'Đăng ký khai sinh' }, ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        id: '00000000-0000-7000-8000-000000000001',
        applicantName: 'Nguyễn Văn An',
        procedureName: 'Đăng ký khai sinh',
        receivedAt: '2026-11-23T03:00:00.000Z',
      },
    });
    const db = new Database(core.databaseFile, { readonly: true });
    expect(db.prepare('SELECT received_at FROM dossiers').pluck().all()).toEqual([Date.parse('2026-11-23T03:00:00Z')]);
    expect(db.prepare('SELECT entity, entity_id, operation, acknowledged_at FROM outbox').all()).toEqual([
      { entity: 'dossier', entity_id: '00000000-0000-7000-8000-000000000001', operation: 'dossier.create', acknowledged_at: null },
    ]);
    expect(db.prepare('SELECT actor, action, entity_id FROM audit_log').all()).toEqual([
      { actor: 'clerk-1', action: 'dossier.create', entity_id: '00000000-0000-7000-8000-000000000001' },
    ]);
    db.close();
  });

  it('writes nothing at all when any part of the transaction fails', async () => {
    // Sabotage the audit table from a second connection: the dossier insert must roll back too.
    const side = new Database(core.databaseFile);
    side.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    side.close();
    const r = await core.dispatch('dossiers.create', { applicantName: 'Trần Thị Bích', procedureName: 'Đăng ký kết hôn' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const db = new Database(core.databaseFile, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    db.close();
  });

  it("lists today's dossiers by the Vietnamese calendar day, newest first", async () => {
    const save = (name: string) => core.dispatch('dossiers.create', { applicantName: name, procedureName: 'Chứng thực chữ ký' }, ctx);
    clock.set('2026-11-22T16:59:59Z'); // 23:59:59 on the 22nd in Vietnam: yesterday
    await save('Hôm qua');
    clock.set('2026-11-22T17:00:00Z'); // 00:00 on the 23rd in Vietnam: today
    await save('Nửa đêm');
    clock.set('2026-11-23T09:30:00Z'); // 16:30 on the 23rd
    await save('Buổi chiều');
    clock.set('2026-11-23T17:00:00Z'); // 00:00 on the 24th: tomorrow
    await save('Ngày mai');

    clock.set('2026-11-23T10:00:00Z');
    const r = await core.dispatch('dossiers.listToday', {}, ctx);
    expect(r.ok && (r.value as { applicantName: string }[]).map((d) => d.applicantName)).toEqual(['Buổi chiều', 'Nửa đêm']);
  });

  it('announces a saved dossier on the event bus', async () => {
    const seen: unknown[] = [];
    const off = core.events.subscribe((m) => seen.push(m));
    await core.dispatch('dossiers.create', { applicantName: 'Lê Văn Cường', procedureName: 'Đăng ký tạm trú' }, ctx);
    off();
    expect(seen).toEqual([{ event: 'dossiers.changed', payload: { id: '00000000-0000-7000-8000-000000000001' } }]);
  });

  it('keeps the data dir readable by this user only', () => {
    expect(statSync(temp.dir).mode & 0o777).toBe(0o700);
  });

  it('reports its status: schema version and database file', async () => {
    const r = await core.dispatch('app.status', {}, ctx);
    expect(r).toMatchObject({ ok: true, value: { schemaVersion: latestSchema, databaseFile: core.databaseFile, host: 'cli' } });
  });
});
