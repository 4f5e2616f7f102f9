import { describe, expect, it, vi } from 'vitest';
import type { PrintOptions, PrintOutcome, PrintRequest, PrinterDriver, PrinterInfo } from '../../../src/main/core/printing/printer-driver';
import { AppError } from '../../../src/shared/api/errors';
import { createBridgedPrinter, type BridgedPrinter } from '../../../src/main/electron/bridged-printer';
import { readFromCore, readPrinterMessage, type FromCoreMessage, type ToCoreMessage } from '../../../src/main/electron/core-protocol';
import { createPrintBridgeHost, type PrintBridgeHost } from '../../../src/main/electron/print-bridge-host';
import { failure } from '../../support/app-error';
import { recordingLogger } from './fakes';

// The core's end of the printer bridge (bridged-printer.ts) and the main process's end
// (print-bridge-host.ts), joined by an in-memory pair of ports that deliver asynchronously and
// by structured clone, as Electron's do. Messages towards the main process are sorted by
// readFromCore, as core-host.ts sorts them. The Electron printer at the far end is a scripted
// driver: what it does with Chromium is tested in electron-printer.test.ts and in
// tests/integration/electron-print-page.test.ts.

const HP: PrinterInfo = { name: 'HP_LaserJet', description: 'Tầng 1', isDefault: false, state: 'idle', accepting: true, reason: null };
const request: PrintRequest = { printer: 'HP_LaserJet', file: '/tmp/motcua-print-x/01.pdf', copies: 2, media: 'A4', title: 'Mot Cua Desk - mau 01' };

/** A driver that records its calls; `print` does what the test says. */
function scriptedDriver(print: (req: PrintRequest, options: PrintOptions) => Promise<PrintOutcome>) {
  const calls: { req: PrintRequest; options: PrintOptions }[] = [];
  const driver: PrinterDriver = {
    kind: 'electron',
    list: async () => [HP],
    defaultPrinter: async () => 'HP_LaserJet',
    print: (req, options = {}) => {
      calls.push({ req, options });
      return print(req, options);
    },
  };
  return { driver, calls };
}

/** Never settles on its own; rejects when its signal fires, as electron-printer.ts does. */
const untilAborted = (_req: PrintRequest, options: PrintOptions) =>
  new Promise<PrintOutcome>((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason as Error)));

function bridge(driver: PrinterDriver | null, options: { callTimeoutMs?: number; graceMs?: number } = {}) {
  const toMain: FromCoreMessage[] = [];
  const toCore: ToCoreMessage[] = [];
  const logger = recordingLogger();
  const state = { mainGone: false };
  const ends: { host?: PrintBridgeHost } = {};
  const printer: BridgedPrinter = createBridgedPrinter({
    ...options,
    post: (message) => {
      if (state.mainGone) throw new Error('Object has been destroyed');
      const copy = structuredClone(message);
      toMain.push(copy);
      setImmediate(() => {
        const sorted = readFromCore(copy);
        if (sorted?.kind === 'printerCall') ends.host?.call(sorted.message);
        else if (sorted?.kind === 'printerCancel') ends.host?.cancel(sorted.message);
        else throw new Error(`not a printer message: ${JSON.stringify(copy)}`);
      });
    },
  });
  const host = createPrintBridgeHost({
    driver,
    logger,
    post: (message) => {
      const copy = structuredClone(message);
      toCore.push(copy);
      setImmediate(() => expect(printer.handle(copy)).toBe(true));
    },
  });
  ends.host = host;
  return { printer, host, toMain, toCore, logger, state };
}

