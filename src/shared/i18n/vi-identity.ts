// Vietnamese text of the applicant's identity: personal ID numbers, phones, e-mail, the ID card's
// QR code and the scanners that deliver it. Gathered into the catalogue by vi.ts
// (`identity: identityText`, and `identityErrors` inside `errors`).
//
// Messages never repeat what was scanned or typed (it may be junk or an attack): they say which
// part is wrong, why, and what the clerk should do.

const QR_PARTS = 'số thẻ | số CMND cũ | họ tên | ngày sinh | giới tính | nơi thường trú | ngày cấp';
const SCAN_AGAIN = 'Hãy quét lại mã QR trên thẻ; nếu vẫn lỗi, hãy nhập tay từ thẻ.';

export const identityText = {
  fields: {
    text: 'Dữ liệu quét',
    idNumber: 'Số định danh cá nhân',
    oldIdNumber: 'Số CMND cũ',
    fullName: 'Họ và tên',
    birthDate: 'Ngày sinh',
    gender: 'Giới tính',
    address: 'Nơi thường trú',
    issueDate: 'Ngày cấp',
    province: 'Nơi đăng ký khai sinh',
    phone: 'Số điện thoại',
    email: 'Thư điện tử',
  } as Record<string, string>,

  id: {
    empty: 'Chưa nhập số định danh cá nhân. Hãy nhập 12 chữ số in trên thẻ căn cước (CCCD).',
    notDigits:
      'Số định danh chỉ gồm chữ số, không có chữ cái hay ký hiệu. Hãy nhập lại đúng các chữ số in trên thẻ.',
    length: (n: number) =>
      `Số định danh phải có 12 chữ số (thẻ CCCD, thẻ căn cước) hoặc 9 chữ số (CMND cũ); số vừa nhập có ${n} chữ số. Hãy đối chiếu lại với thẻ.`,
    length12: (n: number) =>
      `Số định danh trên thẻ CCCD/căn cước có 12 chữ số; số này có ${n} chữ số. Hãy đối chiếu lại với thẻ.`,
    cmndNotAllowed:
      'Đây là số CMND cũ 9 chữ số; ở đây cần số định danh 12 chữ số in trên thẻ CCCD/căn cước. Hãy đối chiếu lại với thẻ.',
    province: (code: string) =>
      `Ba chữ số đầu (${code}) không phải mã tỉnh nơi đăng ký khai sinh (từ 001 Hà Nội đến 096 Cà Mau). Hãy kiểm tra lại ba chữ số đầu.`,
    futureYear: (year: number) =>
      `Chữ số thứ 4 đến thứ 6 của số định danh cho năm sinh ${year}, là năm chưa tới. Hãy kiểm tra lại chữ số thứ 4 (giới tính và thế kỷ sinh).`,
    yearMismatch: (idYear: number, year: number) =>
      `Số định danh cho biết năm sinh ${idYear} (chữ số thứ 4 đến thứ 6), nhưng ngày sinh thuộc năm ${year}. Hãy đối chiếu lại số định danh và ngày sinh trên thẻ.`,
    genderMismatch: (idGender: string, gender: string) =>
      `Số định danh cho biết giới tính ${idGender} (chữ số thứ 4), nhưng giới tính ghi là ${gender}. Hãy đối chiếu lại với thẻ.`,
    kind: { cccd: 'Số định danh cá nhân (CCCD/căn cước)', cmnd: 'Chứng minh nhân dân cũ (9 chữ số)' },
  },

  phone: {
    empty: 'Chưa nhập số điện thoại.',
    chars: 'Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang, ngoặc và +84 ở đầu). Hãy nhập lại.',
    several: 'Chỉ nhập một số điện thoại. Số thứ hai (nếu cần) ghi vào phần ghi chú.',
    foreign:
      'Chỉ nhận số điện thoại Việt Nam (+84). Với số nước ngoài, hãy ghi vào phần ghi chú.',
    length: (n: number) =>
      `Số di động Việt Nam có 10 chữ số, số cố định có 11 chữ số (bắt đầu bằng 02); số vừa nhập có ${n} chữ số. Hãy kiểm tra lại.`,
    prefix: (prefix: string) =>
      `Đầu số ${prefix} không phải đầu số di động (03, 05, 07, 08, 09) hay cố định (02) hiện hành. Hãy kiểm tra lại số.`,
    oldMobile: (suggestion: string) =>
      `Đây là số di động 11 chữ số cũ, đã được chuyển sang 10 chữ số từ năm 2018 (số mới có thể là ${suggestion}). Hãy hỏi lại người nộp số đang dùng.`,
    oldMobileUnknown:
      'Đây là số di động 11 chữ số cũ (đầu 01), đã được chuyển sang 10 chữ số từ năm 2018. Hãy hỏi lại người nộp số đang dùng.',
    kind: { mobile: 'di động', landline: 'cố định' },
  },

  email: {
    empty: 'Chưa nhập địa chỉ thư điện tử.',
    tooLong: 'Địa chỉ thư điện tử dài quá 254 ký tự. Hãy kiểm tra lại.',
    format:
      'Địa chỉ thư điện tử chưa đúng dạng tên@miền (ví dụ nguyenvana@gmail.com). Hãy kiểm tra dấu @, dấu chấm và không gõ dấu tiếng Việt.',
    local: 'Phần trước dấu @ có ký tự không dùng được trong địa chỉ thư (dấu tiếng Việt, dấu cách, hai dấu chấm liền nhau…). Hãy kiểm tra lại.',
    domain: 'Phần sau dấu @ không phải tên miền hợp lệ (ví dụ gmail.com, hanoi.gov.vn). Hãy kiểm tra lại.',
  },

  qr: {
    notText: 'Dữ liệu quét không phải là văn bản. ' + SCAN_AGAIN,
    empty: 'Không có dữ liệu quét. Hãy đưa mã QR trên thẻ căn cước vào máy quét rồi quét lại.',
    tooLong: (n: number, max: number) =>
      `Dữ liệu quét dài ${n} ký tự, dài hơn nhiều so với mã QR trên thẻ căn cước (tối đa ${max}). Có thể đã quét nhầm mã khác hoặc quét nhiều lần liền nhau; hãy xóa ô nhập rồi quét lại một lần.`,
    controlChars: 'Dữ liệu quét có ký tự điều khiển lạ (không phải chữ, số hay dấu câu), không dùng được. ' + SCAN_AGAIN,
    bidiChars:
      'Dữ liệu quét có ký tự đảo chiều văn bản, thường dùng để giả mạo nội dung hiển thị; dữ liệu này không được dùng. Hãy quét lại từ thẻ gốc hoặc nhập tay.',
    encoding:
      'Dữ liệu quét bị lỗi mã hóa ký tự (máy quét không gửi theo chuẩn UTF-8). Hãy cài đặt máy quét gửi dữ liệu dạng UTF-8 rồi quét lại; trong lúc chờ, hãy nhập tay từ thẻ.',
    multipleLines:
      'Dữ liệu quét có nhiều dòng, có thể đã quét hai lần liền nhau. Hãy xóa ô nhập rồi quét lại một lần.',
    noSeparator:
      'Đây không phải mã QR của thẻ căn cước (không có dấu | ngăn cách các phần). Hãy quét đúng mã QR in trên thẻ căn cước.',
    onlySeparators: 'Mã QR không có nội dung (chỉ có các dấu ngăn cách |). ' + SCAN_AGAIN,
    fieldCount: (n: number) =>
      `Mã QR chỉ có ${n} phần, trong khi mã QR trên thẻ căn cước có 7 phần (${QR_PARTS}). Có thể dữ liệu bị cắt ngắn hoặc không phải mã trên thẻ. ${SCAN_AGAIN}`,
    required: (field: string) => `${field}: trống trong mã QR. ${SCAN_AGAIN}`,
    tooLongField: (field: string, max: number) =>
      `${field}: dài quá ${max} ký tự, không giống dữ liệu trên thẻ. ${SCAN_AGAIN}`,
    oldIdNumber: 'Số CMND cũ trong mã QR phải có 9 chữ số (hoặc 12 chữ số) hoặc để trống. ' + SCAN_AGAIN,
    nameChars:
      'Họ và tên chỉ được có chữ cái tiếng Việt, dấu cách, dấu nháy đơn và gạch nối; dữ liệu quét có chữ số hoặc ký hiệu lạ. ' + SCAN_AGAIN,
    addressChars:
      'Nơi thường trú có ký hiệu không dùng trong địa chỉ (chỉ nhận chữ, số, dấu cách và , . / - ( )). ' + SCAN_AGAIN,
    dateFormat: (field: string) =>
      `${field}: phải gồm 8 chữ số theo dạng ngày tháng năm (ddMMyyyy, ví dụ 05091990). ${SCAN_AGAIN}`,
    dateInvalid: (field: string) => `${field}: không phải ngày có thật trên lịch. ${SCAN_AGAIN}`,
    dateFuture: (field: string) => `${field}: là ngày trong tương lai. Hãy kiểm tra đồng hồ của máy tính, rồi quét lại.`,
    dateTooOld: (field: string) => `${field}: cách đây hơn 130 năm, không thể đúng. ${SCAN_AGAIN}`,
    issueBeforeBirth: 'Ngày cấp thẻ trước ngày sinh, không thể đúng. ' + SCAN_AGAIN,
    gender: 'Giới tính trong mã QR phải là "Nam" hoặc "Nữ". ' + SCAN_AGAIN,
    warnExtraFields: (n: number) => `Mã QR có thêm ${n} phần không dùng đến; đã bỏ qua.`,
    warnNoIssueDate: 'Mã QR không có ngày cấp; hãy nhập ngày cấp từ thẻ nếu thủ tục cần.',
    unusable: 'Dữ liệu quét không dùng được. ' + SCAN_AGAIN,
  },

  ime: {
    garbled:
      'Dữ liệu quét đã bị bộ gõ tiếng Việt (Unikey, EVKey…) biến đổi: chữ số trong ngày tháng hoặc số thẻ bị mất và chữ cái bị thêm dấu. Hãy tắt bộ gõ tiếng Việt (bấm Ctrl+Shift hoặc biểu tượng "V" ở khay hệ thống để chuyển sang "E" / English), rồi quét lại thẻ. Không dùng dữ liệu vừa quét.',
    modes: { vni: 'kiểu gõ VNI', telex: 'kiểu gõ Telex', unknown: 'bộ gõ' } as Record<string, string>,
  },

  scanner: {
    listening: (path: string) => `Đang nhận dữ liệu từ máy quét ở cổng ${path}.`,
    stopped: 'Đã dừng nhận dữ liệu từ máy quét qua cổng COM.',
    disconnected: (path: string) =>
      `Mất kết nối với máy quét ở cổng ${path} (có thể dây đã bị rút). Hãy cắm lại máy quét; ứng dụng sẽ tự kết nối lại.`,
    error: (path: string, detail: string) =>
      `Lỗi khi đọc dữ liệu từ máy quét ở cổng ${path}: ${detail}. Hãy rút máy quét ra, cắm lại rồi thử lại.`,
    lineTooLong: (max: number) =>
      `Máy quét gửi một dòng dài hơn ${max} byte mà không có ký tự xuống dòng. Hãy kiểm tra cài đặt máy quét (cần gửi kèm Enter/CR sau mỗi lần quét).`,
  },

  cli: {
    parseDescription: 'Đọc thử nội dung mã QR của thẻ căn cước (để kiểm tra máy quét); "-" để đọc từ đầu vào chuẩn',
    portsDescription: 'Liệt kê các cổng COM (máy quét nối qua USB dạng cổng COM ảo)',
    listenDescription: 'Nghe máy quét trên một cổng COM và in từng lần quét (Ctrl+C để dừng)',
    noPorts: 'Không tìm thấy cổng COM nào.',
    idCommand: 'Thẻ căn cước: đọc thử mã QR, cổng COM của máy quét',
  },
} as const;

/** Errors raised as AppError by the identity calls; spread into vi.errors. */
export const identityErrors = {
  SERIAL_UNAVAILABLE:
    'Không dùng được cổng COM trên máy này ({detail}). Máy quét dạng bàn phím và dán văn bản vẫn dùng được; hãy báo quản trị viên.',
  SERIAL_NOT_FOUND:
    'Không tìm thấy cổng {path}. Hãy kiểm tra máy quét đã được cắm chắc, rồi chọn lại cổng trong danh sách.',
  SERIAL_ACCESS_DENIED:
    'Không có quyền mở cổng {path}. Trên Linux hãy thêm tài khoản vào nhóm "dialout" rồi đăng nhập lại; trên Windows hãy đóng phần mềm khác đang dùng cổng này.',
  SERIAL_BUSY: 'Cổng {path} đang được một chương trình khác sử dụng. Hãy đóng chương trình đó rồi thử lại.',
  SERIAL_OPEN_FAILED: 'Không mở được cổng {path} ({detail}). Hãy rút máy quét ra, cắm lại rồi thử lại.',
} as const;
