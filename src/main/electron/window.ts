import { app, BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from '../core/logging/logger';
import type { AppPage } from './app-page';

// The window shows citizens' data, so its page gets no Node, runs sandboxed in its own world,
// and reaches the core only through the preload's window.api. Everything that could put a
// foreign page in front of that bridge (navigation, redirects, popups, <webview>) is refused.

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A file dropped on the window would otherwise replace the app with that file.
    navigateOnDragDrop: false,
    devTools,
  };
}

const hardened = new WeakSet<WebContents>();

/** Applied to every webContents the app ever creates, ours or not. Safe to call twice. */
export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean, logger: Logger): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const refuseForeign = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // Log only the origin: a full URL could carry a citizen's data in its query.
    logger.warn(`${kind} refused`, { origin: originOf(event.url) });
  };
  contents.on('will-navigate', refuseForeign('navigation'));
  contents.on('will-redirect', refuseForeign('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('new window refused', { origin: originOf(url) });
    return { action: 'deny' };
  });
}

/** Guards webContents created later (devtools, anything a future feature opens). */
export function guardAllWebContents(isAppUrl: (url: string) => boolean, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, logger));
}

/** Replaces any Content-Security-Policy header, whatever its case, with ours. */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

export function hardenSession(ses: Session, csp: string): void {
  // The counter app needs no camera, microphone, location or notifications from the web page;
  // scanners and printers are driven from the core.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // file:// pages carry the policy in a meta tag; this covers the dev server's responses.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

export interface MainWindowOptions {
  page: AppPage;
  preloadPath: string;
  csp: string;
  devTools: boolean;
  logger: Logger;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: vi.app.name,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown once painted, so the clerk never sees a white flash.
    show: false,
    webPreferences: secureWebPreferences(opts.preloadPath, opts.devTools),
  });
  hardenSession(win.webContents.session, opts.csp);
  hardenWebContents(win.webContents, opts.page.isAppUrl, opts.logger);
  win.once('ready-to-show', () => win.show());
  // The title stays the app's name whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.webContents.on('render-process-gone', (_event, details) => {
    opts.logger.error('renderer gone', { reason: details.reason, exitCode: details.exitCode });
  });
  const loading = opts.page.load.kind === 'url' ? win.loadURL(opts.page.load.url) : win.loadFile(opts.page.load.path);
  loading.catch((e: unknown) => opts.logger.error('window failed to load', { error: e instanceof Error ? e.message : String(e) }));
  return win;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}
