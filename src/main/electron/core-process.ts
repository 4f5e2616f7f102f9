import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { systemClock, uuidV7Ids, type CoreConfig } from '../core/config';
import { createCore, type Core } from '../core/core';
import { createRotatingLogger, type Logger } from '../core/logging/logger';
import type { PrinterDriver } from '../core/printing/printer-driver';
import { systemPrinterDriver } from '../core/printing/system-driver';
import { createBridgedPrinter, type BridgedPrinter } from './bridged-printer';
import {
  decodeCoreArgs,
  isCoreRequest,
  isCoreShutdown,
  type CoreFatal,
  type CoreProcessOptions,
  type FromCoreMessage,
} from './core-protocol';
import { choosePrintDriver } from './print-driver-choice';

// The entry of Electron's utilityProcess that runs the core, so a slow query never freezes the
// window. It must not import 'electron': it talks to the main process through
// `process.parentPort` only, and everything but the last lines works in plain Node for tests.

/** The part of Electron's `process.parentPort` we use; tests pass a fake. */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: FromCoreMessage): void;
}

export interface CoreProcessDeps {
  exit(code: number): void;
  /** How long a fatal message gets to reach the main process before this process exits. */
  fatalExitDelayMs?: number;
  /** For the printer driver's choice; default: this process's. */
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/**
 * The system's printing when it can print here, else the Electron printer in the main process
 * through the bridge (print-driver-choice.ts says when). The admin page's printer list comes
 * from whichever is chosen.
 */
export function printerFor(
  resourcesDir: string,
  bridged: PrinterDriver,
  logger: Logger,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): PrinterDriver {
  const choice = choosePrintDriver({ platform, env, resourcesDir, exists: existsSync });
  if (choice.ignoredEnv !== undefined) logger.warn('MOTCUA_PRINT_DRIVER not understood (electron or system); ignored', { value: choice.ignoredEnv });
  logger.info('printer driver chosen', { driver: choice.driver, because: choice.because });
  return choice.driver === 'electron' ? bridged : systemPrinterDriver(resourcesDir, platform, env);
}

export function coreConfigFor(options: CoreProcessOptions, logger: Logger, printer: PrinterDriver): CoreConfig {
  return {
    dataDir: options.dataDir,
    clock: systemClock,
    ids: uuidV7Ids,
    adapters: { printer },
    host: 'electron',
    appVersion: options.appVersion,
    migrationsDir: options.migrationsDir,
    resourcesDir: options.resourcesDir,
    logger,
  };
}

/**
 * Serves a running core: answers each request with the dispatcher's result under the same id,
 * forwards the core's events, hands the printer bridge its replies, and closes the core on a
 * shutdown message.
 */
export function serveCore(
  core: Pick<Core, 'dispatch' | 'events' | 'close'>,
  post: (message: FromCoreMessage) => void,
  deps: { logger: Logger; exit(code: number): void; printer?: Pick<BridgedPrinter, 'handle' | 'disconnect'> },
): { handle(message: unknown): Promise<void>; dispose(): void } {
  const unsubscribe = core.events.subscribe((event) => post({ event }));
  let closed = false;
  const dispose = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    deps.printer?.disconnect();
    core.close();
  };
  return {
    async handle(message) {
      if (deps.printer?.handle(message)) return;
      if (isCoreRequest(message)) {
        // The dispatcher turns every failure into an error body, so this never throws.
        const result = await core.dispatch(message.method, message.input, { kind: 'ui' });
        post({ id: message.id, result });
        return;
      }
      if (isCoreShutdown(message)) {
        deps.logger.info('core shutting down');
        dispose();
        deps.exit(0);
        return;
      }
      deps.logger.warn('core ignored a malformed message');
    },
    dispose,
  };
}

/** Why the core could not start, in the words the main process will show the clerk. */
export function fatalBody(error: unknown, logger: Logger): CoreFatal {
  if (error instanceof AppError) {
    logger.error('core failed to start', { code: error.code });
    return { fatal: error.toBody() };
  }
  const ref = uuidV7Ids.uuid().slice(-8);
  logger.error('core failed to start', { ref, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return { fatal: new AppError('INTERNAL', { ref }).toBody() };
}

/**
 * Builds the core and starts serving it on `port`. On a startup failure (data dir locked by
 * another process, a database from a newer app, a failed migration) it reports the reason as a
 * fatal message instead of crashing, so the clerk sees a dialog rather than a blank window.
 */
export function startCoreProcess(
  options: CoreProcessOptions | null,
  port: ParentPortLike,
  deps: CoreProcessDeps,
): { core: Core; logger: Logger } | null {
  const failAndExit = (message: FromCoreMessage) => {
    port.postMessage(message);
    setTimeout(() => deps.exit(1), deps.fatalExitDelayMs ?? 2000);
  };
  if (!options) {
    failAndExit({ fatal: new AppError('INTERNAL', { ref: 'core-args' }).toBody() });
    return null;
  }
  const logger = createRotatingLogger({ dir: join(options.dataDir, 'logs'), name: 'electron-core' });
  // Created whether or not it is chosen: cheap, and it only speaks when called.
  const bridged = createBridgedPrinter({ post: (message) => port.postMessage(message) });
  let core: Core;
  try {
    core = createCore(coreConfigFor(options, logger, printerFor(options.resourcesDir, bridged, logger, deps.platform, deps.env)));
  } catch (e) {
    failAndExit(fatalBody(e, logger));
    return null;
  }
  const server = serveCore(core, (message) => port.postMessage(message), { logger, exit: deps.exit, printer: bridged });
  port.on('message', (messageEvent) => void server.handle(messageEvent.data));
  logger.info('core ready', { schemaVersion: core.migration.to, pid: process.pid });
  port.postMessage({ ready: { schemaVersion: core.migration.to } });
  return { core, logger };
}

// Only inside Electron's utility process is there a parent port; importing this file anywhere
// else (tests) starts nothing.
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  const started = startCoreProcess(decodeCoreArgs(process.argv), parentPort, { exit: (code) => process.exit(code) });
  // Without this the stack would go to a console nobody at a counter sees; the main process
  // notices the exit and restarts the core once.
  process.on('uncaughtException', (error) => {
    started?.logger.error('core crashed', { error: error.stack ?? error.message });
    process.exit(70);
  });
}
