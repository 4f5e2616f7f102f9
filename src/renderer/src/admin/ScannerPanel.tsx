import { Alert, Button, Group, NativeSelect, Paper, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiCallError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';

/**
 * The ID-card scanner on a serial (virtual COM) port: pick the port, start it, see its state.
 * The core remembers the choice and reopens it at the next start.
 */
export function ScannerPanel() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const t = vi.accounts.scanner;
  const ports = useQuery({ queryKey: ['identity', 'ports'], queryFn: () => client.call('identity.serialPorts', {}) });
  const status = useQuery({ queryKey: ['identity', 'status'], queryFn: () => client.call('identity.serialStatus', {}) });
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState('9600');
  useEffect(() => client.on('identity.scannerState', () => void queryClient.invalidateQueries({ queryKey: ['identity', 'status'] })), [client, queryClient]);
  const start = useMutation({
    mutationFn: () => client.call('identity.serialStart', { path: path || ports.data?.[0]?.path || '', baudRate: Number(baud) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['identity'] }),
  });
  const stop = useMutation({
    mutationFn: () => client.call('identity.serialStop', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['identity'] }),
  });
  const error = start.error ?? stop.error;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="scanner-title">
      <Title order={3} size="h5" id="scanner-title" mb="xs">
        {t.title}
      </Title>
      <Group align="flex-end" gap="sm">
        {ports.data && ports.data.length > 0 ? (
          <NativeSelect label={t.port} value={path} onChange={(e) => setPath(e.currentTarget.value)} data={ports.data.map((p) => ({ value: p.path, label: `${p.path}${p.manufacturer ? ` (${p.manufacturer})` : ''}` }))} />
        ) : (
          <TextInput label={t.port} placeholder="/dev/ttyACM0, COM3" value={path} onChange={(e) => setPath(e.currentTarget.value)} />
        )}
        <NativeSelect label={t.baud} value={baud} onChange={(e) => setBaud(e.currentTarget.value)} data={['9600', '19200', '38400', '57600', '115200']} />
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t.start}
        </Button>
        <Button variant="default" onClick={() => stop.mutate()} loading={stop.isPending}>
          {t.stop}
        </Button>
      </Group>
      <Text size="sm" mt="xs" data-testid="scanner-state">
        {status.data?.message ?? t.none}
      </Text>
      {error && (
        <Alert color="red" role="alert" py={6} mt="xs">
          {error instanceof ApiCallError ? error.message : vi.errors.CORE_UNAVAILABLE}
        </Alert>
      )}
    </Paper>
  );
}
