import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A Chromium-family browser that supports `--app` windows, or null. */
export function findAppBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  for (const name of CANDIDATES[platform] ?? []) {
    if (name.includes('/') || name.includes('\\')) {
      if (isExecutable(name)) return name;
      continue;
    }
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (dir && isExecutable(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

/**
 * The secret must not appear on the browser's command line (other local users can read process
 * lists), so the browser opens a file only this user can read, which forwards to the auth URL.
 */
export function writeLaunchPage(dataDir: string, authUrl: string): string {
  const file = join(dataDir, 'open-app.html');
  const escaped = authUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}">`, { mode: 0o600 });
  chmodSync(file, 0o600); // `mode` applies only when the file is created
  return file;
}

export function openAppWindow(browser: string, launchPage: string, profileDir: string): void {
  const args = [`--app=file://${launchPage}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--disable-sync'];
  // Chromium refuses to run as root without this; desktops do not run as root, CI machines do.
  if (process.getuid?.() === 0) args.push('--no-sandbox', '--test-type');
  const child = spawn(browser, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
