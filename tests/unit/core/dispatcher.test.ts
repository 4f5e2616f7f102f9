import { describe, expect, it, vi as vitestVi } from 'vitest';
import { createDispatcher, type Handlers, type PrincipalResolver } from '../../../src/main/core/dispatcher';
import { systemContext } from '../../support/core-fixture';
import { AppError } from '../../../src/shared/api/errors';

const ctx = systemContext('clerk');
const resolvePrincipal: PrincipalResolver = (c) => (c.kind === 'system' ? c.principal : null);
const logger = { log: vitestVi.fn(), info: vitestVi.fn(), warn: vitestVi.fn(), error: vitestVi.fn() };

// Only the calls these tests make; the dispatcher never touches the others.
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return <Handlers>{
    'app.status': () => ({
      appVersion: '1',
      host: 'cli',
      dataDir: '/d',
      databaseFile: '/d/x',
      schemaVersion: 2,
      sync: { state: 'not-configured', pending: 0, offlineSince: null },
    }),
    'dossiers.create': (input) => ({ id: 'x', ...input, receivedAt: '2026-11-22T01:00:00.000Z' }),
    'dossiers.listToday': () => [],
    ...overrides,
  };
}

describe('dispatcher', () => {
  const dispatch = createDispatcher(handlers(), { logger, newRef: () => 'REF123', resolvePrincipal });

  it('refuses a method that is not in the contract', async () => {
    const r = await dispatch('dossiers.drop', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining('dossiers.drop') } });
  });

  it('refuses prototype tricks as method names', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const r = await dispatch(name, {}, ctx);
      expect(r.ok).toBe(false);
    }
  });

  it('validates input and names the field in Vietnamese', async () => {
    const r = await dispatch('dossiers.create', { applicantName: '   ', procedureName: 'Đăng ký khai sinh' }, ctx);
    expect(r).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Thông tin chưa hợp lệ: Họ tên người nộp: bắt buộc nhập. Hãy sửa rồi lưu lại.' },
    });
  });

  it('refuses unknown extra fields and wrong types', async () => {
    expect((await dispatch('dossiers.create', { applicantName: 'A', procedureName: 'B', admin: true }, ctx)).ok).toBe(false);
    expect((await dispatch('dossiers.create', { applicantName: 42, procedureName: 'B' }, ctx)).ok).toBe(false);
    expect((await dispatch('dossiers.create', null, ctx)).ok).toBe(false);
  });

  it('passes normalised input to the handler: NFC, folded spaces', async () => {
    const seen: unknown[] = [];
    const d = createDispatcher(
      handlers({ 'dossiers.create': (input) => (seen.push(input), { id: 'x', ...input, receivedAt: '2026-11-22T01:00:00.000Z' }) }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323 '; // "Nguyễn Thị" typed as base letters + combining marks
    const r = await d('dossiers.create', { applicantName: decomposed, procedureName: ' Đăng ký ' }, ctx);
    expect(r.ok).toBe(true);
    expect(seen[0]).toEqual({ applicantName: 'Nguyễn Thị', procedureName: 'Đăng ký' });
    expect((seen[0] as { applicantName: string }).applicantName).toBe('Nguyễn Thị'.normalize('NFC'));
  });

  it('refuses control characters and over-long text', async () => {
    expect(await dispatch('dossiers.create', { applicantName: 'A\u0000B', procedureName: 'x' }, ctx)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('ký tự điều khiển') },
    });
    expect(await dispatch('dossiers.create', { applicantName: 'A'.repeat(201), procedureName: 'x' }, ctx)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('dài quá 200 ký tự') },
    });
  });

  it('passes an AppError through as its code and message', async () => {
    const d = createDispatcher(
      handlers({ 'dossiers.listToday': () => { throw new AppError('DATA_DIR_LOCKED', { dataDir: '/x', pid: 7 }); } }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    expect(await d('dossiers.listToday', {}, ctx)).toMatchObject({ ok: false, error: { code: 'DATA_DIR_LOCKED' } });
  });

  it('turns an unexpected failure into INTERNAL with a reference, and logs the cause', async () => {
    logger.error.mockClear();
    const d = createDispatcher(
      handlers({ 'dossiers.listToday': () => { throw new TypeError('boom'); } }),
      { logger, newRef: () => 'REF123', resolvePrincipal },
    );
    const r = await d('dossiers.listToday', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('REF123') } });
    expect(logger.error).toHaveBeenCalledWith('call failed', expect.objectContaining({ ref: 'REF123', method: 'dossiers.listToday' }));
  });

  it('reports a full disk as DISK_FULL, saying the typed data is still there', async () => {
    const d = createDispatcher(
      handlers({ 'dossiers.create': () => { throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }); } }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    const r = await d('dossiers.create', { applicantName: 'A', procedureName: 'B' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringContaining('Ổ đĩa đã đầy') } });
  });

  it('checks the handler output against the contract', async () => {
    const d = createDispatcher(
      handlers({ 'dossiers.listToday': () => [{ id: 1 }] as never }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    expect(await d('dossiers.listToday', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a non-public call from the window when nobody is logged in, but answers public ones', async () => {
    const ui = { kind: 'ui' } as const;
    expect(await dispatch('dossiers.listToday', {}, ui)).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(await dispatch('app.status', {}, ui)).toMatchObject({ ok: true });
  });

  it('passes the caller to the handler', async () => {
    let seen: unknown = null;
    const d = createDispatcher(
      handlers({ 'dossiers.listToday': (_input, c) => ((seen = c.principal), []) }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    await d('dossiers.listToday', {}, systemContext('supervisor', 'lan'));
    expect(seen).toEqual({ userId: 'u-lan', username: 'lan', fullName: 'lan', role: 'supervisor' });
  });

  it('reports a locked session instead of running the call', async () => {
    const d = createDispatcher(handlers(), {
      logger,
      newRef: () => 'R',
      resolvePrincipal: () => {
        throw new AppError('SESSION_LOCKED');
      },
    });
    expect(await d('dossiers.listToday', {}, { kind: 'ui' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});
