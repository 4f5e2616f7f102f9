import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NATIONAL_CODES,
  NationalMappingError,
  cutText,
  feedItemOfNational,
  formatNationalDate,
  isAlreadyExists,
  nationalDossierIn,
  nationalDossierOf,
  nationalFeedEntry,
  nationalFileName,
  nationalProgressOf,
  parseNationalDate,
  unitCodeOfDossierCode,
} from '../../../src/main/core/sync/national-mapping';
import type { Change } from '../../../src/main/core/sync/protocol';
import { sampleRecord } from '../../support/dossier-record-fixture';

// The national messages as pure mapping: dates in UTC+7, the field list of DongBoHoSoMC and
// CapNhatTienDoHoSoMC, "đã tồn tại" in all its spellings, and the feed read back into our items.

const record = sampleRecord;

const statusChange = (o: Partial<Extract<Change, { operation: 'dossier.status' }>['payload']> = {}): Extract<Change, { operation: 'dossier.status' }> => ({
  key: 'k-status-1',
  entity: 'dossier',
  entityId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  at: '2026-02-14T01:30:00.000Z',
  operation: 'dossier.status',
  payload: { status: 5, revision: 2, dueAt: null, pausedAt: '2026-02-14T01:30:00.000Z', note: 'Thiếu bản chính giấy khai sinh', ...o },
});

describe('national dates (yyyyMMddHHmmss, UTC+7)', () => {
  it('writes the Vietnamese wall clock, across the day boundary', () => {
    expect(formatNationalDate(new Date('2026-02-13T02:59:00Z'))).toBe('20260213095900');
    expect(formatNationalDate(new Date('2026-02-12T17:00:00Z'))).toBe('20260213000000');
    expect(formatNationalDate(new Date('2025-12-31T16:59:59Z'))).toBe('20251231235959');
  });

  it('reads back the instant it wrote', () => {
    for (const iso of ['2026-02-13T02:59:00.000Z', '2024-02-29T16:00:00.000Z', '2000-01-01T00:00:00.000Z']) {
      expect(parseNationalDate(formatNationalDate(new Date(iso)))?.toISOString()).toBe(iso);
    }
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['20260230000000', '20250229120000', '20261301000000', '20260013000000', '20260100000000', '20260213240000', '20260213126000', '20260213120060', '2026021309590', '202602130959000', '2026-02-13 09:59', 'abcdefghijklmn', '', '18991231235959', ' 20260213095900']) {
      expect(parseNationalDate(bad), bad).toBeNull();
    }
    expect(parseNationalDate('20240229120000')?.toISOString()).toBe('2024-02-29T05:00:00.000Z');
  });

  it('refuses an invalid Date rather than writing garbage', () => {
    expect(() => formatNationalDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isAlreadyExists', () => {
  it('recognises "đã tồn tại" however it is spelled', () => {
    const composed = 'Mã hồ sơ 000.00.06.H56-260213-0007 đã tồn tại';
    expect(isAlreadyExists(composed)).toBe(true);
    expect(isAlreadyExists(composed.normalize('NFD'))).toBe(true);
    expect(isAlreadyExists('HỒ SƠ ĐÃ TỒN TẠI TRÊN HỆ THỐNG')).toBe(true);
    expect(isAlreadyExists('Ho so da ton tai')).toBe(true);
    expect(isAlreadyExists('Đã   tồn\u00a0tại')).toBe(true);
  });

  it('does not mistake other refusals for it', () => {
    expect(isAlreadyExists('Mã hồ sơ không tồn tại')).toBe(false);
    expect(isAlreadyExists('Thiếu trường TenTTHC')).toBe(false);
    expect(isAlreadyExists('')).toBe(false);
    expect(isAlreadyExists(null)).toBe(false);
    expect(isAlreadyExists(undefined)).toBe(false);
  });
});

describe('nationalDossierOf (DongBoHoSoMC)', () => {
  it('maps every field the national message takes from the record', () => {
    const h = nationalDossierOf(record());
    expect(h).toEqual({
      MaHoSo: '000.00.06.H56-260213-0007',
      MaTTHC: '2.000815',
      TenTTHC: 'Chứng thực bản sao từ bản chính',
      ChuHoSo: 'Nguyễn Thị Hoa',
      LoaiDoiTuong: 1,
      SoGiayToChuHoSo: '001190012345',
      SoDienThoai: '0912345678',
      Email: 'hoa@example.vn',
      TrichYeuHoSo: 'Chứng thực 3 bản sao giấy khai sinh',
      NgayTiepNhan: '20260213095900',
      NgayHenTra: '20260213170000',
      TrangThaiHoSo: 2,
      KenhThucHien: 1,
      DonViXuLy: 'UBND phường Ba Đình',
      DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '001190012345' }],
      DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí chứng thực', MaPhiLePhi: 'LP01', HinhThucThu: 1, Gia: 6000, LoaiPhiLePhi: 1 }],
    });
  });

  it('takes LoaiDoiTuong from the owner through the code table, which a deployment replaces', () => {
    const rep = record({
      details: { ...record().details, role: 'representative', owner: { kind: 'organisation', fullName: 'Công ty TNHH A', address: 'Hà Nội' } },
    });
    expect(nationalDossierOf(rep).LoaiDoiTuong).toBe(DEFAULT_NATIONAL_CODES.subjectType.organisation);
    const table = { ...DEFAULT_NATIONAL_CODES, subjectType: { person: 10, organisation: 30 }, identifierType: { person: 5, organisation: 6 } };
    const h = nationalDossierOf(rep, table);
    expect(h.LoaiDoiTuong).toBe(30);
    expect(h.DinhDanhCHS).toEqual([{ LoaiDinhDanh: 6, SoDinhDanh: '001190012345' }]);
    expect(nationalDossierOf(record(), { ...table, subjectType: {} }).LoaiDoiTuong).toBeNull();
  });

  it('copes with a record without details and without optional fields', () => {
    const h = nationalDossierOf(record({ details: null, procedureCode: null, applicantIdNumber: null, applicantPhone: null, dueAt: null, channel: 3, status: 4 }));
    expect(h.TrichYeuHoSo).toBe('Chứng thực bản sao từ bản chính');
    expect(h.MaTTHC).toBeNull();
    expect(h.NgayHenTra).toBeNull();
    expect(h.DinhDanhCHS).toEqual([]);
    expect(h.DanhSachLePhi).toEqual([]);
    expect(h.DonViXuLy).toBeNull();
    expect(h.KenhThucHien).toBe(3);
    expect(h.TrangThaiHoSo).toBe(4);
    // Odd details parts are skipped, not fatal.
    expect(nationalDossierOf(record({ details: { fees: 'none', summary: 42, applicant: [] } })).DanhSachLePhi).toEqual([]);
  });

  it('cuts TrichYeuHoSo to 1000 characters, never inside a letter', () => {
    const long = `${'Đăng ký khai sinh '.repeat(70)}`.normalize('NFD');
    const h = nationalDossierOf(record({ details: { summary: long } }));
    expect(h.TrichYeuHoSo.length).toBeLessThanOrEqual(1000);
    expect(h.TrichYeuHoSo).toBe(h.TrichYeuHoSo.normalize('NFC'));
    expect(long.normalize('NFC').startsWith(h.TrichYeuHoSo)).toBe(true);
    const emoji = cutText(`${'a'.repeat(999)}😀b`, 1000);
    expect(emoji).toBe('a'.repeat(999));
    expect(cutText('ngắn', 1000)).toBe('ngắn');
  });
});

