import { formsText } from '../../../shared/i18n/vi-forms';
import { BlockContext } from './blocks/block-context';
import { templateChunks } from './blocks/block-chunks';
import { clean } from './form-data';
import { momentText } from './form-dates';
import type { FontSet } from './pdf/font-set';
import { Flow, type Chunk, type Frame } from './pdf/layout';
import type { PageOps } from './pdf/page-ops';
import { mm } from './pdf/units';
import type { Block } from './template-schema';

// A printer's test page: its name and the time, every Vietnamese letter in the four styles the
// forms use, and rulers in millimetres, so a clerk can see at once whether marks print and the
// scale is true (a driver that "fits to page" shrinks the 100 mm bar).

const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const CONSONANTS = 'b c d đ g h k l m n p q r s t v x';

/** Each vowel with its five tones as one word ("aàáảãạ"), then the consonants. */
export function vietnameseLetters(): { lower: string; upper: string } {
  const words = VOWELS.map((v) => TONES.map((t) => (v + t).normalize('NFC')).join(''));
  const lower = `${words.join(' ')} ${CONSONANTS}`;
  return { lower, upper: lower.toLocaleUpperCase('vi') };
}

/** A horizontal ruler `lengthMm` long with ticks every millimetre and numbers every centimetre. */
function rulerChunk(frame: Frame, fonts: FontSet, lengthMm: number): Chunk {
  const size = 8;
  return {
    height: mm(12),
    draw: (page: PageOps, top: number) => {
      const y = top + mm(8);
      const x0 = frame.left;
      page.ops.push({ kind: 'line', x1: x0, y1: y, x2: x0 + mm(lengthMm), y2: y, width: 0.4 });
      for (let i = 0; i <= lengthMm; i++) {
        const tick = i % 10 === 0 ? 4 : i % 5 === 0 ? 2.5 : 1.5;
        page.ops.push({ kind: 'line', x1: x0 + mm(i), y1: y, x2: x0 + mm(i), y2: y - mm(tick), width: i % 10 === 0 ? 0.5 : 0.25 });
        if (i % 10 === 0) {
          const label = String(i);
          page.ops.push({ kind: 'text', x: x0 + mm(i) - fonts.width(label, 'regular', size) / 2, y: y - mm(4.8), size, style: 'regular', text: label });
        }
      }
    },
  };
}

/** A vertical ruler in the right margin, from `top` down `lengthMm`, clear of the text. */
function verticalRuler(frame: Frame, fonts: FontSet, lengthMm: number): Chunk {
  return {
    height: 0,
    draw: (page, top) => {
      const x = frame.right + mm(3);
      page.ops.push({ kind: 'line', x1: x, y1: top, x2: x, y2: top + mm(lengthMm), width: 0.4 });
      for (let i = 0; i <= lengthMm; i++) {
        const tick = i % 10 === 0 ? 4 : i % 5 === 0 ? 2.5 : 1.5;
        page.ops.push({ kind: 'line', x1: x, y1: top + mm(i), x2: x + mm(tick), y2: top + mm(i), width: i % 10 === 0 ? 0.5 : 0.25 });
        if (i % 10 === 0 && i > 0) {
          const label = String(i);
          page.ops.push({ kind: 'text', x: x + mm(5), y: top + mm(i) + 2.8, size: 7, style: 'regular', text: label });
        }
      }
    },
  };
}

export function testPageDocument(printerName: string, ctx: { now: Date }, fonts: FontSet): PageOps[] {
  const t = formsText.testPage;
  const letters = vietnameseLetters();
  const frame: Frame = {
    left: mm(30),
    top: mm(20),
    right: mm(195),
    bottom: mm(277),
    width: mm(165),
    pageWidth: mm(210),
    pageHeight: mm(297),
  };
  const values = { printer: clean(printerName), time: momentText(ctx.now), lower: letters.lower, upper: letters.upper };
  const blocks: Block[] = [
    { type: 'title', text: t.title, size: 16, spaceAfter: 4 },
    { type: 'field', label: `${t.printer}:`, value: `**{printer}**`, size: 13 },
    { type: 'field', label: `${t.printedAt}:`, value: '{time}', size: 13, spaceAfter: 4 },
    { type: 'text', text: t.letters, style: 'bold', size: 13, align: 'left', spaceAfter: 1 },
    ...(['regular', 'bold', 'italic', 'boldItalic'] as const).flatMap((style): Block[] => [
      { type: 'text', text: '{lower}', style, size: 13, align: 'left' },
      { type: 'text', text: '{upper}', style, size: 13, align: 'left', spaceAfter: 2 },
    ]),
    { type: 'text', text: t.ruler, style: 'bold', size: 13, align: 'left', spaceBefore: 4 },
  ];
  const block = new BlockContext(fonts, frame, 1, 13, 1.25, '', values, {});
  const flow = new Flow(frame);
  flow.startGroup();
  flow.place([verticalRuler(frame, fonts, 100)]);
  flow.place(templateChunks(blocks, block));
  flow.place([rulerChunk(frame, fonts, 150)]);
  flow.place(templateChunks([{ type: 'text', text: `__${t.check}__`, size: 11, spaceBefore: 6 }, { type: 'footnote', text: t.app, size: 9 }], block));
  return flow.pages;
}
