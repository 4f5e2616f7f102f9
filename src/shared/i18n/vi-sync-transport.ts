// Vietnamese text of the sync transport: why a call to the provincial system failed (the message
// a SyncFailure carries, shown on the status bar and the admin's sync page), and the few words
// the national messages need from us (CapNhatTienDoHoSoMC's department and title). Spread into
// `vi` by vi.ts. No imports here, so the adapters may use it without a cycle.

export const syncTransportText = {
  /** Why no connection was made: the {detail} of `offline`. */
  offlineDetail: {
    refused: 'máy chủ từ chối kết nối',
    reset: 'kết nối bị ngắt',
    closed: 'máy chủ đóng kết nối trước khi trả lời',
    notFound: 'không tìm thấy địa chỉ máy chủ',
    unreachable: 'không có đường mạng tới máy chủ',
    network: 'lỗi mạng',
  },
  offline: (detail: string) =>
    `Không kết nối được máy chủ tỉnh (${detail}). Hồ sơ vẫn được lưu trên máy này và sẽ tự gửi khi kết nối lại.`,
  timeout: (seconds: number) =>
    `Máy chủ tỉnh trả lời quá chậm (quá ${seconds} giây chưa xong). Hồ sơ vẫn được lưu trên máy này; sẽ tự thử lại sau.`,
  cutShort: 'Trả lời của máy chủ tỉnh bị ngắt giữa chừng. Sẽ tự thử lại sau.',
  busy: (status: number) => `Máy chủ tỉnh đang bận hoặc gặp sự cố (mã ${status}). Sẽ tự thử lại sau.`,
  diskFull: 'Máy chủ tỉnh báo đầy bộ nhớ (507). Sẽ tự thử lại sau; nếu kéo dài, hãy báo quản trị hệ thống của tỉnh.',
  authRefused: 'Tài khoản đồng bộ bị từ chối: kiểm tra tên đăng nhập và mật khẩu trong Quản trị → Đồng bộ.',
  /** A fresh login succeeded but the very next call was refused again. */
  tokenRefused: 'Máy chủ tỉnh không nhận phiên đăng nhập vừa cấp. Sẽ tự thử lại sau; nếu kéo dài, hãy báo quản trị hệ thống của tỉnh.',
  rejected: (status: number | string, detail: string) => `Máy chủ tỉnh từ chối yêu cầu (mã ${status}): ${detail}`,
  /** When the server gave no reason. */
  noReason: 'không nêu lý do',
  protocol: (detail: string) =>
    `Trả lời của máy chủ tỉnh không đúng giao thức (${detail}). Sẽ tự thử lại sau; nếu lặp lại, hãy báo quản trị viên.`,
  /** The {detail} of `protocol`. */
  protocolDetail: {
    notJson: 'không phải JSON',
    schema: (where: string) => `sai cấu trúc ở ${where}`,
    tooLarge: (mib: number) => `dài quá ${mib} MiB`,
    redirect: 'máy chủ chuyển hướng sang địa chỉ khác, không được theo',
    status: (status: number) => `mã trả lời HTTP ${status} không dự kiến`,
    certificate: 'chứng chỉ bảo mật của máy chủ không hợp lệ',
    badOffset: 'vị trí tải tệp không hợp lệ',
    noProgress: 'máy chủ không nhận thêm được phần nào của tệp',
    unknownKey: 'trả kết quả cho thay đổi không có trong yêu cầu',
    badDate: (value: string) => `ngày giờ "${value}" không hợp lệ`,
    noSession: 'đăng nhập thành công nhưng không có phiên làm việc',
  },
  badEndpoint: (endpoint: string) => `Địa chỉ máy chủ tỉnh "${endpoint}" không hợp lệ: cần dạng http://… hoặc https://… (Quản trị → Đồng bộ).`,
  /** A change the counter built but the protocol cannot carry (a dead letter for supervisors). */
  invalidChange: (detail: string) => `Thay đổi không đúng định dạng đồng bộ nên không gửi được: ${detail}`,
  invalidFile: (detail: string) => `Tệp đính kèm không gửi được: ${detail}`,
  fileReadShort: 'đọc tệp trên máy được ít byte hơn kích thước đã ghi',
  /** National adapter: an attachment whose file has not been handed to sendFile yet. */
  missingFile: 'Tệp đính kèm chưa được tải lên; sẽ gửi lại sau khi tải tệp.',
  /** National adapter: a dossier whose code (MaHoSo) this installation cannot find. */
  unknownDossierCode: 'Không tìm thấy mã hồ sơ của thay đổi này nên không gửi được sang hệ thống quốc gia.',
  badCursor: 'Vị trí đọc tin từ máy chủ tỉnh không hợp lệ (có thể do vừa đổi kiểu máy chủ). Hãy đặt lại đồng bộ trong Quản trị → Đồng bộ.',
  /** The national system's own message on a refused item, when it gave none. */
  nationalRefused: (code: number) => `Hệ thống quốc gia báo lỗi ${code}`,
  /** CapNhatTienDoHoSoMC's fields for a step taken at the counter. */
  national: {
    department: 'Bộ phận Tiếp nhận và Trả kết quả',
    title: 'Cán bộ tiếp nhận',
  },
} as const;
