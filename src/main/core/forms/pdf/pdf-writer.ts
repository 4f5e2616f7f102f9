import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { vi } from '../../../../shared/i18n/vi';
import { FONT_STYLES, type EmbeddedFont, type FontSet, type FontStyle } from './font-set';
import type { Op, PageOps, TextOp } from './page-ops';

// Second pass: laid-out pages become a PDF. Fonts are subset to the characters the document
// uses, so they are known first; then pages are added one by one, each written at once as
// operator text in one compressed stream and its drawing list dropped. pdf-lib's drawing
// calls are not used: they keep thousands of operator objects alive until the end.

export interface PdfMeta {
  title: string;
  /** CreationDate and ModDate: the render's `now`, so the same input gives the same bytes. */
  at: Date;
}

/** Producer and Creator of every PDF: the app's name, never a library's version (same bytes across updates). */
export const PRODUCER = vi.app.name;

const num = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

export type CharSets = Map<FontStyle, Set<string>>;

export const emptyCharSets = (): CharSets => new Map(FONT_STYLES.map((s) => [s, new Set<string>()]));

/** Adds the characters a page draws to `into`; page numbers count with every digit, being filled in later. */
export function collectChars(page: PageOps, into: CharSets): void {
  for (const op of page.ops) {
    if (op.kind !== 'text' && op.kind !== 'pageNumber') continue;
    const set = into.get(op.style)!;
    const text = op.kind === 'text' ? op.text : `${op.template.replace(/\{pages?\}/g, '')}0123456789`;
    for (const ch of text) set.add(ch);
  }
}

/** Number of pages in each group (copy), for "Trang n/N". */
export function groupTotals(pages: Iterable<{ group: number }>): Map<number, number> {
  const totals = new Map<number, number>();
  for (const p of pages) totals.set(p.group, (totals.get(p.group) ?? 0) + 1);
  return totals;
}

const FONT_KEYS: Record<FontStyle, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

function textOperators(op: TextOp, font: EmbeddedFont, pageHeight: number): string {
  const pos = `1 0 0 1 ${num(op.x)} ${num(pageHeight - op.y)} Tm`;
  if (!op.wordSpacing || !op.text.includes(' ')) return `${pos} ${font.hex(op.text)} Tj`;
  // Tw does not apply to two-byte glyph codes, so justified lines move each word with TJ.
  const shift = num((-op.wordSpacing * 1000) / op.size);
  const words = op.text.split(' ');
  const parts = words.map((w, i) => font.hex(i < words.length - 1 ? `${w} ` : w));
  return `${pos} [${parts.join(` ${shift} `)}] TJ`;
}

function contentOf(page: PageOps, fonts: Map<FontStyle, EmbeddedFont>): string {
  const out: string[] = ['0 g 0 G'];
  let inText = false;
  let font = '';
  const h = page.height;
  for (const op of page.ops) {
    if (op.kind === 'text') {
      if (!inText) {
        out.push('BT');
        inText = true;
        font = '';
      }
      const f = `/${FONT_KEYS[op.style]} ${num(op.size)} Tf`;
      if (f !== font) {
        out.push(f);
        font = f;
      }
      out.push(textOperators(op, fonts.get(op.style)!, h));
      continue;
    }
    if (inText) {
      out.push('ET');
      inText = false;
    }
    if (op.kind === 'line') {
      out.push(`${num(op.width)} w ${num(op.x1)} ${num(h - op.y1)} m ${num(op.x2)} ${num(h - op.y2)} l S`);
    } else if (op.kind === 'rules') {
      const c = op.coords;
      const parts = [`${num(op.width)} w`];
      for (let i = 0; i + 3 < c.length; i += 4) parts.push(`${num(c[i]!)} ${num(h - c[i + 1]!)} m ${num(c[i + 2]!)} ${num(h - c[i + 3]!)} l`);
      out.push(`${parts.join(' ')} S`);
    } else if (op.kind === 'rects') {
      out.push(op.rects.map((r) => `${num(r.x)} ${num(h - r.y - r.h)} ${num(r.w)} ${num(r.h)} re`).join(' ') + ' f');
    }
  }
  if (inText) out.push('ET');
  return out.join('\n');
}

/** A PDF being written page by page, with its fonts already subset and embedded. */
export class PdfBuilder {
  private readonly numbered = new Map<number, number>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Map<FontStyle, EmbeddedFont>,
    private readonly resources: PDFRef,
    private readonly fontSet: FontSet,
    private readonly totals: Map<number, number>,
  ) {}

  static async create(fontSet: FontSet, chars: CharSets, totals: Map<number, number>): Promise<PdfBuilder> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    // pdf-lib compresses font files and ToUnicode maps with a JavaScript deflate; Node's zlib
    // does the same in a fraction of the time (a third of a warm form 01 went there).
    const { context } = doc;
    context.flateStream = (contents, dict = {}) =>
      context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
    const fonts = await fontSet.embed(doc, chars);
    const fontDict: Record<string, PDFRef> = {};
    for (const [style, f] of fonts) fontDict[FONT_KEYS[style]] = f.pdfFont.ref;
    const resources = context.register(context.obj({ Font: context.obj(fontDict), ProcSet: ['PDF', 'Text'] }));
    return new PdfBuilder(doc, fonts, resources, fontSet, totals);
  }

  /** Page numbers become ordinary text now that the totals are known. */
  private resolvePageNumbers(p: PageOps): void {
    const n = (this.numbered.get(p.group) ?? 0) + 1;
    this.numbered.set(p.group, n);
    p.ops = p.ops.map((op): Op => {
      if (op.kind !== 'pageNumber') return op;
      const text = op.template.replace('{page}', String(n)).replace('{pages}', String(this.totals.get(p.group) ?? n));
      const w = this.fontSet.width(text, op.style, op.size);
      const x = op.align === 'left' ? op.x : op.align === 'center' ? op.x - w / 2 : op.x - w;
      return { kind: 'text', x, y: op.y, size: op.size, style: op.style, text };
    });
  }

  /** Writes the page and empties its drawing list. */
  addPage(p: PageOps): void {
    this.resolvePageNumbers(p);
    const page = this.doc.addPage([p.width, p.height]);
    const stream = this.doc.context.flateStream(contentOf(p, this.fonts));
    page.node.set(PDFName.of('Contents'), this.doc.context.register(stream));
    page.node.set(PDFName.of('Resources'), this.resources);
    p.ops = [];
  }

  async save(meta: PdfMeta): Promise<Uint8Array> {
    const doc = this.doc;
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setLanguage('vi');
    doc.setCreator(PRODUCER);
    doc.setProducer(PRODUCER);
    doc.setCreationDate(meta.at);
    doc.setModificationDate(meta.at);
    // Object streams would be deflated by pdf-lib's slow deflate again, for a few hundred bytes.
    return doc.save({ useObjectStreams: false });
  }
}

/** A document laid out whole: its pages to PDF. */
export async function writePdf(pages: PageOps[], fontSet: FontSet, meta: PdfMeta): Promise<Uint8Array> {
  const chars = emptyCharSets();
  for (const p of pages) collectChars(p, chars);
  const builder = await PdfBuilder.create(fontSet, chars, groupTotals(pages));
  for (const p of pages) builder.addPage(p);
  return builder.save(meta);
}
