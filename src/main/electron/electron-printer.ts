import { readFile } from 'node:fs/promises';
import { BrowserWindow, type PrinterInfo as ElectronPrinterInfo, type WebContentsPrintOptions } from 'electron';
import { AppError } from '../../shared/api/errors';
import { printingText } from '../../shared/i18n/vi-printing';
import type { PrintOptions, PrintOutcome, PrintRequest, PrinterDriver, PrinterInfo, PrinterState } from '../core/printing/printer-driver';

// Printing through Chromium, for when neither CUPS nor SumatraPDF is at hand (the core reaches
// it over the printer bridge: bridged-printer.ts, print-bridge-host.ts). Chromium's PDF viewer
// does not print silently in Electron, so a hidden, sandboxed window loads the app's print page
// (src/renderer/print.html), which draws every page of the PDF with pdf.js onto a sheet the size
// of the paper; that window is then printed silently. The PDF's bytes go to the page through
// executeJavaScript, never through a URL or the disk: they are a citizen's documents. Chromium
// tells us only that the job was handed to the system, so "completed" here means spooled, and a
// job cannot be cancelled once handed over.

export interface ElectronPrinterOptions {
  /** The print page: the built print.html, or the dev server's URL in development. */
  page: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  /** Resolution the pages are drawn at; 200 dpi keeps a Code 128 and a QR code readable. */
  dpi?: number;
  /** Reads the PDF; default fs.promises.readFile. */
  readPdf?: (path: string) => Promise<Buffer>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_DPI = 200;

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

/**
 * What the window runs: print-page.ts's render, which resolves with the number of sheets once
 * every page is drawn, or rejects when the PDF cannot be read.
 */
export function renderScript(pdf: Buffer, [widthMm, heightMm]: [number, number], dpi: number): string {
  return `(() => {
  const print = window.motcuaPrint;
  if (!print) return Promise.reject(new Error('motcua-print: the print page did not load'));
  return print.render(${JSON.stringify(pdf.toString('base64'))}, ${JSON.stringify({ widthMm, heightMm })}, ${JSON.stringify(dpi)});
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
  const readPdf = opts.readPdf ?? ((path: string) => readFile(path));
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
    const pdf = await readPdf(req.file).catch(() => {
      throw new AppError('PRINT_FAILED', { printer, reason: printingText.reasons['document-access-error'] ?? printingText.stockMessages.unknown });
    });

    // The whole job — loading the page, drawing, spooling — is bounded by the timeout and the
    // caller's signal; the window is destroyed either way, which ends whatever it was doing.
    return withWindow((win) =>
      bounded(printer, options, async () => {
        // Chromium prints to the default printer when the name is unknown: check first.
        const known = await win.webContents.getPrintersAsync();
        if (!known.some((p) => p.name === printer)) throw new AppError('PRINTER_NOT_FOUND', { printer, reason: printingText.driver.notInList });

        const loading = opts.page.kind === 'url' ? win.loadURL(opts.page.url) : win.loadFile(opts.page.path);
        await loading.catch(() => {
          throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.printPageFailed });
        });
        const sheets: unknown = await win.webContents.executeJavaScript(renderScript(pdf, paper.mm, opts.dpi ?? DEFAULT_DPI)).catch(() => {
          throw new AppError('PRINT_FAILED', { printer, reason: printingText.reasons['document-format-error'] ?? printingText.stockMessages.unknown });
        });
        if (typeof sheets !== 'number' || sheets < 1) throw new AppError('PRINT_FAILED', { printer, reason: printingText.driver.noPages });

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
        await spool(win, settings, printer);
        options.onProgress?.({ jobId, state: 'completed', reason: null });
        return { jobId, state: 'completed' as const };
      }),
    );
  }

  return { kind: 'electron', list, defaultPrinter: async () => null, print };
}

/** `work`, unless the timeout (PRINT_STUCK) or the caller's signal comes first. */
function bounded<T>(printer: string, options: PrintOptions, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const signal = options.signal;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new AppError('PRINT_STUCK', { printer, reason: printingText.stockMessages.unknown }))),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const onAbort = () => finish(() => reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted')));
    signal?.addEventListener('abort', onAbort, { once: true });
    work().then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/** webContents.print as a promise; bounded() gives up on it when it never answers. */
function spool(win: BrowserWindow, settings: WebContentsPrintOptions, printer: string): Promise<void> {
  return new Promise((resolve, reject) => {
    win.webContents.print(settings, (success, failureReason) => {
      if (success) return resolve();
      const reason = /cancel/i.test(failureReason) ? printingText.driver.canceled : printingText.driver.electronFailed(failureReason || 'unknown');
      reject(new AppError('PRINT_FAILED', { printer, reason }));
    });
  });
}