describe('nationalProgressOf (CapNhatTienDoHoSoMC)', () => {
  const actor = { handler: 'quay1', title: 'Cán bộ tiếp nhận', department: 'Bộ phận Tiếp nhận và Trả kết quả' };

  it('carries the status, the moment and the clerk note', () => {
    expect(nationalProgressOf('000.00.06.H56-260213-0007', statusChange({ dueAt: '2026-02-20T10:00:00.000Z' }), actor)).toEqual({
      MaHoSo: '000.00.06.H56-260213-0007',
      NguoiXuLy: 'quay1',
      ChucDanh: 'Cán bộ tiếp nhận',
      ThoiDiemXuLy: '20260214083000',
      PhongBanXuLy: 'Bộ phận Tiếp nhận và Trả kết quả',
      NoiDungXuLy: 'Thiếu bản chính giấy khai sinh',
      TrangThai: 5,
      NgayBatDau: '20260214083000',
      NgayKetThucTheoQuyDinh: '20260220170000',
    });
  });

  it("names the status when the clerk wrote no note", () => {
    const p = nationalProgressOf('X-260213-0001', statusChange({ status: 10, note: null }), actor);
    expect(p.NoiDungXuLy).toBe('Đã trả kết quả');
    expect(p.NgayKetThucTheoQuyDinh).toBeNull();
  });
});

