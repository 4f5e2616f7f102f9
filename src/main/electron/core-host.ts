import { utilityProcess, type UtilityProcess } from 'electron';
import type { EventMessage } from '../../shared/api/contract';
import { AppError, type ApiErrorBody } from '../../shared/api/errors';
import type { CallResult } from '../../shared/api/transport';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from '../core/logging/logger';
import type { PrinterDriver } from '../core/printing/printer-driver';
import { createPrintBridgeHost, type PrintBridgeHost } from './print-bridge-host';
import { encodeCoreArgs, readFromCore, type CoreProcessOptions, type ToCoreMessage } from './core-protocol';

// The main-process side of the core's utility process: it forks the process, matches replies
// to calls by id, fans events out, and restarts the core once if it dies. A call never hangs:
// it is answered, times out, or fails with CORE_UNAVAILABLE when the process goes away. It also
// runs the core's calls on the Electron printer (print-bridge-host.ts), one bridge per process.

export interface CoreHostOptions {
  /** The built core-process.js (out/main/core-process.js, inside app.asar when packaged). */
  modulePath: string;
  options: CoreProcessOptions;
  logger: Logger;
  /** The core cannot run (or stopped for good): the reason to show before quitting. */
  onFatal(reason: ApiErrorBody): void;
  callTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** Restarts after unexpected exits before giving up; a second crash is likely to repeat. */
  maxRestarts?: number;
  /** The Electron printer the core may print through (when it chose the Electron driver). */
  printer?: PrinterDriver | null;
}

export interface CoreHost {
  invoke(method: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Asks the core to close its database, and kills it if it does not exit in time. */
  stop(): Promise<void>;
}

interface PendingCall {
  method: string;
  resolve(result: CallResult): void;
  timer: ReturnType<typeof setTimeout>;
}

const unavailable = (): CallResult => ({ ok: false, error: new AppError('CORE_UNAVAILABLE').toBody() });

export function startCoreHost(opts: CoreHostOptions): CoreHost {
  const { logger } = opts;
  // A timed-out write may still commit later; the timeout only keeps the window usable.
  const callTimeoutMs = opts.callTimeoutMs ?? 60_000;
  const maxRestarts = opts.maxRestarts ?? 1;
  const pending = new Map<number, PendingCall>();
  const listeners = new Set<(message: EventMessage) => void>();
  let state: 'running' | 'stopping' | 'stopped' | 'failed' = 'running';
  let child: UtilityProcess | null = null;
  let printBridge: PrintBridgeHost | null = null;
  let nextId = 1;
  let restarts = 0;

  const settle = (id: number, result: CallResult): boolean => {
    const call = pending.get(id);
    if (!call) return false;
    clearTimeout(call.timer);
    pending.delete(id);
    call.resolve(result);
    return true;
  };
  const failPending = () => {
    for (const id of [...pending.keys()]) settle(id, unavailable());
  };
  const giveUp = (reason: ApiErrorBody) => {
    state = 'failed';
    failPending();
    opts.onFatal(reason);
  };

  const onMessage = (proc: UtilityProcess, raw: unknown) => {
    // Ids keep counting across restarts, but a dead process's stragglers are still ignored.
    if (proc !== child) return;
    const message = readFromCore(raw);
    switch (message?.kind) {
      case 'reply':
        if (!settle(message.message.id, message.message.result)) logger.warn('core reply after timeout', { id: message.message.id });
        return;
      case 'event':
        for (const listener of listeners) {
          try {
            listener(message.message.event);
          } catch (e) {
            logger.error('event listener failed', { error: e instanceof Error ? e.message : String(e) });
          }
        }
        return;
      case 'printerCall':
        printBridge?.call(message.message);
        return;
      case 'printerCancel':
        printBridge?.cancel(message.message);
        return;
      case 'ready':
        logger.info('core ready', { schemaVersion: message.message.ready.schemaVersion, restarts });
        return;
      case 'fatal':
        logger.error('core could not start', { code: message.message.fatal.code });
        giveUp(message.message.fatal);
        proc.kill();
        return;
      default:
        logger.warn('malformed message from core');
    }
  };

  const onExit = (proc: UtilityProcess, code: number) => {
    if (proc !== child) return;
    child = null;
    printBridge?.close();
    printBridge = null;
    failPending();
    if (state !== 'running') {
      logger.info('core exited', { code });
      return;
    }
    if (restarts < maxRestarts) {
      restarts += 1;
      logger.warn('core exited unexpectedly; restarting it', { code, restart: restarts });
      spawn();
      return;
    }
    logger.error('core exited unexpectedly again; giving up', { code, restarts });
    giveUp({ code: 'CORE_UNAVAILABLE', message: vi.desktop.coreStopped });
  };

  const spawn = () => {
    const proc = utilityProcess.fork(opts.modulePath, encodeCoreArgs(opts.options), { serviceName: 'motcua-core' });
    child = proc;
    printBridge = createPrintBridgeHost({ driver: opts.printer ?? null, post: (message) => void send(proc, message), logger });
    proc.on('message', (raw: unknown) => onMessage(proc, raw));
    proc.on('exit', (code: number) => onExit(proc, code));
    proc.on('error', (type: string, location: string) => logger.error('core process error', { type, location }));
  };

  const send = (proc: UtilityProcess, message: ToCoreMessage): boolean => {
    try {
      proc.postMessage(message);
      return true;
    } catch (e) {
      logger.error('could not send to core', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };

  spawn();

  return {
    invoke(method, input) {
      const proc = child;
      if (state !== 'running' || !proc) return Promise.resolve(unavailable());
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        const timer = setTimeout(() => {
          if (pending.delete(id)) {
            logger.warn('core call timed out', { method, id, ms: callTimeoutMs });
            resolve(unavailable());
          }
        }, callTimeoutMs);
        pending.set(id, { method, resolve, timer });
        if (!send(proc, { id, method, input })) settle(id, unavailable());
      });
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async stop() {
      if (state === 'stopping' || state === 'stopped') return;
      state = 'stopping';
      failPending();
      const proc = child;
      if (proc) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            logger.warn('core did not stop in time; killing it');
            proc.kill();
            resolve();
          }, opts.stopTimeoutMs ?? 5000);
          proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          if (!send(proc, { shutdown: true })) proc.kill();
        });
      }
      state = 'stopped';
    },
  };
}
