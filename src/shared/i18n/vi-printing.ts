// Vietnamese text of the printer drivers (CUPS, Windows, Electron, ESC/POS): what a printer says
// about itself, and the messages of the printing errors. Gathered into `vi` by vi.ts
// (`vi.printing`, `vi.errors`). No imports here, so any driver may use it without a cycle.

export const printingText = {
  /**
   * IPP / CUPS printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9), without their
   * -error / -warning / -report suffix. printer-reasons.ts turns a printer's keywords into these.
   */
  reasons: {
    'media-empty': 'hết giấy',
    'media-needed': 'cần nạp giấy',
    'media-low': 'sắp hết giấy',
    'media-jam': 'kẹt giấy',
    'input-tray-missing': 'thiếu khay giấy',
    'output-tray-missing': 'thiếu khay ra giấy',
    'output-area-full': 'khay ra giấy đã đầy',
    'output-area-almost-full': 'khay ra giấy sắp đầy',
    'toner-empty': 'hết mực',
    'toner-low': 'sắp hết mực',
    'marker-supply-empty': 'hết mực',
    'marker-supply-low': 'sắp hết mực',
    'marker-waste-full': 'hộp mực thải đã đầy',
    'door-open': 'cửa máy in đang mở',
    'cover-open': 'nắp máy in đang mở',
    'interlock-open': 'nắp máy in đang mở',
    offline: 'máy in không kết nối (tắt máy hoặc mất cáp)',
    shutdown: 'máy in đã tắt',
    'timed-out': 'máy in không phản hồi',
    'connecting-to-device': 'đang kết nối tới máy in',
    paused: 'hàng đợi in đang tạm dừng',
    'moving-to-paused': 'hàng đợi in đang tạm dừng',
    'hold-new-jobs': 'hàng đợi in đang giữ lệnh in mới',
    'spool-area-full': 'bộ nhớ hàng đợi in đã đầy',
    'stopped-partly': 'máy in chỉ hoạt động một phần',
    stopping: 'máy in đang dừng',
    'fuser-over-temp': 'bộ sấy quá nóng',
    'fuser-under-temp': 'bộ sấy chưa đủ nóng',
    'developer-empty': 'hết mực hiện ảnh',
    'opc-life-over': 'trống mực đã hết tuổi thọ',
    'cups-missing-filter': 'thiếu bộ lọc in (driver) cho máy in này',
    'cups-insecure-filter': 'bộ lọc in (driver) không an toàn nên bị chặn',
    other: 'máy in báo lỗi',
    // Job-level reasons, used when a job ends without printing.
    'job-canceled-by-user': 'lệnh in đã bị hủy',
    'job-canceled-by-operator': 'lệnh in bị người quản trị hủy',
    'job-canceled-at-device': 'lệnh in bị hủy trên máy in',
    'aborted-by-system': 'hệ thống in đã hủy lệnh in do lỗi',
    'job-aborted-by-system': 'hệ thống in đã hủy lệnh in do lỗi',
    'job-completed-with-errors': 'lệnh in kết thúc với lỗi',
    'document-format-error': 'tệp in bị hỏng hoặc sai định dạng',
    'document-unprintable-error': 'tệp in không in được',
    'document-access-error': 'không đọc được tệp in',
  } as Record<string, string>,
  /** CUPS's own English texts that a printer reports when no one gave a reason. */
  stockMessages: {
    paused: 'hàng đợi in đang tạm dừng',
    rejecting: 'hàng đợi in đang từ chối lệnh in mới',
    unknown: 'không rõ lý do',
    unavailable: 'không kết nối được với máy in (máy in tắt, sai địa chỉ hoặc mất mạng)',
    waiting: 'đang chờ máy in sẵn sàng',
  },
  /** The {reason} of errors the drivers raise themselves. */
  driver: {
    canceled: 'lệnh in đã bị hủy trước khi in xong',
    aborted: 'hệ thống in đã hủy lệnh in do lỗi',
    noScheduler: 'dịch vụ in của máy tính (CUPS) không chạy',
    noCups: 'máy tính chưa cài dịch vụ in CUPS (không có lệnh lp)',
    notInList: 'không có trong danh sách máy in của máy tính',
    noSumatra: 'chưa cài hoặc chưa cấu hình SumatraPDF để in tệp PDF',
    noPowerShell: 'không chạy được PowerShell để hỏi trạng thái máy in',
    noPages: 'tài liệu không có trang nào để in',
    invalidMedia: (media: string) => `khổ giấy "${media}" không hợp lệ`,
    invalidCopies: (copies: number) => `số bản ${copies} không hợp lệ (1–999)`,
    invalidPrinter: 'tên máy in không hợp lệ',
    electronFailed: (why: string) => `Electron không in được (${why})`,
    /** The core's bridge to the Electron printer in the main process (electron/bridged-printer.ts). */
    bridgeGone: 'ứng dụng mất kết nối với bộ phận in (Electron); hãy khởi động lại ứng dụng rồi in lại',
    bridgeTimeout: 'bộ phận in của ứng dụng (Electron) không trả lời trong thời gian chờ',
    printPageFailed: 'không mở được trang in của ứng dụng; hãy cài lại ứng dụng nếu lỗi lặp lại',
  },
  /** Windows' own printer and job status flags, as Get-Printer / Get-PrintJob name them. */
  windowsStatus: {
    Paused: 'máy in đang tạm dừng',
    Error: 'máy in báo lỗi',
    PendingDeletion: 'máy in đang bị gỡ khỏi máy tính',
    PaperJam: 'kẹt giấy',
    PaperOut: 'hết giấy',
    ManualFeed: 'đang chờ nạp giấy bằng tay',
    PaperProblem: 'giấy có vấn đề',
    Offline: 'máy in không kết nối (tắt máy hoặc mất cáp)',
    OutputBinFull: 'khay ra giấy đã đầy',
    NotAvailable: 'máy in không sẵn sàng',
    TonerLow: 'sắp hết mực',
    NoToner: 'hết mực',
    PagePunt: 'máy in không in được trang hiện tại',
    UserIntervention: 'máy in cần người xử lý',
    OutOfMemory: 'máy in hết bộ nhớ',
    DoorOpen: 'cửa máy in đang mở',
    ServerUnknown: 'máy chủ in không xác định',
    Blocked: 'lệnh in bị chặn do lỗi của lệnh in trước',
    Deleting: 'lệnh in đang bị xóa',
  } as Record<string, string>,
} as const;

