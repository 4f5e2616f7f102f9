import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCupsDriver } from './cups-driver';
import type { PrinterDriver } from './printer-driver';
import { createWindowsDriver } from './windows-driver';

/**
 * The operating system's printing: CUPS on Linux and macOS, the spooler on Windows. Windows has
 * no command that prints a PDF silently, so it goes through SumatraPDF: MOTCUA_SUMATRA_PATH, or
 * a copy shipped under resources/bin by the installer.
 */
export function systemPrinterDriver(resourcesDir: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): PrinterDriver {
  if (platform !== 'win32') return createCupsDriver();
  const bundled = join(resourcesDir, 'bin', 'SumatraPDF.exe');
  return createWindowsDriver({ sumatraPath: env.MOTCUA_SUMATRA_PATH ?? (existsSync(bundled) ? bundled : null) });
}
