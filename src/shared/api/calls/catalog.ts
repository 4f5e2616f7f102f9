import { z } from 'zod';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION, type Procedure } from '../../catalog/procedure';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

// The procedure catalogue (danh mục thủ tục hành chính): search and read for every account,
// export for supervisors, import for admins. See docs/catalog.md.

/**
 * A record as stored: it was validated when imported, so the output check only makes sure it is
 * a record; re-validating would refuse an old version that a newer rule no longer accepts, and a
 * dossier received under that version must still open.
 */
const storedProcedure = z.custom<Procedure>((x) => typeof x === 'object' && x !== null && !Array.isArray(x));

/** One version of a procedure, with the catalogue row it lives in (dossiers keep `id`). */
export const procedureEntry = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int().positive(),
  isCurrent: z.boolean(),
  importedAt: isoInstant,
  importedBy: z.string(),
  procedure: storedProcedure,
});
export type ProcedureEntry = z.infer<typeof procedureEntry>;

export const procedureHit = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int().positive(),
  name: z.string(),
  sectorName: z.string(),
  decidingAgency: z.string(),
});
export type ProcedureHit = z.infer<typeof procedureHit>;

export const catalogIssue = z.object({
  index: z.number().int().nullable(),
  code: z.string().nullable(),
  path: z.string(),
  message: z.string(),
});

export const importReport = z.object({
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** The versions this import wrote. */
  changed: z.array(z.object({ id: z.string(), code: z.string(), version: z.number().int(), status: z.enum(['added', 'updated']) })),
  /** Non-empty: nothing was imported. */
  errors: z.array(catalogIssue),
});
export type ImportReport = z.infer<typeof importReport>;

export const exportedCatalog = z.object({
  format: z.literal(CATALOG_FORMAT),
  version: z.literal(CATALOG_FORMAT_VERSION),
  exportedAt: isoInstant,
  procedures: z.array(storedProcedure),
});

export const catalogCalls = defineCalls({
  'catalog.search': {
    input: z.strictObject({
      /** A code prefix, or words of the name with or without diacritics, in any order. */
      query: lineText(200, { required: false }),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    output: z.array(procedureHit),
  },
  'catalog.get': {
    input: z.strictObject({ id: lineText(64) }),
    output: procedureEntry,
  },
  'catalog.import': {
    // The file is checked by the catalogue itself, so that every problem comes back with its
    // position instead of the first one as a call error.
    input: z.strictObject({ file: z.unknown() }),
    output: importReport,
    access: 'admin',
  },
  'catalog.export': {
    input: z.strictObject({}),
    output: exportedCatalog,
    access: 'supervisor',
  },
});
