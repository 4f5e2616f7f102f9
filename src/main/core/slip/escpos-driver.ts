import { Socket } from 'node:net';
import { AppError } from '../../../shared/api/errors';
import { slipText } from '../../../shared/i18n/vi-slip';

export interface EscPosSendOptions {
  /** The whole job: connecting, sending, and the printer closing the connection. Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** "192.168.1.50:9100", "[fe80::1]:9100": how the clerk sees the printer in messages. */
export function printerAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function reasonFor(error: NodeJS.ErrnoException, seconds: number): string {
  const r = slipText.reasons;
  switch (error.code) {
    case 'ECONNREFUSED':
      return r.refused;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return r.notFound;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return r.noRoute;
    case 'ETIMEDOUT': // the system's own connect timeout, when shorter than ours
      return r.connectTimeout(seconds);
    case 'ECONNRESET':
    case 'EPIPE':
      return r.reset;
    default:
      return r.other(error.code ?? error.message);
  }
}

/**
 * Sends one job to a raw ESC/POS printer (TCP 9100, "JetDirect"). The job counts as delivered
 * when the printer closes the connection after our end: a printer that accepts the connection
 * but stops reading (out of paper, cover open) fails at the deadline instead of hanging.
 */
export function sendToEscPos(host: string, port: number, bytes: Buffer, opts: EscPosSendOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const printer = printerAddress(host, port);
  const unreachable = (reason: string) => new AppError('PRINTER_UNREACHABLE', { printer, reason });
  if (opts.signal?.aborted) return Promise.reject(unreachable(slipText.reasons.cancelled));

  return new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    let connected = false;
    let sent = false;
    let settled = false;

    const finish = (error: AppError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(unreachable(slipText.reasons.cancelled));
    const deadline = setTimeout(() => {
      finish(unreachable(connected ? slipText.reasons.stuck(seconds) : slipText.reasons.connectTimeout(seconds)));
    }, timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('error', (e: NodeJS.ErrnoException) => {
      finish(unreachable(reasonFor(e, seconds)));
    });
    // Some printers answer with status bytes; reading them keeps the connection flowing.
    socket.on('data', () => undefined);
    socket.once('connect', () => {
      connected = true;
      socket.end(bytes, () => {
        sent = true;
      });
    });
    socket.once('close', () => {
      if (sent) finish(null);
      else finish(unreachable(slipText.reasons.reset));
    });
    socket.connect({ host, port });
  });
}
