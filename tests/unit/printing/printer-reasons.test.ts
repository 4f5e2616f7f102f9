import { describe, expect, it } from 'vitest';
import { describeReason, keywordText, messageText } from '../../../src/main/core/printing/printer-reasons';

describe('printer reasons in Vietnamese', () => {
  it('translates keywords whatever their severity suffix, and keeps unknown ones', () => {
    expect(keywordText('media-empty-error')).toBe('hết giấy');
    expect(keywordText('media-jam-warning')).toBe('kẹt giấy');
    expect(keywordText('toner-empty')).toBe('hết mực');
    expect(keywordText('door-open-report')).toBe('cửa máy in đang mở');
    expect(keywordText('offline-report')).toBe('máy in không kết nối (tắt máy hoặc mất cáp)');
    expect(keywordText('com.vendor-special-error')).toBe('com.vendor-special');
    expect(keywordText('none')).toBeNull();
    expect(keywordText('processing-to-stop-point')).toBeNull();
  });

  it("translates CUPS's stock messages, drops progress notes, keeps a person's words", () => {
    expect(messageText('Paused')).toBe('hàng đợi in đang tạm dừng');
    expect(messageText('Rejecting Jobs')).toBe('hàng đợi in đang từ chối lệnh in mới');
    expect(messageText('The printer may not exist or is unavailable at this time.')).toMatch(/^không kết nối được với máy in/);
    expect(messageText('Processing page 2...')).toBe('');
    expect(messageText('Printing.')).toBe('');
    expect(messageText('  Hết giấy khay 2 ')).toBe('Hết giấy khay 2');
  });

  it('joins message and keywords once each, the administrator first', () => {
    expect(describeReason({ message: 'Hết giấy khay 2', keywords: ['paused'] })).toBe('Hết giấy khay 2');
    expect(describeReason({ message: 'Paused', keywords: ['paused'] })).toBe('hàng đợi in đang tạm dừng');
    expect(describeReason({ message: null, keywords: ['media-empty-error', 'toner-low-warning', 'none'] })).toBe('hết giấy; sắp hết mực');
    expect(describeReason({ message: 'Kẹt giấy ở khay 1', keywords: ['media-jam-error'] })).toBe('Kẹt giấy ở khay 1; kẹt giấy');
    expect(describeReason({ message: 'Printing.', keywords: ['job-printing'] }, '')).toBe('');
    expect(describeReason({})).toBe('không rõ lý do');
  });
});
