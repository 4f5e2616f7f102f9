import { z } from 'zod';
import { isoInstant, lineText } from './fields';

// Every call the UI can make to the core, listed once. Transports (Electron IPC, browser-mode
// HTTP, the CLI) are generic over this table: adding a call here never touches them.

export const hostKind = z.enum(['electron', 'web', 'cli']);

export const dossierSummary = z.object({
  id: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  receivedAt: isoInstant,
});
export type DossierSummary = z.infer<typeof dossierSummary>;

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

const noInput = z.strictObject({});

export const contract = {
  'app.status': { input: noInput, output: appStatus },
  'dossiers.create': {
    input: z.strictObject({
      applicantName: lineText(200),
      procedureName: lineText(500),
    }),
    output: dossierSummary,
  },
  'dossiers.listToday': { input: noInput, output: z.array(dossierSummary) },
} as const;

/** Messages the core pushes to the UI over the same channel as the calls. */
export const events = {
  'dossiers.changed': z.object({ id: z.string() }),
  'sync.state': syncState,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
