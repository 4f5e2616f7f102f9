import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { ImportReport, ProcedureEntry, ProcedureHit } from '../../../shared/api/calls/catalog';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION, type Procedure } from '../../../shared/catalog/procedure';
import { compareCodes, createSearchIndex } from '../../../shared/catalog/search';
import { checkCatalogFile, type CatalogIssue } from '../../../shared/catalog/validate';
import { catalogText } from '../../../shared/i18n/vi-catalog';
import type { Clock } from '../config';
import { procedures } from '../db/schema';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import type { Logger } from '../logging/logger';

// The procedure catalogue: versioned import, export, search and lookup (docs/catalog.md).
//
// Versioning: each code has versions 1, 2, …; exactly one is current. Importing a record whose
// content differs from the current version adds a version and retires the old one, which stays
// for the dossiers received under it; an identical record adds nothing. A file with any invalid
// record imports nothing.

/** Actor recorded on rows written by the first-start seed. */
export const SEED_ACTOR = 'system:seed';
/** At most this many problems are listed for one file; the rest are counted. */
const MAX_REPORTED_ERRORS = 500;

type Row = typeof procedures.$inferSelect;

/** JSON with object keys sorted at every level: the same record always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the cleaned record's canonical JSON. */
export function contentHashOf(p: Procedure): string {
  return createHash('sha256').update(canonicalJson(p)).digest('hex');
}

/**
 * The row id of a version: a UUID (version 8, RFC 9562) derived from code, version and content,
 * so the same catalogue history gives the same ids on every counter and tests can predict them.
 * It takes nothing from the injected IdSource, which stays for rows a clerk creates.
 */
