// Vietnamese text of the scanning sources on this machine (SANE's scanimage, a watched
// scan-to-folder directory, files the clerk imports) and of the checks every page file passes.
// Their error messages live with the eSCL ones in vi-scanning.ts (`vi.errors`); this text fills
// those messages' placeholders and the progress line. No imports here, so any scanning module
// may use it without a cycle.

export const scanSourcesText = {
  /** ScannedPage.origin, written as vi-scanning's: the UI writes "Trang 3 từ {origin}". */
  origin: {
    sane: (device: string) => `máy quét ${device}`,
    folder: (name: string) => `thư mục quét (tệp "${name}")`,
    file: (name: string) => `tệp "${name}"`,
    /** A multi-page TIFF is split into pages. */
    pageOf: (origin: string, n: number, total: number) => `${origin}, trang ${n}/${total}`,
  },
  progress: {
    saneStarting: 'Đang khởi động máy quét…',
    sanePage: (n: number) => `Đã nhận ${n} trang, đang quét tiếp…`,
    folderWaiting: 'Đang chờ tệp trong thư mục quét…',
    folderPage: (n: number) => `Đã nhận ${n} trang từ thư mục quét, đang chờ thêm…`,
  },
  mediaTypes: {
    'image/jpeg': 'ảnh JPEG',
    'image/png': 'ảnh PNG',
    'image/tiff': 'ảnh TIFF',
    'application/pdf': 'tệp PDF',
  } as Record<string, string>,
  pdfProblems: {
    encrypted: 'được đặt mật khẩu hoặc bị khóa nên không ghép vào hồ sơ được. Hãy xin bản không khóa, hoặc in ra giấy rồi quét',
    corrupt: 'bị hỏng hoặc không phải PDF hợp lệ nên không đọc được. Hãy xuất hoặc quét lại tệp này',
    noPages: 'không có trang nào. Hãy xuất hoặc quét lại tệp này',
  },
  unreadable: {
    notAFile: 'không phải tệp thông thường (lối tắt, thư mục hoặc thiết bị) nên đã được để riêng ra',
    cannotOpen: 'không mở được (có thể do không có quyền đọc)',
  },
  /** The {detail} of SCANNER_FAILED when a platen scan ended without error and without a page. */
  noPagesFromScanner: 'máy quét kết thúc mà không gửi trang nào',
  /** The {detail} of SCANNER_FAILED when scanimage stayed silent too long. */
  scannerSilent: 'máy quét không phản hồi nên đã thôi chờ',
  /** Stands in for a missing or unprintable file name in messages. */
  unnamedFile: 'tệp không tên',
} as const;
