import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { vi as text } from '../../../src/shared/i18n/vi';
import { findProjectRoot } from '../../../src/main/core/runtime/paths';
import { decodeCoreArgs } from '../../../src/main/electron/core-protocol';
import type { FakeBrowserWindow, FakeUtilityProcess } from './fakes';

// src/main/index.ts wires everything at import time; each test imports it afresh against a
// fake Electron and checks the wiring: single instance, the core's start options, quitting.

const fakes = vi.hoisted(() => ({
  app: null as unknown,
  lock: true,
  appData: '',
  children: [] as import('./fakes').FakeUtilityProcess[],
  // Kept here, not on the fake class: vi.resetModules() gives each launch a fresh copy of ./fakes.
  windows: [] as import('./fakes').FakeBrowserWindow[],
  ipcHandlers: new Map<string, unknown>(),
  errorBoxes: [] as [string, string][],
  menus: 0,
  feedSet: 0,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { FakeBrowserWindow, FakeUtilityProcess } = await import('./fakes');
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    requestSingleInstanceLock: () => fakes.lock,
    getPath: (name: string) => (name === 'appData' ? fakes.appData : `/unused/${name}`),
    setPath: vi.fn(),
    getVersion: () => '3.2.1',
    setAppUserModelId: vi.fn(),
  });
  fakes.app = app;
  return {
    app,
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(options: ConstructorParameters<typeof FakeBrowserWindow>[0]) {
        super(options);
        fakes.windows.push(this);
        // What the Electron printer's hidden window is asked; there is no Chromium to draw the PDF.
        Object.assign(this.webContents, {
          getPrintersAsync: async () => [{ name: 'HP_LaserJet', displayName: 'HP', description: '', options: {} }],
          executeJavaScript: async () => {
            throw new Error('no Chromium here');
          },
        });
      }
      destroy() {}
    },
    dialog: { showErrorBox: (title: string, message: string) => fakes.errorBoxes.push([title, message]), showMessageBox: vi.fn() },
    ipcMain: { handle: (channel: string, h: unknown) => fakes.ipcHandlers.set(channel, h), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => (fakes.menus += 1) },
    shell: { openPath: vi.fn() },
    utilityProcess: {
      fork: (modulePath: string, args: string[]) => {
        const child = new FakeUtilityProcess(modulePath, args);
        fakes.children.push(child);
        return child;
      },
    },
  };
});
vi.mock('electron-updater', () => ({
  autoUpdater: Object.assign(new EventEmitter(), { setFeedURL: () => (fakes.feedSet += 1), checkForUpdates: async () => null }),
}));

type FakeApp = EventEmitter & { quit: ReturnType<typeof vi.fn>; whenReady: ReturnType<typeof vi.fn>; setPath: ReturnType<typeof vi.fn> };
const app = () => fakes.app as unknown as FakeApp;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function launch() {
  vi.resetModules();
  await import('../../../src/main/index');
  await flush();
}

beforeEach(() => {
  fakes.appData = mkdtempSync(join(tmpdir(), 'motcua-main-'));
  fakes.lock = true;
  fakes.children = [];
  fakes.ipcHandlers.clear();
  fakes.errorBoxes = [];
  fakes.menus = 0;
  fakes.feedSet = 0;
  fakes.windows = [];
  vi.stubEnv('MOTCUA_DATA_DIR', '');
  vi.stubEnv('MOTCUA_UPDATE_URL', '');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  app()?.removeAllListeners();
  rmSync(fakes.appData, { recursive: true, force: true });
});

describe('Electron main process', () => {
  it('quits at once when another instance owns the app, starting nothing', async () => {
    fakes.lock = false;
    await launch();
    expect(app().quit).toHaveBeenCalled();
    expect(app().whenReady).not.toHaveBeenCalled();
    expect(fakes.children).toHaveLength(0);
    expect(fakes.windows).toHaveLength(0);
  });

  it('starts the core on the shared data dir with the repo migrations, then the window, relay and menu', async () => {
    await launch();
    const dataDir = join(fakes.appData, 'motcua-desk');
    expect(app().setPath).toHaveBeenCalledWith('userData', dataDir);

    expect(fakes.children).toHaveLength(1);
    const child = fakes.children[0] as FakeUtilityProcess;
    expect(child.modulePath.endsWith('core-process.js')).toBe(true);
    expect(decodeCoreArgs(child.args)).toEqual({ dataDir, migrationsDir: join(findProjectRoot(), 'migrations'), resourcesDir: join(findProjectRoot(), 'resources'), appVersion: '3.2.1' });

    const win = fakes.windows[0];
    expect(win?.options.webPreferences?.preload).toMatch(/preload[\\/]index\.js$/);
    expect(win?.loadedFile).toMatch(/renderer[\\/]index\.html$/);
    expect(fakes.ipcHandlers.has('motcua:invoke')).toBe(true);
    expect(fakes.menus).toBe(1);
    expect(fakes.feedSet).toBe(0); // no feed configured: the updater stays inert
  });

  it('brings the existing window forward when the app is launched again', async () => {
    await launch();
    const win = fakes.windows[0] as FakeBrowserWindow;
    win.minimized = true;
    app().emit('second-instance');
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
  });

  it('lets the core close its database before quitting', async () => {
    await launch();
    const child = fakes.children[0] as FakeUtilityProcess;
    const event = { preventDefault: vi.fn() };
    app().emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(child.posted.at(-1)).toEqual({ shutdown: true });
    expect(app().quit).not.toHaveBeenCalled();

    child.emit('exit', 0);
    await flush();
    expect(app().quit).toHaveBeenCalledTimes(1);
    const again = { preventDefault: vi.fn() };
    app().emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('shows the core’s startup error in Vietnamese and quits', async () => {
    await launch();
    const message = 'Cơ sở dữ liệu được tạo bởi phiên bản ứng dụng mới hơn …';
    (fakes.children[0] as FakeUtilityProcess).emit('message', { fatal: { code: 'DB_NEWER_THAN_APP', message } });
    expect(fakes.errorBoxes).toEqual([[text.desktop.fatalTitle, message]]);
    expect(app().quit).toHaveBeenCalled();
  });

  it("gives the core the Electron printer, whose hidden window loads the built print page", async () => {
    await launch();
    const child = fakes.children[0] as FakeUtilityProcess;
    const pdf = join(fakes.appData, '01.pdf');
    writeFileSync(pdf, '%PDF-1.7');
    const request = { printer: 'HP_LaserJet', file: pdf, copies: 1, media: 'A4', title: 'Mot Cua Desk - mau 01' };
    child.emit('message', { printerCall: { id: 1, op: 'print', request } });
    await vi.waitFor(() => expect(child.posted.some((m) => typeof m === 'object' && m !== null && 'printerReply' in m)).toBe(true));

    const printWindow = fakes.windows[1];
    expect(printWindow?.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
    expect(printWindow?.loadedFile).toMatch(/renderer[\\/]print\.html$/);
    expect(child.posted).toContainEqual({
      printerReply: { id: 1, ok: false, error: expect.objectContaining({ code: 'PRINT_FAILED', details: { printer: 'HP_LaserJet', reason: 'tệp in bị hỏng hoặc sai định dạng' } }) },
    });
  });

  it('quits when the window is closed', async () => {
    await launch();
    app().emit('window-all-closed');
    expect(app().quit).toHaveBeenCalled();
  });
});
