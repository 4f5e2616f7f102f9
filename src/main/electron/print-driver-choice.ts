import { join } from 'node:path';

// Which printer driver the desktop app's core uses. The system's printing (CUPS on Linux and
// macOS; the Windows spooler with SumatraPDF) is preferred: it reports the printer's own state
// and reasons. A Windows machine without SumatraPDF has no way to print a PDF silently, so
// there the core prints through Electron (webContents.print in the main process). An
// administrator can force either with MOTCUA_PRINT_DRIVER=electron|system.

export type PrintDriverKind = 'system' | 'electron';

export interface PrintDriverChoice {
  driver: PrintDriverKind;
  /** Why, for the log. */
  because: 'env' | 'cups' | 'sumatra' | 'no-sumatra';
  /** MOTCUA_PRINT_DRIVER was set to something else than electron or system: ignored, logged. */
  ignoredEnv?: string;
}

export interface PrintDriverChoiceInput {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  resourcesDir: string;
  exists(path: string): boolean;
}

export function choosePrintDriver({ platform, env, resourcesDir, exists }: PrintDriverChoiceInput): PrintDriverChoice {
  const forced = env.MOTCUA_PRINT_DRIVER?.trim().toLowerCase();
  if (forced === 'electron' || forced === 'system') return { driver: forced, because: 'env' };
  const ignoredEnv = forced ? { ignoredEnv: env.MOTCUA_PRINT_DRIVER } : {};
  if (platform !== 'win32') return { driver: 'system', because: 'cups', ...ignoredEnv };
  // The same places system-driver.ts looks, but the file must be there: a configured path to a
  // SumatraPDF that was uninstalled would fail every print.
  const configured = env.MOTCUA_SUMATRA_PATH;
  const sumatra = configured ? exists(configured) : exists(join(resourcesDir, 'bin', 'SumatraPDF.exe'));
  return sumatra ? { driver: 'system', because: 'sumatra', ...ignoredEnv } : { driver: 'electron', because: 'no-sumatra', ...ignoredEnv };
}
