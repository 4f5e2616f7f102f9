// Vietnamese text of the sync engine (why an outbox entry waits or was refused), its set-up
// errors, and the `motcua sync` command. Spread into `vi` by vi.ts.

export const syncEngineText = {
  fileMissingHere: 'Tệp đính kèm của thay đổi này không còn trên máy (bị xóa hoặc hỏng), nên không gửi được. Hãy quét lại giấy tờ rồi chọn Gửi lại.',
  unsendable: (reason: string) => `Thay đổi này không đúng định dạng đồng bộ nên không gửi được (${reason}). Hãy báo quản trị viên.`,
  rejected: 'Máy chủ tỉnh từ chối thay đổi này nhưng không nêu lý do.',
  notAcknowledged: 'Máy chủ tỉnh chưa xác nhận đã nhận; sẽ gửi lại (không bị trùng).',
  unexpected: (detail: string) => `Lỗi ngoài dự kiến khi đồng bộ: ${detail}. Sẽ tự thử lại sau; nếu lặp lại, hãy báo quản trị viên.`,
  cli: {
    description: 'Đồng bộ với hệ thống Một cửa của tỉnh',
    onceDescription: 'Chạy một lượt đồng bộ (gửi hàng đợi, nhận tin mới) rồi thoát',
    endpointOption: 'Địa chỉ máy chủ tỉnh dùng cho lượt này (không lưu vào cấu hình)',
    statusDescription: 'Trạng thái đồng bộ: hàng đợi, lần thành công gần nhất, lỗi, đồng hồ',
    jsonOption: 'In kết quả dạng JSON',
    needOnceOrStatus: 'Hãy dùng "motcua sync --once" hoặc "motcua sync status".',
    notConfigured: 'Đồng bộ chưa được cấu hình hoặc đang tắt: hãy nhập địa chỉ máy chủ tỉnh, tài khoản và mật khẩu trong Quản trị → Đồng bộ.',
    roundDone: (pushed: number, pulled: number, dead: number) => `Đã gửi ${pushed} thay đổi, nhận ${pulled} tin từ tỉnh${dead > 0 ? `, ${dead} thay đổi bị từ chối (xem danh sách bị từ chối)` : ''}.`,
    roundFailed: (error: string) => `Lượt đồng bộ không thành công: ${error}`,
    statusLines: {
      state: 'Trạng thái',
      endpoint: 'Máy chủ tỉnh',
      pending: 'Đang chờ gửi',
      dead: 'Bị từ chối (chờ xử lý)',
      acknowledged: 'Đã được tỉnh xác nhận',
      lastSuccess: 'Lần đồng bộ thành công gần nhất',
      lastError: 'Lỗi gần nhất',
      clock: 'Đồng hồ',
      none: 'chưa có',
      skew: (minutes: string, warning: boolean) => `máy này lệch ${minutes} phút so với máy chủ tỉnh${warning ? ' — hãy chỉnh lại giờ hệ thống' : ''}`,
    },
  },
} as const;

export const syncEngineErrors = {
  SYNC_ENDPOINT_INVALID: 'Địa chỉ máy chủ tỉnh "{endpoint}" không hợp lệ: cần dạng http://… hoặc https://….',
  SYNC_SETTINGS_INCOMPLETE: 'Để bật đồng bộ cần đủ địa chỉ máy chủ tỉnh, tên đăng nhập và mật khẩu. Hãy nhập đủ rồi lưu lại.',
} as const;
