import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../src/shared/api/calls/audit';
import type { Core } from '../../../src/main/core/core';
import { openTestCore } from '../../support/core-fixture';
import { motcua } from '../../support/motcua-cli';
import { makeTempDir } from '../../support/temp-dir';
import { tamper, writeEntries } from './audit-support';

// `motcua audit verify` reads the file read-only, without the data-dir lock: these run while the
// test's core owns the data dir, as an admin would beside the running app.
describe('motcua audit verify', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeAll(async () => {
    temp = makeTempDir();
    core = openTestCore(temp.dir);
    await writeEntries(core);
  });
  afterAll(() => {
    core.close();
    temp.cleanup();
  });

  it('exits 0 with a Vietnamese summary, or the result as JSON, while the app holds the data dir', () => {
    const text = motcua(['--data-dir', temp.dir, 'audit', 'verify']);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Nhật ký nguyên vẹn: 6 mục');
    expect(text.stdout).toMatch(/Đầu chuỗi: mục số 6, mã băm [0-9a-f]{64}/);

    const json = motcua(['--data-dir', temp.dir, 'audit', 'verify', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, entries: 6, head: { seq: 6 } });
  });

  it('exits 1 and says what and where when the log was changed', () => {
    tamper(core, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 4').run());
    const text = motcua(['--data-dir', temp.dir, 'audit', 'verify']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Nhật ký KHÔNG nguyên vẹn.');
    expect(text.stdout).toContain('Mục số 4 đã bị xóa.');
    expect(text.stdout).toContain('3 mục đầu tiên vẫn khớp.');

    const json = motcua(['--data-dir', temp.dir, 'audit', 'verify', '--json']);
    expect(json.status).toBe(1);
    const result = JSON.parse(json.stdout) as AuditVerification;
    expect(result).toMatchObject({ ok: false, entries: 3, problem: { kind: 'missing', seq: 4, toSeq: 4 } });
  });

  it('exits 2 when there is no database to check', () => {
    const r = motcua(['--data-dir', join(temp.dir, 'nowhere'), 'audit', 'verify']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Không tìm thấy cơ sở dữ liệu');
  });

  it('says in its help that it only reads and needs no lock', () => {
    const r = motcua(['audit', 'verify', '--help']);
    expect(r.stdout).toContain('chỉ đọc');
  });
});
