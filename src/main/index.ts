import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { fill, vi } from '../shared/i18n/vi';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { createRotatingLogger } from './core/logging/logger';
import { findProjectRoot } from './core/runtime/paths';
import { appPage } from './electron/app-page';
import { startCoreHost, type CoreHost } from './electron/core-host';
import { useDesktopDataDir } from './electron/data-dir';
import { createElectronPrinter } from './electron/electron-printer';
import { startIpcRelay } from './electron/ipc-relay';
import { installAppMenu } from './electron/menu';
import { resolveUpdateFeed, startUpdater } from './electron/updater';
import { createMainWindow, guardAllWebContents } from './electron/window';

// The Electron main process: wiring only. The core runs in a utility process (core-host), the
// window talks to it through the preload and the IPC relay.

// electron-vite sets ELECTRON_RENDERER_URL under `dev`; an installed app never loads a URL from
// its environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const dataDir = useDesktopDataDir(app);
const logsDir = join(dataDir, 'logs');
const logger = createRotatingLogger({ dir: logsDir, name: 'electron-main', echo: devServerUrl !== undefined });

let mainWindow: BrowserWindow | null = null;
let core: CoreHost | null = null;
let coreStopped = false;

/** Packaged: copied by electron-builder's extraResources. From the repo: the committed folders. */
function packagedOrRepo(folder: 'migrations' | 'resources'): string {
  return app.isPackaged ? join(process.resourcesPath, folder) : join(findProjectRoot(__dirname), folder);
}

function showFatalAndQuit(message: string): void {
  dialog.showErrorBox(vi.desktop.fatalTitle, message);
  app.quit();
}

function start(): void {
  const appVersion = app.getVersion();
  const devTools = !app.isPackaged;
  const page = appPage({ rendererIndexHtml: join(__dirname, '../renderer/index.html'), devServerUrl });
  guardAllWebContents(page.isAppUrl, logger);
  installAppMenu({ logsDir, dataDir, appVersion, devTools, window: () => mainWindow, logger });
  // The print page sits beside index.html (or on the same dev server); the core prints through
  // it when it chose the Electron driver (electron/print-driver-choice.ts).
  const printPage = appPage({
    rendererIndexHtml: join(__dirname, '../renderer/print.html'),
    devServerUrl: devServerUrl ? new URL('print.html', devServerUrl).href : undefined,
  });

  const host = startCoreHost({
    modulePath: join(__dirname, 'core-process.js'),
    options: { dataDir, migrationsDir: packagedOrRepo('migrations'), resourcesDir: packagedOrRepo('resources'), appVersion },
    logger,
    onFatal: (reason) => showFatalAndQuit(reason.message),
    printer: createElectronPrinter({ page: printPage.load }),
  });
  core = host;

  const win = createMainWindow({
    page,
    preloadPath: join(__dirname, '../preload/index.js'),
    csp: page.load.kind === 'url' ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    devTools,
    logger,
  });
  mainWindow = win;
  win.on('closed', () => {
    mainWindow = null;
  });

  startIpcRelay({ core: host, isAppUrl: page.isAppUrl, target: () => mainWindow?.webContents ?? null, logger });
  startUpdater({ feedUrl: resolveUpdateFeed({ env: process.env, userDataDir: dataDir, logger }), logger, window: () => mainWindow });
  logger.info('app started', { appVersion, packaged: app.isPackaged });
}

// One app per data dir: a second launch (a double-click on the shortcut) brings this window
// forward instead of fighting over the database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('vn.motcua.desk');
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Let the core close its database before the process ends, so no lock file is left behind.
  app.on('will-quit', (event) => {
    if (coreStopped || !core) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      logger.error('start failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      showFatalAndQuit(fill(vi.errors.INTERNAL, { ref: 'electron-main' }));
    });
}
