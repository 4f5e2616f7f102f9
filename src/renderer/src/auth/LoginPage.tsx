import { Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from './ErrorNotice';
import { useRefreshAuth } from './useAuthState';

export function LoginPage() {
  const { client } = useApi();
  const refresh = useRefreshAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const t = vi.accounts.login;
  const login = useMutation({
    mutationFn: () => client.call('auth.login', { username, password }),
    onSuccess: () => refresh(),
    onError: () => setPassword(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!login.isPending) login.mutate();
  };
  return (
    <Paper withBorder p="lg" maw={380} mx="auto" mt={60} component="section" aria-labelledby="login-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="login-title">
            {t.title}
          </Title>
          <TextInput label={t.username} value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoFocus autoComplete="username" />
          <PasswordInput label={t.password} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" />
          <ErrorNotice error={login.error} />
          <Button type="submit" loading={login.isPending}>
            {t.submit}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
