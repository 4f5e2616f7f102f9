import type { Change, ChangeResult } from '../../../src/main/core/sync/protocol';
import type { KeyOutcome, ProvinceStore } from './province-store';

// What the province does with a batch of changes from a counter: in order, all in one
// transaction, each key at most once. A key seen before answers 'duplicate' (or the same
// refusal as the first time) and changes nothing; 'retry' leaves no trace, so the same key can
// succeed later. These rules are what the chaos test leans on: whatever faults cut the replies,
// resending everything must end in exactly one copy of each dossier.

type Outcome = Omit<ChangeResult, 'key'>;

const rejected = (error: string, message: string): Outcome => ({ outcome: 'rejected', error, message });
const retry = (error: string, message: string): Outcome => ({ outcome: 'retry', error, message });
const applied: Outcome = { outcome: 'applied' };
const duplicate: Outcome = { outcome: 'duplicate' };

function applyOne(store: ProvinceStore, unitCode: string, change: Change, now: Date): Outcome {
  if (change.operation === 'dossier.receive') {
    const record = change.payload.record;
    if (record.id !== change.entityId) return rejected('entity_mismatch', `entityId ${change.entityId} is not the record's id ${record.id}`);
    if (record.unitCode !== unitCode) return rejected('wrong_unit', `the dossier belongs to unit ${record.unitCode}, this account to ${unitCode}`);
    const sameId = store.dossierById(record.id);
    if (sameId) return duplicate;
    const sameCode = store.dossierByCode(record.code);
    if (sameCode) return rejected('code_conflict', `code ${record.code} is already dossier ${sameCode.id}`);
    store.insertDossier(record, 'motcua', now);
    return applied;
  }

  const dossier = store.dossierById(change.entityId);
  // The receive may still be on its way (another batch, a lost reply): not now, not never.
  if (!dossier) return retry('unknown_dossier', `no dossier ${change.entityId} yet`);
  if (dossier.unitCode !== unitCode) return rejected('wrong_unit', `dossier ${dossier.code} belongs to unit ${dossier.unitCode}`);

  if (change.operation === 'dossier.status') {
    const p = change.payload;
    store.updateDossier(dossier.id, { record: { ...dossier.record, status: p.status, dueAt: p.dueAt, pausedAt: p.pausedAt } }, now);
    return applied;
  }

  // dossier.attach: every file must be here whole, or nothing is recorded.
  const missing = change.payload.attachments.filter((a) => {
    const f = store.file(a.sha256);
    return !f || f.size !== a.size;
  });
  if (missing.length) return retry('missing_file', `files not received: ${missing.map((a) => a.sha256).join(', ')}`.slice(0, 2000));
  for (const a of change.payload.attachments)
    store.putAttachment({ dossierId: dossier.id, documentCode: a.documentCode, sha256: a.sha256, size: a.size, pages: a.pages, name: null }, now);
  store.updateDossier(dossier.id, {}, now);
  return applied;
}

/** Applies a batch for the caller's unit; one result per change, in order. */
export function applyChanges(store: ProvinceStore, unitCode: string, changes: Change[], now: Date): ChangeResult[] {
  return store.transaction(() =>
    changes.map((change) => {
      const seen = store.keyOutcome(change.key);
      let outcome: Outcome;
      if (seen) {
        outcome = seen.outcome === 'rejected' ? { outcome: 'rejected', ...(seen.error ? { error: seen.error } : {}), ...(seen.message ? { message: seen.message } : {}) } : duplicate;
      } else {
        outcome = applyOne(store, unitCode, change, now);
        if (outcome.outcome !== 'retry') {
          const kept: KeyOutcome = { outcome: outcome.outcome === 'rejected' ? 'rejected' : 'applied', error: outcome.error ?? null, message: outcome.message ?? null };
          store.recordKey(change.key, unitCode, change.operation, change.entityId, kept, now);
        }
      }
      store.bump(`changes.${outcome.outcome}`);
      if (outcome.outcome === 'duplicate') store.bump('duplicates');
      return { key: change.key, ...outcome };
    }),
  );
}
