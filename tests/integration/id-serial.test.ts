import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, EventName } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core/core';
import { frozenClock, openTestCore, systemContext } from '../support/core-fixture';
import { makeTempDir } from '../support/temp-dir';
import { CARD, CARDS } from '../unit/identity/fixtures';
import { simulateIme } from '../unit/identity/ime-sim';
import { PtyPair } from '../support/pty-pair';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects the core's events; `next` waits for the next one matching. */
function eventLog(core: Core) {
  const seen: EventMessage[] = [];
  let cursor = 0;
  const waiters: (() => void)[] = [];
  const unsubscribe = core.events.subscribe((m) => {
    seen.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    seen,
    unsubscribe,
    /** Skips events that do not match; rejects after `ms`. */
    async next<E extends EventName>(event: E, ms = 5000, match: (m: EventMessage<E>) => boolean = () => true): Promise<EventMessage<E>> {
      const deadline = Date.now() + ms;
      for (;;) {
        while (cursor < seen.length) {
          const m = seen[cursor++]!;
          if (m.event === event && match(m as EventMessage<E>)) return m as EventMessage<E>;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${event} event within ${ms} ms; saw ${JSON.stringify(seen.slice(-5))}`);
        await Promise.race([new Promise<void>((r) => waiters.push(r)), sleep(left)]);
      }
    },
    /** No event of this kind arrives within `ms`. */
    async none(event: string, ms: number) {
      const before = seen.filter((m) => m.event === event).length;
      await sleep(ms);
      return seen.filter((m) => m.event === event).length === before;
    },
  };
}

describe('ID card scanner on a serial port (real pseudo-terminals)', () => {
  if (spawnSync('sh', ['-c', 'command -v socat']).status !== 0) {
    it('needs socat', () => {
      throw new Error('socat is not installed: apt-get install -y socat (.ci/run installs it)');
    });
    return;
  }

  const temp = makeTempDir('motcua-serial-');
  const pty = new PtyPair(temp.dir);
  let core: Core;
  let events: ReturnType<typeof eventLog>;
  const clerk = systemContext('clerk');

  beforeAll(async () => {
    await pty.start();
    core = openTestCore(join(temp.dir, 'data'), { clock: frozenClock('2026-03-01T03:00:00Z') });
    events = eventLog(core);
  });
  afterAll(async () => {
    await core?.dispatch('identity.serialStop', {}, clerk);
    events?.unsubscribe();
    core?.close();
    await pty.unplug();
    temp.cleanup();
  });

  it('starts listening on the port at 9600 baud by default', async () => {
    const r = await core.dispatch('identity.serialStart', { path: pty.app }, clerk);
    expect(r).toEqual({
      ok: true,
      value: { state: 'listening', path: pty.app, baudRate: 9600, message: expect.stringContaining(pty.app) },
    });
    expect((await events.next('identity.scannerState')).payload).toMatchObject({ state: 'listening', path: pty.app });
  });

  it('a QR line (CRLF) arrives as an identity.scanned event with the parsed fields', async () => {
    pty.write(`${CARD.qr}\r\n`);
    const m = await events.next('identity.scanned');
    expect(m.payload).toEqual({
      source: 'serial',
      path: pty.app,
      at: '2026-03-01T03:00:00.000Z',
      result: { ok: true, record: CARD.record, warnings: [] },
    });
  });

  it('reassembles a line sent in pieces that split a Vietnamese letter; LF and CR end lines too', async () => {
    const bytes = Buffer.from(`${CARDS[3]!.qr}\n`, 'utf8');
    const cut = bytes.indexOf(Buffer.from('ồ', 'utf8')) + 1;
    pty.write(bytes.subarray(0, cut));
    await sleep(30);
    pty.write(bytes.subarray(cut, cut + 1));
    await sleep(30);
    pty.write(bytes.subarray(cut + 1));
    expect((await events.next('identity.scanned')).payload.result).toEqual({ ok: true, record: CARDS[3]!.record, warnings: [] });

    pty.write(`${CARDS[1]!.qr}\r${CARDS[2]!.qr}\r`);
    expect((await events.next('identity.scanned')).payload.result).toMatchObject({ ok: true, record: CARDS[1]!.record });
    expect((await events.next('identity.scanned')).payload.result).toMatchObject({ ok: true, record: CARDS[2]!.record });
  });

  it('a garbled line gives errors, never data', async () => {
    pty.write(`${simulateIme(CARD.qr, 'vni')}\r\n`);
    expect((await events.next('identity.scanned')).payload.result).toMatchObject({ ok: false, errors: [{ code: 'IME_GARBLED' }] });

    pty.write("001099012345||<script>alert(1)</script>|15081999|Nam|'; DROP TABLE x;--|20042021\r\n");
    const junk = (await events.next('identity.scanned')).payload.result;
    expect(junk.ok).toBe(false);
    expect(JSON.stringify(junk)).not.toMatch(/script|DROP/);

    pty.write(Buffer.concat([Buffer.from(CARD.qr.replace('Nguyễn', 'Nguyen').replace('Văn', 'V\u00e2n'), 'latin1'), Buffer.from('\r\n')]));
    expect((await events.next('identity.scanned')).payload.result).toMatchObject({ ok: false, errors: [{ code: 'QR_ENCODING' }] });

    pty.write('\u0000\u0000\u0007\r\n');
    expect((await events.next('identity.scanned')).payload.result).toMatchObject({ ok: false, errors: [{ code: 'QR_CONTROL' }] });
  });

  it('a scanner set up without a line ending: the line is taken after a short silence', async () => {
    pty.write(CARDS[4]!.qr);
    const m = await events.next('identity.scanned', 3000);
    expect(m.payload.result).toEqual({ ok: true, record: CARDS[4]!.record, warnings: [] });
  });

  it('pulling the cable gives a clear disconnected event, no crash; plugging it back resumes', async () => {
    await pty.unplug();
    const lost = await events.next('identity.scannerState', 5000, (m) => m.payload.state === 'disconnected');
    expect(lost.payload).toEqual({
      state: 'disconnected',
      path: pty.app,
      baudRate: 9600,
      message: expect.stringContaining('Mất kết nối với máy quét'),
    });
    expect(existsSync(pty.app)).toBe(false);
    // The core carries on.
    expect(await core.dispatch('identity.serialStatus', {}, clerk)).toMatchObject({ ok: true, value: { state: 'disconnected' } });
    expect(await core.dispatch('identity.parse', { text: CARD.qr }, clerk)).toMatchObject({ ok: true, value: { ok: true } });

    await pty.start();
    const back = await events.next('identity.scannerState', 8000, (m) => m.payload.state === 'listening');
    expect(back.payload).toMatchObject({ state: 'listening', path: pty.app });
    await sleep(100);
    pty.write(`${CARD.qr}\r\n`);
    expect((await events.next('identity.scanned')).payload.result).toMatchObject({ ok: true, record: CARD.record });
  }, 20_000);

  it('stop closes the port; nothing more arrives', async () => {
    const r = await core.dispatch('identity.serialStop', {}, clerk);
    expect(r).toMatchObject({ ok: true, value: { state: 'stopped', path: null } });
    expect((await events.next('identity.scannerState')).payload).toMatchObject({ state: 'stopped' });
    pty.write(`${CARD.qr}\r\n`);
    expect(await events.none('identity.scanned', 500)).toBe(true);
  });
});
