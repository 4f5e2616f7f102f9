import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from '../core/logging/logger';

// Updates come from a server the province runs, configured per machine; without one the app
// never contacts anything. When configured, updates download in the background but install
// only when the clerk says so: restarting mid-intake would lose what is on the screen.

export const UPDATE_FEED_FILE = 'update-feed.json';
const SIX_HOURS = 6 * 60 * 60 * 1000;

function readFeedFile(file: string, logger: Logger): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // no file: updates are simply off
  }
  try {
    const url = (JSON.parse(text) as { url?: unknown }).url;
    if (typeof url === 'string' && url.trim()) return url.trim();
  } catch {
    /* reported below */
  }
  logger.warn('update feed file ignored: expected {"url": "https://…"}', { file });
  return null;
}

/**
 * The installer arrives from this URL and runs with the clerk's rights, so only HTTPS is
 * accepted; plain HTTP only to this machine itself (tests, a local mirror).
 */
export function acceptableFeedUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** MOTCUA_UPDATE_URL, else `{userData}/update-feed.json` `{"url": …}`, else null (updates off). */
export function resolveUpdateFeed(opts: { env: NodeJS.ProcessEnv; userDataDir: string; logger: Logger }): string | null {
  const raw = opts.env.MOTCUA_UPDATE_URL?.trim() || readFeedFile(join(opts.userDataDir, UPDATE_FEED_FILE), opts.logger);
  if (!raw) return null;
  if (!acceptableFeedUrl(raw)) {
    opts.logger.warn('update feed ignored: not an https URL');
    return null;
  }
  return raw;
}

export interface UpdaterOptions {
  feedUrl: string | null;
  logger: Logger;
  window(): BrowserWindow | null;
  checkIntervalMs?: number;
}

export async function askToInstall(version: string, win: BrowserWindow | null): Promise<boolean> {
  const box = {
    type: 'question' as const,
    title: vi.update.readyTitle,
    message: vi.update.ready(version),
    detail: vi.update.readyDetail,
    buttons: [vi.update.installNow, vi.update.later],
    // Enter or Esc on a dialog that popped up mid-typing must not restart the app.
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const { response } = await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
  return response === 0;
}

/** Returns null, having done nothing at all, when no feed is configured. */
export function startUpdater(opts: UpdaterOptions): { stop(): void } | null {
  const { logger } = opts;
  if (!opts.feedUrl) {
    logger.info('updates off: no feed configured');
    return null;
  }
  const text = (m: unknown) => ({ detail: m instanceof Error ? m.message : String(m) });
  autoUpdater.logger = {
    info: (m?: unknown) => logger.info('updater', text(m)),
    warn: (m?: unknown) => logger.warn('updater', text(m)),
    error: (m?: unknown) => logger.error('updater', text(m)),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.setFeedURL({ provider: 'generic', url: opts.feedUrl });

  let asked: string | null = null;
  autoUpdater.on('update-available', (info) => logger.info('update available', { version: info.version }));
  autoUpdater.on('update-not-available', () => logger.info('app is up to date'));
  autoUpdater.on('error', (error) => logger.warn('update failed', { error: error.message }));
  autoUpdater.on('update-downloaded', (info) => {
    logger.info('update downloaded', { version: info.version });
    if (asked === info.version) return;
    asked = info.version;
    askToInstall(info.version, opts.window())
      .then((yes) => {
        logger.info(yes ? 'clerk accepted the update' : 'clerk postponed the update', { version: info.version });
        if (yes) autoUpdater.quitAndInstall(true, true);
      })
      .catch((e: unknown) => logger.error('update prompt failed', text(e)));
  });

  const check = () => {
    // Offline counters are normal: a failed check is logged and retried at the next interval.
    Promise.resolve()
      .then(() => autoUpdater.checkForUpdates())
      .catch((e: unknown) => logger.warn('update check failed', text(e)));
  };
  check();
  const timer = setInterval(check, opts.checkIntervalMs ?? SIX_HOURS);
  return { stop: () => clearInterval(timer) };
}
