import { createMotcuaAdapter } from './motcua-adapter';
import { createNationalAdapter } from './national-adapter';
import type { SyncAdapter } from './sync-adapter';
import type { AdapterHooks, SyncSettings, SyncTuning } from './sync-types';

/** The adapter the admin chose, for the endpoint and account in the settings. */
export function adapterFor(s: SyncSettings, tuning: SyncTuning, hooks: AdapterHooks): SyncAdapter {
  const options = {
    endpoint: s.endpoint ?? '',
    account: { username: s.username ?? '', password: s.password ?? '', deviceId: s.deviceId },
    timeoutMs: tuning.timeoutMs,
    chunkBytes: tuning.chunkBytes,
    onServerTime: hooks.onServerTime,
  };
  return s.adapter === 'national' ? createNationalAdapter({ ...options, dossierCodes: hooks.dossierCodes }) : createMotcuaAdapter(options);
}
