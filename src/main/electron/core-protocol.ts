import type { EventMessage } from '../../shared/api/contract';
import type { ApiErrorBody } from '../../shared/api/errors';
import type { CallResult } from '../../shared/api/transport';

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

export type ToCoreMessage = CoreRequest | CoreShutdown;

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

export type FromCoreMessage = CoreReply | CoreReady | CoreEvent | CoreFatal;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isCoreRequest(message: unknown): message is CoreRequest {
  return isRecord(message) && Number.isSafeInteger(message.id) && typeof message.method === 'string';
}

export function isCoreShutdown(message: unknown): message is CoreShutdown {
  return isRecord(message) && message.shutdown === true;
}

/** Sorts a message from the core into its kind; anything else is `null` (and gets logged). */
export function readFromCore(
  message: unknown,
):
  | { kind: 'reply'; message: CoreReply }
  | { kind: 'ready'; message: CoreReady }
  | { kind: 'event'; message: CoreEvent }
  | { kind: 'fatal'; message: CoreFatal }
  | null {
  if (!isRecord(message)) return null;
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
