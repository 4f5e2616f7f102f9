import type { SyncState } from '../api/contract';
import { vi } from '../i18n/vi';
import { vnClock } from '../time/vn-time';

/** The sync state in one line, as the status bar and `motcua sync status` word it. */
export function syncLine(sync: SyncState): string {
  const t = vi.status.sync;
  switch (sync.state) {
    case 'not-configured':
      return t.notConfigured;
    case 'synced':
      return t.synced;
    case 'sending':
      return t.sending(sync.pending);
    case 'offline':
      return t.offlineSince(sync.offlineSince ? vnClock(new Date(sync.offlineSince)) : '—');
    case 'error':
      return t.error;
  }
}
