import { Loader } from '@mantine/core';
import { useIdle } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import { ChangePasswordPage } from './ChangePasswordPage';
import { LockScreen } from './LockScreen';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';
import { useAuthState, useRefreshAuth } from './useAuthState';

/**
 * Shows setup, login, the lock screen or a forced password change until the session allows
 * work. The work area stays mounted under the lock screen, so a half-typed dossier survives.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { client } = useApi();
  const state = useAuthState();
  const refresh = useRefreshAuth();
  const s = state.data;
  const idleMs = (s?.session?.idleLockMinutes ?? 15) * 60_000;
  const idle = useIdle(idleMs, { initialState: false });

  useEffect(() => {
    if (idle && s?.session && !s.locked) void client.call('auth.lock', {}).then(refresh);
  }, [idle, s, client, refresh]);

  if (!s) return <Loader m="xl" aria-label="…" />;
  if (s.needsSetup) return <SetupPage />;
  if (!s.session) return <LoginPage />;
  if (s.session.mustChangePassword && !s.locked) return <ChangePasswordPage forced />;
  return (
    <>
      {s.locked && <LockScreen fullName={s.session.user.fullName} />}
      <div hidden={s.locked}>{children}</div>
    </>
  );
}
