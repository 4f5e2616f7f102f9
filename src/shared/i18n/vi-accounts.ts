// Accounts, login, lock screen and the office profile.
export const accountText = {
  setup: {
    title: 'Thiết lập lần đầu',
    intro: 'Tạo tài khoản quản trị và khai báo đơn vị trước khi bắt đầu tiếp nhận hồ sơ.',
    adminSection: 'Tài khoản quản trị',
    officeSection: 'Thông tin đơn vị',
    submit: 'Hoàn tất thiết lập',
  },
  login: {
    title: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập (Enter)',
  },
  lock: {
    title: 'Màn hình đang khóa',
    intro: (name: string) => `Phiên làm việc của ${name} đã tạm khóa do không thao tác. Nhập mật khẩu để tiếp tục.`,
    submit: 'Mở khóa',
    switchUser: 'Đăng nhập tài khoản khác',
  },
  changePassword: {
    title: 'Đổi mật khẩu',
    mustChange: 'Bạn cần đổi mật khẩu tạm trước khi làm việc.',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới',
    confirm: 'Nhập lại mật khẩu mới',
    mismatch: 'Hai lần nhập mật khẩu mới không khớp.',
    submit: 'Đổi mật khẩu',
    done: 'Đã đổi mật khẩu.',
  },
  user: {
    fullName: 'Họ và tên',
    role: 'Vai trò',
    logout: 'Đăng xuất',
    lockNow: 'Khóa màn hình',
  },
  office: {
    agencyName: 'Tên cơ quan (dòng trên tiêu đề)',
    unitName: 'Tên bộ phận tiếp nhận',
    unitCode: 'Mã định danh đơn vị',
    address: 'Địa chỉ',
    place: 'Địa danh ghi trên giấy tờ',
    lookupUrlPattern: 'Địa chỉ tra cứu hồ sơ (có {code})',
    counterNumber: 'Số quầy của máy này',
    countersInUnit: 'Số quầy của đơn vị',
    workingHours: 'Giờ làm việc',
    idleLockMinutes: 'Tự khóa sau (phút không thao tác)',
  },
};

export const accountErrors = {
  ALREADY_SET_UP: 'Ứng dụng đã được thiết lập. Hãy đăng nhập.',
  LOGIN_FAILED: 'Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại.',
  ACCOUNT_DISABLED: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.',
  ACCOUNT_LOCKED_OUT: 'Đã nhập sai mật khẩu quá nhiều lần nên tài khoản tạm khóa. Hãy nhờ quản trị viên đặt lại mật khẩu.',
  WRONG_CURRENT_PASSWORD: 'Mật khẩu hiện tại không đúng.',
  PASSWORD_UNCHANGED: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  USERNAME_TAKEN: 'Tên đăng nhập "{username}" đã có người dùng. Hãy chọn tên khác.',
  USER_NOT_FOUND: 'Không tìm thấy tài khoản.',
  LAST_ADMIN: 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.',
};
