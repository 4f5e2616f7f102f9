import { Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { SyncStatus } from '../../../shared/api/calls/sync';
import { vi } from '../../../shared/i18n/vi';
import { vnClock, vnDateKey } from '../../../shared/time/vn-time';
import { useApi } from '../api/api-context';
import { ErrorNotice } from '../auth/ErrorNotice';
import { vnDateTime } from '../intake/IntakeForm';
import { ClockSkewNotice } from './ClockSkewNotice';
import { DeadLetterTable } from './DeadLetterTable';
import { QueueTable } from './QueueTable';
import { useApplySyncState, useSyncQueue, useSyncStatus } from './useSyncStatus';

const t = vi.sync.page;

/** With seconds: retries come seconds apart, and a skew of a minute must be visible. */
const vnClockSeconds = (iso: string) => `${vnClock(new Date(iso))}:${new Date(iso).toISOString().slice(17, 19)}`;
const vnDateTimeSeconds = (iso: string) => {
  const [y, m, day] = vnDateKey(new Date(iso)).split('-');
  return `${vnClockSeconds(iso)} ngày ${day}/${m}/${y}`;
};

/**
 * The supervisors' view of the sync: how it stands, what waits in the queue, what the province
 * refused. Live: the status bar's SyncBadge keeps these queries fresh from the core's events.
 */
export function SyncPage() {
  const { client } = useApi();
  const status = useSyncStatus();
  const queue = useSyncQueue();
  const apply = useApplySyncState();
  const now = useMutation({ mutationFn: () => client.call('sync.now', {}), onSuccess: apply });
  const s = status.data;

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" component="section" aria-labelledby="sync-title">
        <Group justify="space-between" mb={4}>
          <Title order={2} size="h4" id="sync-title">
            {t.title}
          </Title>
          <Button onClick={() => now.mutate()} loading={now.isPending} disabled={s?.state === 'not-configured'} data-testid="sync-now">
            {vi.sync.syncNow}
          </Button>
        </Group>
        <Text size="sm" mb="xs">
          {t.intro}
        </Text>
        <Stack gap="xs">
          <ClockSkewNotice block />
          {s && <Summary s={s} />}
          <div aria-live="polite" data-testid="sync-progress">
            {s?.state === 'sending' ? (
              <Group gap="xs">
                <Loader size="xs" aria-hidden />
                <Text size="sm">{vi.sync.sendingProgress(s.pending)}</Text>
              </Group>
            ) : (
              now.isSuccess && <Text size="sm">{vi.sync.syncStarted}</Text>
            )}
          </div>
          {s?.lastError && (
            <Text size="sm" c="red.9" data-testid="sync-last-error">
              {t.lastError(s.lastError.message, vnDateTime(s.lastError.at))}
            </Text>
          )}
          <ErrorNotice error={now.error ?? status.error ?? queue.error} />
        </Stack>
      </Paper>
      {queue.data && (
        <>
          <QueueTable pending={queue.data.pending} total={queue.data.pendingTotal} />
          <DeadLetterTable entries={queue.data.deadLetters} />
        </>
      )}
    </Stack>
  );
}

function Summary({ s }: { s: SyncStatus }) {
  const when = (iso: string | null, none: string = t.notSet) => (iso ? vnDateTimeSeconds(iso) : none);
  const clock = s.clock
    ? `${t.clockReading(vnClockSeconds(s.clock.deviceTime), vnClockSeconds(s.clock.serverTime))} (${t.clockOffset(Math.round(s.clock.skewMs / 1000))})`
    : t.clockUnknown;
  const cards: [key: string, label: string, value: string][] = [
    ['state', t.state, vi.sync.states[s.state] ?? s.state],
    ['pending', t.pending, String(s.pending)],
    ['acknowledged', t.acknowledged, String(s.acknowledged)],
    ['dead', t.deadLetters, String(s.deadLetters)],
    ['last-success', t.lastSuccess, when(s.lastSuccessAt, vi.sync.badge.never)],
    ['last-attempt', t.lastAttempt, when(s.lastAttemptAt)],
    ['next-attempt', t.nextAttempt, when(s.nextAttemptAt, t.notScheduled)],
    ['endpoint', t.endpoint, s.endpoint ? `${s.endpoint}${s.adapter ? ` (${vi.sync.adapters[s.adapter]})` : ''}` : t.notSet],
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" data-testid="sync-summary">
      {cards.map(([key, label, value]) => (
        <Paper key={key} withBorder p="xs" bg="gray.0" data-testid={`sync-summary-${key}`}>
          <Text size="xs" c="gray.7">
            {label}
          </Text>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </Paper>
      ))}
      <Paper withBorder p="xs" bg="gray.0" data-testid="sync-summary-clock" style={{ gridColumn: 'span 2' }}>
        <Text size="xs" c="gray.7">
          {t.clock}
        </Text>
        <Text size="sm" fw={600}>
          {clock}
        </Text>
      </Paper>
    </SimpleGrid>
  );
}
