import { useQuery } from '@tanstack/react-query';
import type { SyncState } from '../../../shared/api/contract';
import { vi } from '../../../shared/i18n/vi';
import { vnClock } from '../../../shared/time/vn-time';
import { useApi } from '../api/api-context';

function syncLabel(sync: SyncState): string {
  switch (sync.state) {
    case 'not-configured':
      return vi.status.sync.notConfigured;
    case 'synced':
      return vi.status.sync.synced;
    case 'sending':
      return vi.status.sync.sending(sync.pending);
    case 'offline':
      return vi.status.sync.offlineSince(sync.offlineSince ? vnClock(new Date(sync.offlineSince)) : '—');
    case 'error':
      return vi.status.sync.error;
  }
}

export function StatusBar() {
  const { client, connected } = useApi();
  const status = useQuery({ queryKey: ['app', 'status'], queryFn: () => client.call('app.status', {}) });
  const s = status.data;
  return (
    <footer className="status-bar" aria-label="Thanh trạng thái">
      {!connected && <span role="alert">{vi.status.connection.lost}</span>}
      <span className="grow" data-testid="status-database" title={s?.databaseFile}>
        {vi.status.database}: {s ? `${s.databaseFile} (${vi.status.schema(s.schemaVersion)})` : '…'}
      </span>
      {s && <span data-testid="status-mode">{vi.status.mode[s.host]}</span>}
      {s && <span data-testid="status-sync">{syncLabel(s.sync)}</span>}
    </footer>
  );
}
