// Vietnamese text of the standard forms (Thông tư 03/2025, Phụ lục I): their titles, the words
// the form engine composes from a dossier's data, the printer test page, and the forms' errors.
// The forms' own wording (labels, order, footnotes) is in the templates, resources/forms/NN.json.
// Gathered into `vi` by vi.ts (`vi.forms`, `vi.errors`). No imports here, so any module may use it.

export const formsText = {
  /** Titles as the circular writes them; templates print them with {form.title}. */
  titles: {
    '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    '04': 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    '05': 'Thông báo dừng giải quyết hồ sơ',
    '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    '07': 'Sổ theo dõi hồ sơ',
  } as Record<string, string>,
  /** "Mẫu số 01": the form's number as printed in a corner by some provinces. */
  formNumber: (kind: string) => `Mẫu số ${kind}`,
  /** "09 giờ 30 phút, ngày 23 tháng 11 năm 2026": a moment in the forms' words (day and month as in ND 30). */
  moment: (hh: string, mi: string, day: string, month: string, year: string) =>
    `${hh} giờ ${mi} phút, ngày ${day} tháng ${month} năm ${year}`,
  /** "ngày 23 tháng 11 năm 2026". */
  date: (day: string, month: string, year: string) => `ngày ${day} tháng ${month} năm ${year}`,
  delivery: {
    counter: 'Tại Bộ phận Một cửa',
    counterAt: (address: string) => `Tại Bộ phận Một cửa, ${address}`,
    post: (address: string) => `Qua dịch vụ bưu chính công ích, đến địa chỉ: ${address}`,
  },
  returnMethod: { counter: 'Trực tiếp', post: 'Bưu chính' } as Record<string, string>,
  channel: { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Bưu chính công ích' } as Record<number, string>,
  genders: { male: 'Nam', female: 'Nữ' } as Record<string, string>,
  /** Money as forms write it: "8.000 đồng". */
  money: (amount: string) => `${amount} đồng`,
  noFee: 'Không thu phí, lệ phí',
  feeLine: (name: string, amount: string) => `${name}: ${amount}`,
  /** Form 06: whether a step was done before, on or after the due date. */
  timeliness: { early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn' },
  /** Form 07: the period of the ledger, both days included. */
  ledgerRange: (from: string, to: string) => (from === to ? `Ngày ${from}` : `Từ ngày ${from} đến ngày ${to}`),
  testPage: {
    title: 'TRANG IN THỬ',
    printer: 'Máy in',
    printedAt: 'Thời điểm in',
    letters: 'Chữ tiếng Việt (mọi chữ cái có dấu):',
    ruler: 'Thước đo (mm) — đoạn 100 mm phải dài đúng 10 cm trên giấy:',
    verticalRuler: 'Thước dọc (mm)',
    check: 'Kiểm tra: chữ có dấu rõ ràng, không mất chữ; thước đo đúng kích thước; lề không bị cắt.',
    app: 'Một Cửa Desk',
  },
  /** What form 02, 04 need when the clerk has not given it (goes into FORM_PARAMS_MISSING). */
  need: {
    missing: 'danh sách giấy tờ cần bổ sung (hồ sơ không có giấy tờ nào được đánh dấu là chưa nộp)',
    extensionReason: 'lý do chậm trễ',
    newDueAt: 'ngày hẹn trả kết quả mới',
    newDueAfterDue: 'ngày hẹn trả mới phải sau ngày hẹn trả cũ',
    dossierCode: 'mã hồ sơ (hồ sơ chưa được cấp mã)',
  },
  and: ' và ',
  /** Problems found in a template file (they go into FORM_TEMPLATE_INVALID's {detail}). */
  template: {
    json: (message: string) => `không đọc được JSON (${message})`,
    wrongForm: (found: string, expected: string) => `trường "form" là "${found}", tệp này phải là mẫu ${expected}`,
    unknownPlaceholder: (where: string, name: string) => `${where}: không có ô dữ liệu {${name}}`,
    unknownList: (where: string, name: string, known: string) => `${where}: không có danh sách "${name}" (có: ${known})`,
    onePaper: 'cần bố cục cho ít nhất một khổ giấy (A4 hoặc A5)',
    minCodeWidth: 'mã vạch phải rộng ít nhất 5 mm',
    pageNumbersText: 'phải có {page}',
    at: (path: string) => `tại ${path}`,
    blockTypes: (list: string) => `các loại khối: ${list}`,
  },
} as const;

export const formsErrors = {
  FORM_TEMPLATE_MISSING:
    'Không tìm thấy tệp mẫu biểu {file}. Hãy cài lại ứng dụng, hoặc chép lại tệp mẫu vào thư mục resources/forms.',
  FORM_TEMPLATE_INVALID:
    'Tệp mẫu biểu {file} không hợp lệ: {detail}. Hãy sửa tệp mẫu theo hướng dẫn trong resources/forms/README.md, hoặc chép lại bản gốc.',
  FORM_FONT_MISSING: 'Không tìm thấy phông chữ {file} để in mẫu biểu. Hãy cài lại ứng dụng.',
  FORM_PAPER_UNSUPPORTED: 'Mẫu biểu {form} chưa có bố cục cho khổ giấy {paper}. Hãy chọn khổ giấy khác.',
  FORM_PARAMS_MISSING: 'Chưa in được {form}: hãy nhập {detail}.',
  FORM_PARAMS_INVALID: 'Thông tin để in {form} không hợp lệ: {detail}.',
} as const;