describe('printer bridge', () => {
  it('lists the printers and the default printer of the main process', async () => {
    const { printer, toMain } = bridge(scriptedDriver(untilAborted).driver);
    expect(printer.kind).toBe('electron');
    await expect(printer.list()).resolves.toEqual([HP]);
    await expect(printer.defaultPrinter()).resolves.toBe('HP_LaserJet');
    expect(toMain).toEqual([{ printerCall: { id: 1, op: 'list' } }, { printerCall: { id: 2, op: 'defaultPrinter' } }]);
  });

  it('prints by path, relays the progress, and resolves with the outcome', async () => {
    const { driver, calls } = scriptedDriver(async (req, options) => {
      options.onProgress?.({ jobId: 'HP_LaserJet-electron-1', state: 'processing', reason: null });
      options.onProgress?.({ jobId: 'HP_LaserJet-electron-1', state: 'completed', reason: null });
      return { jobId: 'HP_LaserJet-electron-1', state: 'completed' };
    });
    const { printer, toMain } = bridge(driver);
    const seen: string[] = [];
    const outcome = await printer.print(request, { timeoutMs: 5000, onProgress: (p) => seen.push(`${p.jobId}:${p.state}`) });

    expect(outcome).toEqual({ jobId: 'HP_LaserJet-electron-1', state: 'completed' });
    expect(seen).toEqual(['HP_LaserJet-electron-1:processing', 'HP_LaserJet-electron-1:completed']);
    // The file's path crosses, never its bytes; the main process enforces the same timeout.
    expect(toMain).toEqual([{ printerCall: { id: 1, op: 'print', request, timeoutMs: 5000 } }]);
    expect(calls[0]?.req).toEqual(request);
    expect(calls[0]?.options.timeoutMs).toBe(5000);
  });

  it("brings the printer's error back as the same AppError, reason and all", async () => {
    const notFound = new AppError('PRINTER_NOT_FOUND', { printer: 'HP_LaserJet', reason: 'không có trong danh sách máy in của máy tính' });
    const { printer } = bridge(scriptedDriver(() => Promise.reject(notFound)).driver);
    const error = await failure(printer.print(request));
    expect(error.code).toBe('PRINTER_NOT_FOUND');
    expect(error.details).toEqual(notFound.details);
    expect(error.message).toBe(notFound.message);
    expect(error.message).toContain('không có trong danh sách máy in của máy tính');
  });

  it('turns an unexpected failure in the main process into PRINT_FAILED with its text, and logs it there', async () => {
    const { printer, logger } = bridge(scriptedDriver(() => Promise.reject(new TypeError('webContents is destroyed'))).driver);
    const error = await failure(printer.print(request));
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details).toEqual({ printer: 'HP_LaserJet', reason: 'Electron không in được (webContents is destroyed)' });
    expect(logger.entries.some((e) => e.level === 'error' && e.message === 'electron printer failed')).toBe(true);
  });

  it('gives up when the caller aborts, and tells the main process to stop the job', async () => {
    const { driver, calls } = scriptedDriver(untilAborted);
    const { printer, toMain, toCore } = bridge(driver);
    const controller = new AbortController();
    const printing = printer.print(request, { signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(new Error('the clerk closed the dialog'));
    await expect(printing).rejects.toThrow('the clerk closed the dialog');

    expect(toMain.at(-1)).toEqual({ printerCancel: { id: 1 } });
    await vi.waitFor(() => expect(calls[0]?.options.signal?.aborted).toBe(true));
    // The aborted job's own rejection is not sent back: nobody is waiting for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(toCore).toEqual([]);

    // An already aborted signal never reaches the main process.
    await expect(printer.print(request, { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(toMain.filter((m) => 'printerCall' in m)).toHaveLength(1);
  });

  it('never hangs: a print the main process does not answer is PRINT_STUCK after its timeout and the grace', async () => {
    const { driver, calls } = scriptedDriver(() => new Promise<PrintOutcome>(() => {}));
    const { printer, toMain } = bridge(driver, { graceMs: 10 });
    const error = await failure(printer.print(request, { timeoutMs: 20 }));
    expect(error.code).toBe('PRINT_STUCK');
    expect(error.details).toEqual({ printer: 'HP_LaserJet', reason: 'bộ phận in của ứng dụng (Electron) không trả lời trong thời gian chờ' });
    expect(toMain.at(-1)).toEqual({ printerCancel: { id: 1 } });
    await vi.waitFor(() => expect(calls[0]?.options.signal?.aborted).toBe(true));
  });

  it('a list the main process does not answer in time fails as unreachable; its late answer is not even sent', async () => {
    let answer: (printers: PrinterInfo[]) => void = () => {};
    let asked = false;
    const slow: PrinterDriver = {
      kind: 'electron',
      list: () => {
        asked = true;
        return new Promise((resolve) => (answer = resolve));
      },
      defaultPrinter: async () => null,
      print: untilAborted,
    };
    const { printer, toMain, toCore, logger } = bridge(slow, { callTimeoutMs: 10 });
    const error = await failure(printer.list());
    expect(error.code).toBe('PRINTER_UNREACHABLE');
    expect(error.details['reason']).toBe('bộ phận in của ứng dụng (Electron) không trả lời trong thời gian chờ');
    expect(toMain.at(-1)).toEqual({ printerCancel: { id: 1 } });
    await vi.waitFor(() => expect(asked).toBe(true));
    await vi.waitFor(() => expect(logger.entries.map((e) => e.message)).toContain('core gave up on a printer call'));
    answer([HP]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(toCore).toEqual([]);
  });

  it('fails at once, in Vietnamese, when the main process is gone', async () => {
    const { driver, calls } = scriptedDriver(untilAborted);
    const { printer, state } = bridge(driver);
    const inFlight = printer.print(request);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    printer.disconnect();
    const dropped = await failure(inFlight);
    expect(dropped.code).toBe('PRINT_FAILED');
    expect(dropped.details['reason']).toBe('ứng dụng mất kết nối với bộ phận in (Electron); hãy khởi động lại ứng dụng rồi in lại');

    const fresh = bridge(driver);
    fresh.state.mainGone = true;
    const unsent = await failure(fresh.printer.print(request));
    expect(unsent.code).toBe('PRINT_FAILED');
    expect(unsent.message).toContain('khởi động lại ứng dụng');
    expect((await failure(fresh.printer.list())).code).toBe('PRINTER_UNREACHABLE');
    expect(state.mainGone).toBe(false);
  });

  it('stops the calls of a core process that went away, and answers it no more', async () => {
    const { driver, calls } = scriptedDriver(untilAborted);
    const { printer, host, toCore } = bridge(driver);
    void printer.print(request, { timeoutMs: 50 }).catch(() => {});
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    host.close();
    expect(calls[0]?.options.signal?.aborted).toBe(true);
    host.call({ printerCall: { id: 7, op: 'list' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(toCore).toEqual([]);
  });

  it('answers a call when this app has no Electron printer, rather than leaving the core waiting', async () => {
    const { printer } = bridge(null);
    expect((await failure(printer.print(request))).code).toBe('PRINT_FAILED');
  });

  it('checks what comes back: a malformed value or an unknown error code becomes PRINT_FAILED', async () => {
    const broken: PrinterDriver = { kind: 'electron', list: async () => [{ name: 42 }] as unknown as PrinterInfo[], defaultPrinter: async () => null, print: untilAborted };
    const { printer } = bridge(broken);
    expect((await failure(printer.list())).code).toBe('PRINT_FAILED');

    const lone = createBridgedPrinter({ post: () => {} });
    const printing = lone.print(request);
    lone.handle({ printerReply: { id: 1, ok: false, error: { code: 'PRINTER_ON_FIRE', message: 'khói', details: {} } } });
    const error = await failure(printing);
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details).toEqual({ printer: 'HP_LaserJet', reason: 'khói' });
  });

  it('the protocol readers take only well-formed printer messages', () => {
    expect(readPrinterMessage({ printerReply: { id: 1, ok: true, value: null } })?.kind).toBe('reply');
    expect(readPrinterMessage({ printerProgress: { id: 1, progress: { jobId: 'j', state: 'processing', reason: null } } })?.kind).toBe('progress');
    expect(readPrinterMessage({ printerProgress: { id: 1, progress: { jobId: 'j', state: 'exploded', reason: null } } })).toBeNull();
    expect(readPrinterMessage({ printerReply: { id: -1, ok: true, value: null } })).toBeNull();
    expect(readPrinterMessage({ id: 1, result: { ok: true } })).toBeNull();

    expect(readFromCore({ printerCall: { id: 1, op: 'list' } })?.kind).toBe('printerCall');
    expect(readFromCore({ printerCancel: { id: 1 } })?.kind).toBe('printerCancel');
    expect(readFromCore({ printerCall: { id: 1, op: 'print' } })).toBeNull();
    expect(readFromCore({ printerCall: { id: 1, op: 'format-disk' } })).toBeNull();
    expect(readFromCore({ printerCall: { id: 1, op: 'print', request: { ...request, extra: 1 } } })).toBeNull();
    expect(readFromCore({ printerCall: { id: 1, op: 'print', request, timeoutMs: 1000 } })?.kind).toBe('printerCall');
  });
});
