import { z } from 'zod';
import { accountCalls } from './calls/accounts';
import { appCalls, syncState } from './calls/app';
import { auditCalls } from './calls/audit';
import { calendarCalls } from './calls/calendar';
import { catalogCalls } from './calls/catalog';
import { dossierCalls } from './calls/dossiers';
import { identityCalls, identityEvents } from './calls/identity';
import { officeCalls } from './calls/office';
import { printingCalls, printingEvents } from './calls/printing';
import { scanningCalls, scanningEvents } from './calls/scanning';
import { syncCalls } from './calls/sync';

// Every call the UI can make to the core, listed once (each capability in its own file under
// calls/, gathered here). Transports (Electron IPC, browser-mode HTTP, the CLI) are generic over
// this table: adding a call here never touches them.

import type { Access, CallSpec } from './call-spec';

export * from './call-spec';
export { appStatus, hostKind, syncState, type AppStatus, type SyncState } from './calls/app';
export { dossierSummary, type DossierSummary } from './calls/dossiers';

export const contract = {
  ...appCalls,
  ...accountCalls,
  ...officeCalls,
  ...dossierCalls,
  ...identityCalls,
  ...catalogCalls,
  ...calendarCalls,
  ...auditCalls,
  ...printingCalls,
  ...scanningCalls,
  ...syncCalls,
} as const;

/** Messages the core pushes to the UI over the same channel as the calls. */
export const events = {
  'dossiers.changed': z.object({ id: z.string() }),
  'sync.state': syncState,
  ...identityEvents,
  ...printingEvents,
  ...scanningEvents,
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

/** Who may make a call; 'user' (the default) is any logged-in account. */
export function accessOf(method: Method): Access {
  return (contract[method] as CallSpec).access ?? 'user';
}
