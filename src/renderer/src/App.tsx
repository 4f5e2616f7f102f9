import { Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { roleAtLeast } from '../../shared/api/principal';
import { vi } from '../../shared/i18n/vi';
import { UsersPage } from './admin/UsersPage';
import { AuthGate } from './auth/AuthGate';
import { useAuthState } from './auth/useAuthState';
import { StatusBar } from './components/StatusBar';
import { UserMenu } from './components/UserMenu';
import { TodayPage } from './pages/TodayPage';
import { SyncPage } from './sync/SyncPage';

type Page = 'intake' | 'sync' | 'admin';

export function App() {
  const [page, setPage] = useState<Page>('intake');
  const auth = useAuthState();
  // From the session even while locked: the page stays mounted (hidden) under the lock screen.
  const role = auth.data?.session?.user.role;
  const pages: Page[] = ['intake', ...(role && roleAtLeast(role, 'supervisor') ? (['sync'] as const) : []), ...(role === 'admin' ? (['admin'] as const) : [])];
  // Another user logged in (a clerk after the admin): fall back to what this one may see.
  const current: Page = pages.includes(page) ? page : 'intake';
  const nav = vi.accounts.nav;
  const labels: Record<Page, string> = { intake: nav.intake, sync: vi.sync.nav.sync, admin: nav.admin };
  return (
    <div className="app-layout">
      <header>
        <Group px="md" py={6} justify="space-between" bg="blue.8" c="white">
          <Group gap="md">
            <Title order={1} size="h4">
              {vi.app.name}
            </Title>
            {pages.length > 1 && !auth.data?.locked && (
              <SegmentedControl
                size="xs"
                value={current}
                onChange={(v) => setPage(v as Page)}
                data={pages.map((p) => ({ value: p, label: labels[p] }))}
                aria-label={vi.sync.nav.pages}
              />
            )}
          </Group>
          <Group gap="md">
            <Text size="sm">{vi.app.tagline}</Text>
            <UserMenu />
          </Group>
        </Group>
      </header>
      <main className="app-main">
        <AuthGate>{current === 'admin' ? <UsersPage /> : current === 'sync' ? <SyncPage /> : <TodayPage />}</AuthGate>
      </main>
      <StatusBar />
    </div>
  );
}
