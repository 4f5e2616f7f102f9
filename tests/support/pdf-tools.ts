import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The real tools a PDF is checked with (poppler-utils, qpdf, zbar-tools), run on files in a
// temp dir. Each helper returns what the tool printed, parsed just enough to assert on.

const run = promisify(execFile);
const MAX = 64 * 1024 * 1024;

export async function tool(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { maxBuffer: MAX, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** Writes the bytes to `dir/name` and returns the path. */
export function savePdf(dir: string, name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** `pdftotext -raw -enc UTF-8` of the whole file or of pages first..last. */
export async function pdfText(file: string, pages?: { first: number; last?: number }): Promise<string> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last ?? pages.first)] : [];
  const r = await tool('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, file, '-']);
  if (r.code !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** Text with every run of white space (line ends included) as one space: wrapped lines read as one. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const r = await tool('pdfinfo', ['-isodates', file]);
  if (r.code !== 0) throw new Error(`pdfinfo failed: ${r.stderr}`);
  return Object.fromEntries(
    r.stdout
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

export async function pageCount(file: string): Promise<number> {
  return Number((await pdfInfo(file)).Pages);
}

export async function qpdfCheck(file: string): Promise<{ code: number; output: string }> {
  const r = await tool('qpdf', ['--check', file]);
  return { code: r.code, output: r.stdout + r.stderr };
}

export interface FontRow {
  name: string;
  type: string;
  emb: string;
  sub: string;
  uni: string;
}

/** `pdffonts`: one row per font (columns after the name are fixed width, the name may not be). */
export async function pdfFonts(file: string): Promise<FontRow[]> {
  const r = await tool('pdffonts', [file]);
  if (r.code !== 0) throw new Error(`pdffonts failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
      return { name: m[1]!, type: m[2]!, emb: m[4]!, sub: m[5]!, uni: m[6]! };
    });
}

/** Renders one page (or its top `topPx` pixels) to PNG with pdftoppm; returns the PNG's path. */
export async function renderPage(file: string, page: number, dpi: number, outBase: string, topPx?: number): Promise<string> {
  // The width of an A4 page's long side covers the whole width in either orientation.
  const crop = topPx ? ['-x', '0', '-y', '0', '-W', String(Math.ceil((dpi * 842) / 72)), '-H', String(topPx)] : [];
  const r = await tool('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), ...crop, '-singlefile', file, outBase]);
  if (r.code !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  return `${outBase}.png`;
}

/** What zbarimg reads in an image, as "TYPE:data" strings (empty when it finds nothing). */
export async function readCodes(png: string): Promise<string[]> {
  const r = await tool('zbarimg', ['-q', png]);
  // zbarimg exits 4 when the image holds no symbol.
  if (r.code !== 0 && r.code !== 4) throw new Error(`zbarimg failed (${r.code}): ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

export interface WordBox {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  word: string;
}

/** Every word with its box in points (`pdftotext -bbox`), to check that nothing leaves the text area. */
export async function wordBoxes(file: string): Promise<{ pages: { width: number; height: number }[]; words: WordBox[] }> {
  const r = await tool('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  if (r.code !== 0) throw new Error(`pdftotext -bbox failed: ${r.stderr}`);
  const pages: { width: number; height: number }[] = [];
  const words: WordBox[] = [];
  for (const line of r.stdout.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) pages.push({ width: Number(p[1]), height: Number(p[2]) });
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (w) words.push({ page: pages.length, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), word: w[5]! });
  }
  return { pages, words };
}
