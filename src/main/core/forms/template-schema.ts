import { z } from 'zod';
import { FORM_KINDS } from '../../../shared/forms/form-kinds';
import { formsText } from '../../../shared/i18n/vi-forms';
import { FONT_STYLES } from './pdf/font-set';

// The format of resources/forms/NN.json (explained for a province's admin in
// resources/forms/README.md). Lengths are millimetres, font sizes points. A template says what
// goes where; the engine (blocks/) draws any template, so no form's wording lives in code.

const mmLength = z.number().min(0).max(400);
const fontSize = z.number().min(4).max(40);
const style = z.enum(FONT_STYLES);
const align = z.enum(['left', 'center', 'right']);
const textAlign = z.enum(['left', 'center', 'right', 'justify']);
const transform = z.enum(['upper', 'none']);
/** Placeholder names that must all have a value (a leading "!" : must be empty) for the block to print. */
const condition = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const common = {
  when: condition.optional(),
  spaceBefore: mmLength.optional(),
  spaceAfter: mmLength.optional(),
  /** Never leave this block alone at the foot of a page: it moves with the next one. */
  keepWithNext: z.boolean().optional(),
};

const textBlock = z.strictObject({
  type: z.literal('text'),
  ...common,
  text: z.string(),
  style: style.optional(),
  size: fontSize.optional(),
  align: textAlign.optional(),
  /** First-line indent. */
  indent: mmLength.optional(),
  /** Left indent of every line. */
  leftIndent: mmLength.optional(),
  transform: transform.optional(),
});

const titleBlock = textBlock.extend({ type: z.literal('title') });

const fieldBlock = z.strictObject({
  type: z.literal('field'),
  ...common,
  label: z.string(),
  value: z.string(),
  labelStyle: style.optional(),
  valueStyle: style.optional(),
  size: fontSize.optional(),
  leftIndent: mmLength.optional(),
  /** Where wrapped lines of the value start, from the left edge; default: under the value's first word. */
  hangingIndent: mmLength.optional(),
});

const columnText = z.strictObject({
  text: z.string(),
  style: style.optional(),
  size: fontSize.optional(),
  transform: transform.optional(),
  when: condition.optional(),
  spaceBefore: mmLength.optional(),
});
const columnRule = z.strictObject({
  /** "text": as long as the line above; "column": the column's width; a number: millimetres. */
  rule: z.union([z.enum(['text', 'column']), mmLength]),
  /** Share of that length actually drawn, centred (ND 30: 1/3 to 1/2 under the unit's name). */
  ratio: z.number().min(0.05).max(1).optional(),
  thickness: z.number().min(0.1).max(3).optional(),
  spaceBefore: mmLength.optional(),
});
const columnSpace = z.strictObject({ space: mmLength });
const column = z.strictObject({
  /** Share of the line: columns' widths are weights, e.g. 0.42 and 0.58. */
  width: z.number().positive().max(100),
  align: align.optional(),
  lines: z.array(z.union([columnText, columnRule, columnSpace])).min(1),
});
const columnsBlock = z.strictObject({
  type: z.literal('columns'),
  ...common,
  columns: z.array(column).min(1).max(6),
  gap: mmLength.optional(),
});

const tableColumn = z.strictObject({
  header: z.string(),
  /** A weight: the columns share the line in proportion. */
  width: z.number().positive().max(100),
  /** What each cell shows: {field} of the row, {no} its number, or any form placeholder. */
  value: z.string(),
  align: align.optional(),
});
const tableBlock = z.strictObject({
  type: z.literal('table'),
  ...common,
  /** Which list fills the rows (see README: checklist, missing, history, fees, ledger). */
  rows: z.string().min(1),
  columns: z.array(tableColumn).min(1).max(20),
  size: fontSize.optional(),
  headerSize: fontSize.optional(),
  headerStyle: style.optional(),
  /** Cell padding. */
  padding: mmLength.optional(),
  minRowHeight: mmLength.optional(),
  /** Empty ruled rows added after the data, to fill in by hand. */
  blankRows: z.number().int().min(0).max(50).optional(),
  /** Printed in one row across the table when there are no rows. */
  emptyText: z.string().optional(),
  /** Repeat the header row at the top of every page the table continues on (default true). */
  repeatHeader: z.boolean().optional(),
});

