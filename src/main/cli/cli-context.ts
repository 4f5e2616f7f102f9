import { userInfo } from 'node:os';
import type { CallContext } from '../core/dispatcher';

/**
 * The CLI runs as the machine's administrator: whoever can run it can read the database file
 * anyway. Its actions are attributed to `cli:<os user>` in the audit log.
 */
export function cliContext(): CallContext {
  const name = `cli:${userInfo().username}`;
  return { kind: 'system', principal: { userId: name, username: name, fullName: name, role: 'admin' } };
}
