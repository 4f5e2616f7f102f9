import { randomUUID } from 'node:crypto';
import { systemClock, uuidV7Ids, type CoreConfig } from '../../src/main/core/config';
import type { Core } from '../../src/main/core/core';
import type { CallContext } from '../../src/main/core/dispatcher';
import { callOk } from './core-call';
import { openTestCore, systemContext } from './core-fixture';
import { procedureId, sampleDossier } from './dossier-fixture';
import { sampleAdmin, sampleOffice } from './office-fixture';

// A counter for sync tests: a real core on a temp data dir, set up as counter N of the demo
// unit, with real time and time-ordered ids (two counters must never share an id). Its host is
// the CLI's, so no background rounds run: tests drive rounds with core.sync.runOnce().

export const QUAY1 = { username: 'quay1', password: 'quay1-matkhau' };
export const QUAY2 = { username: 'quay2', password: 'quay2-matkhau' };

export async function openCounter(dataDir: string, counterNumber = 1, overrides: Partial<CoreConfig> = {}): Promise<Core> {
  const core = openTestCore(dataDir, { clock: systemClock, ids: uuidV7Ids, syncTuning: { timeoutMs: 5_000, chunkBytes: 64 * 1024 }, ...overrides });
  const setup = await core.dispatch('auth.setup', { admin: sampleAdmin, office: { ...sampleOffice, counterNumber, countersInUnit: 2 } }, systemContext());
  // A reopened data dir is already set up.
  if (!setup.ok && setup.error.code !== 'ALREADY_SET_UP') throw new Error(setup.error.message);
  return core;
}

export async function configureSync(core: Core, endpoint: string, account = QUAY1, adapter: 'motcua' | 'national' = 'motcua'): Promise<void> {
  await callOk(core, 'sync.settings.set', { enabled: true, endpoint, adapter, username: account.username, password: account.password }, systemContext());
}

/** A received dossier whose two documents each got one scanned page (so two attachments). */
export async function receiveWithAttachments(core: Core, ctx: CallContext, page: Buffer, overrides: Parameters<typeof sampleDossier>[1] = {}) {
  const requestId = randomUUID();
  for (const documentCode of ['TK', 'GCS']) {
    await callOk(core, 'scans.import', { requestId, documentCode, files: [{ name: `${documentCode}.jpg`, dataBase64: page.toString('base64') }] }, ctx);
  }
  const input = sampleDossier(await procedureId(core, ctx, '1.001193'), { requestId, ...overrides });
  return callOk<{ id: string; code: string; status: number; revision: number }>(core, 'dossiers.receive', input, ctx);
}
