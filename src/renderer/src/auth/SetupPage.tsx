import { Button, Fieldset, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';
import { ErrorNotice } from './ErrorNotice';
import { useRefreshAuth } from './useAuthState';

const initial = {
  username: '',
  fullName: '',
  password: '',
  confirm: '',
  agencyName: '',
  unitName: 'BỘ PHẬN MỘT CỬA',
  unitCode: '',
  address: '',
  place: '',
  lookupUrlPattern: '',
  counterNumber: '1',
  countersInUnit: '1',
  workingHours: '07:00-11:30, 13:30-17:00',
  idleLockMinutes: '15',
};
type Field = keyof typeof initial;

/** "07:00-11:30, 13:30-17:00" → periods; the core validates the result. */
function parseHours(text: string) {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [start = '', end = ''] = p.split('-').map((x) => x.trim());
      return { start, end };
    });
}

export function SetupPage() {
  const { client } = useApi();
  const refresh = useRefreshAuth();
  const [f, setF] = useState(initial);
  const [mismatch, setMismatch] = useState(false);
  const t = vi.accounts;
  const set = (k: Field) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const setup = useMutation({
    mutationFn: () =>
      client.call('auth.setup', {
        admin: { username: f.username, fullName: f.fullName, password: f.password },
        office: {
          agencyName: f.agencyName,
          unitName: f.unitName,
          unitCode: f.unitCode,
          address: f.address,
          place: f.place,
          lookupUrlPattern: f.lookupUrlPattern,
          counterNumber: Number(f.counterNumber),
          countersInUnit: Number(f.countersInUnit),
          workingHours: parseHours(f.workingHours),
          idleLockMinutes: Number(f.idleLockMinutes),
        },
      }),
    onSuccess: () => refresh(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(f.password !== f.confirm);
    if (f.password === f.confirm && !setup.isPending) setup.mutate();
  };
  const o = t.office;
  return (
    <Paper withBorder p="lg" maw={860} mx="auto" mt={20} component="section" aria-labelledby="setup-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="setup-title">
            {t.setup.title}
          </Title>
          <Text size="sm">{t.setup.intro}</Text>
          <Fieldset legend={t.setup.adminSection}>
            <SimpleGrid cols={2}>
              <TextInput label={t.login.username} value={f.username} onChange={set('username')} autoFocus autoComplete="off" />
              <TextInput label={t.user.fullName} value={f.fullName} onChange={set('fullName')} autoComplete="off" />
              <PasswordInput label={t.login.password} value={f.password} onChange={set('password')} autoComplete="new-password" />
              <PasswordInput label={t.changePassword.confirm} value={f.confirm} onChange={set('confirm')} autoComplete="new-password" />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t.setup.officeSection}>
            <SimpleGrid cols={2}>
              <TextInput label={o.agencyName} value={f.agencyName} onChange={set('agencyName')} />
              <TextInput label={o.unitName} value={f.unitName} onChange={set('unitName')} />
              <TextInput label={o.unitCode} value={f.unitCode} onChange={set('unitCode')} placeholder="000.00.06.H56" />
              <TextInput label={o.place} value={f.place} onChange={set('place')} />
              <TextInput label={o.address} value={f.address} onChange={set('address')} />
              <TextInput label={o.lookupUrlPattern} value={f.lookupUrlPattern} onChange={set('lookupUrlPattern')} placeholder="https://dichvucong…/tra-cuu?ma={code}" />
              <TextInput label={o.counterNumber} value={f.counterNumber} onChange={set('counterNumber')} inputMode="numeric" />
              <TextInput label={o.countersInUnit} value={f.countersInUnit} onChange={set('countersInUnit')} inputMode="numeric" />
              <TextInput label={o.workingHours} value={f.workingHours} onChange={set('workingHours')} />
              <TextInput label={o.idleLockMinutes} value={f.idleLockMinutes} onChange={set('idleLockMinutes')} inputMode="numeric" />
            </SimpleGrid>
          </Fieldset>
          <ErrorNotice error={mismatch ? t.changePassword.mismatch : setup.error} />
          <Button type="submit" loading={setup.isPending} w="fit-content">
            {t.setup.submit}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
