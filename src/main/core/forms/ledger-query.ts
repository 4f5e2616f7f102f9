import type { Database } from 'better-sqlite3';
import { VN_OFFSET_MS } from '../../../shared/time/vn-time';
import type { LedgerRow } from './ledger-row';

// The ledger's rows (form 07): dossiers received in [from, to), Vietnamese days, in the order
// they were received. Read in pages of PAGE rows by (received_at, rowid), so memory stays
// bounded for any range, and no statement stays open between pages while the PDF is built.

const PAGE = 500;

interface RawRow {
  rid: number;
  code: string | null;
  procedure_code: string | null;
  procedure_name: string;
  applicant_name: string;
  applicant_phone: string | null;
  received_at: number;
  due_at: number | null;
  status: number;
  details: string | null;
}

interface DetailsSubset {
  applicant?: { address?: string } | null;
  owner?: { address?: string } | null;
  decidingAuthority?: string;
  returned?: { to: string; method: 'counter' | 'post'; at: string };
}

const dayStart = (key: string) => Date.parse(`${key}T00:00:00.000Z`) - VN_OFFSET_MS;

function toLedgerRow(r: RawRow): LedgerRow {
  let d: DetailsSubset = {};
  try {
    d = r.details ? (JSON.parse(r.details) as DetailsSubset) : {};
  } catch {
    // A row without readable details still belongs in the ledger, with what its columns hold.
  }
  return {
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    applicantName: r.applicant_name,
    // The holder's address: the owner's when a representative submitted.
    address: d.owner?.address ?? d.applicant?.address ?? null,
    phone: r.applicant_phone,
    decidingAuthority: d.decidingAuthority ?? null,
    receivedAt: new Date(r.received_at).toISOString(),
    dueAt: r.due_at === null ? null : new Date(r.due_at).toISOString(),
    returnedAt: d.returned?.at ?? null,
    returnedTo: d.returned?.to ?? null,
    returnMethod: d.returned?.method ?? null,
    status: r.status,
  };
}

export function ledgerRows(sqlite: Database, range: { from: string; to: string }): Iterable<LedgerRow> {
  const from = dayStart(range.from);
  const to = dayStart(range.to);
  const stmt = sqlite.prepare(`
    SELECT rowid AS rid, code, procedure_code, procedure_name, applicant_name, applicant_phone,
           received_at, due_at, status, details
    FROM dossiers
    WHERE received_at >= @from AND received_at < @to
      AND (received_at > @lastAt OR (received_at = @lastAt AND rowid > @lastRid))
    ORDER BY received_at, rowid
    LIMIT ${PAGE}`);
  return {
    *[Symbol.iterator]() {
      let lastAt = from - 1;
      let lastRid = 0;
      for (;;) {
        const batch = stmt.all({ from, to, lastAt, lastRid }) as RawRow[];
        for (const r of batch) yield toLedgerRow(r);
        if (batch.length < PAGE) return;
        lastAt = batch[batch.length - 1]!.received_at;
        lastRid = batch[batch.length - 1]!.rid;
      }
    },
  };
}
