import { Button, Group, Text } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import { vi } from '../../../shared/i18n/vi';
import { PrintDialog } from './PrintDialog';
import { errorText, usePrinting } from './usePrinting';

/**
 * Right after a dossier is received: Ctrl+P prints the receipt (form 01, both copies) on the
 * forms printer with no dialog; the slip goes to the thermal printer; a preview is one click away.
 */
export function ReceiptActions({ dossier }: { dossier: DossierDetail }) {
  const t = vi.documents;
  const { print, progress } = usePrinting();
  const [previewing, setPreviewing] = useState(false);
  const printReceipt = () => {
    if (!print.isPending) print.mutate({ target: { kind: 'dossierForm', dossier: dossier.id, form: '01' } });
  };
  const onCtrlP = useEffectEvent(printReceipt);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The browser's own print dialog would print the screen, not the form.
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        onCtrlP();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const doneText = print.isSuccess ? t.printed(t.forms[print.variables.target.kind === 'slip' ? 'slip' : '01']!, print.data.printer) : '';
  return (
    <Group gap="xs" mt={6} data-testid="receipt-actions">
      <Button size="compact-sm" variant="white" color="dark" onClick={printReceipt} loading={print.isPending} data-testid="print-receipt">
        {t.actions.printReceipt}
      </Button>
      <Button size="compact-sm" variant="white" color="dark" onClick={() => print.mutate({ target: { kind: 'slip', dossier: dossier.id } })} disabled={print.isPending}>
        {t.actions.printSlip}
      </Button>
      <Button size="compact-sm" variant="white" color="dark" onClick={() => setPreviewing(true)}>
        {t.actions.preview}
      </Button>
      <Text size="sm" role="status" data-testid="receipt-print-status">
        {print.isPending ? (progress ?? t.preview.printing) : print.isError ? errorText(print.error) : doneText}
      </Text>
      <PrintDialog
        opened={previewing}
        onClose={() => setPreviewing(false)}
        title={t.forms['01']!}
        target={{ kind: 'dossierForm', dossier: dossier.id, form: '01' }}
      />
    </Group>
  );
}
