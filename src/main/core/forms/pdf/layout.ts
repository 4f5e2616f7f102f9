import type { FontSet } from './font-set';
import type { PageOps } from './page-ops';
import type { Line } from './text-wrap';

// First pass: blocks become "chunks", slices that never split across pages (a line of text, a
// table row, a signature block), and the flow stacks them onto pages, starting a new page when
// the next chunk does not fit. Chunks come from iterators, so a ledger's rows are laid out as
// they are read.

export interface Frame {
  left: number;
  top: number;
  /** Right edge of the text area. */
  right: number;
  /** Bottom edge of the text area, measured from the top of the page. */
  bottom: number;
  width: number;
  pageWidth: number;
  pageHeight: number;
}

export interface Chunk {
  height: number;
  draw(page: PageOps, top: number): void;
  /** Goes to the next page together with the chunk after it. */
  keepWithNext?: boolean;
  /** Drawn first when this chunk has to open a new page (a table's header row). */
  continuation?: Chunk;
  /** Sits at the foot of the page (footnotes). */
  pin?: 'bottom';
  /** Dropped at the top of a page (space between blocks). */
  collapsible?: boolean;
  /** Always opens a new page. */
  pageBreak?: boolean;
}

export class Flow {
  readonly pages: PageOps[] = [];
  private page: PageOps | null = null;
  private y = 0;
  private group = 0;

  constructor(
    readonly frame: Frame,
    private readonly onNewPage: (page: PageOps) => void = () => {},
    /** Called once a page is complete (nothing draws on it any more), in order. */
    private readonly onPageDone?: (page: PageOps) => void,
  ) {}

  /** Completes the last page. */
  finish(): void {
    if (this.page) this.onPageDone?.(this.page);
  }

  /** Starts a new set of pages (a copy): a new page, numbered from 1. */
  startGroup(): void {
    if (this.page) this.group++;
    this.newPage();
  }

  private newPage(): void {
    if (this.page) this.onPageDone?.(this.page);
    this.page = { width: this.frame.pageWidth, height: this.frame.pageHeight, group: this.group, ops: [] };
    this.pages.push(this.page);
    this.y = this.frame.top;
    this.onNewPage(this.page);
  }

  private get remaining(): number {
    return this.frame.bottom - this.y;
  }

  private get atTop(): boolean {
    return this.y <= this.frame.top + 0.01;
  }

  private breakBefore(chunk: Chunk): void {
    this.newPage();
    if (chunk.continuation) this.drawHere(chunk.continuation);
  }

  private drawHere(chunk: Chunk): void {
    chunk.draw(this.page!, this.y);
    this.y += chunk.height;
  }

  private placeOne(chunk: Chunk): void {
    if (chunk.pageBreak) {
      if (!this.atTop) this.newPage();
      return;
    }
    if (chunk.collapsible && this.atTop) return;
    if (chunk.pin === 'bottom') {
      if (chunk.height > this.remaining && !this.atTop) this.newPage();
      chunk.draw(this.page!, this.frame.bottom - chunk.height);
      this.y = this.frame.bottom;
      return;
    }
    if (chunk.height > this.remaining + 0.01 && !this.atTop) this.breakBefore(chunk);
    this.drawHere(chunk);
  }

  private placeGroup(group: Chunk[]): void {
    const total = group.reduce((s, c) => s + (c.collapsible ? 0 : c.height), 0);
    const fitsOnAPage = total <= this.frame.bottom - this.frame.top;
    if (group.length > 1 && fitsOnAPage && total > this.remaining + 0.01 && !this.atTop) {
      const first = group.find((c) => !c.collapsible);
      if (first) this.breakBefore(first);
    }
    for (const c of group) this.placeOne(c);
  }

  /** Stacks chunks onto pages, keeping each chunk marked keepWithNext with the one after it. */
  place(chunks: Iterable<Chunk>): void {
    if (!this.page) this.newPage();
    let pending: Chunk[] = [];
    for (const c of chunks) {
      pending.push(c);
      if (c.keepWithNext) continue;
      this.placeGroup(pending);
      pending = [];
    }
    if (pending.length) this.placeGroup(pending);
  }
}

/** Where the baseline of a line of type `size` sits in a line box of `lineHeight` × size. */
export function baselineOffset(fonts: FontSet, size: number, lineHeight: number): number {
  return ((lineHeight - (fonts.ascent + fonts.descent)) * size) / 2 + fonts.ascent * size;
}

/**
 * Draws a wrapped line starting at x (left edge of the line box) in a box `width` wide.
 * Justified lines spread their spaces; the last line of a paragraph stays ragged.
 */
export function drawLine(
  page: PageOps,
  line: Line,
  opts: { x: number; baseline: number; width: number; size: number; align: 'left' | 'center' | 'right' | 'justify' },
): void {
  const slack = opts.width - line.width;
  let x = opts.x;
  let extra = 0;
  if (opts.align === 'center') x += slack / 2;
  else if (opts.align === 'right') x += slack;
  else if (opts.align === 'justify' && !line.last && line.spaces > 0 && slack > 0) {
    extra = slack / line.spaces;
    // A line with one or two words in a wide box looks worse spread than ragged.
    if (extra > opts.size * 1.2) extra = 0;
  }
  for (const p of line.pieces) {
    const text = p.text.replace(/ +$/, '');
    if (!text) continue;
    page.ops.push({
      kind: 'text',
      x: x + p.x + extra * p.spacesBefore,
      y: opts.baseline,
      size: opts.size,
      style: p.style,
      text,
      ...(extra > 0 ? { wordSpacing: extra } : {}),
    });
  }
}
