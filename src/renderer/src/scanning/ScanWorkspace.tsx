import { Alert, Badge, Button, Fieldset, FileButton, Group, Image, NativeSelect, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { IMPORT_MAX_FILE_BYTES, type ScanPageView } from '../../../shared/api/calls/scanning';
import { fill, vi } from '../../../shared/i18n/vi';
import { megabytesText } from '../../../shared/scanning/scan-units';
import { useApi } from '../api/api-context';
import { errorText } from '../printing/usePrinting';
import { movePage, pagesIn, rotatePage, setRemoved, shiftPage, toArrangement } from '../../../shared/scanning/page-arrangement';
import { useConfirm } from '../components/useConfirm';

const t = vi.scanWorkspace;
const UNASSIGNED = '';

async function fileToInput(f: File) {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: f.name, dataBase64: btoa(bin) };
}

/**
 * Why a file is refused before it is read, or null. Over the admin's limit the core would refuse
 * it anyway (in the same words); over what one call carries it could not arrive whole.
 */
function sizeRefusal(f: File, limit: number): string | null {
  if (f.size > limit) return fill(vi.errors.SCAN_FILE_TOO_LARGE, { name: f.name, size: megabytesText(f.size), max: megabytesText(limit) });
  if (f.size > IMPORT_MAX_FILE_BYTES) return t.importTooLarge(Math.floor(IMPORT_MAX_FILE_BYTES / 1_000_000));
  return null;
}

function Thumbnail({ page }: { page: ScanPageView }) {
  const { client } = useApi();
  // Keyed by what the picture depends on (not the page's place): a reorder or a move to another
  // document re-renders from the query cache without asking the core again. A PDF has no thumbnail.
  const thumb = useQuery({
    queryKey: ['scan-thumb', page.id, page.rotation],
    queryFn: () => client.call('scans.thumbnail', { pageId: page.id }),
    staleTime: Infinity,
    enabled: page.mediaType !== 'application/pdf',
  });
  if (page.mediaType === 'application/pdf' || thumb.data?.dataBase64 === null) return <Text size="xs">PDF</Text>;
  return thumb.data ? <Image src={`data:image/jpeg;base64,${thumb.data.dataBase64}`} alt={t.pageAlt(page.seq)} h={150} w="auto" fit="contain" /> : <Text size="xs">…</Text>;
}

/**
 * The pages of the dossier being received: scan from the configured scanner or drop files, then
 * give each page to its document, reorder (drag, or Alt+←/→), rotate (R), set aside (Delete) and
 * restore. Pages are stored as they arrive; saving the dossier makes one PDF per document.
 */
