// What people read about syncing with the provincial one-stop system: the status-bar badge and
// its popover, the supervisors' sync page (queue and refused changes) and the admin's settings
// panel. Gathered into `vi.sync` by vi.ts. The badge's one-line states stay in `vi.status.sync`.

export const syncText = {
  nav: {
    sync: 'Đồng bộ',
    /** The header's page switcher (Tiếp nhận / Đồng bộ / Quản trị). */
    pages: 'Chuyển trang làm việc',
  },
  states: {
    'not-configured': 'Chưa cấu hình',
    synced: 'Đã đồng bộ',
    sending: 'Đang gửi',
    offline: 'Mất kết nối',
    error: 'Lỗi đồng bộ',
  } as Record<string, string>,
  badge: {
    /** Added to the badge's accessible name: what a click on it does. */
    details: 'xem chi tiết đồng bộ',
    title: 'Đồng bộ với hệ thống tỉnh',
    lastSuccess: 'Đồng bộ thành công lần cuối',
    pending: 'Thay đổi chờ gửi',
    deadLetters: 'Thay đổi bị tỉnh từ chối',
    lastError: 'Lỗi gần nhất',
    never: 'Chưa lần nào',
    none: 'Không có',
    notConfigured: 'Máy này chưa được cấu hình đồng bộ. Quản trị viên cài đặt ở trang Quản trị.',
  },
  clockSkew: (minutes: number) =>
    `Đồng hồ máy này lệch ${minutes} phút so với máy chủ tỉnh. Hãy chỉnh lại giờ hệ thống; đồng bộ vẫn tiếp tục.`,
  syncNow: 'Đồng bộ ngay',
  syncStarted: 'Đã bắt đầu một lượt đồng bộ.',
  sendingProgress: (n: number) => `Đang gửi ${n} thay đổi lên hệ thống tỉnh…`,
  page: {
    title: 'Đồng bộ với hệ thống tỉnh',
    intro:
      'Hồ sơ tiếp nhận tại quầy được lưu trên máy này trước, rồi tự động gửi lên hệ thống một cửa của tỉnh khi có mạng. Trạng thái do tỉnh cập nhật được đưa về danh sách hồ sơ.',
    summary: 'Tóm tắt',
    state: 'Tình trạng',
    pending: 'Chờ gửi',
    acknowledged: 'Tỉnh đã xác nhận',
    deadLetters: 'Bị từ chối',
    lastSuccess: 'Thành công lần cuối',
    lastAttempt: 'Lần thử gần nhất',
    nextAttempt: 'Lần thử tiếp theo',
    endpoint: 'Máy chủ tỉnh',
    clock: 'Đồng hồ',
    clockReading: (device: string, server: string) => `Máy này ${device} · máy chủ tỉnh ${server}`,
    clockOffset: (seconds: number) => (seconds === 0 ? 'khớp với máy chủ' : `lệch ${seconds} giây`),
    clockUnknown: 'Chưa đọc được giờ máy chủ',
    lastError: (message: string, at: string) => `Lỗi gần nhất (${at}): ${message}`,
    notSet: '—',
    notScheduled: 'Chưa hẹn',
  },
  adapters: {
    motcua: 'Giao thức Một Cửa Desk',
    national: 'Chuẩn quốc gia DongBoHoSoMC',
  } as Record<string, string>,
  operations: {
    'dossier.receive': 'Gửi hồ sơ mới tiếp nhận',
    'dossier.attach': 'Gửi tệp đính kèm',
    'dossier.status': 'Cập nhật trạng thái hồ sơ',
    // Lifecycle actions are named as in the dossier's history (vi.dossier.historyActions).
  } as Record<string, string>,
  queue: {
    title: 'Hàng đợi gửi lên tỉnh',
    operation: 'Thao tác',
    code: 'Mã hồ sơ',
    createdAt: 'Tạo lúc',
    attempts: 'Số lần thử',
    lastError: 'Lỗi gần nhất',
    empty: 'Không có thay đổi nào chờ gửi: mọi hồ sơ đã được gửi lên tỉnh.',
    showing: (shown: number, total: number) => `Đang hiện ${shown} thay đổi cũ nhất trong tổng số ${total}.`,
  },
  deadLetters: {
    title: 'Thay đổi bị tỉnh từ chối',
    intro: 'Tỉnh không nhận các thay đổi dưới đây. Hãy khắc phục theo lý do của tỉnh rồi chọn và gửi lại.',
    select: (what: string) => `Chọn ${what}`,
    selectAll: 'Chọn tất cả',
    refusedAt: 'Bị từ chối lúc',
    reason: 'Lý do của tỉnh',
    empty: 'Không có thay đổi nào bị từ chối.',
    retry: (n: number) => (n > 0 ? `Gửi lại (${n})` : 'Gửi lại'),
    confirmTitle: 'Gửi lại thay đổi bị từ chối',
    confirm: (n: number) =>
      `${n} thay đổi đã chọn sẽ được đưa trở lại hàng đợi và gửi lên hệ thống tỉnh ở lượt đồng bộ tới; số lần thử được tính lại từ đầu. Nếu lý do từ chối chưa được khắc phục, tỉnh có thể từ chối lần nữa.`,
    confirmButton: 'Gửi lại',
    cancel: 'Hủy',
    close: 'Đóng',
    retried: (n: number) => `Đã đưa ${n} thay đổi trở lại hàng đợi.`,
  },
  settings: {
    title: 'Đồng bộ với hệ thống tỉnh',
    intro:
      'Địa chỉ và tài khoản do Sở/Trung tâm phục vụ hành chính công của tỉnh cấp. Mật khẩu được lưu trên máy này và không bao giờ hiện lại.',
    enabled: 'Bật đồng bộ',
    endpoint: 'Địa chỉ máy chủ tỉnh (URL)',
    endpointPlaceholder: {
      motcua: 'https://motcua.tinh.gov.vn/api/motcua-sync/v1',
      national: 'https://dichvucong.tinh.gov.vn/national',
    } as Record<string, string>,
    adapter: 'Giao thức',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    passwordSaved: 'đã lưu — để trống để giữ nguyên',
    passwordNone: 'chưa có mật khẩu',
    deviceId: 'Mã máy',
    deviceIdHint: 'Tự sinh; gửi kèm mỗi lần đăng nhập',
    save: 'Lưu cài đặt đồng bộ',
    saved: 'Đã lưu cài đặt đồng bộ.',
  },
};
