import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { dossierRecord, SYNC_LIMITS } from '../../../src/main/core/sync/protocol';
import { HttpError, readJson, send, sendJson, validate, type Exchange } from './http-util';
import {
  boSungTaiLieuNop,
  dossierToHoSo,
  hoSo,
  hoSoToRecord,
  NATIONAL_ITEM_ERRORS,
  nationalFilePath,
  progressToTienDo,
  tienDo,
  tienDoToProgress,
  toNationalDate,
  type KetQua,
} from './national-mapping';
import { findAccount, openSession, requireSession, type ProvinceContext } from './province-context';
import type { Session } from './province-store';
import { faultAcks, type Route } from './route';

// The national face under /national: the DongBoHoSoMC family as practice has it (DOMAIN.md).
// JSON over HTTP after DangNhap; replies are HTTP 200 with error_code 0 = ok, per-dossier
// results in KetQua. Dossiers land in the same table as our protocol's: one province, two faces.

export const NATIONAL_BASE = '/national';

const SMALL_JSON = 64 * 1024;
const MESSAGES = {
  ok: 'Thành công',
  wrongLogin: 'Sai tên đăng nhập hoặc mật khẩu',
  badSession: 'Phiên làm việc không hợp lệ hoặc đã hết hạn',
  exists: (code: string) => `Mã hồ sơ ${code} đã tồn tại`,
  invalid: (why: string) => `Dữ liệu không hợp lệ: ${why}`,
  unknownDossier: (code: string) => `Không tìm thấy hồ sơ ${code}`,
  unknownFile: (id: string) => `Không tìm thấy tệp đính kèm ${id}`,
  wrongUnit: (code: string) => `Hồ sơ ${code} không thuộc đơn vị của tài khoản`,
} as const;

function reply(ex: Exchange, body: Record<string, unknown>, status = 200): void {
  sendJson(ex, status, { ...body, ThoiGianMayChu: toNationalDate(ex.now()) });
}

function session(ctx: ProvinceContext, ex: Exchange): Session {
  const header = ex.req.headers.session;
  try {
    return requireSession(ctx, 'national', typeof header === 'string' ? header : null);
  } catch (e) {
    if (e instanceof HttpError) throw new HttpError(401, e.code, MESSAGES.badSession);
    throw e;
  }
}

const dataOf = (body: unknown) => validate(z.object({ data: z.array(z.unknown()).min(1).max(SYNC_LIMITS.changesPerBatch) }), body).data;
const codeOf = (item: unknown): string => {
  const code = (item as { MaHoSo?: unknown } | null)?.MaHoSo;
  return typeof code === 'string' ? code.slice(0, 64) : '';
};
const item = (MaHoSo: string, error_code: number, message: string): KetQua => ({ MaHoSo, error_code, message });

function receiveOne(ctx: ProvinceContext, unitCode: string, raw: unknown): KetQua {
  const { store } = ctx;
  const parsed = hoSo.safeParse(raw);
  const code = codeOf(raw);
  if (!parsed.success) return item(code, NATIONAL_ITEM_ERRORS.invalid, MESSAGES.invalid(z.prettifyError(parsed.error)).slice(0, 2000));
  const h = parsed.data;
  if (store.dossierByCode(h.MaHoSo)) {
    store.bump('duplicates');
    return item(h.MaHoSo, NATIONAL_ITEM_ERRORS.exists, MESSAGES.exists(h.MaHoSo));
  }
  const files = (h.TaiLieuNop ?? []).filter((t) => !t.IsDeleted);
  const missing = files.find((t) => !store.file(t.TepDinhKemId));
  if (missing) return item(h.MaHoSo, NATIONAL_ITEM_ERRORS.unknownFile, MESSAGES.unknownFile(missing.TepDinhKemId));
  const record = dossierRecord.safeParse(hoSoToRecord(h, randomUUID(), unitCode));
  if (!record.success) return item(h.MaHoSo, NATIONAL_ITEM_ERRORS.invalid, MESSAGES.invalid(z.prettifyError(record.error)).slice(0, 2000));
  const now = ctx.now();
  const { TaiLieuNop: _documents, ...kept } = h;
  const stored = store.insertDossier(record.data, 'national', now, kept);
  for (const t of files)
    store.putAttachment({ dossierId: stored.id, documentCode: t.MaThanhPhanHoSo, sha256: t.TepDinhKemId, size: store.file(t.TepDinhKemId)!.size, pages: 0, name: t.TenTepDinhKem ?? null }, now);
  return item(h.MaHoSo, 0, MESSAGES.ok);
}