const codeItem = z.strictObject({
  symbol: z.enum(['code128', 'qr']),
  value: z.string(),
  /** Code 128: the bars' width; QR: the side of the square. */
  width: mmLength.refine((w) => w >= 5, { message: formsText.template.minCodeWidth }),
  /** Code 128 only: the bars' height. */
  height: mmLength.optional(),
  caption: z.string().optional(),
  captionSize: fontSize.optional(),
  when: condition.optional(),
});
const codesBlock = z.strictObject({
  type: z.literal('codes'),
  ...common,
  items: z.array(codeItem).min(1).max(4),
  align: align.optional(),
  gap: mmLength.optional(),
  /** Fixed place on the copy's first page, from the page's top-left corner; takes no room in the text. */
  at: z.strictObject({ x: mmLength, y: mmLength }).optional(),
});

const footnoteBlock = z.strictObject({
  type: z.literal('footnote'),
  ...common,
  text: z.string(),
  style: style.optional(),
  size: fontSize.optional(),
  /** "bottom": at the foot of the page; "flow": where it comes. */
  position: z.enum(['bottom', 'flow']).optional(),
  /** A short rule above the note. */
  rule: z.boolean().optional(),
});

const spacerBlock = z.strictObject({ type: z.literal('spacer'), height: mmLength, when: condition.optional() });
const pageBreakBlock = z.strictObject({ type: z.literal('pageBreak'), when: condition.optional() });

export const block = z.discriminatedUnion('type', [
  textBlock,
  titleBlock,
  fieldBlock,
  columnsBlock,
  tableBlock,
  codesBlock,
  footnoteBlock,
  spacerBlock,
  pageBreakBlock,
]);

const margins = z.strictObject({ top: mmLength, bottom: mmLength, left: mmLength, right: mmLength });
const paperLayout = z.strictObject({
  orientation: z.enum(['portrait', 'landscape']),
  margins,
  /** Every size of the template (type, spaces, codes) is multiplied by this: A5 uses about 0.75. */
  scale: z.number().min(0.4).max(1.5).default(1),
});

export const formTemplate = z.strictObject({
  /** Shown to whoever edits the file; not printed. */
  description: z.string().optional(),
  form: z.enum(FORM_KINDS),
  papers: z
    .strictObject({ A4: paperLayout.optional(), A5: paperLayout.optional() })
    .refine((p) => p.A4 || p.A5, { message: formsText.template.onePaper }),
  font: z.strictObject({ size: fontSize, lineHeight: z.number().min(0.9).max(3) }),
  /** Printed where a value is empty, to fill in by hand. */
  emptyValue: z.string().default('…………'),
  /** One set of pages per copy, each with its own {copy.label} (form 01: Liên 1, Liên 2). */
  copies: z.array(z.strictObject({ label: z.string() })).min(1).max(5).default([{ label: '' }]),
  pageNumbers: z
    .strictObject({
      text: z.string().refine((t) => t.includes('{page}'), { message: formsText.template.pageNumbersText }),
      size: fontSize.optional(),
      style: style.optional(),
      align: align.optional(),
    })
    .optional(),
  blocks: z.array(block).min(1).max(200),
});

export const BLOCK_TYPES = block.options.map((o) => o.shape.type.value);

export type FormTemplate = z.output<typeof formTemplate>;
export type Block = z.output<typeof block>;
export type PaperLayout = z.output<typeof paperLayout>;
export type ColumnLine = z.output<typeof column>['lines'][number];
export type Condition = z.output<typeof condition>;
