import { z } from 'zod';
import { dossierText } from '../../../shared/i18n/vi-dossier';
import { foldForSearch } from '../../../shared/text/normalize';
import { VN_OFFSET_MS } from '../../../shared/time/vn-time';
import { feedItem, type Change, type DossierRecord, type FeedItem } from './protocol';

// Our protocol ↔ the national dossier-sync messages (DongBoHoSoMC, CapNhatTienDoHoSoMC,
// LayDanhSachTienDo), as pure functions. The national field list is practice, not a published
// spec (DOMAIN.md): what is unsure — LoaiDoiTuong's code list above all — is data in a table a
// deployment can replace, never a branch in code. Dates on that wire are yyyyMMddHHmmss in
// Vietnam's time (UTC+7 all year).

// ---- dates ------------------------------------------------------------------------------

const NATIONAL_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** An instant → yyyyMMddHHmmss in Vietnam's time. */
export function formatNationalDate(at: Date): string {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  const v = new Date(ms + VN_OFFSET_MS).toISOString();
  if (!/^\d{4}-/.test(v)) throw new RangeError('year out of range');
  return v.slice(0, 19).replace(/[-T:]/g, '');
}

/** yyyyMMddHHmmss (Vietnam) → the instant; null unless it names a real date and time (no 30 Feb, no 24:00). */
export function parseNationalDate(text: string): Date | null {
  const m = NATIONAL_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 31 April over to 1 May: a real date reads back the same.
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d) return null;
  return new Date(local.getTime() - VN_OFFSET_MS);
}

/** An ISO instant of our protocol → the national format. */
export function nationalDateOfIso(iso: string): string {
  return formatNationalDate(new Date(iso));
}

// ---- "đã tồn tại" -------------------------------------------------------------------------

/**
 * Real national systems answer a second insert of the same MaHoSo "… đã tồn tại" ("already
 * exists"): the change was done before. Recognised with or without diacritics, in any case,
 * composed or decomposed.
 */
export function isAlreadyExists(message: string | null | undefined): boolean {
  return !!message && foldForSearch(message).includes('da ton tai');
}

// ---- the code table -----------------------------------------------------------------------

/** National code lists that differ between systems [unsure]: data, replaceable per deployment. */
export interface NationalCodeTable {
  /** LoaiDoiTuong by the dossier owner's kind (details.owner ?? details.applicant). */
  subjectType: Record<string, number>;
  /** DinhDanhCHS.LoaiDinhDanh by the same kind: personal ID vs tax/registration number. */
  identifierType: Record<string, number>;
  /** DanhSachLePhi.HinhThucThu for fees taken at the counter. */
  feeCollection: number;
  /** DanhSachLePhi.LoaiPhiLePhi for the procedure's fees. */
  feeKind: number;
}

export const DEFAULT_NATIONAL_CODES: NationalCodeTable = {
  subjectType: { person: 1, organisation: 2 },
  identifierType: { person: 1, organisation: 2 },
  feeCollection: 1,
  feeKind: 1,
};

// ---- the wire shapes (what we send) ---------------------------------------------------------

export interface NationalFee {
  TenPhiLePhi: string;
  MaPhiLePhi: string | null;
  HinhThucThu: number;
  Gia: number;
  LoaiPhiLePhi: number;
}

/** One DongBoHoSoMC dossier (HoSo), the fields we can fill. */
export interface NationalDossier {
  MaHoSo: string;
  MaTTHC: string | null;
  TenTTHC: string;
  ChuHoSo: string;
  LoaiDoiTuong: number | null;
  SoGiayToChuHoSo: string | null;
  SoDienThoai: string | null;
  Email: string | null;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string | null;
  TrangThaiHoSo: number;
  KenhThucHien: number;
  DonViXuLy: string | null;
  DinhDanhCHS: { LoaiDinhDanh: number; SoDinhDanh: string }[];
  DanhSachLePhi: NationalFee[];
}

/** One CapNhatTienDoHoSoMC step. */
export interface NationalProgress {
  MaHoSo: string;
  NguoiXuLy: string | null;
  ChucDanh: string | null;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string | null;
  NoiDungXuLy: string;
  TrangThai: number;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string | null;
}

