import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { slipData, testSlipData } from '../../../src/main/core/slip/slip-data';
import { office, sampleDetail } from './slip-fixtures';

describe('slipData', () => {
  it('writes the times in Vietnam time and links the code to the province lookup page', () => {
    const slip = slipData(sampleDetail(), office);
    expect(slip).toEqual({
      agencyName: 'UBND PHƯỜNG BA ĐÌNH',
      unitName: 'BỘ PHẬN MỘT CỬA',
      code: '000.00.06.H56-260225-0001',
      applicantName: 'Nguyễn Văn An',
      procedureName: 'Đăng ký khai sinh',
      // 02:15 UTC is 09:15 in Vietnam; 10:00 UTC on 2 March is 17:00 the same day.
      receivedAt: '09 giờ 15 phút, Thứ Tư ngày 25/02/2026',
      dueAt: '17 giờ 00 phút, Thứ Hai ngày 02/03/2026',
      lookupUrl: 'https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-260225-0001',
      lookupSite: 'dichvucong.example.vn',
    });
  });

  it('takes the Vietnamese date, not the UTC one, near midnight', () => {
    const slip = slipData(sampleDetail({ receivedAt: '2026-02-24T17:30:00.000Z' }), office);
    expect(slip.receivedAt).toBe('00 giờ 30 phút, Thứ Tư ngày 25/02/2026');
  });

  it('turns decomposed Unicode into NFC', () => {
    const nfd = 'Nguyễn Thị Ánh'.normalize('NFD');
    const slip = slipData(sampleDetail({ applicantName: nfd, procedureName: 'Chứng thực'.normalize('NFD') }), {
      ...office,
      agencyName: 'UBND XÃ ĐỒNG TIẾN'.normalize('NFD'),
    });
    expect(slip.applicantName).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
    expect(slip.applicantName).not.toBe(nfd);
    expect(slip.procedureName).toBe('Chứng thực'.normalize('NFC'));
    expect(slip.agencyName).toBe('UBND XÃ ĐỒNG TIẾN'.normalize('NFC'));
  });

  it('leaves out the lookup link (and so the QR) when the office has no lookup page', () => {
    const slip = slipData(sampleDetail(), { ...office, lookupUrlPattern: '' });
    expect(slip.lookupUrl).toBeNull();
    expect(slip.lookupSite).toBeNull();
  });

  it('puts the code wherever the pattern says, every time it appears', () => {
    const slip = slipData(sampleDetail(), { ...office, lookupUrlPattern: 'https://dvc.hanoi.gov.vn/ho-so/{code}?q={code}' });
    expect(slip.lookupUrl).toBe('https://dvc.hanoi.gov.vn/ho-so/000.00.06.H56-260225-0001?q=000.00.06.H56-260225-0001');
    expect(slip.lookupSite).toBe('dvc.hanoi.gov.vn');
  });

  it('has no due date line when the procedure sets none', () => {
    expect(slipData(sampleDetail({ dueAt: null }), office).dueAt).toBeNull();
  });

  it('refuses a dossier without a code', () => {
    const attempt = () => slipData(sampleDetail({ code: null }), office);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/chưa có mã số/);
  });
});

describe('testSlipData', () => {
  it('uses a code the allocator never issues, today in Vietnam, and names the printer', () => {
    const slip = testSlipData(office, new Date('2026-02-24T18:30:00.000Z'), '192.168.1.50:9100');
    expect(slip.code).toBe('000.00.06.H56-260225-0000');
    expect(slip.procedureName).toContain('192.168.1.50:9100');
    expect(slip.dueAt).toBeNull();
    expect(slip.lookupUrl).toBe('https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-260225-0000');
  });
});
