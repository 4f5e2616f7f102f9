import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import subsetFont, { type SubsetOptions } from 'subset-font';
import { AppError } from '../../../../shared/api/errors';

// Liberation Serif 2 (Times metrics, every Vietnamese letter), subset per document with HarfBuzz
// and embedded whole: the recipe measured in docs/research/pdf-fonts.md. The full fonts are read
// and parsed once per process; only their advance widths are used here, for line breaking.

export const FONT_STYLES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontStyle = (typeof FONT_STYLES)[number];

/**
 * What the embedded subset can do without: hinting programs (print resolution needs none; PDF
 * renderers mostly ignore them) and layout tables (text is drawn glyph by glyph, never shaped
 * by a viewer). Dropping them makes each style ~7 KB instead of ~19 KB, compressed.
 */
const SUBSET_OPTIONS: SubsetOptions = {
  targetFormat: 'truetype',
  noHinting: true,
  dropTables: ['GSUB', 'GPOS', 'GDEF', 'kern', 'gasp', 'DSIG', 'hdmx', 'VDMX', 'LTSH'],
};

const FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

interface Face {
  /** A Buffer: subset-font's format sniffing does not accept a plain Uint8Array. */
  bytes: Buffer;
  postscriptName: string;
  font: fontkit.Font;
  /** Advance per code point, in em; filled as characters are met. */
  advances: Map<number, number>;
}

/** Six capital letters from a hash of the subset's text: a stable subset tag (PDF 32000 §9.6.4). */
export function subsetTag(text: string): string {
  return [...createHash('sha1').update(text).digest()]
    .slice(0, 6)
    .map((b) => String.fromCharCode(65 + (b % 26)))
    .join('');
}

export class FontSet {
  private readonly faces: Record<FontStyle, Face>;
  /** Ascender and descender of the family, in em (both positive). */
  readonly ascent: number;
  readonly descent: number;

  private constructor(faces: Record<FontStyle, Face>) {
    this.faces = faces;
    const r = faces.regular.font;
    this.ascent = r.ascent / r.unitsPerEm;
    this.descent = Math.abs(r.descent) / r.unitsPerEm;
  }

  static load(fontsDir: string): FontSet {
    const faces = {} as Record<FontStyle, Face>;
    for (const style of FONT_STYLES) {
      const file = join(fontsDir, FILES[style]);
      if (!existsSync(file)) throw new AppError('FORM_FONT_MISSING', { file });
      const bytes = readFileSync(file);
      const font = fontkit.create(bytes);
      faces[style] = { bytes, font, postscriptName: font.postscriptName ?? FILES[style].replace('.ttf', ''), advances: new Map() };
    }
    return new FontSet(faces);
  }

  private advance(face: Face, cp: number): number {
    let a = face.advances.get(cp);
    if (a === undefined) {
      a = face.font.glyphForCodePoint(cp).advanceWidth / face.font.unitsPerEm;
      face.advances.set(cp, a);
    }
    return a;
  }

  /** Width in points of `text` at `size` in `style` (text already NFC). */
  width(text: string, style: FontStyle, size: number): number {
    const face = this.faces[style];
    let em = 0;
    for (const ch of text) em += this.advance(face, ch.codePointAt(0)!);
    return em * size;
  }

  /**
   * Subsets each style to the characters the document uses and embeds it. Subsetting needs the
   * whole text first, which is why documents are laid out before anything is written.
   */
  async embed(doc: PDFDocument, charsByStyle: Map<FontStyle, Set<string>>): Promise<Map<FontStyle, EmbeddedFont>> {
    const out = new Map<FontStyle, EmbeddedFont>();
    for (const style of FONT_STYLES) {
      const chars = charsByStyle.get(style);
      if (!chars || chars.size === 0) continue;
      const text = [...chars].sort().join('');
      const face = this.faces[style];
      const subset = new Uint8Array(await subsetFont(face.bytes, text, SUBSET_OPTIONS));
      const pdfFont = await doc.embedFont(subset, {
        subset: false,
        customName: `${subsetTag(style + text)}+${face.postscriptName}`,
      });
      out.set(style, new EmbeddedFont(pdfFont, fontkit.create(subset)));
    }
    return out;
  }
}

/**
 * A subset font in a document, and the glyph ids of its characters. Text is encoded one glyph per
 * character through the cmap (no shaping), exactly as the line breaker measured it; pdf-lib writes
 * widths and the ToUnicode map for every glyph of the (small) subset.
 */
export class EmbeddedFont {
  private readonly hexByChar = new Map<string, string>();

  constructor(
    readonly pdfFont: PDFFont,
    private readonly subset: fontkit.Font,
  ) {}

  /** The text as a PDF hex string of 2-byte glyph ids (Identity-H). */
  hex(text: string): string {
    let out = '<';
    for (const ch of text) {
      let h = this.hexByChar.get(ch);
      if (h === undefined) {
        h = this.subset.glyphForCodePoint(ch.codePointAt(0)!).id.toString(16).padStart(4, '0');
        this.hexByChar.set(ch, h);
      }
      out += h;
    }
    return `${out}>`;
  }
}