export function ScanWorkspace({ requestId, documents }: { requestId: string; documents: { code: string; name: string }[] }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(documents[0]?.code ?? UNASSIGNED);
  const [dragged, setDragged] = useState<string | null>(null);
  const key = ['scans', requestId];
  const session = useQuery({ queryKey: key, queryFn: () => client.call('scans.session', { requestId }) });
  const settings = useQuery({ queryKey: ['scanning-settings'], queryFn: () => client.call('scanning.settings', {}) });
  const unfinished = useQuery({ queryKey: ['scans-unfinished'], queryFn: () => client.call('scans.unfinished', {}) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  useEffect(() => client.on('scans.changed', (e) => e.requestId === requestId && void queryClient.invalidateQueries({ queryKey: ['scans', requestId] })), [client, queryClient, requestId]);

  const docCode = target === UNASSIGNED ? null : target;
  const start = useMutation({
    mutationFn: (replacePageId?: string) => client.call('scans.start', { requestId, documentCode: docCode, replacePageId }),
    onSuccess: refresh,
  });
  const cancel = useMutation({ mutationFn: () => client.call('scans.cancel', { requestId }) });
  const importing = useMutation({
    // One file per call: each stays within browser mode's body limit, only one file's bytes are
    // held at a time, and a file refused by the host does not hold back the others.
    mutationFn: async (files: File[]) => {
      const out = { added: 0, rejected: [] as { name: string; message: string }[] };
      for (const f of files) {
        const tooLarge = sizeRefusal(f, settings.data?.limits.maxFileBytes ?? Infinity);
        if (tooLarge) {
          out.rejected.push({ name: f.name, message: tooLarge });
          continue;
        }
        try {
          const r = await client.call('scans.import', { requestId, documentCode: docCode, files: [await fileToInput(f)] });
          out.added += r.added;
          out.rejected.push(...r.rejected);
        } catch (e) {
          out.rejected.push({ name: f.name, message: errorText(e) });
        }
        refresh();
      }
      return out;
    },
    onSuccess: refresh,
  });
  const arrange = useMutation({
    mutationFn: (pages: ScanPageView[]) =>
      client.call('scans.arrange', { requestId, pages: toArrangement(pages) }),
    onSuccess: (pages) => queryClient.setQueryData(key, (cur: typeof session.data) => (cur ? { ...cur, pages } : cur)),
  });
  const adopt = useMutation({
    mutationFn: (from: string) => client.call('scans.adopt', { fromRequestId: from, toRequestId: requestId }),
    onSuccess: () => (refresh(), void unfinished.refetch()),
  });
  const { confirm, dialog } = useConfirm();
  // The last discard, undoable from its notice while this workspace is shown.
  const [discarded, setDiscarded] = useState<{ requestId: string; pages: number } | null>(null);
  const discard = useMutation({
    mutationFn: async (u: { requestId: string; pages: number }) => (await client.call('scans.discard', { requestId: u.requestId }), u),
    onSuccess: (u) => (setDiscarded(u), void unfinished.refetch()),
  });
  const undoDiscard = useMutation({
    mutationFn: (from: string) => client.call('scans.restore', { requestId: from }),
    // A failed undo keeps its notice, with the reason in it.
    onSuccess: () => (setDiscarded(null), void unfinished.refetch()),
  });

  // A page whose document is not in this checklist (scanned under another procedure, or before
  // the procedure changed) is shown, and arranged, as not yet assigned: the save refuses it until placed.
  const known = new Set(documents.map((d) => d.code));
  const pages = (session.data?.pages ?? []).map((p) => (p.documentCode !== null && !known.has(p.documentCode) ? { ...p, documentCode: null } : p));
  const apply = (next: ScanPageView[]) => arrange.mutate(next);
  /**
   * The card the keyboard last acted on. A new arrangement may move it to another group, which
   * remounts it and drops the focus to the page body: it gets the focus back then (and only then,
   * so focus the clerk moved elsewhere is never taken).
   */
  const keyboardCard = useRef<string | null>(null);
  useEffect(() => {
    const id = keyboardCard.current;
    if (!id || (document.activeElement && document.activeElement !== document.body)) return;
    document.querySelector<HTMLElement>(`[data-page-id="${CSS.escape(id)}"]`)?.focus();
  }, [session.data]);
  const groups: { code: string | null; name: string }[] = [...documents.map((d) => ({ code: d.code, name: d.name })), { code: null, name: t.unassigned }];
  const aside = pages.filter((p) => p.removed);
  const error = start.error ?? cancel.error ?? importing.error ?? arrange.error ?? adopt.error ?? discard.error;

  const onCardKey = (e: KeyboardEvent, p: ScanPageView) => {
    // Keys typed in the card's select or buttons are theirs (R in the select, Delete on a button).
    if (e.target !== e.currentTarget) return;
    let next: ScanPageView[];
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) next = shiftPage(pages, p.id, e.key === 'ArrowLeft' ? -1 : 1);
    else if (e.key === 'r' || e.key === 'R') next = rotatePage(pages, p.id);
    else if (e.key === 'Delete') next = setRemoved(pages, p.id, !p.removed);
    else return;
    e.preventDefault();
    keyboardCard.current = p.id;
    apply(next);
  };
  const dropOn = (e: DragEvent, code: string | null, beforeId: string | null) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer.files.length > 0) return importing.mutate([...e.dataTransfer.files]);
    if (dragged) apply(movePage(pages, dragged, code, beforeId));
    setDragged(null);
  };

  const card = (p: ScanPageView) => (
    <Paper
      key={p.id}
      withBorder
      p={4}
      tabIndex={0}
      draggable
      onDragStart={() => setDragged(p.id)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => dropOn(e, p.removed ? p.documentCode : p.documentCode, p.id)}
      onKeyDown={(e) => onCardKey(e, p)}
      data-page-id={p.id}
      aria-label={t.pageLabel(p.seq, p.blank)}
      data-testid={`scan-page-${p.seq}`}
      className="scan-page"
    >
      <Stack gap={2} align="center">
        <Thumbnail page={p} />
        <Group gap={4}>
          <Text size="xs">{t.pageNo(p.seq)}</Text>
          {p.blank && (
            <Badge size="xs" color="gray.9">
              {t.blank}
            </Badge>
          )}
        </Group>
        <NativeSelect
          size="xs"
          aria-label={t.moveTo(p.seq)}
          value={p.documentCode ?? UNASSIGNED}
          onChange={(e) => apply(movePage(pages, p.id, e.currentTarget.value || null, null))}
          data={[...documents.map((d) => ({ value: d.code, label: d.name.slice(0, 40) })), { value: UNASSIGNED, label: t.unassigned }]}
          w={150}
        />
        <Group gap={2}>
          <Button size="compact-xs" variant="default" onClick={() => apply(shiftPage(pages, p.id, -1))} aria-label={t.earlier(p.seq)} disabled={p.removed}>
            ←
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => apply(rotatePage(pages, p.id))} aria-label={t.rotate(p.seq)}>
            ↻
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => apply(shiftPage(pages, p.id, 1))} aria-label={t.later(p.seq)} disabled={p.removed}>
            →
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => apply(setRemoved(pages, p.id, !p.removed))}>
            {p.removed ? t.restore : t.remove}
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => start.mutate(p.id)} aria-label={t.rescan(p.seq)} disabled={session.data?.running || !settings.data?.devices.length}>
            {t.rescanShort}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );

  return (
    <Fieldset
      legend={t.title}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => dropOn(e, docCode, null)}
      // Focus moved by the clerk to anything but that card ends the keyboard's claim on it.
      onFocus={(e) => {
        if ((e.target as HTMLElement).dataset.pageId !== keyboardCard.current) keyboardCard.current = null;
      }}
      data-testid="scan-workspace"
    >
      <Stack gap={6}>
        {dialog}
        {unfinished.data
          ?.filter((u) => u.requestId !== requestId)
          .map((u) => (
            <Alert key={u.requestId} color="yellow.9" variant="filled" role="status" py={6}>
              <Group gap="xs">
                <Text size="sm">{t.unfinished(u.pages, u.createdBy)}</Text>
                <Button size="compact-xs" variant="white" color="dark" onClick={() => adopt.mutate(u.requestId)}>
                  {t.recover}
                </Button>
                <Button
                  size="compact-xs"
                  variant="white"
                  color="dark"
                  // The pages are kept for the admin's retention days, then deleted: say so before they go.
                  onClick={async () =>
                    (await confirm({ message: t.confirmDiscard(u.pages, settings.data?.retention.discardedDays ?? 7), confirmLabel: t.discard })) && discard.mutate(u)
                  }
                >
                  {t.discard}
                </Button>
              </Group>
            </Alert>
          ))}
        {discarded && (
          <Alert color="gray" variant="light" role="status" py={6} data-testid="scan-discarded">
            <Group gap="xs">
              <Text size="sm">{t.discarded(discarded.pages)}</Text>
              <Button size="compact-xs" variant="default" loading={undoDiscard.isPending} onClick={() => undoDiscard.mutate(discarded.requestId)}>
                {t.undoDiscard}
              </Button>
              {undoDiscard.error && (
                <Text size="sm" c="red.9">
                  {errorText(undoDiscard.error)}
                </Text>
              )}
            </Group>
          </Alert>
        )}
        <Group gap="xs" align="flex-end">
          <NativeSelect
            label={t.scanInto}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[...documents.map((d) => ({ value: d.code, label: d.name.slice(0, 60) })), { value: UNASSIGNED, label: t.unassigned }]}
            w={320}
          />
          {session.data?.running ? (
            <Button color="red.9" onClick={() => cancel.mutate()} data-testid="scan-cancel">
              {t.cancel}
            </Button>
          ) : (
            <Button onClick={() => start.mutate(undefined)} loading={start.isPending} disabled={!settings.data?.devices.length} data-testid="scan-start">
              {t.scan}
            </Button>
          )}
          <FileButton onChange={(files) => files.length > 0 && importing.mutate(files)} accept="image/jpeg,image/png,image/tiff,application/pdf" multiple>
            {(props) => (
              <Button variant="default" {...props} loading={importing.isPending}>
                {t.importFiles}
              </Button>
            )}
          </FileButton>
          <Text size="sm" role="status" data-testid="scan-progress">
            {session.data?.running ? t.progress(session.data.received, session.data.message) : pages.length > 0 ? t.summary(pages.length - aside.length, aside.length) : t.dropHint}
          </Text>
        </Group>
        {(session.data?.error || error) && (
          <Alert color="red.9" variant="filled" role="alert" py={6} data-testid="scan-error">
            {session.data?.error ?? errorText(error)}
          </Alert>
        )}
        {importing.data && importing.data.rejected.length > 0 && (
          <Alert color="red.9" variant="filled" role="alert" py={6}>
            {importing.data.rejected.map((r) => `${r.name}: ${r.message}`).join(' · ')}
          </Alert>
        )}
        {groups.map((g) => {
          const inGroup = pagesIn(pages, g.code);
          if (inGroup.length === 0 && g.code === null) return null;
          return (
            <div key={g.code ?? UNASSIGNED} onDragOver={(e) => e.preventDefault()} onDrop={(e) => dropOn(e, g.code, null)} data-testid={`scan-group-${g.code ?? 'none'}`}>
              <Text size="sm" fw={600}>
                {g.name} — {t.pages(inGroup.length)}
              </Text>
              <Group gap={6}>{inGroup.map(card)}</Group>
            </div>
          );
        })}
        {aside.length > 0 && (
          <UnstyledButton component="div" data-testid="scan-group-aside">
            <Text size="sm" fw={600}>
              {t.aside} — {t.pages(aside.length)}
            </Text>
            <Group gap={6}>{aside.map(card)}</Group>
          </UnstyledButton>
        )}
      </Stack>
    </Fieldset>
  );
}
