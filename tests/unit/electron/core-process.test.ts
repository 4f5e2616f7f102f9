import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { acquireDataDirLock } from '../../../src/main/core/datadir/lock';
import { findProjectRoot } from '../../../src/main/core/runtime/paths';
import { sampleDossier } from '../../support/dossier-fixture';
import { sampleAdmin, sampleOffice } from '../../support/office-fixture';
import { decodeCoreArgs, encodeCoreArgs, readFromCore, type FromCoreMessage } from '../../../src/main/electron/core-protocol';
import { startCoreProcess, type CoreProcessDeps, type ParentPortLike } from '../../../src/main/electron/core-process';
import { createPrintBridgeHost } from '../../../src/main/electron/print-bridge-host';
import type { PrintOptions, PrintRequest, PrinterDriver } from '../../../src/main/core/printing/printer-driver';
import { silentLogger } from '../../../src/main/core/logging/logger';

// The core process's message handling against a real core on a real SQLite file; only
// Electron's parent port is played by the test.

const MIGRATIONS = join(findProjectRoot(__dirname), 'migrations');

class FakeParentPort extends EventEmitter implements ParentPortLike {
  posted: FromCoreMessage[] = [];
  private waiters: (() => void)[] = [];
  postMessage(message: FromCoreMessage) {
    // Messages cross a process boundary by structured clone: what cannot be cloned fails here too.
    const copy = structuredClone(message);
    this.posted.push(copy);
    this.emit('posted', copy);
    this.waiters.splice(0).forEach((w) => w());
  }
  /** Plays the main process sending a message. */
  send(data: unknown) {
    this.emit('message', { data });
  }
  async next(match: (m: FromCoreMessage) => boolean): Promise<FromCoreMessage> {
    for (;;) {
      const found = this.posted.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

const replyTo = (id: number) => (m: FromCoreMessage) => 'id' in m && m.id === id;

let dataDir: string;
let port: FakeParentPort;
let exit: Mock<(code: number) => void>;
let stopCore: (() => void) | null;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'motcua-core-process-'));
  port = new FakeParentPort();
  exit = vi.fn<(code: number) => void>();
  stopCore = null;
});
afterEach(() => {
  stopCore?.();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(
  options = { dataDir, migrationsDir: MIGRATIONS, resourcesDir: join(findProjectRoot(), 'resources'), appVersion: '9.9.9' },
  deps: Partial<CoreProcessDeps> = {},
) {
  const started = startCoreProcess(options, port, { exit, fatalExitDelayMs: 0, ...deps });
  if (started) stopCore = () => started.core.close();
  return started;
}

/** The window's first-run setup, which also logs the window in as the admin. */
async function setUpAndLogIn() {
  port.send({ id: 900, method: 'auth.setup', input: { admin: sampleAdmin, office: sampleOffice } });
  expect(await port.next(replyTo(900))).toMatchObject({ result: { ok: true } });
}

describe('core process', () => {
  it('starts a core on the data dir and says it is ready', () => {
    expect(start()).not.toBeNull();
    expect(port.posted[0]).toEqual({ ready: { schemaVersion: expect.any(Number) } });
    expect(existsSync(join(dataDir, 'motcua.sqlite'))).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'electron-core.log'), 'utf8')).toContain('core ready');
    const lock = JSON.parse(readFileSync(join(dataDir, 'motcua.lock'), 'utf8')) as { host: string };
    expect(lock.host).toBe('electron');
  });

  it('answers each request under its id and forwards the events it causes', async () => {
    start();
    await setUpAndLogIn();
    port.send({ id: 40, method: 'catalog.search', input: { query: '1.000894', limit: 1 } });
    const procedure = ((await port.next(replyTo(40))) as { result: { value: { id: string }[] } }).result.value[0]!.id;
    const dossier = sampleDossier(procedure, { applicant: { ...sampleDossier(procedure).applicant, fullName: 'Lê Thị Thu Hà', idNumber: undefined, gender: undefined } });
    port.send({ id: 41, method: 'dossiers.receive', input: dossier });
    port.send({ id: 42, method: 'app.status', input: {} });

    const created = await port.next(replyTo(41));
    expect(created).toMatchObject({ id: 41, result: { ok: true, value: { applicantName: 'Lê Thị Thu Hà' } } });
    const id = (created as { result: { value: { id: string } } }).result.value.id;
    expect(port.posted).toContainEqual({ event: { event: 'dossiers.changed', payload: { id } } });

    const status = await port.next(replyTo(42));
    expect(status).toMatchObject({ result: { ok: true, value: { host: 'electron', appVersion: '9.9.9', dataDir } } });

    port.send({ id: 43, method: 'dossiers.get', input: { idOrCode: id } });
    expect(await port.next(replyTo(43))).toMatchObject({ result: { ok: true, value: { id, procedureName: 'Đăng ký kết hôn' } } });
  });

  it('returns the core’s error bodies: unknown method, not logged in, invalid input', async () => {
    start();
    port.send({ id: 3, method: 'dossiers.today', input: {} });
    expect(await port.next(replyTo(3))).toMatchObject({ result: { ok: false, error: { code: 'NOT_LOGGED_IN' } } });
    await setUpAndLogIn();
    port.send({ id: 1, method: 'dossiers.dropAll', input: {} });
    port.send({ id: 2, method: 'dossiers.search', input: { query: '' } });
    expect(await port.next(replyTo(1))).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    expect(await port.next(replyTo(2))).toMatchObject({ result: { ok: false, error: { code: 'VALIDATION' } } });
  });

  it('ignores malformed messages and keeps serving', async () => {
    start();
    port.send('hello');
    port.send({ id: 'x', method: 'app.status' });
    port.send({ id: 5, method: 'app.status', input: {} });
    expect(await port.next(replyTo(5))).toMatchObject({ result: { ok: true } });
    expect(port.posted.filter((m) => 'id' in m)).toHaveLength(1);
  });

  it('prints through the main process when the Electron driver is chosen: printers, progress, the PDF by path', async () => {
    // The main process's end of the bridge, on a driver that records what reaches it.
    const seen: { req: PrintRequest; pdfHead: string; options: PrintOptions }[] = [];
    const driver: PrinterDriver = {
      kind: 'electron',
      list: async () => [{ name: 'HP_LaserJet', description: 'Tầng 1', isDefault: false, state: 'idle', accepting: true, reason: null }],
      defaultPrinter: async () => null,
      print: async (req, options = {}) => {
        // The main process reads the file the core wrote: it must be there while the call runs.
        seen.push({ req, pdfHead: readFileSync(req.file).subarray(0, 5).toString(), options });
        options.onProgress?.({ jobId: 'HP_LaserJet-electron-1', state: 'processing', reason: null });
        return { jobId: 'HP_LaserJet-electron-1', state: 'completed' };
      },
    };
    const host = createPrintBridgeHost({ driver, logger: silentLogger, post: (message) => setImmediate(() => port.send(structuredClone(message))) });
    port.on('posted', (message: FromCoreMessage) => {
      const sorted = readFromCore(message);
      if (sorted?.kind === 'printerCall') host.call(sorted.message);
      if (sorted?.kind === 'printerCancel') host.cancel(sorted.message);
    });

    start(undefined, { env: { MOTCUA_PRINT_DRIVER: 'electron' }, platform: 'linux' });
    expect(readFileSync(join(dataDir, 'logs', 'electron-core.log'), 'utf8')).toMatch(/printer driver chosen.*electron/);
    await setUpAndLogIn();
    port.send({ id: 50, method: 'printing.printers', input: {} });
    expect(await port.next(replyTo(50))).toMatchObject({
      result: { ok: true, value: { driver: 'electron', printers: [{ name: 'HP_LaserJet' }], defaultPrinter: null } },
    });

    port.send({ id: 51, method: 'catalog.search', input: { query: '1.000894', limit: 1 } });
    const procedure = ((await port.next(replyTo(51))) as { result: { value: { id: string }[] } }).result.value[0]!.id;
    port.send({ id: 52, method: 'dossiers.receive', input: sampleDossier(procedure) });
    const code = ((await port.next(replyTo(52))) as { result: { value: { code: string } } }).result.value.code;
    port.send({ id: 53, method: 'printing.print', input: { target: { kind: 'dossierForm', dossier: code, form: '01' }, printer: 'HP_LaserJet' } });
    expect(await port.next(replyTo(53))).toMatchObject({ result: { ok: true, value: { printer: 'HP_LaserJet', systemJobId: 'HP_LaserJet-electron-1', state: 'completed' } } });

    expect(seen).toHaveLength(1);
    expect(seen[0]?.req).toMatchObject({ printer: 'HP_LaserJet', copies: 1, media: 'A4', title: 'Mot Cua Desk - mau 01' });
    expect(seen[0]?.pdfHead).toBe('%PDF-');
    expect(seen[0]?.options.timeoutMs).toBe(180_000);
    // The temp copy is gone once the job is over.
    expect(existsSync(seen[0]!.req.file)).toBe(false);
    expect(port.posted).toContainEqual({ event: { event: 'printing.progress', payload: expect.objectContaining({ printer: 'HP_LaserJet', state: 'processing' }) } });
  });

  it('prints with the system driver by default on Linux', () => {
    start(undefined, { env: {}, platform: 'linux' });
    expect(readFileSync(join(dataDir, 'logs', 'electron-core.log'), 'utf8')).toMatch(/printer driver chosen.*system.*cups/);
  });

  it('closes the database and releases the lock on shutdown', async () => {
    start();
    port.send({ shutdown: true });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(existsSync(join(dataDir, 'motcua.lock'))).toBe(false);
    stopCore = null;
  });

  it('reports DATA_DIR_LOCKED as fatal when another live process owns the data dir', async () => {
    const held = acquireDataDirLock(dataDir, { host: 'web' });
    expect(start()).toBeNull();
    held.release();
    const message = readFromCore(port.posted[0]);
    expect(message?.kind).toBe('fatal');
    expect(port.posted[0]).toMatchObject({ fatal: { code: 'DATA_DIR_LOCKED', message: expect.stringContaining(dataDir) } });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
  });

  it('reports DB_NEWER_THAN_APP as fatal and leaves the database untouched', () => {
    const file = join(dataDir, 'motcua.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(start()).toBeNull();
    expect(port.posted[0]).toMatchObject({ fatal: { code: 'DB_NEWER_THAN_APP' } });
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
    expect(existsSync(join(dataDir, 'motcua.lock'))).toBe(false);
  });

  it('reports an unexpected startup failure as INTERNAL with a reference that is in the log', () => {
    expect(start({ dataDir, migrationsDir: join(dataDir, 'no-such-migrations'), resourcesDir: dataDir, appVersion: '1.0.0' })).toBeNull();
    const fatal = port.posted[0] as { fatal: { code: string; message: string } };
    expect(fatal.fatal.code).toBe('INTERNAL');
    const ref = /\(mã tham chiếu ([^)]+)\)/.exec(fatal.fatal.message)?.[1];
    expect(ref).toBeTruthy();
    expect(readFileSync(join(dataDir, 'logs', 'electron-core.log'), 'utf8')).toContain(ref);
  });

  it('reports missing start options as fatal', () => {
    expect(startCoreProcess(null, port, { exit, fatalExitDelayMs: 0 })).toBeNull();
    expect(port.posted[0]).toMatchObject({ fatal: { code: 'INTERNAL' } });
  });
});

