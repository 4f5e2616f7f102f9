import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import type { ProcedureHit } from '../../../shared/api/calls/catalog';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';

const label = (h: ProcedureHit) => `${h.code} — ${h.name}`;

/**
 * Search the catalogue as the clerk types (code, or name without diacritics), choose with the
 * arrow keys and Enter. Matching is the core's (folded, any word order), so the list is shown
 * as it comes back, not filtered again here.
 */
export function ProcedurePicker({ value, onPick, inputRef }: { value: ProcedureHit | null; onPick(hit: ProcedureHit | null): void; inputRef?: Ref<HTMLInputElement> }) {
  const { client } = useApi();
  const [text, setText] = useState(value ? label(value) : '');
  const [query] = useDebouncedValue(text, 120);
  const typed = query.trim();
  const hits = useQuery({
    queryKey: ['catalog', 'search', typed],
    queryFn: () => client.call('catalog.search', { query: typed, limit: 12 }),
    enabled: typed.length > 0 && (!value || text !== label(value)),
  });
  // Only a list that answers what is typed now: choosing from the previous answer while the next
  // one is on its way would lose the highlight (or the choice) when the list redraws.
  const options = typed === text.trim() ? (hits.data ?? []) : [];
  return (
    <Autocomplete
      ref={inputRef}
      label={vi.intakeForm.procedure}
      placeholder={vi.intakeForm.procedurePlaceholder}
      value={text}
      onChange={(v) => {
        setText(v);
        if (value && v !== label(value)) onPick(null);
      }}
      data={options.map((h) => ({ value: h.id, label: label(h) }))}
      filter={({ options: all }) => all}
      onOptionSubmit={(id) => {
        const hit = options.find((h) => h.id === id);
        if (!hit) return;
        setText(label(hit));
        onPick(hit);
      }}
      limit={12}
      maxDropdownHeight={320}
      comboboxProps={{ withinPortal: false }}
      data-testid="procedure-picker"
    />
  );
}
