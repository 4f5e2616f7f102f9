import type { Core } from '../../src/main/core/core';
import type { CallContext } from '../../src/main/core/dispatcher';

/** A call through the core's dispatcher that must succeed; the error's code rides on the thrown Error. */
export async function callOk<T>(core: Pick<Core, 'dispatch'>, method: string, input: unknown, as: CallContext): Promise<T> {
  const r = await core.dispatch(method, input, as);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}
