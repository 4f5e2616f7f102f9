import { z } from 'zod';
import type { DossierRecord } from '../../../src/main/core/sync/protocol';
import type { ProgressStep, StoredAttachment, StoredDossier } from './province-store';

// The provincial double's reading of the national messages (DongBoHoSoMC, CapNhatTienDoHoSoMC,
// TaiLieuNop…), field by field, and how they land in the same dossiers table as our protocol.
// Written from ../shared/docs/DOMAIN.md independently of the client's national-mapping.ts, on
// purpose: the two readings meet only on the wire, so a disagreement shows up in a test.
// Dates are yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).

const VN_OFFSET_MS = 7 * 3_600_000;
const NATIONAL_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** An instant → yyyyMMddHHmmss in Vietnam's time. */
export function toNationalDate(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + VN_OFFSET_MS)
    .toISOString()
    .slice(0, 19)
    .replace(/[-T:]/g, '');
}

/** yyyyMMddHHmmss (Vietnam) → the instant; null when it is not a real date and time. */
export function fromNationalDate(text: string): Date | null {
  const m = NATIONAL_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - VN_OFFSET_MS);
}

const nationalDate = z.string().refine((t) => fromNationalDate(t) !== null, { message: 'ngày giờ phải có dạng yyyyMMddHHmmss' });
/** Real systems send codes as numbers or as digit strings. */
const code = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d{1,3}$/).transform(Number)])
    .pipe(z.number().int().min(min).max(max));
const text = (max: number) => z.string().max(max);

export const taiLieuNop = z.looseObject({
  TepDinhKemId: z.string().min(1).max(200),
  TenTepDinhKem: text(500).nullish(),
  IsDeleted: z.boolean().nullish(),
  MaThanhPhanHoSo: z.string().min(1).max(64),
  DuongDanTaiTepTin: text(1000).nullish(),
});
export type TaiLieuNop = z.infer<typeof taiLieuNop>;

export const lePhi = z.looseObject({
  TenPhiLePhi: text(500),
  MaPhiLePhi: text(64).nullish(),
  HinhThucThu: code(0, 99).nullish(),
  Gia: z.number().nonnegative(),
  LoaiPhiLePhi: code(0, 99).nullish(),
});

/** One dossier of DongBoHoSoMC. Unknown fields are kept (stored as received). */
export const hoSo = z.looseObject({
  MaHoSo: z.string().min(1).max(64),
  MaTTHC: text(64).nullish(),
  TenTTHC: z.string().min(1).max(2000),
  MaLinhVuc: text(64).nullish(),
  TenLinhVuc: text(500).nullish(),
  SoBienNhan: text(64).nullish(),
  ChuHoSo: z.string().min(1).max(300),
  LoaiDoiTuong: z.union([z.number(), z.string().max(20)]).nullish(),
  MaDoiTuong: text(64).nullish(),
  ThongTinKhac: text(2000).nullish(),
  Email: text(200).nullish(),
  Fax: text(50).nullish(),
  SoDienThoai: text(20).nullish(),
  TrichYeuHoSo: text(1000).nullish(),
  NgayTiepNhan: nationalDate,
  NgayHenTra: nationalDate.nullish(),
  TrangThaiHoSo: code(1, 10),
  NgayTra: nationalDate.nullish(),
  ThongTinTra: text(2000).nullish(),
  HinhThuc: code(0, 9).nullish(),
  NgayKetThucXuLy: nationalDate.nullish(),
  DonViXuLy: text(300).nullish(),
  GhiChu: text(2000).nullish(),
  KenhThucHien: code(1, 3).nullish(),
  SoGiayToChuHoSo: text(20).nullish(),
  DinhDanhCHS: z.array(z.looseObject({ LoaiDinhDanh: z.union([z.number(), z.string().max(20)]), SoDinhDanh: z.string().min(1).max(50) })).max(10).nullish(),
  TaiLieuNop: z.array(taiLieuNop).max(200).nullish(),
  DanhSachLePhi: z.array(lePhi).max(100).nullish(),
  DanhSachTepDinhKemKhac: z.array(z.looseObject({ TenGiayTo: text(500), SoLuong: z.number().int().nonnegative().nullish(), LoaiGiayTo: z.unknown() })).max(200).nullish(),
  DanhSachHoSoBoSung: z.array(z.unknown()).max(100).nullish(),
  DanhSachGiayToKetQua: z
    .array(z.looseObject({ TenGiayTo: z.string().min(1).max(500), MaThanhPhanHoSo: text(64).nullish(), GiayToId: text(200).nullish(), DuongDanTepTinKetQua: text(1000).nullish() }))
    .max(100)
    .nullish(),
});
export type HoSo = z.infer<typeof hoSo>;

