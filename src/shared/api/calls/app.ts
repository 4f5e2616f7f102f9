import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { isoInstant } from '../fields';

export const hostKind = z.enum(['electron', 'web', 'cli']);

export const syncState = z.object({
  state: z.enum(['not-configured', 'synced', 'sending', 'offline', 'error']),
  pending: z.number().int().nonnegative(),
  offlineSince: isoInstant.nullable(),
});
export type SyncState = z.infer<typeof syncState>;

export const appStatus = z.object({
  appVersion: z.string(),
  host: hostKind,
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  sync: syncState,
});
export type AppStatus = z.infer<typeof appStatus>;

export const appCalls = defineCalls({
  'app.status': { input: z.strictObject({}), output: appStatus, access: 'public' },
});
