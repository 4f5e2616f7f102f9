import { describe, expect, it } from 'vitest';
import { checkCatalogFile, checkProcedure, describePath } from '../../../src/shared/catalog/validate';
import { isProcedureCode, nationalCodeOf, procedureSchema } from '../../../src/shared/catalog/procedure';
import { rawSample, readSample } from './sample';

const issuesOf = (raw: unknown) => {
  const r = checkProcedure(raw);
  return r.ok ? [] : r.issues.map((i) => i.text);
};

describe('the shipped sample catalogue', () => {
  const sample = readSample();

  it('is a valid catalogue file of at least 20 procedures', () => {
    const check = checkCatalogFile(sample);
    expect(check.errors).toEqual([]);
    expect(check.procedures.length).toBeGreaterThanOrEqual(20);
  });

  it('holds the procedures DOMAIN.md names, with their facts', () => {
    const byCode = new Map(checkCatalogFile(sample).procedures.map((p) => [p.code, p]));
    for (const code of ['1.001193', '1.000894', '1.000656', '1.004873', '2.000635', '2.000815', '2.000884', '1.004222', '1.004194', '1.001612']) {
      expect(byCode.has(code), code).toBe(true);
    }
    expect(byCode.get('1.001193')!.name).toBe('Đăng ký khai sinh');
    expect(byCode.get('2.000815')!.name).toMatch(/^Chứng thực bản sao từ bản chính/);
    expect(byCode.get('1.004873')!.processingTime).toEqual({ value: 3, unit: 'working-days' });
    expect(byCode.get('2.000815')!.processingTime).toMatchObject({ unit: 'same-day', cutoff: '15:00' });
    expect(byCode.get('2.000635')!.fees).toEqual([expect.objectContaining({ amount: 8000, basis: 'per-copy' })]);
  });

  it('is stored in NFC, and cleaning it changes nothing (the file is already canonical)', () => {
    const text = JSON.stringify(sample);
    expect(text.normalize('NFC')).toBe(text);
    for (const raw of sample.procedures) expect(procedureSchema.parse(raw)).toEqual(raw);
  });

  it('says on every record that it is a sample to replace', () => {
    for (const p of sample.procedures) expect(p.note).toMatch(/mẫu/);
  });
});

describe('procedure codes', () => {
  it('accepts national codes and provincial instances', () => {
    expect(isProcedureCode('1.001193')).toBe(true);
    expect(isProcedureCode('1.001193.000.00.00.H56')).toBe(true);
    expect(nationalCodeOf('1.001193.000.00.00.H56')).toBe('1.001193');
    const p = procedureSchema.parse({ ...rawSample('1.001193'), code: ' 1.001193.000.00.00.h56 ' });
    expect(p.code).toBe('1.001193.000.00.00.H56');
  });

  it('refuses anything else with a Vietnamese message', () => {
    for (const code of ['1.1193', '1001193', '1.001193.H56', '0.001193', '1.001193.000.00.00', 'KS-01', '']) {
      expect(issuesOf({ ...rawSample('1.001193'), code }), code).toEqual([expect.stringContaining('Mã: không đúng dạng mã thủ tục')]);
    }
  });
});

