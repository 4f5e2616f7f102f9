import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { recordingLogger } from './fakes';

const fakes = vi.hoisted(() => ({
  updater: null as unknown,
  showMessageBox: null as unknown as Mock,
}));

vi.mock('electron-updater', async () => {
  const { EventEmitter } = await import('node:events');
  const { vi } = await import('vitest');
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    logger: null as unknown,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
  fakes.updater = updater;
  return { autoUpdater: updater };
});
vi.mock('electron', async () => {
  const { vi } = await import('vitest');
  fakes.showMessageBox = vi.fn();
  return { dialog: { showMessageBox: fakes.showMessageBox } };
});

const { resolveUpdateFeed, startUpdater, UPDATE_FEED_FILE } = await import('../../../src/main/electron/updater');

type Fn = ReturnType<typeof vi.fn>;
const u = () => fakes.updater as unknown as { setFeedURL: Fn; checkForUpdates: Fn; quitAndInstall: Fn; autoInstallOnAppQuit: boolean; autoDownload: boolean; logger: unknown } & import('node:events').EventEmitter;

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'motcua-updater-'));
  u().setFeedURL.mockClear();
  u().checkForUpdates.mockClear();
  u().quitAndInstall.mockClear();
  u().removeAllListeners();
  u().autoInstallOnAppQuit = true;
  fakes.showMessageBox.mockReset();
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('where the update feed comes from', () => {
  it('is nowhere by default: updates are off', () => {
    expect(resolveUpdateFeed({ env: {}, userDataDir: userData, logger: recordingLogger() })).toBeNull();
  });

  it('is MOTCUA_UPDATE_URL when set, before the file', () => {
    writeFileSync(join(userData, UPDATE_FEED_FILE), JSON.stringify({ url: 'https://file.example/feed' }));
    const env = { MOTCUA_UPDATE_URL: ' https://capnhat.tinh.gov.vn/motcua ' };
    expect(resolveUpdateFeed({ env, userDataDir: userData, logger: recordingLogger() })).toBe('https://capnhat.tinh.gov.vn/motcua');
  });

  it('is update-feed.json in userData', () => {
    writeFileSync(join(userData, UPDATE_FEED_FILE), JSON.stringify({ url: 'https://capnhat.tinh.gov.vn/motcua' }));
    expect(resolveUpdateFeed({ env: {}, userDataDir: userData, logger: recordingLogger() })).toBe('https://capnhat.tinh.gov.vn/motcua');
  });

  it('ignores a broken file and URLs an installer should not come from', () => {
    const logger = recordingLogger();
    writeFileSync(join(userData, UPDATE_FEED_FILE), '{ url: oops');
    expect(resolveUpdateFeed({ env: {}, userDataDir: userData, logger })).toBeNull();
    expect(logger.entries.some((e) => e.level === 'warn')).toBe(true);
    for (const url of ['http://capnhat.tinh.gov.vn/', 'file:///tmp/feed', 'ftp://x/', 'nonsense']) {
      expect(resolveUpdateFeed({ env: { MOTCUA_UPDATE_URL: url }, userDataDir: userData, logger })).toBeNull();
    }
    expect(resolveUpdateFeed({ env: { MOTCUA_UPDATE_URL: 'http://127.0.0.1:8080/feed' }, userDataDir: userData, logger })).toBe(
      'http://127.0.0.1:8080/feed',
    );
  });
});

describe('the updater', () => {
  it('does nothing at all without a feed', async () => {
    expect(startUpdater({ feedUrl: null, logger: recordingLogger(), window: () => null })).toBeNull();
    await flush();
    expect(u().setFeedURL).not.toHaveBeenCalled();
    expect(u().checkForUpdates).not.toHaveBeenCalled();
    expect(u().eventNames()).toEqual([]);
  });

  it('with a feed: sets a generic provider, never installs on quit by itself, and checks', async () => {
    const handle = startUpdater({ feedUrl: 'https://capnhat.tinh.gov.vn/motcua', logger: recordingLogger(), window: () => null });
    await flush();
    expect(u().setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://capnhat.tinh.gov.vn/motcua' });
    expect(u().autoInstallOnAppQuit).toBe(false);
    expect(u().checkForUpdates).toHaveBeenCalledTimes(1);
    handle?.stop();
  });

  it('logs a failed check (offline) instead of throwing', async () => {
    u().checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'));
    const logger = recordingLogger();
    startUpdater({ feedUrl: 'https://capnhat.tinh.gov.vn/motcua', logger, window: () => null })?.stop();
    await flush();
    expect(logger.entries.find((e) => e.message === 'update check failed')?.fields).toEqual({ detail: 'net::ERR_INTERNET_DISCONNECTED' });
  });

  it('installs a downloaded update only when the clerk agrees', async () => {
    const handle = startUpdater({ feedUrl: 'https://capnhat.tinh.gov.vn/motcua', logger: recordingLogger(), window: () => null });
    fakes.showMessageBox.mockResolvedValueOnce({ response: 1 }); // "Để sau"
    u().emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(fakes.showMessageBox).toHaveBeenCalledTimes(1);
    const box = fakes.showMessageBox.mock.calls[0]?.[0] as { message: string; defaultId: number; cancelId: number };
    expect(box.message).toContain('0.2.0');
    expect(box.defaultId).toBe(1); // Enter means "later"
    expect(u().quitAndInstall).not.toHaveBeenCalled();

    fakes.showMessageBox.mockResolvedValueOnce({ response: 0 }); // "Cài đặt và khởi động lại"
    u().emit('update-downloaded', { version: '0.2.1' });
    await flush();
    expect(u().quitAndInstall).toHaveBeenCalledTimes(1);
    handle?.stop();
  });
});
