import { createHash } from 'node:crypto';
import { z } from 'zod';
import { syncTransportText as text } from '../../../shared/i18n/vi-sync-transport';
import {
  baseUrlOf,
  cleanServerText,
  createSession,
  invalidChangeResult,
  httpCall,
  noteServerTime,
  parseJson,
  protocolFailure,
  urlOf,
  type Grant,
  type HttpCall,
  type HttpContext,
  type HttpReply,
} from './http-json';
import {
  DEFAULT_NATIONAL_CODES,
  NationalMappingError,
  feedItemOfNational,
  isAlreadyExists,
  nationalAttachmentOf,
  nationalDossierOf,
  nationalFeedEntry,
  nationalFileName,
  nationalProgressOf,
  parseNationalDate,
  type NationalAttachment,
  type NationalCodeTable,
} from './national-mapping';
import { SYNC_LIMITS, change as changeSchema, feedReply, fileOffer, type Change, type ChangeResult, type FeedItem, type FeedReply } from './protocol';
import { SyncFailure, type AdapterOptions, type FileToSend, type SyncAdapter } from './sync-adapter';

// The national dossier-sync messages (DongBoHoSoMC family, DOMAIN.md) behind the same interface
// as our protocol, for a province whose system speaks only those. Endpoints are relative to the
// configured base (e.g. https://dvc.tinh.gov.vn/national):
//
//   POST DangNhap {TenDangNhap, MatKhau}            → {error_code, session, ThoiGianMayChu}
//   POST DongBoHoSoMC {data:[HoSo]}                 → {error_code, message, KetQua:[{MaHoSo, error_code, message}]}
//   POST CapNhatTienDoHoSoMC {data:[TienDo]}        → the same KetQua shape
//   POST TaiTepDinhKem?MaHoSo&TenTep&MaThanhPhanHoSo (raw bytes) → {error_code, TepDinhKemId, DuongDanTaiTepTin}
//   POST BoSungTaiLieuNop {MaHoSo, TaiLieuNop:[…]}  → {error_code, message[, KetQua]}
//   POST LayDanhSachTienDo {TuSoThuTu}              → {error_code, data:[{SoThuTu, HoSo, TienDo}], ConTiep}
//
// Later calls carry the header `session`. Errors come either as an HTTP status or as HTTP 200
// with a non-zero error_code; both are read. What these messages cannot say, and how we cope:
//  - no ids of ours, only dossier codes (MaHoSo): `dossierCodes` maps between the two;
//  - no resumable upload, and an upload must name its dossier: sendFile only remembers the file,
//    the upload happens when the dossier.attach change is pushed (it knows the dossier), and
//    BoSungTaiLieuNop then names the uploaded file;
//  - no catalogue or calendar in the feed: pull() returns dossier items only;
//  - no health endpoint: health() asks the base URL for any reply and reads the clock from the
//    Date header.

export interface DossierCodes {
  /** The dossier code (MaHoSo) of one of our dossier ids; null when unknown here. */
  codeOf(dossierId: string): string | null;
  /** Our id of the dossier with this code; null when this counter does not hold it. */
  idOf(code: string): string | null;
}

export interface NationalAdapterOptions extends AdapterOptions {
  /**
   * Id ↔ code from the counter's database. Without it only the dossiers pushed by this process
   * are known: status changes of older ones cannot be sent, and the feed names dossiers by code.
   */
  dossierCodes?: DossierCodes;
  /** LoaiDoiTuong and the other unsure code lists (national-mapping.ts). */
  codes?: NationalCodeTable;
}

/** Remembered files and codes are bounded: the oldest are forgotten first. */
const MEMORY_MAX = 5000;
const FEED_REPLY_MAX = SYNC_LIMITS.jsonBodyMax;
const BATCH_MAX = SYNC_LIMITS.changesPerBatch;

const errorCode = z.union([z.number().int(), z.string().regex(/^-?\d{1,9}$/).transform(Number)]);
const serverText = z.string().max(100_000).nullish();

