import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePrintDriver } from '../../../src/main/electron/print-driver-choice';

// Which driver the desktop app's core prints with. Pure: the file system is a set of paths.

const RESOURCES = 'C:\\Program Files\\Mot Cua Desk\\resources\\resources';
const BUNDLED = join(RESOURCES, 'bin', 'SumatraPDF.exe');
const choose = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}, files: string[] = []) =>
  choosePrintDriver({ platform, env, resourcesDir: RESOURCES, exists: (path) => files.includes(path) });

describe('print driver choice', () => {
  it('uses CUPS on Linux and macOS', () => {
    expect(choose('linux')).toEqual({ driver: 'system', because: 'cups' });
    expect(choose('darwin')).toEqual({ driver: 'system', because: 'cups' });
  });

  it('uses the Windows spooler when SumatraPDF is shipped or configured, and Electron when it is not', () => {
    expect(choose('win32', {}, [BUNDLED])).toEqual({ driver: 'system', because: 'sumatra' });
    expect(choose('win32', { MOTCUA_SUMATRA_PATH: 'D:\\Tools\\SumatraPDF.exe' }, ['D:\\Tools\\SumatraPDF.exe'])).toEqual({ driver: 'system', because: 'sumatra' });
    expect(choose('win32')).toEqual({ driver: 'electron', because: 'no-sumatra' });
    // A configured path to a SumatraPDF that is not there would fail every print.
    expect(choose('win32', { MOTCUA_SUMATRA_PATH: 'D:\\Tools\\SumatraPDF.exe' }, [BUNDLED])).toEqual({ driver: 'electron', because: 'no-sumatra' });
  });

  it('obeys MOTCUA_PRINT_DRIVER, whatever the platform', () => {
    expect(choose('linux', { MOTCUA_PRINT_DRIVER: 'electron' })).toEqual({ driver: 'electron', because: 'env' });
    expect(choose('win32', { MOTCUA_PRINT_DRIVER: ' System ' })).toEqual({ driver: 'system', because: 'env' });
    expect(choose('win32', { MOTCUA_PRINT_DRIVER: 'system' }, [])).toEqual({ driver: 'system', because: 'env' });
  });

  it('ignores a value it does not know, and says so', () => {
    expect(choose('linux', { MOTCUA_PRINT_DRIVER: 'sumatra' })).toEqual({ driver: 'system', because: 'cups', ignoredEnv: 'sumatra' });
    expect(choose('win32', { MOTCUA_PRINT_DRIVER: 'pdf' })).toEqual({ driver: 'electron', because: 'no-sumatra', ignoredEnv: 'pdf' });
    expect(choose('linux', { MOTCUA_PRINT_DRIVER: '' })).toEqual({ driver: 'system', because: 'cups' });
  });
});
