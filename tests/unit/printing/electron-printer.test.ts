import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintRequest } from '../../../src/main/core/printing/printer-driver';
import { PrintingWindow } from './electron-fakes';
import { failure } from '../../support/app-error';

// Electron's binary cannot run here: electron is replaced by a window that records what the
// driver asked for (see electron-fakes.ts). What the print page draws in a real Chromium is
// tested in tests/integration/electron-print-page.test.ts.

vi.mock('electron', async () => {
  const { PrintingWindow } = await import('./electron-fakes');
  return { BrowserWindow: PrintingWindow };
});

const { createElectronPrinter, paperFor, renderScript, toPrinterInfo } = await import('../../../src/main/electron/electron-printer');

const PDF = Buffer.from('%PDF-1.7 bytes of form 01');
const request: PrintRequest = { printer: 'HP_LaserJet', file: '/tmp/01.pdf', copies: 2, media: 'A4', title: 'Mot Cua Desk - mau 01' };
const PAGE = { kind: 'file', path: '/app/out/renderer/print.html' } as const;
const readPdf = vi.fn(async (_path: string) => PDF);
const printerWith = (overrides: Partial<Parameters<typeof createElectronPrinter>[0]> = {}) => createElectronPrinter({ page: PAGE, readPdf, ...overrides });

beforeEach(() => {
  PrintingWindow.windows = [];
  PrintingWindow.answer = [true, ''];
  PrintingWindow.rendered = 2;
  PrintingWindow.loadFails = false;
  readPdf.mockClear();
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
  it('has the print page draw the PDF in a hidden, sandboxed window, then prints it silently on the chosen printer', async () => {
    const seen: string[] = [];
    const outcome = await printerWith().print(request, { onProgress: (p) => seen.push(p.state) });
    expect(readPdf).toHaveBeenCalledWith('/tmp/01.pdf');
    expect(outcome.state).toBe('completed');
    expect(seen).toEqual(['processing', 'completed']);

    const [win] = PrintingWindow.windows;
    expect(win?.options).toMatchObject({ show: false });
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win?.options.webPreferences).not.toHaveProperty('preload');
    expect(win?.loadedFile).toBe('/app/out/renderer/print.html');
    expect(win?.scripts).toEqual([renderScript(PDF, [210, 297], 200)]);
    expect(win?.scripts[0]).toContain(PDF.toString('base64'));
    expect(win?.scripts[0]).toContain('{"widthMm":210,"heightMm":297}');

    expect(win?.printed).toEqual([
      { silent: true, deviceName: 'HP_LaserJet', copies: 2, pageSize: 'A4', margins: { marginType: 'none' }, printBackground: true, header: '', footer: '' },
    ]);
    expect(win?.destroyed).toBe(true);
  });

  it('loads the dev server\'s print page in development', async () => {
    await printerWith({ page: { kind: 'url', url: 'http://localhost:5173/print.html' } }).print(request);
    expect(PrintingWindow.windows[0]?.loadedUrl).toBe('http://localhost:5173/print.html');
  });

  it('gives the 80 mm slip its own paper size in microns', async () => {
    await printerWith().print({ ...request, copies: 1, media: 'Custom.80x200mm' });
    const [win] = PrintingWindow.windows;
    expect(win?.scripts[0]).toContain('{"widthMm":80,"heightMm":200}');
    expect(win?.printed[0]).toMatchObject({ pageSize: { width: 80000, height: 200000 } });
    expect(paperFor('Custom.80x200mm')?.mm).toEqual([80, 200]);
    expect(paperFor('A4 duplex')).toBeNull();
  });

  it('refuses an unknown printer instead of letting Chromium fall back to the default', async () => {
    const error = await failure(printerWith().print({ ...request, printer: 'Nowhere' }));
    expect(error.code).toBe('PRINTER_NOT_FOUND');
    expect(PrintingWindow.windows[0]?.printed).toEqual([]);
    expect(PrintingWindow.windows[0]?.destroyed).toBe(true);
  });

  it("reports Chromium's failure and a print that never returns", async () => {
    PrintingWindow.answer = [false, 'Print job failed'];
    const failed = await failure(printerWith().print(request));
    expect(failed.code).toBe('PRINT_FAILED');
    expect(failed.details['reason']).toBe('Electron không in được (Print job failed)');

    PrintingWindow.answer = [false, 'Print job canceled'];
    expect((await failure(printerWith().print(request))).details['reason']).toBe('lệnh in đã bị hủy trước khi in xong');

    PrintingWindow.answer = 'never';
    const stuck = await failure(printerWith().print(request, { timeoutMs: 20 }));
    expect(stuck.code).toBe('PRINT_STUCK');
    expect(PrintingWindow.windows.every((w) => w.destroyed)).toBe(true);
  });

  it('turns a PDF the page cannot draw into PRINT_FAILED with a Vietnamese reason, and prints nothing', async () => {
    PrintingWindow.rendered = new Error('motcua-print: the PDF could not be read (Invalid PDF structure.)');
    const error = await failure(printerWith().print(request));
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details['reason']).toBe('tệp in bị hỏng hoặc sai định dạng');
    expect(error.message).toContain('HP_LaserJet');
    expect(PrintingWindow.windows[0]?.printed).toEqual([]);
    expect(PrintingWindow.windows[0]?.destroyed).toBe(true);
  });

  it('says so when the PDF cannot be read, the print page cannot be loaded, or there is nothing to print', async () => {
    const unreadable = await failure(printerWith({ readPdf: () => Promise.reject(new Error('ENOENT')) }).print(request));
    expect(unreadable.details['reason']).toBe('không đọc được tệp in');
    expect(PrintingWindow.windows).toEqual([]);

    PrintingWindow.loadFails = true;
    expect((await failure(printerWith().print(request))).details['reason']).toBe('không mở được trang in của ứng dụng; hãy cài lại ứng dụng nếu lỗi lặp lại');

    PrintingWindow.loadFails = false;
    PrintingWindow.rendered = 0;
    expect((await failure(printerWith().print(request))).details['reason']).toBe('tài liệu không có trang nào để in');
    expect(PrintingWindow.windows.every((w) => w.destroyed && w.printed.length === 0)).toBe(true);
  });

  it('stops when the caller gives up, and refuses nonsense copies and paper before opening a window', async () => {
    PrintingWindow.answer = 'never';
    const controller = new AbortController();
    const printing = printerWith().print(request, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('the clerk closed the dialog')), 5);
    await expect(printing).rejects.toThrow('the clerk closed the dialog');
    expect(PrintingWindow.windows[0]?.destroyed).toBe(true);

    expect((await failure(printerWith().print({ ...request, copies: 0 }))).details['reason']).toBe('số bản 0 không hợp lệ (1–999)');
    expect((await failure(printerWith().print({ ...request, media: 'A4 duplex' }))).details['reason']).toBe('khổ giấy "A4 duplex" không hợp lệ');
    expect(PrintingWindow.windows).toHaveLength(1);
  });

  it("lists printers with the CUPS state Chromium passes along", async () => {
    const printers = await printerWith().list();
    expect(printers).toEqual([
      { name: 'HP_LaserJet', description: 'Tầng 1', isDefault: false, state: 'idle', accepting: true, reason: null },
      { name: 'Canon', description: 'Canon', isDefault: false, state: 'stopped', accepting: true, reason: 'Hết giấy' },
    ]);
    expect(toPrinterInfo({ name: 'Win', displayName: 'Win', description: '', options: {} })).toMatchObject({ state: 'unknown', accepting: true });
    expect(PrintingWindow.windows[0]?.destroyed).toBe(true);
  });
});
