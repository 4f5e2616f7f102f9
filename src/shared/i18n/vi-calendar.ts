// Vietnamese text of the working-day calendar: holiday names, rule descriptions, CLI output,
// and the messages of the calendar's errors. Gathered into `vi` by vi.ts (`vi.calendar`,
// `vi.errors`). No imports here, so any calendar module may use it without a cycle.

const two = (n: number) => String(n).padStart(2, '0');

export const calendarText = {
  /** Indexed by JavaScript's getUTCDay(): 0 = Sunday. */
  weekdays: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  kinds: { off: 'nghỉ', work: 'làm việc' } as Record<string, string>,
  sources: { rule: 'theo luật', table: 'bảng chính thức', 'nghi-bu': 'nghỉ bù' } as Record<string, string>,
  origins: { seed: 'có sẵn', admin: 'quản trị viên sửa', sync: 'đồng bộ' } as Record<string, string>,
  holidays: {
    newYear: 'Tết Dương lịch',
    tetEve: 'Tết Nguyên đán (ngày cuối năm Âm lịch)',
    tet: (n: number) => `Tết Nguyên đán (mùng ${n} tháng Giêng)`,
    tetBreak: 'Nghỉ Tết Nguyên đán',
    hungKings: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)',
    reunification: 'Ngày Chiến thắng (30/4)',
    labour: 'Ngày Quốc tế Lao động (1/5)',
    nationalDay: 'Quốc khánh (2/9)',
    nationalDaySecond: 'Quốc khánh (ngày liền kề)',
    nationalDayBreak: 'Nghỉ lễ Quốc khánh',
    culture: 'Ngày Văn hóa Việt Nam (24/11)',
    reunificationBreak: 'Nghỉ lễ 30/4 và 1/5',
    nghiBu: (name: string) => `Nghỉ bù ${name}`,
    swappedOff: (workDay: string) => `Nghỉ hoán đổi (làm bù ${workDay})`,
    swappedWork: (offDay: string) => `Làm bù cho ngày ${offDay}`,
  },
  rules: {
    'working-days': (n: number) => `${n} ngày làm việc`,
    days: (n: number) => `${n} ngày`,
    'working-hours': (n: number) => `${n} giờ làm việc`,
    'same-day': 'Trong ngày',
    cutoff: (hhmm: string) => `nhận sau ${hhmm} thì tính từ ngày làm việc tiếp theo`,
  } as const,
  /** "17 giờ 00 phút, Thứ Tư ngày 25/02/2026": how form 01 writes a moment. */
  moment: (hour: number, minute: number, weekday: string, day: number, month: number, year: number) =>
    `${two(hour)} giờ ${two(minute)} phút, ${weekday} ngày ${two(day)}/${two(month)}/${year}`,
  cli: {
    holidaysDescription: 'Liệt kê ngày nghỉ lễ, nghỉ bù và ngày làm bù của một năm',
    yearArgument: 'năm dương lịch, ví dụ 2026',
    dueDescription: 'Tính ngày hẹn trả kết quả theo thời hạn giải quyết',
    fromOption: 'thời điểm nhận hồ sơ (ISO 8601; không ghi múi giờ thì hiểu là giờ Việt Nam; mặc định: bây giờ)',
    ruleOption: 'thời hạn: "3 working-days", "5 days", "8 working-hours" hoặc "same-day 15:00"',
    calendarDescription: 'Lịch ngày làm việc: ngày nghỉ lễ và ngày hẹn trả',
    badYear: (text: string) => `Năm không hợp lệ: ${text}`,
    badFrom: (text: string) => `Thời điểm nhận không hợp lệ: ${text}. Ví dụ: 2026-02-13T10:00 hoặc 2026-02-13T03:00:00Z.`,
    holidaysTitle: (year: number) => `Ngày nghỉ và ngày làm bù năm ${year}:`,
    noDays: 'Không có ngày nào.',
    receivedAt: 'Nhận lúc',
    countsFrom: 'Bắt đầu tính',
    due: 'Hẹn trả',
    rule: 'Thời hạn',
  },
} as const;

export const calendarErrors = {
  CALENDAR_RULE_INVALID:
    'Không hiểu thời hạn giải quyết "{text}". Hãy ghi như "3 working-days", "5 days", "8 working-hours" hoặc "same-day 15:00".',
  CALENDAR_HOURS_INVALID:
    'Giờ làm việc không hợp lệ: {detail}. Hãy ghi các buổi theo dạng HH:MM, tăng dần và không chồng nhau (ví dụ 07:00–11:30, 13:30–17:00).',
  CALENDAR_DAY_NOT_FOUND: 'Ngày {date} không có trong bảng ngày nghỉ và ngày làm bù, nên không có gì để xóa.',
  CALENDAR_OUT_OF_RANGE: 'Lịch chỉ tính được cho các năm 1900–2199 (nhận được {value}).',
} as const;
