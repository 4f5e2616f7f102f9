import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';
import { syncState } from './app';

// Background sync with the provincial system (issue: sync). The engine runs in the core on its
// own; these calls show its state, start a round now, retry dead letters and set it up.

/** A change waiting in the outbox, or refused for good (a dead letter). */
export const outboxEntryView = z.object({
  id: z.string(),
  /** dossier.receive, dossier.attach, dossier.<lifecycle action> */
  operation: z.string(),
  entityId: z.string(),
  /** The dossier's code when the entity is a dossier. */
  code: z.string().nullable(),
  createdAt: isoInstant,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deadAt: isoInstant.nullable(),
});
export type OutboxEntryView = z.infer<typeof outboxEntryView>;

export const clockReading = z.object({
  /** The server's clock at the last reply, and the device's at the same moment. */
  serverTime: isoInstant,
  deviceTime: isoInstant,
  /** device − server, milliseconds (positive: the device is ahead). */
  skewMs: z.number().int(),
  /** More than 2 minutes off: the clerk is told; sync goes on regardless. */
  warning: z.boolean(),
});

export const syncStatus = syncState.extend({
  endpoint: z.string().nullable(),
  adapter: z.enum(['motcua', 'national']).nullable(),
  lastSuccessAt: isoInstant.nullable(),
  lastAttemptAt: isoInstant.nullable(),
  nextAttemptAt: isoInstant.nullable(),
  lastError: z.object({ message: z.string(), at: isoInstant }).nullable(),
  deadLetters: z.number().int().nonnegative(),
  acknowledged: z.number().int().nonnegative(),
  clock: clockReading.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const syncSettingsView = z.object({
  enabled: z.boolean(),
  endpoint: z.string().nullable(),
  adapter: z.enum(['motcua', 'national']),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  deviceId: z.string(),
});
export type SyncSettingsView = z.infer<typeof syncSettingsView>;

export const syncCalls = defineCalls({
  'sync.status': { input: z.strictObject({}), output: syncStatus },
  /** The queue (oldest first, up to `limit`) and every dead letter. */
  'sync.queue': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ pending: z.array(outboxEntryView), pendingTotal: z.number().int(), deadLetters: z.array(outboxEntryView) }),
    access: 'supervisor',
  },
  /** "Đồng bộ ngay": starts a round at once (or right after the one running); returns without waiting for it. */
  'sync.now': { input: z.strictObject({}), output: syncStatus },
  /** Sends dead letters again (their attempts start over). */
  'sync.retry': {
    input: z.strictObject({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000) }),
    output: z.object({ retried: z.number().int() }),
    access: 'supervisor',
  },
  'sync.settings.get': { input: z.strictObject({}), output: syncSettingsView, access: 'admin' },
  /** A password left out keeps the stored one. */
  'sync.settings.set': {
    input: z.strictObject({
      enabled: z.boolean(),
      endpoint: lineText(500).nullable(),
      adapter: z.enum(['motcua', 'national']).default('motcua'),
      username: lineText(100).nullable(),
      password: z.string().min(1).max(200).optional(),
    }),
    output: syncSettingsView,
    access: 'admin',
  },
});
