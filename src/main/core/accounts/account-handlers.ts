import { AppError } from '../../../shared/api/errors';
import { actorOf, type HandlerGroup } from '../dispatcher';
import type { OfficeService } from '../office/office-service';
import type { AccountService } from './account-service';

type AccountMethods =
  | 'auth.state' | 'auth.setup' | 'auth.login' | 'auth.logout' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword'
  | 'users.list' | 'users.create' | 'users.update' | 'users.resetPassword'
  | 'office.get' | 'office.update';

export function accountHandlers(accounts: AccountService, office: OfficeService): HandlerGroup<AccountMethods> {
  return {
    'auth.state': () => accounts.state(),
    'auth.setup': (input) => accounts.setup(input),
    'auth.login': (input) => accounts.login(input.username, input.password),
    'auth.logout': () => (accounts.logout(), { ok: true as const }),
    'auth.lock': () => (accounts.lock(), { ok: true as const }),
    'auth.unlock': (input) => accounts.unlock(input.password),
    'auth.changePassword': async (input, ctx) => {
      if (input.currentPassword === input.newPassword) throw new AppError('PASSWORD_UNCHANGED');
      await accounts.changePassword(ctx.principal, input.currentPassword, input.newPassword);
      return { ok: true as const };
    },
    'users.list': () => accounts.list(),
    'users.create': (input, ctx) => accounts.create(actorOf(ctx), input),
    'users.update': (input, ctx) => accounts.update(ctx.principal, input),
    'users.resetPassword': (input, ctx) => accounts.resetPassword(ctx.principal, input.id, input.temporaryPassword),
    'office.get': () => office.get(),
    'office.update': (input, ctx) => office.update(input, actorOf(ctx)),
  };
}
