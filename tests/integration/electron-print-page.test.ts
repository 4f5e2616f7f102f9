import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import sirv from 'sirv';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFormRenderer } from '../../src/main/core/forms/form-renderer';
import { slipAsPdf } from '../../src/main/core/printing/slip-as-pdf';
import { slipData } from '../../src/main/core/slip/slip-data';
import { createSlipRenderer } from '../../src/main/core/slip/slip-renderer';
import type { PrinterDriver } from '../../src/main/core/printing/printer-driver';
import { rendererConfig } from '../../vite.renderer.config';
import { failure } from '../support/app-error';
import { projectRoot } from '../support/host-process';
import { pageCount, pdfInfo, readCodes, renderPage } from '../support/pdf-tools';
import { makeTempDir } from '../support/temp-dir';
import { CODE, ctx, longDossier, office } from '../unit/forms/form-fixtures';
import { office as slipOffice, sampleDetail } from '../unit/slip/slip-fixtures';

// The Electron printer's print page in a real Chromium. Electron's binary cannot run here, so
// electron's BrowserWindow is played by a Chromium tab driven through playwright-core: the
// driver's loadURL is the tab's goto, executeJavaScript its evaluate, and webContents.print
// becomes page.pdf({ preferCSSPageSize: true }) — Chromium's own printing of the same page,
// with the @page size the print page sets, which is what it hands a printer. The page is built
// by Vite from src/renderer/print.html as `npm run build` builds it, served on 127.0.0.1 under
// the app's CSP, and the printed output is read back with pdfinfo, pdftoppm and zbarimg.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PRINTER = 'Máy in tầng 1';

const chrome = vi.hoisted(() => ({
  browser: null as import('playwright-core').Browser | null,
  /** What each print produced, in order. */
  printed: [] as { settings: Record<string, unknown>; pdf: Buffer; sheets: { images: number; canvases: number } }[],
  /** Console errors and CSP violations of the print page. */
  problems: [] as string[],
}));

vi.mock('electron', () => {
  class ChromiumWindow {
    private readonly page: Promise<Page>;
    readonly webContents: Record<string, unknown>;
    constructor(readonly options: Record<string, unknown>) {
      if (!chrome.browser) throw new Error('no browser');
      this.page = chrome.browser.newPage().then((page) => {
        page.on('console', (m) => {
          // Chromium's note that frame-ancestors means nothing in a <meta> policy (the app's own
          // index.html gets it too) is no violation: the headers carry it where it matters.
          if (/ignored when delivered via a <meta> element/.test(m.text())) return;
          if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) chrome.problems.push(m.text());
        });
        page.on('pageerror', (e) => chrome.problems.push(e.message));
        return page;
      });
      this.webContents = {
        getPrintersAsync: async () => [{ name: PRINTER, displayName: PRINTER, description: '', options: {} }],
        executeJavaScript: async (script: string) => (await this.page).evaluate(script),
        print: (settings: Record<string, unknown>, callback: (ok: boolean, why: string) => void) => {
          void this.page
            .then(async (page) => ({
              // What is on the page when it prints: one image per sheet (a canvas would hold its raw pixels).
              sheets: (await page.evaluate(
                "({ images: document.querySelectorAll('img.sheet').length, canvases: document.querySelectorAll('canvas').length })",
              )) as { images: number; canvases: number },
              pdf: await page.pdf({ preferCSSPageSize: true, printBackground: settings.printBackground === true }),
            }))
            .then(
              ({ sheets, pdf }) => {
                chrome.printed.push({ settings, pdf, sheets });
                callback(true, '');
              },
              (e: unknown) => callback(false, String(e)),
            );
        },
      };
    }
    async loadURL(url: string) {
      await (await this.page).goto(url);
    }
    async loadFile() {
      throw new Error('the test serves the page over HTTP');
    }
    destroy() {
      void this.page.then((page) => page.close());
    }
  }
  return { BrowserWindow: ChromiumWindow };
});

const { createElectronPrinter, renderScript } = await import('../../src/main/electron/electron-printer');

const MM = 72 / 25.4;

/** pdfinfo's "Page size: 226.772 x 566.929 pts" as numbers. */
async function pageSize(file: string): Promise<[number, number]> {
  const m = /^([\d.]+) x ([\d.]+) pts/.exec((await pdfInfo(file))['Page size'] ?? '');
  if (!m) throw new Error('no page size');
  return [Number(m[1]), Number(m[2])];
}

