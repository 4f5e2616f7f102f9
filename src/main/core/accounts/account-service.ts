import { count, eq } from 'drizzle-orm';
import type { OfficeProfile } from '../../../shared/api/calls/office';
import type { Session, SessionState, UserView } from '../../../shared/api/calls/accounts';
import { AppError } from '../../../shared/api/errors';
import type { Principal, Role } from '../../../shared/api/principal';
import type { Clock, IdSource } from '../config';
import { users } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { CallContext } from '../dispatcher';
import type { OfficeService } from '../office/office-service';
import { hashPassword, verifyPassword } from './password';

type UserRow = typeof users.$inferSelect;

const MAX_FAILED_LOGINS = 5;

function view(u: UserRow): UserView {
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role, active: u.active, mustChangePassword: u.mustChangePassword };
}

function principalOf(u: UserRow): Principal {
  return { userId: u.id, username: u.username, fullName: u.fullName, role: u.role };
}

/**
 * Local accounts and the window's login session. The desktop app (and browser mode) has one
 * window, so the core holds one UI session: who is logged in, when they last did something,
 * and whether the screen is locked. Idle time is enforced here as well as in the UI, so a
 * call made after the idle limit is refused even if the window never sent its lock.
 */
export function createAccountService(deps: { db: Db; commit: UnitOfWork; clock: Clock; ids: IdSource; office: OfficeService }) {
  const { db, commit, clock, ids, office } = deps;
  let current: { userId: string; lastActivity: number; locked: boolean } | null = null;

  const idleLimitMs = () => (office.get()?.idleLockMinutes ?? 15) * 60_000;
  const byId = (id: string) => db.select().from(users).where(eq(users.id, id)).get();
  const byName = (username: string) => db.select().from(users).where(eq(users.username, username.toLowerCase())).get();
  const needsSetup = () => (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;

  const sessionFor = (u: UserRow): Session => ({
    user: principalOf(u),
    mustChangePassword: u.mustChangePassword,
    idleLockMinutes: office.get()?.idleLockMinutes ?? 15,
  });

  const audit = (actor: string, action: string, entityId: string, details?: unknown) =>
    commit(
      () => undefined,
      () => ({ actor, action, entity: 'user', entityId, syncPayload: null, details }),
    );

  const startSession = (u: UserRow): Session => {
    current = { userId: u.id, lastActivity: clock.now().getTime(), locked: false };
    return sessionFor(u);
  };

  return {
    state(): SessionState {
      const u = current ? byId(current.userId) : undefined;
      const locked = !!current && (current.locked || clock.now().getTime() - current.lastActivity > idleLimitMs());
      return { needsSetup: needsSetup(), session: u && u.active ? sessionFor(u) : null, locked };
    },

    /** The dispatcher's resolver: the window's caller, or the host-vouched system principal. */
    resolvePrincipal(ctx: CallContext): Principal | null {
      if (ctx.kind === 'system') return ctx.principal;
      if (!current) return null;
      const u = byId(current.userId);
      if (!u || !u.active) {
        current = null;
        return null;
      }
      const now = clock.now().getTime();
      if (current.locked || now - current.lastActivity > idleLimitMs()) {
        current.locked = true;
        throw new AppError('SESSION_LOCKED');
      }
      current.lastActivity = now;
      return principalOf(u);
    },

    async setup(input: { admin: { username: string; fullName: string; password: string }; office: OfficeProfile }): Promise<Session> {
      if (!needsSetup()) throw new AppError('ALREADY_SET_UP');
      const passwordHash = await hashPassword(input.admin.password);
      const admin = commit(
        (tx, at) => {
          // Checked again inside the transaction: two windows racing through setup make one admin.
          if ((tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) throw new AppError('ALREADY_SET_UP');
          const row = tx
            .insert(users)
            .values({ id: ids.uuid(), username: input.admin.username, fullName: input.admin.fullName, role: 'admin', passwordHash, createdAt: at, updatedAt: at })
            .returning()
            .get();
          office.write(tx, input.office, row.username, at);
          return row;
        },
        (row) => ({ actor: row.username, action: 'setup.complete', entity: 'user', entityId: row.id, syncPayload: null, details: { office: input.office } }),
      );
      return startSession(admin);
    },

    async login(username: string, password: string): Promise<Session> {
      const u = byName(username);
      // Same message whether the name or the password is wrong: no hint for a guesser.
      if (!u) throw new AppError('LOGIN_FAILED');
      if (!u.active) throw new AppError('ACCOUNT_DISABLED');
      if (u.failedLogins >= MAX_FAILED_LOGINS) throw new AppError('ACCOUNT_LOCKED_OUT');
      if (!(await verifyPassword(password, u.passwordHash))) {
        db.update(users).set({ failedLogins: u.failedLogins + 1 }).where(eq(users.id, u.id)).run();
        audit(u.username, 'auth.loginFailed', u.id);
        throw new AppError(u.failedLogins + 1 >= MAX_FAILED_LOGINS ? 'ACCOUNT_LOCKED_OUT' : 'LOGIN_FAILED');
      }
      if (u.failedLogins > 0) db.update(users).set({ failedLogins: 0 }).where(eq(users.id, u.id)).run();
      audit(u.username, 'auth.login', u.id);
      return startSession(u);
    },

    logout(): void {
      if (current) {
        const u = byId(current.userId);
        if (u) audit(u.username, 'auth.logout', u.id);
      }
      current = null;
    },

    lock(): void {
      if (current) current.locked = true;
    },

    async unlock(password: string): Promise<Session> {
      if (!current) throw new AppError('NOT_LOGGED_IN');
      const u = byId(current.userId);
      if (!u || !u.active) throw new AppError('NOT_LOGGED_IN');
      if (!(await verifyPassword(password, u.passwordHash))) {
        audit(u.username, 'auth.unlockFailed', u.id);
        throw new AppError('LOGIN_FAILED');
      }
      return startSession(u);
    },

    async changePassword(p: Principal, currentPassword: string, newPassword: string): Promise<void> {
      const u = byId(p.userId);
      if (!u) throw new AppError('NOT_LOGGED_IN');
      if (!(await verifyPassword(currentPassword, u.passwordHash))) throw new AppError('WRONG_CURRENT_PASSWORD');
      const passwordHash = await hashPassword(newPassword);
      commit(
        (tx, at) => tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: at }).where(eq(users.id, u.id)).run(),
        () => ({ actor: u.username, action: 'user.changePassword', entity: 'user', entityId: u.id, syncPayload: null }),
      );
    },

    list(): UserView[] {
      return db.select().from(users).orderBy(users.username).all().map(view);
    },

    async create(actor: string, input: { username: string; fullName: string; role: Role; password: string; mustChangePassword: boolean }): Promise<UserView> {
      if (byName(input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username });
      const passwordHash = await hashPassword(input.password);
      const row = commit(
        (tx, at) =>
          tx
            .insert(users)
            .values({ id: ids.uuid(), username: input.username, fullName: input.fullName, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword, createdAt: at, updatedAt: at })
            .returning()
            .get(),
        (r) => ({ actor, action: 'user.create', entity: 'user', entityId: r.id, syncPayload: null, details: { username: r.username, role: r.role } }),
      );
      return view(row);
    },

    update(actor: Principal, input: { id: string; fullName?: string; role?: Role; active?: boolean }): UserView {
      const u = byId(input.id);
      if (!u) throw new AppError('USER_NOT_FOUND');
      // An admin cannot lock everyone out by demoting or disabling the last active admin.
      const demotesAdmin = u.role === 'admin' && ((input.role && input.role !== 'admin') || input.active === false);
      if (demotesAdmin) {
        const admins = db.select().from(users).all().filter((x) => x.role === 'admin' && x.active);
        if (admins.length <= 1) throw new AppError('LAST_ADMIN');
      }
      const { id: _id, ...changes } = input;
      const row = commit(
        (tx, at) => tx.update(users).set({ ...changes, updatedAt: at }).where(eq(users.id, u.id)).returning().get()!,
        (r) => ({ actor: actor.username, action: 'user.update', entity: 'user', entityId: r.id, syncPayload: null, details: changes }),
      );
      return view(row);
    },

    async resetPassword(actor: Principal, id: string, temporaryPassword: string): Promise<UserView> {
      const u = byId(id);
      if (!u) throw new AppError('USER_NOT_FOUND');
      const passwordHash = await hashPassword(temporaryPassword);
      const row = commit(
        (tx, at) =>
          tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, updatedAt: at }).where(eq(users.id, id)).returning().get()!,
        (r) => ({ actor: actor.username, action: 'user.resetPassword', entity: 'user', entityId: r.id, syncPayload: null }),
      );
      return view(row);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
