// Vietnamese text of the dossier and demo commands of the admin's CLI (`motcua dossier …`,
// `motcua demo seed`). Imports nothing, so any module may use it without a cycle.

export const dossierCliText = {
  dossierDescription: 'Hồ sơ: liệt kê, xem (để tra cứu và viết kịch bản)',
  listDescription:
    'Liệt kê hồ sơ của đơn vị, mới nhất trước (theo mã hồ sơ). --today: hồ sơ tiếp nhận hôm nay. ' +
    '--status: chỉ những hồ sơ có mã trạng thái đó (1–10).',
  statusOption: 'mã trạng thái hồ sơ (2 đã tiếp nhận, 3 không tiếp nhận, 5 chờ bổ sung, 7 đã rút, 9 có kết quả, 10 đã trả…)',
  todayOption: 'chỉ hồ sơ tiếp nhận hôm nay',
  limitOption: (max: number) => `số hồ sơ tối đa (1–${max})`,
  showDescription: 'Xem đầy đủ một hồ sơ theo mã hồ sơ (hoặc mã nội bộ): người nộp, thủ tục, giấy tờ, phí, quá trình xử lý',
  codeArgument: 'mã hồ sơ, ví dụ 000.00.06.H56-261123-0001',
  badStatus: (s: string) => `Mã trạng thái "${s}" không hợp lệ: phải là số từ 1 đến 10.`,
  badLimit: (s: string, max: number) => `Số lượng "${s}" không hợp lệ: phải là số nguyên từ 1 đến ${max}.`,
  notSetUp: 'Thư mục dữ liệu chưa được thiết lập (chưa có thông tin đơn vị). Hãy chạy ứng dụng để thiết lập, hoặc "motcua demo seed".',
  empty: 'Không có hồ sơ nào phù hợp.',
  filteredAmong: (n: number) => `(lọc trong ${n} hồ sơ mới nhất; hồ sơ cũ hơn không được xét)`,
  count: (n: number) => `${n} hồ sơ`,
  fields: {
    code: 'Mã hồ sơ',
    status: 'Trạng thái',
    procedure: 'Thủ tục',
    applicant: 'Người nộp',
    owner: 'Chủ hồ sơ',
    idNumber: 'Số định danh',
    phone: 'Điện thoại',
    address: 'Địa chỉ',
    receivedAt: 'Tiếp nhận',
    receivedBy: 'Người tiếp nhận',
    dueAt: 'Hẹn trả',
    pausedAt: 'Tạm dừng từ',
    fees: 'Phí, lệ phí',
    delivery: 'Trả kết quả',
    checklist: 'Giấy tờ',
    history: 'Quá trình',
  },
  handedOver: 'đã nộp',
  notHandedOver: 'chưa nộp',
  money: (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`,
  delivery: { counter: 'tại bộ phận một cửa', post: 'qua bưu chính' } as Record<string, string>,
};

export const demoText = {
  demoDescription: 'Dữ liệu mẫu để tập huấn cán bộ mới và trình diễn',
  seedDescription:
    'Điền vào thư mục dữ liệu các hồ sơ mẫu như thật, tiếp nhận qua chính ứng dụng trong vài ngày làm việc gần đây, ' +
    'một số đã qua các bước xử lý (bổ sung, có kết quả, đã trả, rút, từ chối). Thư mục chưa thiết lập thì thiết lập đơn vị mẫu, ' +
    'tài khoản quản trị "quantri" và hai cán bộ tiếp nhận (mật khẩu tạm in ra màn hình). Không chạy trên thư mục đã có hồ sơ, trừ khi có --force.',
  dossiersOption: 'số hồ sơ mẫu (1–2000)',
  daysOption: 'rải hồ sơ trên bấy nhiêu ngày làm việc gần nhất (1–30)',
  seedOption: 'hạt giống ngẫu nhiên: cùng số cho cùng người nộp và thủ tục',
  forceOption: 'vẫn thêm hồ sơ mẫu khi thư mục đã có hồ sơ (chỉ dùng cho thư mục tập huấn)',
  badNumber: (name: string, s: string, min: number, max: number) => `--${name} "${s}" không hợp lệ: phải là số nguyên từ ${min} đến ${max}.`,
  hasDossiers:
    'Thư mục dữ liệu này đã có hồ sơ. Dữ liệu mẫu sẽ trộn lẫn với hồ sơ thật, nên không thêm. ' +
    'Hãy dùng một thư mục dữ liệu riêng cho tập huấn (--data-dir), hoặc thêm --force nếu đây đúng là thư mục tập huấn.',
  noWorkingDays: 'Không tìm được ngày làm việc nào trong khoảng đã chọn để tiếp nhận hồ sơ mẫu.',
  failed: (what: string, message: string) => `Không tạo được dữ liệu mẫu (${what}): ${message}`,
  summary: {
    title: 'Đã tạo dữ liệu mẫu',
    dataDir: 'Thư mục dữ liệu',
    office: 'Đơn vị',
    setUp: 'Đã thiết lập đơn vị mẫu và các tài khoản sau (mật khẩu tạm, phải đổi khi đăng nhập lần đầu):',
    account: (username: string, fullName: string, role: string, password: string) => `  ${username.padEnd(10)} ${fullName} (${role}): ${password}`,
    dossiers: (n: number, first: string, last: string) => `Hồ sơ: ${n} (từ ${first} đến ${last})`,
    days: (days: string[]) => `Ngày tiếp nhận: ${days.join(', ')}`,
    transitions: (n: number) => `Bước xử lý đã ghi: ${n}`,
    byStatus: 'Theo trạng thái:',
    status: (label: string, n: number) => `  ${label}: ${n}`,
  },
  roles: { admin: 'quản trị', clerk: 'tiếp nhận', supervisor: 'lãnh đạo' } as Record<string, string>,
};
