// Vietnamese text of the 80 mm thermal slip (resources/forms/slip.html) and of the ESC/POS
// printers it goes to. Gathered into `vi` by vi.ts (`vi.slip`, `vi.errors`). No imports here.

export const slipText = {
  /** The slip's labels; the template reads them as {{labels.…}} (a province may write its own). */
  labels: {
    title: 'PHIẾU HẸN TRẢ KẾT QUẢ',
    code: 'Mã hồ sơ',
    applicant: 'Người nộp',
    procedure: 'Thủ tục',
    received: 'Nhận lúc',
    due: 'Hẹn trả',
    noDue: 'Theo thông báo của cơ quan giải quyết',
    lookupAt: 'Tra cứu hồ sơ tại',
    lookupHint: 'Quét mã QR bằng điện thoại để xem tình trạng hồ sơ.',
  },
  /** The test slip printed from the printer settings: every Vietnamese mark, and the printer's name. */
  test: {
    applicant: 'In thử: Nguyễn Thị Ánh, Trần Văn Ưng, Lê Ỷ Đạt, Phạm Ngọc Quỳnh',
    procedure: (printer: string) => `Kiểm tra máy in ${printer}: ă â đ ê ô ơ ư, ả ạ ằ ẵ ặ ỡ ự ỹ, Ẩ Ộ Ữ Ỹ Đ`,
  },
  /** Why a printer could not be reached: the {reason} of PRINTER_UNREACHABLE. */
  reasons: {
    refused: 'máy in từ chối kết nối (máy in tắt, sai địa chỉ hoặc sai cổng)',
    connectTimeout: (seconds: number) => `không có phản hồi sau ${seconds} giây (máy in tắt hoặc mất mạng)`,
    stuck: (seconds: number) =>
      `máy in nhận kết nối nhưng không in xong trong ${seconds} giây (có thể hết giấy, kẹt giấy hoặc đang mở nắp)`,
    notFound: 'không tìm thấy máy in với tên này trên mạng',
    noRoute: 'không có đường mạng tới máy in',
    reset: 'máy in ngắt kết nối giữa chừng',
    cancelled: 'đã hủy lệnh in',
    other: (code: string) => `lỗi mạng ${code}`,
  },
} as const;

export const slipErrors = {
  SLIP_NO_BROWSER:
    'Không tìm thấy trình duyệt Chrome, Edge hoặc Chromium trên máy này nên chưa tạo được phiếu in nhiệt. Hãy cài một trong các trình duyệt đó (hoặc in Giấy tiếp nhận khổ A4) rồi in lại.',
  SLIP_BROWSER_FAILED:
    'Không mở được trình duyệt {browser} để tạo phiếu in nhiệt: {reason}. Hãy thử in lại; nếu vẫn lỗi, hãy báo quản trị viên.',
  SLIP_TEMPLATE_INVALID:
    'Mẫu phiếu in nhiệt {file} không dùng được: {detail}. Hãy báo quản trị viên sửa mẫu phiếu.',
  SLIP_NO_CODE: 'Hồ sơ chưa có mã số nên chưa in được phiếu hẹn. Hãy tiếp nhận xong hồ sơ rồi in lại.',
} as const;