function progressOne(ctx: ProvinceContext, unitCode: string, raw: unknown): KetQua {
  const { store } = ctx;
  const parsed = tienDo.safeParse(raw);
  const code = codeOf(raw);
  if (!parsed.success) return item(code, NATIONAL_ITEM_ERRORS.invalid, MESSAGES.invalid(z.prettifyError(parsed.error)).slice(0, 2000));
  const t = parsed.data;
  const dossier = store.dossierByCode(t.MaHoSo);
  if (!dossier) return item(t.MaHoSo, NATIONAL_ITEM_ERRORS.unknownDossier, MESSAGES.unknownDossier(t.MaHoSo));
  if (dossier.unitCode !== unitCode) return item(t.MaHoSo, NATIONAL_ITEM_ERRORS.wrongUnit, MESSAGES.wrongUnit(t.MaHoSo));
  const step = tienDoToProgress(t);
  const due = t.NgayKetThucTheoQuyDinh ? tienDoToProgress({ ...t, ThoiDiemXuLy: t.NgayKetThucTheoQuyDinh }).at : undefined;
  store.setStatus(t.MaHoSo, { status: step.status, handler: step.handler, title: step.title, department: step.department, content: step.content, at: new Date(step.at), ...(due ? { dueAt: due } : {}) }, ctx.now());
  return item(t.MaHoSo, 0, MESSAGES.ok);
}

