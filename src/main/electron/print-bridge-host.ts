import { AppError, isAppError } from '../../shared/api/errors';
import { printingText } from '../../shared/i18n/vi-printing';
import type { Logger } from '../core/logging/logger';
import type { PrinterDriver } from '../core/printing/printer-driver';
import type { CorePrinterCall, CorePrinterCancel, PrinterErrorBody, ToCoreMessage } from './core-protocol';

// The main-process end of the printer bridge (bridged-printer.ts is the core's end): it runs the
// core's printerCall messages on the Electron printer and posts the replies and the progress
// back. No electron import: the driver is handed in, so this is tested with fakes. One bridge
// serves one core process; when that process goes, `close` stops whatever it asked for.

export interface PrintBridgeHost {
  call(message: CorePrinterCall): void;
  cancel(message: CorePrinterCancel): void;
  /** The core process went away: aborts its calls in flight; nothing more is posted. */
  close(): void;
}

export interface PrintBridgeHostOptions {
  /** The Electron printer; null when this host has none (the core then hears why). */
  driver: PrinterDriver | null;
  /** Posts to this bridge's core process. */
  post(message: ToCoreMessage): void;
  logger: Logger;
}

/** An error as it crosses the bridge: AppErrors keep their code and details. */
export function errorBody(error: unknown, printer: string): PrinterErrorBody {
  const app = isAppError(error) ? error : new AppError('PRINT_FAILED', { printer: printer || 'Electron', reason: printingText.driver.electronFailed(error instanceof Error ? error.message : String(error)) });
  return { ...app.toBody(), details: app.details };
}

export function createPrintBridgeHost(opts: PrintBridgeHostOptions): PrintBridgeHost {
  const { driver, logger } = opts;
  const running = new Map<number, AbortController>();
  let closed = false;

  const post = (message: ToCoreMessage) => {
    if (closed) return;
    try {
      opts.post(message);
    } catch (e) {
      logger.error('could not send to core', { error: e instanceof Error ? e.message : String(e) });
    }
  };

  async function run(message: CorePrinterCall): Promise<void> {
    const { id, op, request, timeoutMs } = message.printerCall;
    const printer = request?.printer ?? '';
    if (running.has(id)) {
      logger.warn('printer call id reused; ignored', { id });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    try {
      if (!driver) throw new AppError('PRINT_FAILED', { printer: printer || 'Electron', reason: printingText.driver.bridgeGone });
      let value: unknown;
      if (op === 'list') value = await driver.list();
      else if (op === 'defaultPrinter') value = await driver.defaultPrinter();
      else {
        if (!request) throw new AppError('PRINT_FAILED', { printer: 'Electron', reason: printingText.stockMessages.unknown });
        value = await driver.print(request, {
          timeoutMs,
          signal: controller.signal,
          onProgress: (progress) => {
            if (!controller.signal.aborted) post({ printerProgress: { id, progress } });
          },
        });
      }
      if (!controller.signal.aborted) post({ printerReply: { id, ok: true, value } });
    } catch (e) {
      // The core gave up on this call already; its reply would find nobody.
      if (controller.signal.aborted) return;
      if (!isAppError(e)) logger.error('electron printer failed', { op, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      post({ printerReply: { id, ok: false, error: errorBody(e, printer) } });
    } finally {
      running.delete(id);
    }
  }

  return {
    call(message) {
      if (closed) return;
      void run(message);
    },
    cancel(message) {
      const controller = running.get(message.printerCancel.id);
      if (!controller) return;
      logger.info('core gave up on a printer call', { id: message.printerCancel.id });
      controller.abort(new Error('canceled by the core'));
    },
    close() {
      closed = true;
      for (const controller of running.values()) controller.abort(new Error('core process gone'));
      running.clear();
    },
  };
}
