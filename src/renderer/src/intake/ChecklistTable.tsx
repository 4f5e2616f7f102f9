import { Checkbox, NumberInput, Table, Text } from '@mantine/core';
import type { ChecklistItem } from '../../../shared/api/calls/dossiers';
import { vi } from '../../../shared/i18n/vi';

/** The documents the procedure requires: tick what was handed over (Space), adjust the counts. */
export function ChecklistTable({ items, onChange }: { items: ChecklistItem[]; onChange(index: number, patch: Partial<ChecklistItem>): void }) {
  const c = vi.intakeForm.columns;
  if (items.length === 0) return <Text size="sm" c="gray.7">{vi.intakeForm.checklistEmpty}</Text>;
  const update = onChange;
  const count = (i: number, k: 'originals' | 'certifiedCopies' | 'photocopies', label: string) => (
    <NumberInput
      size="xs"
      w={70}
      min={0}
      max={99}
      value={items[i]![k]}
      onChange={(v) => update(i, { [k]: typeof v === 'number' ? v : Number(v) || 0 })}
      aria-label={`${label}: ${items[i]!.name}`}
      hideControls
    />
  );
  return (
    <Table withTableBorder verticalSpacing={2} data-testid="checklist">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>{c.handed}</Table.Th>
          <Table.Th>{c.document}</Table.Th>
          <Table.Th w={80}>{c.originals}</Table.Th>
          <Table.Th w={80}>{c.copies}</Table.Th>
          <Table.Th w={80}>{c.photocopies}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((it, i) => (
          <Table.Tr key={it.code}>
            <Table.Td>
              <Checkbox checked={it.handedOver} onChange={(e) => update(i, { handedOver: e.currentTarget.checked })} aria-label={it.name} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{it.name}</Text>
            </Table.Td>
            <Table.Td>{count(i, 'originals', c.originals)}</Table.Td>
            <Table.Td>{count(i, 'certifiedCopies', c.copies)}</Table.Td>
            <Table.Td>{count(i, 'photocopies', c.photocopies)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
