import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { SyncStatus } from '../../../shared/api/calls/sync';
import type { AppStatus, SyncState } from '../../../shared/api/contract';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { useAuthState } from '../auth/useAuthState';

export const APP_STATUS_KEY = ['app', 'status'] as const;
export const SYNC_STATUS_KEY = ['sync', 'status'] as const;
export const SYNC_QUEUE_KEY = ['sync', 'queue'] as const;
/** Outside ['sync', …] on purpose: live updates must not refetch it under the admin's edits. */
export const SYNC_SETTINGS_KEY = ['sync-settings'] as const;

/** The sync calls need a logged-in, unlocked session; app.status (the badge's line) does not. */
export function useCanCallSync(): boolean {
  const auth = useAuthState();
  return !!auth.data?.session && !auth.data.locked;
}

/** The engine's full status (for the popover, the clock notice and the sync page). */
export function useSyncStatus() {
  const { client } = useApi();
  const enabled = useCanCallSync();
  return useQuery({ queryKey: SYNC_STATUS_KEY, queryFn: () => client.call('sync.status', {}), enabled });
}

/** The queue (oldest first) and the dead letters, for supervisors. */
export function useSyncQueue() {
  const { client } = useApi();
  const enabled = useCanCallSync();
  return useQuery({ queryKey: SYNC_QUEUE_KEY, queryFn: () => client.call('sync.queue', { limit: 100 }), enabled });
}

/** Puts a fresh state (from the event or from sync.now) into both cached views at once. */
export function useApplySyncState(): (state: SyncState | SyncStatus) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (state) => {
      const line: SyncState = { state: state.state, pending: state.pending, offlineSince: state.offlineSince };
      queryClient.setQueryData<AppStatus>(APP_STATUS_KEY, (old) => old && { ...old, sync: line });
      queryClient.setQueryData<SyncStatus>(SYNC_STATUS_KEY, (old) => (old ? { ...old, ...state } : 'lastSuccessAt' in state ? state : old));
    },
    [queryClient],
  );
}

/**
 * Keeps the badge, the popover and the sync page live. 'sync.state' carries the state line
 * itself, so the badge changes at once; the details (last success, next attempt, the queue) are
 * not in the event and are asked for again. A new or changed dossier adds to the outbox without
 * necessarily changing the engine's state, so 'dossiers.changed' refreshes the counts too.
 * Mount once (the status bar does, through SyncBadge).
 */
export function useSyncLiveUpdates(): void {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const apply = useApplySyncState();
  useEffect(() => {
    const refreshDetails = () => {
      void queryClient.invalidateQueries({ queryKey: SYNC_STATUS_KEY });
      void queryClient.invalidateQueries({ queryKey: SYNC_QUEUE_KEY });
    };
    const offState = client.on('sync.state', (state) => {
      apply(state);
      refreshDetails();
    });
    const offDossiers = client.on('dossiers.changed', () => {
      void queryClient.invalidateQueries({ queryKey: APP_STATUS_KEY });
      refreshDetails();
    });
    return () => {
      offState();
      offDossiers();
    };
  }, [client, queryClient, apply]);

  // The browser saw the network come back (cable, Wi-Fi): sync now rather than at the next retry.
  const canSync = useCanCallSync();
  useEffect(() => {
    if (!canSync) return;
    const online = () => void client.call('sync.now', {}).then(apply, () => undefined);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [client, canSync, apply]);
}

export { syncLine } from '../../../shared/sync/sync-line';

/** A queue entry's operation in Vietnamese (the audit's action names). */
export function operationName(operation: string): string {
  return vi.sync.operations[operation] ?? vi.dossier.historyActions[operation] ?? operation;
}