/** One progress step of CapNhatTienDoHoSoMC. */
export const tienDo = z.looseObject({
  MaHoSo: z.string().min(1).max(64),
  NguoiXuLy: text(200).nullish(),
  ChucDanh: text(200).nullish(),
  ThoiDiemXuLy: nationalDate,
  PhongBanXuLy: text(300).nullish(),
  NoiDungXuLy: text(2000).nullish(),
  TrangThai: code(1, 10),
  NgayBatDau: nationalDate.nullish(),
  NgayKetThucTheoQuyDinh: nationalDate.nullish(),
});
export type TienDo = z.infer<typeof tienDo>;

/** BoSungTaiLieuNop: attachments added to (or, IsDeleted, taken from) a dossier. */
export const boSungTaiLieuNop = z.looseObject({ MaHoSo: z.string().min(1).max(64), TaiLieuNop: z.array(taiLieuNop).min(1).max(200) });

const iso = (d: string | null | undefined): string | null => (d ? fromNationalDate(d)!.toISOString() : null);

/** A DongBoHoSoMC dossier → the record both faces store (the original message is kept beside it). */
export function hoSoToRecord(h: HoSo, id: string, unitCode: string): DossierRecord {
  const fees = (h.DanhSachLePhi ?? []).map((f) => ({ code: f.MaPhiLePhi ?? '', name: f.TenPhiLePhi, quantity: 1, unitAmount: Math.round(f.Gia), amount: Math.round(f.Gia) }));
  const feeTotal = fees.reduce((sum, f) => sum + f.amount, 0);
  const idNumber = h.SoGiayToChuHoSo ?? h.DinhDanhCHS?.[0]?.SoDinhDanh ?? null;
  return {
    id,
    code: h.MaHoSo,
    unitCode,
    counterNumber: null,
    procedureCode: h.MaTTHC ?? null,
    procedureName: h.TenTTHC,
    procedureVersion: null,
    applicantName: h.ChuHoSo,
    applicantIdNumber: idNumber ? idNumber.slice(0, 20) : null,
    applicantPhone: h.SoDienThoai ?? null,
    status: h.TrangThaiHoSo,
    channel: h.KenhThucHien ?? 1,
    receivedAt: iso(h.NgayTiepNhan)!,
    dueAt: iso(h.NgayHenTra),
    pausedAt: null,
    feeTotal,
    receivedBy: null,
    details: {
      source: 'national',
      summary: h.TrichYeuHoSo ?? null,
      decidingAuthority: h.DonViXuLy ?? null,
      fees: { lines: fees, total: feeTotal },
      note: h.GhiChu ?? null,
    },
  };
}

function detailsText(record: DossierRecord, key: string): string | null {
  const v = record.details?.[key];
  return typeof v === 'string' ? v : null;
}

function detailsFees(record: DossierRecord): { TenPhiLePhi: string; MaPhiLePhi: string; HinhThucThu: number; Gia: number; LoaiPhiLePhi: number }[] {
  const fees = record.details?.fees as { lines?: { code?: unknown; name?: unknown; amount?: unknown }[] } | undefined;
  return (fees?.lines ?? []).flatMap((l) =>
    typeof l.name === 'string' && typeof l.amount === 'number'
      ? [{ TenPhiLePhi: l.name, MaPhiLePhi: typeof l.code === 'string' ? l.code : '', HinhThucThu: 1, Gia: l.amount, LoaiPhiLePhi: 1 }]
      : [],
  );
}

