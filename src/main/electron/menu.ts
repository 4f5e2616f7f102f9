import { dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from '../core/logging/logger';

// The application menu in Vietnamese. Edit commands keep their roles (so Ctrl+C etc. work in
// every text field) with our labels; Electron's English defaults never show.

export interface MenuOptions {
  logsDir: string;
  dataDir: string;
  appVersion: string;
  /** Developer tools only in development builds. */
  devTools: boolean;
  window(): BrowserWindow | null;
  logger: Logger;
}

export async function openLogsFolder(logsDir: string, logger: Logger): Promise<void> {
  // shell.openPath reports failure as a message, not an exception.
  const failure = await shell.openPath(logsDir);
  if (failure) logger.warn('could not open logs folder', { error: failure });
}

export async function showAbout(opts: Pick<MenuOptions, 'appVersion' | 'dataDir' | 'window'>): Promise<void> {
  const box = {
    type: 'info' as const,
    title: vi.menu.about,
    message: vi.app.name,
    detail: `${vi.app.tagline}\n${vi.desktop.aboutDetail(opts.appVersion, opts.dataDir)}`,
    buttons: [vi.desktop.ok],
  };
  const win = opts.window();
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: vi.menu.reload },
    { type: 'separator' },
    { role: 'zoomIn', label: vi.menu.zoomIn },
    { role: 'zoomOut', label: vi.menu.zoomOut },
    { role: 'resetZoom', label: vi.menu.resetZoom },
    { type: 'separator' },
    { role: 'togglefullscreen', label: vi.menu.fullscreen },
  ];
  if (opts.devTools) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: vi.menu.devTools });

  return [
    { label: vi.menu.file, submenu: [{ role: 'quit', label: vi.menu.quit }] },
    {
      label: vi.menu.edit,
      submenu: [
        { role: 'undo', label: vi.menu.undo },
        { role: 'redo', label: vi.menu.redo },
        { type: 'separator' },
        { role: 'cut', label: vi.menu.cut },
        { role: 'copy', label: vi.menu.copy },
        { role: 'paste', label: vi.menu.paste },
        { role: 'selectAll', label: vi.menu.selectAll },
      ],
    },
    { label: vi.menu.view, submenu: view },
    {
      label: vi.menu.help,
      submenu: [
        { label: vi.menu.openLogs, click: () => void openLogsFolder(opts.logsDir, opts.logger) },
        { type: 'separator' },
        { label: vi.menu.about, click: () => void showAbout(opts) },
      ],
    },
  ];
}

export function installAppMenu(opts: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(opts)));
}
