import { Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { vi } from '../../shared/i18n/vi';
import { UsersPage } from './admin/UsersPage';
import { AuthGate } from './auth/AuthGate';
import { useAuthState } from './auth/useAuthState';
import { StatusBar } from './components/StatusBar';
import { UserMenu } from './components/UserMenu';
import { TodayPage } from './pages/TodayPage';

type Page = 'intake' | 'admin';

export function App() {
  const [page, setPage] = useState<Page>('intake');
  const auth = useAuthState();
  const isAdmin = auth.data?.session?.user.role === 'admin' && !auth.data.locked;
  const nav = vi.accounts.nav;
  return (
    <div className="app-layout">
      <header>
        <Group px="md" py={6} justify="space-between" bg="blue.8" c="white">
          <Group gap="md">
            <Title order={1} size="h4">
              {vi.app.name}
            </Title>
            {isAdmin && (
              <SegmentedControl
                size="xs"
                value={page}
                onChange={(v) => setPage(v as Page)}
                data={[
                  { value: 'intake', label: nav.intake },
                  { value: 'admin', label: nav.admin },
                ]}
                aria-label={nav.admin}
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
        <AuthGate>{isAdmin && page === 'admin' ? <UsersPage /> : <TodayPage />}</AuthGate>
      </main>
      <StatusBar />
    </div>
  );
}
