import { Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { useAuthState, useRefreshAuth } from '../auth/useAuthState';

export function UserMenu() {
  const { client } = useApi();
  const state = useAuthState();
  const refresh = useRefreshAuth();
  const logout = useMutation({ mutationFn: () => client.call('auth.logout', {}), onSuccess: () => refresh() });
  const lock = useMutation({ mutationFn: () => client.call('auth.lock', {}), onSuccess: () => refresh() });
  const user = state.data?.session?.user;
  if (!user || state.data?.locked) return null;
  return (
    <Group gap="xs">
      <Text size="sm" data-testid="current-user">
        {user.fullName} ({vi.roles[user.role]})
      </Text>
      <Button size="compact-xs" variant="white" onClick={() => lock.mutate()}>
        {vi.accounts.user.lockNow}
      </Button>
      <Button size="compact-xs" variant="white" onClick={() => logout.mutate()}>
        {vi.accounts.user.logout}
      </Button>
    </Group>
  );
}
