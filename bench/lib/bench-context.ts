import type { CallContext } from '../../src/main/core/dispatcher';

/** The trusted caller benchmarks and the generator dispatch as: an admin, like the CLI's. */
export function systemContext(username = 'bench'): CallContext {
  return { kind: 'system', principal: { userId: username, username, fullName: username, role: 'admin' } };
}
