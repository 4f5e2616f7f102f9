import { Button, Group, Modal, Text } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { vi } from '../../../shared/i18n/vi';

interface Ask {
  message: string;
  confirmLabel?: string;
}

/**
 * A confirmation in the app's own dialog rather than the browser's `confirm()`, which in browser
 * mode is headed by "127.0.0.1:PORT" and blocks the page. `confirm(...)` resolves true or false;
 * render `dialog` once in the component. Enter confirms (the button has the focus), Esc cancels.
 */
export function useConfirm(): { confirm(ask: Ask): Promise<boolean>; dialog: ReactNode } {
  const [ask, setAsk] = useState<Ask | null>(null);
  const settle = useRef<((ok: boolean) => void) | null>(null);
  const answer = (ok: boolean) => {
    settle.current?.(ok);
    settle.current = null;
    setAsk(null);
  };
  const confirm = useCallback(
    (next: Ask) =>
      new Promise<boolean>((resolve) => {
        settle.current?.(false);
        settle.current = resolve;
        setAsk(next);
      }),
    [],
  );
  const t = vi.confirmDialog;
  const dialog = (
    <Modal opened={!!ask} onClose={() => answer(false)} title={t.title} closeButtonProps={{ 'aria-label': t.close }}>
      <Text size="sm" data-testid="confirm-message">
        {ask?.message}
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => answer(false)}>
          {t.cancel}
        </Button>
        <Button color="red.9" onClick={() => answer(true)} data-autofocus>
          {ask?.confirmLabel ?? t.confirm}
        </Button>
      </Group>
    </Modal>
  );
  return { confirm, dialog };
}
