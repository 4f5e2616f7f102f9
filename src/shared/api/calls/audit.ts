import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { isoInstant } from '../fields';

/**
 * What can be wrong with the audit chain, first problem in seq order:
 * - changed: the entry at `seq` no longer matches its hash (a field was edited, or a row forged);
 * - missing: entries `seq`..`toSeq` were deleted (a gap, or the last ones, found through the head);
 * - reordered: the entry at `seq` was chained after another entry than the one now before it;
 * - added: entries after the recorded head (written outside the app);
 * - no-head: entries exist but the recorded head is gone or unreadable;
 * - unsealed: an entry without seq/hash (not chained by the app).
 */
export const auditProblemKind = z.enum(['changed', 'missing', 'reordered', 'added', 'no-head', 'unsealed']);
export type AuditProblemKind = z.infer<typeof auditProblemKind>;

export const auditProblem = z.object({
  kind: auditProblemKind,
  /** Where: the entry's position in the chain; null for no-head and unsealed. */
  seq: z.number().int().nullable(),
  /** For 'missing': the last missing position (equal to seq when one entry is gone). */
  toSeq: z.number().int().optional(),
  entryId: z.string().optional(),
});
export type AuditProblem = z.infer<typeof auditProblem>;

export const auditVerification = z.object({
  ok: z.boolean(),
  /** Entries checked and found intact (all of them when ok). */
  entries: z.number().int().nonnegative(),
  checkedAt: isoInstant,
  /** The recorded head {seq, hash}: write it down or send it away to pin the chain's state. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  problem: auditProblem.optional(),
});
export type AuditVerification = z.infer<typeof auditVerification>;

export const auditCalls = defineCalls({
  'audit.verify': { input: z.strictObject({}), output: auditVerification, access: 'supervisor' },
});
