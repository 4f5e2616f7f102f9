import { Alert, Button, Group, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiCallError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { StoredFileButton } from '../printing/StoredFileButton';

const t = vi.scanWorkspace;

/**
 * The dossier's digitised components: one PDF per document, viewable page by page; and scanned
 * pages whose assembly failed when the dossier was saved, with the reason and a retry.
 */
export function DossierAttachments({ dossierId }: { dossierId: string }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['dossiers', 'attachments', dossierId], queryFn: () => client.call('dossiers.attachments', { dossier: dossierId }) });
  const unattached = useQuery({ queryKey: ['dossiers', 'unattached', dossierId], queryFn: () => client.call('scans.unattached', { dossierId }) });
  const retry = useMutation({
    mutationFn: () => client.call('scans.retryAttach', { dossierId }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'attachments', dossierId] });
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'unattached', dossierId] });
    },
  });
  const pending = unattached.data?.pages ?? 0;
  const reason = retry.error instanceof ApiCallError ? retry.error.message : unattached.data?.error;
  return (
    <>
      <Title order={3} size="h5">
        {t.attachments}
      </Title>
      {pending > 0 && (
        <Alert color="orange.9" variant="light" py={6} role="alert" data-testid="dossier-unattached">
          <Group gap="xs">
            <Text size="sm">
              {t.unattached(pending)}
              {reason ? ` ${reason}` : ''}
            </Text>
            <Button size="compact-xs" variant="default" loading={retry.isPending} onClick={() => retry.mutate()}>
              {t.retryAttach}
            </Button>
          </Group>
        </Alert>
      )}
      {list.data?.length === 0 && <Text size="sm">{t.noAttachments}</Text>}
      {list.data && list.data.length > 0 && (
        <Table withTableBorder verticalSpacing={2} data-testid="dossier-attachments">
          <Table.Tbody>
            {list.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{t.attachment(a.documentName, a.pages)}</Table.Td>
                <Table.Td>
                  <StoredFileButton label={t.view} title={a.documentName} load={() => client.call('dossiers.attachmentFile', { id: a.id })} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
