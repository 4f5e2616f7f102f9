import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isMethod, type EventMessage } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { CallResult, Transport } from '../../shared/api/transport';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/api/ipc-channels';
import type { Logger } from '../core/logging/logger';

// The preload's window.api ends here. Generic on purpose: it checks who is calling and that
// the method is in the contract, then hands the call on; input validation is the core's
// dispatcher's job. Adding a call to the contract never touches this file.

export interface IpcRelayOptions {
  core: Transport;
  isAppUrl(url: string): boolean;
  /** The window's webContents that events go to; null while there is none. */
  target(): WebContents | null;
  logger: Logger;
}

/** True only for the top frame of our own page. */
export function senderIsAppPage(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    // CSP already forbids frames; checking the top frame keeps this true without relying on it.
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false; // the frame went away while the call was in flight
  }
}

export function relayCall(
  opts: Pick<IpcRelayOptions, 'core' | 'isAppUrl' | 'logger'>,
  event: IpcMainInvokeEvent,
  method: unknown,
  input: unknown,
): Promise<CallResult> {
  if (!senderIsAppPage(event, opts.isAppUrl)) {
    opts.logger.warn('ipc call refused: sender is not the app page');
    return Promise.resolve({ ok: false, error: new AppError('UNAUTHORIZED').toBody() });
  }
  if (typeof method !== 'string' || !isMethod(method)) {
    const name = typeof method === 'string' ? method.slice(0, 80) : typeof method;
    opts.logger.warn('ipc call refused: unknown method', { method: name });
    return Promise.resolve({ ok: false, error: new AppError('UNKNOWN_METHOD', { method: name }).toBody() });
  }
  return opts.core.invoke(method, input);
}

/** Installs the call handler and the event forwarding; returns a function that removes both. */
export function startIpcRelay(opts: IpcRelayOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => relayCall(opts, event, method, input));
  const unsubscribe = opts.core.onEvent((message: EventMessage) => {
    const contents = opts.target();
    // Events carry dossier ids; they go only to our page, never to whatever else is loaded.
    if (!contents || contents.isDestroyed() || !opts.isAppUrl(contents.getURL())) return;
    contents.send(EVENT_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