export const printingErrors = {
  PRINT_REJECTED:
    'Máy in {printer} đang từ chối nhận lệnh in: {reason}. Hãy nhờ quản trị viên cho máy in nhận lệnh in trở lại (hoặc chọn máy in khác) rồi in lại.',
  PRINT_FAILED:
    'Máy in {printer} không in được tài liệu: {reason}. Hãy kiểm tra máy in rồi in lại; nếu vẫn lỗi, hãy báo quản trị viên.',
  PRINT_STUCK:
    'Máy in {printer} chưa in xong sau thời gian chờ: {reason}. Lệnh in đã được hủy để không bị in ra bất ngờ sau này. Hãy xử lý máy in (giấy, mực, kẹt giấy, nguồn, cáp) rồi in lại.',
  PRINTER_NOT_FOUND:
    'Không tìm thấy máy in {printer} ({reason}). Vào Quản trị › Máy in để chọn lại máy in.',
  PRINTER_UNREACHABLE:
    'Không kết nối được với máy in {printer}: {reason}. Hãy kiểm tra máy in đã bật và đã cắm cáp mạng hoặc USB, rồi in lại.',
  PRINT_NO_PRINTER: 'Chưa chọn máy in cho {purpose}. Vào Quản trị › Máy in để chọn.',
} as const;
