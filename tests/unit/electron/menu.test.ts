import { describe, expect, it, vi, type Mock } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { vi as text } from '../../../src/shared/i18n/vi';
import { recordingLogger } from './fakes';

const fakes = vi.hoisted(() => ({
  openPath: null as unknown as Mock,
  showMessageBox: null as unknown as Mock,
  applied: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { vi } = await import('vitest');
  fakes.openPath = vi.fn(async () => '');
  fakes.showMessageBox = vi.fn(async () => ({ response: 0 }));
  return {
    shell: { openPath: fakes.openPath },
    dialog: { showMessageBox: fakes.showMessageBox },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => fakes.applied.push(menu),
    },
  };
});

const { installAppMenu, menuTemplate } = await import('../../../src/main/electron/menu');

const options = (devTools = false) => ({
  logsDir: '/data/motcua-desk/logs',
  dataDir: '/data/motcua-desk',
  appVersion: '1.4.0',
  devTools,
  window: () => null,
  logger: recordingLogger(),
});

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...items((item.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
}

function click(item: MenuItemConstructorOptions | undefined) {
  (item?.click as (() => void) | undefined)?.();
}

describe('application menu', () => {
  it('has the four Vietnamese top menus, and every item a Vietnamese label', () => {
    const template = menuTemplate(options());
    expect(template.map((m) => m.label)).toEqual([text.menu.file, text.menu.edit, text.menu.view, text.menu.help]);
    const labelled = items(template).filter((i) => i.type !== 'separator');
    const ours = new Set<string>(Object.values(text.menu));
    for (const item of labelled) expect(ours.has(item.label ?? '')).toBe(true);
  });

  it('keeps the edit roles so Ctrl+C/Ctrl+V work in every field', () => {
    const roles = items(menuTemplate(options())).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
  });

  it('offers developer tools only in development', () => {
    expect(items(menuTemplate(options(false))).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(menuTemplate(options(true))).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('"Mở thư mục nhật ký" opens the logs folder', async () => {
    const opts = options();
    click(items(menuTemplate(opts)).find((i) => i.label === text.menu.openLogs));
    expect(fakes.openPath).toHaveBeenCalledWith('/data/motcua-desk/logs');

    fakes.openPath.mockResolvedValueOnce('No application is registered');
    click(items(menuTemplate(opts)).find((i) => i.label === text.menu.openLogs));
    await vi.waitFor(() => expect(opts.logger.entries.some((e) => e.message === 'could not open logs folder')).toBe(true));
  });

  it('About shows the version and the data dir', () => {
    click(items(menuTemplate(options())).find((i) => i.label === text.menu.about));
    const box = fakes.showMessageBox.mock.calls.at(-1)?.[0] as { title: string; detail: string };
    expect(box.title).toBe(text.menu.about);
    expect(box.detail).toContain('1.4.0');
    expect(box.detail).toContain('/data/motcua-desk');
  });

  it('installs itself as the application menu', () => {
    installAppMenu(options());
    expect(fakes.applied).toHaveLength(1);
  });
});
