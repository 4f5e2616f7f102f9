import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { ClipboardEvent, FocusEvent, Ref } from 'react';
import { vi } from '../../../shared/i18n/vi';
import type { ApplicantFields } from './intake-state';

interface Props {
  legend: string;
  value: ApplicantFields;
  /** Only the changed field: the parent merges it into its latest state (no stale copies). */
  onChange(patch: Partial<ApplicantFields>): void;
  /** The ID field: where the cursor starts, and where pasted QR text is caught. */
  idRef?: Ref<HTMLInputElement>;
  onIdBlur?(idNumber: string): void;
  onPasteQr?(text: string): void;
  testId: string;
}

export function ApplicantFieldset({ legend, value, onChange, idRef, onIdBlur, onPasteQr, testId }: Props) {
  const t = vi.intakeForm;
  const set = (k: keyof ApplicantFields) => (e: { currentTarget: { value: string } }) => onChange({ [k]: e.currentTarget.value });
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    // QR text pasted from elsewhere (a phone app, a serial terminal): parse it instead of typing it.
    if (onPasteQr && text.includes('|')) {
      e.preventDefault();
      onPasteQr(text);
    }
  };
  return (
    <Fieldset legend={legend} data-testid={testId} py="xs">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={4}>
        <TextInput
          ref={idRef}
          autoFocus={!!idRef}
          label={t.idNumber}
          value={value.idNumber}
          onChange={set('idNumber')}
          onBlur={(e: FocusEvent<HTMLInputElement>) => onIdBlur?.(e.currentTarget.value)}
          onPaste={onPaste}
          inputMode="numeric"
          autoComplete="off"
        />
        <TextInput label={t.fullName} value={value.fullName} onChange={set('fullName')} autoComplete="off" />
        <TextInput label={t.birthDate} value={value.birthDate} onChange={set('birthDate')} placeholder="dd/mm/yyyy" autoComplete="off" />
        <NativeSelect
          label={t.gender}
          value={value.gender}
          onChange={set('gender')}
          data={[
            { value: '', label: '—' },
            { value: 'male', label: t.genders.male! },
            { value: 'female', label: t.genders.female! },
          ]}
        />
        <TextInput label={t.phone} value={value.phone} onChange={set('phone')} inputMode="tel" autoComplete="off" />
        <TextInput label={t.address} value={value.address} onChange={set('address')} autoComplete="off" style={{ gridColumn: 'span 2' }} />
        <TextInput label={t.email} value={value.email} onChange={set('email')} inputMode="email" autoComplete="off" />
      </SimpleGrid>
    </Fieldset>
  );
}
