import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import type { DossierDetail, TodayLists } from '../../../src/shared/api/calls/dossiers';
import { frozenClock, latestSchema, openTestCore, systemContext } from '../../support/core-fixture';
import { procedureId, receiveSample, sampleDossier } from '../../support/dossier-fixture';
import { sampleOffice } from '../../support/office-fixture';
import { makeTempDir } from '../../support/temp-dir';

const clerk = systemContext('clerk', 'lan.nt');

describe('receiving dossiers', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  // Monday 23 Nov 2026, 09:00 in Vietnam (24 Nov is Ngày Văn hóa Việt Nam, a day off).
  const clock = frozenClock('2026-11-23T02:00:00Z');
  const call = async <T = DossierDetail>(m: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(m, input, clerk);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const refused = async (m: string, input: unknown) => {
    const r = await core.dispatch(m, input, clerk);
    if (r.ok) throw new Error(`${m} should have been refused`);
    return r.error;
  };

  beforeEach(async () => {
    temp = makeTempDir();
    clock.set('2026-11-23T02:00:00Z');
    core = openTestCore(temp.dir, { clock });
    const setup = await core.dispatch('auth.setup', { admin: { username: 'quantri', fullName: 'Quản Trị', password: 'matkhau123' }, office: sampleOffice }, systemContext());
    expect(setup.ok).toBe(true);
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('records a dossier with its code, due date, applicant, fees, outbox and audit entry', async () => {
    const d = await receiveSample(core, clerk);
    expect(d.code).toBe('000.00.06.H56-261123-0001');
    expect(d.status).toBe(2);
    const detail = await call('dossiers.get', { idOrCode: d.code });
    expect(detail).toMatchObject({
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', version: 1 },
      applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090012345', phone: '0912345678' },
      receivingUnit: { code: '000.00.06.H56', name: 'BỘ PHẬN MỘT CỬA' },
      receivedBy: 'lan.nt',
      checklist: [{ code: 'TK', handedOver: true }, { code: 'GCS', handedOver: true }],
    });
    // Same-day procedure received at 09:00 on a working day: due at closing time that day.
    expect(detail.dueAt).toBe('2026-11-23T10:00:00.000Z');
    expect(detail.history).toEqual([expect.objectContaining({ actor: 'lan.nt', action: 'dossier.receive', toStatus: 2 })]);
    const db = new Database(core.databaseFile, { readonly: true });
    expect(db.prepare("SELECT entity_id FROM outbox WHERE entity = 'dossier'").pluck().all()).toEqual([d.id]);
    expect(db.prepare('SELECT id_number FROM applicants').pluck().all()).toEqual(['001090012345']);
    db.close();
  });

  it('computes the due date from the procedure: 3 working days skip 24 Nov 2026 (a day off)', async () => {
    const d = await receiveSample(core, clerk, {}, '1.004873'); // Xác nhận tình trạng hôn nhân: 3 working days
    // Mon 23 received; 24 Nov off; 25, 26, 27 are the three working days → Fri 27 Nov 17:00.
    expect(d.dueAt).toBe('2026-11-27T10:00:00.000Z');
  });

  it('computes fees from the catalogue: certification priced per page', async () => {
    const id = await procedureId(core, clerk, '2.000815');
    const d = await call('dossiers.receive', sampleDossier(id, { checklist: [], copies: 2, pages: 3 }));
    // 2 pages × 2,000 + 1 page × 1,000 = 5,000 per copy; 2 copies.
    expect(d.fees.total).toBe(10_000);
  });

  it('is idempotent by request id: a retried save returns the first dossier, no second code', async () => {
    const id = await procedureId(core, clerk, '1.001193');
    const input = sampleDossier(id);
    const first = await call('dossiers.receive', input);
    const again = await call('dossiers.receive', input);
    expect(again.id).toBe(first.id);
    expect(again.code).toBe(first.code);
    const next = await call('dossiers.receive', sampleDossier(id));
    expect(next.code).toBe('000.00.06.H56-261123-0003'); // counter 1 of 2 takes odd numbers
  });

  it('refuses invalid applicants with Vietnamese messages and stores nothing', async () => {
    const id = await procedureId(core, clerk, '1.001193');
    const base = sampleDossier(id);
    const cases = [
      { ...base, applicant: { ...base.applicant, idNumber: '123' } },
      { ...base, applicant: { ...base.applicant, idNumber: '001190012345' } }, // gender digit says female, born 1990
      { ...base, applicant: { ...base.applicant, phone: '12345' } },
      { ...base, applicant: { ...base.applicant, email: 'khong-phai-email' } },
      { ...base, applicant: { ...base.applicant, birthDate: '2099-01-01' } },
      { ...base, role: 'representative' as const },
      { ...base, procedureId: 'no-such-procedure' },
      { ...base, summary: 'x'.repeat(1001) },
      { ...base, applicant: { ...base.applicant, fullName: "Robert'); DROP TABLE dossiers;--\u0000" } },
    ];
    for (const c of cases) {
      const e = await refused('dossiers.receive', c);
      expect(e.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    const db = new Database(core.databaseFile, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(0);
    db.close();
  });

  it('records the channel: a dossier that arrived by public post (KenhThucHien 3)', async () => {
    const id = await procedureId(core, clerk, '1.001193');
    const d = await call('dossiers.receive', sampleDossier(id, { channel: 3, resultDelivery: { method: 'post', address: 'Số 5 ngõ 3, phường Láng' } }));
    expect(d).toMatchObject({ channel: 3, resultDelivery: { method: 'post', address: 'Số 5 ngõ 3, phường Láng' } });
    expect((await refused('dossiers.receive', sampleDossier(id, { channel: 2 as never }))).code).toBe('VALIDATION');
  });

  it('finds a returning applicant by ID number', async () => {
    await receiveSample(core, clerk);
    expect(await call('applicants.find', { idNumber: '001 090 012 345' })).toMatchObject({ fullName: 'Nguyễn Văn An', phone: '0912345678' });
    expect(await call('applicants.find', { idNumber: '079090000001' })).toBeNull();
  });

  describe('lifecycle', () => {
    it('pauses the clock for a supplement and gives a new due date when it arrives', async () => {
      const d = await receiveSample(core, clerk, {}, '1.004873'); // due Fri 27 Nov 17:00
      clock.set('2026-11-25T02:00:00Z'); // Wed 09:00
      const paused = await call('dossiers.transition', { id: d.id, revision: d.revision, action: 'requestSupplement', note: 'Thiếu bản sao sổ hộ khẩu' });
      expect(paused).toMatchObject({ status: 5, pausedAt: '2026-11-25T02:00:00.000Z' });
      clock.set('2026-11-30T02:00:00Z'); // Mon 30 Nov 09:00: the supplement arrives
      const resumed = await call('dossiers.transition', { id: d.id, revision: paused.revision, action: 'supplementReceived' });
      expect(resumed.status).toBe(2);
      expect(resumed.pausedAt).toBeNull();
      // Remaining at the pause: Wed 09:00 → Fri 17:00 = 2 days 8 h of working time, counted again from Mon 09:00.
      expect(Date.parse(resumed.dueAt!)).toBeGreaterThan(Date.parse('2026-12-02T02:00:00Z'));
      expect(resumed.history.map((h) => h.action)).toEqual(['dossier.receive', 'dossier.requestSupplement', 'dossier.supplementReceived']);
    });

    it('refuses an invalid transition and a stale revision, with clear messages', async () => {
      const d = await receiveSample(core, clerk);
      expect((await refused('dossiers.transition', { id: d.id, revision: d.revision, action: 'returnResult', returnedTo: 'A' })).message).toBe(
        'Không thể "Trả kết quả" khi hồ sơ đang ở trạng thái "Đã tiếp nhận".',
      );
      expect((await refused('dossiers.transition', { id: d.id, revision: d.revision, action: 'refuse' })).message).toContain('cần ghi lý do từ chối');
      const ready = await call('dossiers.transition', { id: d.id, revision: d.revision, action: 'resultReady' });
      expect((await refused('dossiers.transition', { id: d.id, revision: d.revision, action: 'withdraw' })).code).toBe('STALE_DOSSIER');
      const returned = await call('dossiers.transition', { id: d.id, revision: ready.revision, action: 'returnResult', returnedTo: 'Nguyễn Văn An', returnMethod: 'counter' });
      expect(returned.status).toBe(10);
      expect((await refused('dossiers.transition', { id: d.id, revision: returned.revision, action: 'withdraw' })).code).toBe('INVALID_TRANSITION');
    });

    it('writes an outbox and an audit entry with each transition, in the same transaction', async () => {
      const d = await receiveSample(core, clerk);
      await call('dossiers.transition', { id: d.id, revision: d.revision, action: 'withdraw', note: 'Công dân xin rút' });
      const db = new Database(core.databaseFile, { readonly: true });
      expect(db.prepare("SELECT operation FROM outbox WHERE entity_id = ? ORDER BY created_at").pluck().all(d.id)).toEqual(['dossier.receive', 'dossier.withdraw']);
      expect(db.prepare("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY at").pluck().all(d.id)).toEqual(['dossier.receive', 'dossier.withdraw']);
      db.close();
    });
  });

  describe("today's lists and search", () => {
    it('sorts dossiers into received today, due today, overdue, waiting and results to hand back', async () => {
      clock.set('2026-11-20T02:00:00Z'); // Fri 20 Nov
      const old = await receiveSample(core, clerk, {}, '1.001193'); // due Fri 20 Nov 17:00 → overdue by Monday
      const waiting = await receiveSample(core, clerk, {}, '1.004873');
      await call('dossiers.transition', { id: waiting.id, revision: waiting.revision, action: 'requestSupplement', note: 'Thiếu giấy tờ' });
      const ready = await receiveSample(core, clerk, {}, '1.004873');
      await call('dossiers.transition', { id: ready.id, revision: ready.revision, action: 'resultReady' });
      clock.set('2026-11-23T02:00:00Z'); // Mon 23 Nov 09:00
      const today = await receiveSample(core, clerk, {}, '1.001193'); // same day: due today 17:00
      const lists = await call<TodayLists>('dossiers.today', {});
      expect(lists.receivedToday.map((d) => d.id)).toEqual([today.id]);
      expect(lists.dueToday.map((d) => d.id)).toEqual([today.id]);
      expect(lists.overdue.map((d) => d.id)).toEqual([old.id]);
      expect(lists.waitingSupplement.map((d) => d.id)).toEqual([waiting.id]);
      expect(lists.resultsToHandBack.map((d) => d.id)).toEqual([ready.id]);
      expect(lists.counts).toEqual({ receivedToday: 1, dueToday: 1, overdue: 1, waitingSupplement: 1, resultsToHandBack: 1 });
    });

    it('finds by code, ID number, phone, and name typed without diacritics (đ→d too)', async () => {
      const an = await receiveSample(core, clerk);
      const dat = await receiveSample(core, clerk, {
        applicant: { kind: 'person', fullName: 'Đặng Quốc Đạt', idNumber: '079085001234', birthDate: '1985-02-01', gender: 'male', address: 'Ấp 3, xã Tân Thạnh', phone: '+84 (0)903 111 222'.replace(' (0)', ' ') },
      });
      const search = (query: string) => call<{ kind: string; results: { id: string }[] }>('dossiers.search', { query });
      expect(await search(an.code)).toEqual({ kind: 'code', results: [expect.objectContaining({ id: an.id })] });
      expect((await search('000.00.06.H56-261123')).results).toHaveLength(2);
      expect(await search('079 085 001 234')).toEqual({ kind: 'idNumber', results: [expect.objectContaining({ id: dat.id })] });
      expect(await search('0903.111.222')).toEqual({ kind: 'phone', results: [expect.objectContaining({ id: dat.id })] });
      expect((await search('dang quoc dat')).results.map((r) => r.id)).toEqual([dat.id]);
      expect((await search('DAT')).results.map((r) => r.id)).toEqual([dat.id]);
      expect((await search('van an')).results.map((r) => r.id)).toEqual([an.id]);
      expect((await search('nguyen an')).results.map((r) => r.id)).toEqual([an.id]);
      expect((await search('"*) OR 1=1 --')).results).toEqual([]);
    });
  });

  it('keeps the data dir readable by this user only', () => {
    expect(statSync(temp.dir).mode & 0o777).toBe(0o700);
  });

  it('reports its status: schema version and database file', async () => {
    const r = await core.dispatch('app.status', {}, clerk);
    expect(r).toMatchObject({ ok: true, value: { schemaVersion: latestSchema, databaseFile: core.databaseFile, host: 'cli' } });
  });
});
