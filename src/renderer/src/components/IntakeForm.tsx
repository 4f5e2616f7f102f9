import { Alert, Button, Group, Paper, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiCallError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';

type Notice = { kind: 'saved' | 'cancelled' | 'error'; text: string } | null;

/**
 * The minimal intake form of the foundation slice. Keyboard first: the cursor starts in the
 * first field, Tab moves on, Enter saves from any field, Esc clears and returns to the start.
 */
export function IntakeForm() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [applicantName, setApplicantName] = useState('');
  const [procedureName, setProcedureName] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const first = useRef<HTMLInputElement>(null);

  const reset = () => {
    setApplicantName('');
    setProcedureName('');
    first.current?.focus();
  };

  const save = useMutation({
    mutationFn: () => client.call('dossiers.create', { applicantName, procedureName }),
    onSuccess: (saved) => {
      setNotice({ kind: 'saved', text: vi.intake.saved(saved.applicantName) });
      reset();
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'today'] });
    },
    // What the clerk typed stays on screen so nothing is lost; the message says what to fix.
    onError: (e) => setNotice({ kind: 'error', text: e instanceof ApiCallError ? e.message : vi.errors.CORE_UNAVAILABLE }),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    reset();
    setNotice({ kind: 'cancelled', text: vi.intake.cancelled });
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="intake-title">
      <Title order={2} size="h5" id="intake-title" mb="xs">
        {vi.intake.title}
      </Title>
      <form onSubmit={onSubmit} onKeyDown={onKeyDown} aria-describedby="intake-hint" noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            ref={first}
            autoFocus
            label={vi.intake.applicantName}
            placeholder={vi.intake.applicantNamePlaceholder}
            value={applicantName}
            onChange={(e) => setApplicantName(e.currentTarget.value)}
            name="applicantName"
            autoComplete="off"
            w={280}
          />
          <TextInput
            label={vi.intake.procedureName}
            placeholder={vi.intake.procedureNamePlaceholder}
            value={procedureName}
            onChange={(e) => setProcedureName(e.currentTarget.value)}
            name="procedureName"
            autoComplete="off"
            w={360}
          />
          <Button type="submit" loading={save.isPending}>
            {vi.intake.save}
          </Button>
          <Button variant="default" type="button" onClick={() => onKeyDown({ key: 'Escape', preventDefault() {} } as KeyboardEvent)}>
            {vi.intake.cancel}
          </Button>
        </Group>
        <Text id="intake-hint" size="xs" c="gray.7" mt={4}>
          {vi.intake.keyboardHint}
        </Text>
      </form>
      <div aria-live="polite">
        {notice && (
          <Alert
            mt="xs"
            py={6}
            color={notice.kind === 'error' ? 'red' : notice.kind === 'saved' ? 'green' : 'gray'}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            data-testid="intake-notice"
          >
            {notice.text}
          </Alert>
        )}
      </div>
    </Paper>
  );
}