export function attachmentToTaiLieu(a: StoredAttachment): TaiLieuNop {
  return {
    TepDinhKemId: a.sha256,
    TenTepDinhKem: a.name ?? `${a.documentCode}.pdf`,
    IsDeleted: false,
    MaThanhPhanHoSo: a.documentCode,
    DuongDanTaiTepTin: nationalFilePath(a.sha256),
  };
}

/** Where the national face serves a stored file (TaiTepDinhKem answers it as DuongDanTaiTepTin). */
export function nationalFilePath(sha256: string): string {
  return `/national/TepDinhKem/${sha256}`;
}

/**
 * A stored dossier as a DongBoHoSoMC object as the province holds it now: the message it arrived
 * with (national face), else built from the record; the status, dates and documents are current.
 */
export function dossierToHoSo(d: StoredDossier, attachments: StoredAttachment[]): Record<string, unknown> {
  const r = d.record;
  const idNumber = r.applicantIdNumber;
  const built: Record<string, unknown> = {
    MaHoSo: r.code,
    MaTTHC: r.procedureCode,
    TenTTHC: r.procedureName,
    ChuHoSo: r.applicantName,
    SoGiayToChuHoSo: idNumber,
    SoDienThoai: r.applicantPhone,
    TrichYeuHoSo: (detailsText(r, 'summary') || r.procedureName).slice(0, 1000),
    NgayTiepNhan: toNationalDate(r.receivedAt),
    NgayHenTra: r.dueAt ? toNationalDate(r.dueAt) : null,
    KenhThucHien: r.channel,
    DonViXuLy: detailsText(r, 'decidingAuthority'),
    DinhDanhCHS: idNumber ? [{ LoaiDinhDanh: 1, SoDinhDanh: idNumber }] : [],
    DanhSachLePhi: detailsFees(r),
  };
  const result = d.result
    ? {
        NgayKetThucXuLy: toNationalDate(d.result.at),
        DanhSachGiayToKetQua: d.result.documents.map((doc) => ({ TenGiayTo: doc.name, MaThanhPhanHoSo: doc.documentCode, GiayToId: doc.fileId, DuongDanTepTinKetQua: null })),
      }
    : {};
  return {
    ...built,
    ...(d.national ?? {}),
    ...result,
    TrangThaiHoSo: r.status,
    NgayHenTra: r.dueAt ? toNationalDate(r.dueAt) : null,
    TaiLieuNop: attachments.map(attachmentToTaiLieu),
  };
}

/** A progress message → the protocol's progress step. */
export function tienDoToProgress(t: TienDo): ProgressStep {
  return {
    handler: t.NguoiXuLy ?? null,
    title: t.ChucDanh ?? null,
    department: t.PhongBanXuLy ?? null,
    content: t.NoiDungXuLy ?? null,
    at: fromNationalDate(t.ThoiDiemXuLy)!.toISOString(),
    status: t.TrangThai,
  };
}

/** The dossier's last progress step as a CapNhatTienDoHoSoMC object (null: none yet). */
export function progressToTienDo(d: StoredDossier): Record<string, unknown> | null {
  const p = d.progress;
  if (!p) return null;
  return {
    MaHoSo: d.code,
    NguoiXuLy: p.handler,
    ChucDanh: p.title,
    ThoiDiemXuLy: toNationalDate(p.at),
    PhongBanXuLy: p.department,
    NoiDungXuLy: p.content,
    TrangThai: p.status,
    NgayBatDau: toNationalDate(d.record.receivedAt),
    NgayKetThucTheoQuyDinh: d.record.dueAt ? toNationalDate(d.record.dueAt) : null,
  };
}

/** The per-dossier answer of the national writes. */
export interface KetQua {
  MaHoSo: string;
  error_code: number;
  message: string;
}

/** Per-item error codes of the double (non-zero = not done). */
export const NATIONAL_ITEM_ERRORS = {
  exists: 1,
  invalid: 2,
  unknownDossier: 3,
  unknownFile: 4,
  wrongUnit: 5,
} as const;
