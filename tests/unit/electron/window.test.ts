import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { vi as text } from '../../../src/shared/i18n/vi';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security/csp';
import { appPage } from '../../../src/main/electron/app-page';
import { FakeBrowserWindow, FakeWebContents, navigationEvent, recordingLogger } from './fakes';

const electron = vi.hoisted(() => ({
  appListeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', async () => {
  const { FakeBrowserWindow } = await import('./fakes');
  return {
    BrowserWindow: FakeBrowserWindow,
    app: { on: (event: string, listener: (...args: unknown[]) => void) => electron.appListeners.set(event, listener) },
  };
});

const { createMainWindow, guardAllWebContents, hardenWebContents, withCsp } = await import('../../../src/main/electron/window');

const INDEX = '/opt/Một Cửa Desk/resources/app.asar/out/renderer/index.html';
const page = appPage({ rendererIndexHtml: INDEX, platform: 'linux' });
const appUrl = `${pathToFileURL(INDEX).href}#/intake`;

function openWindow(overrides: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  const logger = recordingLogger();
  const win = createMainWindow({ page, preloadPath: '/app/out/preload/index.js', csp: CONTENT_SECURITY_POLICY, devTools: false, logger, ...overrides });
  return { win: win as unknown as FakeBrowserWindow, logger };
}

beforeEach(() => {
  FakeBrowserWindow.created = [];
  electron.appListeners.clear();
});

describe('main window', () => {
  it('gives the page no Node and an isolated, sandboxed world with our preload', () => {
    const { win } = openWindow();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.js',
      devTools: false,
    });
    expect(win.options.title).toBe(text.app.name);
  });

  it('loads the built index.html, or the dev server when there is one', () => {
    expect(openWindow().win.loadedFile).toBe(INDEX);
    const dev = appPage({ rendererIndexHtml: INDEX, devServerUrl: 'http://localhost:5173/' });
    const { win } = openWindow({ page: dev });
    expect(win.loadedUrl).toBe('http://localhost:5173/');
    expect(win.loadedFile).toBeNull();
  });

  it('refuses navigation and redirects to any other page, but not within our own page', () => {
    const { win, logger } = openWindow();
    const foreign = navigationEvent('https://evil.example/phish?cccd=001099012345');
    win.webContents.emit('will-navigate', foreign);
    expect(foreign.defaultPrevented).toBe(true);
    // Only the origin is logged: the query could hold a citizen's ID number.
    expect(JSON.stringify(logger.entries)).not.toContain('001099012345');

    const otherFile = navigationEvent(pathToFileURL('/etc/passwd').href);
    win.webContents.emit('will-navigate', otherFile);
    expect(otherFile.defaultPrevented).toBe(true);

    const redirect = navigationEvent('https://evil.example/');
    win.webContents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);

    const own = navigationEvent(appUrl);
    win.webContents.emit('will-navigate', own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('denies window.open and <webview>', () => {
    const { win } = openWindow();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: appUrl })).toEqual({ action: 'deny' });
    const attach = navigationEvent('');
    win.webContents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { win } = openWindow();
    const session = win.webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.(win.webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.(win.webContents, permission, appUrl, {})).toBe(false);
    }
  });

  it('puts our Content-Security-Policy on every response, replacing any other', () => {
    const { win } = openWindow();
    const callback = vi.fn();
    win.webContents.session.headersListener?.(
      { responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } },
      callback,
    );
    const headers = callback.mock.calls[0]?.[0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('shows the window only once painted and keeps its Vietnamese title', () => {
    const { win } = openWindow();
    expect(win.shown).toBe(0);
    win.emit('ready-to-show');
    expect(win.shown).toBe(1);
    const titleChange = navigationEvent('');
    win.emit('page-title-updated', titleChange, 'Vite App');
    expect(titleChange.defaultPrevented).toBe(true);
  });
});

describe('guards for other webContents', () => {
  it('hardens every webContents the app creates later', () => {
    const logger = recordingLogger();
    guardAllWebContents(page.isAppUrl, logger);
    const created = electron.appListeners.get('web-contents-created');
    expect(created).toBeTypeOf('function');

    const other = new FakeWebContents();
    created?.({}, other);
    const nav = navigationEvent('https://evil.example/');
    other.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('does not stack listeners when the same webContents is hardened twice', () => {
    const contents = new FakeWebContents();
    const logger = recordingLogger();
    hardenWebContents(contents as never, page.isAppUrl, logger);
    hardenWebContents(contents as never, page.isAppUrl, logger);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('withCsp', () => {
  it('works when a response has no headers at all', () => {
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
