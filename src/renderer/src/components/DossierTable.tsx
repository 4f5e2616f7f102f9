import { Badge, Table, Text } from '@mantine/core';
import type { DossierSummary } from '../../../shared/api/calls/dossiers';
import { vi } from '../../../shared/i18n/vi';
import { vnDateTime } from '../intake/IntakeForm';

// Shade 9 of each keeps white badge text above WCAG AA contrast.
const statusColor: Record<number, string> = { 2: 'blue', 3: 'red', 4: 'indigo', 5: 'violet', 7: 'gray', 9: 'teal', 10: 'dark' };

/** A list of dossiers; Enter or a click on a row opens it. */
export function DossierTable({ rows, empty, onOpen, testId }: { rows: DossierSummary[]; empty: string; onOpen(id: string): void; testId: string }) {
  const c = vi.dossierList.columns;
  if (rows.length === 0) {
    return (
      <Text c="gray.7" size="sm" data-testid={`${testId}-empty`}>
        {empty}
      </Text>
    );
  }
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing={3} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{c.code}</Table.Th>
          <Table.Th>{c.applicant}</Table.Th>
          <Table.Th>{c.procedure}</Table.Th>
          <Table.Th style={{ whiteSpace: 'nowrap' }}>{c.received}</Table.Th>
          <Table.Th style={{ whiteSpace: 'nowrap' }}>{c.due}</Table.Th>
          <Table.Th>{c.status}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d) => (
          <Table.Tr
            key={d.id}
            tabIndex={0}
            style={{ cursor: 'pointer' }}
            onClick={() => onOpen(d.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onOpen(d.id);
              }
            }}
            aria-label={`${d.code ?? ''} ${d.applicantName}`}
          >
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.code ?? '—'}</Table.Td>
            <Table.Td>{d.applicantName}</Table.Td>
            <Table.Td>{d.procedureName}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{vnDateTime(d.receivedAt)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.dueAt ? vnDateTime(d.dueAt) : '—'}</Table.Td>
            <Table.Td>
              <Badge variant="filled" tt="none" color={`${statusColor[d.status] ?? "gray"}.9`}>
                {vi.dossier.status[d.status] ?? d.status}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
