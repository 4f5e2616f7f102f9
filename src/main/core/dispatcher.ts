import { ZodError } from 'zod';
import { contract, isMethod, type Method, type Output, type ParsedInput } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { CallResult } from '../../shared/api/transport';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from './logging/logger';

/** Who is calling: the host fills this in (the logged-in user, later). */
export interface CallContext {
  actor: string;
}

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
};

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
export function createDispatcher(handlers: Handlers, deps: { logger: Logger; newRef: () => string }): Dispatch {
  return async (method, rawInput, ctx) => {
    if (!isMethod(method)) return { ok: false, error: new AppError('UNKNOWN_METHOD', { method: String(method) }).toBody() };
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: new AppError('VALIDATION', { detail: describeZodError(parsed.error) }).toBody() };
    }
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const value = spec.output.parse(await handler(parsed.data, ctx));
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
