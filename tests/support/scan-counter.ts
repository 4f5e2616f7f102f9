import type { Core } from '../../src/main/core/core';
import type { CoreConfig } from '../../src/main/core/config';
import { startEsclScanner, type EsclDouble, type EsclDoubleSwitches } from '../doubles/escl-scanner';
import { callOk } from './core-call';
import { openTestCore, systemContext } from './core-fixture';
import { sampleAdmin, sampleOffice } from './office-fixture';

/**
 * A counter set up for scanning tests: the office and its administrator, and the eSCL double
 * added as the default scanner ("double"), as an admin would on the scanners page.
 */
export async function openScanningCounter(
  dataDir: string,
  scannerOptions: Partial<EsclDoubleSwitches>,
  overrides: Partial<CoreConfig> = {},
): Promise<{ core: Core; scanner: EsclDouble }> {
  const admin = systemContext('admin', 'quantri');
  const scanner = await startEsclScanner(scannerOptions);
  const core = openTestCore(dataDir, overrides);
  await callOk(core, 'auth.setup', { admin: sampleAdmin, office: sampleOffice }, admin);
  await callOk(core, 'scanning.updateSettings', { devices: [{ kind: 'escl', id: 'double', name: 'Máy quét thử', url: scanner.baseUrl }], defaultDeviceId: 'double' }, admin);
  return { core, scanner };
}
