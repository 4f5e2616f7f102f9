import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src/main/core/runtime/paths';
import { desktopDataDir, useDesktopDataDir } from '../../../src/main/electron/data-dir';

describe('desktop data dir', () => {
  it('is the same folder browser mode and the CLI use by default', () => {
    // Electron's appData on Linux is XDG_CONFIG_HOME (or ~/.config): the same rule paths.ts follows.
    const env = { XDG_CONFIG_HOME: '/home/nhung/.config' };
    expect(desktopDataDir('/home/nhung/.config', env)).toBe(defaultDataDir(env, 'linux'));
    expect(desktopDataDir('/home/nhung/.config', env)).toBe('/home/nhung/.config/motcua-desk');
  });

  it('is MOTCUA_DATA_DIR when set, for both hosts', () => {
    const env = { MOTCUA_DATA_DIR: 'relative/test-data' };
    expect(desktopDataDir('/home/nhung/.config', env)).toBe(resolve('relative/test-data'));
    expect(desktopDataDir('/home/nhung/.config', env)).toBe(defaultDataDir(env, 'linux'));
  });

  it('becomes userData, with Chromium’s own files in a subfolder', () => {
    const set = new Map<string, string>();
    const app = { getPath: (name: string) => (name === 'appData' ? '/appdata' : 'wrong'), setPath: (name: string, value: string) => set.set(name, value) };
    const dir = useDesktopDataDir(app as never, {});
    expect(dir).toBe(join('/appdata', 'motcua-desk'));
    expect(set.get('userData')).toBe(dir);
    expect(set.get('sessionData')).toBe(join(dir, 'chromium'));
  });
});
