import { z } from 'zod';
import { printerInfo } from '../../shared/api/calls/printing';
import { AppError } from '../../shared/api/errors';
import { vi, type ErrorCode } from '../../shared/i18n/vi';
import { printingText } from '../../shared/i18n/vi-printing';
import type { PrintOptions, PrintOutcome, PrintProgress, PrintRequest, PrinterDriver, PrinterInfo } from '../core/printing/printer-driver';
import { readPrinterMessage, type FromCoreMessage, type PrinterErrorBody, type PrinterOp } from './core-protocol';

// The Electron printer as the core's utility process sees it. webContents.print needs a
// BrowserWindow, which only the main process has, so each call goes over the parent port as a
// `printerCall` and comes back as a `printerReply` with the same id (print-bridge-host.ts runs
// it there). Plain Node, no electron import. A call never hangs: it is answered, or it times out
// (PRINT_STUCK for a print), or it fails at once when the main process cannot be reached.

export interface BridgedPrinterOptions {
  /** Sends to the main process (`process.parentPort.postMessage`); throws when it is gone. */
  post(message: FromCoreMessage): void;
  /** list / defaultPrinter: answered from Chromium's printer list, so quickly. */
  callTimeoutMs?: number;
  /**
   * Added to a print's own timeout, which the main process enforces and answers with its own
   * reason: the core's timer is only the backstop for a main process that stopped answering.
   */
  graceMs?: number;
}

export interface BridgedPrinter extends PrinterDriver {
  /** Takes a printerReply / printerProgress from the main process; false for any other message. */
  handle(message: unknown): boolean;
  /** The main process is gone: fails every call in flight and every later one. */
  disconnect(): void;
}

const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const DEFAULT_PRINT_TIMEOUT_MS = 120_000;
const DEFAULT_GRACE_MS = 15_000;

/** What each op answers; checked, since the core acts on it. */
const VALUES = {
  list: z.array(printerInfo),
  defaultPrinter: z.string().nullable(),
  print: z.object({ jobId: z.string(), state: z.literal('completed') }),
} satisfies Record<PrinterOp, z.ZodType>;

interface Pending {
  op: PrinterOp;
  printer: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: (progress: PrintProgress) => void;
}

/** The AppError the driver raised in the main process, rebuilt with the same code and details. */
export function errorFromBody(body: PrinterErrorBody, printer: string): AppError {
  if (Object.hasOwn(vi.errors, body.code)) return new AppError(body.code as ErrorCode, body.details);
  // A code this build does not know (a newer main process?): keep its message as the reason.
  return new AppError('PRINT_FAILED', { printer, reason: body.message || printingText.stockMessages.unknown });
}

export function createBridgedPrinter(opts: BridgedPrinterOptions): BridgedPrinter {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let connected = true;

  // A list that cannot be had is the printers being out of reach; a print that cannot be sent failed.
  const gone = (op: PrinterOp, printer: string) =>
    op === 'print'
      ? new AppError('PRINT_FAILED', { printer, reason: printingText.driver.bridgeGone })
      : new AppError('PRINTER_UNREACHABLE', { printer: 'Electron', reason: printingText.driver.bridgeGone });
  const timedOut = (op: PrinterOp, printer: string) =>
    op === 'print'
      ? new AppError('PRINT_STUCK', { printer, reason: printingText.driver.bridgeTimeout })
      : new AppError('PRINTER_UNREACHABLE', { printer: 'Electron', reason: printingText.driver.bridgeTimeout });

  const tryPost = (message: FromCoreMessage): boolean => {
    try {
      opts.post(message);
      return true;
    } catch {
      return false;
    }
  };

  function call(op: PrinterOp, request: PrintRequest | undefined, options: PrintOptions = {}): Promise<unknown> {
    const printer = request?.printer ?? '';
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (!connected) return Promise.reject(gone(op, printer));
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const waitMs = op === 'print' ? (options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS) + (opts.graceMs ?? DEFAULT_GRACE_MS) : (opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        pending.delete(id);
      };
      // The main process is told to give up too, so its window is closed and nothing prints later.
      const giveUp = (error: unknown) => {
        finish();
        tryPost({ printerCancel: { id } });
        reject(error);
      };
      const timer = setTimeout(() => giveUp(timedOut(op, printer)), waitMs);
      const onAbort = () => giveUp(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        op,
        printer,
        onProgress: options.onProgress,
        resolve: (value) => {
          finish();
          resolve(value);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      });
      const timeoutMs = op === 'print' ? options.timeoutMs : undefined;
      const sent = tryPost({ printerCall: { id, op, ...(request ? { request } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) } });
      if (!sent) {
        connected = false;
        pending.get(id)?.reject(gone(op, printer));
      }
    });
  }

  return {
    kind: 'electron',
    list: () => call('list', undefined) as Promise<PrinterInfo[]>,
    defaultPrinter: () => call('defaultPrinter', undefined) as Promise<string | null>,
    print: (req, options) => call('print', req, options) as Promise<PrintOutcome>,

    handle(raw) {
      const message = readPrinterMessage(raw);
      if (!message) return false;
      if (message.kind === 'progress') {
        const { id, progress } = message.message.printerProgress;
        const call = pending.get(id);
        try {
          call?.onProgress?.(progress);
        } catch {
          // A listener's failure is not the printer's.
        }
        return true;
      }
      const reply = message.message.printerReply;
      // A reply after a timeout or an abort finds nothing here and is dropped.
      const call = pending.get(reply.id);
      if (!call) return true;
      if (!reply.ok) {
        call.reject(errorFromBody(reply.error, call.printer));
        return true;
      }
      const value = VALUES[call.op].safeParse(reply.value);
      if (value.success) call.resolve(value.data);
      else call.reject(new AppError('PRINT_FAILED', { printer: call.printer || 'Electron', reason: printingText.stockMessages.unknown }));
      return true;
    },

    disconnect() {
      connected = false;
      for (const call of [...pending.values()]) call.reject(gone(call.op, call.printer));
    },
  };
}
