import type { Chunk } from '../pdf/layout';
import { baselineOffset, drawLine } from '../pdf/layout';
import { code128, qrCode, type Symbol2D } from '../pdf/codes';
import type { PageOps } from '../pdf/page-ops';
import { wrap } from '../pdf/text-wrap';
import type { Block } from '../template-schema';
import type { BlockContext } from './block-context';

// The dossier code as Code 128 and the lookup address as a QR code, side by side in the text or
// at a fixed place. An item whose value is empty (no lookup page configured) is left out.

type Codes = Extract<Block, { type: 'codes' }>;

/** Rows of a QR code touch; a hair of overlap keeps renderers from showing seams between them. */
const SEAM = 0.05;

interface Placed {
  width: number;
  height: number;
  draw(page: PageOps, x: number, y: number): void;
}

function symbolDrawer(symbol: Symbol2D, width: number, height: number): Placed['draw'] {
  const mx = width / symbol.columns;
  const my = height / symbol.rows;
  return (page, x, y) =>
    page.ops.push({
      kind: 'rects',
      rects: symbol.rects.map((r) => ({
        x: x + r.x * mx,
        y: y + r.y * my,
        w: r.w * mx,
        h: r.h * my + (r.y + r.h < symbol.rows ? SEAM : 0),
      })),
    });
}

function placeItem(item: Codes['items'][number], ctx: BlockContext): Placed | null {
  if (!ctx.visible(item.when)) return null;
  const value = ctx.raw(item.value).trim();
  if (!value) return null;
  const width = ctx.len(item.width);
  const symbol = item.symbol === 'qr' ? qrCode(value) : code128(value);
  const height = item.symbol === 'qr' ? width : ctx.len(item.height, 12);
  const drawSymbol = symbolDrawer(symbol, width, height);
  if (item.caption === undefined) return { width, height, draw: drawSymbol };

  const size = ctx.size(item.captionSize ?? 9);
  const lines = wrap(ctx.runs(item.caption, 'regular'), ctx.fonts, size, width);
  const box = ctx.lineBox(size);
  const base = baselineOffset(ctx.fonts, size, ctx.lineHeight);
  const gap = ctx.len(0.8);
  return {
    width,
    height: height + gap + box * lines.length,
    draw: (page, x, y) => {
      drawSymbol(page, x, y);
      lines.forEach((line, i) => drawLine(page, line, { x, baseline: y + height + gap + i * box + base, width, size, align: 'center' }));
    },
  };
}

export function codesChunks(b: Codes, ctx: BlockContext): Chunk[] {
  const items = b.items.map((i) => placeItem(i, ctx)).filter((p): p is Placed => p !== null);
  if (items.length === 0) return [];
  const gap = ctx.len(b.gap, 6);
  const rowWidth = items.reduce((s, i) => s + i.width, 0) + gap * (items.length - 1);
  const height = Math.max(...items.map((i) => i.height));
  const drawRow = (page: PageOps, x0: number, top: number) => {
    let x = x0;
    for (const i of items) {
      i.draw(page, x, top);
      x += i.width + gap;
    }
  };
  if (b.at) {
    const at = b.at;
    return [{ height: 0, draw: (page) => drawRow(page, ctx.len(at.x), ctx.len(at.y)) }];
  }
  const { left, width } = ctx.frame;
  const align = b.align ?? 'center';
  const x0 = align === 'left' ? left : align === 'right' ? left + width - rowWidth : left + (width - rowWidth) / 2;
  return [{ height, keepWithNext: Boolean(b.keepWithNext), draw: (page, top) => drawRow(page, x0, top) }];
}
