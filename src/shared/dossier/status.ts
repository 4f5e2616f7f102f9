// The national dossier status codes (TrangThaiHoSo), the same everywhere, and which changes the
// counter may make. Processing statuses (4 and the deciding agency's 9) arrive by sync later;
// the counter records 9 by hand until then.

export const STATUS = {
  registered: 1, // Mới đăng ký
  accepted: 2, // Được tiếp nhận
  refused: 3, // Không được tiếp nhận
  processing: 4, // Đang xử lý
  supplementRequested: 5, // Yêu cầu bổ sung giấy tờ
  financialObligation: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  withdrawn: 7, // Công dân yêu cầu rút hồ sơ
  stopped: 8, // Dừng xử lý
  resultReady: 9, // Đã xử lý xong
  returned: 10, // Đã trả kết quả
} as const;

export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

export const TRANSITIONS = {
  refuse: { from: [2, 4, 5], to: 3 },
  requestSupplement: { from: [2, 4], to: 5 },
  supplementReceived: { from: [5], to: 2 },
  withdraw: { from: [2, 4, 5, 6], to: 7 },
  // Recorded at the counter when the deciding agency stops processing (and the clerk hands out
  // form 05); the province's own status 8 arrives by sync as any other decision.
  stop: { from: [2, 4, 5, 6], to: 8 },
  resultReady: { from: [2, 4, 6], to: 9 },
  returnResult: { from: [9], to: 10 },
} as const satisfies Record<string, { from: readonly number[]; to: StatusCode }>;

export type TransitionAction = keyof typeof TRANSITIONS;

/** Actions that end the dossier's processing: the counter cannot take them back, so they are confirmed. */
export const ENDING_ACTIONS: readonly TransitionAction[] = ['refuse', 'withdraw', 'stop'];

/** Statuses in which the processing clock runs and the dossier can become overdue. */
export const OPEN_STATUSES: readonly number[] = [2, 4, 6];

export function canTransition(from: number, action: TransitionAction): boolean {
  return (TRANSITIONS[action].from as readonly number[]).includes(from);
}

/** The dossier code: {unit code}-{YYMMDD}-{NNNN}. */
export const DOSSIER_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
