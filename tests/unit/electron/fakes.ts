import { EventEmitter } from 'node:events';
import type { Logger, LogLevel } from '../../../src/main/core/logging/logger';

// Stand-ins for the few Electron objects the glue touches. Electron's binary cannot run here,
// so these record what the glue asked for; the tests then play the part of Chromium (emit a
// navigation, call the permission handler) and check the glue's answer.

export interface LogEntry {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log: Logger['log'] = (level, message, fields) => entries.push({ level, message, fields });
  return {
    entries,
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

/** What Chromium passes to will-navigate / will-redirect listeners. */
export function navigationEvent(url: string): { url: string; defaultPrevented: boolean; preventDefault(): void } {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  session = new FakeSession();
  url = '';
  destroyed = false;
  sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  loadedFile: string | null = null;
  shown = 0;
  focused = 0;
  restored = 0;
  minimized = false;
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(path: string) {
    this.loadedFile = path;
    return Promise.resolve();
  }
  show() {
    this.shown += 1;
  }
  focus() {
    this.focused += 1;
  }
  restore() {
    this.restored += 1;
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
}

/** Electron's UtilityProcess as the main process sees it. */
export class FakeUtilityProcess extends EventEmitter {
  posted: unknown[] = [];
  killed = 0;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
  ) {
    super();
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed += 1;
    return true;
  }
  /** The last request the host sent, by method. */
  requestFor(method: string): { id: number; method: string; input: unknown } {
    const found = (this.posted as { id?: number; method?: string; input?: unknown }[]).filter((m) => m.method === method).at(-1);
    if (!found || found.id === undefined) throw new Error(`no request for ${method}`);
    return found as { id: number; method: string; input: unknown };
  }
}
