import type { Clock } from '../config';
import type { HandlerGroup } from '../dispatcher';
import type { SqliteClient } from './audit-chain';
import { verifyAudit } from './verify';

/** 'audit.verify' on the core's own connection (the CLI verifies the file read-only instead). */
export function auditHandlers(client: SqliteClient, clock: Clock): HandlerGroup<'audit.verify'> {
  return {
    'audit.verify': () => verifyAudit(client, clock.now()),
  };
}
