import { Alert, Button, Fieldset, Group, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ReceivedDossier } from '../../../shared/api/calls/dossiers';
import { ApiCallError } from '../../../shared/api/errors';
import { computeFees } from '../../../shared/catalog/fees';
import { vi } from '../../../shared/i18n/vi';
import type { QrParseResult } from '../../../shared/identity/schemas';
import type { WedgeScan } from '../../../shared/identity/wedge';
import { vnClock, vnDateKey } from '../../../shared/time/vn-time';
import { useApi } from '../api/api-context';
import { useWedgeScanner } from '../scanner/useWedgeScanner';
import { ApplicantFieldset } from './ApplicantFieldset';
import { ChecklistTable } from './ChecklistTable';
import { checklistFor, hasContent, newIntake, toReceiveInput, typedFromIso, type IntakeState } from './intake-state';
import { ProcedurePicker } from './ProcedurePicker';
import { ReceiptActions } from '../printing/ReceiptActions';
import { ScanWorkspace } from '../scanning/ScanWorkspace';

type Notice = { kind: 'info' | 'error'; text: string; lines?: string[] } | null;

const money = (n: number) => `${n.toLocaleString('vi-VN')} đ`;
export const vnDateTime = (iso: string) => {
  const d = new Date(iso);
  const [y, m, day] = vnDateKey(d).split('-');
  return `${vnClock(d)} ngày ${day}/${m}/${y}`;
};

/**
 * Intake at the counter, keyboard first: the cursor starts in the ID field (or the card's QR is
 * scanned from anywhere), Tab moves through the form, Enter receives the dossier, Esc twice
 * clears it. What was typed stays on screen until the core has recorded it.
 */
