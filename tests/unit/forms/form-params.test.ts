import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { parseFormParams } from '../../../src/shared/forms/form-params';
import { createFormRenderer } from '../../../src/main/core/forms/form-renderer';
import { resolveParams } from '../../../src/main/core/forms/form-params-resolve';
import { projectRoot } from '../../support/host-process';
import { ctx, longDossier, REFUSAL, SUPPLEMENT } from './form-fixtures';

// What a form takes from the dossier when the clerk gives nothing, and what it asks for.

const renderer = createFormRenderer({ resourcesDir: join(projectRoot, 'resources') });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => {
      throw new Error('rendered although it should not');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('form parameters', () => {
  it('02: the documents not handed over and the supplement note, by default', () => {
    const p = resolveParams('02', longDossier(), undefined);
    expect(p.missing.map((m) => m.name.slice(0, 14))).toEqual(['Giấy tờ số 4: ', 'Giấy tờ số 10:']);
    expect(p.missing[0]!.quantity).toBe(1);
    expect(p.reason).toBe(SUPPLEMENT);
  });

  it('02: what the clerk lists replaces the defaults', () => {
    const p = resolveParams('02', longDossier(), { missing: [{ name: '  Bản  chính giấy khai sinh ', quantity: 2 }], reason: 'Thiếu bản chính' });
    expect(p.missing).toEqual([{ name: 'Bản chính giấy khai sinh', quantity: 2 }]);
    expect(p.reason).toBe('Thiếu bản chính');
  });

  it('02: refuses when nothing is missing and nothing is listed, saying what to enter', async () => {
    const complete = longDossier({ checklist: longDossier().checklist.map((c) => ({ ...c, handedOver: true })) });
    const e = await refusal(renderer.renderDossierForm('02', complete, undefined, { paper: 'A4' }, ctx));
    expect(e.code).toBe('FORM_PARAMS_MISSING');
    expect(e.message).toBe(
      'Chưa in được Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: hãy nhập danh sách giấy tờ cần bổ sung (hồ sơ không có giấy tờ nào được đánh dấu là chưa nộp).',
    );
  });

  it('03 and 05: the note of the latest refusal or stop', () => {
    expect(resolveParams('03', longDossier(), undefined).reason).toBe(REFUSAL);
    expect(resolveParams('03', longDossier(), { reason: 'Khác' }).reason).toBe('Khác');
    expect(resolveParams('05', longDossier(), undefined).reason).toBeNull();
  });

  it('04: asks for the reason and the new date, both named', async () => {
    const e = await refusal(renderer.renderDossierForm('04', longDossier(), undefined, { paper: 'A4' }, ctx));
    expect(e.code).toBe('FORM_PARAMS_MISSING');
    expect(e.message).toBe(
      'Chưa in được Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết: hãy nhập lý do chậm trễ và ngày hẹn trả kết quả mới.',
    );
    const onlyDate = await refusal(renderer.renderDossierForm('04', longDossier(), { reason: 'Cần xác minh' }, { paper: 'A4' }, ctx));
    expect(onlyDate.message).toMatch(/hãy nhập ngày hẹn trả kết quả mới\.$/);
  });

  it('04: a new date not after the old one is refused', async () => {
    const e = await refusal(renderer.renderDossierForm('04', longDossier(), { reason: 'x', newDueAt: '2026-11-26T09:00:00.000Z' }, { paper: 'A4' }, ctx));
    expect(e.code).toBe('FORM_PARAMS_INVALID');
    expect(e.message).toContain('ngày hẹn trả mới phải sau ngày hẹn trả cũ');
  });

  it('checks the shape of what arrives from outside', () => {
    expect(() => parseFormParams('04', { newDueAt: 'thứ Hai tới' })).toThrow(/Thông tin để in Văn bản xin lỗi .* không hợp lệ: newDueAt/);
    expect(() => parseFormParams('06', { extra: 1 })).toThrow(AppError);
    expect(parseFormParams('03', { reason: ' Không  đúng thẩm quyền ' })).toEqual({ reason: 'Không đúng thẩm quyền' });
  });
});
