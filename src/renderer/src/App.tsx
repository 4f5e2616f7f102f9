import { Group, Text, Title } from '@mantine/core';
import { vi } from '../../shared/i18n/vi';
import { AuthGate } from './auth/AuthGate';
import { StatusBar } from './components/StatusBar';
import { UserMenu } from './components/UserMenu';
import { TodayPage } from './pages/TodayPage';

export function App() {
  return (
    <div className="app-layout">
      <header>
        <Group px="md" py={6} justify="space-between" bg="blue.8" c="white">
          <Title order={1} size="h4">
            {vi.app.name}
          </Title>
          <Group gap="md">
            <Text size="sm">{vi.app.tagline}</Text>
            <UserMenu />
          </Group>
        </Group>
      </header>
      <main className="app-main">
        <AuthGate>
          <TodayPage />
        </AuthGate>
      </main>
      <StatusBar />
    </div>
  );
}
