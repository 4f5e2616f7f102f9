import { Badge, Group, Paper, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TodayLists } from '../../../shared/api/calls/dossiers';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { DossierDrawer } from '../components/DossierDrawer';
import { DossierTable } from '../components/DossierTable';
import { IntakeForm } from '../intake/IntakeForm';
import { LedgerButton } from '../printing/LedgerButton';

type ListKey = keyof TodayLists['counts'];
const LISTS: ListKey[] = ['receivedToday', 'dueToday', 'overdue', 'waitingSupplement', 'resultsToHandBack'];

export function TodayPage() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);

  // Another window, the CLI or (later) sync may change dossiers: refresh on the core's event.
  useEffect(() => client.on('dossiers.changed', () => void queryClient.invalidateQueries({ queryKey: ['dossiers'] })), [client, queryClient]);

  return (
    <Stack gap="sm">
      <IntakeForm />
      <WorkLists onOpen={setOpen} />
      <DossierDrawer id={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

/** Today's lists and the search box: their own state, so typing here never redraws the form. */
function WorkLists({ onOpen: setOpen }: { onOpen(id: string): void }) {
  const { client } = useApi();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const t = vi.dossierList;
  const today = useQuery({ queryKey: ['dossiers', 'today'], queryFn: () => client.call('dossiers.today', {}) });
  const found = useQuery({
    queryKey: ['dossiers', 'search', debounced],
    queryFn: () => client.call('dossiers.search', { query: debounced }),
    enabled: debounced.length > 0,
  });

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="today-title">
        <Group justify="space-between" mb={6}>
          <Title order={2} size="h4" id="today-title">
            {vi.today.title}
          </Title>
          <LedgerButton />
        </Group>
        <TextInput label={t.search} placeholder={t.searchPlaceholder} value={query} onChange={(e) => setQuery(e.currentTarget.value)} mb="xs" maw={560} />
        {debounced ? (
          <DossierTable rows={found.data?.results ?? []} empty={t.searchEmpty} onOpen={setOpen} testId="search-results" />
        ) : (
          <Tabs defaultValue="receivedToday" keepMounted={false}>
            <Tabs.List>
              {LISTS.map((k) => (
                <Tabs.Tab key={k} value={k} rightSection={<Badge size="sm" variant="light" tt="none">{today.data?.counts[k] ?? 0}</Badge>}>
                  {t.tabs[k]}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {LISTS.map((k) => (
              <Tabs.Panel key={k} value={k} pt="xs">
                <DossierTable rows={today.data?.[k] ?? []} empty={t.empty[k] ?? ''} onOpen={setOpen} testId={`list-${k}`} />
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
    </Paper>
  );
}
