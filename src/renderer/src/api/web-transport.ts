import type { EventMessage } from '../../../shared/api/contract';
import type { ApiErrorBody } from '../../../shared/api/errors';
import type { CallResult, Transport } from '../../../shared/api/transport';
import { fill, vi } from '../../../shared/i18n/vi';

/** The host refused the body's size: say so in the clerk's words, with the limit it gave. */
function tooLarge(reply: unknown): ApiErrorBody {
  const maxBytes = (reply as { maxBytes?: unknown } | null)?.maxBytes;
  const maxMb = typeof maxBytes === 'number' ? Math.floor(maxBytes / 1_000_000) : '?';
  return { code: 'REQUEST_TOO_LARGE', message: fill(vi.errors.REQUEST_TOO_LARGE, { maxMb }) };
}

export type ConnectionListener = (connected: boolean) => void;

/**
 * Browser mode: calls are POSTs to /api/call and events arrive on a WebSocket. The session
 * cookie set by /auth authenticates both; the browser adds the Origin header the host checks.
 */
export function createWebTransport(base: string = window.location.origin) {
  const listeners = new Set<(m: EventMessage) => void>();
  const connectionListeners = new Set<ConnectionListener>();
  let socket: WebSocket | null = null;
  let retry = 0;

  const setConnected = (connected: boolean) => {
    for (const l of connectionListeners) l(connected);
  };

  const connect = () => {
    socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/events`);
    socket.onopen = () => {
      retry = 0;
      setConnected(true);
    };
    socket.onmessage = (e) => {
      const message = JSON.parse(String(e.data)) as EventMessage;
      for (const l of listeners) l(message);
    };
    socket.onclose = () => {
      setConnected(false);
      // Back off up to 5 s: the host may be restarting.
      retry = Math.min(retry + 1, 10);
      setTimeout(connect, Math.min(5000, 250 * retry));
    };
  };

  const transport: Transport & { onConnection(l: ConnectionListener): () => void } = {
    async invoke(method, input): Promise<CallResult> {
      const res = await fetch(`${base}/api/call`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method, input }),
      });
      // Refusals by the host itself (401, 403, 413, 421…) carry no catalogue message.
      if (res.status === 401 || res.status === 403 || res.status === 421) return { ok: false, error: { code: 'UNAUTHORIZED', message: '' } };
      if (res.status === 413) return { ok: false, error: tooLarge(await res.json().catch(() => null)) };
      if (!res.ok && res.status !== 400) return { ok: false, error: { code: 'INTERNAL', message: '' } };
      return (await res.json()) as CallResult;
    },
    onEvent(listener) {
      if (!socket) connect();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
  return transport;
}
