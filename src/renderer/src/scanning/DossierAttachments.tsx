import { Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { StoredFileButton } from '../printing/StoredFileButton';

const t = vi.scanWorkspace;

/** The dossier's digitised components: one PDF per document, viewable page by page. */
export function DossierAttachments({ dossierId }: { dossierId: string }) {
  const { client } = useApi();
  const list = useQuery({ queryKey: ['dossiers', 'attachments', dossierId], queryFn: () => client.call('dossiers.attachments', { dossier: dossierId }) });
  return (
    <>
      <Title order={3} size="h5">
        {t.attachments}
      </Title>
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