describe('a procedure record', () => {
  it('is NFC-cleaned like a typed line', () => {
    const raw = rawSample('1.001193');
    raw.name = '  Đăng   ký\tkhai sinh '.normalize('NFD');
    raw.level = 'TOÀN TRÌNH'.normalize('NFD');
    const p = procedureSchema.parse(raw);
    expect(p.name).toBe('Đăng ký khai sinh');
    expect(p.name.normalize('NFC')).toBe(p.name);
    expect(p.level).toBe('toàn trình');
  });

  it('accepts levels 1–4 of older catalogues, refuses others', () => {
    expect(procedureSchema.parse({ ...rawSample('1.001193'), level: 3 }).level).toBe(3);
    expect(issuesOf({ ...rawSample('1.001193'), level: 5 })).toEqual([expect.stringContaining('Mức độ dịch vụ công trực tuyến: phải là "toàn trình"')]);
    expect(issuesOf({ ...rawSample('1.001193'), level: 'mức 3' })).toHaveLength(1);
  });

  it('refuses unknown keys, at any depth', () => {
    expect(issuesOf({ ...rawSample('1.001193'), extra: 1 })).toEqual(['có trường không được phép: extra']);
    const raw = rawSample('1.001193');
    (raw.documents as Record<string, unknown>[])[1]!.copiesCertified = 1;
    expect(issuesOf(raw)).toEqual(['Thành phần hồ sơ thứ 2: có trường không được phép: copiesCertified']);
  });

  it('names the missing and mistyped fields in Vietnamese', () => {
    const raw = rawSample('1.001193');
    delete raw.decidingAgency;
    (raw.documents as Record<string, unknown>[])[0]!.originals = '1';
    (raw.processingTime as Record<string, unknown>).unit = 'weeks';
    expect(issuesOf(raw)).toEqual([
      'Thời hạn giải quyết, Đơn vị thời gian: phải là một trong: "working-days", "days", "working-hours", "same-day"',
      'Thành phần hồ sơ thứ 1, Số bản chính: phải là số nguyên',
      'Cơ quan có thẩm quyền quyết định: bắt buộc nhập',
    ]);
  });

  it('bounds text and lists and refuses control characters', () => {
    expect(issuesOf({ ...rawSample('1.001193'), name: 'x'.repeat(501) })).toEqual(['Tên: dài quá 500 ký tự']);
    expect(issuesOf({ ...rawSample('1.001193'), name: 'Khai\u0000sinh' })).toEqual(['Tên: chứa ký tự điều khiển không được phép']);
    expect(issuesOf({ ...rawSample('1.001193'), name: '   ' })).toEqual(['Tên: bắt buộc nhập']);
    const doc = (rawSample('1.001193').documents as unknown[])[0];
    const many = Array.from({ length: 61 }, (_, i) => ({ ...(doc as object), code: `D${i}` }));
    expect(issuesOf({ ...rawSample('1.001193'), documents: many })).toEqual(['Thành phần hồ sơ: có nhiều nhất 60 mục']);
    expect(issuesOf({ ...rawSample('1.001193'), results: [] })).toEqual(['Kết quả giải quyết: phải có ít nhất 1 mục']);
    const neg = rawSample('2.000635');
    (neg.fees as Record<string, unknown>[])[0]!.amount = -8000;
    expect(issuesOf(neg)).toEqual(['Phí, lệ phí thứ 1, Mức thu: không được nhỏ hơn 0']);
  });

  it('checks processing time rules', () => {
    const t = (processingTime: unknown) => issuesOf({ ...rawSample('1.001193'), processingTime });
    expect(t({ value: 0, unit: 'same-day', cutoff: '15:00' })).toEqual([]);
    expect(t({ value: 2, unit: 'same-day' })).toEqual(['Thời hạn giải quyết, Số lượng: phải là 0 khi thời hạn là "trong ngày"']);
    expect(t({ value: 0, unit: 'working-days' })).toEqual(['Thời hạn giải quyết, Số lượng: phải lớn hơn 0']);
    expect(t({ value: 3, unit: 'working-days', cutoff: '15:00' })).toEqual(['Thời hạn giải quyết, Giờ chốt nhận hồ sơ: chỉ dùng cho thời hạn "trong ngày"']);
    expect(t({ value: 0, unit: 'same-day', cutoff: '25:00' })).toEqual(['Thời hạn giải quyết, Giờ chốt nhận hồ sơ: phải có dạng giờ:phút, ví dụ 15:00']);
  });

  it('checks page tiers: contiguous from page 1, open-ended last band, first price = amount', () => {
    const withTiers = (tiers: unknown, amount = 2000) => {
      const raw = rawSample('2.000815');
      Object.assign((raw.fees as Record<string, unknown>[])[0]!, { tiers, amount });
      return issuesOf(raw);
    };
    expect(withTiers([{ fromPage: 1, toPage: 2, amount: 2000 }, { fromPage: 3, amount: 1000 }])).toEqual([]);
    expect(withTiers([{ fromPage: 2, toPage: 2, amount: 2000 }, { fromPage: 3, amount: 1000 }])).toEqual([
      'Phí, lệ phí thứ 1, Bậc tính theo trang thứ 1, Từ trang: bậc đầu tiên phải bắt đầu từ trang 1',
    ]);
    expect(withTiers([{ fromPage: 1, toPage: 2, amount: 2000 }, { fromPage: 4, amount: 1000 }])).toEqual([
      'Phí, lệ phí thứ 1, Bậc tính theo trang thứ 2, Từ trang: các bậc phải nối tiếp nhau, không hở, không chồng',
    ]);
    expect(withTiers([{ fromPage: 1, toPage: 2, amount: 2000 }, { fromPage: 3, toPage: 9, amount: 1000 }])).toEqual([
      'Phí, lệ phí thứ 1, Bậc tính theo trang thứ 2, Đến trang: chỉ bậc cuối cùng được bỏ trống "đến trang", và bậc cuối phải bỏ trống',
    ]);
    expect(withTiers([{ fromPage: 1, amount: 2000 }], 1000)).toEqual(['Phí, lệ phí thứ 1, Mức thu: phải bằng mức thu của bậc đầu tiên']);
    expect(withTiers(undefined)).toEqual(['Phí, lệ phí thứ 1, Bậc tính theo trang: bắt buộc khi cách tính là theo bậc trang']);
    const perCopy = rawSample('2.000635');
    Object.assign((perCopy.fees as Record<string, unknown>[])[0]!, { maxPerCopy: 1000, tiers: [{ fromPage: 1, amount: 1 }] });
    expect(issuesOf(perCopy)).toEqual([
      'Phí, lệ phí thứ 1, Bậc tính theo trang: chỉ dùng khi cách tính là theo bậc trang',
      'Phí, lệ phí thứ 1, Mức thu tối đa mỗi bản: chỉ dùng khi tính theo trang',
    ]);
  });

  it('refuses duplicate document codes within a record', () => {
    const raw = rawSample('1.001193');
    const docs = raw.documents as Record<string, unknown>[];
    docs[1]!.code = docs[0]!.code;
    expect(issuesOf(raw)).toEqual(['Thành phần hồ sơ thứ 2, Mã: mã TK bị trùng']);
  });

  it('describes paths for people', () => {
    expect(describePath(['documents', 2, 'name'])).toBe('Thành phần hồ sơ thứ 3, Tên');
    expect(describePath(['fees', 0, 'tiers', 1, 'fromPage'])).toBe('Phí, lệ phí thứ 1, Bậc tính theo trang thứ 2, Từ trang');
  });
});

