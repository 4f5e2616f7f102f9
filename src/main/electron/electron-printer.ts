import { BrowserWindow, type PrinterInfo as ElectronPrinterInfo, type WebContentsPrintOptions } from 'electron';
import { AppError } from '../../shared/api/errors';
import { printingText } from '../../shared/i18n/vi-printing';
import type { PrintOptions, PrintOutcome, PrintRequest, PrinterDriver, PrinterInfo, PrinterState } from '../core/printing/printer-driver';

// Printing through Chromium, for when neither CUPS nor SumatraPDF is at hand. Chromium's PDF
// viewer does not print silently in Electron, so the PDF's pages come in as images (PNG at
// 200 dpi, from the `pages` provider) and a hidden, sandboxed window prints a page holding one
// <img> per sheet, each sized to the paper. The images are set by executeJavaScript rather than
// written into the data: URL, which Chromium caps at 2 MB, and never touch the disk: they are a
// citizen's documents. Chromium tells us only that the job was handed to the system, so
// "completed" here means spooled, and a job cannot be cancelled once handed over.

export interface ElectronPrinterOptions {
  /** The document's pages as PNG images at 200 dpi, in order. */
  pages: (req: PrintRequest) => Promise<Buffer[]>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** Paper sizes Electron knows by name, with their size in mm for the page's layout. */
const NAMED_PAPER: Record<string, { name: 'A3' | 'A4' | 'A5' | 'A6' | 'Letter' | 'Legal'; mm: [number, number] }> = {
  a3: { name: 'A3', mm: [297, 420] },
  a4: { name: 'A4', mm: [210, 297] },
  a5: { name: 'A5', mm: [148, 210] },
  a6: { name: 'A6', mm: [105, 148] },
  letter: { name: 'Letter', mm: [215.9, 279.4] },
  legal: { name: 'Legal', mm: [215.9, 355.6] },
};

/** 'A4' → Electron's name; 'Custom.80x200mm' (the slip) → microns. */
export function paperFor(media: string): { pageSize: WebContentsPrintOptions['pageSize']; mm: [number, number] } | null {
  const named = NAMED_PAPER[media.trim().toLowerCase()];
  if (named) return { pageSize: named.name, mm: named.mm };
  const custom = /^Custom\.(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)mm$/.exec(media.trim());
  if (!custom) return null;
  const mm: [number, number] = [Number(custom[1]), Number(custom[2])];
  return { pageSize: { width: Math.round(mm[0] * 1000), height: Math.round(mm[1] * 1000) }, mm };
}

/** The page that is printed: one empty <img> per sheet, filled in afterwards. */
export function sheetHtml(count: number, [width, height]: [number, number]): string {
  const img = `<img alt="">`;
  return [
    '<!doctype html><html><head><meta charset="utf-8"><style>',
    `@page { size: ${width}mm ${height}mm; margin: 0 }`,
    'html, body { margin: 0; padding: 0 }',
    `img { display: block; width: ${width}mm; height: ${height}mm; page-break-after: always }`,
    'img:last-child { page-break-after: auto }',
    '</style></head><body>',
    img.repeat(count),
    '</body></html>',
  ].join('');
}

/** Sets each <img> to its page and resolves once every image is decoded, so none prints blank. */
export function fillScript(pages: Buffer[]): string {
  const sources = pages.map((png) => `data:image/png;base64,${png.toString('base64')}`);
  return `(async () => {
  const sources = ${JSON.stringify(sources)};
  const images = Array.from(document.images);
  sources.forEach((src, i) => { images[i].src = src; });
  await Promise.all(images.map((image) => image.decode()));
  return images.length;
})()`;
}

const STATES: Record<string, PrinterState> = { '3': 'idle', '4': 'printing', '5': 'stopped' };

/** Electron's printer → ours. On Linux and macOS, `options` carries the CUPS attributes. */
export function toPrinterInfo(printer: ElectronPrinterInfo): PrinterInfo {
  const options = (printer.options ?? {}) as Record<string, string | undefined>;
  const state = STATES[options['printer-state'] ?? ''] ?? 'unknown';
  const accepting = options['printer-is-accepting-jobs'] !== 'false';
  const troubled = state === 'stopped' || !accepting;
  return {
    name: printer.name,
    description: printer.description || printer.displayName || printer.name,
    // Electron's PrinterInfo no longer says which printer is the default.
    isDefault: false,
    state,
    accepting,
    reason: troubled ? options['printer-state-message'] || options['printer-state-reasons'] || null : null,
  };
}

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 800,
    height: 600,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      // No preload: this page gets no bridge to the app.
    },
  });
}

export function createElectronPrinter(opts: ElectronPrinterOptions): PrinterDriver {
  let jobs = 0;

  async function withWindow<T>(work: (win: BrowserWindow) => Promise<T>): Promise<T> {
    const win = hiddenWindow();
    try {
      return await work(win);
    } finally {
      win.destroy();
    }
  }

  async function list(): Promise<PrinterInfo[]> {
    return withWindow(async (win) => (await win.webContents.getPrintersAsync()).map(toPrinterInfo));
  }

  async function print(req: PrintRequest, options: PrintOptions = {}): Promise<PrintOutcome> {
    const { printer } = req;
    options.signal?.throwIfAborted();
    if (!Number.isInteger(req.copies) || req.copies < 1 || req.copies > 999) {
      throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.invalidCopies(req.copies) });
    }
    const paper = paperFor(req.media);
    if (!paper) throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.invalidMedia(req.media) });
    const pages = await opts.pages(req);
    if (pages.length === 0) throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.noPages });

    return withWindow(async (win) => {
      // Chromium prints to the default printer when the name is unknown: check first.
      const known = await win.webContents.getPrintersAsync();
      if (!known.some((p) => p.name === printer)) throw new AppError('PRINTER_NOT_FOUND', { printer, reason: printingText.driver.notInList });

      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(sheetHtml(pages.length, paper.mm))}`);
      await win.webContents.executeJavaScript(fillScript(pages));

      jobs += 1;
      const jobId = `${printer}-electron-${jobs}`;
      options.onProgress?.({ jobId, state: 'processing', reason: null });
      const settings: WebContentsPrintOptions = {
        silent: true,
        deviceName: printer,
        copies: req.copies,
        pageSize: paper.pageSize,
        margins: { marginType: 'none' },
        printBackground: true,
        header: '',
        footer: '',
      };
      await spool(win, settings, printer, options);
      options.onProgress?.({ jobId, state: 'completed', reason: null });
      return { jobId, state: 'completed' as const };
    });
  }

  return { kind: 'electron', list, defaultPrinter: async () => null, print };
}

/** webContents.print as a promise, bounded by the timeout and the caller's signal. */
function spool(win: BrowserWindow, settings: WebContentsPrintOptions, printer: string, options: PrintOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    const timer = setTimeout(
      () => finish(new AppError('PRINT_STUCK', { printer, reason: printingText.stockMessages.unknown })),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    function finish(error?: Error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    }
    win.webContents.print(settings, (success, failureReason) => {
      if (success) return finish();
      const reason = /cancel/i.test(failureReason) ? printingText.driver.canceled : printingText.driver.electronFailed(failureReason || 'unknown');
      finish(new AppError('PRINT_FAILED', { printer, reason }));
    });
  });
}
