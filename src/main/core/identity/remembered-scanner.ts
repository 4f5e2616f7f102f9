import { actorOf, type HandlerGroup } from '../dispatcher';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { IdentityService } from './identity-service';

const KEY = 'identity.serial';

/**
 * The serial scanner chosen at this counter is remembered and reopened at the next start, so a
 * clerk sets it up once. Wraps the identity service's start/stop calls; everything else passes.
 */
export function rememberSerialScanner(identity: IdentityService, store: SettingsStore, logger: Logger) {
  const { handlers } = identity;
  const saved = store.get<{ path: string; baudRate: number }>(KEY);
  if (saved) {
    const system = { principal: { userId: 'system', username: 'system', fullName: 'system', role: 'admin' as const } };
    Promise.resolve(handlers['identity.serialStart']({ path: saved.path, baudRate: saved.baudRate }, system)).catch((e: unknown) =>
      logger.warn('remembered serial scanner did not start', { path: saved.path, error: String(e) }),
    );
  }
  const wrapped: HandlerGroup<'identity.serialStart' | 'identity.serialStop'> = {
    'identity.serialStart': async (input, ctx) => {
      const state = await handlers['identity.serialStart'](input, ctx);
      store.set(KEY, { path: input.path, baudRate: input.baudRate }, actorOf(ctx));
      return state;
    },
    'identity.serialStop': async (input, ctx) => {
      const state = await handlers['identity.serialStop'](input, ctx);
      store.remove(KEY, actorOf(ctx));
      return state;
    },
  };
  return { ...handlers, ...wrapped };
}
