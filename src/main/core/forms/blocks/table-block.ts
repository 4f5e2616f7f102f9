import type { Row } from '../form-data';
import type { Chunk } from '../pdf/layout';
import { baselineOffset, drawLine } from '../pdf/layout';
import type { PageOps } from '../pdf/page-ops';
import { parseMarks } from '../pdf/rich-text';
import { wrap, type Line } from '../pdf/text-wrap';
import type { Block } from '../template-schema';
import type { BlockContext } from './block-context';

// Ruled tables: the documents of form 01, the missing documents of 02, the steps of 06 and the
// ledger (07). One chunk per row, made as rows are read; the header row is repeated on every
// page the table continues on; a row taller than a page is cut between its lines.

type Table = Extract<Block, { type: 'table' }>;

const RULE = 0.5;

interface Geometry {
  xs: number[];
  widths: number[];
  pad: number;
  padY: number;
  size: number;
  box: number;
  base: number;
}

function geometry(b: Table, ctx: BlockContext): Geometry {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => (ctx.frame.width * c.width) / total);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), ctx.frame.left);
  const size = ctx.size(b.size);
  return {
    xs,
    widths,
    pad: ctx.len(b.padding, 1.2),
    padY: ctx.len(b.padding, 1.2) * 0.6,
    size,
    box: ctx.lineBox(size),
    base: baselineOffset(ctx.fonts, size, ctx.lineHeight),
  };
}

/** Draws the ruling of one row slice: its outline and the lines between columns. */
function rules(page: PageOps, g: Geometry, top: number, height: number, spans = false): void {
  const left = g.xs[0]!;
  const right = g.xs[g.xs.length - 1]! + g.widths[g.widths.length - 1]!;
  const bottom = top + height;
  const coords = [left, top, right, top, left, bottom, right, bottom];
  for (const x of spans ? [left, right] : [...g.xs, right]) coords.push(x, top, x, bottom);
  page.ops.push({ kind: 'rules', width: RULE, coords });
}

type Cell = { lines: Line[]; align: 'left' | 'center' | 'right' };

/** Row slices: lines [from, to) of every cell; more than one slice only when the row exceeds `maxHeight`. */
function rowChunks(cells: Cell[], g: Geometry, minHeight: number, maxHeight: number, header?: Chunk, spans = false): Chunk[] {
  const count = Math.max(1, ...cells.map((c) => c.lines.length));
  const perSlice = Math.max(1, Math.floor((maxHeight - 2 * g.padY) / g.box));
  const chunks: Chunk[] = [];
  for (let from = 0; from < count; from += perSlice) {
    const to = Math.min(count, from + perSlice);
    const height = Math.max(minHeight, (to - from) * g.box + 2 * g.padY);
    chunks.push({
      height,
      ...(header ? { continuation: header } : {}),
      draw: (page, top) => {
        rules(page, g, top, height, spans);
        cells.forEach((cell, c) => {
          const x = g.xs[c]! + g.pad;
          const width = (spans ? g.widths.reduce((s, w) => s + w, 0) : g.widths[c]!) - 2 * g.pad;
          for (let i = from; i < Math.min(to, cell.lines.length); i++) {
            drawLine(page, cell.lines[i]!, { x, baseline: top + g.padY + (i - from) * g.box + g.base, width, size: g.size, align: cell.align });
          }
        });
      },
    });
  }
  return chunks;
}

export function* tableChunks(b: Table, ctx: BlockContext): Generator<Chunk> {
  const g = geometry(b, ctx);
  const headerSize = ctx.size(b.headerSize ?? b.size);
  const hg: Geometry = { ...g, size: headerSize, box: ctx.lineBox(headerSize), base: baselineOffset(ctx.fonts, headerSize, ctx.lineHeight) };
  const headerCells: Cell[] = b.columns.map((c, i) => ({
    lines: wrap(ctx.runs(c.header, b.headerStyle ?? 'bold'), ctx.fonts, headerSize, g.widths[i]! - 2 * g.pad),
    align: 'center',
  }));
  const pageHeight = ctx.frame.bottom - ctx.frame.top;
  const [header] = rowChunks(headerCells, hg, 0, pageHeight, undefined);
  const repeat = b.repeatHeader !== false ? header! : undefined;
  const maxRow = pageHeight - (repeat ? repeat.height : 0);
  const minRow = ctx.len(b.minRowHeight);

  // The header goes with the first row; marks in values are not read (only the template's).
  yield { ...header!, keepWithNext: true };
  const templates = b.columns.map((c) => parseMarks(c.value, 'regular'));
  let no = 0;
  for (const row of ctx.lists[b.rows] ?? []) {
    no++;
    const data: Row = { ...row, no: String(no) };
    const cells: Cell[] = templates.map((runs, i) => ({
      lines: wrap(
        runs.map((r) => ({ text: ctx.cell(r.text, data), style: r.style })),
        ctx.fonts,
        g.size,
        g.widths[i]! - 2 * g.pad,
      ),
      align: b.columns[i]!.align ?? 'left',
    }));
    yield* rowChunks(cells, g, minRow, maxRow, repeat);
  }
  if (no === 0 && b.emptyText) {
    const lines = wrap(ctx.runs(b.emptyText, 'italic'), ctx.fonts, g.size, ctx.frame.width - 2 * g.pad);
    yield* rowChunks([{ lines, align: 'center' }], g, minRow, maxRow, repeat, true);
  }
  const blank = b.columns.map(() => ({ lines: [], align: 'left' as const }));
  for (let i = 0; i < (b.blankRows ?? 0); i++) yield* rowChunks(blank, g, Math.max(minRow, g.box * 2), maxRow, repeat);
}
