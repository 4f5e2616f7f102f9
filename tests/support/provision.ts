import { createCore } from '../../src/main/core/core';
import { systemClock, uuidV7Ids } from '../../src/main/core/config';
import { testConfig, systemContext } from './core-fixture';
import { sampleAdmin, sampleOffice } from './office-fixture';

export const sampleClerk = { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', password: 'tiepnhan123' };

/**
 * A data dir as an admin leaves it after setup: the office profile, the admin and one clerk
 * (who need not change the password). Done in-process, before the host starts and takes the lock.
 */
export async function provisionDataDir(dataDir: string): Promise<void> {
  const core = createCore(testConfig(dataDir, { clock: systemClock, ids: uuidV7Ids }));
  try {
    const ctx = systemContext();
    const setup = await core.dispatch('auth.setup', { admin: sampleAdmin, office: sampleOffice }, ctx);
    if (!setup.ok) throw new Error(setup.error.message);
    const clerk = await core.dispatch('users.create', { ...sampleClerk, role: 'clerk', mustChangePassword: false }, ctx);
    if (!clerk.ok) throw new Error(clerk.error.message);
  } finally {
    core.close();
  }
}
