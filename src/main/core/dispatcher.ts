import { ZodError } from 'zod';
import { accessOf, contract, isMethod, type Contract, type Method, type Output, type ParsedInput } from '../../shared/api/contract';
import { roleAtLeast, type Principal } from '../../shared/api/principal';
import { AppError } from '../../shared/api/errors';
import type { CallResult } from '../../shared/api/transport';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from './logging/logger';

/**
 * Where a call comes from. 'ui': the app's window (Electron or browser mode); who that is comes
 * from the core's login session. 'system': a caller the host vouches for (the admin's CLI on
 * this machine, tests), with its principal.
 */
export type CallContext = { kind: 'ui' } | { kind: 'system'; principal: Principal };

/** What a handler learns about the caller; null only for 'public' calls made before login. */
export interface HandlerContext {
  principal: Principal | null;
}

/** What a handler of a non-public call gets: the caller is known. */
export interface UserContext {
  principal: Principal;
}

type ContextFor<M extends Method> = Contract[M] extends { access: 'public' } ? HandlerContext : UserContext;

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>, ctx: ContextFor<M>) => Output<M> | Promise<Output<M>>;
};

/** A capability's share of the handlers, spread into the composition root's map. */
export type HandlerGroup<K extends Method> = Pick<Handlers, K>;

/** Resolves the UI's caller (the login session); refuses with NOT_LOGGED_IN / SESSION_LOCKED. */
export type PrincipalResolver = (ctx: CallContext) => Principal | null;

/** The actor name written to audit entries and history. */
export function actorOf(ctx: UserContext): string {
  return ctx.principal.username;
}

export type Dispatch = (method: string, input: unknown, ctx: CallContext) => Promise<CallResult>;

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).find((p) => p in vi.fields);
      return field ? `${vi.fields[field]}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * The one entry to the core for every host: checks the method exists, validates the input
 * against the contract, runs the handler, checks the output, and turns every failure into
 * `{code, message}` — an unexpected one logged with a reference the clerk can quote.
 */
export function createDispatcher(
  handlers: Handlers,
  deps: { logger: Logger; newRef: () => string; resolvePrincipal: PrincipalResolver },
): Dispatch {
  return async (method, rawInput, ctx) => {
    if (!isMethod(method)) return { ok: false, error: new AppError('UNKNOWN_METHOD', { method: String(method) }).toBody() };
    const spec = contract[method];
    const access = accessOf(method);
    let principal: Principal | null;
    try {
      principal = deps.resolvePrincipal(ctx);
    } catch (e) {
      if (e instanceof AppError && access !== 'public') return { ok: false, error: e.toBody() };
      principal = null;
    }
    if (access !== 'public') {
      if (!principal) return { ok: false, error: new AppError('NOT_LOGGED_IN').toBody() };
      if (access !== 'user' && !roleAtLeast(principal.role, access)) {
        return { ok: false, error: new AppError('FORBIDDEN', { role: vi.roles[access] ?? access }).toBody() };
      }
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: new AppError('VALIDATION', { detail: describeZodError(parsed.error) }).toBody() };
    }
    try {
      const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
      const value = spec.output.parse(await handler(parsed.data, { principal }));
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      if (isDiskFull(e)) return { ok: false, error: new AppError('DISK_FULL').toBody() };
      const ref = deps.newRef();
      deps.logger.error('call failed', { method, ref, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      return { ok: false, error: new AppError('INTERNAL', { ref }).toBody() };
    }
  };
}