/** One BoSungTaiLieuNop / HoSo.TaiLieuNop entry. */
export interface NationalAttachment {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: boolean;
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string | null;
}

export const TRICH_YEU_MAX = 1000;

/** At most `max` UTF-16 units, cut between graphemes (never inside a letter and its marks). */
export function cutText(s: string, max: number): string {
  const nfc = s.normalize('NFC');
  if (nfc.length <= max) return nfc;
  let out = '';
  for (const { segment } of new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(nfc)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

// What of the counter's `details` the national message uses; read leniently, since details is
// free-form JSON on the wire and an odd part must not stop the dossier from being sent.
const applicantView = z.object({
  kind: z.string().optional().catch(undefined),
  idNumber: z.string().nullish().catch(undefined),
  email: z.string().nullish().catch(undefined),
});
const detailsView = z.object({
  applicant: applicantView.nullish().catch(undefined),
  owner: applicantView.nullish().catch(undefined),
  fees: z
    .object({ lines: z.array(z.object({ code: z.string().nullish(), name: z.string().min(1), amount: z.number().nonnegative() })) })
    .nullish()
    .catch(undefined),
  decidingAuthority: z.string().nullish().catch(undefined),
  summary: z.string().nullish().catch(undefined),
});

const orNull = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

/** A dossier record (dossier.receive) → DongBoHoSoMC's HoSo. */
export function nationalDossierOf(record: DossierRecord, codes: NationalCodeTable = DEFAULT_NATIONAL_CODES): NationalDossier {
  const parsed = detailsView.safeParse(record.details ?? {});
  const details = parsed.success ? parsed.data : {};
  const owner = details.owner ?? details.applicant ?? null;
  const kind = owner?.kind ?? 'person';
  const idNumber = orNull(record.applicantIdNumber);
  return {
    MaHoSo: record.code,
    MaTTHC: orNull(record.procedureCode),
    TenTTHC: record.procedureName,
    ChuHoSo: record.applicantName,
    LoaiDoiTuong: codes.subjectType[kind] ?? null,
    SoGiayToChuHoSo: idNumber,
    SoDienThoai: orNull(record.applicantPhone),
    Email: orNull(owner?.email),
    TrichYeuHoSo: cutText(orNull(details.summary) ?? record.procedureName, TRICH_YEU_MAX),
    NgayTiepNhan: nationalDateOfIso(record.receivedAt),
    NgayHenTra: record.dueAt ? nationalDateOfIso(record.dueAt) : null,
    // Our status codes are the national TrangThaiHoSo codes (DOMAIN.md).
    TrangThaiHoSo: record.status,
    KenhThucHien: record.channel,
    DonViXuLy: orNull(details.decidingAuthority),
    DinhDanhCHS: idNumber ? [{ LoaiDinhDanh: codes.identifierType[kind] ?? codes.identifierType.person ?? 1, SoDinhDanh: idNumber }] : [],
    DanhSachLePhi: (details.fees?.lines ?? []).map((l) => ({
      TenPhiLePhi: l.name,
      MaPhiLePhi: orNull(l.code),
      HinhThucThu: codes.feeCollection,
      Gia: l.amount,
      LoaiPhiLePhi: codes.feeKind,
    })),
  };
}

type StatusChange = Extract<Change, { operation: 'dossier.status' }>;

/** Who took a counter-side step, as CapNhatTienDoHoSoMC names it. */
export interface NationalActor {
  handler: string | null;
  title: string | null;
  department: string | null;
}

/** A status change (dossier.status) of the dossier `code` → a CapNhatTienDoHoSoMC step. */
export function nationalProgressOf(code: string, change: StatusChange, actor: NationalActor): NationalProgress {
  const at = nationalDateOfIso(change.at);
  const { payload } = change;
  return {
    MaHoSo: code,
    NguoiXuLy: actor.handler,
    ChucDanh: actor.title,
    ThoiDiemXuLy: at,
    PhongBanXuLy: actor.department,
    // The clerk's note (the missing documents, the reason for a refusal…), else the status' name.
    NoiDungXuLy: orNull(payload.note) ?? dossierText.status[payload.status] ?? String(payload.status),
    TrangThai: payload.status,
    NgayBatDau: at,
    NgayKetThucTheoQuyDinh: payload.dueAt ? nationalDateOfIso(payload.dueAt) : null,
  };
}

/** An uploaded attachment as BoSungTaiLieuNop lists it. */
export function nationalAttachmentOf(documentCode: string, uploaded: { TepDinhKemId: string; DuongDanTaiTepTin: string | null; TenTep: string }): NationalAttachment {
  return {
    TepDinhKemId: uploaded.TepDinhKemId,
    TenTepDinhKem: uploaded.TenTep,
    IsDeleted: false,
    MaThanhPhanHoSo: documentCode,
    DuongDanTaiTepTin: uploaded.DuongDanTaiTepTin,
  };
}

/** The file name TaiTepDinhKem is given: the document's code and the extension of its type. */
export function nationalFileName(documentCode: string, mediaType: string): string {
  const ext: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png', 'image/tiff': '.tif' };
  return `${documentCode}${ext[mediaType.toLowerCase()] ?? '.bin'}`;
}

// ---- the feed (what we read) ---------------------------------------------------------------

/** Real systems send codes as numbers or as digit strings. */
const codeNumber = z.union([z.number().int(), z.string().regex(/^-?\d{1,9}$/).transform(Number)]);
const optText = z.string().nullish();

/** LayDanhSachTienDo's HoSo, read leniently: missing optional parts are null, unknown fields ignored. */
export const nationalDossierIn = z.object({
  MaHoSo: z.string().min(1).max(64),
  MaTTHC: optText,
  TenTTHC: optText,
  ChuHoSo: optText,
  SoGiayToChuHoSo: optText,
  SoDienThoai: optText,
  TrichYeuHoSo: optText,
  NgayTiepNhan: z.string(),
  NgayHenTra: optText,
  TrangThaiHoSo: codeNumber,
  KenhThucHien: codeNumber.nullish(),
  DonViXuLy: optText,
  ThongTinTra: optText,
  NgayTra: optText,
  NgayKetThucXuLy: optText,
  DinhDanhCHS: z.array(z.object({ SoDinhDanh: optText })).max(50).nullish(),
  DanhSachLePhi: z
    .array(z.object({ TenPhiLePhi: optText, MaPhiLePhi: optText, Gia: z.union([z.number(), z.string().regex(/^\d{1,12}(\.\d+)?$/).transform(Number)]).nullish() }))
    .max(200)
    .nullish(),
  DanhSachGiayToKetQua: z
    .array(z.object({ TenGiayTo: optText, MaThanhPhanHoSo: optText, GiayToId: z.union([z.string(), z.number()]).nullish() }))
    .max(200)
    .nullish(),
});
export type NationalDossierIn = z.infer<typeof nationalDossierIn>;

export const nationalProgressIn = z.object({
  NguoiXuLy: optText,
  ChucDanh: optText,
  ThoiDiemXuLy: z.string(),
  PhongBanXuLy: optText,
  NoiDungXuLy: optText,
  TrangThai: codeNumber,
});

/** One item of LayDanhSachTienDo's data. */
export const nationalFeedEntry = z.object({
  SoThuTu: codeNumber.pipe(z.number().int().positive()),
  HoSo: nationalDossierIn,
  TienDo: nationalProgressIn.nullish(),
});
export type NationalFeedEntry = z.infer<typeof nationalFeedEntry>;

/** A national item that cannot become one of ours; the adapter reports it as a protocol failure. */
export class NationalMappingError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'NationalMappingError';
  }
}

