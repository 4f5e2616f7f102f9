import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormRenderer } from '../../../src/main/core/forms/form-renderer';
import { vietnameseLetters } from '../../../src/main/core/forms/test-page';
import { projectRoot } from '../../support/host-process';
import { flat, pageCount, pdfFonts, pdfText, qpdfCheck, savePdf, wordBoxes } from '../../support/pdf-tools';
import { makeTempDir } from '../../support/temp-dir';
import { ctx } from './form-fixtures';

// The printer test page: one page, the printer's name and the time, every Vietnamese letter in
// the four styles, and a ruler whose marks are where millimetres say.

const renderer = createFormRenderer({ resourcesDir: join(projectRoot, 'resources') });
const tmp = makeTempDir('motcua-testpage-');
let file = '';

beforeAll(async () => {
  file = savePdf(tmp.dir, 'test.pdf', await renderer.renderTestPage('HP LaserJet M404 (quầy số 1)', ctx));
});
afterAll(() => tmp.cleanup());

describe('printer test page', () => {
  it('is one valid page naming the printer and the time', async () => {
    expect(await pageCount(file)).toBe(1);
    expect((await qpdfCheck(file)).code).toBe(0);
    const text = flat(await pdfText(file));
    expect(text).toContain('TRANG IN THỬ');
    expect(text).toContain('Máy in: HP LaserJet M404 (quầy số 1)');
    expect(text).toContain('Thời điểm in: 10 giờ 15 phút, ngày 23 tháng 11 năm 2026');
  });

  it('shows all 134 Vietnamese letters in each of the four styles', async () => {
    const { lower, upper } = vietnameseLetters();
    const letters = new Set([...(lower + upper)].filter((c) => /\p{L}/u.test(c) && c > '\u007f'));
    // 67 lower-case letters beyond ASCII (66 vowels with marks, and đ), and their capitals.
    expect(letters.size).toBe(134);
    const text = flat(await pdfText(file));
    expect(text.split(lower).length - 1).toBe(4);
    expect(text.split(upper).length - 1).toBe(4);
    const fonts = await pdfFonts(file);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'LiberationSerif',
      'LiberationSerif-Bold',
      'LiberationSerif-BoldItalic',
      'LiberationSerif-Italic',
    ]);
  });

  it('draws a ruler whose numbers sit 10 mm apart', async () => {
    const { words } = await wordBoxes(file);
    const mm = 72 / 25.4;
    const marks = ['0', '50', '100', '150'].map((n) => words.find((w) => w.word === n && Math.abs(w.xMin + w.xMax - 2 * (30 + Number(n)) * mm) < 2));
    for (const m of marks) expect(m).toBeDefined();
    const centre = (w: (typeof marks)[number]) => (w!.xMin + w!.xMax) / 2;
    expect(centre(marks[3]) - centre(marks[0])).toBeCloseTo(150 * mm, 0);
  });
});
