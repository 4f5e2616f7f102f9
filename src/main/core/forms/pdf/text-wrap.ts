import type { FontSet, FontStyle } from './font-set';
import type { Run } from './rich-text';

// Line breaking at spaces (Vietnamese words are syllables separated by spaces), greedy, over
// runs of mixed styles. A word wider than the line (a long code, a URL) is cut between letters.

export interface Piece {
  text: string;
  style: FontStyle;
  /** Offset from the line's start when set ragged-right. */
  x: number;
  /** Spaces on the line before this piece: justification moves the piece by that many gaps. */
  spacesBefore: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
  /** Spaces inside the line (between words). */
  spaces: number;
  /** Ends the paragraph: never justified. */
  last: boolean;
}

interface Part {
  text: string;
  style: FontStyle;
  width: number;
}
interface Word {
  parts: Part[];
  width: number;
}

function wordsOf(runs: Run[], fonts: FontSet, size: number): Word[] {
  const words: Word[] = [];
  let current: Word | null = null;
  for (const run of runs) {
    for (const token of run.text.split(/(\s+)/)) {
      if (!token) continue;
      if (/^\s+$/.test(token)) {
        current = null;
        continue;
      }
      if (!current) {
        current = { parts: [], width: 0 };
        words.push(current);
      }
      const width = fonts.width(token, run.style, size);
      current.parts.push({ text: token, style: run.style, width });
      current.width += width;
    }
  }
  return words;
}

/** Characters after which a long word (a code, an address on the web) is best cut. */
const SOFT_BREAK = /[-/.,;:?&=_)]/;

/** Cuts a word into pieces no wider than `width` (at least one letter each), after a hyphen, slash or dot if one is near. */
function cutWord(word: Word, width: number, fonts: FontSet, size: number): Word[] {
  const chars = word.parts.flatMap((p) => [...p.text].map((ch) => ({ ch, style: p.style, w: fonts.width(ch, p.style, size) })));
  const out: Word[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let used = 0;
    while (end < chars.length && (end === start || used + chars[end]!.w <= width)) used += chars[end++]!.w;
    if (end < chars.length) {
      // Back up to the last soft break in the second half of the piece, if there is one.
      for (let k = end - 1; k > start + (end - start) / 2; k--) {
        if (SOFT_BREAK.test(chars[k]!.ch)) {
          end = k + 1;
          break;
        }
      }
    }
    const piece: Word = { parts: [], width: 0 };
    for (const c of chars.slice(start, end)) {
      const last = piece.parts[piece.parts.length - 1];
      if (last && last.style === c.style) {
        last.text += c.ch;
        last.width += c.w;
      } else piece.parts.push({ text: c.ch, style: c.style, width: c.w });
      piece.width += c.w;
    }
    out.push(piece);
    start = end;
  }
  return out;
}

function lineOf(words: Word[], fonts: FontSet, size: number, last: boolean): Line {
  const pieces: Piece[] = [];
  let x = 0;
  let spaces = 0;
  words.forEach((word, i) => {
    if (i > 0) {
      const prev = pieces[pieces.length - 1]!;
      const sw = fonts.width(' ', prev.style, size);
      prev.text += ' ';
      x += sw;
      spaces++;
    }
    for (const part of word.parts) {
      const prev = pieces[pieces.length - 1];
      if (prev && prev.style === part.style) prev.text += part.text;
      else pieces.push({ text: part.text, style: part.style, x, spacesBefore: spaces });
      x += part.width;
    }
  });
  return { pieces, width: x, spaces, last };
}

/**
 * Breaks runs into lines: the first `firstWidth` wide (indent, or a label before a value),
 * the others `width`. Returns at least one line (empty when there is no text).
 */
export function wrap(runs: Run[], fonts: FontSet, size: number, width: number, firstWidth = width): Line[] {
  const lines: Line[] = [];
  let current: Word[] = [];
  let currentWidth = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const flush = () => {
    lines.push(lineOf(current, fonts, size, false));
    current = [];
    currentWidth = 0;
  };
  const queue = wordsOf(runs, fonts, size);
  while (queue.length) {
    const word = queue.shift()!;
    const space = current.length ? fonts.width(' ', current[current.length - 1]!.parts.at(-1)!.style, size) : 0;
    if (currentWidth + space + word.width <= limit() + 0.01) {
      current.push(word);
      currentWidth += space + word.width;
      continue;
    }
    if (current.length) {
      flush();
      queue.unshift(word);
      continue;
    }
    // Alone and still too wide: cut it, keep the rest for the next lines.
    const [head, ...rest] = cutWord(word, limit(), fonts, size);
    current.push(head!);
    currentWidth = head!.width;
    flush();
    queue.unshift(...rest);
  }
  if (current.length || lines.length === 0) lines.push(lineOf(current, fonts, size, true));
  else lines[lines.length - 1]!.last = true;
  return lines;
}
