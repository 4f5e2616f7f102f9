import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/main/core/accounts/password';
import type { Core } from '../../../src/main/core/core';
import { frozenClock, openTestCore, systemContext } from '../../support/core-fixture';
import { receiveSample } from '../../support/dossier-fixture';
import { sampleAdmin, sampleOffice } from '../../support/office-fixture';
import { makeTempDir } from '../../support/temp-dir';

const ui = { kind: 'ui' } as const;

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('Mật khẩu 1', { N: 1024 });
    const b = await hashPassword('Mật khẩu 1', { N: 1024 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Mật khẩu 1', a)).toBe(true);
    // The same password typed decomposed (another input method) still matches.
    expect(await verifyPassword('Mật khẩu 1'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('Mật khẩu 2', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe('accounts and the window session', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const clock = frozenClock('2026-11-23T02:00:00Z');
  const call = (m: string, input: unknown = {}, ctx: Parameters<Core['dispatch']>[2] = ui) => core.dispatch(m, input, ctx);

  beforeEach(() => {
    temp = makeTempDir();
    clock.set('2026-11-23T02:00:00Z');
    core = openTestCore(temp.dir, { clock });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('starts needing setup; nothing but public calls work before it', async () => {
    expect(await call('auth.state')).toEqual({ ok: true, value: { needsSetup: true, session: null, locked: false } });
    expect(await call('dossiers.today')).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('first-run setup creates the admin and the office profile together, and logs in', async () => {
    const r = await call('auth.setup', { admin: sampleAdmin, office: sampleOffice });
    expect(r).toMatchObject({ ok: true, value: { user: { username: 'quantri', role: 'admin' }, mustChangePassword: false } });
    expect(await call('office.get')).toEqual({ ok: true, value: sampleOffice });
    expect(await call('auth.setup', { admin: { ...sampleAdmin, username: 'khac' }, office: sampleOffice })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_SET_UP' },
    });
    const db = new Database(core.databaseFile, { readonly: true });
    const hash = db.prepare('SELECT password_hash FROM users').pluck().get() as string;
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(hash).not.toContain(sampleAdmin.password);
    db.close();
  });

  it('validates the office profile: unit code, lookup URL, counter numbers, hours', async () => {
    const bad = { ...sampleOffice, unitCode: 'H56', lookupUrlPattern: 'javascript:alert(1)', counterNumber: 3, countersInUnit: 2 };
    const r = await call('auth.setup', { admin: sampleAdmin, office: bad });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/000\.00\.06\.H56/);
    expect(!r.ok && r.error.message).toMatch(/\{code\}/);
    expect(!r.ok && r.error.message).toMatch(/số quầy/);
  });

  it('refuses weak passwords and bad usernames at setup', async () => {
    const r = await call('auth.setup', { admin: { ...sampleAdmin, username: 'Quản trị', password: 'short' }, office: sampleOffice });
    expect(!r.ok && r.error.message).toMatch(/chữ không dấu/);
    expect(!r.ok && r.error.message).toMatch(/ít nhất 8 ký tự/);
  });

  describe('after setup', () => {
    beforeEach(async () => {
      await call('auth.setup', { admin: sampleAdmin, office: sampleOffice });
      await call('users.create', { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'clerk', password: 'tamthoi123' });
      await call('auth.logout');
    });

    it('logs in by name (any case) and attributes actions to the user', async () => {
      const r = await call('auth.login', { username: 'LAN.NT', password: 'tamthoi123' });
      expect(r).toMatchObject({ ok: true, value: { user: { username: 'lan.nt', role: 'clerk' }, mustChangePassword: true } });
      await receiveSample(core, ui);
      const db = new Database(core.databaseFile, { readonly: true });
      expect(db.prepare("SELECT actor FROM audit_log WHERE action = 'dossier.receive'").pluck().get()).toBe('lan.nt');
      db.close();
    });

    it('gives the same message for a wrong name and a wrong password, and locks out after 5 failures', async () => {
      const wrongName = await call('auth.login', { username: 'khongco', password: 'tamthoi123' });
      const wrongPass = await call('auth.login', { username: 'lan.nt', password: 'sai' });
      expect(!wrongName.ok && wrongName.error.message).toBe(!wrongPass.ok && wrongPass.error.message);
      for (let i = 0; i < 4; i++) await call('auth.login', { username: 'lan.nt', password: 'sai' });
      expect(await call('auth.login', { username: 'lan.nt', password: 'tamthoi123' })).toMatchObject({
        ok: false,
        error: { code: 'ACCOUNT_LOCKED_OUT' },
      });
      // The admin's reset lifts the lock-out and forces a new password.
      await call('auth.login', { username: 'quantri', password: sampleAdmin.password });
      const users = await call('users.list');
      const lan = (users.ok ? (users.value as { id: string; username: string }[]) : []).find((u) => u.username === 'lan.nt')!;
      expect(await call('users.resetPassword', { id: lan.id, temporaryPassword: 'moi123456' })).toMatchObject({ ok: true });
      await call('auth.logout');
      expect(await call('auth.login', { username: 'lan.nt', password: 'moi123456' })).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    });

    it('keeps clerks out of admin calls', async () => {
      await call('auth.login', { username: 'lan.nt', password: 'tamthoi123' });
      expect(await call('users.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('quản trị viên') } });
      expect(await call('office.update', sampleOffice)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('changes a password only with the current one', async () => {
      await call('auth.login', { username: 'lan.nt', password: 'tamthoi123' });
      expect(await call('auth.changePassword', { currentPassword: 'sai', newPassword: 'moi123456' })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_CURRENT_PASSWORD' },
      });
      expect(await call('auth.changePassword', { currentPassword: 'tamthoi123', newPassword: 'moi123456' })).toMatchObject({ ok: true });
      expect(await call('auth.state')).toMatchObject({ ok: true, value: { session: { mustChangePassword: false } } });
    });

    it('locks after the configured idle time and unlocks with the password', async () => {
      await call('auth.login', { username: 'lan.nt', password: 'tamthoi123' });
      clock.set('2026-11-23T02:14:00Z');
      expect(await call('dossiers.today')).toMatchObject({ ok: true });
      clock.set('2026-11-23T02:29:30Z'); // 15.5 minutes after the last call
      expect(await call('dossiers.today')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
      expect(await call('auth.state')).toMatchObject({ ok: true, value: { locked: true, session: { user: { username: 'lan.nt' } } } });
      expect(await call('auth.unlock', { password: 'sai' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
      expect(await call('auth.unlock', { password: 'tamthoi123' })).toMatchObject({ ok: true });
      expect(await call('dossiers.today')).toMatchObject({ ok: true });
    });

    it('locks at once when the window asks (idle timer in the UI)', async () => {
      await call('auth.login', { username: 'lan.nt', password: 'tamthoi123' });
      await call('auth.lock');
      expect(await call('dossiers.today')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    });

    it('will not demote or disable the last admin', async () => {
      const admin = (await call('users.list', {}, systemContext())) as { ok: true; value: { id: string; role: string }[] };
      const id = admin.value.find((u) => u.role === 'admin')!.id;
      expect(await call('users.update', { id, role: 'clerk' }, systemContext())).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
      expect(await call('users.update', { id, active: false }, systemContext())).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    });

    it('refuses a duplicate username', async () => {
      const r = await call('users.create', { username: 'lan.nt', fullName: 'Khác', role: 'clerk', password: 'abc12345' }, systemContext());
      expect(r).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
    });
  });
});
