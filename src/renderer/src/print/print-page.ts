import { GlobalWorkerOptions, getDocument, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { bytesOf } from '../printing/base64-bytes';

// The page the Electron printer prints (src/main/electron/electron-printer.ts). It runs in a
// hidden, sandboxed window with no bridge to the app: the main process hands it the PDF through
// executeJavaScript and calls `window.motcuaPrint.render`, which draws every page with pdf.js —
// set up as in printing/PdfPreview.tsx, under the app's CSP — onto a canvas the size of the
// paper, kept as one PNG image per sheet, with `@page` set to that size and no margin. Then the window is
// printed. Chromium's PDF viewer would do this itself, but it does not print silently.

GlobalWorkerOptions.workerSrc = workerUrl;

export interface Paper {
  widthMm: number;
  heightMm: number;
}

export interface PrintPage {
  /** Draws the PDF for `paper` at `dpi`; resolves with the number of sheets once all are drawn. */
  render(pdfBase64: string, paper: Paper, dpi?: number): Promise<number>;
}

declare global {
  interface Window {
    motcuaPrint?: PrintPage;
  }
}

const MM_PER_INCH = 25.4;

function fail(what: string, cause?: unknown): Error {
  const why = cause instanceof Error ? cause.message : cause === undefined ? '' : String(cause);
  return new Error(`motcua-print: ${what}${why ? ` (${why})` : ''}`);
}

/**
 * One page onto one sheet: scaled to fit, centred, turned a quarter when the page and the paper
 * differ in orientation (a landscape ledger on portrait A4), as a printer's "fit to page" does.
 */
async function drawSheet(page: PDFPageProxy, paper: Paper, dpi: number): Promise<HTMLCanvasElement> {
  const widthPx = Math.round((paper.widthMm / MM_PER_INCH) * dpi);
  const heightPx = Math.round((paper.heightMm / MM_PER_INCH) * dpi);
  const upright = page.getViewport({ scale: 1 });
  const turn = upright.width > upright.height !== widthPx > heightPx && upright.width !== upright.height;
  const rotation = (page.rotate + (turn ? 90 : 0)) % 360;
  const natural = page.getViewport({ scale: 1, rotation });
  const scale = Math.min(widthPx / natural.width, heightPx / natural.height);
  const viewport = page.getViewport({ scale, rotation });

  const canvas = document.createElement('canvas');
  canvas.width = widthPx;
  canvas.height = heightPx;
  const dx = Math.floor((widthPx - viewport.width) / 2);
  const dy = Math.floor((heightPx - viewport.height) / 2);
  await page.render({ canvas, viewport, intent: 'print', transform: [1, 0, 0, 1, dx, dy], background: '#ffffff' }).promise;
  return canvas;
}

/**
 * The drawn sheet as a lossless image, its canvas emptied: a canvas holds its raw pixels (~15 MB
 * an A4 sheet at 200 dpi) for as long as it lives, a PNG of a form page a few hundred KB. A long
 * document (the ledger) would otherwise need gigabytes in the hidden window.
 */
async function toImage(canvas: HTMLCanvasElement, paper: Paper): Promise<HTMLImageElement> {
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
  canvas.width = 0;
  canvas.height = 0;
  const img = document.createElement('img');
  img.className = 'sheet';
  img.alt = '';
  img.style.width = `${paper.widthMm}mm`;
  img.style.height = `${paper.heightMm}mm`;
  img.src = URL.createObjectURL(blob);
  await img.decode();
  return img;
}

function clearSheets(): void {
  document.body.querySelectorAll<HTMLImageElement>('img.sheet').forEach((img) => {
    URL.revokeObjectURL(img.src);
    img.remove();
  });
}

function setPaper(paper: Paper): void {
  let style = document.getElementById('motcua-paper');
  if (!style) {
    style = document.createElement('style');
    style.id = 'motcua-paper';
    document.head.append(style);
  }
  style.textContent = `@page { size: ${paper.widthMm}mm ${paper.heightMm}mm; margin: 0 }`;
}

async function render(pdfBase64: string, paper: Paper, dpi = 200): Promise<number> {
  const sane = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max;
  if (!paper || !sane(paper.widthMm, 10, 2000) || !sane(paper.heightMm, 10, 5000)) throw fail('invalid paper size');
  if (!sane(dpi, 72, 600)) throw fail('invalid resolution');
  if (typeof pdfBase64 !== 'string' || pdfBase64.length === 0) throw fail('no PDF');

  clearSheets();
  const task = getDocument({ data: bytesOf(pdfBase64), isEvalSupported: false });
  try {
    const pdf = await task.promise.catch((e: unknown) => {
      throw fail('the PDF could not be read', e);
    });
    if (pdf.numPages < 1) throw fail('the PDF has no pages');
    setPaper(paper);
    const sheets: HTMLImageElement[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const canvas = await drawSheet(page, paper, dpi).catch((e: unknown) => {
        throw fail(`page ${n} could not be drawn`, e);
      });
      page.cleanup();
      sheets.push(
        await toImage(canvas, paper).catch((e: unknown) => {
          throw fail(`page ${n} could not be kept as an image`, e);
        }),
      );
    }
    document.body.append(...sheets);
    return sheets.length;
  } finally {
    // The sheets are images now; the document and its worker are no longer needed.
    void task.destroy();
  }
}

window.motcuaPrint = { render };
