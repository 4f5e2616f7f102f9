import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Finds the project root (the folder holding our package.json, migrations/ and resources/) by
 * walking up from `start`. Works from the sources (tsx), from out/ (built) and from tests.
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'migrations'))) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'motcua-desk') return dir;
      } catch {
        /* keep walking */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`motcua-desk project root not found above ${start}`);
    dir = parent;
  }
}

export function readAppVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Where a counter's data lives when no --data-dir is given: the same folder the desktop app
 * uses (Electron's appData + our name), so every host opens one database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MOTCUA_DATA_DIR) return resolve(env.MOTCUA_DATA_DIR);
  const home = homedir();
  const appData =
    platform === 'win32'
      ? env.APPDATA ?? join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME ?? join(home, '.config');
  return join(appData, 'motcua-desk');
}
