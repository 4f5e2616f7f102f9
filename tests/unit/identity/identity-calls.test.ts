import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import { frozenClock, openTestCore, systemContext } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { CARD } from './fixtures';
import { simulateIme } from './ime-sim';

describe('identity calls through the dispatcher', () => {
  const temp = makeTempDir();
  let core: Core;
  beforeAll(() => {
    core = openTestCore(temp.dir, { clock: frozenClock('2026-03-01T03:00:00Z') });
  });
  afterAll(() => {
    core.close();
    temp.cleanup();
  });
  const clerk = systemContext('clerk');

  it('identity.parse reads pasted or wedge-scanned text', async () => {
    const r = await core.dispatch('identity.parse', { text: `${CARD.qr}\r\n` }, clerk);
    expect(r).toEqual({ ok: true, value: { ok: true, record: CARD.record, warnings: [] } });
  });

  it('identity.parse explains garbled or junk text as a value, not as a failed call', async () => {
    const g = await core.dispatch('identity.parse', { text: simulateIme(CARD.qr, 'vni') }, clerk);
    expect(g).toMatchObject({ ok: true, value: { ok: false, errors: [{ code: 'IME_GARBLED' }] } });
    const junk = await core.dispatch('identity.parse', { text: "<script>'; DROP TABLE x;--</script>\u0000" }, clerk);
    expect(junk).toMatchObject({ ok: true, value: { ok: false, errors: [{ code: 'QR_CONTROL' }] } });
    const edits = await core.dispatch('identity.parse', { text: CARD.qr, editKeys: 2 }, clerk);
    expect(edits).toMatchObject({ ok: true, value: { ok: false, errors: [{ code: 'IME_GARBLED' }] } });
  });

  it('identity.parse uses the core clock for "not in the future"', async () => {
    const text = CARD.qr.replace('20042021', '01042026');
    const r = await core.dispatch('identity.parse', { text }, clerk);
    expect(r).toMatchObject({ ok: true, value: { ok: false, errors: [{ field: 'issueDate', code: 'QR_DATE_FUTURE' }] } });
  });

  it('refuses a wrong input shape with a Vietnamese validation error', async () => {
    expect(await core.dispatch('identity.parse', { text: 42 }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.dispatch('identity.parse', { text: 'x'.repeat(100_001) }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.dispatch('identity.serialStart', { path: '/dev/x', baudRate: 12345 }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('needs a logged-in user', async () => {
    expect(await core.dispatch('identity.parse', { text: CARD.qr }, { kind: 'ui' })).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('serial: lists ports, says clearly when a port does not exist, reports its state', async () => {
    const ports = await core.dispatch('identity.serialPorts', {}, clerk);
    expect(ports.ok && Array.isArray(ports.value)).toBe(true);
    const missing = await core.dispatch('identity.serialStart', { path: '/dev/ttyNOPE0' }, clerk);
    expect(missing).toMatchObject({ ok: false, error: { code: 'SERIAL_NOT_FOUND', message: expect.stringContaining('/dev/ttyNOPE0') } });
    expect(await core.dispatch('identity.serialStatus', {}, clerk)).toEqual({ ok: true, value: { state: 'stopped', path: null, baudRate: null, message: null } });
    expect(await core.dispatch('identity.serialStop', {}, clerk)).toMatchObject({ ok: true, value: { state: 'stopped' } });
  });
});
