import { Alert, Button, Drawer, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import { ApiCallError } from '../../../shared/api/errors';
import { canTransition, ENDING_ACTIONS, TRANSITIONS, type TransitionAction } from '../../../shared/dossier/status';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { vnDateTime } from '../intake/IntakeForm';
import { DossierForms } from '../printing/DossierForms';
import { DossierAttachments } from '../scanning/DossierAttachments';

/** One dossier: its record, its history, and the lifecycle steps its status allows. */
export function DossierDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<TransitionAction | null>(null);
  const t = vi.dossierList;
  const detail = useQuery({ queryKey: ['dossiers', 'detail', id], queryFn: () => client.call('dossiers.get', { idOrCode: id! }), enabled: !!id });
  const step = useMutation({
    mutationFn: (p: { d: DossierDetail; action: TransitionAction }) =>
      client.call('dossiers.transition', {
        id: p.d.id,
        revision: p.d.revision,
        action: p.action,
        note: p.action === 'returnResult' ? undefined : note || undefined,
        returnedTo: p.action === 'returnResult' ? note : undefined,
        returnMethod: p.action === 'returnResult' ? 'counter' : undefined,
      }),
    onSuccess: () => {
      setNote('');
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
  const d = detail.data;
  const actions = d ? (Object.keys(TRANSITIONS) as TransitionAction[]).filter((a) => canTransition(d.status, a)) : [];
  return (
    <Drawer opened={!!id} onClose={onClose} position="right" size="xl" closeButtonProps={{ 'aria-label': t.close }} title={<Title order={2} size="h4">{t.detailTitle} {d?.code ?? ''}</Title>}>
      {d && (
        <Stack gap="xs" data-testid="dossier-detail">
          <Text>
            <b>{vi.dossier.status[d.status]}</b> · {d.procedure.name}
          </Text>
          <Text size="sm">
            {vi.intakeForm.fullName}: {d.applicantName} {d.applicant?.idNumber ? `· ${d.applicant.idNumber}` : ''} {d.applicant?.phone ? `· ${d.applicant.phone}` : ''}
          </Text>
          <Text size="sm">
            {t.columns.received}: {vnDateTime(d.receivedAt)} · {t.columns.due}: {d.dueAt ? vnDateTime(d.dueAt) : '—'} · {vi.intakeForm.fees(`${d.fees.total.toLocaleString('vi-VN')} đ`)}
          </Text>
          {actions.length > 0 && (
            <Group align="flex-end" gap="xs">
              <TextInput label={actions.includes('returnResult') ? t.returnedTo : t.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} w={320} />
              {actions.map((a) => (
                <Button key={a} size="xs" variant={ENDING_ACTIONS.includes(a) ? 'outline' : 'filled'} onClick={() => (ENDING_ACTIONS.includes(a) ? setConfirming(a) : step.mutate({ d, action: a }))} loading={step.isPending}>
                  {vi.dossier.actions[a]}
                </Button>
              ))}
            </Group>
          )}
          {step.error && !confirming && (
            <Alert color="red" role="alert" py={6}>
              {step.error instanceof ApiCallError ? step.error.message : vi.errors.CORE_UNAVAILABLE}
            </Alert>
          )}
          <Modal opened={!!confirming} onClose={() => setConfirming(null)} title={confirming ? t.confirmTitle(vi.dossier.actions[confirming] ?? confirming) : ''} closeButtonProps={{ 'aria-label': t.close }}>
            {confirming && (
              <>
                <Text size="sm" data-testid="transition-confirm">
                  {t.confirmEnding(vi.dossier.actions[confirming] ?? confirming, d.code ?? '')}
                </Text>
                {note.trim() && (
                  <Text size="sm" mt="xs">
                    {t.confirmNote} {note.trim()}
                  </Text>
                )}
                {step.error && (
                  <Alert color="red" role="alert" py={6} mt="xs">
                    {step.error instanceof ApiCallError ? step.error.message : vi.errors.CORE_UNAVAILABLE}
                  </Alert>
                )}
                <Group justify="flex-end" mt="md">
                  <Button variant="default" onClick={() => setConfirming(null)}>
                    {t.confirmCancel}
                  </Button>
                  <Button color="red" onClick={() => step.mutate({ d, action: confirming })} loading={step.isPending} data-autofocus>
                    {vi.dossier.actions[confirming]}
                  </Button>
                </Group>
              </>
            )}
          </Modal>
          <DossierAttachments dossierId={d.id} />
          <DossierForms dossier={d} />
          <Title order={3} size="h5">
            {t.history}
          </Title>
          <Table withTableBorder verticalSpacing={2} data-testid="dossier-history">
            <Table.Tbody>
              {d.history.map((h, i) => (
                <Table.Tr key={i}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{vnDateTime(h.at)}</Table.Td>
                  <Table.Td>{vi.dossier.historyActions[h.action] ?? h.action}</Table.Td>
                  <Table.Td>{h.actor}</Table.Td>
                  <Table.Td>{h.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Drawer>
  );
}
