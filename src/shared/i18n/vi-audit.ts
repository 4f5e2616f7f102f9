// Vietnamese text of the audit log's verification: CLI help and output, the problems it finds,
// and its errors. Gathered into `vi` by vi.ts (`vi.audit`, `vi.errors`). No imports here.

export interface ProblemLike {
  kind: string;
  seq: number | null;
  toSeq?: number | undefined;
  entryId?: string | undefined;
}

const at = (p: ProblemLike) => `mục số ${p.seq ?? '?'}${p.entryId ? ` (mã ${p.entryId})` : ''}`;

export const auditText = {
  cli: {
    auditDescription: 'Nhật ký thao tác (chuỗi băm chỉ ghi thêm, không sửa, không xóa)',
    verifyDescription:
      'Kiểm tra nhật ký thao tác có nguyên vẹn không: tính lại từng mã băm theo thứ tự. ' +
      'Chỉ đọc: mở tệp CSDL ở chế độ chỉ đọc và không cần khóa thư mục dữ liệu, nên chạy được cả khi ứng dụng đang mở. ' +
      'Mã thoát: 0 nguyên vẹn, 1 có sai lệch, 2 không kiểm tra được.',
  },
  intact: (n: number) => `Nhật ký nguyên vẹn: ${n} mục`,
  empty: 'Nhật ký nguyên vẹn: 0 mục (chưa có thao tác nào được ghi).',
  head: (seq: number, hash: string) => `Đầu chuỗi: mục số ${seq}, mã băm ${hash}`,
  checkedAt: (iso: string) => `Kiểm tra lúc: ${iso}`,
  broken: 'Nhật ký KHÔNG nguyên vẹn.',
  intactBefore: (n: number) => `${n} mục đầu tiên vẫn khớp.`,
  advice:
    'Không sửa gì thêm trong thư mục dữ liệu. Hãy sao lưu nguyên thư mục và báo lãnh đạo đơn vị; so sánh với bản sao lưu gần nhất để biết nội dung gốc.',
  problem: (p: ProblemLike): string => {
    switch (p.kind) {
      case 'changed':
        return `${at(p)} đã bị sửa: nội dung không còn khớp với mã băm đã ghi.`;
      case 'missing':
        return p.toSeq !== undefined && p.toSeq !== p.seq
          ? `Các mục số ${p.seq} đến ${p.toSeq} đã bị xóa.`
          : `Mục số ${p.seq} đã bị xóa.`;
      case 'reordered':
        return `${at(p)} đã bị đổi chỗ: nó được ghi nối sau một mục khác với mục đang đứng trước nó.`;
      case 'added':
        return `${at(p)} được thêm vào từ bên ngoài ứng dụng: nằm sau đầu chuỗi đã ghi.`;
      case 'no-head':
        return 'Mất đầu chuỗi đã ghi (audit.head) trong khi nhật ký có mục: không còn biết các mục cuối có bị xóa hay không.';
      case 'unsealed':
        return `Mục mã ${p.entryId ?? '?'} không nằm trong chuỗi băm (chưa được niêm phong). Nếu vừa nâng cấp ứng dụng, hãy mở ứng dụng một lần rồi kiểm tra lại; nếu không, mục này được thêm từ bên ngoài ứng dụng.`;
      default:
        return `Sai lệch không rõ loại (${p.kind}) ở ${at(p)}.`;
    }
  },
} as const;

export const auditErrors = {
  AUDIT_NO_DATABASE: 'Không tìm thấy cơ sở dữ liệu {file}. Hãy kiểm tra lại thư mục dữ liệu (--data-dir).',
  AUDIT_SCHEMA_TOO_OLD:
    'Cơ sở dữ liệu {file} chưa được nâng cấp lên phiên bản có chuỗi băm nhật ký. Hãy mở ứng dụng một lần (để nâng cấp) rồi kiểm tra lại.',
} as const;
