import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMethod, type EventMessage } from '../shared/api/contract';
import { AppError } from '../shared/api/errors';
import type { CallResult, Transport } from '../shared/api/transport';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/api/ipc-channels';

// The whole bridge between the page and the app: window.api is exactly the Transport interface,
// one generic invoke and one event stream. No ipcRenderer, no channel names, no Node reach the
// page. Adding a call to the contract never touches this file.

function refuse(method: unknown): Promise<CallResult> {
  const name = typeof method === 'string' ? method.slice(0, 80) : typeof method;
  return Promise.resolve({ ok: false, error: new AppError('UNKNOWN_METHOD', { method: name }).toBody() });
}

export const api: Transport = {
  invoke(method, input) {
    // Checked here too so a typo in the page never crosses the process boundary.
    if (typeof method !== 'string' || !isMethod(method)) return refuse(method);
    return (ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<CallResult>).catch(
      // The main process had no handler yet or is going away: the same answer as a dead core.
      (): CallResult => ({ ok: false, error: new AppError('CORE_UNAVAILABLE').toBody() }),
    );
  },
  onEvent(listener) {
    // The page gets the message only: the IPC event object would expose `sender` and ports.
    const forward = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