export function procedureIdOf(code: string, version: number, contentHash: string): string {
  const h = createHash('sha256').update(`motcua-catalog\n${code}\n${version}\n${contentHash}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function toEntry(row: Row): ProcedureEntry {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    isCurrent: row.isCurrent,
    importedAt: row.importedAt.toISOString(),
    importedBy: row.importedBy,
    procedure: row.data as Procedure,
  };
}

interface Planned {
  inserts: (typeof procedures.$inferInsert)[];
  retire: string[];
  changed: ImportReport['changed'];
  unchanged: number;
}

export interface CatalogDeps {
  db: Db;
  commit: UnitOfWork;
  clock: Clock;
  logger: Logger;
}

export function createCatalogService(deps: CatalogDeps) {
  const { db, commit, clock, logger } = deps;

  function buildIndex() {
    const rows = db.select().from(procedures).where(eq(procedures.isCurrent, true)).all();
    return createSearchIndex<ProcedureHit>(
      rows.map((r) => {
        const p = r.data as Procedure;
        return { id: r.id, code: r.code, version: r.version, name: r.name, sectorName: p.sector.name, decidingAgency: p.decidingAgency };
      }),
    );
  }
  let index = buildIndex();

  /** What importing `records` would write, given what `tx` holds now. */
  function plan(tx: Db, records: Procedure[], at: Date, actor: string): Planned {
    const existing = tx
      .select({ id: procedures.id, code: procedures.code, version: procedures.version, isCurrent: procedures.isCurrent, contentHash: procedures.contentHash })
      .from(procedures)
      .all();
    const lastVersion = new Map<string, number>();
    const current = new Map<string, { id: string; contentHash: string }>();
    for (const r of existing) {
      lastVersion.set(r.code, Math.max(lastVersion.get(r.code) ?? 0, r.version));
      if (r.isCurrent) current.set(r.code, r);
    }
    const out: Planned = { inserts: [], retire: [], changed: [], unchanged: 0 };
    for (const p of records) {
      const contentHash = contentHashOf(p);
      const cur = current.get(p.code);
      if (cur?.contentHash === contentHash) {
        out.unchanged++;
        continue;
      }
      const version = (lastVersion.get(p.code) ?? 0) + 1;
      const id = procedureIdOf(p.code, version, contentHash);
      if (cur) out.retire.push(cur.id);
      out.inserts.push({ id, code: p.code, version, isCurrent: true, name: p.name, data: p, contentHash, importedAt: at, importedBy: actor });
      out.changed.push({ id, code: p.code, version, status: cur ? 'updated' : 'added' });
    }
    return out;
  }

  function write(tx: Db, planned: Planned): void {
    for (const id of planned.retire) tx.update(procedures).set({ isCurrent: false }).where(eq(procedures.id, id)).run();
    for (const row of planned.inserts) tx.insert(procedures).values(row).run();
  }

  function report(planned: Planned, errors: CatalogIssue[] = []): ImportReport {
    const added = planned.changed.filter((c) => c.status === 'added').length;
    return { added, updated: planned.changed.length - added, unchanged: planned.unchanged, changed: planned.changed, errors };
  }

  function cappedErrors(errors: CatalogIssue[]): CatalogIssue[] {
    if (errors.length <= MAX_REPORTED_ERRORS) return errors;
    const more = errors.length - MAX_REPORTED_ERRORS;
    return [...errors.slice(0, MAX_REPORTED_ERRORS), { index: null, code: null, path: '', message: catalogText.import.moreErrors(more) }];
  }

  return {
    /**
     * Imports a parsed catalogue file in one transaction (rows + audit entry). Any invalid record:
     * nothing is written and every problem is reported with its position.
     */
    importFile(raw: unknown, actor: string): ImportReport {
      const check = checkCatalogFile(raw);
      const empty: Planned = { inserts: [], retire: [], changed: [], unchanged: 0 };
      if (check.errors.length > 0) return report(empty, cappedErrors(check.errors));
      // A file that changes nothing writes nothing, not even an audit entry.
      const preview = plan(db, check.procedures, clock.now(), actor);
      if (preview.inserts.length === 0) return report(preview);
      const planned = commit(
        (tx, at) => {
          const p = plan(tx, check.procedures, at, actor);
          write(tx, p);
          return p;
        },
        (p) => ({
          actor,
          action: 'catalog.import',
          entity: 'catalog',
          entityId: 'procedures',
          syncPayload: null,
          details: {
            added: p.changed.filter((c) => c.status === 'added').map((c) => c.code),
            updated: p.changed.filter((c) => c.status === 'updated').map((c) => `${c.code} v${c.version}`),
            unchanged: p.unchanged,
            exportedAt: check.exportedAt,
          },
        }),
      );
      index = buildIndex();
      return report(planned);
    },

    /**
     * On first start (an empty table), loads the sample catalogue shipped with the app. It is the
     * app's own data, like a migration's: rows record `system:seed` and no audit entry is written.
     * A missing or broken sample is logged, never fatal: an admin can import a catalogue.
     */
    seedIfEmpty(file: string): number {
      const { n } = db.select({ n: sql<number>`count(*)` }).from(procedures).get() ?? { n: 0 };
      if (n > 0) return 0;
      if (!existsSync(file)) {
        logger.warn('catalogue sample not found; the catalogue starts empty', { file });
        return 0;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        logger.error('catalogue sample unreadable', { file, error: e instanceof Error ? e.message : String(e) });
        return 0;
      }
      const check = checkCatalogFile(raw);
      if (check.errors.length > 0) {
        logger.error('catalogue sample invalid', { file, errors: check.errors.slice(0, 20).map((e) => e.message) });
        return 0;
      }
      const planned = db.transaction(
        (tx) => {
          const p = plan(tx, check.procedures, clock.now(), SEED_ACTOR);
          write(tx, p);
          return p;
        },
        { behavior: 'immediate' },
      );
      index = buildIndex();
      logger.info('catalogue seeded from the sample', { file, procedures: planned.inserts.length });
      return planned.inserts.length;
    },

    /** The current version of every procedure, in code order, as an importable file. */
    exportFile() {
      const rows = db.select().from(procedures).where(eq(procedures.isCurrent, true)).all();
      rows.sort((a, b) => compareCodes(a.code, b.code));
      return {
        format: CATALOG_FORMAT,
        version: CATALOG_FORMAT_VERSION,
        exportedAt: clock.now().toISOString(),
        procedures: rows.map((r) => r.data as Procedure),
      } as const;
    },

    search(query: string, limit = 20): ProcedureHit[] {
      return index.search(query, limit);
    },

    /** A version by its row id, current or not: what a dossier received under it shows. */
    get(id: string): ProcedureEntry | null {
      const row = db.select().from(procedures).where(eq(procedures.id, id)).get();
      return row ? toEntry(row) : null;
    },

    /** The current version of a code, or null. */
    getCurrent(code: string): ProcedureEntry | null {
      const row = db
        .select()
        .from(procedures)
        .where(and(eq(procedures.code, code), eq(procedures.isCurrent, true)))
        .get();
      return row ? toEntry(row) : null;
    },

    /** Every version of a code, oldest first. */
    versions(code: string): ProcedureEntry[] {
      return db.select().from(procedures).where(eq(procedures.code, code)).orderBy(procedures.version).all().map(toEntry);
    },

    /** Number of current procedures. */
    size(): number {
      return index.size;
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
