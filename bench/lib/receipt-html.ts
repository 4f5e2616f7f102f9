import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import type { FormData, Row } from '../../src/main/core/forms/form-data';
import type { FontStyle } from '../../src/main/core/forms/pdf/font-set';
import { fill, parseMarks, upper } from '../../src/main/core/forms/pdf/rich-text';
import type { Block, ColumnLine, Condition, FormTemplate } from '../../src/main/core/forms/template-schema';
import type { PaperSize } from '../../src/shared/forms/form-kinds';

// The comparison the forms benchmark needs: the same form as HTML, for Chromium to print to PDF
// (the usual way apps make PDFs). It is built from the same template (resources/forms/NN.json)
// and the same data (form-data.ts) as the engine's PDF, so both carry the same words, rows,
// codes and copies; only the layout engine differs. Barcodes are bwip-js PNGs as data: URLs and
// the fonts are the bundled Liberation Serif as @font-face data: URLs, so the page loads nothing.
// Deliberate differences: a footnote follows the text instead of sitting at the page's foot
// (a fixed-position element would repeat on every page), and lines break where Chromium breaks them.

export type HtmlFonts = Record<FontStyle, Buffer>;

const FONT_FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};
const FONT_FACE: Record<FontStyle, { weight: number; style: string }> = {
  regular: { weight: 400, style: 'normal' },
  bold: { weight: 700, style: 'normal' },
  italic: { weight: 400, style: 'italic' },
  boldItalic: { weight: 700, style: 'italic' },
};

