import { foldForSearch } from '../../../shared/text/normalize';
import type { dossiers } from '../db/schema';
import type { DossierRecord } from './protocol';

// A dossier row ↔ the record both ends of the sync store. The record is the row minus the
// counter's own bookkeeping (revision, acknowledgement, origin, search folding).

type Row = typeof dossiers.$inferSelect;
type Insert = typeof dossiers.$inferInsert;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const at = (s: string | null) => (s ? new Date(s) : null);

export function recordOf(r: Row): DossierRecord {
  const details = (r.details ?? null) as Record<string, unknown> | null;
  return {
    id: r.id,
    code: r.code ?? r.id,
    unitCode: r.unitCode ?? '',
    counterNumber: r.counterNumber,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    procedureVersion: typeof details?.procedureVersion === 'number' ? details.procedureVersion : null,
    applicantName: r.applicantName,
    applicantIdNumber: r.applicantIdNumber,
    applicantPhone: r.applicantPhone,
    status: r.status,
    channel: r.channel,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: iso(r.dueAt),
    pausedAt: iso(r.pausedAt),
    feeTotal: r.feeTotal,
    receivedBy: r.receivedBy,
    details,
  };
}

/** The row for a dossier received at another counter of the unit, first seen in the feed. */
export function rowFromRecord(rec: DossierRecord, version: number, now: Date): Insert {
  const receivedAt = new Date(rec.receivedAt);
  return {
    id: rec.id,
    code: rec.code,
    unitCode: rec.unitCode,
    counterNumber: rec.counterNumber,
    procedureCode: rec.procedureCode,
    procedureId: null,
    procedureName: rec.procedureName,
    applicantName: rec.applicantName,
    applicantNameFolded: foldForSearch(rec.applicantName),
    applicantIdNumber: rec.applicantIdNumber,
    applicantPhone: rec.applicantPhone,
    status: rec.status,
    channel: rec.channel,
    receivedAt,
    dueAt: at(rec.dueAt),
    pausedAt: at(rec.pausedAt),
    feeTotal: rec.feeTotal,
    receivedBy: rec.receivedBy,
    details: rec.details,
    createdAt: now,
    updatedAt: now,
    revision: 1,
    origin: 'sync',
    acknowledgedAt: now,
    remoteVersion: version,
  };
}