/** The unit's code from a dossier code `{unit}-{YYMMDD}-{NNNN}` (the national dossier names no unit). */
export function unitCodeOfDossierCode(code: string): string {
  const m = /^(.+)-\d{6}-\d{4,}$/.exec(code);
  return (m?.[1] ?? code).slice(0, 32);
}

function dateOrFail(value: string, field: string): string {
  const d = parseNationalDate(value.trim());
  if (!d) throw new NationalMappingError(`${field}: ${value.slice(0, 40)}`);
  return d.toISOString();
}

function optionalDate(value: string | null | undefined, field: string): string | null {
  return value && value.trim() ? dateOrFail(value, field) : null;
}

const cut = (s: string | null | undefined, max: number): string | null => {
  const v = orNull(s);
  return v === null ? null : cutText(v, max);
};

/**
 * A LayDanhSachTienDo item → our feed item (kind 'dossier'). The national messages carry no id
 * of ours: `idOf(code)` names the local dossier of that code when there is one; a dossier this
 * counter has never seen gets its code as id, which is as stable. The sequence number serves as
 * the version, since it grows with every change at the province.
 */
export function feedItemOfNational(entry: NationalFeedEntry, idOf: (code: string) => string | null = () => null): FeedItem {
  const h = entry.HoSo;
  const fees = (h.DanhSachLePhi ?? []).flatMap((f) =>
    f.Gia !== null && f.Gia !== undefined && Number.isFinite(f.Gia) && f.Gia >= 0
      ? [{ code: orNull(f.MaPhiLePhi) ?? '', name: cut(f.TenPhiLePhi, 500) ?? '', quantity: 1, unitAmount: Math.round(f.Gia), amount: Math.round(f.Gia) }]
      : [],
  );
  const feeTotal = fees.reduce((sum, f) => sum + f.amount, 0);
  const idNumber = orNull(h.SoGiayToChuHoSo) ?? orNull(h.DinhDanhCHS?.[0]?.SoDinhDanh);
  const phone = orNull(h.SoDienThoai);
  const record: DossierRecord = {
    id: idOf(h.MaHoSo) ?? h.MaHoSo,
    code: h.MaHoSo,
    unitCode: unitCodeOfDossierCode(h.MaHoSo),
    counterNumber: null,
    procedureCode: cut(h.MaTTHC, 64),
    procedureName: cut(h.TenTTHC, 2000) ?? cut(h.MaTTHC, 2000) ?? '',
    procedureVersion: null,
    applicantName: cut(h.ChuHoSo, 300) ?? '',
    applicantIdNumber: idNumber && idNumber.length <= 20 ? idNumber : null,
    applicantPhone: phone && phone.length <= 20 ? phone : null,
    status: h.TrangThaiHoSo,
    channel: h.KenhThucHien ?? 1,
    receivedAt: dateOrFail(h.NgayTiepNhan, 'NgayTiepNhan'),
    dueAt: optionalDate(h.NgayHenTra, 'NgayHenTra'),
    pausedAt: null,
    feeTotal,
    receivedBy: null,
    // Shaped like the counter's own details where the national message has the same facts; the
    // feed applier keeps a local dossier's details and only adds the province's news to them.
    details: {
      summary: orNull(h.TrichYeuHoSo),
      decidingAuthority: orNull(h.DonViXuLy),
      fees: { lines: fees, total: feeTotal },
    },
  };
  const p = entry.TienDo;
  const progress = p
    ? {
        handler: cut(p.NguoiXuLy, 200),
        title: cut(p.ChucDanh, 200),
        department: cut(p.PhongBanXuLy, 300),
        content: cut(p.NoiDungXuLy, 2000),
        at: dateOrFail(p.ThoiDiemXuLy, 'ThoiDiemXuLy'),
        status: p.TrangThai,
      }
    : null;
  const documents = (h.DanhSachGiayToKetQua ?? []).flatMap((d) => {
    const name = cut(d.TenGiayTo, 500);
    return name ? [{ name, documentCode: cut(d.MaThanhPhanHoSo, 64), fileId: d.GiayToId === null || d.GiayToId === undefined ? null : cut(String(d.GiayToId), 200) }] : [];
  });
  const finishedAt = optionalDate(h.NgayKetThucXuLy, 'NgayKetThucXuLy') ?? optionalDate(h.NgayTra, 'NgayTra');
  const resultAt = finishedAt ?? (documents.length > 0 ? (progress?.at ?? null) : null);
  const result = resultAt ? { documents: documents.slice(0, 100), note: cut(h.ThongTinTra, 2000), at: resultAt } : null;

  const item = { seq: entry.SoThuTu, kind: 'dossier' as const, dossier: record, version: entry.SoThuTu, progress, result };
  const checked = feedItem.safeParse(item);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new NationalMappingError(issue ? `${h.MaHoSo}: ${issue.path.join('.')}` : h.MaHoSo);
  }
  return checked.data;
}
