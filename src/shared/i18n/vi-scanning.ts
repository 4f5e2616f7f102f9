// Vietnamese text of network scanners (eSCL / AirScan): what the clerk reads while a scan runs,
// why a scanner could not be used and what to do about it, and the `motcua scan` command.
// Gathered into `vi` by vi.ts (`vi.scanning`, `vi.errors`). No imports here, so any scanning
// module may use it without a cycle.

export const scanningText = {
  /** ScannedPage.origin: the UI writes "Trang 3 từ {origin}". */
  origin: (model: string, host: string) => `máy quét ${model} (${host})`,
  progress: {
    connecting: 'Đang kết nối với máy quét…',
    starting: 'Đang gửi lệnh quét…',
    waiting: (n: number) => `Đang chờ trang ${n}…`,
    received: (n: number) => `Đã nhận trang ${n}`,
    finished: (n: number) => `Đã quét xong ${n} trang`,
  },
  /** The {setting} of SCANNER_SETTING_UNSUPPORTED. */
  settings: {
    platen: 'quét trên mặt kính',
    adf: 'quét bằng khay nạp giấy tự động',
    duplex: 'quét hai mặt',
    color: 'quét màu',
    grayscale: 'quét thang xám',
    bw: 'quét đen trắng',
    jpeg: 'nhận trang dạng ảnh JPEG',
    pdf: 'nhận trang dạng tệp PDF',
  } as Record<string, string>,
  /** The {reason} of SCANNER_UNREACHABLE. */
  unreachable: {
    refused: 'máy quét từ chối kết nối (có thể sai cổng hoặc dịch vụ quét qua mạng đang tắt)',
    timeout: 'máy quét không trả lời',
    notFound: 'không tìm thấy tên máy này trong mạng',
    network: 'mất kết nối mạng',
    tls: 'không thiết lập được kết nối HTTPS',
  },
  /** The {detail} of SCANNER_BAD_REPLY. */
  badReply: {
    doctype: 'dữ liệu XML có khai báo DOCTYPE hoặc ENTITY, bị từ chối vì lý do an toàn',
    xml: 'dữ liệu XML không đọc được',
    notCapabilities: 'không phải bảng khả năng của máy quét (ScannerCapabilities)',
    noSources: 'máy quét không có mặt kính lẫn khay nạp giấy',
    notStatus: 'không phải trạng thái máy quét (ScannerStatus)',
    xmlTooLarge: 'câu trả lời dài bất thường',
    noLocation: 'máy quét không cho biết địa chỉ của lệnh quét (Location)',
    badLocation: 'địa chỉ lệnh quét (Location) không hợp lệ',
    notJpeg: 'trang nhận được không phải ảnh JPEG',
    notPdf: 'trang nhận được không phải tệp PDF',
    stalled: 'máy quét ngừng gửi dữ liệu giữa chừng',
    noPages: 'lệnh quét kết thúc mà không có trang nào',
    jobAborted: 'máy quét đã hủy lệnh quét',
    http: (status: number) => `mã trả lời HTTP ${status}`,
  },
  /** The {reason} of SCANNER_ADDRESS_INVALID: a clerk typed it, so say exactly what is wrong. */
  address: {
    empty: 'chưa nhập địa chỉ',
    spaces: 'có dấu cách ở giữa địa chỉ',
    comma: 'dùng dấu phẩy thay cho dấu chấm',
    scheme: 'chỉ dùng http:// hoặc https://',
    ipv4: 'địa chỉ IPv4 phải có đủ 4 số từ 0 đến 255, cách nhau bằng dấu chấm',
    ipv6: 'địa chỉ IPv6 không hợp lệ (IPv6 kèm cổng phải đặt trong ngoặc vuông, ví dụ [fd00::20]:8080)',
    port: 'cổng phải là số từ 1 đến 65535',
    host: 'tên máy chỉ gồm chữ không dấu, chữ số, dấu chấm và gạch nối',
    extra: 'không được có tên đăng nhập, mật khẩu, dấu ? hoặc #',
  },
  cli: {
    scanDescription: 'Quét giấy từ máy quét qua mạng (eSCL / AirScan) vào một thư mục, hoặc tìm máy quét trong mạng',
    deviceOption: 'địa chỉ máy quét: IP (192.168.1.20), IP:cổng hoặc http(s)://máy:cổng/eSCL',
    sourceOption: 'nguồn giấy: platen (mặt kính) hoặc adf (khay nạp tự động; mặc định)',
    duplexOption: 'quét hai mặt (chỉ với khay nạp)',
    colorOption: 'màu: color, grayscale (mặc định) hoặc bw',
    resolutionOption: 'độ phân giải (dpi), mặc định 200',
    formatOption: 'dạng trang: jpeg (mặc định) hoặc pdf',
    outOption: 'thư mục ghi các trang (page-001.jpg, page-002.jpg, …)',
    pinOption: 'dấu vân tay SHA-256 của chứng chỉ HTTPS máy quét (đã kiểm tra trên máy quét)',
    discoverOption: 'tìm máy quét trong mạng (DNS-SD: _uscan._tcp, _uscans._tcp)',
    timeoutOption: 'thời gian tìm máy quét, tính bằng giây (mặc định 3)',
    jsonOption: 'in kết quả dạng JSON',
    needDevice: 'Cần --device (địa chỉ máy quét) hoặc --discover.',
    needOut: 'Cần --out (thư mục ghi các trang quét).',
    badChoice: (option: string, value: string, allowed: string) => `${option} "${value}" không hợp lệ; chọn một trong: ${allowed}.`,
    badResolution: (value: string) => `Độ phân giải "${value}" không hợp lệ; nhập một số từ 50 đến 1200, ví dụ 200.`,
    badTimeout: (value: string) => `Thời gian tìm "${value}" không hợp lệ; nhập số giây từ 1 đến 60.`,
    page: (n: number, file: string) => `Trang ${n}: ${file}`,
    summary: (pages: number, dir: string) => `Đã quét ${pages} trang vào ${dir}`,
    noDevices: 'Không tìm thấy máy quét nào trong mạng. Hãy kiểm tra máy quét đã bật và cùng mạng, hoặc nhập địa chỉ IP của máy quét.',
    devicesTitle: (n: number) => `Tìm thấy ${n} máy quét:`,
    pruneDescription: 'Xóa ngay các trang quét đã quá thời hạn lưu (trang đã bỏ, trang đã ghép vào hồ sơ, phiên quét bỏ dở)',
    pruned: (sessions: number, pages: number, files: number, mb: string) =>
      sessions === 0 ? 'Không có trang quét nào quá thời hạn lưu.' : `Đã xóa ${pages} trang của ${sessions} phiên quét (${files} tệp, giải phóng ${mb} MB).`,
  },
} as const;

