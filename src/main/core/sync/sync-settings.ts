import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { SyncSettingsView } from '../../../shared/api/calls/sync';
import type { SettingsStore } from '../settings/settings-store';
import type { SyncSettings } from './sync-types';

export type { SyncSettings } from './sync-types';

// The admin's sync set-up, one settings row. The password is kept for the background sync to
// log in unattended; it is never returned by the API nor written to the audit log.

export const SYNC_SETTINGS_KEY = 'sync';


export function createSyncSettings(store: SettingsStore) {
  let cached: SyncSettings | null = null;

  function load(): SyncSettings {
    if (cached) return cached;
    const stored = store.get<Partial<SyncSettings>>(SYNC_SETTINGS_KEY);
    cached = {
      enabled: stored?.enabled ?? false,
      endpoint: stored?.endpoint ?? null,
      adapter: stored?.adapter ?? 'motcua',
      username: stored?.username ?? null,
      password: stored?.password ?? null,
      deviceId: stored?.deviceId ?? randomUUID(),
    };
    return cached;
  }

  return {
    load,
    view(): SyncSettingsView {
      const s = load();
      return { enabled: s.enabled, endpoint: s.endpoint, adapter: s.adapter, username: s.username, hasPassword: s.password !== null, deviceId: s.deviceId };
    },
    save(input: { enabled: boolean; endpoint: string | null; adapter: 'motcua' | 'national'; username: string | null; password?: string }, actor: string): SyncSettingsView {
      const endpoint = input.endpoint?.trim() || null;
      if (endpoint !== null) {
        let url: URL;
        try {
          url = new URL(endpoint);
        } catch {
          throw new AppError('SYNC_ENDPOINT_INVALID', { endpoint: endpoint.slice(0, 200) });
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('SYNC_ENDPOINT_INVALID', { endpoint: endpoint.slice(0, 200) });
      }
      const current = load();
      const next: SyncSettings = {
        enabled: input.enabled,
        endpoint: endpoint?.replace(/\/+$/, '') ?? null,
        adapter: input.adapter,
        username: input.username?.trim() || null,
        password: input.password ?? current.password,
        deviceId: current.deviceId,
      };
      if (next.enabled && (!next.endpoint || !next.username || !next.password)) throw new AppError('SYNC_SETTINGS_INCOMPLETE');
      store.set(SYNC_SETTINGS_KEY, next, actor, { ...next, password: next.password ? '(đã lưu)' : null });
      cached = next;
      return this.view();
    },
  };
}

export type SyncSettingsStore = ReturnType<typeof createSyncSettings>;
