import { Alert } from '@mantine/core';
import { ApiCallError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';

/** A failed call's Vietnamese message, announced to screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiCallError ? error.message : typeof error === 'string' ? error : vi.errors.CORE_UNAVAILABLE;
  return (
    <Alert color="red" role="alert" py={6} data-testid="error-notice">
      {text}
    </Alert>
  );
}
