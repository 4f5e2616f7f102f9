import { Paper, Table, Text, Title } from '@mantine/core';
import type { OutboxEntryView } from '../../../shared/api/calls/sync';
import { vi } from '../../../shared/i18n/vi';
import { vnDateTime } from '../intake/IntakeForm';
import { operationName } from './useSyncStatus';

const t = vi.sync.queue;

/** What waits to go to the province, oldest first (the order the engine sends it in). */
export function QueueTable({ pending, total }: { pending: OutboxEntryView[]; total: number }) {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="sync-queue-title">
      <Title order={3} size="h5" id="sync-queue-title" mb="xs">
        {t.title} ({total})
      </Title>
      {pending.length === 0 ? (
        <Text c="gray.7" size="sm" data-testid="sync-queue-empty">
          {t.empty}
        </Text>
      ) : (
        <>
          <Table striped withTableBorder verticalSpacing={3} data-testid="sync-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.operation}</Table.Th>
                <Table.Th>{t.code}</Table.Th>
                <Table.Th>{t.createdAt}</Table.Th>
                <Table.Th>{t.attempts}</Table.Th>
                <Table.Th>{t.lastError}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pending.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{operationName(e.operation)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.code ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{vnDateTime(e.createdAt)}</Table.Td>
                  <Table.Td>{e.attempts}</Table.Td>
                  <Table.Td>{e.lastError ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {total > pending.length && (
            <Text size="sm" mt={4}>
              {t.showing(pending.length, total)}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}
