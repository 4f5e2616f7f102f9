import { describe, expect, it } from 'vitest';
import { cleanLine, foldForSearch, hasControlChars } from '../../../src/shared/text/normalize';

describe('Vietnamese text', () => {
  it('stores NFC with folded white space', () => {
    const decomposed = '  Đa\u0306ng  ky\u0301\tkhai sinh ';
    expect(cleanLine(decomposed)).toBe('Đăng ký khai sinh');
    expect(cleanLine(decomposed)).toBe('Đăng ký khai sinh'.normalize('NFC'));
  });

  it('folds diacritics and đ for search', () => {
    expect(foldForSearch('Chứng thực bản sao từ bản chính')).toBe('chung thuc ban sao tu ban chinh');
    expect(foldForSearch('ĐẶNG Đức  Đạt')).toBe('dang duc dat');
  });

  it('spots control characters but allows tabs and newlines', () => {
    expect(hasControlChars('a\u0007b')).toBe(true);
    expect(hasControlChars('a\u009bb')).toBe(true);
    expect(hasControlChars('a\tb\nc')).toBe(false);
  });
});
