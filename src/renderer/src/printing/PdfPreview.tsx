import { Image, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { RenderedDocument } from '../../../shared/api/calls/printing';
import { vi } from '../../../shared/i18n/vi';
import { bytesOf } from './base64-bytes';

// pdf.js draws the PDF the core made — the very bytes that will print — into canvases. Chromium's
// own PDF viewer is not available in a sandboxed Electron window nor in headless test browsers.
GlobalWorkerOptions.workerSrc = workerUrl;

const PREVIEW_SCALE = 1.25;
/** A ledger can run to hundreds of pages; the preview shows the first ones and says so. */
const MAX_PAGES = 12;

export function PdfPreview({ doc }: { doc: RenderedDocument }) {
  const host = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<{ shown: number; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (doc.mediaType !== 'application/pdf') return;
    const target = host.current;
    if (!target) return;
    let cancelled = false;
    const task = getDocument({ data: bytesOf(doc.dataBase64), isEvalSupported: false });
    (async () => {
      const pdf = await task.promise;
      const shown = Math.min(pdf.numPages, MAX_PAGES);
      target.replaceChildren();
      for (let n = 1; n <= shown && !cancelled; n++) {
        const page = await pdf.getPage(n);
        const viewport = page.getViewport({ scale: PREVIEW_SCALE });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.className = 'pdf-page';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', vi.documents.preview.page(n, pdf.numPages));
        target.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      if (!cancelled) setPages({ shown, total: pdf.numPages });
    })().catch((e: unknown) => {
      if (!cancelled) setFailed(String(e));
    });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [doc]);

  if (doc.mediaType === 'image/png') {
    return <Image src={`data:image/png;base64,${doc.dataBase64}`} alt={vi.documents.forms.slip} w={288} fit="contain" className="slip-preview" />;
  }
  return (
    <Stack gap={4}>
      {failed && <Text c="red.9">{failed}</Text>}
      {!pages && !failed && <Loader size="sm" aria-label={vi.documents.preview.loading} />}
      <ScrollArea h="70vh" type="auto" viewportProps={{ tabIndex: 0, 'aria-label': vi.documents.preview.pages }}>
        <div ref={host} className="pdf-pages" data-testid="pdf-preview" data-pages={pages?.total ?? ''} />
      </ScrollArea>
      {pages && pages.shown < pages.total && (
        <Text size="sm" c="gray.7">
          {vi.documents.preview.page(pages.shown, pages.total)} …
        </Text>
      )}
    </Stack>
  );
}
