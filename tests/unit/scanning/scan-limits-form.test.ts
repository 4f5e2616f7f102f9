import { describe, expect, it } from 'vitest';
import { scanningSettings } from '../../../src/shared/api/calls/scanning';
import { fromLimitsForm, toLimitsForm } from '../../../src/shared/scanning/scan-limits-form';
import { megabytesText, parseDecimal } from '../../../src/shared/scanning/scan-units';

// The admin page's limits and retention: shown in MB, pages, megapixels and days; stored in bytes
// and pixels; every wrong field named in Vietnamese.

describe('scan limits form', () => {
  it('shows the defaults in human units and stores them back unchanged', () => {
    const s = scanningSettings.parse({});
    const form = toLimitsForm(s);
    expect(form).toEqual({ maxFileMb: '50', maxPages: '300', maxMegapixels: '60', discardedDays: '7', committedDays: '30', openDays: '30' });
    expect(fromLimitsForm(form)).toEqual({ ok: true, limits: s.limits, retention: s.retention });
  });

  it('takes decimals with a comma or a dot and converts to bytes and pixels', () => {
    const r = fromLimitsForm({ maxFileMb: '12,5', maxPages: ' 100 ', maxMegapixels: '35.2', discardedDays: '3', committedDays: '90', openDays: '14' });
    expect(r).toEqual({
      ok: true,
      limits: { maxFileBytes: 12_500_000, maxPages: 100, maxPixels: 35_200_000 },
      retention: { discardedDays: 3, committedDays: 90, openDays: 14 },
    });
    expect(toLimitsForm(r.ok ? r : scanningSettings.parse({})).maxFileMb).toBe('12,5');
  });

  it('names each wrong field and what to type', () => {
    const r = fromLimitsForm({ maxFileMb: 'năm mươi', maxPages: '2,5', maxMegapixels: '0', discardedDays: '', committedDays: '4000', openDays: '1.000' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      maxFileMb: 'Dung lượng tối đa một tệp (MB): hãy nhập một số, ví dụ 50 hoặc 12,5.',
      maxPages: 'Số trang tối đa (một tệp, một lượt quét, một hồ sơ): hãy nhập số nguyên, không có phần thập phân.',
      maxMegapixels: 'Kích thước ảnh tối đa (triệu điểm ảnh): hãy nhập số từ 1 đến 400.',
      discardedDays: 'Giữ trang đã bỏ (ngày): hãy nhập một số, ví dụ 50 hoặc 12,5.',
      committedDays: 'Giữ trang đã ghép vào hồ sơ (ngày): hãy nhập số từ 1 đến 3650.',
      openDays: 'Giữ phiên quét bỏ dở (ngày): hãy nhập một số, ví dụ 50 hoặc 12,5.',
    });
  });

  it('reads numbers the Vietnamese way and refuses a dot that may group thousands', () => {
    expect(parseDecimal('7')).toBe(7);
    expect(parseDecimal('0,5')).toBe(0.5);
    expect(parseDecimal('2.000')).toBeNull();
    expect(parseDecimal('-3')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
    expect(megabytesText(5_234_000)).toBe('5,2');
  });
});
