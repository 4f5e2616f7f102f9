import { Alert, Badge, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/api/principal';
import { ApiCallError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { PrintersPanel } from './PrintersPanel';
import { ScannerPanel } from './ScannerPanel';
import { ScannersPanel } from './ScannersPanel';
import { SyncSettingsPanel } from '../sync/SyncSettingsPanel';

const message = (e: unknown) => (e instanceof ApiCallError ? e.message : vi.errors.CORE_UNAVAILABLE);

/** The administrator's accounts page: add a clerk, reset a forgotten password, disable an account. */
export function UsersPage() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const t = vi.accounts.admin;
  const users = useQuery({ queryKey: ['users'], queryFn: () => client.call('users.list', {}) });
  const [form, setForm] = useState({ username: '', fullName: '', role: 'clerk' as Role, password: '' });
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });

  const create = useMutation({
    mutationFn: () => client.call('users.create', form),
    onSuccess: (u) => {
      setDone(t.created(u.username));
      setForm({ username: '', fullName: '', role: 'clerk', password: '' });
      refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (p: { id: string; temporaryPassword: string }) => client.call('users.resetPassword', p),
    onSuccess: (u) => (setDone(t.resetDone(u.username)), refresh()),
  });
  const toggle = useMutation({
    mutationFn: (p: { id: string; active: boolean }) => client.call('users.update', p),
    onSuccess: refresh,
  });
  const [temp, setTemp] = useState<Record<string, string>>({});
  const error = create.error ?? reset.error ?? toggle.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!create.isPending) create.mutate();
  };
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: value }));
  };

  return (
    <Stack gap="sm">
      <PrintersPanel />
      <ScannersPanel />
      <ScannerPanel />
      <SyncSettingsPanel />
      <Paper withBorder p="sm" component="section" aria-labelledby="users-title">
        <Title order={2} size="h4" id="users-title" mb="xs">
          {t.title}
        </Title>
        <Table withTableBorder verticalSpacing={3} data-testid="users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{vi.accounts.login.username}</Table.Th>
              <Table.Th>{vi.accounts.user.fullName}</Table.Th>
              <Table.Th>{vi.accounts.user.role}</Table.Th>
              <Table.Th>{t.state}</Table.Th>
              <Table.Th>{t.resetPassword}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.username}</Table.Td>
                <Table.Td>{u.fullName}</Table.Td>
                <Table.Td>{vi.roles[u.role]}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Badge variant="filled" tt="none" color={u.active ? 'teal.9' : 'gray.9'}>
                      {u.active ? t.active : t.disabled}
                    </Badge>
                    <Button size="compact-xs" variant="default" onClick={() => toggle.mutate({ id: u.id, active: !u.active })}>
                      {u.active ? t.disable : t.enable}
                    </Button>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <PasswordInput
                      size="xs"
                      w={180}
                      aria-label={`${t.temporaryPassword}: ${u.username}`}
                      placeholder={t.temporaryPassword}
                      value={temp[u.id] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setTemp((m) => ({ ...m, [u.id]: value }));
                      }}
                    />
                    <Button size="compact-xs" onClick={() => reset.mutate({ id: u.id, temporaryPassword: temp[u.id] ?? '' })}>
                      {t.resetPassword}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="new-user-title">
        <Title order={3} size="h5" id="new-user-title" mb="xs">
          {t.newUser}
        </Title>
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput label={vi.accounts.login.username} value={form.username} onChange={set('username')} autoComplete="off" />
            <TextInput label={vi.accounts.user.fullName} value={form.fullName} onChange={set('fullName')} autoComplete="off" />
            <NativeSelect
              label={vi.accounts.user.role}
              value={form.role}
              onChange={set('role')}
              data={(['clerk', 'supervisor', 'admin'] as const).map((r) => ({ value: r, label: vi.roles[r]! }))}
            />
            <PasswordInput label={t.temporaryPassword} value={form.password} onChange={set('password')} autoComplete="new-password" w={200} />
            <Button type="submit" loading={create.isPending}>
              {t.create}
            </Button>
          </Group>
        </form>
      </Paper>
      <div aria-live="polite">
        {error ? (
          <Alert color="red" role="alert" py={6}>
            {message(error)}
          </Alert>
        ) : (
          done && (
            <Alert color="blue" role="status" py={6}>
              {done}
            </Alert>
          )
        )}
      </div>
    </Stack>
  );
}
