import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../../src/shared/api/contract';
import type { CallResult } from '../../../src/shared/api/transport';
import { appPage } from '../../../src/main/electron/app-page';
import { FakeWebContents, recordingLogger } from './fakes';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { startIpcRelay } = await import('../../../src/main/electron/ipc-relay');

const INDEX = '/opt/motcua-desk/resources/app.asar/out/renderer/index.html';
const page = appPage({ rendererIndexHtml: INDEX, platform: 'linux' });
const APP_URL = `${pathToFileURL(INDEX).href}#/`;

function fakeCore() {
  const listeners = new Set<(m: EventMessage) => void>();
  const answer: CallResult = { ok: true, value: [] };
  return {
    invoke: vi.fn(async (_method: string, _input: unknown) => answer),
    onEvent: (listener: (m: EventMessage) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (m: EventMessage) => listeners.forEach((l) => l(m)),
    answer,
  };
}

function fromFrame(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent } };
}

function setup() {
  const core = fakeCore();
  const contents = new FakeWebContents();
  contents.url = APP_URL;
  const logger = recordingLogger();
  const stop = startIpcRelay({ core, isAppUrl: page.isAppUrl, target: () => contents as never, logger });
  const handler = electron.handlers.get('motcua:invoke');
  if (!handler) throw new Error('no invoke handler registered');
  return { core, contents, logger, stop, call: (event: unknown, method: unknown, input?: unknown) => handler(event, method, input) };
}

beforeEach(() => electron.handlers.clear());

describe('IPC relay', () => {
  it('relays a contract call from our page to the core and returns its result', async () => {
    const { core, call } = setup();
    const result = await call(fromFrame(APP_URL), 'dossiers.today', {});
    expect(core.invoke).toHaveBeenCalledWith('dossiers.today', {});
    expect(result).toBe(core.answer);
  });

  it('refuses a call from a frame that is not our page', async () => {
    const { core, call, logger } = setup();
    for (const event of [
      fromFrame('https://evil.example/'),
      fromFrame(pathToFileURL('/tmp/evil/index.html').href),
      fromFrame(APP_URL, { url: 'https://evil.example/' }), // our page inside someone's frame
      { senderFrame: null }, // the frame is gone
      {
        get senderFrame(): never {
          throw new Error('Render frame was disposed');
        },
      },
    ]) {
      const result = (await call(event, 'dossiers.today', {})) as CallResult;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNAUTHORIZED');
    }
    expect(core.invoke).not.toHaveBeenCalled();
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(5);
  });

  it('refuses a method that is not in the contract', async () => {
    const { core, call } = setup();
    for (const method of ['dossiers.dropAll', 'constructor', '__proto__', 42, undefined, { toString: () => 'app.status' }]) {
      const result = (await call(fromFrame(APP_URL), method, {})) as CallResult;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_METHOD');
    }
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('sends core events to our page only', () => {
    const { core, contents } = setup();
    const message: EventMessage = { event: 'dossiers.changed', payload: { id: 'd1' } };
    core.emit(message);
    expect(contents.sent).toEqual([{ channel: 'motcua:event', message }]);

    contents.url = 'https://evil.example/';
    core.emit(message);
    contents.url = APP_URL;
    contents.destroyed = true;
    core.emit(message);
    expect(contents.sent).toHaveLength(1);
  });

  it('can be removed and installed again', async () => {
    const { stop, core, contents } = setup();
    stop();
    expect(electron.handlers.has('motcua:invoke')).toBe(false);
    core.emit({ event: 'dossiers.changed', payload: { id: 'd1' } });
    expect(contents.sent).toHaveLength(0);
    expect(() => setup()).not.toThrow();
  });
});