export function readFormFonts(resourcesDir: string): HtmlFonts {
  const read = (s: FontStyle) => readFileSync(join(resourcesDir, 'fonts', FONT_FILES[s]));
  return { regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') };
}

/** Text for HTML content and double-quoted attributes: what a citizen typed must never become markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A barcode as a PNG from bwip-js (QR with error correction M, as the engine draws it). */
export function barcodePng(symbol: 'code128' | 'qr', text: string): Promise<Buffer> {
  // BWIPP's own options pass through; bwip-js's types list only the common ones.
  const qr: bwipjs.RenderOptions & { eclevel: string } = { bcid: 'qrcode', text, scale: 4, eclevel: 'M' };
  return bwipjs.toBuffer(symbol === 'qr' ? qr : { bcid: 'code128', text, scale: 3, height: 11 });
}

const dataUrl = (mediaType: string, bytes: Buffer) => `data:${mediaType};base64,${bytes.toString('base64')}`;
const mm = (v: number | undefined) => `${v ?? 0}mm`;

function styleCss(style: FontStyle): string {
  const f = FONT_FACE[style];
  return `font-weight:${f.weight};font-style:${f.style}`;
}

function visible(when: Condition | undefined, values: Row): boolean {
  if (!when) return true;
  return (Array.isArray(when) ? when : [when]).every((w) => (w.startsWith('!') ? !values[w.slice(1)] : Boolean(values[w])));
}

class HtmlWriter {
  /** One PNG per symbol and value: both copies of form 01 show the same codes. */
  private readonly images = new Map<string, string>();

  constructor(
    private readonly template: FormTemplate,
    private readonly values: Row,
    private readonly lists: Record<string, Iterable<Row>>,
  ) {}

  /** Template text with marks as <b>/<i>-like spans and placeholders filled, everything escaped. */
  private rich(template: string, base: FontStyle, transform?: 'upper' | 'none', lookup?: (name: string) => string): string {
    const value = lookup ?? ((name: string) => this.values[name] || this.template.emptyValue);
    return parseMarks(template, base)
      .map((run) => {
        const text = fill(run.text, value);
        return `<span style="${styleCss(run.style)}">${escapeHtml(transform === 'upper' ? upper(text) : text)}</span>`;
      })
      .join('');
  }

  private codeValue(item: Extract<Block, { type: 'codes' }>['items'][number]): { key: string; symbol: 'code128' | 'qr'; value: string } {
    const value = fill(item.value, (name) => this.values[name] ?? '');
    return { key: `${item.symbol}:${value}`, symbol: item.symbol, value };
  }

  /** bwip-js encodes asynchronously: every code of every copy is made before the HTML is written. */
  async encodeCodes(): Promise<void> {
    for (const copy of this.template.copies) {
      this.values['copy.label'] = copy.label.normalize('NFC');
      for (const b of this.template.blocks) {
        if (b.type !== 'codes' || !visible(b.when, this.values)) continue;
        for (const item of b.items) {
          if (!visible(item.when, this.values)) continue;
          const { key, symbol, value } = this.codeValue(item);
          if (!this.images.has(key)) this.images.set(key, dataUrl('image/png', await barcodePng(symbol, value)));
        }
      }
    }
  }

  private columnLine(line: ColumnLine, previous: string): { html: string; consumed: boolean } {
    if ('space' in line) return { html: `<div style="height:${mm(line.space)}"></div>`, consumed: false };
    if ('rule' in line) {
      const thickness = `${line.thickness ?? 0.6}pt`;
      const ratio = (line.ratio ?? 1) * 100;
      const top = mm(line.spaceBefore);
      // "text": as long as the line above, so the rule is drawn inside that line's own box.
      if (line.rule === 'text' && previous) {
        return {
          html: `<div class="ruled" style="margin-top:0">${previous}<span class="rule" style="width:${ratio}%;border-top-width:${thickness};margin-top:${top}"></span></div>`,
          consumed: true,
        };
      }
      const width = line.rule === 'column' || line.rule === 'text' ? `${ratio}%` : mm(line.rule * (line.ratio ?? 1));
      return { html: `<div class="rule-line" style="width:${width};border-top-width:${thickness};margin-top:${top}"></div>`, consumed: false };
    }
    if (!visible(line.when, this.values)) return { html: '', consumed: false };
    const size = line.size ? `font-size:${line.size}pt;` : '';
    return {
      html: `<div style="${size}margin-top:${mm(line.spaceBefore)}">${this.rich(line.text, line.style ?? 'regular', line.transform)}</div>`,
      consumed: false,
    };
  }

  private columns(b: Extract<Block, { type: 'columns' }>): string {
    const cols = b.columns.map((c) => {
      const parts: string[] = [];
      for (const line of c.lines) {
        const { html, consumed } = this.columnLine(line, parts[parts.length - 1] ?? '');
        if (consumed) parts.pop();
        if (html) parts.push(html);
      }
      return `<div class="col" style="flex:${c.width} 1 0;text-align:${c.align ?? 'center'}">${parts.join('')}</div>`;
    });
    return `<div class="columns" style="gap:${mm(b.gap ?? 4)}">${cols.join('')}</div>`;
  }

  private table(b: Extract<Block, { type: 'table' }>): string {
    const total = b.columns.reduce((s, c) => s + c.width, 0);
    const size = b.size ? `font-size:${b.size}pt;` : '';
    const pad = mm(b.padding ?? 1.2);
    const cols = b.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
    const head = b.columns
      .map((c) => `<th style="padding:${pad};${b.headerSize ? `font-size:${b.headerSize}pt;` : ''}">${this.rich(c.header, b.headerStyle ?? 'bold')}</th>`)
      .join('');
    const rows: string[] = [];
    let no = 0;
    for (const row of this.lists[b.rows] ?? []) {
      no++;
      const cells: Row = { ...row, no: String(no) };
      const lookup = (name: string) => cells[name] ?? this.values[name] ?? '';
      rows.push(
        `<tr>${b.columns.map((c) => `<td style="padding:${pad};text-align:${c.align ?? 'left'}">${this.rich(c.value, 'regular', 'none', lookup)}</td>`).join('')}</tr>`,
      );
    }
    for (let i = 0; i < (b.blankRows ?? 0); i++) rows.push(`<tr>${b.columns.map(() => `<td style="padding:${pad}">&nbsp;</td>`).join('')}</tr>`);
    if (no === 0 && b.emptyText) rows.push(`<tr><td colspan="${b.columns.length}" style="padding:${pad}">${this.rich(b.emptyText, 'italic')}</td></tr>`);
    // A header repeated on every page is Chromium's default for <thead>; not repeating takes a <tbody> row.
    const header = b.repeatHeader === false ? `<tbody><tr>${head}</tr></tbody>` : `<thead><tr>${head}</tr></thead>`;
    return `<table style="${size}"><colgroup>${cols}</colgroup>${header}<tbody>${rows.join('')}</tbody></table>`;
  }

  private codes(b: Extract<Block, { type: 'codes' }>): string {
    const items = b.items
      .filter((i) => visible(i.when, this.values))
      .map((i) => {
        const url = this.images.get(this.codeValue(i).key);
        if (url === undefined) throw new Error('encodeCodes() first');
        const height = i.symbol === 'qr' ? i.width : (i.height ?? 12);
        const caption = i.caption === undefined ? '' : `<div style="font-size:${i.captionSize ?? 9}pt">${this.rich(i.caption, 'regular')}</div>`;
        return `<figure><img alt="" src="${url}" style="width:${mm(i.width)};height:${mm(height)}">${caption}</figure>`;
      });
    return `<div class="codes" style="justify-content:${b.align ?? 'center'};gap:${mm(b.gap ?? 6)}">${items.join('')}</div>`;
  }

  private block(b: Block): string {
    if (!visible(b.when, this.values)) return '';
    if (b.type === 'spacer') return `<div style="height:${mm(b.height)}"></div>`;
    if (b.type === 'pageBreak') return '<div class="page-break"></div>';
    const box = `margin-top:${mm(b.spaceBefore)};margin-bottom:${mm(b.spaceAfter)};${b.keepWithNext ? 'break-after:avoid;' : ''}`;
    switch (b.type) {
      case 'title':
      case 'text': {
        const title = b.type === 'title';
        const size = b.size ? `font-size:${b.size}pt;` : '';
        const align = b.align ?? (title ? 'center' : 'justify');
        const indent = `text-indent:${mm(b.indent)};margin-left:${mm(b.leftIndent)};`;
        return `<p style="${box}${size}${indent}text-align:${align}">${this.rich(b.text, b.style ?? (title ? 'bold' : 'regular'), b.transform ?? (title ? 'upper' : 'none'))}</p>`;
      }
      case 'field': {
        const size = b.size ? `font-size:${b.size}pt;` : '';
        return `<p class="field" style="${box}${size}margin-left:${mm(b.leftIndent)}">${this.rich(b.label, b.labelStyle ?? 'regular')} ${this.rich(b.value, b.valueStyle ?? 'regular')}</p>`;
      }
      case 'columns':
        return `<div style="${box}">${this.columns(b)}</div>`;
      case 'table':
        return `<div style="${box}">${this.table(b)}</div>`;
      case 'codes':
        return `<div style="${box}">${this.codes(b)}</div>`;
      case 'footnote': {
        const rule = b.rule ? '<div class="footnote-rule"></div>' : '';
        return `<div class="footnote" style="${box}font-size:${b.size ?? 10.5}pt">${rule}<p>${this.rich(b.text, b.style ?? 'italic')}</p></div>`;
      }
    }
  }

  copies(): string[] {
    return this.template.copies.map((copy) => {
      this.values['copy.label'] = copy.label.normalize('NFC');
      return this.template.blocks.map((b) => this.block(b)).join('\n');
    });
  }
}

/**
 * A form as one HTML page for Chromium's print to PDF: the template's paper and margins as
 * @page, each copy starting on a new page, the table's header repeated where it breaks.
 */
export async function formHtml(template: FormTemplate, data: FormData, opts: { paper: PaperSize; fonts: HtmlFonts }): Promise<string> {
  const layout = template.papers[opts.paper];
  if (!layout) throw new Error(`template ${template.form} has no layout for ${opts.paper}`);
  const m = layout.margins;
  const faces = (Object.keys(FONT_FILES) as FontStyle[])
    .map((s) => {
      const f = FONT_FACE[s];
      return `@font-face{font-family:"Liberation Serif";font-weight:${f.weight};font-style:${f.style};src:url(${dataUrl('font/ttf', opts.fonts[s])}) format("truetype")}`;
    })
    .join('\n');
  // The lists are iterables that may be read once (the ledger's rows), so each copy gets arrays.
  const lists = Object.fromEntries(Object.entries(data.lists).map(([k, rows]) => [k, [...rows]]));
  const writer = new HtmlWriter(template, { ...data.values }, lists);
  await writer.encodeCodes();
  const copies = writer.copies();
  const css = `${faces}
@page{size:${opts.paper} ${layout.orientation};margin:${mm(m.top)} ${mm(m.right)} ${mm(m.bottom)} ${mm(m.left)}}
html{font-family:"Liberation Serif",serif;font-size:${template.font.size * layout.scale}pt;line-height:${template.font.lineHeight}}
body{margin:0}
p{margin:0}
.copy + .copy{break-before:page}
.page-break{break-after:page}
.columns{display:flex;align-items:flex-start}
.ruled{display:inline-block}
.rule{display:block;margin-left:auto;margin-right:auto;border-top:solid black}
.rule-line{margin-left:auto;margin-right:auto;border-top:solid black}
.codes{display:flex;align-items:flex-start}
figure{margin:0;text-align:center}
img{display:block}
table{width:100%;border-collapse:collapse;table-layout:fixed}
th,td{border:0.5pt solid black;vertical-align:top;overflow-wrap:anywhere}
th{text-align:center}
tr{break-inside:avoid}
.footnote-rule{width:33%;border-top:0.5pt solid black;margin-bottom:1.4mm}
.footnote p{text-align:justify}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(data.values['form.title'] ?? '')}</title>
<style>${css}</style></head>
<body>
${copies.map((c) => `<section class="copy">\n${c}\n</section>`).join('\n')}
</body></html>
`;
}
