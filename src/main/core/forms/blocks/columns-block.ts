import type { Chunk } from '../pdf/layout';
import { baselineOffset, drawLine } from '../pdf/layout';
import type { PageOps } from '../pdf/page-ops';
import { wrap } from '../pdf/text-wrap';
import type { Block } from '../template-schema';
import type { BlockContext } from './block-context';

// Side-by-side columns of short lines: the header (agency | national motto, date) and the
// signature blocks. The whole block is one chunk: a signature never leaves its title behind.

type Columns = Extract<Block, { type: 'columns' }>;

type Draw = (page: PageOps, top: number) => void;

export function columnsChunks(b: Columns, ctx: BlockContext): Chunk[] {
  const gap = ctx.len(b.gap, 4);
  const totalWeight = b.columns.reduce((s, c) => s + c.width, 0);
  const usable = ctx.frame.width - gap * (b.columns.length - 1);
  let x = ctx.frame.left;
  const draws: Draw[] = [];
  let height = 0;

  for (const col of b.columns) {
    const width = (usable * col.width) / totalWeight;
    const left = x;
    x += width + gap;
    const align = col.align ?? 'center';
    let y = 0;
    let lastTextWidth = 0;
    for (const item of col.lines) {
      if ('space' in item) {
        y += ctx.len(item.space);
        continue;
      }
      if ('rule' in item) {
        y += ctx.len(item.spaceBefore);
        const full = item.rule === 'text' ? lastTextWidth : item.rule === 'column' ? width : ctx.len(item.rule);
        const len = Math.min(width, full * (item.ratio ?? 1));
        const x1 = align === 'left' ? left : align === 'right' ? left + width - len : left + (width - len) / 2;
        // 0.9 mm below the line box: closer, and the dot below Ậ/Ặ of a bold capital line touches it.
        const at = y + ctx.len(0.9);
        const thickness = item.thickness ?? 0.6;
        draws.push((page, top) => page.ops.push({ kind: 'line', x1, y1: top + at, x2: x1 + len, y2: top + at, width: thickness }));
        y += ctx.len(2.1);
        continue;
      }
      if (!ctx.visible(item.when)) continue;
      y += ctx.len(item.spaceBefore);
      const size = ctx.size(item.size);
      const lines = wrap(ctx.runs(item.text, item.style ?? 'regular', item.transform), ctx.fonts, size, width);
      const box = ctx.lineBox(size);
      const base = baselineOffset(ctx.fonts, size, ctx.lineHeight);
      for (const line of lines) {
        const lineTop = y;
        draws.push((page, top) => drawLine(page, line, { x: left, baseline: top + lineTop + base, width, size, align }));
        y += box;
      }
      lastTextWidth = Math.max(...lines.map((l) => l.width));
    }
    height = Math.max(height, y);
  }

  return [{ height, keepWithNext: Boolean(b.keepWithNext), draw: (page, top) => draws.forEach((d) => d(page, top)) }];
}