const envelope = z.object({ error_code: errorCode, message: serverText, ThoiGianMayChu: z.string().max(40).nullish() });
const loginReply = envelope.extend({ session: z.string().max(4096).nullish() });
const resultsReply = envelope.extend({
  KetQua: z
    .array(z.object({ MaHoSo: z.string().max(200).nullish(), error_code: errorCode, message: serverText }))
    .max(BATCH_MAX * 2)
    .nullish(),
});
const uploadReply = envelope.extend({
  TepDinhKemId: z.union([z.string().min(1).max(200), z.number().int()]).nullish(),
  DuongDanTaiTepTin: z.string().max(2000).nullish(),
});
const feedEnvelope = envelope.extend({
  data: z.array(z.unknown()).max(SYNC_LIMITS.feedPageMax * 2).nullish(),
  ConTiep: z.boolean().nullish(),
});

type ResultItem = NonNullable<z.infer<typeof resultsReply>['KetQua']>[number];

interface Uploaded {
  TepDinhKemId: string;
  DuongDanTaiTepTin: string | null;
  TenTep: string;
}

/** A Map that forgets its oldest entries beyond MEMORY_MAX. */
function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > MEMORY_MAX) map.delete(map.keys().next().value as K);
}

export function createNationalAdapter(options: NationalAdapterOptions): SyncAdapter {
  const base = baseUrlOf(options.endpoint);
  const now = options.now ?? (() => new Date());
  const ctx: HttpContext = { timeoutMs: options.timeoutMs, now, onServerTime: options.onServerTime };
  const codes = options.codes ?? DEFAULT_NATIONAL_CODES;
  const actor = { handler: options.account.username || null, title: text.national.title, department: text.national.department };

  // What this process learned: id ↔ code from receive changes, files handed to sendFile (the
  // upload must name a dossier, so it waits for the attach change), files uploaded per dossier
  // (so BoSungTaiLieuNop can name them).
  const learnedCodes = new Map<string, string>();
  const learnedIds = new Map<string, string>();
  const pendingFiles = new Map<string, FileToSend>();
  const uploaded = new Map<string, Uploaded>();

  const codeOf = (id: string) => learnedCodes.get(id) ?? options.dossierCodes?.codeOf(id) ?? null;
  const idOf = (code: string) => learnedIds.get(code) ?? options.dossierCodes?.idOf(code) ?? null;
  const learn = (id: string, code: string) => {
    remember(learnedCodes, id, code);
    remember(learnedIds, code, id);
  };

  /** The server's clock as the reply states it (ThoiGianMayChu), else its Date header. */
  const noteTime = (reply: HttpReply, stated: string | null | undefined) =>
    noteServerTime(ctx, reply, stated ? parseNationalDate(stated.trim()) : null);

  async function login(signal?: AbortSignal): Promise<Grant> {
    const { username, password } = options.account;
    if (!username || !password) throw new SyncFailure('auth', text.authRefused, null, 'invalid_account');
    let reply: HttpReply;
    try {
      reply = await httpCall(ctx, { method: 'POST', url: urlOf(base, '/DangNhap'), json: { TenDangNhap: username, MatKhau: password }, signal });
    } catch (e) {
      if (e instanceof SyncFailure && (e.status === 401 || e.status === 403)) throw new SyncFailure('auth', text.authRefused, e.status, e.code);
      throw e;
    }
    const r = parseJson(reply, loginReply);
    noteTime(reply, r.ThoiGianMayChu);
    if (r.error_code !== 0) {
      if (r.error_code >= 500) throw new SyncFailure('transient', text.busy(r.error_code), reply.status, String(r.error_code));
      throw new SyncFailure('auth', text.authRefused, reply.status, String(r.error_code));
    }
    const session = r.session?.trim();
    // The token goes into a header: anything a header cannot carry is not a session.
    if (!session || !/^[\x21-\x7e]+$/.test(session)) throw protocolFailure(text.protocolDetail.noSession, reply.status, 'no_session');
    // The national login states no lifetime: the session is kept until a 401 says otherwise.
    return { token: session, validUntil: null };
  }

  const session = createSession(now, login);

  /**
   * One national call with the session header. A 401 — as HTTP status or as error_code in a 200
   * reply — logs in again once. A non-zero error_code without per-item results fails the call.
   */
  async function call<S extends typeof envelope>(
    request: Omit<HttpCall, 'method' | 'url'> & { path: string; query?: Record<string, string> },
    schema: S,
    opts: { perItem?: boolean } = {},
  ): Promise<{ reply: HttpReply; body: z.output<S> }> {
    return session.withToken(async (token) => {
      const reply = await httpCall(ctx, {
        ...request,
        method: 'POST',
        url: urlOf(base, request.path, request.query),
        headers: { ...request.headers, session: token },
      });
      const body = parseJson(reply, schema);
      noteTime(reply, body.ThoiGianMayChu);
      if (body.error_code === 401) throw new SyncFailure('auth', text.authRefused, 401, '401');
      const items = (body as { KetQua?: unknown }).KetQua;
      const hasItems = opts.perItem === true && Array.isArray(items) && items.length > 0;
      if (body.error_code !== 0 && !hasItems) throw envelopeFailure(body.error_code, body.message, reply.status);
      return { reply, body };
    }, request.signal);
  }

  async function health(signal?: AbortSignal): Promise<{ serverTime: Date }> {
    // There is no health call: any HTTP reply from the base proves the province reachable (only
    // a 5xx says it cannot serve), and every origin server states its clock in the Date header.
    const reply = await httpCall(ctx, { method: 'GET', url: new URL(base), signal, passStatus: (s) => s < 500 });
    const date = reply.headers.get('date');
    const serverTime = date ? new Date(date) : null;
    if (!serverTime || Number.isNaN(serverTime.getTime())) throw protocolFailure(text.protocolDetail.badDate(date ?? ''), reply.status, 'no_server_time');
    noteServerTime(ctx, reply, serverTime);
    return { serverTime };
  }

  // ---- push ----------------------------------------------------------------------------------

  async function push(changes: Change[], signal?: AbortSignal): Promise<ChangeResult[]> {
    const results: ChangeResult[] = [];
    // A dossier one of whose changes was not applied holds its later changes back, so the
    // province never sees them out of order; they are simply not answered and come again.
    const held = new Set<string>();
    const settle = (c: Change, r: ChangeResult) => {
      results.push(r);
      if (r.outcome === 'retry' || r.outcome === 'rejected') held.add(c.entityId);
    };
    const valid: Change[] = [];
    for (const c of changes) {
      const parsed = changeSchema.safeParse(c);
      if (parsed.success) valid.push(parsed.data);
      else {
        results.push(invalidChangeResult(c, parsed.error));
        if (typeof c.entityId === 'string') held.add(c.entityId);
      }
    }
    let i = 0;
    try {
      while (i < valid.length) {
        // Consecutive changes of one kind travel in one request.
        const op = valid[i]!.operation;
        let j = i;
        while (j < valid.length && valid[j]!.operation === op && j - i < BATCH_MAX) j++;
        const group = valid.slice(i, j).filter((c) => !held.has(c.entityId));
        if (op === 'dossier.receive') await pushReceives(group, settle, signal);
        else if (op === 'dossier.status') await pushStatuses(group, settle, held, signal);
        else for (const c of group) if (!held.has(c.entityId)) await pushAttach(c as AttachChange, settle, signal);
        i = j;
      }
    } catch (e) {
      // What was answered before the failure stands (a partial acknowledgement); the rest comes again.
      if (e instanceof SyncFailure && results.length > 0) return results;
      throw e;
    }
    return results;
  }

  type Settle = (c: Change, r: ChangeResult) => void;
  type ReceiveChange = Extract<Change, { operation: 'dossier.receive' }>;
  type StatusChange = Extract<Change, { operation: 'dossier.status' }>;
  type AttachChange = Extract<Change, { operation: 'dossier.attach' }>;

  async function pushReceives(group: Change[], settle: Settle, signal?: AbortSignal): Promise<void> {
    if (group.length === 0) return;
    const sent = (group as ReceiveChange[]).map((c) => {
      learn(c.entityId, c.payload.record.code);
      return { change: c as Change, code: c.payload.record.code, data: nationalDossierOf(c.payload.record, codes) };
    });
    const { reply, body } = await call({ path: '/DongBoHoSoMC', json: { data: sent.map((s) => s.data) }, signal }, resultsReply, { perItem: true });
    matchResults(sent, body.KetQua ?? [], reply.status, settle);
  }

  async function pushStatuses(group: Change[], settle: Settle, held: Set<string>, signal?: AbortSignal): Promise<void> {
    const sent: { change: Change; code: string; data: unknown }[] = [];
    for (const c of group as StatusChange[]) {
      if (held.has(c.entityId)) continue;
      const code = codeOf(c.entityId);
      if (!code) {
        settle(c, { key: c.key, outcome: 'rejected', error: 'unknown_dossier_code', message: text.unknownDossierCode });
        continue;
      }
      sent.push({ change: c, code, data: nationalProgressOf(code, c, actor) });
    }
    if (sent.length === 0) return;
    const { reply, body } = await call({ path: '/CapNhatTienDoHoSoMC', json: { data: sent.map((s) => s.data) }, signal }, resultsReply, { perItem: true });
    matchResults(sent, body.KetQua ?? [], reply.status, settle);
  }

  async function pushAttach(c: AttachChange, settle: Settle, signal?: AbortSignal): Promise<void> {
    const code = codeOf(c.entityId);
    if (!code) {
      settle(c, { key: c.key, outcome: 'rejected', error: 'unknown_dossier_code', message: text.unknownDossierCode });
      return;
    }
    // Nothing to add is nothing to send (BoSungTaiLieuNop needs at least one document).
    if (c.payload.attachments.length === 0) {
      settle(c, { key: c.key, outcome: 'applied' });
      return;
    }
    const list: NationalAttachment[] = [];
    for (const a of c.payload.attachments) {
      // Keyed by dossier too: a national system may tie an uploaded file to the MaHoSo it was sent with.
      let done = uploaded.get(`${code}:${a.sha256}`);
      if (!done) {
        const file = pendingFiles.get(a.sha256);
        if (!file) {
          // The engine offers the file again on 'missing_file', then pushes this change again.
          settle(c, { key: c.key, outcome: 'retry', error: 'missing_file', message: text.missingFile });
          return;
        }
        done = await upload(file, code, a.documentCode, signal);
      }
      list.push(nationalAttachmentOf(a.documentCode, done));
    }
    const { reply, body } = await call({ path: '/BoSungTaiLieuNop', json: { MaHoSo: code, TaiLieuNop: list }, signal }, resultsReply, { perItem: true });
    if (body.KetQua && body.KetQua.length > 0) matchResults([{ change: c, code }], body.KetQua, reply.status, settle);
    else settle(c, outcomeOf(c.key, body.error_code, body.message));
  }

  async function upload(file: FileToSend, code: string, documentCode: string, signal?: AbortSignal): Promise<Uploaded> {
    const bytes = await file.read(0, file.size);
    if (bytes.length !== file.size) throw new SyncFailure('rejected', text.invalidFile(text.fileReadShort), null, 'file_read_short');
    // The national API verifies nothing: make sure what leaves is the file the dossier names.
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      throw new SyncFailure('rejected', text.invalidFile(text.fileReadShort), null, 'hash_mismatch');
    }
    const name = nationalFileName(documentCode, file.mediaType);
    const { reply, body } = await call(
      { path: '/TaiTepDinhKem', query: { MaHoSo: code, TenTep: name, MaThanhPhanHoSo: documentCode }, body: bytes, contentType: file.mediaType, signal },
      uploadReply,
    );
    if (body.TepDinhKemId === null || body.TepDinhKemId === undefined || String(body.TepDinhKemId).trim() === '') {
      throw protocolFailure(text.protocolDetail.schema('TepDinhKemId'), reply.status);
    }
    const done: Uploaded = { TepDinhKemId: String(body.TepDinhKemId).trim(), DuongDanTaiTepTin: body.DuongDanTaiTepTin ?? null, TenTep: name };
    remember(uploaded, `${code}:${file.sha256}`, done);
    return done;
  }

  /** KetQua → one result per change: by position when it mirrors the request, else by MaHoSo in order. */
  function matchResults(sent: { change: Change; code: string }[], items: ResultItem[], status: number, settle: Settle): void {
    const positional = items.length === sent.length && items.every((it, k) => !it.MaHoSo || it.MaHoSo === sent[k]!.code);
    const used = new Set<number>();
    items.forEach((it, k) => {
      let at = positional ? k : -1;
      if (!positional) {
        at = sent.findIndex((s, n) => !used.has(n) && s.code === it.MaHoSo);
        if (at < 0 && it.MaHoSo && sent.some((s) => s.code === it.MaHoSo)) return; // a repeated answer
        if (at < 0) throw protocolFailure(text.protocolDetail.unknownKey, status, 'unknown_key');
      }
      used.add(at);
      const s = sent[at]!;
      settle(s.change, outcomeOf(s.change.key, it.error_code, it.message));
    });
  }

  // ---- files ---------------------------------------------------------------------------------

  async function sendFile(file: FileToSend): Promise<{ sent: number; deduplicated: boolean }> {
    const checked = fileOffer.safeParse({ sha256: file.sha256, size: file.size, mediaType: file.mediaType });
    if (!checked.success) throw new SyncFailure('rejected', text.invalidFile(checked.error.issues[0]?.message ?? ''), null, 'invalid_file');
    // TaiTepDinhKem must name the dossier, which only the attach change knows: the bytes go
    // with that change in push(). Nothing is read here; the file is kept at hand (a reader,
    // not its bytes) for every dossier that may name it.
    const before = [...uploaded.keys()].some((k) => k.endsWith(`:${file.sha256}`));
    remember(pendingFiles, file.sha256, file);
    return { sent: 0, deduplicated: before };
  }

  // ---- the feed ------------------------------------------------------------------------------

  async function pull(cursor: string | null, limit: number, signal?: AbortSignal): Promise<FeedReply> {
    if (cursor !== null && !/^\d{1,15}$/.test(cursor)) throw new SyncFailure('rejected', text.badCursor, null, 'bad_cursor');
    const after = cursor === null ? 0 : Number(cursor);
    const n = Math.min(Math.max(1, Math.trunc(limit) || 1), SYNC_LIMITS.feedPageMax);
    const { reply, body } = await call({ path: '/LayDanhSachTienDo', json: { TuSoThuTu: after }, maxReplyBytes: FEED_REPLY_MAX, signal }, feedEnvelope);
    const entries = (body.data ?? []).map((raw, k) => {
      const e = nationalFeedEntry.safeParse(raw);
      if (!e.success) throw protocolFailure(text.protocolDetail.schema(`data.${k}.${e.error.issues[0]?.path.join('.') ?? ''}`), reply.status);
      return e.data;
    });
    // Whether TuSoThuTu counts from or after n is not settled in practice: ask from n and drop
    // what we already have, which is right either way.
    const fresh = entries.filter((e) => e.SoThuTu > after).sort((a, b) => a.SoThuTu - b.SoThuTu);
    const page = fresh.slice(0, n);
    let items: FeedItem[];
    try {
      // The national feed knows dossiers only: catalogue and calendar items never come from it.
      items = page.map((e) => feedItemOfNational(e, idOf));
    } catch (e) {
      if (e instanceof NationalMappingError) throw protocolFailure(text.protocolDetail.schema(e.detail), reply.status);
      throw e;
    }
    const stated = body.ThoiGianMayChu ? parseNationalDate(body.ThoiGianMayChu.trim()) : null;
    const header = reply.headers.get('date');
    const serverTime = stated ?? (header && !Number.isNaN(Date.parse(header)) ? new Date(header) : reply.receivedAt);
    const last = page[page.length - 1];
    // An empty page has nothing more to give, whatever ConTiep says (no endless loop on a liar).
    const hasMore = page.length > 0 && (page.length < fresh.length || body.ConTiep === true);
    return feedReply.parse({ items, cursor: last ? String(last.SoThuTu) : String(after), hasMore, serverTime: serverTime.toISOString() });
  }

  return { kind: 'national', health, push, sendFile, pull };
}

/** One national answer → our outcome: 0 done; "đã tồn tại" done before; 5xx not now; else refused. */
function outcomeOf(key: string, code: number, message: string | null | undefined): ChangeResult {
  const clean = message ? cleanServerText(message) : '';
  if (code === 0) return { key, outcome: 'applied' };
  if (isAlreadyExists(message)) return { key, outcome: 'duplicate', message: clean || undefined };
  const error = `national_${code}`.slice(0, 100);
  if (code >= 500) return { key, outcome: 'retry', error, message: clean || text.nationalRefused(code) };
  return { key, outcome: 'rejected', error, message: clean || text.nationalRefused(code) };
}

function envelopeFailure(code: number, message: string | null | undefined, status: number): SyncFailure {
  const clean = message ? cleanServerText(message) : '';
  if (code >= 500) return new SyncFailure('transient', text.busy(code), status, String(code));
  return new SyncFailure('rejected', text.rejected(code, clean || text.noReason), status, String(code));
}
