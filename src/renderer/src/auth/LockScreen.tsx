import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from './ErrorNotice';
import { useRefreshAuth } from './useAuthState';

/** Idle lock: the session and the clerk's unsaved form survive; only the password is asked. */
export function LockScreen({ fullName }: { fullName: string }) {
  const { client } = useApi();
  const refresh = useRefreshAuth();
  const [password, setPassword] = useState('');
  const t = vi.accounts.lock;
  const unlock = useMutation({
    mutationFn: () => client.call('auth.unlock', { password }),
    onSuccess: () => refresh(),
    onError: () => setPassword(''),
  });
  const logout = useMutation({ mutationFn: () => client.call('auth.logout', {}), onSuccess: () => refresh() });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!unlock.isPending) unlock.mutate();
  };
  return (
    <Paper withBorder p="lg" maw={420} mx="auto" mt={60} component="section" aria-labelledby="lock-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="lock-title">
            {t.title}
          </Title>
          <Text size="sm">{t.intro(fullName)}</Text>
          <PasswordInput label={vi.accounts.login.password} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus autoComplete="current-password" />
          <ErrorNotice error={unlock.error} />
          <Group>
            <Button type="submit" loading={unlock.isPending}>
              {t.submit}
            </Button>
            <Button variant="default" onClick={() => logout.mutate()}>
              {t.switchUser}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
