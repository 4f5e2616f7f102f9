import { identityErrors, identityText } from './vi-identity';
import { accountErrors, accountText } from './vi-accounts';
import { dossierErrors, dossierListText, dossierText, intakeText } from './vi-dossier';
import { catalogErrors, catalogText } from './vi-catalog';
import { calendarErrors, calendarText } from './vi-calendar';
import { documentsErrors, documentsText } from './vi-documents';
import { scanAdminText, scanSessionErrors, scanSessionText } from './vi-scan-session';
import { auditErrors, auditText } from './vi-audit';
import { codeErrors } from './vi-codes';
import { formsErrors, formsText } from './vi-forms';
import { slipErrors, slipText } from './vi-slip';
import { printingErrors, printingText } from './vi-printing';
import { scanAssemblyErrors } from './vi-scan-assembly';
import { scanningErrors, scanningText } from './vi-scanning';
import { syncText } from './vi-sync';
import { syncEngineErrors, syncEngineText } from './vi-sync-engine';
import { syncTransportText } from './vi-sync-transport';
// The one catalogue of Vietnamese text shown to people: UI labels and the messages that errors
// carry across the API boundary. Identifiers stay English; everything a clerk reads lives here.
export const vi = {
  app: {
    name: 'Một Cửa Desk',
    tagline: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa',
  },
  today: {
    title: 'Hồ sơ tiếp nhận hôm nay',
  },
  intake: {
    keyboardHint: 'Tab để chuyển ô, Enter để lưu, Esc hai lần để xóa.',
  },
  status: {
    database: 'Cơ sở dữ liệu',
    schema: (v: number) => `phiên bản CSDL ${v}`,
    mode: { electron: 'Ứng dụng máy tính', web: 'Chế độ trình duyệt', cli: 'Dòng lệnh' } as Record<string, string>,
    sync: {
      notConfigured: 'Đồng bộ: chưa cấu hình',
      synced: 'Đã đồng bộ',
      sending: (n: number) => `Đang gửi ${n}`,
      offlineSince: (hhmm: string) => `Mất kết nối từ ${hhmm}`,
      error: 'Lỗi đồng bộ',
    },
    connection: {
      lost: 'Mất kết nối với máy chủ ứng dụng. Đang thử kết nối lại…',
    },
  },
  fields: {
    query: 'Nội dung tìm kiếm',
    fullName: 'Họ và tên',
    address: 'Địa chỉ',
    applicant: 'Người nộp hồ sơ',
    owner: 'Chủ hồ sơ',
    checklist: 'Thành phần hồ sơ',
    summary: 'Trích yếu',
  } as Record<string, string>,
  validation: {
    required: 'bắt buộc nhập',
    tooLong: (max: number) => `dài quá ${max} ký tự`,
    invalid: 'không hợp lệ',
    controlChars: 'chứa ký tự điều khiển không được phép',
  },
  confirmDialog: { title: 'Xác nhận', confirm: 'Đồng ý', cancel: 'Quay lại', close: 'Đóng' },
  roles: { clerk: 'cán bộ tiếp nhận', supervisor: 'lãnh đạo', admin: 'quản trị viên', user: 'người dùng', public: 'mọi người' } as Record<string, string>,
  accounts: accountText,
  dossier: dossierText,
  intakeForm: intakeText,
  dossierList: dossierListText,
  catalog: catalogText,
  identity: identityText,
  calendar: calendarText,
  documents: documentsText,
  scanWorkspace: scanSessionText,
  scanAdmin: scanAdminText,
  audit: auditText,
  forms: formsText,
  slip: slipText,
  printing: printingText,
  scanning: scanningText,
  sync: syncText,
  syncEngine: syncEngineText,
  syncTransport: syncTransportText,
  errors: {
    ...identityErrors,
    ...accountErrors,
    ...dossierErrors,
    ...catalogErrors,
    ...calendarErrors,
    ...documentsErrors,
    ...scanSessionErrors,
    ...auditErrors,
    ...codeErrors,
    ...formsErrors,
    ...slipErrors,
    ...printingErrors,
    ...scanAssemblyErrors,
    ...scanningErrors,
    ...syncEngineErrors,
    NOT_LOGGED_IN: 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết. Hãy đăng nhập lại.',
    SESSION_LOCKED: 'Màn hình đang khóa. Nhập mật khẩu để tiếp tục.',
    FORBIDDEN: 'Thao tác này chỉ dành cho {role}. Hãy nhờ người có quyền thực hiện.',
    VALIDATION: 'Thông tin chưa hợp lệ: {detail}. Hãy sửa rồi lưu lại.',
    UNKNOWN_METHOD: 'Ứng dụng không hỗ trợ thao tác "{method}". Hãy cập nhật ứng dụng.',
    UNAUTHORIZED: 'Phiên làm việc không hợp lệ. Hãy mở lại ứng dụng.',
    DATA_DIR_LOCKED:
      'Thư mục dữ liệu {dataDir} đang được một phiên khác của ứng dụng sử dụng (tiến trình {pid}). Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại.',
    DB_NEWER_THAN_APP:
      'Cơ sở dữ liệu được tạo bởi phiên bản ứng dụng mới hơn (phiên bản CSDL {dbVersion}, ứng dụng này chỉ hiểu đến {appVersion}). Hãy cài phiên bản ứng dụng mới nhất; dữ liệu không bị thay đổi.',
    DB_MIGRATION_FAILED:
      'Không nâng cấp được cơ sở dữ liệu: {detail}. Dữ liệu cũ vẫn nguyên vẹn; bản sao lưu nằm ở {backup}. Hãy báo quản trị viên.',
    DB_MIGRATION_MODIFIED:
      'Bản nâng cấp CSDL số {idx} đã bị thay đổi sau khi áp dụng. Hãy cài lại ứng dụng từ bản phát hành chính thức.',
    DISK_FULL: 'Ổ đĩa đã đầy nên chưa lưu được. Dữ liệu đang nhập vẫn còn trên màn hình; hãy giải phóng dung lượng rồi lưu lại.',
    CORE_UNAVAILABLE: 'Bộ xử lý của ứng dụng chưa sẵn sàng. Hãy đợi vài giây rồi thử lại.',
    REQUEST_TOO_LARGE:
      'Dữ liệu gửi đi quá lớn cho chế độ trình duyệt (tối đa {maxMb} MB mỗi lần). Hãy chọn tệp nhỏ hơn hoặc quét lại với độ phân giải thấp hơn; không có gì bị thay đổi.',
    INTERNAL:
      'Đã có lỗi ngoài dự kiến. Dữ liệu đã lưu không bị ảnh hưởng; hãy thử lại, nếu vẫn lỗi hãy báo quản trị viên (mã tham chiếu {ref}).',
  },
  menu: {
    file: 'Tệp',
    newDossier: 'Hồ sơ mới',
    quit: 'Thoát',
    edit: 'Chỉnh sửa',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    cut: 'Cắt',
    copy: 'Sao chép',
    paste: 'Dán',
    selectAll: 'Chọn tất cả',
    view: 'Xem',
    reload: 'Tải lại',
    zoomIn: 'Phóng to',
    zoomOut: 'Thu nhỏ',
    resetZoom: 'Cỡ chữ mặc định',
    fullscreen: 'Toàn màn hình',
    help: 'Trợ giúp',
    about: 'Giới thiệu Một Cửa Desk',
    openLogs: 'Mở thư mục nhật ký',
    devTools: 'Công cụ cho nhà phát triển',
  },
  desktop: {
    fatalTitle: 'Không mở được Một Cửa Desk',
    coreStopped:
      'Bộ xử lý của ứng dụng đã dừng đột ngột hai lần. Dữ liệu đã lưu không bị ảnh hưởng; hãy mở lại ứng dụng. Nếu vẫn lỗi, hãy báo quản trị viên và gửi kèm thư mục nhật ký.',
    aboutDetail: (version: string, dataDir: string) => `Phiên bản ${version}\nThư mục dữ liệu: ${dataDir}`,
    ok: 'Đóng',
  },
  update: {
    readyTitle: 'Đã có bản cập nhật',
    ready: (version: string) => `Phiên bản ${version} đã tải về, sẵn sàng cài đặt.`,
    readyDetail:
      'Ứng dụng sẽ đóng lại để cài đặt rồi tự mở lại. Hãy lưu hồ sơ đang nhập trước khi cài. Nếu chọn "Để sau", bản cập nhật sẽ được hỏi lại ở lần mở ứng dụng tới.',
    installNow: 'Cài đặt và khởi động lại',
    later: 'Để sau',
  },
  host: {
    noElectron:
      'Không tìm thấy Electron trên máy này; chạy ở chế độ trình duyệt.',
    listening: (url: string) => `Một Cửa Desk đang chạy ở chế độ trình duyệt: ${url}`,
    openManually: 'Mở địa chỉ trên bằng Chrome, Edge hoặc Chromium trên chính máy này.',
    alreadyRunning: (url: string) => `Ứng dụng đã đang chạy với thư mục dữ liệu này: ${url}`,
  },
} as const;

export type ErrorCode = keyof typeof vi.errors;

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
