import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from './ErrorNotice';
import { useRefreshAuth } from './useAuthState';

export function ChangePasswordPage({ forced }: { forced: boolean }) {
  const { client } = useApi();
  const refresh = useRefreshAuth();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const t = vi.accounts.changePassword;
  const change = useMutation({
    mutationFn: () => client.call('auth.changePassword', { currentPassword, newPassword }),
    onSuccess: () => refresh(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(newPassword !== confirm);
    if (newPassword === confirm && !change.isPending) change.mutate();
  };
  return (
    <Paper withBorder p="lg" maw={420} mx="auto" mt={40} component="section" aria-labelledby="pw-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="pw-title">
            {t.title}
          </Title>
          {forced && <Alert color="yellow">{t.mustChange}</Alert>}
          <PasswordInput label={t.current} value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} autoFocus autoComplete="current-password" />
          <PasswordInput label={t.next} value={newPassword} onChange={(e) => setNext(e.currentTarget.value)} autoComplete="new-password" />
          <PasswordInput label={t.confirm} value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} autoComplete="new-password" />
          <ErrorNotice error={mismatch ? t.mismatch : change.error} />
          <Button type="submit" loading={change.isPending}>
            {t.submit}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
