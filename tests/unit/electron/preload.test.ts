import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { EventMessage } from '../../../src/shared/api/contract';
import type { CallResult, Transport } from '../../../src/shared/api/transport';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: null as unknown as Mock<(...args: unknown[]) => Promise<unknown>>,
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', async () => {
  const { vi } = await import('vitest');
  electron.invoke = vi.fn<(...args: unknown[]) => Promise<unknown>>();
  return {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => electron.invoke(...args),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!electron.listeners.has(channel)) electron.listeners.set(channel, new Set());
        electron.listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => electron.listeners.get(channel)?.delete(listener),
    },
  };
});

await import('../../../src/preload/index');
const api = electron.exposed.get('api') as Transport;

beforeEach(() => {
  electron.invoke.mockReset();
});

describe('preload', () => {
  it('exposes window.api with exactly invoke and onEvent, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('sends a contract call over the one invoke channel', async () => {
    const answer: CallResult = { ok: true, value: { id: 'x' } };
    electron.invoke.mockResolvedValue(answer);
    const input = { applicantName: 'Trần Văn Bình', procedureName: 'Chứng thực bản sao' };
    await expect(api.invoke('dossiers.receive', input)).resolves.toBe(answer);
    expect(electron.invoke).toHaveBeenCalledWith('motcua:invoke', 'dossiers.receive', input);
  });

  it('refuses unknown methods and non-strings without sending anything', async () => {
    for (const method of ['dossiers.dropAll', 'hasOwnProperty', 7, null]) {
      const result = await api.invoke(method as string, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_METHOD');
    }
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('answers CORE_UNAVAILABLE when the main process rejects', async () => {
    electron.invoke.mockRejectedValue(new Error("No handler registered for 'motcua:invoke'"));
    const result = await api.invoke('app.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
  });

  it('passes events to the page without the IPC event object, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onEvent((...args: unknown[]) => received.push(args));
    const channel = electron.listeners.get('motcua:event');
    expect(channel?.size).toBe(1);
    const message: EventMessage = { event: 'dossiers.changed', payload: { id: 'd1' } };
    const ipcEvent = { sender: { send: () => {} }, ports: [] };
    channel?.forEach((l) => l(ipcEvent, message));
    expect(received).toEqual([[message]]);

    unsubscribe();
    expect(channel?.size).toBe(0);
  });
});
