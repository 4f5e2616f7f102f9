import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { vnDateKey } from '../../../shared/time/vn-time';
import { PrintDialog } from './PrintDialog';

/** Form 07, the ledger of dossiers received over a range of days (today by default). */
export function LedgerButton() {
  const t = vi.documents;
  const today = vnDateKey(new Date());
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState({ from: today, to: today });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to);
  return (
    <>
      <Button size="compact-sm" variant="default" onClick={() => setOpen(true)} data-testid="open-ledger">
        {t.actions.ledger}
      </Button>
      <PrintDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={t.forms['07']!}
        target={valid ? { kind: 'ledger', from: range.from, to: range.to } : null}
        fields={
          <Group>
            <TextInput type="date" label={t.params.from} value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.currentTarget.value }))} />
            <TextInput type="date" label={t.params.to} value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.currentTarget.value }))} />
          </Group>
        }
      />
    </>
  );
}
