import { z } from 'zod';
import type { EventMessage } from '../../shared/api/contract';
import type { ApiErrorBody } from '../../shared/api/errors';
import type { CallResult } from '../../shared/api/transport';
import type { PrintProgress, PrintRequest } from '../core/printing/printer-driver';

// The messages between the main process and the core's utility process. Both sides import this
// file and nothing else of each other, so the protocol is read in one place. No electron import:
// the core process must stay loadable in plain Node (tests, and Electron >= 42 downloads itself
// the first time `require('electron')` runs outside Electron).

/** What the core process needs to start, passed on its command line. */
export interface CoreProcessOptions {
  dataDir: string;
  migrationsDir: string;
  resourcesDir: string;
  appVersion: string;
}

/** main -> core: one call. `id` is unique per core process, chosen by the main process. */
export interface CoreRequest {
  id: number;
  method: string;
  input: unknown;
}

/** main -> core: close the database and exit, so quitting leaves no lock file behind. */
export interface CoreShutdown {
  shutdown: true;
}

/**
 * An error crossing the printer bridge: the body plus the AppError's details (`printer`,
 * `reason`), so the core rebuilds the very error the driver raised and the clerk reads the
 * printer's own reason.
 */
export interface PrinterErrorBody extends ApiErrorBody {
  details: Record<string, string | number>;
}

/** main -> core: the answer to the printer call with the same id. */
export interface PrinterReply {
  printerReply: { id: number; ok: true; value: unknown } | { id: number; ok: false; error: PrinterErrorBody };
}
/** main -> core: how the print job of the call with this id is going. */
export interface PrinterProgress {
  printerProgress: { id: number; progress: PrintProgress };
}

export type ToCoreMessage = CoreRequest | CoreShutdown | PrinterReply | PrinterProgress;

/** core -> main: the answer to the request with the same id. */
export interface CoreReply {
  id: number;
  result: CallResult;
}
/** core -> main: the core is built and the database migrated. */
export interface CoreReady {
  ready: { schemaVersion: number };
}
/** core -> main: one of the core's events, to be fanned out to the windows. */
export interface CoreEvent {
  event: EventMessage;
}
/** core -> main: the core could not start; the main process shows this and quits. */
export interface CoreFatal {
  fatal: ApiErrorBody;
}

export type PrinterOp = 'list' | 'defaultPrinter' | 'print';

/**
 * core -> main: a call on the Electron printer, which can only live in the main process (the
 * core's utility process has no BrowserWindow). `id` is unique per core process, chosen by it.
 * `request` carries the PDF's path, not its bytes: the main process reads the file.
 */
export interface CorePrinterCall {
  printerCall: { id: number; op: PrinterOp; request?: PrintRequest; timeoutMs?: number };
}
/** core -> main: the caller gave up on this call (aborted, or timed out on the core's side). */
export interface CorePrinterCancel {
  printerCancel: { id: number };
}

export type FromCoreMessage = CoreReply | CoreReady | CoreEvent | CoreFatal | CorePrinterCall | CorePrinterCancel;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isCoreRequest(message: unknown): message is CoreRequest {
  return isRecord(message) && Number.isSafeInteger(message.id) && typeof message.method === 'string';
}

export function isCoreShutdown(message: unknown): message is CoreShutdown {
  return isRecord(message) && message.shutdown === true;
}

// The printer messages are checked field by field: the main process acts on them (reads a file,
// prints), and a reply's value is the driver's answer the core relies on.
const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const printRequest = z.strictObject({
  printer: z.string().min(1).max(200),
  file: z.string().min(1).max(4096),
  copies: z.number().int(),
  media: z.string().min(1).max(100),
  title: z.string().max(200),
});
const printerCallSchema = z.strictObject({
  printerCall: z
    .strictObject({
      id,
      op: z.enum(['list', 'defaultPrinter', 'print']),
      request: printRequest.optional(),
      timeoutMs: z.number().int().positive().max(24 * 3600 * 1000).optional(),
    })
    // Printing without a request is not a call anyone could have meant.
    .refine((call) => call.op !== 'print' || call.request !== undefined),
});
const printerCancelSchema = z.strictObject({ printerCancel: z.strictObject({ id }) });
const printerReplySchema = z.strictObject({
  printerReply: z.union([
    z.strictObject({ id, ok: z.literal(true), value: z.unknown() }),
    z.strictObject({
      id,
      ok: z.literal(false),
      error: z.strictObject({ code: z.string().min(1).max(100), message: z.string().max(4000), details: z.record(z.string(), z.union([z.string(), z.number()])) }),
    }),
  ]),
});
const printerProgressSchema = z.strictObject({
  printerProgress: z.strictObject({
    id,
    progress: z.strictObject({
      jobId: z.string().max(200),
      state: z.enum(['pending', 'held', 'processing', 'stopped', 'completed', 'canceled', 'aborted']),
      reason: z.string().max(4000).nullable(),
    }),
  }),
});

