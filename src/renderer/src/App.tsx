import { Group, Text, Title } from '@mantine/core';
import { vi } from '../../shared/i18n/vi';
import { StatusBar } from './components/StatusBar';
import { TodayPage } from './pages/TodayPage';

export function App() {
  return (
    <div className="app-layout">
      <header>
        <Group px="md" py={6} justify="space-between" bg="blue.8" c="white">
          <Title order={1} size="h4">
            {vi.app.name}
          </Title>
          <Text size="sm">{vi.app.tagline}</Text>
        </Group>
      </header>
      <main className="app-main">
        <TodayPage />
      </main>
      <StatusBar />
    </div>
  );
}
