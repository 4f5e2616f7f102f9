import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import type { RenderedDocument } from '../../../shared/api/calls/printing';
import { vi } from '../../../shared/i18n/vi';
import { PdfPreview } from './PdfPreview';

/** Opens a file the core keeps by hash (an issued form, an attachment), exactly as stored. */
export function StoredFileButton({ label, title, load }: { label: string; title: string; load(): Promise<RenderedDocument> }) {
  const [doc, setDoc] = useState<RenderedDocument | null>(null);
  return (
    <>
      <Button size="compact-xs" variant="default" onClick={() => void load().then(setDoc)}>
        {label}
      </Button>
      <Modal opened={doc !== null} onClose={() => setDoc(null)} title={title} size="55rem" closeButtonProps={{ 'aria-label': vi.documents.preview.close }}>
        {doc && <PdfPreview doc={doc} />}
      </Modal>
    </>
  );
}
