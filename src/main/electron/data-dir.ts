import { join, resolve } from 'node:path';
import type { App } from 'electron';

// The desktop app and browser mode must open the same database by default, so the data dir is
// computed exactly as core/runtime/paths.ts's defaultDataDir() does, but from Electron's own
// idea of appData. Chromium's profile (caches, local storage) goes in its own subfolder, apart
// from our database, logs and backups.

export const APP_DIR_NAME = 'motcua-desk';

export function desktopDataDir(appDataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MOTCUA_DATA_DIR) return resolve(env.MOTCUA_DATA_DIR);
  return join(appDataDir, APP_DIR_NAME);
}

/**
 * Points userData at the data dir. Must run before `ready` and before
 * requestSingleInstanceLock(), whose lock lives in userData: two launches with different
 * MOTCUA_DATA_DIR (isolated end-to-end tests) are then allowed to run side by side.
 */
export function useDesktopDataDir(app: Pick<App, 'getPath' | 'setPath'>, env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = desktopDataDir(app.getPath('appData'), env);
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'chromium'));
  return dataDir;
}
