import type { SerialScannerState } from '../../../shared/api/calls/identity';
import { identityEvents } from '../../../shared/api/calls/identity';
import { identityText } from '../../../shared/i18n/vi-identity';
import { parseIdCardQr, type QrParseResult } from '../../../shared/identity/qr';
import type { Clock } from '../config';
import type { Handlers } from '../dispatcher';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import { listSerialPorts, startSerialScanner, MAX_LINE_BYTES, type SerialScanner } from './serial-scanner';

type IdentityMethod = 'identity.parse' | 'identity.serialPorts' | 'identity.serialStart' | 'identity.serialStop' | 'identity.serialStatus';

export interface IdentityService {
  handlers: Pick<Handlers, IdentityMethod>;
  /** Closes the serial port, if one is open (the core is closing). */
  close(): Promise<void>;
}

export interface IdentityDeps {
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** For tests: how fast a lost scanner is retried, how long an unterminated line waits. */
  serial?: { reconnectMs?: number; flushAfterMs?: number };
}

const STOPPED: SerialScannerState = { state: 'stopped', path: null, baudRate: null, message: null };

/**
 * The applicant's identity in the core: parsing the ID card's QR (pasted or wedge-scanned text
 * arrives as a call), and one serial-port scanner whose scans are pushed as events.
 */
export function createIdentityService(deps: IdentityDeps): IdentityService {
  const { events, clock, logger } = deps;
  let scanner: SerialScanner | null = null;
  let status: SerialScannerState = STOPPED;
  // Start and stop run one at a time: a second start waits for the first to finish.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

  const setStatus = (next: SerialScannerState) => {
    status = next;
    events.emit('identity.scannerState', identityEvents['identity.scannerState'].parse(next));
  };

  const emitScan = (path: string, result: QrParseResult) => {
    // Citizens' data stays out of the log: only whether it parsed and the error codes.
    logger.info('serial scan', { path, ok: result.ok, codes: result.ok ? [] : result.errors.map((e) => e.code) });
    events.emit(
      'identity.scanned',
      identityEvents['identity.scanned'].parse({ source: 'serial', path, at: clock.now().toISOString(), result }),
    );
  };

  const stopCurrent = async () => {
    const current = scanner;
    scanner = null;
    if (current) await current.stop();
  };

  return {
    handlers: {
      'identity.parse': ({ text, editKeys }) => parseIdCardQr(text, { now: clock.now(), editKeys }),
      'identity.serialPorts': () => listSerialPorts(),
      'identity.serialStatus': () => status,
      'identity.serialStart': ({ path, baudRate }) =>
        serially(async () => {
          await stopCurrent();
          const started = await startSerialScanner(
            { path, baudRate, ...deps.serial },
            {
              onLine: (text) => emitScan(path, parseIdCardQr(text, { now: clock.now() })),
              onOverflow: () =>
                emitScan(path, {
                  ok: false,
                  errors: [{ field: 'text', code: 'QR_TOO_LONG', message: identityText.scanner.lineTooLong(MAX_LINE_BYTES) }],
                }),
              onState: (state, message) => {
                if (scanner !== started) return;
                logger.info('serial scanner state', { path, state });
                setStatus({ state, path, baudRate, message });
              },
            },
          );
          scanner = started;
          logger.info('serial scanner started', { path, baudRate });
          setStatus({ state: 'listening', path, baudRate, message: identityText.scanner.listening(path) });
          return status;
        }),
      'identity.serialStop': () =>
        serially(async () => {
          const wasRunning = scanner !== null;
          await stopCurrent();
          if (wasRunning) setStatus({ ...STOPPED, message: identityText.scanner.stopped });
          return status;
        }),
    },
    close: () => serially(stopCurrent),
  };
}
