import { Alert, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Input } from '../../../shared/api/contract';
import type { SyncSettingsView } from '../../../shared/api/calls/sync';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from '../auth/ErrorNotice';
import { APP_STATUS_KEY, SYNC_QUEUE_KEY, SYNC_SETTINGS_KEY, SYNC_STATUS_KEY } from './useSyncStatus';

const t = vi.sync.settings;
type Adapter = SyncSettingsView['adapter'];
interface Form {
  enabled: boolean;
  endpoint: string;
  adapter: Adapter;
  username: string;
  /** Empty: keep the stored password (it is never sent back to the UI). */
  password: string;
}

const formOf = (v: SyncSettingsView): Form => ({ enabled: v.enabled, endpoint: v.endpoint ?? '', adapter: v.adapter, username: v.username ?? '', password: '' });

function inputOf(f: Form): Input<'sync.settings.set'> {
  const base = { enabled: f.enabled, endpoint: f.endpoint.trim() || null, adapter: f.adapter, username: f.username.trim() || null };
  return f.password ? { ...base, password: f.password } : base;
}

/** The admin connects this counter to the provincial system: where, which protocol, which account. */
export function SyncSettingsPanel() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const saved = useQuery({ queryKey: SYNC_SETTINGS_KEY, queryFn: () => client.call('sync.settings.get', {}) });
  // The admin's edits over what is saved; null until the first change.
  const [edited, setEdited] = useState<Form | null>(null);
  const form = edited ?? (saved.data ? formOf(saved.data) : null);
  const save = useMutation({
    mutationFn: (f: Form) => client.call('sync.settings.set', inputOf(f)),
    onSuccess: (view) => {
      queryClient.setQueryData(SYNC_SETTINGS_KEY, view);
      setEdited(null);
      // The engine starts, stops or changes server: every view of its state is now stale.
      for (const queryKey of [APP_STATUS_KEY, SYNC_STATUS_KEY, SYNC_QUEUE_KEY]) void queryClient.invalidateQueries({ queryKey });
    },
  });
  const patch = (p: Partial<Form>) => {
    if (!form) return;
    // "Đã lưu" no longer holds once something changed; a refusal stays until the next save.
    if (save.isSuccess) save.reset();
    setEdited({ ...form, ...p });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form && !save.isPending) save.mutate(form);
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="sync-settings-title" data-testid="sync-settings">
      <Title order={3} size="h5" id="sync-settings-title" mb={4}>
        {t.title}
      </Title>
      <Text size="sm" mb="xs">
        {t.intro}
      </Text>
      {form && saved.data && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <Switch label={t.enabled} checked={form.enabled} onChange={(e) => patch({ enabled: e.currentTarget.checked })} />
            <Group align="flex-end" gap="sm">
              <NativeSelect
                label={t.adapter}
                value={form.adapter}
                onChange={(e) => patch({ adapter: e.currentTarget.value as Adapter })}
                data={(['motcua', 'national'] as const).map((a) => ({ value: a, label: vi.sync.adapters[a]! }))}
              />
              <TextInput
                label={t.endpoint}
                value={form.endpoint}
                onChange={(e) => patch({ endpoint: e.currentTarget.value })}
                placeholder={t.endpointPlaceholder[form.adapter]}
                w={440}
                autoComplete="off"
                spellCheck={false}
              />
            </Group>
            <Group align="flex-end" gap="sm">
              <TextInput label={t.username} value={form.username} onChange={(e) => patch({ username: e.currentTarget.value })} autoComplete="off" w={200} />
              <PasswordInput
                label={t.password}
                value={form.password}
                onChange={(e) => patch({ password: e.currentTarget.value })}
                placeholder={saved.data.hasPassword ? t.passwordSaved : t.passwordNone}
                autoComplete="new-password"
                w={320}
              />
              <TextInput
                label={t.deviceId}
                description={t.deviceIdHint}
                // Mantine's dimmed description is below AA contrast.
                styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
                value={saved.data.deviceId}
                readOnly
                w={340}
              />
            </Group>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t.save}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <div aria-live="polite">
        {save.isSuccess && (
          <Alert color="teal.9" variant="filled" mt="xs" role="status" py={6}>
            {t.saved}
          </Alert>
        )}
      </div>
      <ErrorNotice error={save.error ?? saved.error} />
    </Paper>
  );
}
