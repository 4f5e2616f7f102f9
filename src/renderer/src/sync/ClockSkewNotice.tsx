import { Box } from '@mantine/core';
import { vi } from '../../../shared/i18n/vi';
import { useSyncStatus } from './useSyncStatus';

/** Whole minutes off, at least 1 (the engine warns only past 2 minutes). */
export function skewMinutes(skewMs: number): number {
  return Math.max(1, Math.round(Math.abs(skewMs) / 60_000));
}

/**
 * The device's clock is off from the province's: dossier times (received, due) come from this
 * clock, so the clerk is asked to fix it. Sync itself goes on, hence a warning, not an error.
 * Dark text on yellow keeps WCAG AA contrast at the status bar's small size.
 */
export function ClockSkewNotice({ block = false }: { block?: boolean }) {
  const status = useSyncStatus();
  const clock = status.data?.clock;
  if (!clock?.warning) return null;
  return (
    <Box
      component={block ? 'div' : 'span'}
      role="status"
      data-testid={block ? 'sync-clock-skew' : 'status-clock-skew'}
      bg="yellow.3"
      c="dark.9"
      px={block ? 'sm' : 6}
      py={block ? 6 : 1}
      fz={block ? 'sm' : undefined}
      style={{ borderRadius: 4, borderLeft: '4px solid var(--mantine-color-orange-7)' }}
    >
      {vi.sync.clockSkew(skewMinutes(clock.skewMs))}
    </Box>
  );
}
