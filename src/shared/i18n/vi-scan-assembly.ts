// Vietnamese messages of putting scanned pages together into one PDF per document of the
// checklist, and of checking a page for blankness. Gathered into `vi.errors` by vi.ts. No imports
// here. (What exactly was wrong with a page stays in the error's details, in English, for the log.)

export const scanAssemblyErrors = {
  SCAN_NO_PAGES: 'Chưa có trang nào để tạo tệp PDF cho giấy tờ này. Hãy quét hoặc thêm ít nhất một trang.',
  SCAN_PAGE_UNREADABLE:
    'Trang {page} ({kind}) bị hỏng hoặc không đúng định dạng nên không ghép được vào tệp PDF. Hãy quét lại trang này hoặc bỏ trang đó ra.',
  SCAN_PAGE_ENCRYPTED:
    'Tệp PDF ở trang {page} có đặt mật khẩu nên không ghép được vào hồ sơ. Hãy dùng bản không đặt mật khẩu, hoặc in ra rồi quét lại.',
  SCAN_IMAGE_UNREADABLE:
    'Ảnh {kind} của trang bị hỏng hoặc không đúng định dạng nên không kiểm tra được trang trắng. Hãy quét lại trang này.',
} as const;
