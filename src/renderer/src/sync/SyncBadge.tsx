import { Box, Button, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SyncState } from '../../../shared/api/contract';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from '../auth/ErrorNotice';
import { vnDateTime } from '../intake/IntakeForm';
import { ClockSkewNotice } from './ClockSkewNotice';
import { APP_STATUS_KEY, syncLine, useApplySyncState, useCanCallSync, useSyncLiveUpdates, useSyncStatus } from './useSyncStatus';

const t = vi.sync;

/** The dot's colour per state; the dot is decoration (the words carry the state). */
const dotColor: Record<SyncState['state'], string> = {
  'not-configured': 'gray.6',
  synced: 'teal.7',
  sending: 'blue.7',
  offline: 'orange.7',
  error: 'red.8',
};

function Dot({ state }: { state: SyncState['state'] }) {
  return <Box component="span" aria-hidden bg={dotColor[state]} w={9} h={9} style={{ borderRadius: '50%', display: 'inline-block', flex: 'none' }} />;
}

/**
 * The status bar's sync state: a coloured dot and one line ("Đã đồng bộ", "Đang gửi 3",
 * "Mất kết nối từ 09:12"…). Logged in, it opens a popover with the details and "Đồng bộ ngay";
 * before login it is only the line (the sync calls need a session). Keeps every sync view live.
 */
export function SyncBadge() {
  const { client } = useApi();
  useSyncLiveUpdates();
  const app = useQuery({ queryKey: APP_STATUS_KEY, queryFn: () => client.call('app.status', {}) });
  const canCall = useCanCallSync();
  const sync = app.data?.sync;
  if (!sync) return null;
  const line = syncLine(sync);
  if (!canCall) {
    return (
      <Group component="span" gap={6} wrap="nowrap" data-testid="status-sync">
        <Dot state={sync.state} />
        {line}
      </Group>
    );
  }
  return (
    <>
      <ClockSkewNotice />
      <Popover position="top-end" withArrow shadow="md" trapFocus returnFocus width={360}>
        <Popover.Target>
          <UnstyledButton fz="xs" aria-label={`${line} — ${t.badge.details}`} px={4} style={{ borderRadius: 4 }}>
            <Group component="span" gap={6} wrap="nowrap" data-testid="status-sync">
              <Dot state={sync.state} />
              {line}
            </Group>
          </UnstyledButton>
        </Popover.Target>
        <Popover.Dropdown data-testid="sync-popover">
          <SyncDetails sync={sync} />
        </Popover.Dropdown>
      </Popover>
    </>
  );
}

/** The popover: what the clerk may want to know, and a way to sync now. */
function SyncDetails({ sync }: { sync: SyncState }) {
  const { client } = useApi();
  const status = useSyncStatus();
  const apply = useApplySyncState();
  const now = useMutation({ mutationFn: () => client.call('sync.now', {}), onSuccess: apply });
  const s = status.data;
  const b = t.badge;
  return (
    <Stack gap={6} fz="sm">
      <Text fw={600} size="sm">
        {b.title}
      </Text>
      {sync.state === 'not-configured' ? (
        <Text size="sm">{b.notConfigured}</Text>
      ) : (
        <>
          <Detail label={b.lastSuccess} value={s?.lastSuccessAt ? vnDateTime(s.lastSuccessAt) : b.never} testId="sync-popover-last-success" />
          <Detail label={b.pending} value={String(sync.pending)} testId="sync-popover-pending" />
          {!!s?.deadLetters && <Detail label={b.deadLetters} value={String(s.deadLetters)} testId="sync-popover-dead" />}
          <Detail label={b.lastError} value={s?.lastError ? `${s.lastError.message} (${vnDateTime(s.lastError.at)})` : b.none} testId="sync-popover-last-error" />
          <Group>
            <Button size="compact-sm" onClick={() => now.mutate()} loading={now.isPending}>
              {t.syncNow}
            </Button>
          </Group>
          <div aria-live="polite">{now.isSuccess && <Text size="sm">{t.syncStarted}</Text>}</div>
        </>
      )}
      <ErrorNotice error={now.error ?? status.error} />
    </Stack>
  );
}

function Detail({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Text size="sm" data-testid={testId}>
      <Text span c="gray.7" size="sm">
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}
