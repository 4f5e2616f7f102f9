import type { Chunk } from '../pdf/layout';
import { baselineOffset, drawLine } from '../pdf/layout';
import { wrap, type Line } from '../pdf/text-wrap';
import type { Block } from '../template-schema';
import type { BlockContext } from './block-context';

// Paragraphs (text, title, footnote) and label/value fields: one chunk per line, so long text
// continues on the next page; a footnote is one chunk pinned to the foot of the page.

type TextLike = Extract<Block, { type: 'text' | 'title' }>;
type Field = Extract<Block, { type: 'field' }>;
type Footnote = Extract<Block, { type: 'footnote' }>;

function lineChunks(
  ctx: BlockContext,
  lines: Line[],
  size: number,
  place: (i: number) => { x: number; width: number },
  align: 'left' | 'center' | 'right' | 'justify',
  keepWithNext: boolean,
): Chunk[] {
  const box = ctx.lineBox(size);
  const base = baselineOffset(ctx.fonts, size, ctx.lineHeight);
  return lines.map((line, i) => ({
    height: box,
    // A paragraph's first two lines stay together, as do its last two (no lone line at a page's foot or head).
    keepWithNext: keepWithNext || (i === 0 && lines.length > 1) || i === lines.length - 2,
    draw: (page, top) => {
      const { x, width } = place(i);
      drawLine(page, line, { x, baseline: top + base, width, size, align });
    },
  }));
}

export function textChunks(b: TextLike, ctx: BlockContext): Chunk[] {
  const title = b.type === 'title';
  const size = ctx.size(b.size);
  const style = b.style ?? (title ? 'bold' : 'regular');
  const align = b.align ?? (title ? 'center' : 'justify');
  const transform = b.transform ?? (title ? 'upper' : 'none');
  const left = ctx.frame.left + ctx.len(b.leftIndent);
  const width = ctx.frame.right - left;
  const indent = ctx.len(b.indent);
  const lines = wrap(ctx.runs(b.text, style, transform), ctx.fonts, size, width, width - indent);
  return lineChunks(ctx, lines, size, (i) => (i === 0 ? { x: left + indent, width: width - indent } : { x: left, width }), align, Boolean(b.keepWithNext));
}

export function fieldChunks(b: Field, ctx: BlockContext): Chunk[] {
  const size = ctx.size(b.size);
  const label = ctx.runs(b.label, b.labelStyle ?? 'regular');
  const value = ctx.runs(b.value, b.valueStyle ?? 'regular');
  const left = ctx.frame.left + ctx.len(b.leftIndent);
  const full = ctx.frame.right - left;
  const labelWidth = label.reduce((w, r) => w + ctx.fonts.width(r.text, r.style, size), 0) + ctx.fonts.width(' ', 'regular', size);
  // Wrapped lines of the value line up under its start, unless the label takes most of the line.
  const hanging = b.hangingIndent !== undefined ? ctx.len(b.hangingIndent) : labelWidth <= full * 0.45 ? labelWidth : 0;
  const runs = [...label, { text: ' ', style: 'regular' as const }, ...value];
  const lines = wrap(runs, ctx.fonts, size, full - hanging, full);
  return lineChunks(ctx, lines, size, (i) => (i === 0 ? { x: left, width: full } : { x: left + hanging, width: full - hanging }), 'justify', Boolean(b.keepWithNext));
}

export function footnoteChunks(b: Footnote, ctx: BlockContext): Chunk[] {
  const size = ctx.size(b.size ?? 10.5);
  const style = b.style ?? 'italic';
  const { left, width } = ctx.frame;
  const lines = wrap(ctx.runs(b.text, style), ctx.fonts, size, width);
  const box = ctx.lineBox(size);
  const base = baselineOffset(ctx.fonts, size, ctx.lineHeight);
  const ruleSpace = b.rule ? ctx.len(2) : 0;
  const chunk: Chunk = {
    height: ruleSpace + box * lines.length,
    draw: (page, top) => {
      if (b.rule) page.ops.push({ kind: 'line', x1: left, y1: top + ctx.len(0.6), x2: left + width / 3, y2: top + ctx.len(0.6), width: 0.5 });
      lines.forEach((line, i) => drawLine(page, line, { x: left, baseline: top + ruleSpace + i * box + base, width, size, align: 'justify' }));
    },
  };
  if (b.position !== 'flow') chunk.pin = 'bottom';
  return [chunk];
}