describe('feedItemOfNational (LayDanhSachTienDo → our feed)', () => {
  const entry = (hoSo: Record<string, unknown>, tienDo: Record<string, unknown> | null = null, seq = 41) =>
    nationalFeedEntry.parse({ SoThuTu: seq, HoSo: hoSo, TienDo: tienDo });

  it('reads back what DongBoHoSoMC sent, with the id of the local dossier', () => {
    const sent = nationalDossierOf(record());
    const item = feedItemOfNational(entry({ ...sent }), (code) => (code === sent.MaHoSo ? 'local-id-1' : null));
    expect(item.kind).toBe('dossier');
    if (item.kind !== 'dossier') return;
    expect(item.seq).toBe(41);
    expect(item.version).toBe(41);
    expect(item.dossier).toMatchObject({
      id: 'local-id-1',
      code: '000.00.06.H56-260213-0007',
      unitCode: '000.00.06.H56',
      procedureCode: '2.000815',
      procedureName: 'Chứng thực bản sao từ bản chính',
      applicantName: 'Nguyễn Thị Hoa',
      applicantIdNumber: '001190012345',
      applicantPhone: '0912345678',
      status: 2,
      channel: 1,
      receivedAt: '2026-02-13T02:59:00.000Z',
      dueAt: '2026-02-13T10:00:00.000Z',
      feeTotal: 6000,
    });
    expect(item.dossier.details).toMatchObject({ summary: 'Chứng thực 3 bản sao giấy khai sinh', decidingAuthority: 'UBND phường Ba Đình' });
    expect(item.progress).toBeNull();
    expect(item.result).toBeNull();
  });

  it('gives a dossier never seen here its code as id, and reads progress and result', () => {
    const item = feedItemOfNational(
      entry(
        {
          MaHoSo: '000.00.06.H56-260213-0099',
          TenTTHC: 'Đăng ký khai sinh',
          ChuHoSo: 'Lê Văn Bình',
          NgayTiepNhan: '20260213080000',
          TrangThaiHoSo: '9',
          KenhThucHien: '2',
          NgayKetThucXuLy: '20260214160000',
          ThongTinTra: 'Nhận tại quầy',
          DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', MaThanhPhanHoSo: 'KQ01', GiayToId: 123 }],
        },
        { NguoiXuLy: 'Phạm Thu', ChucDanh: 'Công chức tư pháp', ThoiDiemXuLy: '20260214153000', PhongBanXuLy: 'Tư pháp', NoiDungXuLy: 'Đã ký', TrangThai: 9 },
      ),
    );
    if (item.kind !== 'dossier') throw new Error('dossier expected');
    expect(item.dossier.id).toBe('000.00.06.H56-260213-0099');
    expect(item.dossier.status).toBe(9);
    expect(item.dossier.channel).toBe(2);
    expect(item.progress).toEqual({ handler: 'Phạm Thu', title: 'Công chức tư pháp', department: 'Tư pháp', content: 'Đã ký', at: '2026-02-14T08:30:00.000Z', status: 9 });
    expect(item.result).toEqual({ documents: [{ name: 'Giấy khai sinh', documentCode: 'KQ01', fileId: '123' }], note: 'Nhận tại quầy', at: '2026-02-14T09:00:00.000Z' });
  });

  it('refuses items that cannot be ours: bad dates, no applicant', () => {
    const base = { MaHoSo: 'A-260213-0001', TenTTHC: 'Thủ tục', ChuHoSo: 'Người nộp', NgayTiepNhan: '20260213080000', TrangThaiHoSo: 2 };
    expect(() => feedItemOfNational(entry({ ...base, NgayTiepNhan: '20260231080000' }))).toThrow(NationalMappingError);
    expect(() => feedItemOfNational(entry({ ...base, NgayHenTra: '2026-02-20' }))).toThrow(NationalMappingError);
    expect(() => feedItemOfNational(entry({ ...base, ChuHoSo: '' }))).toThrow(NationalMappingError);
    expect(() => feedItemOfNational(entry(base, { ThoiDiemXuLy: 'hôm qua', TrangThai: 4 }))).toThrow(NationalMappingError);
    expect(nationalDossierIn.safeParse({ ...base, TrangThaiHoSo: 'chín' }).success).toBe(false);
    expect(() => feedItemOfNational(entry({ ...base, TrangThaiHoSo: 11 }))).toThrow(NationalMappingError);
  });
});

describe('small helpers', () => {
  it('finds the unit in a dossier code', () => {
    expect(unitCodeOfDossierCode('000.00.06.H56-231027-0361')).toBe('000.00.06.H56');
    expect(unitCodeOfDossierCode('HS-12345')).toBe('HS-12345');
  });

  it('names an uploaded file after its document', () => {
    expect(nationalFileName('GT01', 'application/pdf')).toBe('GT01.pdf');
    expect(nationalFileName('GT02', 'image/jpeg')).toBe('GT02.jpg');
    expect(nationalFileName('GT03', 'application/x-unknown')).toBe('GT03.bin');
  });
});
