import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PrinterChoice, PrinterSettings } from '../../../shared/api/calls/printing';
import { PRINT_PURPOSES, type PrintPurpose } from '../../../shared/forms/form-kinds';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { errorText } from '../printing/usePrinting';

type Row = { driver: 'none' | 'system' | 'escpos'; printer: string; copies: number; paper: 'A4' | 'A5'; host: string; port: number };

const rowOf = (c: PrinterChoice | null): Row => ({
  driver: c?.driver ?? 'none',
  printer: c?.driver === 'system' ? c.printer : '',
  copies: c?.driver === 'system' ? c.copies : 1,
  paper: c?.driver === 'system' ? c.paper : 'A4',
  host: c?.driver === 'escpos' ? c.host : '',
  port: c?.driver === 'escpos' ? c.port : 9100,
});
const choiceOf = (r: Row): PrinterChoice | null =>
  r.driver === 'none' ? null : r.driver === 'system' ? { driver: 'system', printer: r.printer, copies: r.copies, paper: r.paper } : { driver: 'escpos', host: r.host, port: r.port };

/** The admin picks a printer per kind of document, checks each with a test page. */
export function PrintersPanel() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const t = vi.documents.settings;
  const printers = useQuery({ queryKey: ['printers'], queryFn: () => client.call('printing.printers', {}) });
  const saved = useQuery({ queryKey: ['printer-settings'], queryFn: () => client.call('printing.settings', {}) });
  // The admin's edits, over what is saved; null until the first change.
  const [edited, setEdited] = useState<Record<PrintPurpose, Row> | null>(null);
  const rows = edited ?? (saved.data ? { forms: rowOf(saved.data.forms), ledger: rowOf(saved.data.ledger), slip: rowOf(saved.data.slip) } : null);
  const save = useMutation({
    mutationFn: (next: PrinterSettings) => client.call('printing.updateSettings', next),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['printer-settings'] }),
  });
  const test = useMutation({ mutationFn: (purpose: PrintPurpose) => client.call('printing.testPage', { purpose }) });
  const patch = (purpose: PrintPurpose, p: Partial<Row>) => rows && setEdited({ ...rows, [purpose]: { ...rows[purpose], ...p } });
  const names = printers.data?.printers.map((p) => ({ value: p.name, label: `${p.name}${p.isDefault ? ` ${t.defaultMark}` : ''}` })) ?? [];
  const error = save.error ?? test.error ?? printers.error;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="printers-title">
      <Title order={3} size="h5" id="printers-title" mb={4}>
        {t.title}
      </Title>
      <Text size="sm" mb="xs">
        {t.intro}
      </Text>
      {printers.data && (
        <Table withTableBorder verticalSpacing={2} mb="xs" data-testid="printer-list">
          <Table.Tbody>
            {printers.data.printers.map((p) => (
              <Table.Tr key={p.name}>
                <Table.Td>
                  {p.name} {p.isDefault ? t.defaultMark : ''}
                </Table.Td>
                <Table.Td>{p.description}</Table.Td>
                <Table.Td>
                  {t.states[p.state]}
                  {p.accepting ? '' : `, ${t.notAccepting}`}
                  {p.reason ? ` (${p.reason})` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {printers.data?.printers.length === 0 && <Text size="sm">{t.noPrinters}</Text>}
      {rows && (
        <Stack gap="xs">
          {PRINT_PURPOSES.map((purpose) => {
            const r = rows[purpose];
            return (
              <Group key={purpose} align="flex-end" gap="sm" data-testid={`printer-${purpose}`}>
                <NativeSelect
                  w={260}
                  label={vi.documents.purposes[purpose]}
                  value={r.driver}
                  onChange={(e) => patch(purpose, { driver: e.currentTarget.value as Row['driver'] })}
                  data={[
                    { value: 'none', label: t.none },
                    { value: 'system', label: t.system },
                    ...(purpose === 'slip' ? [{ value: 'escpos', label: t.escpos }] : []),
                  ]}
                />
                {r.driver === 'system' && (
                  <>
                    <NativeSelect label={t.printer} value={r.printer} onChange={(e) => patch(purpose, { printer: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...names]} />
                    <NumberInput w={80} label={t.copies} min={1} max={9} value={r.copies} onChange={(v) => patch(purpose, { copies: Number(v) || 1 })} />
                    {purpose !== 'slip' && (
                      <NativeSelect label={t.paper} value={r.paper} onChange={(e) => patch(purpose, { paper: e.currentTarget.value as 'A4' | 'A5' })} data={['A4', 'A5']} />
                    )}
                  </>
                )}
                {r.driver === 'escpos' && (
                  <>
                    <TextInput label={t.host} value={r.host} onChange={(e) => patch(purpose, { host: e.currentTarget.value })} placeholder="192.168.1.50" />
                    <NumberInput w={100} label={t.port} min={1} max={65535} value={r.port} onChange={(v) => patch(purpose, { port: Number(v) || 9100 })} />
                  </>
                )}
                <Button variant="default" onClick={() => test.mutate(purpose)} loading={test.isPending && test.variables === purpose}>
                  {t.testPage}
                </Button>
              </Group>
            );
          })}
          <Group>
            <Button onClick={() => save.mutate({ forms: choiceOf(rows.forms), ledger: choiceOf(rows.ledger), slip: choiceOf(rows.slip), jobTimeoutSeconds: saved.data?.jobTimeoutSeconds ?? 180 })} loading={save.isPending}>
              {t.save}
            </Button>
            <Button variant="default" onClick={() => void printers.refetch()}>
              {t.refresh}
            </Button>
          </Group>
        </Stack>
      )}
      {save.isSuccess && (
        <Alert color="teal.9" variant="filled" mt="xs" role="status">
          {t.saved}
        </Alert>
      )}
      {test.isSuccess && (
        <Alert color="teal.9" variant="filled" mt="xs" role="status">
          {vi.documents.printed(vi.documents.forms.test!, test.data.printer)}
        </Alert>
      )}
      {error && (
        <Alert color="red.9" variant="filled" mt="xs" role="alert">
          {errorText(error)}
        </Alert>
      )}
    </Paper>
  );
}