export function IntakeForm() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [s, setS] = useState<IntakeState>(newIntake);
  const [notice, setNotice] = useState<Notice>(null);
  const [receipt, setReceipt] = useState<ReceivedDossier | null>(null);
  /** What came of the clerk's "Thử lại" after a failed assembly of the scanned pages. */
  const [retryNote, setRetryNote] = useState<string | null>(null);
  const [escArmed, setEscArmed] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const procedureRef = useRef<HTMLInputElement>(null);
  const t = vi.intakeForm;

  useEffect(() => {
    if (!escArmed) return;
    const timer = setTimeout(() => setEscArmed(false), 3000);
    return () => clearTimeout(timer);
  }, [escArmed]);

  const fillFromCard = async (text: string, editKeys = 0) => {
    let r;
    try {
      r = await client.call('identity.parse', { text, editKeys });
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof ApiCallError ? e.message : vi.errors.CORE_UNAVAILABLE });
      return;
    }
    applyCard(r);
  };

  const applyCard = (r: QrParseResult) => {
    if (!r.ok) {
      setNotice({ kind: 'error', text: t.cardErrors, lines: r.errors.map((e) => e.message) });
      return;
    }
    const c = r.record;
    setS((cur) => ({
      ...cur,
      applicant: {
        ...cur.applicant,
        kind: 'person',
        idNumber: c.idNumber,
        fullName: c.fullName,
        birthDate: typedFromIso(c.birthDate),
        gender: c.gender === 'Nam' ? 'male' : 'female',
        address: c.address,
      },
    }));
    setNotice({ kind: 'info', text: t.cardRead(c.fullName) });
    // The applicant is known: the next step is the procedure.
    procedureRef.current?.focus();
  };

  // A keyboard-wedge scanner types the card's QR into whatever has focus: catch it anywhere.
  useWedgeScanner((scan: WedgeScan) => void fillFromCard(scan.text, scan.editKeys));
  // A scanner on a serial port is read by the core, which pushes what it parsed.
  const onSerialScan = useEffectEvent((r: QrParseResult) => applyCard(r));
  useEffect(() => client.on('identity.scanned', (e) => onSerialScan(e.result)), [client]);

  const findReturning = async (idNumber: string) => {
    const digits = idNumber.replace(/\D/g, '');
    if (!/^(\d{9}|\d{12})$/.test(digits) || s.applicant.fullName) return;
    const found = await client.call('applicants.find', { idNumber: digits }).catch(() => null);
    if (!found) return;
    setS((cur) => ({
      ...cur,
      applicant: {
        kind: found.kind,
        idNumber: found.idNumber ?? digits,
        fullName: found.fullName,
        birthDate: found.birthDate ? typedFromIso(found.birthDate) : '',
        gender: found.gender ?? '',
        address: found.address,
        phone: found.phone ?? '',
        email: found.email ?? '',
      },
    }));
    setNotice({ kind: 'info', text: t.returning(found.fullName) });
  };

  const pickProcedure = async (hit: IntakeState['procedure']) => {
    if (!hit) return setS((cur) => ({ ...cur, procedure: null, details: null, checklist: [] }));
    const entry = await client.call('catalog.get', { id: hit.id });
    setS((cur) => ({ ...cur, procedure: hit, details: entry.procedure, checklist: checklistFor(entry.procedure) }));
  };

  // The same query as the scan workspace's (same key): Save waits while the scanner runs, since
  // pages still coming would miss the dossier's PDFs (the core refuses such a save too).
  // The same query (and cache) as the scan workspace's offer to recover.
  const unfinishedScans = useQuery({ queryKey: ['scans-unfinished'], queryFn: () => client.call('scans.unfinished', {}) }).data ?? [];
  const scanSession = useQuery({
    queryKey: ['scans', s.requestId],
    queryFn: () => client.call('scans.session', { requestId: s.requestId }),
    enabled: s.checklist.length > 0,
  });
  const scanning = scanSession.data?.running ?? false;

  const retryAttach = useMutation({
    mutationFn: (dossierId: string) => client.call('scans.retryAttach', { dossierId }),
    // Only the receipt of the dossier retried is touched: a newer one may be showing by now.
    onSuccess: (r, dossierId) => {
      setReceipt((cur) => (cur?.id === dossierId ? { ...cur, attachWarning: undefined } : cur));
      setRetryNote(vi.scanWorkspace.retried(r.attachments));
    },
    onError: (e, dossierId) =>
      setReceipt((cur) => (cur?.id === dossierId ? { ...cur, attachWarning: e instanceof ApiCallError ? e.message : vi.errors.CORE_UNAVAILABLE } : cur)),
  });

  const receive = useMutation({
    mutationFn: () => client.call('dossiers.receive', toReceiveInput(s)),
    onSuccess: (saved) => {
      setReceipt(saved);
      setRetryNote(null);
      setNotice(null);
      setS(newIntake());
      first.current?.focus();
      void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
    },
    onError: (e) => setNotice({ kind: 'error', text: e instanceof ApiCallError ? e.message : vi.errors.CORE_UNAVAILABLE }),
  });

  const save = () => {
    if (scanning) return setNotice({ kind: 'error', text: vi.scanWorkspace.saveWhileScanning });
    if (!receive.isPending) receive.mutate();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Enter saves from anywhere in the form; browsers only do that from text fields.
    const target = e.target as HTMLInputElement;
    if (e.key === 'Enter' && target.tagName === 'INPUT' && (target.type === 'checkbox' || target.type === 'radio')) {
      e.preventDefault();
      save();
      return;
    }
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    if (hasContent(s) && !escArmed) {
      setEscArmed(true);
      setNotice({ kind: 'info', text: t.escAgain });
      return;
    }
    setEscArmed(false);
    setS(newIntake());
    setNotice({ kind: 'info', text: t.cleared });
    first.current?.focus();
  };

  const fees = s.details ? computeFees(s.details, { copies: Number(s.copies) || 1, pages: Number(s.pages) || 0 }) : null;
  const perUnit = s.details?.fees.some((f) => f.basis !== 'per-dossier') ?? false;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="intake-title">
      <Title order={2} size="h4" id="intake-title" mb={4}>
        {t.title}
      </Title>
      {receipt && (
        <Alert color="teal.9" variant="filled" mb="xs" role="status" data-testid="receipt" title={t.received}>
          <Group gap="xl">
            <Text>
              {t.receiptCode}: <b data-testid="receipt-code">{receipt.code}</b>
            </Text>
            <Text>
              {t.receiptDue}: <b data-testid="receipt-due">{receipt.dueAt ? vnDateTime(receipt.dueAt) : '—'}</b>
            </Text>
            <Text>{receipt.applicantName}</Text>
          </Group>
          {/* Keyed by dossier: its receipt (and what Ctrl+P reprints) must never carry over to the next one. */}
          <ReceiptActions key={receipt.id} dossier={receipt} />
          {receipt.attachWarning && (
            <Alert mt={6} py={6} color="orange.9" variant="white" role="alert" data-testid="receipt-attach-warning">
              <Group gap="xs">
                <Text size="sm">{vi.scanWorkspace.attachFailed(receipt.attachWarning)}</Text>
                <Button size="compact-xs" variant="default" loading={retryAttach.isPending} onClick={() => retryAttach.mutate(receipt.id)}>
                  {vi.scanWorkspace.retryAttach}
                </Button>
              </Group>
            </Alert>
          )}
          {retryNote && (
            <Text size="sm" mt={4} data-testid="receipt-attach-retried">
              {retryNote}
            </Text>
          )}
        </Alert>
      )}
      <form onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <Stack gap={6}>
          <Text size="xs" c="gray.7">
            {t.idNumberHint} {vi.intake.keyboardHint}
          </Text>
          <ApplicantFieldset
            legend={t.applicantSection}
            value={s.applicant}
            onChange={(patch) => setS((cur) => ({ ...cur, applicant: { ...cur.applicant, ...patch } }))}
            idRef={first}
            onIdBlur={(id) => void findReturning(id)}
            onPasteQr={(text) => void fillFromCard(text)}
            testId="applicant"
          />
          <Group gap="md">
            <SegmentedControl
              size="xs"
              aria-label={t.channelLabel}
              value={String(s.channel)}
              onChange={(v) => setS((cur) => ({ ...cur, channel: Number(v) as 1 | 3 }))}
              data={[
                { value: '1', label: t.channel.counter! },
                { value: '3', label: t.channel.post! },
              ]}
            />
            <SegmentedControl
              size="xs"
              value={s.role}
              onChange={(v) => setS((cur) => ({ ...cur, role: v as IntakeState['role'] }))}
              data={[
                { value: 'owner', label: t.role.owner! },
                { value: 'representative', label: t.role.representative! },
              ]}
            />
          </Group>
          {s.role === 'representative' && (
            <ApplicantFieldset legend={t.ownerSection} value={s.owner} onChange={(patch) => setS((cur) => ({ ...cur, owner: { ...cur.owner, ...patch } }))} testId="owner" />
          )}
          <Fieldset legend={t.procedureSection} py="xs">
            <Stack gap={6}>
              <ProcedurePicker key={s.requestId} inputRef={procedureRef} value={s.procedure} onPick={(hit) => void pickProcedure(hit)} />
              <ChecklistTable items={s.checklist} onChange={(i, patch) => setS((cur) => ({ ...cur, checklist: cur.checklist.map((it, j) => (j === i ? { ...it, ...patch } : it)) }))} />
              <Group gap="sm" align="flex-end">
                <NumberInput label={t.sets} w={110} min={1} max={20} value={s.sets} onChange={(v) => setS((cur) => ({ ...cur, sets: String(v) }))} hideControls />
                {perUnit && (
                  <>
                    <NumberInput label={t.copies} w={130} min={1} max={1000} value={s.copies} onChange={(v) => setS((cur) => ({ ...cur, copies: String(v) }))} hideControls />
                    <NumberInput label={t.pages} w={130} min={0} max={10000} value={s.pages} onChange={(v) => setS((cur) => ({ ...cur, pages: String(v) }))} hideControls />
                  </>
                )}
                {fees && (
                  <Text size="sm" data-testid="fee-total">
                    {t.fees(money(fees.total))}
                  </Text>
                )}
              </Group>
            </Stack>
          </Fieldset>
          {s.checklist.length > 0 ? (
            <ScanWorkspace key={s.requestId} requestId={s.requestId} documents={s.checklist.map((c) => ({ code: c.code, name: c.name }))} />
          ) : (
            unfinishedScans.length > 0 && (
              // Pages kept from a crash or a closed form: say so at once, not only once a procedure is picked.
              <Alert py={6} color="orange.9" variant="light" role="status" data-testid="unfinished-scans-notice">
                {vi.scanWorkspace.unfinishedAtStart(
                  unfinishedScans.length,
                  unfinishedScans.reduce((n, u) => n + u.pages, 0),
                )}
              </Alert>
            )
          )}
          <Fieldset legend={t.deliverySection} py="xs">
            <Group gap="sm" align="flex-end">
              <SegmentedControl
                size="xs"
                value={s.delivery}
                onChange={(v) => setS((cur) => ({ ...cur, delivery: v as IntakeState['delivery'] }))}
                data={[
                  { value: 'counter', label: t.delivery.counter! },
                  { value: 'post', label: t.delivery.post! },
                ]}
              />
              {s.delivery === 'post' && (
                <TextInput label={t.deliveryAddress} w={420} value={s.deliveryAddress} onChange={(e) => {
                    const deliveryAddress = e.currentTarget.value;
                    setS((cur) => ({ ...cur, deliveryAddress }));
                  }} />
              )}
            </Group>
            <Textarea
              mt={4}
              label={t.summary}
              autosize
              minRows={1}
              maxRows={4}
              maxLength={1000}
              value={s.summary}
              onChange={(e) => {
                const summary = e.currentTarget.value;
                setS((cur) => ({ ...cur, summary }));
              }}
            />
          </Fieldset>
          <Group>
            {/* Looks disabled while scanning but still answers Enter and clicks, with the reason below. */}
            <Button type="submit" loading={receive.isPending} data-disabled={scanning || undefined} aria-describedby={scanning ? 'save-while-scanning' : undefined}>
              {t.save}
            </Button>
            <Button variant="default" type="button" onClick={() => onKeyDown({ key: 'Escape', defaultPrevented: false, preventDefault() {} } as KeyboardEvent)}>
              {t.clear}
            </Button>
            {scanning && (
              <Text size="sm" c="orange.9" id="save-while-scanning" data-testid="save-while-scanning">
                {vi.scanWorkspace.saveWhileScanning}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
      <div aria-live="polite">
        {notice && (
          <Alert mt="xs" py={6} color={notice.kind === 'error' ? 'red' : 'blue'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="intake-notice">
            {notice.text}
            {notice.lines && (
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {notice.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
    </Paper>
  );
}
