import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierFormKind } from '../../../src/shared/forms/form-kinds';
import { createFormRenderer, type FormParams } from '../../../src/main/core/forms/form-renderer';
import { projectRoot } from '../../support/host-process';
import { flat, pageCount, pdfFonts, pdfInfo, pdfText, qpdfCheck, readCodes, renderPage, savePdf, wordBoxes } from '../../support/pdf-tools';
import { makeTempDir } from '../../support/temp-dir';
import { ADDRESS, APPLICANT, CODE, ctx, longDossier, office, OWNER, PROCEDURE, REFUSAL, SUPPLEMENT } from './form-fixtures';

// Forms 01–06 for a dossier with long Vietnamese names, rendered once each and checked with the
// tools a reader of the PDF would use: pdftotext, qpdf, pdffonts, pdftoppm + zbarimg.

const renderer = createFormRenderer({ resourcesDir: join(projectRoot, 'resources') });
const tmp = makeTempDir('motcua-forms-');
const STOP = 'Người yêu cầu đã chết trước khi có kết quả giải quyết; hồ sơ không còn đối tượng để giải quyết.';
const DELAY = 'Cơ quan giải quyết cần xác minh thêm thông tin cư trú của người được ủy quyền tại địa phương khác.';

const dossier = longDossier();
const stopped = longDossier({
  history: [...dossier.history, { at: '2026-11-27T02:00:00.000Z', actor: 'anh.ttn', action: 'dossier.stop', fromStatus: 4, toStatus: 8, note: STOP }],
});
const cases: { kind: DossierFormKind; params?: FormParams[DossierFormKind]; expected: string[]; absent?: string[] }[] = [
  {
    kind: '01',
    expected: [
      'UBND PHƯỜNG BA ĐÌNH',
      'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Ba Đình, ngày 23 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${CODE}`,
      'Liên 1: Lưu',
      'Liên 2: Giao người nộp hồ sơ',
      `Tiếp nhận hồ sơ của: ${APPLICANT}`,
      'Số định danh cá nhân/CCCD: 001190012345',
      `Địa chỉ: ${ADDRESS}`,
      'Số điện thoại: 0912345678',
      'Thư điện tử: phuongthao.huyentran@example.vn',
      `Chủ hồ sơ (người ủy quyền): ${OWNER}`,
      `Nội dung yêu cầu giải quyết: ${PROCEDURE}`,
      'STT Tên giấy tờ Bản chính Bản sao chứng thực Bản chụp',
      '1 Giấy tờ số 1: Bản sao có chứng thực giấy xác nhận thông tin về cư trú của người được ủy quyền, kèm theo văn bản ủy quyền đã được công chứng, chứng thực hợp lệ 1 0 0',
      '13 Giấy tờ số 15: Bản sao có chứng thực giấy xác nhận thông tin về cư trú của người được ủy quyền, kèm theo văn bản ủy quyền đã được công chứng, chứng thực hợp lệ 0 0 1',
      '2. Số lượng hồ sơ: 1 bộ.',
      '3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc.',
      '4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 23 tháng 11 năm 2026.',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 26 tháng 11 năm 2026.',
      '6. Đăng ký nhận kết quả: Tại Bộ phận Một cửa, 1 Phố Đội Cấn, phường Ba Đình, thành phố Hà Nội.',
      'Phí, lệ phí: Lệ phí đăng ký hộ tịch: 8.000 đồng.',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      '(Ký và ghi rõ họ tên)',
      'Trần Thị Ngọc Ánh',
    ],
    // Documents 4 and 10 were not handed over: they belong on form 02, not on the receipt.
    absent: ['Giấy tờ số 4:', 'Giấy tờ số 10:'],
  },
  {
    kind: '02',
    expected: [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Kính gửi: ${OWNER}`,
      `đã tiếp nhận hồ sơ của ${APPLICANT} đề nghị giải quyết thủ tục hành chính: ${PROCEDURE}`,
      '1 Giấy tờ số 4: Bản sao có chứng thực',
      '2 Giấy tờ số 10: Bản sao có chứng thực',
      `Lý do: ${SUPPLEMENT}`,
      'NGƯỜI HƯỚNG DẪN',
    ],
    absent: ['Giấy tờ số 5:'],
  },
  { kind: '03', expected: ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', `Nội dung yêu cầu giải quyết: ${PROCEDURE}`, REFUSAL, 'NGƯỜI TIẾP NHẬN HỒ SƠ'] },
  {
    kind: '04',
    params: { reason: DELAY, newDueAt: '2026-12-03T09:00:00.000Z' },
    expected: [
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 26 tháng 11 năm 2026.',
      `Lý do: ${DELAY}`,
      'kết quả giải quyết hồ sơ sẽ được trả vào lúc 16 giờ 00 phút, ngày 03 tháng 12 năm 2026.',
      'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ',
    ],
  },
  { kind: '05', expected: ['THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'Cơ quan giải quyết: Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội', STOP] },
  {
    kind: '06',
    expected: [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `Người nộp hồ sơ: ${APPLICANT}`,
      '1 Tiếp nhận hồ sơ 23/11/2026 09:30',
      `2 Yêu cầu bổ sung 24/11/2026 10:00 ${SUPPLEMENT}`,
      // Result ready at 15:00 on the due day (due 17:00).
      '4 Có kết quả giải quyết 26/11/2026 15:00 Đúng hạn',
    ],
  },
];

const files = new Map<DossierFormKind, string>();

beforeAll(async () => {
  for (const c of cases) {
    const d = c.kind === '05' ? stopped : dossier;
    const params = c.kind === '01' ? { processingTime: '3 ngày làm việc' } : c.params;
    files.set(c.kind, savePdf(tmp.dir, `${c.kind}.pdf`, await renderer.renderDossierForm(c.kind, d, params, { paper: 'A4' }, ctx)));
  }
});
afterAll(() => tmp.cleanup());

describe.each(cases)('form $kind', (c) => {
  it('prints every expected string exactly (NFC, diacritics included)', async () => {
    const text = flat(await pdfText(files.get(c.kind)!));
    for (const s of c.expected) expect(text).toContain(s.normalize('NFC'));
    for (const s of c.absent ?? []) expect(text).not.toContain(s);
  });

  it('passes qpdf --check', async () => {
    const r = await qpdfCheck(files.get(c.kind)!);
    expect(r.output).toContain('No syntax or stream encoding errors found');
    expect(r.code).toBe(0);
  });

  it('embeds every font as a subset with a Unicode map', async () => {
    const fonts = await pdfFonts(files.get(c.kind)!);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f).toMatchObject({ type: 'CID TrueType', emb: 'yes', sub: 'yes', uni: 'yes' });
      expect(f.name).toMatch(/^[A-Z]{6}\+LiberationSerif/);
    }
  });

  it('keeps every word inside the text area (30/15 mm sides, 20/20 mm top and bottom)', async () => {
    const { pages, words } = await wordBoxes(files.get(c.kind)!);
    const mm = 72 / 25.4;
    expect(pages.length).toBeGreaterThan(0);
    expect(words.length).toBeGreaterThan(50);
    for (const w of words) {
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(30 * mm - 0.5);
      expect(w.xMax, w.word).toBeLessThanOrEqual(195 * mm + 0.5);
      expect(w.yMin, w.word).toBeGreaterThanOrEqual(20 * mm - 0.5);
      expect(w.yMax, w.word).toBeLessThanOrEqual(277 * mm + 0.5);
    }
  });
});

describe('form 01, the receipt', () => {
  it('is two copies: Liên 1 starts on page 1, Liên 2 on a later page, each with the code and the signatures', async () => {
    const file = files.get('01')!;
    const pages = await pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    const texts = await Promise.all(Array.from({ length: pages }, (_, i) => pdfText(file, { first: i + 1 })));
    const copy2 = texts.findIndex((t) => t.includes('Liên 2: Giao người nộp hồ sơ'));
    expect(texts[0]).toContain('Liên 1: Lưu');
    expect(copy2).toBeGreaterThan(0);
    expect(texts.filter((t) => t.includes('Liên 1: Lưu'))).toHaveLength(1);
    expect(flat(texts.slice(0, copy2).join(' '))).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(flat(texts.slice(copy2).join(' '))).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(texts[copy2]).toContain(`Mã hồ sơ: ${CODE}`);
  });

  it('continues the documents table on the next page with its header row repeated', async () => {
    const file = files.get('01')!;
    const page2 = flat(await pdfText(file, { first: 2 }));
    expect(page2.startsWith('STT Tên giấy tờ Bản chính Bản sao chứng thực Bản chụp')).toBe(true);
  });

  it('carries a Code 128 of the dossier code and a QR code of the lookup address that zbarimg reads back', async () => {
    // The upper part of page 1 holds both codes (they sit under the title).
    const png = await renderPage(files.get('01')!, 1, 200, join(tmp.dir, 'receipt'), 1000);
    const codes = await readCodes(png);
    expect(codes).toContain(`CODE-128:${CODE}`);
    expect(codes).toContain(`QR-Code:${office.lookupUrlPattern.replace('{code}', CODE)}`);
  });

  it('leaves the QR code out when the office has no lookup page', async () => {
    const bytes = await renderer.renderDossierForm('01', dossier, undefined, { paper: 'A4' }, { ...ctx, office: { ...office, lookupUrlPattern: '' } });
    const codes = await readCodes(await renderPage(savePdf(tmp.dir, 'noqr.pdf', bytes), 1, 200, join(tmp.dir, 'noqr'), 1000));
    expect(codes).toEqual([`CODE-128:${CODE}`]);
  });

  it('prints dots to fill in by hand when the processing time is not given', async () => {
    const bytes = await renderer.renderDossierForm('01', dossier, undefined, { paper: 'A4' }, ctx);
    expect(flat(await pdfText(savePdf(tmp.dir, 'dots.pdf', bytes)))).toContain('3. Thời gian giải quyết hồ sơ theo quy định: …………');
  });

  it('gives the same bytes for the same input, dated ctx.now and signed by the app', async () => {
    const again = await renderer.renderDossierForm('01', dossier, { processingTime: '3 ngày làm việc' }, { paper: 'A4' }, ctx);
    const first = await import('node:fs').then((fs) => fs.readFileSync(files.get('01')!));
    expect(Buffer.from(again).equals(first)).toBe(true);
    const info = await pdfInfo(files.get('01')!);
    expect(info).toMatchObject({ Producer: 'Một Cửa Desk', Creator: 'Một Cửa Desk', CreationDate: '2026-11-23T03:15:00Z', ModDate: '2026-11-23T03:15:00Z' });
    expect(info.Title).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả – ${CODE}`);
  });

  it('a renderer warmed up at start gives a first receipt identical to a cold one', async () => {
    const warmed = createFormRenderer({ resourcesDir: join(projectRoot, 'resources') });
    await warmed.warmUp();
    const bytes = await warmed.renderDossierForm('01', dossier, { processingTime: '3 ngày làm việc' }, { paper: 'A4' }, ctx);
    const first = await import('node:fs').then((fs) => fs.readFileSync(files.get('01')!));
    expect(Buffer.from(bytes).equals(first)).toBe(true);
  });

  it('turns decomposed (NFD) input into composed text', async () => {
    const nfd = longDossier({
      applicant: { ...dossier.applicant!, fullName: APPLICANT.normalize('NFD'), address: ADDRESS.normalize('NFD') },
      procedure: { ...dossier.procedure, name: PROCEDURE.normalize('NFD') },
    });
    expect(nfd.applicant!.fullName).not.toBe(APPLICANT);
    const text = flat(await pdfText(savePdf(tmp.dir, 'nfd.pdf', await renderer.renderDossierForm('01', nfd, undefined, { paper: 'A4' }, ctx))));
    expect(text).toContain(`Tiếp nhận hồ sơ của: ${APPLICANT}`);
    expect(text).toContain(`Địa chỉ: ${ADDRESS}`);
    expect(text).toContain(PROCEDURE);
    expect(text).not.toMatch(/[\u0300-\u036f]/);
  });

  it('lays the same template out on A5 with smaller type', async () => {
    const file = savePdf(tmp.dir, 'a5.pdf', await renderer.renderDossierForm('01', dossier, undefined, { paper: 'A5' }, ctx));
    expect((await pdfInfo(file))['Page size']).toMatch(/^419\.5\d* x 595\.2\d* pts/);
    const text = flat(await pdfText(file));
    expect(text).toContain(`Tiếp nhận hồ sơ của: ${APPLICANT}`);
    expect(text).toContain('Liên 2: Giao người nộp hồ sơ');
    expect((await qpdfCheck(file)).code).toBe(0);
  });
});
