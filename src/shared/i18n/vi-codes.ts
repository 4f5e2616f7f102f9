// Messages of the dossier code allocator (docs/dossier-codes.md). Gathered into `vi.errors` by
// vi.ts. Imports nothing, so any module may use it without a cycle.

export const codeErrors = {
  DOSSIER_CODES_EXHAUSTED:
    'Quầy số {counter} đã dùng hết {capacity} số hồ sơ của ngày {date} (đơn vị có {counters} quầy dùng chung dãy số 0001–9999 mỗi ngày). Hồ sơ này chưa được lưu. Hãy tiếp nhận ở quầy khác của đơn vị và báo quản trị viên; số đã cấp không bao giờ được dùng lại.',
  DOSSIER_CODE_SETUP_INVALID:
    'Chưa cấp được mã số hồ sơ: {detail}. Hồ sơ này chưa được lưu. Hãy báo quản trị viên kiểm tra hồ sơ đơn vị (mã định danh, số quầy, số quầy của đơn vị).',
} as const;
