import type { FontStyle } from './font-set';

// Template text: {name} placeholders and two marks, **bold** and __italic__. Marks are read in
// the template only; values put into placeholders are never interpreted, whatever they contain.

export interface Run {
  text: string;
  style: FontStyle;
}

export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_.]*)\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function combine(base: FontStyle, bold: boolean, italic: boolean): FontStyle {
  const b = bold || base === 'bold' || base === 'boldItalic';
  const i = italic || base === 'italic' || base === 'boldItalic';
  return b && i ? 'boldItalic' : b ? 'bold' : i ? 'italic' : 'regular';
}

/** Splits a template string at its marks; placeholders stay in the runs' text. */
export function parseMarks(template: string, base: FontStyle): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  for (const part of template.split(/(\*\*|__)/)) {
    if (part === '**') bold = !bold;
    else if (part === '__') italic = !italic;
    else if (part) runs.push({ text: part, style: combine(base, bold, italic) });
  }
  return runs;
}

/** Fills placeholders with `lookup(name)`. */
export function fill(template: string, lookup: (name: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => lookup(name));
}

export function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}
