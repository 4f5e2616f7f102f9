import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintRequest } from '../../../src/main/core/printing/printer-driver';
import { PrintingWindow } from './electron-fakes';
import { failure } from '../../support/app-error';

// Electron's binary cannot run here: electron is replaced by a window that records what the
// driver asked for (see electron-fakes.ts). What Chromium then does with it is not tested.

vi.mock('electron', async () => {
  const { PrintingWindow } = await import('./electron-fakes');
  return { BrowserWindow: PrintingWindow };
});

const { createElectronPrinter, fillScript, paperFor, sheetHtml, toPrinterInfo } = await import('../../../src/main/electron/electron-printer');

const PAGE_1 = Buffer.from('png bytes of page one');
const PAGE_2 = Buffer.from('png bytes of page two');
const request: PrintRequest = { printer: 'HP_LaserJet', file: '/tmp/01.pdf', copies: 2, media: 'A4', title: 'Mot Cua Desk - mau 01' };


beforeEach(() => {
  PrintingWindow.windows = [];
  PrintingWindow.answer = [true, ''];
  PrintingWindow.printers = [
    { name: 'HP_LaserJet', displayName: 'HP LaserJet', description: 'Tầng 1', options: { 'printer-state': '3', 'printer-is-accepting-jobs': 'true' } },
    {
      name: 'Canon',
      displayName: 'Canon',
      description: '',
      options: { 'printer-state': '5', 'printer-is-accepting-jobs': 'true', 'printer-state-message': 'Hết giấy', 'printer-state-reasons': 'media-empty-error' },
    },
  ];
});

describe('Electron printer', () => {
  it('prints the page images from a hidden, sandboxed window, silently, on the chosen printer', async () => {
    const pages = vi.fn(async () => [PAGE_1, PAGE_2]);
    const seen: string[] = [];
    const outcome = await createElectronPrinter({ pages }).print(request, { onProgress: (p) => seen.push(p.state) });
    expect(pages).toHaveBeenCalledWith(request);
    expect(outcome.state).toBe('completed');
    expect(seen).toEqual(['processing', 'completed']);

    const [win] = PrintingWindow.windows;
    expect(win?.options).toMatchObject({ show: false });
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win?.options.webPreferences).not.toHaveProperty('preload');

    const html = decodeURIComponent((win?.loadedUrl ?? '').replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(html).toBe(sheetHtml(2, [210, 297]));
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html).toContain('@page { size: 210mm 297mm; margin: 0 }');
    expect(win?.scripts).toEqual([fillScript([PAGE_1, PAGE_2])]);
    expect(win?.scripts[0]).toContain(PAGE_2.toString('base64'));

    expect(win?.printed).toEqual([
      { silent: true, deviceName: 'HP_LaserJet', copies: 2, pageSize: 'A4', margins: { marginType: 'none' }, printBackground: true, header: '', footer: '' },
    ]);
    expect(win?.destroyed).toBe(true);
  });

  it('gives the 80 mm slip its own paper size in microns', async () => {
    await createElectronPrinter({ pages: async () => [PAGE_1] }).print({ ...request, copies: 1, media: 'Custom.80x200mm' });
    const [win] = PrintingWindow.windows;
    expect(win?.printed[0]).toMatchObject({ pageSize: { width: 80000, height: 200000 } });
    expect(paperFor('Custom.80x200mm')?.mm).toEqual([80, 200]);
    expect(paperFor('A4 duplex')).toBeNull();
  });

  it('refuses an unknown printer instead of letting Chromium fall back to the default', async () => {
    const error = await failure(createElectronPrinter({ pages: async () => [PAGE_1] }).print({ ...request, printer: 'Nowhere' }));
    expect(error.code).toBe('PRINTER_NOT_FOUND');
    expect(PrintingWindow.windows[0]?.printed).toEqual([]);
    expect(PrintingWindow.windows[0]?.destroyed).toBe(true);
  });

  it("reports Chromium's failure and a print that never returns", async () => {
    PrintingWindow.answer = [false, 'Print job failed'];
    const failed = await failure(createElectronPrinter({ pages: async () => [PAGE_1] }).print(request));
    expect(failed.code).toBe('PRINT_FAILED');
    expect(failed.details['reason']).toBe('Electron không in được (Print job failed)');

    PrintingWindow.answer = [false, 'Print job canceled'];
    expect((await failure(createElectronPrinter({ pages: async () => [PAGE_1] }).print(request))).details['reason']).toBe('lệnh in đã bị hủy trước khi in xong');

    PrintingWindow.answer = 'never';
    const stuck = await failure(createElectronPrinter({ pages: async () => [PAGE_1] }).print(request, { timeoutMs: 20 }));
    expect(stuck.code).toBe('PRINT_STUCK');
    expect(PrintingWindow.windows.every((w) => w.destroyed)).toBe(true);
  });

  it('has nothing to print without pages', async () => {
    const error = await failure(createElectronPrinter({ pages: async () => [] }).print(request));
    expect(error.details['reason']).toBe('tài liệu không có trang nào để in');
    expect(PrintingWindow.windows).toEqual([]);
  });

  it("lists printers with the CUPS state Chromium passes along", async () => {
    const printers = await createElectronPrinter({ pages: async () => [] }).list();
    expect(printers).toEqual([
      { name: 'HP_LaserJet', description: 'Tầng 1', isDefault: false, state: 'idle', accepting: true, reason: null },
      { name: 'Canon', description: 'Canon', isDefault: false, state: 'stopped', accepting: true, reason: 'Hết giấy' },
    ]);
    expect(toPrinterInfo({ name: 'Win', displayName: 'Win', description: '', options: {} })).toMatchObject({ state: 'unknown', accepting: true });
    expect(PrintingWindow.windows[0]?.destroyed).toBe(true);
  });
});
