import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Input } from '../../../shared/api/contract';
import { ApiCallError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import { useApi } from '../api/api-context';

export const errorText = (e: unknown) => (e instanceof ApiCallError ? e.message : vi.errors.CORE_UNAVAILABLE);

/**
 * Printing without a dialog: the core renders, archives and sends to the chosen printer, and
 * reports each poll of the job; the clerk sees "đang in…", then done or the printer's reason.
 */
export function usePrinting() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<string | null>(null);
  // This view's own print: another view printing at the same time (the drawer, the receipt
  // banner, a dialog) has its own progress line.
  const ref = useRef<string | null>(null);
  useEffect(
    () =>
      client.on('printing.progress', (p) => {
        if (p.clientRef === null || p.clientRef !== ref.current) return;
        const state = vi.documents.jobStates[p.state] ?? p.state;
        setProgress(`${p.printer}: ${state}${p.reason ? ` — ${p.reason}` : ''}`);
      }),
    [client],
  );
  const mark = () => {
    setProgress(null);
    ref.current = crypto.randomUUID();
    return ref.current;
  };
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: ['issued-forms'] });
  const print = useMutation({
    mutationFn: (input: Omit<Input<'printing.print'>, 'clientRef'>) => client.call('printing.print', { ...input, clientRef: mark() }),
    onSettled,
  });
  const reprint = useMutation({
    mutationFn: (input: Omit<Input<'printing.reprint'>, 'clientRef'>) => client.call('printing.reprint', { ...input, clientRef: mark() }),
    onSettled,
  });
  return { print, reprint, progress };
}
