import { Button, Group, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import type { FormTarget } from '../../../shared/api/calls/printing';
import { DOSSIER_FORMS, type DossierFormKind } from '../../../shared/forms/form-kinds';
import { vi } from '../../../shared/i18n/vi';
import { vnInstantFromLocal } from '../../../shared/time/vn-time';
import { useApi } from '../api/api-context';
import { vnDateTime } from '../intake/IntakeForm';
import { PrintDialog } from './PrintDialog';
import { StoredFileButton } from './StoredFileButton';
import { errorText, usePrinting } from './usePrinting';

type Choice = DossierFormKind | 'slip';

interface Fields {
  reason: string;
  missing: string;
  newDueAt: string;
}

/** The form's own fields, as the API takes them; null while a required one is empty. */
function paramsOf(form: Choice, f: Fields): Record<string, unknown> | undefined {
  const reason = f.reason.trim() || undefined;
  switch (form) {
    case '02': {
      const missing = f.missing
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((name) => ({ name }));
      return { reason, missing: missing.length > 0 ? missing : undefined };
    }
    case '03':
    case '05':
      return { reason };
    case '04':
      return { reason, newDueAt: f.newDueAt ? vnInstantFromLocal(f.newDueAt) : undefined };
    default:
      return undefined;
  }
}

/** Forms of one dossier: pick one, fill its fields, preview, print; the ones already issued, with reprint. */
export function DossierForms({ dossier }: { dossier: DossierDetail }) {
  const { client } = useApi();
  const t = vi.documents;
  const [open, setOpen] = useState<Choice | null>(null);
  const [fields, setFields] = useState<Fields>({ reason: '', missing: '', newDueAt: '' });
  const issued = useQuery({ queryKey: ['issued-forms', dossier.id], queryFn: () => client.call('forms.issued', { dossier: dossier.id }) });
  const { reprint, progress } = usePrinting();

  const target: FormTarget | null =
    open === null ? null : open === 'slip' ? { kind: 'slip', dossier: dossier.id } : { kind: 'dossierForm', dossier: dossier.id, form: open, params: paramsOf(open, fields) };
  const set = (k: keyof Fields) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setFields((cur) => ({ ...cur, [k]: value }));
  };
  const needsReason = open === '02' || open === '03' || open === '04' || open === '05';

  return (
    <>
      <Title order={3} size="h5">
        {t.actions.forms}
      </Title>
      <Group gap={6} data-testid="form-buttons">
        {[...DOSSIER_FORMS, 'slip' as const].map((f) => (
          <Button key={f} size="compact-sm" variant="light" color="blue.9" onClick={() => setOpen(f)} title={t.forms[f]}>
            {f === 'slip' ? t.actions.printSlip : `${f} · ${t.forms[f]}`}
          </Button>
        ))}
      </Group>
      <PrintDialog
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? t.forms[open]! : ''}
        target={target}
        fields={
          needsReason && (
            <Group align="flex-start" grow>
              <TextInput label={t.params.reason} value={fields.reason} onChange={set('reason')} />
              {open === '02' && <Textarea label={t.params.missing} value={fields.missing} onChange={set('missing')} autosize minRows={2} />}
              {open === '04' && <TextInput type="datetime-local" label={t.params.newDueAt} value={fields.newDueAt} onChange={set('newDueAt')} />}
            </Group>
          )
        }
      />
      <Title order={3} size="h5">
        {t.issued.title}
      </Title>
      {issued.data?.length === 0 && <Text size="sm">{t.issued.none}</Text>}
      {reprint.error && (
        <Text c="red.9" size="sm" role="alert">
          {errorText(reprint.error)}
        </Text>
      )}
      {reprint.isPending && progress && <Text size="sm">{progress}</Text>}
      {issued.data && issued.data.length > 0 && (
        <Table withTableBorder verticalSpacing={2} data-testid="issued-forms">
          <Table.Tbody>
            {issued.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{t.forms[f.form] ?? f.form}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{t.issued.by(f.issuedBy, vnDateTime(f.issuedAt))}</Table.Td>
                <Table.Td>
                  {f.jobs.map((j) => (
                    <Text key={j.id} size="xs">
                      {j.printer}: {t.jobStates[j.state]} {j.reprint ? t.issued.reprint : ''} {j.reason === 'interrupted' ? t.interrupted : (j.reason ?? '')}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <StoredFileButton label={t.actions.viewIssued} title={t.forms[f.form] ?? f.form} load={() => client.call('forms.issuedFile', { id: f.id })} />
                    <Button size="compact-xs" variant="default" loading={reprint.isPending && reprint.variables.issuedFormId === f.id} onClick={() => reprint.mutate({ issuedFormId: f.id })}>
                      {t.actions.reprint}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
