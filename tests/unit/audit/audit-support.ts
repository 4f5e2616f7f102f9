import Database from 'better-sqlite3';
import type { Core } from '../../../src/main/core/core';
import type { AuditVerification } from '../../../src/shared/api/calls/audit';
import { systemContext } from '../../support/core-fixture';
import { rawSample } from '../catalog/sample';

export const admin = systemContext('admin', 'admin-1');
export const supervisor = systemContext('supervisor', 'lead-1');

export async function call<T>(core: Core, method: string, input: unknown, ctx = admin): Promise<T> {
  const r = await core.dispatch(method, input, ctx);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export const verify = (core: Core) => call<AuditVerification>(core, 'audit.verify', {}, supervisor);

/**
 * Real changes through real calls, each leaving an audit entry: two accounts, a catalogue
 * import, two calendar edits (the first also seeds the official table: one more entry).
 */
export async function writeEntries(core: Core): Promise<void> {
  await call(core, 'users.create', { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'clerk', password: 'tamthoi123' });
  await call(core, 'users.create', { username: 'hung.pv', fullName: 'Phạm Văn Hùng', role: 'supervisor', password: 'tamthoi456' });
  const changed = rawSample('1.004873');
  (changed.processingTime as { value: number }).value = 5;
  await call(core, 'catalog.import', { file: { format: 'motcua-catalog', version: 1, procedures: [changed] } });
  await call(core, 'calendar.setDay', { date: '2026-12-31', kind: 'off', name: 'Nghỉ thử nghiệm' });
  await call(core, 'calendar.setDay', { date: '2026-12-26', kind: 'work', name: 'Làm bù thử nghiệm' });
}

/**
 * A second, ordinary connection to the file: what someone with the file and sqlite3 can do —
 * including dropping the append-only triggers first, which only stop casual edits.
 */
export function tamper<T>(core: Core, fn: (db: Database.Database) => T): T {
  const db = new Database(core.databaseFile);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    return fn(db);
  } finally {
    db.close();
  }
}

export interface AuditRow {
  id: string;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string | null;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export const auditRows = (core: Core): AuditRow[] =>
  tamper(core, (db) => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]);