/** Streams the raw body into a temp file, hashing as it goes; the same bytes twice are one file. */
async function receiveFile(ctx: ProvinceContext, ex: Exchange): Promise<{ sha256: string; size: number }> {
  const { store } = ctx;
  const announced = Number(ex.req.headers['content-length'] ?? NaN);
  if (Number.isFinite(announced) && announced > SYNC_LIMITS.fileMax) throw new HttpError(413, 'too_large', `tệp vượt quá ${SYNC_LIMITS.fileMax} byte`);
  const temp = join(store.uploadsDir, `national-${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const fh = await open(temp, 'w');
  try {
    for await (const chunk of ex.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > SYNC_LIMITS.fileMax) throw new HttpError(413, 'too_large', `tệp vượt quá ${SYNC_LIMITS.fileMax} byte`);
      hash.update(chunk);
      await fh.write(chunk);
    }
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  const sha256 = hash.digest('hex');
  if (store.file(sha256)) {
    await unlink(temp);
  } else {
    await rename(temp, store.filePath(sha256));
    const dir = await open(store.filesDir, 'r');
    await dir.sync().finally(() => dir.close());
    const mediaType = typeof ex.req.headers['content-type'] === 'string' ? ex.req.headers['content-type'].slice(0, 100) : 'application/octet-stream';
    store.completeFile({ sha256, size, mediaType }, ctx.now());
  }
  return { sha256, size };
}

const login: Route = {
  name: 'POST /national/DangNhap',
  authed: false,
  writes: false,
  acks: false,
  async handle(ctx, ex) {
    const body = validate(z.object({ TenDangNhap: z.string().min(1).max(100), MatKhau: z.string().min(1).max(200) }), await readJson(ex.req, SMALL_JSON));
    const account = findAccount(ctx, body.TenDangNhap, body.MatKhau);
    if (!account) throw new HttpError(401, 'invalid_credentials', MESSAGES.wrongLogin);
    const s = openSession(ctx, 'national', account, null);
    reply(ex, { error_code: 0, message: MESSAGES.ok, session: s.token, HetHan: toNationalDate(new Date(s.expiresAt)) });
  },
};

/** A call carrying {data: [...]}, each item handled by `one` in one transaction, answered per item in KetQua. */
function batchRoute(name: string, one: typeof receiveOne): Route {
  return {
    name,
    authed: true,
    writes: true,
    acks: true,
    async handle(ctx, ex, ack) {
      const s = session(ctx, ex);
      const data = dataOf(await readJson(ex.req, SYNC_LIMITS.jsonBodyMax));
      const results = ctx.store.transaction(() => data.map((raw) => one(ctx, s.unitCode, raw)));
      reply(ex, { error_code: 0, message: MESSAGES.ok, KetQua: faultAcks(results, ack) });
    },
  };
}

const receive = batchRoute('POST /national/DongBoHoSoMC', receiveOne);
const progress = batchRoute('POST /national/CapNhatTienDoHoSoMC', progressOne);

const upload: Route = {
  name: 'POST /national/TaiTepDinhKem',
  authed: true,
  writes: true,
  acks: false,
  async handle(ctx, ex) {
    session(ctx, ex);
    const MaHoSo = ex.url.searchParams.get('MaHoSo');
    if (!MaHoSo) throw new HttpError(400, 'invalid_request', MESSAGES.invalid('thiếu MaHoSo'));
    const { sha256, size } = await receiveFile(ctx, ex);
    reply(ex, {
      error_code: 0,
      message: MESSAGES.ok,
      TepDinhKemId: sha256,
      DuongDanTaiTepTin: nationalFilePath(sha256),
      KichThuoc: size,
      TenTep: ex.url.searchParams.get('TenTep'),
      MaThanhPhanHoSo: ex.url.searchParams.get('MaThanhPhanHoSo'),
    });
  },
};

const addDocuments: Route = {
  name: 'POST /national/BoSungTaiLieuNop',
  authed: true,
  writes: true,
  acks: false,
  async handle(ctx, ex) {
    const s = session(ctx, ex);
    const body = validate(boSungTaiLieuNop, await readJson(ex.req, SMALL_JSON * 16));
    const { store } = ctx;
    const result = store.transaction((): KetQua => {
      const dossier = store.dossierByCode(body.MaHoSo);
      if (!dossier) return item(body.MaHoSo, NATIONAL_ITEM_ERRORS.unknownDossier, MESSAGES.unknownDossier(body.MaHoSo));
      if (dossier.unitCode !== s.unitCode) return item(body.MaHoSo, NATIONAL_ITEM_ERRORS.wrongUnit, MESSAGES.wrongUnit(body.MaHoSo));
      const missing = body.TaiLieuNop.find((t) => !t.IsDeleted && !store.file(t.TepDinhKemId));
      if (missing) return item(body.MaHoSo, NATIONAL_ITEM_ERRORS.unknownFile, MESSAGES.unknownFile(missing.TepDinhKemId));
      const now = ctx.now();
      for (const t of body.TaiLieuNop) {
        if (t.IsDeleted) store.removeAttachment(dossier.id, t.MaThanhPhanHoSo, t.TepDinhKemId);
        else
          store.putAttachment(
            { dossierId: dossier.id, documentCode: t.MaThanhPhanHoSo, sha256: t.TepDinhKemId, size: store.file(t.TepDinhKemId)!.size, pages: 0, name: t.TenTepDinhKem ?? null },
            now,
          );
      }
      store.updateDossier(dossier.id, {}, now);
      return item(body.MaHoSo, 0, MESSAGES.ok);
    });
    // One dossier per call: its result is the call's too (whichever way a client reads it).
    reply(ex, { error_code: result.error_code, message: result.message, KetQua: [result] });
  },
};

const listProgress: Route = {
  name: 'POST /national/LayDanhSachTienDo',
  authed: true,
  writes: false,
  acks: false,
  async handle(ctx, ex) {
    const s = session(ctx, ex);
    const body = validate(
      z.object({ TuSoThuTu: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), SoLuong: z.number().int().min(1).max(SYNC_LIMITS.feedPageMax).optional() }),
      await readJson(ex.req, SMALL_JSON),
    );
    // "Từ số thứ tự": from this number on, inclusive (0 or 1: from the start).
    const page = ctx.store.feedPage(s.unitCode, Math.max(0, body.TuSoThuTu - 1), body.SoLuong ?? 100, ['dossier']);
    const data = page.items.flatMap((i) => {
      if (i.kind !== 'dossier') return [];
      const d = ctx.store.dossierById(i.dossier.id)!;
      return [{ SoThuTu: i.seq, HoSo: dossierToHoSo(d, ctx.store.attachments(d.id)), TienDo: progressToTienDo(d) }];
    });
    reply(ex, { error_code: 0, message: MESSAGES.ok, data, ConTiep: page.hasMore });
  },
};

function download(sha256: string): Route {
  return {
    name: 'GET /national/TepDinhKem/{id}',
    authed: true,
    writes: false,
    acks: false,
    async handle(ctx, ex) {
      session(ctx, ex);
      const f = ctx.store.file(sha256);
      if (!f) throw new HttpError(404, 'not_found', MESSAGES.unknownFile(sha256));
      const chunks: Buffer[] = [];
      for await (const c of createReadStream(ctx.store.filePath(sha256))) chunks.push(c as Buffer);
      send(ex, 200, Buffer.concat(chunks), { 'Content-Type': f.mediaType });
    },
  };
}

export function nationalRoute(method: string, path: string): Route | null {
  if (method === 'POST') {
    if (path === '/DangNhap') return login;
    if (path === '/DongBoHoSoMC') return receive;
    if (path === '/CapNhatTienDoHoSoMC') return progress;
    if (path === '/TaiTepDinhKem') return upload;
    if (path === '/BoSungTaiLieuNop') return addDocuments;
    if (path === '/LayDanhSachTienDo') return listProgress;
  }
  const m = /^\/TepDinhKem\/([0-9a-f]{64})$/.exec(path);
  if (m && method === 'GET') return download(m[1]!);
  return null;
}

/** The national error reply: HTTP status and the same number as error_code. */
export function nationalError(ex: Exchange, e: HttpError): void {
  const message = e.status === 401 && e.code !== 'invalid_credentials' ? MESSAGES.badSession : e.message;
  sendJson(ex, e.status, { error_code: e.status, message: message.slice(0, 2000), ThoiGianMayChu: toNationalDate(ex.now()) }, e.headers);
}
