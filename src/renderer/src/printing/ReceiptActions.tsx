import { Button, Group, Text } from '@mantine/core';
import { useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { PrintDialog } from './PrintDialog';
import { errorText, usePrinting } from './usePrinting';

/**
 * Right after a dossier is received: Ctrl+P prints the receipt (form 01, both copies) on the
 * forms printer with no dialog; the slip goes to the thermal printer; a preview is one click away.
 */
export function ReceiptActions({ dossier }: { dossier: DossierDetail }) {
  const t = vi.documents;
  const { print, reprint, progress } = usePrinting();
  const [previewing, setPreviewing] = useState(false);
  // The receipt this banner issued (even if its print failed): pressing Ctrl+P again sends the
  // archived bytes once more instead of issuing a second receipt.
  const receiptId = useRef<string | null>(null);
  // Held from the first press until the issued receipt is known, so a quick second press does not
  // issue a second receipt. Presses while a job is printing are ignored, as the status line says
  // "đang in…": a reprint is asked for once the last job is done.
  const issuing = useRef(false);
  const { client } = useApi();
  const busy = print.isPending || reprint.isPending;
  const printReceipt = async () => {
    if (busy || issuing.current) return;
    if (receiptId.current) return reprint.mutate({ issuedFormId: receiptId.current });
    issuing.current = true;
    try {
      const printed = await print.mutateAsync({ target: { kind: 'dossierForm', dossier: dossier.id, form: '01' } }).catch(() => null);
      // A failed print may still have issued the receipt (the printer refused it): look it up then.
      receiptId.current =
        printed?.issuedFormId ?? (await client.call('forms.issued', { dossier: dossier.id }).catch(() => [])).find((f) => f.form === '01')?.id ?? null;
    } finally {
      issuing.current = false;
    }
  };
  const onCtrlP = useEffectEvent(() => void printReceipt());

  // Attached before the banner's first paint: a Ctrl+P pressed as soon as the code shows is caught.
  useLayoutEffect(() => {
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

  // The status line speaks of the last thing the clerk asked for: a print, or a reprint of the receipt.
  const last = reprint.submittedAt > print.submittedAt ? 'reprint' : 'print';
  const doneText =
    last === 'reprint'
      ? reprint.isSuccess
        ? t.reprinted(t.forms['01']!, reprint.data.printer)
        : ''
      : print.isSuccess
        ? t.printed(t.forms[print.variables.target.kind === 'slip' ? 'slip' : '01']!, print.data.printer)
        : '';
  const failed = last === 'reprint' ? reprint.error : print.error;
  return (
    <Group gap="xs" mt={6} data-testid="receipt-actions">
      <Button size="compact-sm" variant="white" color="dark" onClick={() => void printReceipt()} loading={busy} data-testid="print-receipt">
        {t.actions.printReceipt}
      </Button>
      <Button size="compact-sm" variant="white" color="dark" onClick={() => print.mutate({ target: { kind: 'slip', dossier: dossier.id } })} disabled={busy}>
        {t.actions.printSlip}
      </Button>
      <Button size="compact-sm" variant="white" color="dark" onClick={() => setPreviewing(true)}>
        {t.actions.preview}
      </Button>
      <Text size="sm" role="status" data-testid="receipt-print-status">
        {busy ? (progress ?? t.preview.printing) : failed ? errorText(failed) : doneText}
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
