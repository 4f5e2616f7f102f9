import { describe, expect, it } from 'vitest';
import { compareCodes, createSearchIndex } from '../../../src/shared/catalog/search';

const items = [
  { id: 'c', code: '2.000815', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' },
  { id: 'a', code: '1.001193', name: 'Đăng ký khai sinh' },
  { id: 'b', code: '1.004884', name: 'Đăng ký lại khai sinh' },
  { id: 'd', code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
  { id: 'e', code: '10.000001', name: 'Thủ tục có mã mười' },
];

describe('the catalogue search index', () => {
  const index = createSearchIndex(items);
  const ids = (q: string, limit?: number) => index.search(q, limit).map((i) => i.id);

  it('orders codes numerically, segment by segment', () => {
    expect(['2.000815', '10.000001', '1.004884', '1.001193'].sort(compareCodes)).toEqual(['1.001193', '1.004884', '2.000815', '10.000001']);
  });

  it('lists everything in code order for an empty query', () => {
    expect(ids('')).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(ids('   ', 2)).toEqual(['a', 'd']);
  });

  it('matches each word as a prefix of some word of the name', () => {
    expect(ids('kh si')).toEqual(['a', 'd', 'b']);
    expect(ids('sinh khai')).toEqual(['a', 'd', 'b']);
    expect(ids('ban chinh, giay to')).toEqual(['c']);
    expect(ids('khai sinh x')).toEqual([]);
  });

  it('ranks name prefixes before other name matches', () => {
    expect(ids('dang ky lai')).toEqual(['b']);
    expect(ids('dang ky')).toEqual(['a', 'd', 'b']);
    expect(ids('lai khai')).toEqual(['b']);
  });

  it('matches codes by prefix, case-insensitively, exact code first', () => {
    expect(ids('1.001193.000.00.00.h56')).toEqual(['d']);
    expect(ids('1.001193')).toEqual(['a', 'd']);
    expect(ids('1.00')).toEqual(['a', 'd', 'b']);
    expect(ids('1')).toEqual(['a', 'd', 'b', 'e']);
  });

  it('ignores punctuation-only queries', () => {
    expect(ids('...')).toEqual([]);
    expect(ids('!!')).toEqual([]);
  });
});
