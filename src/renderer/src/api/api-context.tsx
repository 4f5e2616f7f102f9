import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import { fill, vi } from '../../../shared/i18n/vi';
import type { Transport } from '../../../shared/api/transport';
import { createWebTransport } from './web-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    api?: Transport;
  }
}

interface ApiState {
  client: ApiClient;
  /** False while browser mode's event socket is down (the host is restarting or gone). */
  connected: boolean;
}

const ApiContext = createContext<ApiState | null>(null);

function pickTransport() {
  if (window.api) return { transport: window.api, onConnection: null };
  const web = createWebTransport();
  return { transport: withUnauthorizedMessage(web), onConnection: web.onConnection };
}

// 401 bodies carry no catalogue text (the host refuses before the core runs): fill it here.
function withUnauthorizedMessage(t: Transport): Transport {
  return {
    onEvent: t.onEvent,
    async invoke(method, input) {
      const r = await t.invoke(method, input);
      if (!r.ok && !r.error.message) {
        const code = r.error.code;
        return { ok: false, error: { code, message: fill(vi.errors[code], { ref: 'http' }) } };
      }
      return r;
    },
  };
}

export function ApiProvider({ children }: { children: ReactNode }) {
  const [{ transport, onConnection }] = useState(pickTransport);
  const [client] = useState(() => createApiClient(transport));
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const off = client.on('dossiers.changed', () => undefined); // opens the event channel early
    const offConnection = onConnection?.(setConnected);
    return () => {
      off();
      offConnection?.();
    };
  }, [client, onConnection]);
  return <ApiContext.Provider value={{ client, connected }}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiState {
  const state = useContext(ApiContext);
  if (!state) throw new Error('useApi outside ApiProvider');
  return state;
}
