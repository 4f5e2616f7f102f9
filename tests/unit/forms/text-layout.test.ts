import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_STYLES, FontSet, subsetTag } from '../../../src/main/core/forms/pdf/font-set';
import { parseMarks } from '../../../src/main/core/forms/pdf/rich-text';
import { wrap } from '../../../src/main/core/forms/pdf/text-wrap';
import { projectRoot } from '../../support/host-process';
import { APPLICANT, PROCEDURE } from './form-fixtures';

// Line breaking measures text with the full fonts; the PDF draws it with per-document subsets.
// Both must agree to the point, or justified lines would overrun the margin.

const fonts = FontSet.load(join(projectRoot, 'resources', 'fonts'));
const SAMPLE = `${APPLICANT} — ${PROCEDURE} «Đường Lưỡi Liềm» 0123456789 ỹỵỷ ẶẴẲ`;

describe('text measurement and line breaking', () => {
  it('measures exactly what the embedded subset draws, in every style', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const embedded = await fonts.embed(doc, new Map(FONT_STYLES.map((s) => [s, new Set(SAMPLE)])));
    for (const style of FONT_STYLES) {
      const font = embedded.get(style)!;
      expect(fonts.width(SAMPLE, style, 13)).toBeCloseTo(font.pdfFont.widthOfTextAtSize(SAMPLE, 13), 6);
      // One glyph per character, none of them the empty glyph 0.
      const hex = font.hex(SAMPLE).slice(1, -1);
      expect(hex.length).toBe([...SAMPLE].length * 4);
      expect(hex.match(/.{4}/g)).not.toContain('0000');
    }
  });

  it('names subsets with a six-letter tag that depends only on the text', () => {
    expect(subsetTag('abc')).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag('abc')).toBe(subsetTag('abc'));
    expect(subsetTag('abc')).not.toBe(subsetTag('abd'));
  });

  it('breaks at spaces, never past the width, keeping every word and style', () => {
    const runs = parseMarks(`Nội dung: **${PROCEDURE}** __(bản chính)__`, 'regular');
    const lines = wrap(runs, fonts, 13, 200, 150);
    expect(lines.length).toBeGreaterThan(3);
    lines.forEach((l, i) => expect(l.width).toBeLessThanOrEqual((i === 0 ? 150 : 200) + 0.01));
    expect(lines.at(-1)!.last).toBe(true);
    expect(lines.slice(0, -1).every((l) => !l.last)).toBe(true);
    const text = lines.map((l) => l.pieces.map((p) => p.text).join('').trim()).join(' ');
    expect(text).toBe(`Nội dung: ${PROCEDURE} (bản chính)`);
    const styles = new Set(lines.flatMap((l) => l.pieces.map((p) => p.style)));
    expect(styles).toEqual(new Set(['regular', 'bold', 'italic']));
  });

  it('cuts a word wider than the line after a hyphen or dot, not in the middle', () => {
    const lines = wrap([{ text: '000.00.06.H56-261123-0007', style: 'regular' }], fonts, 9.5, fonts.width('000.00.06.H56-2611', 'regular', 9.5));
    expect(lines.map((l) => l.pieces[0]!.text)).toEqual(['000.00.06.H56-', '261123-0007']);
  });
});
