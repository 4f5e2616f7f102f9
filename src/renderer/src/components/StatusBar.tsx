import { useQuery } from '@tanstack/react-query';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { SyncBadge } from '../sync/SyncBadge';

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
      <SyncBadge />
    </footer>
  );
}
