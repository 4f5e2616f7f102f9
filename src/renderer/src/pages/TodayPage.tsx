import { Badge, Group, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { IntakeForm } from '../components/IntakeForm';
import { TodayTable } from '../components/TodayTable';

export function TodayPage() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const today = useQuery({ queryKey: ['dossiers', 'today'], queryFn: () => client.call('dossiers.listToday', {}) });

  // Another window, the CLI or (later) sync may change dossiers: refresh on the core's event.
  useEffect(
    () => client.on('dossiers.changed', () => void queryClient.invalidateQueries({ queryKey: ['dossiers', 'today'] })),
    [client, queryClient],
  );

  return (
    <Stack gap="sm">
      <IntakeForm />
      <section aria-labelledby="today-title">
        <Group gap="xs" mb={6}>
          <Title order={2} size="h4" id="today-title">
            {vi.today.title}
          </Title>
          {today.data && <Badge variant="light" tt="none">{vi.today.count(today.data.length)}</Badge>}
        </Group>
        <TodayTable rows={today.data ?? []} />
      </section>
    </Stack>
  );
}
