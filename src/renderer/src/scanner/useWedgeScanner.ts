import { useEffectEvent, useLayoutEffect } from 'react';
import { createWedgeDetector, defaultWedgeOptions, type WedgeEnd, type WedgeOptions, type WedgeScan } from '../../../shared/identity/wedge';
import { restoreField, snapshotField, type FieldSnapshot } from './field-restore';

export interface UseWedgeScannerOptions extends Partial<WedgeOptions> {
  /** Default true. */
  enabled?: boolean;
  /** A recognised burst that ended without Enter (its keys were held back). */
  onAbandoned?: (scan: WedgeScan) => void;
}

/**
 * Listens for a keyboard-wedge scanner anywhere in the window (keydown, capture phase). Normal
 * typing passes untouched; once a burst is recognised (see shared/identity/wedge.ts) its keys are
 * held back from whatever has focus, the characters that already reached a focused field are
 * removed again, and `onScan` receives the text when the closing Enter arrives.
 */
export function useWedgeScanner(onScan: (scan: WedgeScan) => void, options: UseWedgeScannerOptions = {}): void {
  const { enabled = true, onAbandoned, accept, terminators, ...timing } = options;
  const { maxGapMs, minLength, idleMs, requireEnter } = { ...defaultWedgeOptions, ...timing };
  const terminatorKey = (terminators ?? defaultWedgeOptions.terminators).join('\n');
  const handleScan = useEffectEvent((scan: WedgeScan) => onScan(scan));
  const handleAbandoned = useEffectEvent((scan: WedgeScan) => onAbandoned?.(scan));
  const acceptText = useEffectEvent((text: string) => (accept ?? defaultWedgeOptions.accept)(text));

  // Attached before the screen's first paint: a scan that starts as soon as the form shows is caught whole.
  useLayoutEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector({
      maxGapMs,
      minLength,
      idleMs,
      requireEnter,
      terminators: terminatorKey.split('\n'),
      accept: (text) => acceptText(text),
    });
    let field: FieldSnapshot | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deliver = (end: WedgeEnd | null | undefined) => {
      if (end?.kind === 'scan') handleScan(end.scan);
      else if (end?.kind === 'abandoned') handleAbandoned(end.scan);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const command = (event.ctrlKey || event.altKey || event.metaKey) && !event.getModifierState('AltGraph');
      const d = detector.key({ key: event.key, time: event.timeStamp, repeat: event.repeat, withCommand: command });
      deliver(d.ended);
      if (d.action === 'pass') {
        if (d.startsRun) field = snapshotField(document.activeElement);
      } else {
        event.preventDefault();
        event.stopImmediatePropagation();
        if (d.action === 'hold' && d.confirmedNow && field) restoreField(field);
        if (d.action === 'scan') handleScan(d.scan);
      }
      clearTimeout(timer);
      if (detector.holding) timer = setTimeout(() => deliver(detector.idle(performance.now())), idleMs + 10);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      clearTimeout(timer);
    };
  }, [enabled, maxGapMs, minLength, idleMs, requireEnter, terminatorKey]);
}
