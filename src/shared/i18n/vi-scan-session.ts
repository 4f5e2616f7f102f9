// Vietnamese text of scan sessions in intake: the page workspace's messages and errors.
// Gathered into `vi` by vi.ts (`vi.errors`).

export const scanSessionErrors = {
  SCAN_SESSION_CLOSED: 'Các trang quét của hồ sơ này đã được lưu hoặc đã bỏ. Hãy bắt đầu hồ sơ mới để quét tiếp.',
  SCAN_NOTHING_TO_RESTORE: 'Không hoàn tác được: các trang đó đã được khôi phục vào một hồ sơ, hoặc đã hết thời hạn lưu và bị xóa. Nếu cần, hãy quét lại giấy tờ.',
  SCAN_SESSION_EXISTS: 'Hồ sơ đang nhập đã có trang quét. Hãy lưu hoặc bỏ các trang đó trước khi khôi phục phiên quét cũ.',
  SCAN_SAVE_WHILE_SCANNING:
    'Máy quét đang quét cho hồ sơ này nên chưa lưu (lưu lúc này sẽ thiếu các trang đang quét): hãy chờ quét xong hoặc bấm Dừng quét rồi lưu lại. Hồ sơ chưa được ghi gì.',
  SCAN_PAGES_UNASSIGNED:
    'Còn {count} trang chưa gán vào giấy tờ nào: hãy chọn giấy tờ cho từng trang hoặc để riêng (phím Delete), rồi lưu lại. Hồ sơ chưa được ghi gì.',
  SCAN_PAGE_ARRIVED_AFTER_SAVE:
    'Máy quét gửi thêm trang sau khi hồ sơ đã được lưu nên đã dừng quét; trang đó không được ghép vào hồ sơ. Hãy quét các trang còn lại vào hồ sơ bổ sung.',
  SCAN_SESSION_PAGE_LIMIT:
    'Đã dừng quét: hồ sơ này đã có {max} trang quét, là số trang tối đa cho một hồ sơ. Các trang đã nhận vẫn được giữ; nếu cần quét thêm, hãy bỏ bớt trang thừa hoặc nhờ quản trị viên tăng "Số trang tối đa" (Quản trị › Máy quét).',
  SCAN_PAGE_LIMIT:
    'Đã dừng quét: máy quét {device} gửi quá {max} trang trong một lần quét. Các trang đã nhận vẫn được giữ; hãy kiểm tra khay nạp giấy, hoặc nhờ quản trị viên tăng "Số trang tối đa" (Quản trị › Máy quét).',
  SCAN_ATTACH_FAILED: 'Không ghép được các trang quét thành tệp PDF (có trang không đọc được trên máy này, hoặc ổ đĩa bị lỗi).',
  SCAN_ATTACH_NOTHING_PENDING: 'Hồ sơ này không còn trang quét nào chờ ghép.',
  SCAN_ALREADY_RUNNING: 'Máy quét đang quét cho hồ sơ này. Hãy chờ quét xong hoặc bấm Dừng quét.',
  SCANNER_NOT_CONFIGURED: 'Chưa khai báo máy quét. Hãy nhờ quản trị viên thêm máy quét (Quản trị › Máy quét), hoặc chọn tệp để nhập.',
  ATTACHMENT_NOT_FOUND: 'Không tìm thấy tệp đính kèm "{id}".',
  SCAN_PAGE_NOT_FOUND: 'Không tìm thấy trang quét "{id}". Hãy tải lại danh sách trang.',
};

