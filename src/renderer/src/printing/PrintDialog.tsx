import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { FormTarget } from '../../../shared/api/calls/printing';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { PdfPreview } from './PdfPreview';
import { errorText, usePrinting } from './usePrinting';

/**
 * Preview then print: what the clerk sees is rendered by the core from the same data the printer
 * will get. `target` is null while the form's own fields (a reason, a date) are still missing.
 */
export function PrintDialog(props: { opened: boolean; onClose: () => void; title: string; target: FormTarget | null; fields?: ReactNode }) {
  const { client } = useApi();
  const t = vi.documents.preview;
  const { print, progress } = usePrinting();
  const preview = useQuery({
    queryKey: ['form-preview', props.target],
    queryFn: () => client.call('forms.preview', props.target!),
    enabled: props.opened && props.target !== null,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t.title(props.title)} size="55rem" data-testid="print-dialog" closeButtonProps={{ 'aria-label': t.close }}>
      <Stack gap="xs">
        {props.fields}
        {preview.error && (
          <Alert color="red.9" variant="filled" role="alert">
            {errorText(preview.error)}
          </Alert>
        )}
        {print.error && (
          <Alert color="red.9" variant="filled" role="alert" data-testid="print-error">
            {errorText(print.error)}
          </Alert>
        )}
        {print.isPending && progress && <Text size="sm">{progress}</Text>}
        {print.isSuccess && (
          <Alert color="teal.9" variant="filled" role="status" data-testid="print-done">
            {vi.documents.printed(props.title, print.data.printer)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t.close}
          </Button>
          <Button
            onClick={() => props.target && print.mutate({ target: props.target })}
            loading={print.isPending}
            disabled={!props.target || !preview.data}
            data-autofocus
          >
            {t.print}
          </Button>
        </Group>
        {preview.isFetching && <Text size="sm">{t.loading}</Text>}
        {preview.data && <PdfPreview doc={preview.data} />}
      </Stack>
    </Modal>
  );
}
