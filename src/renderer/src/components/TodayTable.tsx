import { Table, Text } from '@mantine/core';
import type { DossierSummary } from '../../../shared/api/contract';
import { vi } from '../../../shared/i18n/vi';
import { vnClock } from '../../../shared/time/vn-time';

export function TodayTable({ rows }: { rows: DossierSummary[] }) {
  const c = vi.today.columns;
  if (rows.length === 0) {
    return (
      <Text c="gray.7" size="sm" data-testid="today-empty">
        {vi.today.empty}
      </Text>
    );
  }
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing={4} data-testid="today-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={50}>{c.index}</Table.Th>
          <Table.Th w={100} style={{ whiteSpace: "nowrap" }}>{c.receivedAt}</Table.Th>
          <Table.Th>{c.applicantName}</Table.Th>
          <Table.Th>{c.procedureName}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d, i) => (
          <Table.Tr key={d.id}>
            <Table.Td>{rows.length - i}</Table.Td>
            <Table.Td>{vnClock(new Date(d.receivedAt))}</Table.Td>
            <Table.Td>{d.applicantName}</Table.Td>
            <Table.Td>{d.procedureName}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
