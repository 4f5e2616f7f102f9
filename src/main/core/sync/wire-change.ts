import { change, type Change } from './protocol';
import type { OutboxRow } from './outbox-queue';

// An outbox entry as the protocol's Change. Local operations are the audit's names
// (dossier.receive, dossier.attach, dossier.<lifecycle action>); on the wire every lifecycle
// action is a 'dossier.status' carrying the new status.

export type WireResult = { ok: true; change: Change } | { ok: false; reason: string };

export function wireChangeOf(e: OutboxRow, recordNow: (dossierId: string) => unknown): WireResult {
  const base = { key: e.idempotencyKey, entity: e.entity, entityId: e.entityId, at: new Date(e.createdAt).toISOString() };
  const payload = (e.payload ?? {}) as Record<string, unknown>;
  let candidate: unknown;
  if (e.operation === 'dossier.receive') {
    // Entries written before the sync existed carried only ids: the counter still owns the
    // dossier's intake data until acknowledged, so its current record is what to send.
    candidate = { ...base, operation: 'dossier.receive', payload: { record: payload.record ?? recordNow(e.entityId) } };
  } else if (e.operation === 'dossier.attach') {
    candidate = { ...base, operation: 'dossier.attach', payload: { attachments: payload.attachments } };
  } else if (e.operation.startsWith('dossier.')) {
    candidate = {
      ...base,
      operation: 'dossier.status',
      payload: { status: payload.status, revision: payload.revision, dueAt: payload.dueAt ?? null, pausedAt: payload.pausedAt ?? null, note: payload.note ?? null },
    };
  } else {
    return { ok: false, reason: `unknown operation ${e.operation}` };
  }
  const parsed = change.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500) };
  return { ok: true, change: parsed.data };
}
