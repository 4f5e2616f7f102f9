import type { FontStyle } from './font-set';

// What a laid-out page holds before it becomes PDF: a short list of drawing operations, in points,
// with y measured DOWN from the top edge of the page (as templates and readers think of a page).

export interface TextOp {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  style: FontStyle;
  text: string;
  /** Extra points after each space (justified lines). */
  wordSpacing?: number;
}

export interface LineOp {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

/** Many straight lines of one width (a table row's ruling): x1, y1, x2, y2 after one another. */
export interface RulesOp {
  kind: 'rules';
  width: number;
  coords: number[];
}

/** Filled black rectangles (barcode bars and QR modules), x/y of the top-left corner. */
export interface RectsOp {
  kind: 'rects';
  rects: { x: number; y: number; w: number; h: number }[];
}

/** Text with {page} and {pages} filled in once the whole document is laid out. */
export interface PageNumberOp {
  kind: 'pageNumber';
  /** Anchor: left edge, centre or right edge depending on `align`. */
  x: number;
  y: number;
  size: number;
  style: FontStyle;
  template: string;
  align: 'left' | 'center' | 'right';
}

export type Op = TextOp | LineOp | RulesOp | RectsOp | PageNumberOp;

export interface PageOps {
  width: number;
  height: number;
  /** Pages of one copy (form 01's two copies) are numbered on their own. */
  group: number;
  ops: Op[];
}