describe('a catalogue file', () => {
  it('must say what it is', () => {
    for (const bad of [null, [], 'x', { procedures: [] }, { format: 'other', version: 1, procedures: [] }]) {
      expect(checkCatalogFile(bad).errors).toEqual([
        expect.objectContaining({ index: null, message: expect.stringContaining('không phải danh mục thủ tục của Một Cửa Desk') }),
      ]);
    }
    expect(checkCatalogFile({ format: 'motcua-catalog', version: 2, procedures: [] }).errors).toEqual([
      expect.objectContaining({ index: null, message: 'Tệp: Phiên bản định dạng: phải là một trong: 1' }),
    ]);
    expect(checkCatalogFile({ format: 'motcua-catalog', version: 1, procedures: [], by: 'x' }).errors).toEqual([
      expect.objectContaining({ index: null, message: 'Tệp: có trường không được phép: by' }),
    ]);
  });

  it('refuses a code twice in one file', () => {
    const a = rawSample('1.001193');
    const check = checkCatalogFile({ format: 'motcua-catalog', version: 1, procedures: [a, rawSample('1.000656'), a] });
    expect(check.errors).toEqual([
      { index: 2, code: '1.001193', path: 'code', message: 'Thủ tục thứ 3 (mã 1.001193): mã 1.001193 đã có ở thủ tục thứ 1 trong cùng tệp' },
    ]);
  });
});