export const scanSessionText = {
  title: 'Quét thành phần hồ sơ',
  scanInto: 'Quét vào giấy tờ',
  scan: 'Quét',
  cancel: 'Dừng quét',
  importFiles: 'Chọn tệp…',
  unassigned: 'Chưa phân loại',
  aside: 'Trang đã bỏ ra (trang trắng hoặc bị xóa, có thể khôi phục)',
  blank: 'trang trắng',
  remove: 'Bỏ',
  restore: 'Khôi phục',
  pages: (n: number) => `${n} trang`,
  pageNo: (seq: number) => `Trang ${seq}`,
  pageAlt: (seq: number) => `Ảnh thu nhỏ trang ${seq}`,
  pageLabel: (seq: number, blank: boolean) => `Trang ${seq}${blank ? ' (trang trắng)' : ''}. Alt+mũi tên để đổi thứ tự, R để xoay, Delete để bỏ hoặc khôi phục.`,
  moveTo: (seq: number) => `Trang ${seq} thuộc giấy tờ`,
  earlier: (seq: number) => `Đưa trang ${seq} lên trước`,
  later: (seq: number) => `Đưa trang ${seq} ra sau`,
  rotate: (seq: number) => `Xoay trang ${seq}`,
  rescan: (seq: number) => `Quét lại trang ${seq}: trang quét mới thay vào chỗ này, trang cũ được bỏ ra`,
  rescanShort: 'Quét lại',
  progress: (n: number, message: string) => `Đang quét: đã nhận ${n} trang${message ? ` — ${message}` : ''}`,
  summary: (kept: number, aside: number) => `${kept} trang sẽ được lưu${aside ? `, ${aside} trang đã bỏ ra` : ''}.`,
  dropHint: 'Bấm Quét, hoặc kéo thả tệp JPEG, PNG, TIFF, PDF vào đây.',
  unfinished: (n: number, user: string) => `Có ${n} trang quét chưa lưu từ phiên trước (${user}).`,
  unfinishedAtStart: (sessions: number, pages: number) =>
    `Có ${pages} trang quét chưa lưu từ phiên trước (${sessions} lượt quét). Chọn thủ tục của hồ sơ đó: các trang sẽ hiện dưới danh mục giấy tờ để khôi phục vào hồ sơ hoặc bỏ đi.`,
  recover: 'Khôi phục vào hồ sơ này',
  discard: 'Bỏ các trang đó',
  confirmDiscard: (pages: number, days: number) =>
    `Bỏ ${pages} trang quét chưa lưu? Ngay sau khi bỏ vẫn có thể bấm "Hoàn tác"; tệp của các trang này còn nằm trên máy ${days} ngày, sau đó sẽ tự động bị xóa hẳn.`,
  importTooLarge: (mb: number) =>
    `Tệp lớn hơn ${mb} MB nên không nhập được từ cửa sổ này (tệp chưa được đọc). Hãy chép tệp vào thư mục quét của quầy (quản trị viên biết thư mục này), hoặc tách thành các tệp nhỏ hơn.`,
  discarded: (pages: number) => `Đã bỏ ${pages} trang quét chưa lưu. Bấm "Hoàn tác" nếu bỏ nhầm.`,
  undoDiscard: 'Hoàn tác',
  attachments: 'Thành phần hồ sơ đã số hóa',
  noAttachments: 'Hồ sơ chưa có bản số hóa.',
  attachment: (name: string, pages: number) => `${name} — ${pages} trang`,
  view: 'Xem',
  /** The intake banner and the dossier drawer when a saved dossier's pages could not be assembled. */
  attachFailed: (reason: string) =>
    `Chưa ghép được trang quét vào hồ sơ: ${reason} Hồ sơ đã được lưu và các trang vẫn được giữ; bấm Thử lại.`,
  unattached: (pages: number) => `${pages} trang quét chưa ghép vào hồ sơ.`,
  retryAttach: 'Thử lại',
  retried: (attachments: number) => `Đã ghép trang quét thành ${attachments} tệp PDF.`,
  /** The Save button's explanation while the scanner runs. */
  saveWhileScanning: 'Máy quét đang quét… hãy chờ quét xong hoặc bấm Dừng quét rồi lưu.',
};

