import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  changesReply,
  feedReply,
  fileState,
  healthReply,
  SYNC_LIMITS,
  tokenReply,
  type Change,
  type DossierRecord,
  type FeedItem,
} from '../../src/main/core/sync/protocol';
import { FAULT_KINDS, FaultSwitch, NO_FAULTS } from '../doubles/province/faults';
import { fromNationalDate, toNationalDate } from '../doubles/province/national-mapping';
import { startProvince, type Province, type ProvinceOptions } from '../doubles/province/province-server';
import { projectRoot } from '../support/host-process';
import { makeTempDir } from '../support/temp-dir';

// The provincial double itself, through plain fetch: if it lied about the protocol, every sync
// test built on it would lie too. Real HTTP on 127.0.0.1, its real SQLite file in a temp dir.

const UNIT = '000.00.06.H56';
const OTHER_UNIT = '000.17.22.H56';

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(url: string, init: { method?: string; json?: unknown; token?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: Buffer | string | undefined = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const json = <T = Record<string, unknown>>(r: Reply) => r.body as T;

let seq = 0;
function record(overrides: Partial<DossierRecord> = {}): DossierRecord {
  seq++;
  return {
    id: randomUUID(),
    code: `${UNIT}-261123-${String(seq).padStart(4, '0')}`,
    unitCode: UNIT,
    counterNumber: 1,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    procedureVersion: 1,
    applicantName: 'Nguyễn Thị Hồng Nhung',
    applicantIdNumber: '001190012345',
    applicantPhone: '0912345678',
    status: 2,
    channel: 1,
    receivedAt: '2026-11-23T02:15:00.000Z',
    dueAt: '2026-11-26T10:00:00.000Z',
    pausedAt: null,
    feeTotal: 8000,
    receivedBy: 'Trần Văn Bình',
    details: { summary: 'Đăng ký khai sinh cho con', decidingAuthority: 'UBND xã Hòa Bình', fees: { lines: [{ code: 'LP01', name: 'Lệ phí', quantity: 1, unitAmount: 8000, amount: 8000 }], total: 8000 } },
    ...overrides,
  };
}

const at = '2026-11-23T02:16:00.000Z';
const receive = (r: DossierRecord, key = randomUUID()): Change => ({ key, entity: 'dossier', entityId: r.id, at, operation: 'dossier.receive', payload: { record: r } });
const statusChange = (id: string, status: number, key = randomUUID()): Change => ({
  key,
  entity: 'dossier',
  entityId: id,
  at,
  operation: 'dossier.status',
  payload: { status, revision: 2, dueAt: null, pausedAt: null, note: 'ghi chú' },
});
const attach = (id: string, files: { sha256: string; size: number; documentCode?: string }[], key = randomUUID()): Change => ({
  key,
  entity: 'dossier',
  entityId: id,
  at,
  operation: 'dossier.attach',
  payload: { attachments: files.map((f, i) => ({ documentCode: f.documentCode ?? `TP${i + 1}`, sha256: f.sha256, size: f.size, pages: 1 })) },
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('provincial double', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let province: Province;
  const started: Province[] = [];

  const start = async (options: Partial<ProvinceOptions> = {}) => {
    province = await startProvince({ dataDir: tmp.dir, port: 0, ...options });
    started.push(province);
    return province;
  };
  const login = async (username = 'quay1', password = `${username}-matkhau`) => {
    const r = await call(`${province.url}/auth/token`, { json: { username, password, deviceId: `may-${username}` } });
    expect(r.status).toBe(200);
    return tokenReply.parse(r.body).token;
  };
  const push = async (token: string, changes: Change[]) => call(`${province.url}/changes`, { json: { changes }, token });
  const pushOk = async (token: string, changes: Change[]) => {
    const r = await push(token, changes);
    expect(r.status).toBe(200);
    return changesReply.parse(r.body).results;
  };
  const offer = (token: string, bytes: Buffer, size = bytes.length) =>
    call(`${province.url}/files`, { json: { sha256: sha(bytes), size, mediaType: 'application/pdf' }, token });
  const patch = (token: string, hash: string, offset: number, bytes: Buffer) =>
    call(`${province.url}/files/${hash}`, { method: 'PATCH', token, body: bytes, headers: { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' } });
  const upload = async (token: string, bytes: Buffer) => {
    expect((await offer(token, bytes)).status).toBe(200);
    expect((await patch(token, sha(bytes), 0, bytes)).status).toBe(204);
  };
  const readFeed = async (token: string, cursor: string | null = null, limit = 100) => {
    const r = await call(`${province.url}/feed?limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, { token });
    expect(r.status).toBe(200);
    return feedReply.parse(r.body);
  };

  beforeEach(() => {
    tmp = makeTempDir('province-double-');
  });
  afterEach(async () => {
    for (const p of started.splice(0)) await p.stop();
    tmp.cleanup();
  });

  it('answers /health without a token, with its clock (offset included) in serverTime and the Date header', async () => {
    await start({ clockOffsetMs: 600_000 });
    const before = Date.now();
    const r = await call(`${province.url}/health`);
    expect(r.status).toBe(200);
    const health = healthReply.parse(r.body);
    expect(health.protocol).toBe('motcua-sync/1');
    // Ten minutes fast, give or take the request itself.
    expect(Date.parse(health.serverTime) - before).toBeGreaterThan(590_000);
    expect(Date.parse(r.headers.get('date')!) - before).toBeGreaterThan(585_000);
  });

  it('gives tokens to its accounts only, and refuses them once expired', async () => {
    await start();
    const wrong = await call(`${province.url}/auth/token`, { json: { username: 'quay1', password: 'sai', deviceId: 'x' } });
    expect(wrong.status).toBe(401);
    expect(json(wrong).error).toBe('invalid_credentials');
    const r = await call(`${province.url}/auth/token`, { json: { username: 'quay2', password: 'quay2-matkhau', deviceId: 'may-2' } });
    const reply = tokenReply.parse(r.body);
    expect(reply.token).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.unitCode).toBe(UNIT);
    // An hour from when it was issued (serverTime is read a moment later, as the reply is written).
    const lifetime = Date.parse(reply.expiresAt) - Date.parse(reply.serverTime);
    expect(lifetime).toBeGreaterThan(3_590_000);
    expect(lifetime).toBeLessThanOrEqual(3_600_000);

    expect((await readFeed(reply.token)).items).toEqual([]);
    expect((await call(`${province.url}/feed`)).status).toBe(401);
    expect(json(await call(`${province.url}/feed`, { token: 'f'.repeat(64) })).error).toBe('invalid_token');
    // The province's clock passes the hour: the same token is now expired.
    province.setFaults({ clockOffsetMs: 3_600_001 });
    const expired = await call(`${province.url}/feed`, { token: reply.token });
    expect(expired.status).toBe(401);
    expect(json(expired).error).toBe('token_expired');
  });

  it('applies changes in order, one key once: a status before its receive is retried, a key seen before is a duplicate', async () => {
    await start();
    const token = await login();
    const a = record();
    const early = statusChange(a.id, 4);
    const results = await pushOk(token, [early, receive(a), statusChange(a.id, 5)]);
    expect(results.map((r) => [r.outcome, r.error])).toEqual([
      ['retry', 'unknown_dossier'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
    // The retried key was not spent: sent again, it applies.
    expect((await pushOk(token, [early]))[0]!.outcome).toBe('applied');
    const stored = province.store.dossierById(a.id)!;
    expect(stored.record.status).toBe(4);
    expect(stored.version).toBe(3);

    const again = await pushOk(token, [early]);
    expect(again).toEqual([{ key: early.key, outcome: 'duplicate' }]);
    // The same dossier under a new key: already done, nothing changes.
    expect((await pushOk(token, [receive(a)]))[0]!.outcome).toBe('duplicate');
    expect(province.store.dossierCount()).toBe(1);
    expect(province.store.dossierById(a.id)!.version).toBe(3);
    expect(province.store.duplicatesSeen).toBe(2);
  });

  it('after a reset that follows the commit, the resent change is a duplicate and the dossier exists once', async () => {
    await start();
    const token = await login();
    const a = record();
    const change = receive(a);
    province.setFaults({ rate: 1, kinds: ['resetAfterCommit'] });
    await expect(push(token, [change])).rejects.toThrow();
    expect(province.store.dossierCount()).toBe(1);
    province.clearFaults();
    expect(await pushOk(token, [change])).toEqual([{ key: change.key, outcome: 'duplicate' }]);
    expect(province.store.dossierCount()).toBe(1);
    expect(province.stats().faults.resetAfterCommit).toBe(1);
  });

  it('partialAck applies all and acknowledges the first half; duplicateAck lists each result twice', async () => {
    await start();
    const token = await login();
    const batch = [record(), record(), record(), record()].map((r) => receive(r));
    province.setFaults({ rate: 1, kinds: ['partialAck'] });
    const half = await pushOk(token, batch);
    expect(half.map((r) => r.key)).toEqual(batch.slice(0, 2).map((c) => c.key));
    expect(province.store.dossierCount()).toBe(4);
    province.setFaults({ kinds: ['duplicateAck'] });
    const twice = await pushOk(token, batch.slice(2));
    expect(twice.map((r) => [r.key, r.outcome])).toEqual([
      [batch[2]!.key, 'duplicate'],
      [batch[2]!.key, 'duplicate'],
      [batch[3]!.key, 'duplicate'],
      [batch[3]!.key, 'duplicate'],
    ]);
  });

  it('refuses a second dossier with a taken code, a dossier of another unit, and changes to another unit’s dossier', async () => {
    await start({ accounts: [{ username: 'quay1', password: 'quay1-matkhau', unitCode: UNIT }, { username: 'xa', password: 'xa-matkhau', unitCode: OTHER_UNIT }] });
    const token = await login();
    const a = record();
    await pushOk(token, [receive(a)]);
    const clash = receive(record({ code: a.code }));
    const [conflict] = await pushOk(token, [clash]);
    expect(conflict).toMatchObject({ outcome: 'rejected', error: 'code_conflict' });
    // Resent, the same key gets the same refusal (its first effect), not 'duplicate'.
    expect((await pushOk(token, [clash]))[0]).toMatchObject({ outcome: 'rejected', error: 'code_conflict' });
    expect((await pushOk(token, [receive(record({ unitCode: OTHER_UNIT }))]))[0]).toMatchObject({ outcome: 'rejected', error: 'wrong_unit' });
    const other = await login('xa');
    expect((await pushOk(other, [statusChange(a.id, 7)]))[0]).toMatchObject({ outcome: 'rejected', error: 'wrong_unit' });
    expect(province.store.dossierCount()).toBe(1);
    expect(province.store.dossierById(a.id)!.record.status).toBe(2);
  });

  it('an attachment whose file has not arrived is retried (missing_file); once uploaded it is recorded', async () => {
    await start();
    const token = await login();
    const a = record();
    const pdf = Buffer.from('%PDF-1.7\n% một trang\n%%EOF\n');
    await pushOk(token, [receive(a)]);
    const change = attach(a.id, [{ sha256: sha(pdf), size: pdf.length }]);
    expect((await pushOk(token, [change]))[0]).toMatchObject({ outcome: 'retry', error: 'missing_file' });
    expect(province.store.attachments()).toEqual([]);
    await upload(token, pdf);
    expect((await pushOk(token, [change]))[0]!.outcome).toBe('applied');
    expect(province.store.attachments(a.id)).toEqual([{ dossierId: a.id, documentCode: 'TP1', sha256: sha(pdf), size: pdf.length, pages: 1, name: null }]);
    expect(province.store.dossierById(a.id)!.version).toBe(2);
  });

  it('takes a file resumably: half, 409 on a wrong offset, the rest, hash verified; 422 on wrong bytes; dedup; 413 over the limit', async () => {
    await start();
    const token = await login();
    const bytes = randomBytes(200_000);
    const hash = sha(bytes);
    const half = 100_000;
    expect(fileState.parse(json(await offer(token, bytes)))).toEqual({ offset: 0, complete: false });
    const first = await patch(token, hash, 0, bytes.subarray(0, half));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(half));
    // The client lost track: the server says where it is.
    expect(fileState.parse(json(await offer(token, bytes)))).toEqual({ offset: half, complete: false });
    const wrong = await patch(token, hash, 0, bytes.subarray(0, half));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe(String(half));
    const rest = await patch(token, hash, half, bytes.subarray(half));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    expect(readFileSync(province.store.filePath(hash)).equals(bytes)).toBe(true);
    // Offered again, the file is already there whole.
    expect(fileState.parse(json(await offer(token, bytes)))).toEqual({ offset: bytes.length, complete: true });

    const liar = randomBytes(5000);
    const claimed = sha(randomBytes(5000));
    expect(json(await call(`${province.url}/files`, { json: { sha256: claimed, size: 5000, mediaType: 'application/pdf' }, token }))).toMatchObject({ offset: 0 });
    const mismatch = await patch(token, claimed, 0, liar);
    expect(mismatch.status).toBe(422);
    expect(json(mismatch).error).toBe('hash_mismatch');
    expect(province.store.file(claimed)).toBeNull();
    expect(json(await call(`${province.url}/files`, { json: { sha256: claimed, size: 5000, mediaType: 'application/pdf' }, token }))).toMatchObject({ offset: 0, complete: false });

    const huge = await call(`${province.url}/files`, { json: { sha256: hash.replace(/^./, '0'), size: SYNC_LIMITS.fileMax + 1, mediaType: 'application/pdf' }, token });
    expect(huge.status).toBe(413);
    const small = randomBytes(10);
    await offer(token, small);
    expect((await patch(token, sha(small), 0, randomBytes(11))).status).toBe(413);
    expect((await patch(token, 'a'.repeat(64), 0, small)).status).toBe(404);
  });

  it('keeps the bytes of a PATCH cut off mid-way, so the upload resumes after them', async () => {
    await start();
    const token = await login();
    const bytes = randomBytes(64 * 1024);
    await offer(token, bytes);
    const url = new URL(`${province.url}/files/${sha(bytes)}`);
    await new Promise<void>((resolve) => {
      const req = http.request(url, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'upload-offset': '0', 'content-length': String(bytes.length) } });
      req.on('error', () => resolve());
      req.write(bytes.subarray(0, 20_000), () => setTimeout(() => req.destroy(), 100));
    });
    await vi.waitFor(async () => expect(fileState.parse(json(await offer(token, bytes))).offset).toBe(20_000), { timeout: 5000 });
    // Until the server notices the cut, the old PATCH still holds the file: 409, as for any
    // client that resumes too early; it then resumes from the same offset.
    await vi.waitFor(async () => expect((await patch(token, sha(bytes), 20_000, bytes.subarray(20_000))).status).toBe(204), { timeout: 5000 });
    expect(province.store.file(sha(bytes))).toMatchObject({ size: bytes.length });
  });

  it('pages the feed with an opaque cursor: the unit’s dossiers, catalogue and calendar items, and the agency’s decisions', async () => {
    await start({ accounts: [{ username: 'quay1', password: 'quay1-matkhau', unitCode: UNIT }, { username: 'xa', password: 'xa-matkhau', unitCode: OTHER_UNIT }] });
    const token = await login();
    const records = [record(), record(), record(), record(), record()];
    await pushOk(token, records.map((r) => receive(r)));
    province.publishCatalog({ code: '1.001193', name: 'Đăng ký khai sinh', processingTime: { value: 3, unit: 'workingDays' } });
    province.publishCalendar('2026-12-31', { kind: 'off', name: 'Nghỉ bù Tết Dương lịch' });

    const items: FeedItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await readFeed(token, cursor, 2);
      items.push(...page.items);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(4);
    expect(items.map((i) => i.kind)).toEqual(['dossier', 'dossier', 'dossier', 'dossier', 'dossier', 'catalog', 'calendar']);
    expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((x, y) => x - y));
    const first = items[0]!;
    expect(first.kind === 'dossier' && first.dossier).toEqual(records[0]);
    expect(first.kind === 'dossier' && first.version).toBe(1);
    expect(items[6]).toMatchObject({ kind: 'calendar', date: '2026-12-31', day: { kind: 'off', name: 'Nghỉ bù Tết Dương lịch' } });
    expect((await readFeed(token, cursor)).items).toEqual([]);

    // The deciding agency finishes one dossier: it comes after the cursor, whole and current.
    province.setStatus(records[2]!.code, 9, { handler: 'Lê Văn Cường', title: 'Công chức tư pháp', department: 'Tư pháp - Hộ tịch', content: 'Đã cấp giấy khai sinh' });
    const next = await readFeed(token, cursor);
    expect(next.items).toHaveLength(1);
    expect(next.items[0]).toMatchObject({
      kind: 'dossier',
      version: 2,
      dossier: { id: records[2]!.id, status: 9 },
      progress: { handler: 'Lê Văn Cường', content: 'Đã cấp giấy khai sinh', status: 9 },
      result: { documents: [], note: 'Đã cấp giấy khai sinh' },
    });

    // Another unit sees the province-wide items only.
    const other = await login('xa');
    expect((await readFeed(other)).items.map((i) => i.kind)).toEqual(['catalog', 'calendar']);
    expect((await call(`${province.url}/feed?cursor=not-ours`, { token })).status).toBe(400);
    expect((await call(`${province.url}/feed?limit=${SYNC_LIMITS.feedPageMax + 1}`, { token })).status).toBe(413);
    expect((await call(`${province.url}/feed?limit=0`, { token })).status).toBe(400);
  });

  describe('national face', () => {
    const hoSo = (code: string) => ({
      MaHoSo: code,
      MaTTHC: '2.000815',
      TenTTHC: 'Chứng thực bản sao từ bản chính',
      ChuHoSo: 'Phạm Minh Đức',
      SoGiayToChuHoSo: '079201004567',
      SoDienThoai: '0987654321',
      TrichYeuHoSo: 'Chứng thực 3 bản sao',
      NgayTiepNhan: '20261123091500',
      NgayHenTra: '20261123160000',
      TrangThaiHoSo: 2,
      KenhThucHien: 1,
      DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '079201004567' }],
      DanhSachLePhi: [{ TenPhiLePhi: 'Phí chứng thực', MaPhiLePhi: 'P01', HinhThucThu: 1, Gia: 6000, LoaiPhiLePhi: 1 }],
      DonViXuLy: 'UBND phường Bến Nghé',
      GhiChu: '',
    });
    const national = (path: string, body: unknown, session?: string) =>
      call(`${province.nationalUrl}/${path}`, { json: body, ...(session ? { headers: { session } } : {}) });

    it('logs in, stores DongBoHoSoMC dossiers once ("đã tồn tại"), takes progress and documents, and lists progress', async () => {
      await start();
      const wrong = await national('DangNhap', { TenDangNhap: 'quay1', MatKhau: 'sai' });
      expect(wrong.status).toBe(401);
      expect(json(wrong)).toMatchObject({ error_code: 401, message: 'Sai tên đăng nhập hoặc mật khẩu' });
      const ok = await national('DangNhap', { TenDangNhap: 'quay1', MatKhau: 'quay1-matkhau' });
      expect(json(ok)).toMatchObject({ error_code: 0 });
      const session = json<{ session: string; ThoiGianMayChu: string }>(ok).session;
      expect(fromNationalDate(json<{ ThoiGianMayChu: string }>(ok).ThoiGianMayChu)).not.toBeNull();
      expect((await national('DongBoHoSoMC', { data: [hoSo('x')] })).status).toBe(401);

      const codes = [`${UNIT}-261123-0101`, `${UNIT}-261123-0102`];
      const first = await national('DongBoHoSoMC', { data: codes.map(hoSo) }, session);
      expect(json(first)).toMatchObject({ error_code: 0, KetQua: codes.map((MaHoSo) => ({ MaHoSo, error_code: 0 })) });
      const again = await national('DongBoHoSoMC', { data: [hoSo(codes[0]!), { MaHoSo: `${UNIT}-261123-0103`, TenTTHC: 'thiếu chủ hồ sơ' }] }, session);
      const [exists, invalid] = json<{ KetQua: { MaHoSo: string; error_code: number; message: string }[] }>(again).KetQua;
      expect(exists).toEqual({ MaHoSo: codes[0], error_code: 1, message: `Mã hồ sơ ${codes[0]} đã tồn tại` });
      expect(invalid!.error_code).not.toBe(0);
      expect(province.store.dossierCount()).toBe(2);
      const stored = province.store.dossierByCode(codes[0]!)!;
      expect(stored.record).toMatchObject({ unitCode: UNIT, applicantName: 'Phạm Minh Đức', status: 2, receivedAt: '2026-11-23T02:15:00.000Z', feeTotal: 6000 });

      const progress = await national(
        'CapNhatTienDoHoSoMC',
        {
          data: [
            { MaHoSo: codes[0], NguoiXuLy: 'Võ Thị Lan', ChucDanh: 'Chuyên viên', ThoiDiemXuLy: '20261123100000', PhongBanXuLy: 'Tư pháp', NoiDungXuLy: 'Đang chứng thực', TrangThai: 4, NgayBatDau: '20261123091500', NgayKetThucTheoQuyDinh: '20261123160000' },
            { MaHoSo: `${UNIT}-261123-0999`, ThoiDiemXuLy: '20261123100000', TrangThai: 4 },
          ],
        },
        session,
      );
      expect(json<{ KetQua: { error_code: number }[] }>(progress).KetQua.map((k) => k.error_code)).toEqual([0, 3]);
      expect(province.store.dossierByCode(codes[0]!)!.progress).toMatchObject({ handler: 'Võ Thị Lan', status: 4, at: '2026-11-23T03:00:00.000Z' });

      const pdf = Buffer.from('%PDF-1.4 bản sao\n%%EOF');
      const q = `MaHoSo=${encodeURIComponent(codes[0]!)}&TenTep=${encodeURIComponent('ban-sao.pdf')}&MaThanhPhanHoSo=TP1`;
      const up1 = await call(`${province.nationalUrl}/TaiTepDinhKem?${q}`, { body: pdf, headers: { session, 'content-type': 'application/pdf' } });
      const up2 = await call(`${province.nationalUrl}/TaiTepDinhKem?${q}`, { body: pdf, headers: { session, 'content-type': 'application/pdf' } });
      expect(json(up1)).toMatchObject({ error_code: 0, TepDinhKemId: sha(pdf) });
      expect(json<{ TepDinhKemId: string }>(up2).TepDinhKemId).toBe(sha(pdf));
      const { DuongDanTaiTepTin } = json<{ DuongDanTaiTepTin: string }>(up1);
      const added = await national(
        'BoSungTaiLieuNop',
        { MaHoSo: codes[0], TaiLieuNop: [{ TepDinhKemId: sha(pdf), TenTepDinhKem: 'ban-sao.pdf', IsDeleted: false, MaThanhPhanHoSo: 'TP1', DuongDanTaiTepTin }] },
        session,
      );
      expect(json(added)).toMatchObject({ error_code: 0, KetQua: [{ MaHoSo: codes[0], error_code: 0 }] });
      expect(province.store.attachments(stored.id)).toMatchObject([{ documentCode: 'TP1', sha256: sha(pdf), size: pdf.length, name: 'ban-sao.pdf' }]);

      // A dossier received through our protocol is in the same list, in national shape.
      const token = await login();
      const ours = record();
      await pushOk(token, [receive(ours)]);

      const list = await national('LayDanhSachTienDo', { TuSoThuTu: 0 }, session);
      const body = json<{ error_code: number; ConTiep: boolean; data: { SoThuTu: number; HoSo: Record<string, unknown>; TienDo: Record<string, unknown> | null }[] }>(list);
      expect(body.error_code).toBe(0);
      expect(body.ConTiep).toBe(false);
      expect(body.data.map((d) => d.HoSo.MaHoSo)).toEqual([codes[1], codes[0], ours.code]);
      const first0 = body.data[1]!;
      expect(first0.HoSo).toMatchObject({ MaHoSo: codes[0], TrangThaiHoSo: 4, NgayTiepNhan: '20261123091500', ChuHoSo: 'Phạm Minh Đức', TaiLieuNop: [{ TepDinhKemId: sha(pdf), MaThanhPhanHoSo: 'TP1' }] });
      expect(first0.TienDo).toMatchObject({ MaHoSo: codes[0], NguoiXuLy: 'Võ Thị Lan', TrangThai: 4, ThoiDiemXuLy: '20261123100000' });
      expect(body.data[2]!.HoSo).toMatchObject({ MaHoSo: ours.code, MaTTHC: '1.001193', NgayTiepNhan: toNationalDate(ours.receivedAt), TrangThaiHoSo: 2, SoGiayToChuHoSo: ours.applicantIdNumber });
      expect(body.data[2]!.TienDo).toBeNull();
      // TuSoThuTu is inclusive: from the last number on gives that one again, after it nothing.
      const last = body.data[2]!.SoThuTu;
      expect(json<{ data: unknown[] }>(await national('LayDanhSachTienDo', { TuSoThuTu: last }, session)).data).toHaveLength(1);
      expect(json<{ data: unknown[] }>(await national('LayDanhSachTienDo', { TuSoThuTu: last + 1 }, session)).data).toEqual([]);
    });
  });

  describe('faults', () => {
    it('injects each kind at rate 1, counts it, and leaves /health alone', async () => {
      await start({ faults: { seed: 7 } });
      const token = await login();
      const bytes = randomBytes(1000);
      const nothingWritten = () => {
        expect(province.store.dossierCount()).toBe(0);
        expect(province.store.file(sha(bytes))).toBeNull();
      };

      province.setFaults({ rate: 1, kinds: ['http500'] });
      expect((await push(token, [receive(record())])).status).toBe(500);
      expect((await call(`${province.url}/health`)).status).toBe(200);
      nothingWritten();

      province.setFaults({ kinds: ['reset'] });
      await expect(push(token, [receive(record())])).rejects.toThrow();
      nothingWritten();

      province.setFaults({ kinds: ['timeout'], timeoutHoldMs: 200 });
      await expect(push(token, [receive(record())])).rejects.toThrow();
      nothingWritten();

      province.setFaults({ kinds: ['expiredToken'] });
      const expired = await push(token, [receive(record())]);
      expect(expired.status).toBe(401);
      expect(json(expired).error).toBe('token_expired');

      province.setFaults({ kinds: ['diskFull'] });
      const full = await push(token, [receive(record())]);
      expect([full.status, json(full).error]).toEqual([507, 'disk_full']);
      expect((await offer(token, bytes)).status).toBe(507);
      nothingWritten();

      province.setFaults({ kinds: ['slow'] });
      expect((await pushOk(token, [receive(record())]))[0]!.outcome).toBe('applied');

      province.setFaults({ rate: 0, down: true });
      await expect(call(`${province.url}/health`)).rejects.toThrow();
      province.clearFaults();
      expect((await call(`${province.url}/health`)).status).toBe(200);

      const counts = province.stats().faults;
      expect(counts).toMatchObject({ http500: 1, reset: 1, timeout: 1, expiredToken: 1, diskFull: 2, slow: 1, down: 1 });
    });

    it('draws the same faults from the same seed, and only kinds that fit the route', () => {
      const draws = (seed: number) => {
        const f = new FaultSwitch(NO_FAULTS, { rate: 0.5, seed });
        return Array.from({ length: 50 }, () => f.draw({ authed: true, writes: true, acks: true }));
      };
      expect(draws(42)).toEqual(draws(42));
      expect(new Set(draws(42))).toContain(null);
      const readOnly = new FaultSwitch(NO_FAULTS, { rate: 1, kinds: [...FAULT_KINDS], seed: 1 });
      const kinds = Array.from({ length: 200 }, () => readOnly.draw({ authed: false, writes: false, acks: false }));
      expect(new Set(kinds)).toEqual(new Set(['http500', 'timeout', 'reset', 'slow']));
      expect(() => readOnly.set({ rate: 2 })).toThrow();
    });
  });

  it('keeps its data across a restart on the same port', async () => {
    await start();
    const token = await login();
    const a = record();
    const change = receive(a);
    const pdf = randomBytes(3000);
    await pushOk(token, [change]);
    await upload(token, pdf);
    const port = province.port;
    await province.stop();

    await start({ port });
    expect(province.port).toBe(port);
    expect(province.store.dossierById(a.id)!.record.code).toBe(a.code);
    // The token and the keys outlive the restart; the file is still whole.
    expect(await pushOk(token, [change])).toEqual([{ key: change.key, outcome: 'duplicate' }]);
    expect(fileState.parse(json(await offer(token, pdf)))).toEqual({ offset: pdf.length, complete: true });
  });

  it('refuses malformed JSON, schema violations (with zod’s message), oversize bodies and unknown routes without falling over', async () => {
    await start();
    const token = await login();
    const malformed = await call(`${province.url}/changes`, { body: '{"changes": [', token, headers: { 'content-type': 'application/json' } });
    expect([malformed.status, json(malformed).error]).toEqual([400, 'malformed_json']);
    const invalid = await push(token, [{ ...receive(record()), operation: 'dossier.delete' } as unknown as Change]);
    expect(invalid.status).toBe(400);
    expect(json(invalid).error).toBe('invalid_request');
    expect(String(json(invalid).message)).toMatch(/operation/);
    expect((await call(`${province.url}/changes`, { json: { changes: [] }, token })).status).toBe(400);
    expect((await call(`${province.url}/nowhere`)).status).toBe(404);
    expect((await call(`${province.nationalUrl}/DongBoHoSoMC`, { body: 'not json', headers: { session: 'x' } })).status).toBe(401);

    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${province.url}/changes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(SYNC_LIMITS.jsonBodyMax + 1) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"changes":[');
    });
    expect(status).toBe(413);
    expect((await call(`${province.url}/health`)).status).toBe(200);
  });

  it('admin page: lists the unit’s dossiers escaped; a status set there shows in the feed; faults and calendar by form; own host only', async () => {
    await start();
    const token = await login();
    const a = record({ applicantName: 'Hoàng <b>Anh</b> & "Tú"' });
    await pushOk(token, [receive(a)]);
    const { cursor } = await readFeed(token);

    const pageReply = await call(province.adminUrl);
    expect(pageReply.status).toBe(200);
    const html = String(pageReply.body);
    expect(html).toContain(a.code);
    expect(html).toContain('Hoàng &lt;b&gt;Anh&lt;/b&gt; &amp; &quot;Tú&quot;');
    expect(html).not.toContain('<b>Anh</b>');
    expect(html).toContain('Đã xử lý xong');

    const form = (path: string, fields: [string, string][]) =>
      call(`${province.adminUrl}${path}`, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const posted = await form('/status', [
      ['code', a.code],
      ['status', '9'],
      ['handler', 'Đặng Thu Hà'],
      ['content', 'Đã ký giấy khai sinh'],
    ]);
    expect(posted.status).toBe(303);
    const next = await readFeed(token, cursor);
    expect(next.items).toMatchObject([{ kind: 'dossier', version: 2, dossier: { code: a.code, status: 9 }, progress: { handler: 'Đặng Thu Hà', content: 'Đã ký giấy khai sinh', status: 9 } }]);

    expect((await form('/faults', [['rate', '0.25'], ['kinds', 'reset'], ['kinds', 'slow'], ['seed', '3']])).status).toBe(303);
    expect(province.faults()).toMatchObject({ rate: 0.25, kinds: ['reset', 'slow'], seed: 3, down: false });
    expect((await form('/faults/clear', [])).status).toBe(303);
    expect(province.faults().rate).toBe(0);
    expect((await form('/calendar', [['date', '2027-01-02'], ['kind', 'work'], ['name', 'Làm bù']])).status).toBe(303);
    expect((await readFeed(token, next.cursor)).items).toEqual([{ seq: expect.any(Number), kind: 'calendar', date: '2027-01-02', day: { kind: 'work', name: 'Làm bù' } }]);
    expect((await form('/status', [['code', 'không-có'], ['status', '9']])).status).toBe(404);

    const foreign = await new Promise<number>((resolve, reject) => {
      http.get(province.adminUrl, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(foreign).toBe(403);
  });

  it('runs as a child process: prints its URLs as JSON, stops on SIGTERM; `status` works on its data dir afterwards', async () => {
    const cli = join(projectRoot, 'tests/doubles/province/cli.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', tmp.dir, '--faults', '{"seed":5}'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const info = await new Promise<{ url: string; nationalUrl: string; adminUrl: string; pid: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL line: ${stderr}`)), 20_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; nationalUrl: string; adminUrl: string; pid: number });
      });
      child.once('exit', () => reject(new Error(`exited: ${stderr}`)));
    });
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/motcua-sync\/v1$/);
    expect(info.nationalUrl).toBe(info.url.replace('/api/motcua-sync/v1', '/national'));
    expect(info.pid).toBe(child.pid);
    const a = record();
    try {
      expect((await call(`${info.url}/health`)).status).toBe(200);
      const tokenReplyBody = await call(`${info.url}/auth/token`, { json: { username: 'quay1', password: 'quay1-matkhau', deviceId: 'cli' } });
      const r = await call(`${info.url}/changes`, { json: { changes: [receive(a)] }, token: tokenReply.parse(tokenReplyBody.body).token });
      expect(changesReply.parse(r.body).results[0]!.outcome).toBe('applied');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    const status = spawnSync(process.execPath, ['--import', 'tsx', cli, 'status', '--data-dir', tmp.dir, '--code', a.code, '--status', '9', '--content', 'Có kết quả'], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({ code: a.code, status: 9, version: 2 });
    await start();
    expect(province.store.feed()).toMatchObject([{ kind: 'dossier', version: 2, dossier: { code: a.code, status: 9 }, progress: { content: 'Có kết quả' } }]);
  });
});
