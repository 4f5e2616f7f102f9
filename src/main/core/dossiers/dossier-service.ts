import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type {
  Applicant,
  ChecklistItem,
  DossierDetail,
  DossierSummary,
  TodayLists,
} from '../../../shared/api/calls/dossiers';
import type { ParsedInput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { computeFees, type FeeComputation } from '../../../shared/catalog/fees';
import { canTransition, OPEN_STATUSES, STATUS, TRANSITIONS, type TransitionAction } from '../../../shared/dossier/status';
import { vi } from '../../../shared/i18n/vi';
import { normalizePhone } from '../../../shared/identity/phone';
import { foldForSearch } from '../../../shared/text/normalize';
import { vnDayRange } from '../../../shared/time/vn-time';
import type { CalendarService } from '../calendar/calendar-service';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock, IdSource } from '../config';
import { applicants, auditLog, dossiers } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { OfficeService } from '../office/office-service';
import { checkApplicant } from './applicant-check';
import { allocateDossierCode } from './code-allocator';
import { recordOf } from '../sync/dossier-record';

type Row = typeof dossiers.$inferSelect;

/** What the dossier row's `details` column holds: everything the forms need besides the columns. */
export interface Details {
  applicant: Applicant;
  owner: Applicant | null;
  role: 'owner' | 'representative';
  checklist: ChecklistItem[];
  sets: number;
  copies: number;
  pages: number;
  fees: { lines: { code: string; name: string; quantity: number; unitAmount: number; amount: number }[]; total: number };
  resultDelivery: { method: 'counter' } | { method: 'post'; address: string };
  receivingUnit: { code: string; name: string };
  decidingAuthority: string;
  summary: string;
  procedureVersion: number;
  returned?: { to: string; method: 'counter' | 'post'; at: string };
}