describe('the Electron print page in a real Chromium', () => {
  const tmp = makeTempDir('motcua-print-page-');
  let server: Server;
  let pageUrl: string;
  let browser: Browser;
  let driver: PrinterDriver;
  let form01: Uint8Array;
  let form01File: string;
  let slipFile: string;

  beforeAll(async () => {
    // A build of just the print page, as electron-vite builds it (same config, same CSP).
    const outDir = join(tmp.dir, 'page');
    await build({
      ...rendererConfig,
      configFile: false,
      logLevel: 'warn',
      build: { ...rendererConfig.build, outDir, emptyOutDir: true, rollupOptions: { input: join(projectRoot, 'src/renderer/print.html') } },
    });
    const serve = sirv(outDir, { dev: false });
    server = createServer((req, res) =>
      serve(req, res, () => {
        res.writeHead(404).end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/print.html`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    chrome.browser = browser;
    driver = createElectronPrinter({ page: { kind: 'url', url: pageUrl } });

    form01 = await createFormRenderer({ resourcesDir: join(projectRoot, 'resources') }).renderDossierForm('01', longDossier(), undefined, { paper: 'A4' }, ctx);
    form01File = join(tmp.dir, 'form01.pdf');
    writeFileSync(form01File, form01);
    // The slip as print-service.ts sends it to a system printer: its PNG as an 80 mm wide PDF.
    const slips = createSlipRenderer({ resourcesDir: join(projectRoot, 'resources'), chromiumPath: CHROMIUM });
    try {
      slipFile = join(tmp.dir, 'slip.pdf');
      writeFileSync(slipFile, await slipAsPdf(await slips.render(slipData(sampleDetail(), slipOffice))));
    } finally {
      await slips.close();
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    tmp.cleanup();
  });

  /** Prints the PDF through the driver on `media`; returns the printed PDF's path. */
  async function printPdf(source: string, media: string, name: string): Promise<{ file: string; settings: Record<string, unknown> }> {
    chrome.printed = [];
    chrome.problems = [];
    const outcome = await driver.print({ printer: PRINTER, file: source, copies: 1, media, title: 'Mot Cua Desk' });
    expect(outcome.state).toBe('completed');
    expect(chrome.printed).toHaveLength(1);
    const file = join(tmp.dir, `${name}.pdf`);
    writeFileSync(file, chrome.printed[0]!.pdf);
    // No CSP violation, no script error: the page works under the app's policy.
    expect(chrome.problems).toEqual([]);
    return { file, settings: chrome.printed[0]!.settings };
  }

  const expectedCodes = [`CODE-128:${CODE}`, `QR-Code:${office.lookupUrlPattern.replace('{code}', CODE)}`];

  it('prints form 01 on A4: one sheet per page, A4 sized, and both codes still scan', async () => {
    const pages = await pageCount(form01File);
    expect(pages).toBeGreaterThan(1);
    const { file, settings } = await printPdf(form01File, 'A4', 'printed-a4');
    expect(settings).toMatchObject({ silent: true, deviceName: PRINTER, pageSize: 'A4', margins: { marginType: 'none' } });

    expect(await pageCount(file)).toBe(pages);
    expect(chrome.printed[0]!.sheets).toEqual({ images: pages, canvases: 0 });
    const [w, h] = await pageSize(file);
    expect(Math.abs(w - 210 * MM)).toBeLessThan(1);
    expect(Math.abs(h - 297 * MM)).toBeLessThan(1);

    const codes = await readCodes(await renderPage(file, 1, 200, join(tmp.dir, 'printed-a4'), 1000));
    expect(codes).toEqual(expect.arrayContaining(expectedCodes));
  });

  it('prints form 01 on 80 × 200 mm paper: one sheet per page, each the custom size', async () => {
    const { file, settings } = await printPdf(form01File, 'Custom.80x200mm', 'printed-80');
    expect(settings).toMatchObject({ pageSize: { width: 80_000, height: 200_000 } });
    expect(await pageCount(file)).toBe(await pageCount(form01File));
    const [w, h] = await pageSize(file);
    expect(Math.abs(w - 80 * MM)).toBeLessThan(1);
    expect(Math.abs(h - 200 * MM)).toBeLessThan(1);
    // An A4 page shrunk to 80 mm (38 %) carries codes no 203 dpi thermal head can print
    // readably; what goes on that paper at the counter is the slip, checked next.
  });

  it('prints the slip on 80 × 200 mm paper with its QR code of the lookup address still readable', async () => {
    const original = await readCodes(await renderPage(slipFile, 1, 200, join(tmp.dir, 'slip')));
    const lookup = `QR-Code:${(slipOffice.lookupUrlPattern ?? '').replace('{code}', sampleDetail().code ?? '')}`;
    expect(original).toContain(lookup);

    const { file } = await printPdf(slipFile, 'Custom.80x200mm', 'printed-slip');
    expect(await pageCount(file)).toBe(1);
    const [w, h] = await pageSize(file);
    expect(Math.abs(w - 80 * MM)).toBeLessThan(1);
    expect(Math.abs(h - 200 * MM)).toBeLessThan(1);
    // 203 dpi is what an 80 mm thermal printer prints at.
    const codes = await readCodes(await renderPage(file, 1, 203, join(tmp.dir, 'printed-slip')));
    expect(codes).toEqual(expect.arrayContaining(original));
  });

  it('rejects a corrupt PDF with a clear error, and the driver turns it into PRINT_FAILED with a Vietnamese reason', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(pageUrl);
      await expect(page.evaluate(renderScript(Buffer.from('%PDF-1.7 this is not a PDF at all'), [210, 297], 200))).rejects.toThrow(
        /motcua-print: the PDF could not be read/,
      );
    } finally {
      await page.close();
    }

    const corrupt = join(tmp.dir, 'corrupt.pdf');
    writeFileSync(corrupt, Buffer.from(form01).subarray(0, 200));
    chrome.printed = [];
    const error = await failure(driver.print({ printer: PRINTER, file: corrupt, copies: 1, media: 'A4', title: 'Mot Cua Desk - mau 01' }));
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details).toEqual({ printer: PRINTER, reason: 'tệp in bị hỏng hoặc sai định dạng' });
    expect(chrome.printed).toEqual([]);
  });
});
