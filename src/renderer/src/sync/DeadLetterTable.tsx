import { Alert, Button, Checkbox, Group, Modal, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OutboxEntryView } from '../../../shared/api/calls/sync';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from '../auth/ErrorNotice';
import { vnDateTime } from '../intake/IntakeForm';
import { SYNC_QUEUE_KEY, SYNC_STATUS_KEY, operationName } from './useSyncStatus';

const t = vi.sync.deadLetters;

/**
 * Changes the province refused for good. A supervisor picks the ones whose cause was fixed and
 * sends them again, after a dialog saying what that does (they go back into the queue).
 */
export function DeadLetterTable({ entries }: { entries: OutboxEntryView[] }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  // A letter retried elsewhere (another window, the CLI) leaves the list: forget its tick.
  const selected = entries.filter((e) => picked.has(e.id)).map((e) => e.id);
  const retry = useMutation({
    mutationFn: (ids: string[]) => client.call('sync.retry', { ids }),
    onSuccess: () => {
      setPicked(new Set());
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: SYNC_QUEUE_KEY });
      void queryClient.invalidateQueries({ queryKey: SYNC_STATUS_KEY });
    },
  });
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const all = entries.length > 0 && selected.length === entries.length;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="sync-dead-title">
      <Title order={3} size="h5" id="sync-dead-title" mb={4}>
        {t.title} ({entries.length})
      </Title>
      {entries.length === 0 ? (
        <Text c="gray.7" size="sm" data-testid="sync-dead-empty">
          {t.empty}
        </Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {t.intro}
          </Text>
          <Table withTableBorder verticalSpacing={3} data-testid="sync-dead">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={t.selectAll}
                    checked={all}
                    indeterminate={selected.length > 0 && !all}
                    onChange={(e) => setPicked(e.currentTarget.checked ? new Set(entries.map((x) => x.id)) : new Set())}
                  />
                </Table.Th>
                <Table.Th>{vi.sync.queue.operation}</Table.Th>
                <Table.Th>{vi.sync.queue.code}</Table.Th>
                <Table.Th>{t.refusedAt}</Table.Th>
                <Table.Th>{t.reason}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t.select(`${operationName(e.operation)} ${e.code ?? ''}`.trim())}
                      checked={picked.has(e.id)}
                      onChange={(ev) => toggle(e.id, ev.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{operationName(e.operation)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.code ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.deadAt ? vnDateTime(e.deadAt) : '—'}</Table.Td>
                  <Table.Td>{e.lastError ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group mt="xs">
            <Button disabled={selected.length === 0} onClick={() => setConfirming(true)}>
              {t.retry(selected.length)}
            </Button>
          </Group>
        </>
      )}
      <div aria-live="polite">
        {retry.isSuccess && (
          <Alert color="teal.9" variant="filled" mt="xs" role="status" py={6}>
            {t.retried(retry.data.retried)}
          </Alert>
        )}
      </div>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t.confirmTitle} closeButtonProps={{ 'aria-label': t.close }}>
        <Text size="sm" mb="md" data-testid="sync-retry-confirm">
          {t.confirm(selected.length)}
        </Text>
        <ErrorNotice error={retry.error} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t.cancel}
          </Button>
          <Button onClick={() => retry.mutate(selected)} loading={retry.isPending}>
            {t.confirmButton}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