/** The `details` of a received dossier; also used by the save benchmark's raw insert. */
export function dossierDetails(
  input: Pick<ParsedInput<'dossiers.receive'>, 'role' | 'checklist' | 'sets' | 'copies' | 'pages' | 'resultDelivery' | 'summary'>,
  parts: {
    applicant: Applicant;
    owner: Applicant | null;
    fees: FeeComputation;
    receivingUnit: { code: string; name: string };
    decidingAuthority: string;
    procedureVersion: number;
  },
): Details {
  return {
    applicant: parts.applicant,
    owner: parts.owner,
    role: input.role,
    checklist: input.checklist,
    sets: input.sets,
    copies: input.copies,
    pages: input.pages,
    fees: {
      lines: parts.fees.lines.map((l) => ({ code: l.code, name: l.name, quantity: l.quantity, unitAmount: l.unitAmount, amount: l.amount })),
      total: parts.fees.total,
    },
    resultDelivery: input.resultDelivery,
    receivingUnit: parts.receivingUnit,
    decidingAuthority: parts.decidingAuthority,
    summary: input.summary,
    procedureVersion: parts.procedureVersion,
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toSummary(r: Pick<Row, 'id' | 'code' | 'status' | 'applicantName' | 'procedureName' | 'receivedAt' | 'dueAt'>): DossierSummary {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    applicantName: r.applicantName,
    procedureName: r.procedureName,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: iso(r.dueAt),
  };
}

const summaryColumns = {
  id: dossiers.id,
  code: dossiers.code,
  status: dossiers.status,
  applicantName: dossiers.applicantName,
  procedureName: dossiers.procedureName,
  receivedAt: dossiers.receivedAt,
  dueAt: dossiers.dueAt,
};

/** FTS5 query from what a clerk typed: each folded word as a quoted prefix ("van an" → "van"* "an"*). */
export function nameQuery(text: string): string | null {
  const words = foldForSearch(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

export interface DossierServiceDeps {
  db: Db;
  commit: UnitOfWork;
  clock: Clock;
  ids: IdSource;
  office: OfficeService;
  catalog: CatalogService;
  calendar: CalendarService;
}

export function createDossierService(deps: DossierServiceDeps) {
  const { db, commit, clock, office, catalog, calendar } = deps;

  const history = (id: string) =>
    db
      .select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'dossier'), eq(auditLog.entityId, id)))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .all()
      .map((h) => {
        const d = (h.details ?? {}) as { fromStatus?: number; toStatus?: number; note?: string };
        return { at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: d.fromStatus ?? null, toStatus: d.toStatus ?? null, note: d.note ?? null };
      });

  function detailOf(r: Row): DossierDetail {
    const d = (r.details ?? null) as Details | null;
    return {
      ...toSummary(r),
      revision: r.revision,
      procedure: { id: r.procedureId, code: r.procedureCode, name: r.procedureName, version: d?.procedureVersion ?? null },
      applicant: d?.applicant ?? null,
      role: d?.role ?? 'owner',
      owner: d?.owner ?? null,
      checklist: d?.checklist ?? [],
      sets: d?.sets ?? 1,
      fees: d?.fees ?? { lines: [], total: 0 },
      channel: r.channel,
      resultDelivery: d?.resultDelivery ?? { method: 'counter' },
      receivingUnit: d?.receivingUnit ?? null,
      decidingAuthority: d?.decidingAuthority ?? null,
      summary: d?.summary ?? '',
      receivedBy: r.receivedBy,
      pausedAt: iso(r.pausedAt),
      history: history(r.id),
    };
  }

  const byId = (id: string) => db.select().from(dossiers).where(eq(dossiers.id, id)).get();
  const byCode = (code: string) => db.select().from(dossiers).where(eq(dossiers.code, code)).get();

  // What the provincial system will receive (core/sync/protocol.ts): the whole record when the
  // dossier is received, the new status with its dates after a lifecycle action.
  const receivePayloadOf = (r: Row) => ({ record: recordOf(r) });
  const statusPayloadOf = (r: Row, note: string | null) => ({ status: r.status, revision: r.revision, dueAt: iso(r.dueAt), pausedAt: iso(r.pausedAt), note });

  function upsertApplicant(tx: Db, a: Applicant, at: Date): string {
    if (a.idNumber) {
      const found = tx.select({ id: applicants.id }).from(applicants).where(eq(applicants.idNumber, a.idNumber)).get();
      if (found) {
        tx.update(applicants).set({ fullName: a.fullName, nameFolded: foldForSearch(a.fullName), kind: a.kind, data: a, updatedAt: at }).where(eq(applicants.id, found.id)).run();
        return found.id;
      }
    }
    const id = deps.ids.uuid();
    tx.insert(applicants).values({ id, kind: a.kind, fullName: a.fullName, nameFolded: foldForSearch(a.fullName), idNumber: a.idNumber ?? null, data: a, createdAt: at, updatedAt: at }).run();
    return id;
  }

  return {
    receive(input: ParsedInput<'dossiers.receive'>, actor: string): DossierDetail {
      // The same request twice (a retry after a timeout, Enter pressed again) is one dossier.
      const existing = byId(input.requestId);
      if (existing) return detailOf(existing);

      const profile = office.get();
      if (!profile) throw new AppError('OFFICE_NOT_SET_UP');
      const entry = catalog.get(input.procedureId);
      if (!entry) throw new AppError('PROCEDURE_NOT_FOUND');
      const now = clock.now();
      const applicant = checkApplicant(input.applicant, vi.dossier.applicantLabel, now);
      if (input.role === 'representative' && !input.owner) throw new AppError('VALIDATION', { detail: vi.dossier.ownerRequired });
      const owner = input.role === 'representative' && input.owner ? checkApplicant(input.owner, vi.dossier.ownerLabel, now) : null;
      const holder = owner ?? applicant; // chủ hồ sơ
      const p = entry.procedure;
      const fees = computeFees(p, { copies: input.copies, pages: input.pages, sets: input.sets });

      const row = commit(
        (tx, at) => {
          const { code, sequence } = allocateDossierCode(tx, {
            unitCode: profile.unitCode,
            counterNumber: profile.counterNumber,
            countersInUnit: profile.countersInUnit,
            at,
          });
          const dueAt = calendar.dueDateFor(at, p.processingTime);
          const applicantId = upsertApplicant(tx, holder, at);
          const details = dossierDetails(input, {
            applicant,
            owner,
            fees,
            receivingUnit: { code: profile.unitCode, name: profile.unitName },
            decidingAuthority: input.decidingAuthority ?? p.decidingAgency,
            procedureVersion: entry.version,
          });
          return tx
            .insert(dossiers)
            .values({
              id: input.requestId,
              code,
              unitCode: profile.unitCode,
              counterNumber: profile.counterNumber,
              sequence,
              procedureId: entry.id,
              procedureCode: entry.code,
              procedureName: p.name,
              applicantId,
              applicantName: holder.fullName,
              applicantNameFolded: foldForSearch(holder.fullName),
              applicantIdNumber: holder.idNumber ?? null,
              applicantPhone: holder.phone ?? applicant.phone ?? null,
              status: STATUS.accepted,
              channel: input.channel,
              receivedAt: at,
              dueAt,
              feeTotal: fees.total,
              receivedBy: actor,
              details,
              createdAt: at,
              updatedAt: at,
            })
            .returning()
            .get();
        },
        (r) => ({
          actor,
          action: 'dossier.receive',
          entity: 'dossier',
          entityId: r.id,
          syncPayload: receivePayloadOf(r),
          details: { toStatus: r.status, code: r.code },
        }),
      );
      return detailOf(row);
    },

    get(idOrCode: string): DossierDetail {
      const r = byId(idOrCode) ?? byCode(idOrCode.trim().toUpperCase());
      if (!r) throw new AppError('DOSSIER_NOT_FOUND');
      return detailOf(r);
    },

    transition(input: ParsedInput<'dossiers.transition'>, actor: string): DossierDetail {
      const r = byId(input.id);
      if (!r) throw new AppError('DOSSIER_NOT_FOUND');
      const action = input.action as TransitionAction;
      // The clerk acted on an older view: say so first, whatever the action would have been.
      if (r.revision !== input.revision) throw new AppError('STALE_DOSSIER');
      if (!canTransition(r.status, action)) {
        throw new AppError('INVALID_TRANSITION', { action: vi.dossier.actions[action] ?? action, status: vi.dossier.status[r.status] ?? String(r.status) });
      }
      const needsNote = action === 'refuse' || action === 'requestSupplement' || action === 'stop';
      if (needsNote && !input.note) throw new AppError('VALIDATION', { detail: vi.dossier.noteRequired[action] ?? action });
      if (action === 'returnResult' && !input.returnedTo) throw new AppError('VALIDATION', { detail: vi.dossier.returnedToRequired });
      const to = TRANSITIONS[action].to;
      const now = clock.now();
      const changes: Partial<typeof dossiers.$inferInsert> = { status: to };
      if (action === 'requestSupplement') changes.pausedAt = now;
      if (action === 'supplementReceived' && r.dueAt && r.pausedAt) {
        changes.dueAt = calendar.resumeAfterSupplement({ dueAt: r.dueAt, pausedAt: r.pausedAt, resumedAt: now });
        changes.pausedAt = null;
      }
      if (action === 'returnResult') {
        const d = (r.details ?? {}) as Details;
        changes.details = { ...d, returned: { to: input.returnedTo!, method: input.returnMethod ?? 'counter', at: now.toISOString() } };
      }
      const row = commit(
        (tx, at) => {
          const updated = tx
            .update(dossiers)
            // A new change for the province: not acknowledged until it is.
            .set({ ...changes, revision: r.revision + 1, updatedAt: at, acknowledgedAt: null })
            .where(and(eq(dossiers.id, r.id), eq(dossiers.revision, input.revision)))
            .returning()
            .get();
          // Someone else changed it since this clerk opened it: refuse instead of overwriting.
          if (!updated) throw new AppError('STALE_DOSSIER');
          return updated;
        },
        (u) => ({
          actor,
          action: `dossier.${action}`,
          entity: 'dossier',
          entityId: u.id,
          syncPayload: statusPayloadOf(u, input.note ?? input.returnedTo ?? null),
          details: { fromStatus: r.status, toStatus: u.status, note: input.note ?? input.returnedTo ?? null },
        }),
      );
      return detailOf(row);
    },

    /** Today's work at the counter: what came in, what is due, what is late, what waits. */
    today(limit: number): TodayLists {
      const now = clock.now();
      const { start, end } = vnDayRange(now);
      const open = inArray(dossiers.status, [...OPEN_STATUSES]);
      const where = {
        receivedToday: and(gte(dossiers.receivedAt, start), lt(dossiers.receivedAt, end)),
        // Still in time today; those already past their due time are in `overdue`.
        dueToday: and(open, gte(dossiers.dueAt, now), lt(dossiers.dueAt, end)),
        overdue: and(open, lt(dossiers.dueAt, now)),
        waitingSupplement: eq(dossiers.status, STATUS.supplementRequested),
        resultsToHandBack: eq(dossiers.status, STATUS.resultReady),
      };
      const order = {
        receivedToday: desc(dossiers.receivedAt),
        dueToday: asc(dossiers.dueAt),
        overdue: asc(dossiers.dueAt),
        waitingSupplement: asc(dossiers.updatedAt),
        resultsToHandBack: asc(dossiers.updatedAt),
      };
      const keys = Object.keys(where) as (keyof typeof where)[];
      const lists = Object.fromEntries(
        keys.map((k) => [k, db.select(summaryColumns).from(dossiers).where(where[k]).orderBy(order[k]).limit(limit).all().map(toSummary)]),
      ) as Omit<TodayLists, 'counts'>;
      const counts = Object.fromEntries(
        keys.map((k) => [k, db.select({ n: count() }).from(dossiers).where(where[k]).get()?.n ?? 0]),
      ) as TodayLists['counts'];
      return { ...lists, counts };
    },

    search(query: string, limit: number): { kind: 'code' | 'idNumber' | 'phone' | 'name'; results: DossierSummary[] } {
      const q = query.trim();
      const upper = q.toUpperCase();
      const select = () => db.select(summaryColumns).from(dossiers);
      if (/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-/.test(upper)) {
        // A whole code or its beginning (unit and date): the unique index answers both.
        const rows = select().where(and(gte(dossiers.code, upper), lt(dossiers.code, `${upper}\uffff`))).orderBy(desc(dossiers.code)).limit(limit).all();
        return { kind: 'code', results: rows.map(toSummary) };
      }
      const digits = q.replace(/[\s.-]/g, '');
      if (/^(\d{9}|\d{12})$/.test(digits)) {
        const rows = select().where(eq(dossiers.applicantIdNumber, digits)).orderBy(desc(dossiers.receivedAt)).limit(limit).all();
        return { kind: 'idNumber', results: rows.map(toSummary) };
      }
      const phone = normalizePhone(q);
      if (phone.ok) {
        const rows = select().where(eq(dossiers.applicantPhone, phone.phone)).orderBy(desc(dossiers.receivedAt)).limit(limit).all();
        return { kind: 'phone', results: rows.map(toSummary) };
      }
      const match = nameQuery(q);
      if (!match) return { kind: 'name', results: [] };
      // Newest first by rowid, which the full-text index can walk backwards without sorting
      // the hundreds of thousands of rows a common family name matches.
      const rows = db.all<Row>(sql`
        SELECT d.id, d.code, d.status, d.applicant_name AS applicantName, d.procedure_name AS procedureName,
               d.received_at AS receivedAt, d.due_at AS dueAt
        FROM (SELECT rowid FROM dossier_name_fts WHERE dossier_name_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${limit}) f
        JOIN dossiers d ON d.rowid = f.rowid
        ORDER BY d.rowid DESC`);
      return {
        kind: 'name',
        results: rows.map((r) => toSummary({ ...r, receivedAt: new Date(r.receivedAt as unknown as number), dueAt: r.dueAt ? new Date(r.dueAt as unknown as number) : null })),
      };
    },

    /** A returning applicant, by ID number: fills the form when the card or number is known. */
    findApplicant(idNumber: string): Applicant | null {
      const row = db.select().from(applicants).where(eq(applicants.idNumber, idNumber.replace(/[\s.-]/g, ''))).get();
      return row ? (row.data as Applicant) : null;
    },
  };
}

export type DossierService = ReturnType<typeof createDossierService>;
