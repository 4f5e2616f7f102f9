import type { Row } from '../form-data';
import type { FontSet, FontStyle } from '../pdf/font-set';
import type { Frame } from '../pdf/layout';
import { fill, parseMarks, upper, type Run } from '../pdf/rich-text';
import { mm } from '../pdf/units';
import type { Condition } from '../template-schema';

// What every block needs to lay itself out: the text area, the fonts, the template's sizes at
// this paper's scale, and the form's data.

export class BlockContext {
  constructor(
    readonly fonts: FontSet,
    readonly frame: Frame,
    private readonly scale: number,
    private readonly bodySize: number,
    readonly lineHeight: number,
    private readonly emptyValue: string,
    readonly values: Row,
    readonly lists: Record<string, Iterable<Row>>,
  ) {}

  /** A template length in millimetres, in points at this paper's scale. */
  len(millimetres: number | undefined, fallback = 0): number {
    return mm(millimetres ?? fallback) * this.scale;
  }

  /** A template font size (points), at this paper's scale; absent: the body size. */
  size(points?: number): number {
    return (points ?? this.bodySize) * this.scale;
  }

  lineBox(size: number): number {
    return size * this.lineHeight;
  }

  /** Template text with its placeholders filled; an empty value prints the template's "to fill in" dots. */
  text(template: string, transform?: 'upper' | 'none'): string {
    const s = fill(template, (name) => this.values[name] || this.emptyValue);
    return transform === 'upper' ? upper(s) : s;
  }

  /** Template text with its placeholders filled as they are, empty or not (what a barcode encodes). */
  raw(template: string): string {
    return fill(template, (name) => this.values[name] ?? '');
  }

  /** Template text as styled runs: marks read from the template, placeholders filled after. */
  runs(template: string, style: FontStyle, transform?: 'upper' | 'none'): Run[] {
    return parseMarks(template, style).map((r) => ({ text: this.text(r.text, transform), style: r.style }));
  }

  /** A table cell: the row's fields first, then the form's values; empty stays empty. */
  cell(template: string, row: Row): string {
    return fill(template, (name) => row[name] ?? this.values[name] ?? '');
  }

  /** `when`: every name has a value ("!name": has none). */
  visible(when: Condition | undefined): boolean {
    if (!when) return true;
    return (Array.isArray(when) ? when : [when]).every((w) =>
      w.startsWith('!') ? !this.values[w.slice(1)] : Boolean(this.values[w]),
    );
  }
}