/** The admin's "Máy quét" panel. */
export const scanAdminText = {
  title: 'Máy quét tài liệu',
  none: 'Chưa có máy quét nào. Thêm máy quét mạng bằng địa chỉ IP, hoặc bấm "Tìm trên mạng".',
  defaultMark: '(mặc định)',
  makeDefault: 'Đặt mặc định',
  remove: 'Xóa',
  confirmRemove: (name: string) => `Xóa máy quét "${name}" khỏi danh sách?`,
  kind: 'Loại',
  kinds: { escl: 'Máy quét mạng (eSCL/AirScan)', sane: 'Máy quét SANE', folder: 'Thư mục nhận bản quét' } as Record<string, string>,
  name: 'Tên gọi',
  where: { escl: 'Địa chỉ IP hoặc URL', sane: 'Thiết bị SANE', folder: 'Thư mục' } as Record<string, string>,
  placeholders: { escl: '192.168.1.20 hoặc http://192.168.1.20:8080/eSCL', sane: 'airscan:e0:… hoặc test:0', folder: 'C:\\Scan\\Quay1' } as Record<string, string>,
  add: 'Thêm máy quét',
  discover: 'Tìm trên mạng',
  noneFound: 'Không tìm thấy máy quét nào trong mạng này. Máy quét ở mạng khác: hãy nhập địa chỉ IP.',
  addFound: (name: string) => `Thêm ${name}`,
  profile: 'Thông số quét mặc định:',
  resolution: 'Độ phân giải (dpi)',
  color: 'Màu',
  colors: { grayscale: 'Thang xám', color: 'Màu', bw: 'Đen trắng' } as Record<string, string>,
  source: 'Nguồn giấy',
  sources: { adf: 'Khay nạp giấy tự động', platen: 'Mặt kính' } as Record<string, string>,
  byDocument: 'Thông số riêng cho từng loại giấy tờ (theo mã giấy tờ trong danh mục):',
  documentCode: 'Mã giấy tờ',
  addProfile: 'Thêm thông số riêng',
  pin: 'Dấu vân tay SHA-256 của chứng chỉ (so với trang cấu hình của máy quét)',
  pinSave: 'Ghim chứng chỉ',
  limits: {
    title: 'Giới hạn và lưu trữ',
    intro: 'Giới hạn cho mỗi trang quét hoặc tệp nhập vào, và số ngày giữ các trang quét trước khi tự động xóa (bản PDF của hồ sơ đã lưu không bao giờ bị xóa). Tệp chọn từ cửa sổ tiếp nhận tối đa 52 MB, dù giới hạn bên dưới đặt cao hơn; tệp lớn hơn hãy chép vào thư mục quét.',
    fields: {
      maxFileMb: 'Dung lượng tối đa một tệp (MB)',
      maxPages: 'Số trang tối đa (một tệp, một lượt quét, một hồ sơ)',
      maxMegapixels: 'Kích thước ảnh tối đa (triệu điểm ảnh)',
      discardedDays: 'Giữ trang đã bỏ (ngày)',
      committedDays: 'Giữ trang đã ghép vào hồ sơ (ngày)',
      openDays: 'Giữ phiên quét bỏ dở (ngày)',
    },
    notNumber: (label: string) => `${label}: hãy nhập một số, ví dụ 50 hoặc 12,5.`,
    notWhole: (label: string) => `${label}: hãy nhập số nguyên, không có phần thập phân.`,
    outOfRange: (label: string, min: string, max: string) => `${label}: hãy nhập số từ ${min} đến ${max}.`,
    save: 'Lưu giới hạn và lưu trữ',
    saved: 'Đã lưu giới hạn và thời hạn lưu trữ.',
    prune: 'Dọn trang quét cũ ngay',
    confirmPrune: (discarded: number, committed: number, open: number) =>
      `Xóa ngay các trang quét đã quá thời hạn lưu: trang đã bỏ quá ${discarded} ngày, trang đã ghép vào hồ sơ quá ${committed} ngày, phiên quét bỏ dở quá ${open} ngày? Bản PDF của hồ sơ đã lưu không bị xóa.`,
    pruned: (sessions: number, pages: number, mb: string) =>
      sessions === 0 ? 'Không có trang quét nào quá thời hạn lưu, chưa cần dọn.' : `Đã xóa ${pages} trang của ${sessions} phiên quét, giải phóng ${mb} MB.`,
  },
};
