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
    'dossiers.search': () => ({ kind: 'name', results: [] }),
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
    const r = await dispatch('dossiers.search', { query: '   ' }, ctx);
    expect(r).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Thông tin chưa hợp lệ: Nội dung tìm kiếm: bắt buộc nhập. Hãy sửa rồi lưu lại.' },
    });
  });

  it('refuses unknown extra fields and wrong types', async () => {
    expect((await dispatch('dossiers.search', { query: 'A', admin: true }, ctx)).ok).toBe(false);
    expect((await dispatch('dossiers.search', { query: 42 }, ctx)).ok).toBe(false);
    expect((await dispatch('dossiers.search', null, ctx)).ok).toBe(false);
  });

  it('passes normalised input to the handler: NFC, folded spaces', async () => {
    const seen: unknown[] = [];
    const d = createDispatcher(
      handlers({ 'dossiers.search': (input) => (seen.push(input), { kind: 'name', results: [] }) }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323 '; // "Nguyễn Thị" typed as base letters + combining marks
    const r = await d('dossiers.search', { query: decomposed }, ctx);
    expect(r.ok).toBe(true);
    expect(seen[0]).toEqual({ query: 'Nguyễn Thị', limit: 50 });
    expect((seen[0] as { query: string }).query).toBe('Nguyễn Thị'.normalize('NFC'));
  });

  it('refuses control characters and over-long text', async () => {
    expect(await dispatch('dossiers.search', { query: 'A\u0000B' }, ctx)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('ký tự điều khiển') },
    });
    expect(await dispatch('dossiers.search', { query: 'A'.repeat(201) }, ctx)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('dài quá 200 ký tự') },
    });
  });

  it('passes an AppError through as its code and message', async () => {
    const d = createDispatcher(
      handlers({ 'dossiers.search': () => { throw new AppError('DATA_DIR_LOCKED', { dataDir: '/x', pid: 7 }); } }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    expect(await d('dossiers.search', { query: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'DATA_DIR_LOCKED' } });
  });

  it('turns an unexpected failure into INTERNAL with a reference, and logs the cause', async () => {
    logger.error.mockClear();
    const d = createDispatcher(
      handlers({ 'dossiers.search': () => { throw new TypeError('boom'); } }),
      { logger, newRef: () => 'REF123', resolvePrincipal },
    );
    const r = await d('dossiers.search', { query: 'x' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('REF123') } });
    expect(logger.error).toHaveBeenCalledWith('call failed', expect.objectContaining({ ref: 'REF123', method: 'dossiers.search' }));
  });

  it('reports a full disk as DISK_FULL, saying the typed data is still there', async () => {
    const d = createDispatcher(
      handlers({ 'dossiers.search': () => { throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }); } }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    const r = await d('dossiers.search', { query: 'A' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringContaining('Ổ đĩa đã đầy') } });
  });

  it('checks the handler output against the contract', async () => {
    const d = createDispatcher(
      handlers({ 'dossiers.search': () => ({ kind: 'name', results: [{ id: 1 }] }) as never }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    expect(await d('dossiers.search', { query: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a non-public call from the window when nobody is logged in, but answers public ones', async () => {
    const ui = { kind: 'ui' } as const;
    expect(await dispatch('dossiers.search', { query: 'x' }, ui)).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(await dispatch('app.status', {}, ui)).toMatchObject({ ok: true });
  });

  it('passes the caller to the handler', async () => {
    let seen: unknown = null;
    const d = createDispatcher(
      handlers({ 'dossiers.search': (_input, c) => ((seen = c.principal), { kind: 'name', results: [] }) }),
      { logger, newRef: () => 'R', resolvePrincipal },
    );
    await d('dossiers.search', { query: 'x' }, systemContext('supervisor', 'lan'));
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
    expect(await d('dossiers.search', { query: 'x' }, { kind: 'ui' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});
