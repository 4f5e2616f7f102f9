import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport, ProcedureEntry, ProcedureHit } from '../../../src/shared/api/calls/catalog';
import type { Core } from '../../../src/main/core/core';
import { openTestCore, systemContext } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { rawSample, readSample } from './sample';

const admin = systemContext('admin', 'admin-1');
const clerk = systemContext('clerk', 'clerk-1');
const supervisor = systemContext('supervisor', 'lead-1');

function fileOf(procedures: unknown[]) {
  return { format: 'motcua-catalog', version: 1, procedures };
}

describe('the catalogue through the core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;

  async function call<T>(method: string, input: unknown, ctx = admin): Promise<T> {
    const r = await core.dispatch(method, input, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  const search = (query: string, limit?: number) => call<ProcedureHit[]>('catalog.search', { query, limit }, clerk);
  const importFile = (file: unknown) => call<ImportReport>('catalog.import', { file });
  const sql = <T>(query: string, ...params: unknown[]): T[] => {
    const db = new Database(core.databaseFile, { readonly: true });
    try {
      return db.prepare(query).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    temp = makeTempDir();
    core = openTestCore(temp.dir);
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  describe('first start', () => {
    it('seeds the sample catalogue into an empty table, as version 1, without audit or outbox entries', async () => {
      const count = readSample().procedures.length;
      expect(count).toBeGreaterThanOrEqual(20);
      expect(await search('', 200)).toHaveLength(count);
      expect(sql('SELECT DISTINCT version, is_current, imported_by FROM procedures')).toEqual([{ version: 1, is_current: 1, imported_by: 'system:seed' }]);
      expect(sql('SELECT * FROM audit_log')).toEqual([]);
      expect(sql('SELECT * FROM outbox')).toEqual([]);
    });

    it('does not seed again once the table holds procedures', async () => {
      const changed = rawSample('1.004873');
      (changed.processingTime as { value: number }).value = 5;
      await importFile(fileOf([changed]));
      core.close();
      core = openTestCore(temp.dir);
      expect(sql('SELECT count(*) AS n FROM procedures')).toEqual([{ n: readSample().procedures.length + 1 }]);
      const [hit] = await search('1.004873');
      expect(hit).toMatchObject({ code: '1.004873', version: 2 });
    });

    it('starts empty when no resources dir is configured', async () => {
      core.close();
      const other = makeTempDir();
      core = openTestCore(other.dir, { resourcesDir: undefined });
      expect(await search('', 200)).toEqual([]);
      core.close();
      other.cleanup();
      core = openTestCore(temp.dir);
    });
  });

  describe('search', () => {
    const codes = (hits: ProcedureHit[]) => hits.map((h) => h.code);

    it('"chung thuc" finds "Chứng thực bản sao từ bản chính"', async () => {
      const hits = await search('chung thuc');
      expect(hits[0]).toMatchObject({ code: '2.000815', name: expect.stringMatching(/^Chứng thực bản sao từ bản chính/) });
      expect(codes(hits)).toEqual(expect.arrayContaining(['2.000815', '2.000884', '2.001019', '2.001035']));
    });

    it('finds by name without diacritics, words in any order and as prefixes', async () => {
      expect(codes(await search('dang ky khai sinh'))[0]).toBe('1.001193');
      expect(codes(await search('khai sinh dang ky'))).toContain('1.001193');
      expect(codes(await search('dk khai sinh'))).toEqual([]);
      expect(codes(await search('đăng ký khai sinh'))[0]).toBe('1.001193');
      expect(codes(await search('Đăng Ký Khai Sinh'.normalize('NFD')))[0]).toBe('1.001193');
      expect(codes(await search('xac nhan tinh trang hon'))).toEqual(['1.004873']);
      expect(codes(await search('ket hon'))).toEqual(expect.arrayContaining(['1.000894', '1.004746', '2.000806']));
    });

    it('folds đ and d alike', async () => {
      expect(codes(await search('đang ky tam tru'))).toEqual(codes(await search('dang ky tam tru')));
      expect(codes(await search('dang ky tam tru'))).toContain('1.004194');
      expect(codes(await search('DANG KY THUONG TRU'))).toEqual(['1.004222']);
    });

    it('finds by code prefix, ranking the exact code first', async () => {
      expect(codes(await search('2.0008'))).toEqual(['2.000806', '2.000815', '2.000884']);
      expect(codes(await search('1.001193'))).toEqual(['1.001193']);
      const twos = readSample().procedures.map((p) => String(p.code)).filter((c) => c.startsWith('2.'));
      expect(codes(await search('2.', 200)).sort()).toEqual(twos.sort());
    });

    it('ranks exact code, code prefix, name prefix, then other matches', async () => {
      const provincial = { ...rawSample('1.001193'), code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh (bản của tỉnh)' };
      const mentions = { ...rawSample('1.004884'), code: '1.004884' };
      await importFile(fileOf([provincial, mentions]));
      expect(codes(await search('1.001193'))).toEqual(['1.001193', '1.001193.000.00.00.H56']);
      // "khai sinh": no name starts with it, so all matches rank alike, in code order.
      const ks = codes(await search('khai sinh'));
      expect(ks.slice(0, 3)).toEqual(['1.001193', '1.001193.000.00.00.H56', '1.004884']);
      // "dang ky lai": the name starting with it comes before names that merely contain the words.
      expect(codes(await search('dang ky lai'))).toEqual(['1.004746', '1.004884']);
      const tach = codes(await search('tach ho'));
      expect(tach).toEqual(['1.010038']);
    });

    it('returns search hits with what a picker shows, and honours the limit', async () => {
      const [hit] = await search('chung thuc chu ky');
      expect(hit).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        code: '2.000884',
        version: 1,
        name: expect.stringMatching(/^Chứng thực chữ ký/),
        sectorName: 'Chứng thực',
        decidingAgency: 'UBND xã/phường',
      });
      expect(await search('', 5)).toHaveLength(5);
      expect(await search('khong co thu tuc nay')).toEqual([]);
    });
  });

  describe('import and versions', () => {
    it('adds a version for a changed procedure, keeps the old one, moves the current flag', async () => {
      const [before] = await search('1.004873');
      const changed = rawSample('1.004873');
      (changed.processingTime as { value: number }).value = 5;
      const report = await importFile(fileOf([changed]));
      expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 0, errors: [] });
      expect(report.changed).toEqual([{ id: expect.any(String), code: '1.004873', version: 2, status: 'updated' }]);
      expect(sql('SELECT version, is_current FROM procedures WHERE code = ? ORDER BY version', '1.004873')).toEqual([
        { version: 1, is_current: 0 },
        { version: 2, is_current: 1 },
      ]);
      const [after] = await search('1.004873');
      expect(after).toMatchObject({ version: 2, id: report.changed[0]!.id });
      expect(after!.id).not.toBe(before!.id);

      // A dossier received under version 1 still reads version 1.
      const old = await call<ProcedureEntry>('catalog.get', { id: before!.id }, clerk);
      expect(old).toMatchObject({ id: before!.id, code: '1.004873', version: 1, isCurrent: false, importedBy: 'system:seed' });
      expect(old.procedure.processingTime).toEqual({ value: 3, unit: 'working-days' });
      const current = await call<ProcedureEntry>('catalog.get', { id: after!.id }, clerk);
      expect(current).toMatchObject({ version: 2, isCurrent: true, importedBy: 'admin-1', importedAt: '2026-11-23T03:00:00.000Z' });
      expect(current.procedure.processingTime).toEqual({ value: 5, unit: 'working-days' });

      // One audit entry for the import, attributed; nothing queued for sync.
      expect(sql('SELECT actor, action, entity FROM audit_log')).toEqual([{ actor: 'admin-1', action: 'catalog.import', entity: 'catalog' }]);
      expect(sql('SELECT * FROM outbox')).toEqual([]);

      // Changing it back is a new version again (3), not a return to 1.
      const again = await importFile(fileOf([rawSample('1.004873')]));
      expect(again.changed).toEqual([expect.objectContaining({ version: 3, status: 'updated' })]);
      expect(sql('SELECT version FROM procedures WHERE code = ? AND is_current = 1', '1.004873')).toEqual([{ version: 3 }]);
    });

    it('adds nothing for an unchanged procedure, even written differently (NFD, spaces)', async () => {
      const same = rawSample('1.001193');
      same.name = '  Đăng ký   khai sinh'.normalize('NFD');
      const report = await importFile(fileOf([same, rawSample('1.000656')]));
      expect(report).toEqual({ added: 0, updated: 0, unchanged: 2, changed: [], errors: [] });
      expect(sql('SELECT count(*) AS n FROM procedures WHERE code = ?', '1.001193')).toEqual([{ n: 1 }]);
      expect(sql('SELECT * FROM audit_log')).toEqual([]);
    });

    it('adds a new code as version 1, found by search at once', async () => {
      const fresh = { ...rawSample('2.000884'), code: '2.000992', name: 'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật' };
      const report = await importFile(fileOf([fresh, rawSample('2.000884')]));
      expect(report).toMatchObject({ added: 1, updated: 0, unchanged: 1 });
      expect(report.changed).toEqual([expect.objectContaining({ code: '2.000992', version: 1, status: 'added' })]);
      expect((await search('cong tac vien dich'))[0]).toMatchObject({ code: '2.000992', version: 1 });
    });

    it('imports nothing from a file with any invalid record, and lists every problem with its position', async () => {
      const fresh = { ...rawSample('2.000884'), code: '2.000992' };
      const noName = rawSample('1.001193');
      delete noName.name;
      const badCode = { ...rawSample('1.000656'), code: '1.656' };
      const badDoc = rawSample('1.004873');
      (badDoc.documents as Record<string, unknown>[])[1]!.copies = -1;
      const report = await importFile(fileOf([fresh, noName, badCode, badDoc]));
      expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 0, changed: [] });
      expect(report.errors).toEqual([
        { index: 1, code: '1.001193', path: 'name', message: 'Thủ tục thứ 2 (mã 1.001193): Tên: bắt buộc nhập' },
        {
          index: 2,
          code: '1.656',
          path: 'code',
          message: 'Thủ tục thứ 3 (mã 1.656): Mã: không đúng dạng mã thủ tục: mã quốc gia như 1.001193, hoặc mã của tỉnh như 1.001193.000.00.00.H56',
        },
        {
          index: 3,
          code: '1.004873',
          path: 'documents.1.copies',
          message: 'Thủ tục thứ 4 (mã 1.004873): Thành phần hồ sơ thứ 2, Số bản sao chứng thực: không được nhỏ hơn 0',
        },
      ]);
      expect(sql('SELECT count(*) AS n FROM procedures WHERE code = ?', '2.000992')).toEqual([{ n: 0 }]);
      expect(sql('SELECT * FROM audit_log')).toEqual([]);
    });

    it('answers a file that is not a catalogue with one clear error', async () => {
      const report = await importFile([{ code: '1.001193' }]);
      expect(report.errors).toEqual([expect.objectContaining({ index: null, message: expect.stringContaining('không phải danh mục thủ tục') })]);
      const missing = await importFile(undefined);
      expect(missing.errors).toHaveLength(1);
    });

    it('caps a long list of errors', async () => {
      const broken = Array.from({ length: 600 }, () => ({ code: 'x' }));
      const report = await importFile(fileOf(broken));
      expect(report.errors).toHaveLength(501);
      expect(report.errors.at(-1)!.message).toMatch(/^… và \d+ lỗi khác\.$/);
    });
  });

  describe('export', () => {
    it('exports the current versions in code order, and re-importing it changes nothing', async () => {
      const changed = rawSample('1.004873');
      (changed.processingTime as { value: number }).value = 5;
      await importFile(fileOf([changed]));
      const file = await call<{ format: string; version: number; exportedAt: string; procedures: { code: string }[] }>('catalog.export', {}, supervisor);
      expect(file).toMatchObject({ format: 'motcua-catalog', version: 1, exportedAt: '2026-11-23T03:00:00.000Z' });
      const codes = file.procedures.map((p) => p.code);
      expect(codes).toHaveLength(readSample().procedures.length);
      expect([...codes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual(codes);
      expect(file.procedures.find((p) => p.code === '1.004873')).toMatchObject({ processingTime: { value: 5 } });

      const roundTrip = await importFile(JSON.parse(JSON.stringify(file)));
      expect(roundTrip).toEqual({ added: 0, updated: 0, unchanged: codes.length, changed: [], errors: [] });
    });

    it('into an empty data dir, reproduces the same catalogue', async () => {
      const file = await call<unknown>('catalog.export', {}, supervisor);
      core.close();
      const other = makeTempDir();
      core = openTestCore(other.dir, { resourcesDir: undefined });
      const report = await importFile(file);
      expect(report.added).toBe(readSample().procedures.length);
      expect(await call('catalog.export', {}, supervisor)).toEqual(file);
      core.close();
      other.cleanup();
      core = openTestCore(temp.dir);
    });
  });

  describe('access and errors', () => {
    it('lets every account search and read, supervisors export, admins import', async () => {
      expect((await core.dispatch('catalog.search', { query: 'khai tu' }, clerk)).ok).toBe(true);
      expect(await core.dispatch('catalog.export', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await core.dispatch('catalog.import', { file: fileOf([]) }, supervisor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await core.dispatch('catalog.import', { file: fileOf([]) }, admin)).toMatchObject({
        ok: true,
        value: { added: 0, updated: 0, unchanged: 0 },
      });
    });

    it('answers an unknown id with a Vietnamese message', async () => {
      expect(await core.dispatch('catalog.get', { id: 'no-such-id' }, clerk)).toEqual({
        ok: false,
        error: { code: 'CATALOG_NOT_FOUND', message: expect.stringContaining('Không tìm thấy thủ tục này trong danh mục (no-such-id)') },
      });
    });

    it('validates search input', async () => {
      expect(await core.dispatch('catalog.search', { query: 'x', limit: 0 }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await core.dispatch('catalog.search', { query: 'x'.repeat(201) }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    });
  });
});
