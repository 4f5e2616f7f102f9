import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ScannerDevice, ScanningSettings } from '../../../shared/api/calls/scanning';
import { vi } from '../../../shared/i18n/vi';
import { fromLimitsForm, LIMITS_FIELDS, toLimitsForm, type LimitsField, type LimitsFormValues } from '../../../shared/scanning/scan-limits-form';
import { megabytesText } from '../../../shared/scanning/scan-units';
import { useApi } from '../api/api-context';
import { errorText } from '../printing/usePrinting';
import { useConfirm } from '../components/useConfirm';

const t = vi.scanAdmin;

/**
 * The admin's scanners: network scanners found on the network or typed as an address (discovery
 * does not cross subnets), SANE devices, and scan-to-folder directories; the default one and the
 * default scan profile (200 dpi greyscale JPEG unless changed).
 */
export function ScannersPanel() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['scanning-settings'], queryFn: () => client.call('scanning.settings', {}) });
  const [kind, setKind] = useState<ScannerDevice['kind']>('escl');
  const [name, setName] = useState('');
  const [where, setWhere] = useState('');
  const save = useMutation({
    mutationFn: (next: ScanningSettings) => client.call('scanning.updateSettings', next),
    // The saved settings at once: a second add right after the first builds on it, not on the old list.
    onSuccess: (saved) => queryClient.setQueryData(['scanning-settings'], saved),
  });
  const discover = useMutation({ mutationFn: () => client.call('scanning.discover', { timeoutMs: 3000 }) });
  const { confirm, dialog } = useConfirm();
  const s = settings.data;
  // Until the settings are read there is nothing to add to: the buttons wait (disabled) for them.
  const add = (device: ScannerDevice, onSaved?: () => void) =>
    s && save.mutate({ ...s, devices: [...s.devices.filter((d) => d.id !== device.id), device], defaultDeviceId: s.defaultDeviceId ?? device.id }, { onSuccess: onSaved });
  const newId = () => `may-quet-${(s?.devices.length ?? 0) + 1}-${Date.now().toString(36)}`;
  const addTyped = () => {
    const label = name.trim() || where.trim();
    if (!where.trim()) return;
    // What was typed stays until it is saved: a refused save keeps it for correcting.
    const clear = () => (setName(''), setWhere(''));
    if (kind === 'escl') add({ kind, id: newId(), name: label, url: where.trim(), pinnedCertSha256: null }, clear);
    else if (kind === 'sane') add({ kind, id: newId(), name: label, device: where.trim() }, clear);
    else add({ kind, id: newId(), name: label, dir: where.trim() }, clear);
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="scanners-title">
      {dialog}
      <Title order={3} size="h5" id="scanners-title" mb={4}>
        {t.title}
      </Title>
      {s && s.devices.length === 0 && <Text size="sm">{t.none}</Text>}
      {s && s.devices.length > 0 && (
        <Table withTableBorder verticalSpacing={2} mb="xs" data-testid="scanner-list">
          <Table.Tbody>
            {s.devices.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {d.name} {s.defaultDeviceId === d.id ? t.defaultMark : ''}
                </Table.Td>
                <Table.Td>{t.kinds[d.kind]}</Table.Td>
                <Table.Td>
                  {d.kind === 'escl' ? d.url : d.kind === 'sane' ? d.device : d.dir}
                  {d.kind === 'escl' && d.url.startsWith('https:') && (
                    <PinField pinned={d.pinnedCertSha256} onPin={(pin) => save.mutate({ ...s, devices: s.devices.map((x) => (x.id === d.id ? { ...d, pinnedCertSha256: pin } : x)) })} />
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Button size="compact-xs" variant="default" onClick={() => save.mutate({ ...s, defaultDeviceId: d.id })}>
                      {t.makeDefault}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={async () =>
                        (await confirm({ message: t.confirmRemove(d.name), confirmLabel: t.remove })) &&
                        save.mutate({ ...s, devices: s.devices.filter((x) => x.id !== d.id), defaultDeviceId: s.defaultDeviceId === d.id ? null : s.defaultDeviceId })
                      }
                    >
                      {t.remove}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t.kind}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as ScannerDevice['kind'])}
          data={(['escl', 'sane', 'folder'] as const).map((k) => ({ value: k, label: t.kinds[k]! }))}
        />
        <TextInput label={t.name} value={name} onChange={(e) => setName(e.currentTarget.value)} w={180} />
        <TextInput label={t.where[kind]} value={where} onChange={(e) => setWhere(e.currentTarget.value)} w={280} placeholder={t.placeholders[kind]} />
        <Button onClick={addTyped} loading={save.isPending} disabled={!s}>
          {t.add}
        </Button>
        <Button variant="default" onClick={() => discover.mutate()} loading={discover.isPending}>
          {t.discover}
        </Button>
      </Group>
      {discover.data && (
        <Group gap={6} mt="xs">
          {discover.data.length === 0 && <Text size="sm">{t.noneFound}</Text>}
          {discover.data.map((d) => (
            <Button key={d.url} size="compact-sm" variant="light" color="blue.9" disabled={!s || save.isPending} onClick={() => add({ kind: 'escl', id: newId(), name: d.name, url: d.url, pinnedCertSha256: null })}>
              {t.addFound(d.name)}
            </Button>
          ))}
        </Group>
      )}
      {s && (
        <Group gap="sm" mt="xs" align="flex-end">
          <Text size="sm">{t.profile}</Text>
          <NumberInput
            label={t.resolution}
            w={110}
            min={75}
            max={1200}
            value={s.profiles.default.resolution}
            onChange={(v) => save.mutate({ ...s, profiles: { ...s.profiles, default: { ...s.profiles.default, resolution: Number(v) || 200 } } })}
          />
          <NativeSelect
            label={t.color}
            value={s.profiles.default.colorMode}
            onChange={(e) => save.mutate({ ...s, profiles: { ...s.profiles, default: { ...s.profiles.default, colorMode: e.currentTarget.value as 'grayscale' } } })}
            data={(['grayscale', 'color', 'bw'] as const).map((c) => ({ value: c, label: t.colors[c]! }))}
          />
          <NativeSelect
            label={t.source}
            value={s.profiles.default.source}
            onChange={(e) => save.mutate({ ...s, profiles: { ...s.profiles, default: { ...s.profiles.default, source: e.currentTarget.value as 'adf' } } })}
            data={(['adf', 'platen'] as const).map((c) => ({ value: c, label: t.sources[c]! }))}
          />
        </Group>
      )}
      {s && <DocumentProfiles settings={s} onSave={(next) => save.mutate(next)} />}
      {s && <LimitsAndRetention settings={s} />}
      {(save.error ?? discover.error ?? settings.error) && (
        <Alert color="red.9" variant="filled" mt="xs" role="alert">
          {errorText(save.error ?? discover.error ?? settings.error)}
        </Alert>
      )}
    </Paper>
  );
}

/** Profiles for particular kinds of document (by checklist code), e.g. colour 300 dpi for photos. */
function DocumentProfiles({ settings: s, onSave }: { settings: ScanningSettings; onSave(next: ScanningSettings): void }) {
  const [code, setCode] = useState('');
  const entries = Object.entries(s.profiles.byDocument);
  const put = (key: string, patch: Partial<ScanningSettings['profiles']['default']>) =>
    onSave({ ...s, profiles: { ...s.profiles, byDocument: { ...s.profiles.byDocument, [key]: { ...(s.profiles.byDocument[key] ?? s.profiles.default), ...patch } } } });
  const drop = (key: string) => {
    const rest = { ...s.profiles.byDocument };
    delete rest[key];
    onSave({ ...s, profiles: { ...s.profiles, byDocument: rest } });
  };
  return (
    <Stack gap={4} mt="xs" data-testid="document-profiles">
      <Text size="sm">{t.byDocument}</Text>
      {entries.map(([key, p]) => (
        <Group key={key} gap="sm" align="flex-end">
          <Text size="sm" w={90}>
            {key}
          </Text>
          <NumberInput aria-label={`${t.resolution} ${key}`} w={100} min={75} max={1200} value={p.resolution} onChange={(v) => put(key, { resolution: Number(v) || 200 })} />
          <NativeSelect
            aria-label={`${t.color} ${key}`}
            value={p.colorMode}
            onChange={(e) => put(key, { colorMode: e.currentTarget.value as 'grayscale' })}
            data={(['grayscale', 'color', 'bw'] as const).map((c) => ({ value: c, label: t.colors[c]! }))}
          />
          <NativeSelect
            aria-label={`${t.source} ${key}`}
            value={p.source}
            onChange={(e) => put(key, { source: e.currentTarget.value as 'adf' })}
            data={(['adf', 'platen'] as const).map((c) => ({ value: c, label: t.sources[c]! }))}
          />
          <Button size="compact-xs" variant="default" onClick={() => drop(key)}>
            {t.remove}
          </Button>
        </Group>
      ))}
      <Group gap="sm" align="flex-end">
        <TextInput label={t.documentCode} value={code} onChange={(e) => setCode(e.currentTarget.value)} w={160} />
        <Button size="compact-sm" variant="default" onClick={() => code.trim() && (put(code.trim(), {}), setCode(''))}>
          {t.addProfile}
        </Button>
      </Group>
    </Stack>
  );
}

/** HTTPS scanners with a self-signed certificate: the admin compares and pins its fingerprint. */
function PinField({ pinned, onPin }: { pinned: string | null; onPin(pin: string | null): void }) {
  const [text, setText] = useState(pinned ?? '');
  return (
    <Group gap={4} mt={4} align="flex-end">
      <TextInput size="xs" label={t.pin} value={text} onChange={(e) => setText(e.currentTarget.value)} w={320} placeholder="AB:CD:…" />
      <Button size="compact-xs" variant="default" onClick={() => onPin(text.trim() || null)}>
        {t.pinSave}
      </Button>
    </Group>
  );
}

/**
 * "Giới hạn và lưu trữ": the scan limits in MB and megapixels, the retention days, checked field
 * by field before saving (Enter in any field saves); and pruning now, after a confirmation.
 */
function LimitsAndRetention({ settings: s }: { settings: ScanningSettings }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const l = t.limits;
  const [values, setValues] = useState<LimitsFormValues>(() => toLimitsForm(s));
  const [errors, setErrors] = useState<Partial<Record<LimitsField, string>>>({});
  /** What the last action did, read out by screen readers. */
  const [status, setStatus] = useState('');
  const { confirm, dialog } = useConfirm();
  const save = useMutation({
    mutationFn: (next: ScanningSettings) => client.call('scanning.updateSettings', next),
    onMutate: () => setStatus(''),
    onSuccess: (saved) => {
      queryClient.setQueryData(['scanning-settings'], saved);
      setValues(toLimitsForm(saved));
      setStatus(l.saved);
    },
  });
  const prune = useMutation({
    mutationFn: () => client.call('scans.prune', {}),
    onMutate: () => setStatus(''),
    onSuccess: (freed) => setStatus(l.pruned(freed.sessions, freed.pages, megabytesText(freed.bytes))),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = fromLimitsForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      // The first wrong field gets the focus, so the admin fixes it without reaching for the mouse.
      const first = LIMITS_FIELDS.find((f) => parsed.errors[f]);
      if (first) document.getElementById(`scan-limit-${first}`)?.focus();
      return;
    }
    setErrors({});
    save.mutate({ ...s, limits: parsed.limits, retention: parsed.retention });
  };
  const r = s.retention;
  return (
    <Stack gap={4} mt="sm" component="section" aria-labelledby="scan-limits-title" data-testid="scan-limits">
      {dialog}
      <Title order={4} size="h6" id="scan-limits-title">
        {l.title}
      </Title>
      <Text size="sm">{l.intro}</Text>
      <form onSubmit={submit} noValidate>
        <Group gap="sm" align="flex-start">
          {LIMITS_FIELDS.map((f) => (
            <TextInput
              key={f}
              id={`scan-limit-${f}`}
              label={l.fields[f]}
              value={values[f]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((cur) => ({ ...cur, [f]: v }));
              }}
              error={errors[f]}
              inputMode="decimal"
              w={200}
            />
          ))}
        </Group>
        <Group gap="sm" mt="xs">
          <Button type="submit" loading={save.isPending}>
            {l.save}
          </Button>
          <Button variant="default" loading={prune.isPending} onClick={async () => (await confirm({ message: l.confirmPrune(r.discardedDays, r.committedDays, r.openDays), confirmLabel: l.prune })) && prune.mutate()}>
            {l.prune}
          </Button>
        </Group>
      </form>
      <Text size="sm" role="status" data-testid="scan-limits-status">
        {status}
      </Text>
      {(save.error ?? prune.error) && (
        <Alert color="red.9" variant="filled" role="alert">
          {errorText(save.error ?? prune.error)}
        </Alert>
      )}
    </Stack>
  );
}
