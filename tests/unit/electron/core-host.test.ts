import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../../src/shared/api/contract';
import type { ApiErrorBody } from '../../../src/shared/api/errors';
import { decodeCoreArgs } from '../../../src/main/electron/core-protocol';
import type { PrintOptions, PrinterDriver } from '../../../src/main/core/printing/printer-driver';
import { FakeUtilityProcess, recordingLogger } from './fakes';

const fakes = vi.hoisted(() => ({ children: [] as import('./fakes').FakeUtilityProcess[] }));

vi.mock('electron', async () => {
  const { FakeUtilityProcess } = await import('./fakes');
  return {
    utilityProcess: {
      fork: (modulePath: string, args: string[]) => {
        const child = new FakeUtilityProcess(modulePath, args);
        fakes.children.push(child);
        return child;
      },
    },
  };
});

const { startCoreHost } = await import('../../../src/main/electron/core-host');

const OPTIONS = { dataDir: '/data/Một Cửa', migrationsDir: '/app/resources/migrations', resourcesDir: '/app/resources/resources', appVersion: '1.2.3' };

function start(overrides: { callTimeoutMs?: number; stopTimeoutMs?: number; printer?: PrinterDriver | null } = {}) {
  const logger = recordingLogger();
  const fatal: ApiErrorBody[] = [];
  const host = startCoreHost({ modulePath: '/app/out/main/core-process.js', options: OPTIONS, logger, onFatal: (r) => fatal.push(r), ...overrides });
  return { host, logger, fatal, child: (i = fakes.children.length - 1) => fakes.children[i] as FakeUtilityProcess };
}

const ok = (value: unknown) => ({ ok: true as const, value });

beforeEach(() => {
  fakes.children = [];
});

describe('core host', () => {
  it('forks the core process with its options on the command line', () => {
    const { child } = start();
    expect(fakes.children).toHaveLength(1);
    expect(child().modulePath).toBe('/app/out/main/core-process.js');
    expect(decodeCoreArgs(child().args)).toEqual(OPTIONS);
  });

  it('matches replies to calls by id, whatever order they come back in', async () => {
    const { host, child } = start();
    const status = host.invoke('app.status', {});
    const list = host.invoke('dossiers.today', {});
    const statusId = child().requestFor('app.status').id;
    const listId = child().requestFor('dossiers.today').id;
    expect(statusId).not.toBe(listId);

    child().emit('message', { id: listId, result: ok(['list']) });
    child().emit('message', { id: statusId, result: ok('status') });
    await expect(list).resolves.toEqual(ok(['list']));
    await expect(status).resolves.toEqual(ok('status'));
  });

  it('fails pending calls with CORE_UNAVAILABLE when the process exits, restarts once, and logs it', async () => {
    const { host, child, logger, fatal } = start();
    const pending = host.invoke('dossiers.today', {});
    child(0).emit('exit', 139);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });

    expect(fakes.children).toHaveLength(2);
    expect(logger.entries.some((e) => e.level === 'warn' && e.message.includes('restarting') && e.fields?.code === 139)).toBe(true);
    expect(fatal).toEqual([]);

    // The new process serves calls; a straggler from the dead one is ignored.
    const next = host.invoke('app.status', {});
    const id = child(1).requestFor('app.status').id;
    child(0).emit('message', { id, result: ok('from the dead') });
    child(1).emit('message', { id, result: ok('alive') });
    await expect(next).resolves.toEqual(ok('alive'));
  });

  it('gives up after a second crash: tells the main process and answers CORE_UNAVAILABLE', async () => {
    const { host, child, fatal } = start();
    child(0).emit('exit', 1);
    child(1).emit('exit', 1);
    expect(fakes.children).toHaveLength(2);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.code).toBe('CORE_UNAVAILABLE');
    await expect(host.invoke('app.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
  });

  it('reports a startup failure from the core and does not restart it', async () => {
    const { host, child, fatal } = start();
    const pending = host.invoke('app.status', {});
    const body = { code: 'DATA_DIR_LOCKED' as const, message: 'Thư mục dữ liệu /data đang được một phiên khác …' };
    child().emit('message', { fatal: body });
    expect(fatal).toEqual([body]);
    expect(child().killed).toBe(1);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    child().emit('exit', 1);
    expect(fakes.children).toHaveLength(1);
  });

  it('times out a call the core never answers, and ignores the late answer', async () => {
    const { host, child, logger } = start({ callTimeoutMs: 20 });
    const slow = host.invoke('dossiers.today', {});
    await expect(slow).resolves.toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    child().emit('message', { id: child().requestFor('dossiers.today').id, result: ok([]) });
    expect(logger.entries.map((e) => e.message)).toEqual(expect.arrayContaining(['core call timed out', 'core reply after timeout']));
  });

  it('fans events out to every listener until they unsubscribe', () => {
    const { host, child } = start();
    const a: EventMessage[] = [];
    const b: EventMessage[] = [];
    const offA = host.onEvent((m) => a.push(m));
    host.onEvent((m) => {
      b.push(m);
      throw new Error('a broken listener must not stop the others');
    });
    const message: EventMessage = { event: 'dossiers.changed', payload: { id: 'd1' } };
    child().emit('message', { event: message });
    offA();
    child().emit('message', { event: message });
    expect(a).toEqual([message]);
    expect(b).toEqual([message, message]);
  });

  it('stops the core by asking it to shut down, without restarting it', async () => {
    const { host, child } = start();
    const pending = host.invoke('app.status', {});
    const stopped = host.stop();
    expect(child().posted.at(-1)).toEqual({ shutdown: true });
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    child().emit('exit', 0);
    await stopped;
    expect(fakes.children).toHaveLength(1);
    expect(child().killed).toBe(0);
  });

  it('kills a core that does not stop in time', async () => {
    const { host, child } = start({ stopTimeoutMs: 20 });
    await host.stop();
    expect(child().killed).toBe(1);
  });

  it("runs the core's printer calls on the Electron printer and answers that very process", async () => {
    const signals: AbortSignal[] = [];
    const printer: PrinterDriver = {
      kind: 'electron',
      list: async () => [],
      defaultPrinter: async () => 'HP',
      print: (_req, options: PrintOptions = {}) =>
        new Promise((_resolve, reject) => {
          if (options.signal) signals.push(options.signal);
          options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    const { child } = start({ printer });
    child(0).emit('message', { printerCall: { id: 1, op: 'defaultPrinter' } });
    await vi.waitFor(() => expect(child(0).posted).toContainEqual({ printerReply: { id: 1, ok: true, value: 'HP' } }));

    // A print in flight when its process dies is stopped; the restarted core starts afresh.
    child(0).emit('message', { printerCall: { id: 2, op: 'print', request: { printer: 'HP', file: '/tmp/x/01.pdf', copies: 1, media: 'A4', title: 't' } } });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    child(0).emit('exit', 139);
    expect(signals[0]?.aborted).toBe(true);
    child(1).emit('message', { printerCall: { id: 1, op: 'list' } });
    await vi.waitFor(() => expect(child(1).posted).toContainEqual({ printerReply: { id: 1, ok: true, value: [] } }));
    expect(child(0).posted.filter((m) => typeof m === 'object' && m !== null && 'printerReply' in m)).toHaveLength(1);
  });

  it('answers a printer call with an error when the app has no Electron printer', async () => {
    const { child } = start();
    child().emit('message', { printerCall: { id: 1, op: 'list' } });
    await vi.waitFor(() => expect(child().posted).toContainEqual({ printerReply: { id: 1, ok: false, error: expect.objectContaining({ code: 'PRINT_FAILED' }) } }));
  });
});