describe('core protocol', () => {
  it('carries paths with spaces and Vietnamese letters through argv intact', () => {
    const options = { dataDir: 'C:\\Users\\Nguyễn Văn A\\AppData\\Roaming\\motcua-desk', migrationsDir: '/opt/Một Cửa/migrations', resourcesDir: '/opt/Một Cửa/resources', appVersion: '1.0.0-beta.1' };
    const argv = ['/usr/lib/electron', '/app/out/main/core-process.js', ...encodeCoreArgs(options), '--inspect=0'];
    expect(decodeCoreArgs(argv)).toEqual(options);
    expect(decodeCoreArgs(argv.filter((a) => !a.startsWith('--motcua-app-version')))).toBeNull();
  });

  it('sorts messages from the core by kind', () => {
    expect(readFromCore({ id: 1, result: { ok: true, value: 1 } })?.kind).toBe('reply');
    expect(readFromCore({ event: { event: 'sync.state', payload: {} } })?.kind).toBe('event');
    expect(readFromCore({ fatal: { code: 'INTERNAL', message: 'x' } })?.kind).toBe('fatal');
    expect(readFromCore({ ready: { schemaVersion: 2 } })?.kind).toBe('ready');
    expect(readFromCore({ id: 1 })).toBeNull();
    expect(readFromCore(null)).toBeNull();
  });
});