/** main -> core: a printer reply or progress, or `null` when the message is neither. */
export function readPrinterMessage(message: unknown): { kind: 'reply'; message: PrinterReply } | { kind: 'progress'; message: PrinterProgress } | null {
  if (!isRecord(message)) return null;
  if ('printerReply' in message) {
    const parsed = printerReplySchema.safeParse(message);
    // The code is checked against the catalogue by the reader (bridged-printer.ts).
    return parsed.success ? { kind: 'reply', message: parsed.data as PrinterReply } : null;
  }
  if ('printerProgress' in message) {
    const parsed = printerProgressSchema.safeParse(message);
    return parsed.success ? { kind: 'progress', message: parsed.data } : null;
  }
  return null;
}

/** Sorts a message from the core into its kind; anything else is `null` (and gets logged). */
export function readFromCore(
  message: unknown,
):
  | { kind: 'reply'; message: CoreReply }
  | { kind: 'ready'; message: CoreReady }
  | { kind: 'event'; message: CoreEvent }
  | { kind: 'fatal'; message: CoreFatal }
  | { kind: 'printerCall'; message: CorePrinterCall }
  | { kind: 'printerCancel'; message: CorePrinterCancel }
  | null {
  if (!isRecord(message)) return null;
  if ('printerCall' in message) {
    const parsed = printerCallSchema.safeParse(message);
    return parsed.success ? { kind: 'printerCall', message: parsed.data } : null;
  }
  if ('printerCancel' in message) {
    const parsed = printerCancelSchema.safeParse(message);
    return parsed.success ? { kind: 'printerCancel', message: parsed.data } : null;
  }
  if (Number.isSafeInteger(message.id) && isRecord(message.result)) return { kind: 'reply', message: message as unknown as CoreReply };
  if (isRecord(message.event)) return { kind: 'event', message: message as unknown as CoreEvent };
  if (isRecord(message.fatal)) return { kind: 'fatal', message: message as unknown as CoreFatal };
  if (isRecord(message.ready)) return { kind: 'ready', message: message as unknown as CoreReady };
  return null;
}

const ARG_PREFIX = {
  dataDir: '--motcua-data-dir=',
  migrationsDir: '--motcua-migrations-dir=',
  resourcesDir: '--motcua-resources-dir=',
  appVersion: '--motcua-app-version=',
} as const satisfies Record<keyof CoreProcessOptions, string>;

// `utilityProcess.fork(path, args)` hands args over without a shell, so paths with spaces and
// Vietnamese letters (C:\Users\Nguyễn Văn A\...) arrive intact as single arguments.
export function encodeCoreArgs(options: CoreProcessOptions): string[] {
  return (Object.keys(ARG_PREFIX) as (keyof CoreProcessOptions)[]).map((key) => `${ARG_PREFIX[key]}${options[key]}`);
}

/** Reads the options back from `process.argv`; `null` if any is missing or empty. */
export function decodeCoreArgs(argv: readonly string[]): CoreProcessOptions | null {
  const pick = (prefix: string) => argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  const dataDir = pick(ARG_PREFIX.dataDir);
  const migrationsDir = pick(ARG_PREFIX.migrationsDir);
  const resourcesDir = pick(ARG_PREFIX.resourcesDir);
  const appVersion = pick(ARG_PREFIX.appVersion);
  if (!dataDir || !migrationsDir || !resourcesDir || !appVersion) return null;
  return { dataDir, migrationsDir, resourcesDir, appVersion };
}