export const scanningErrors = {
  SCANNER_UNREACHABLE:
    'Không kết nối được với máy quét {device}: {reason}. Hãy kiểm tra máy quét đã bật, đã cắm mạng (hoặc cùng mạng Wi-Fi với máy tính) và địa chỉ máy quét đúng, rồi thử lại.',
  SCANNER_BUSY: 'Máy quét {device} đang bận (đang quét hoặc sao chụp cho việc khác). Hãy đợi máy quét xong việc rồi bấm Quét lại.',
  SCANNER_JAMMED:
    'Giấy bị kẹt trong khay nạp của máy quét (đã nhận {pages} trang). Hãy mở nắp khay nạp, gỡ tờ giấy kẹt, đặt lại các trang chưa quét vào khay rồi bấm Quét tiếp. Các trang đã nhận vẫn được giữ.',
  SCANNER_FEEDER_EMPTY:
    'Khay nạp giấy của máy quét đang trống. Hãy đặt giấy vào khay nạp (đẩy sát thanh chặn giấy) rồi bấm Quét lại, hoặc chọn quét trên mặt kính.',
  SCANNER_COVER_OPEN:
    'Nắp khay nạp giấy của máy quét đang mở (đã nhận {pages} trang). Hãy đóng chặt nắp cho đến khi nghe tiếng "tách" rồi bấm Quét lại. Các trang đã nhận vẫn được giữ.',
  SCANNER_STOPPED:
    'Máy quét {device} đang báo lỗi hoặc tạm dừng (trạng thái "{state}"). Hãy xem thông báo trên màn hình của máy quét và xử lý theo đó (hoặc tắt rồi bật lại máy quét), rồi thử lại.',
  SCANNER_BAD_REPLY:
    'Máy quét {device} trả lời không đúng chuẩn eSCL: {detail}. Hãy thử lại; nếu vẫn lỗi, hãy tắt rồi bật lại máy quét, hoặc báo quản trị viên.',
  SCAN_PAGE_TOO_LARGE:
    'Trang quét từ máy quét {device} lớn hơn {maxMb} MB nên đã bị bỏ. Hãy chọn độ phân giải thấp hơn (ví dụ 200 dpi) hoặc quét thang xám, rồi quét lại từ trang này.',
  SCANNER_CERT_NOT_PINNED:
    'Máy quét {device} dùng HTTPS với chứng chỉ chưa được quản trị viên xác nhận, nên chưa kết nối. Quản trị viên hãy so dấu vân tay SHA-256 sau với dấu vân tay trên trang cấu hình của máy quét; nếu trùng thì ghim chứng chỉ này trong cài đặt máy quét: {fingerprint}',
  SCANNER_CERT_MISMATCH:
    'Chứng chỉ HTTPS của máy quét {device} không khớp với chứng chỉ đã ghim (đã ghim {pinned}, máy quét gửi {fingerprint}). Có thể máy quét đã được thay hoặc có thiết bị lạ trong mạng, nên không quét. Hãy báo quản trị viên kiểm tra trước khi ghim lại.',
  SCANNER_PIN_INVALID:
    'Dấu vân tay chứng chỉ "{text}" không hợp lệ: cần đủ 64 chữ số thập lục phân (0–9, A–F), có thể cách nhau bằng dấu hai chấm. Hãy chép lại từ trang cấu hình của máy quét.',
  SCANNER_SETTING_UNSUPPORTED: 'Máy quét {device} không hỗ trợ {setting}. Hãy chọn thiết lập khác trong cài đặt quét rồi quét lại.',
  SCANNER_ADDRESS_INVALID:
    'Địa chỉ máy quét "{text}" không hợp lệ: {reason}. Hãy nhập như 192.168.1.20, 192.168.1.20:8080 hoặc http://192.168.1.20/eSCL.',
  SCAN_CANCELLED: 'Đã dừng quét. {pages} trang đã nhận trước khi dừng vẫn được giữ.',
  // Scanners and files on this machine (SANE, scan-to-folder, import); their other text is in vi-scan-sources.ts.
  SCANNER_NOT_FOUND:
    'Không tìm thấy máy quét {device}. Hãy kiểm tra máy quét đã bật và đã cắm cáp, rồi thử lại; nếu vẫn lỗi, hãy nhờ quản trị viên chọn lại máy quét.',
  SCANNER_FAILED: 'Máy quét {device} báo lỗi: {detail}. Các trang đã nhận ({pages} trang) vẫn được giữ; hãy thử quét lại, nếu vẫn lỗi hãy báo quản trị viên.',
  SCANNER_SANE_MISSING:
    'Máy tính này chưa cài phần mềm điều khiển máy quét SANE (lệnh {bin}). Hãy nhờ quản trị viên cài gói sane-utils, hoặc dùng máy quét qua mạng hay thư mục quét.',
  SCAN_FILE_EMPTY: 'Tệp "{name}" trống (0 byte), không có trang nào. Hãy quét hoặc chọn lại tệp.',
  SCAN_FILE_TOO_LARGE: 'Tệp "{name}" nặng {size} MB, vượt giới hạn {max} MB. Hãy quét lại với độ phân giải thấp hơn (ví dụ 200 dpi) hoặc chia thành nhiều tệp.',
  SCAN_FILE_UNSUPPORTED: 'Tệp "{name}" không phải ảnh quét hay PDF. Chỉ nhận ảnh JPEG, PNG, TIFF và tệp PDF.',
  SCAN_FILE_TYPE_MISMATCH:
    'Tệp "{name}" có đuôi của {declared} nhưng nội dung lại là {actual}. Tệp có thể đã bị đổi tên sai hoặc bị hỏng; hãy quét hoặc xuất lại tệp.',
  SCAN_FILE_UNREADABLE: 'Tệp "{name}" {reason}.',
  SCAN_IMAGE_TOO_LARGE:
    'Ảnh "{name}" quá lớn ({width}×{height} điểm ảnh, giới hạn {max} triệu điểm ảnh). Hãy quét lại với độ phân giải thấp hơn (ví dụ 200 dpi).',
  SCAN_IMAGE_CORRUPT: 'Ảnh "{name}" bị hỏng hoặc chưa được ghi hết nên không đọc được. Hãy quét hoặc chọn lại tệp.',
  SCAN_PDF_CORRUPT: 'Tệp PDF "{name}" {problem}.',
  SCAN_TOO_MANY_PAGES: 'Tệp "{name}" có {pages} trang, vượt giới hạn {max} trang một tệp. Hãy chia thành nhiều tệp nhỏ hơn.',
  SCAN_FOLDER_UNAVAILABLE:
    'Không mở được thư mục quét {dir}. Hãy kiểm tra thư mục còn tồn tại (hoặc ổ mạng đã kết nối), rồi nhờ quản trị viên chọn lại thư mục quét nếu cần.',
};
