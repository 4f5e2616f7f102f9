import type { z } from 'zod';
import { catalogText } from '../i18n/vi-catalog';
import { catalogEnvelope, procedureSchema, type Procedure } from './procedure';

// Checks a catalogue file the way an admin needs it: every problem at once, each with the
// position of the procedure and the field, in Vietnamese. Shared so that the UI can check a
// file before sending it and the core gives the same answer.

const v = catalogText.validation;
const t = catalogText.import;

/** One problem in a catalogue file. */
export interface CatalogIssue {
  /** Position of the procedure in `procedures` (0-based); null for a problem with the file itself. */
  index: number | null;
  /** The procedure's code as written, when it could be read. */
  code: string | null;
  /** Where in the record, e.g. `documents.2.name`. */
  path: string;
  /** The full Vietnamese message, with the position: "Thủ tục thứ 3 (mã 1.001193): …". */
  message: string;
}

/** Vietnamese messages for zod's own issues; refinements carry their own. */
export const catalogErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return v.required;
      switch (issue.expected) {
        case 'string':
          return v.mustBeText;
        case 'number':
        case 'int':
          return v.mustBeInteger;
        case 'boolean':
          return v.mustBeBoolean;
        case 'array':
          return v.mustBeList;
        case 'object':
          return v.mustBeObject;
        default:
          return v.invalid;
      }
    case 'too_small':
      if (issue.origin === 'array') return v.minItems(issue.minimum);
      if (issue.origin === 'string') return v.required;
      return v.min(issue.minimum);
    case 'too_big':
      if (issue.origin === 'array') return v.maxItems(issue.maximum);
      if (issue.origin === 'string') return v.tooLong(issue.maximum);
      return v.max(issue.maximum);
    case 'unrecognized_keys':
      return v.unknownKeys(issue.keys);
    case 'invalid_value':
      return v.oneOf(issue.values.map((x) => JSON.stringify(x)));
    case 'invalid_format':
    case 'invalid_union':
      return v.invalid;
    default:
      return undefined;
  }
};

/** `['documents', 2, 'name']` → "Thành phần hồ sơ thứ 3, Tên". */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') {
      const label = parts.pop();
      parts.push(label ? t.itemAt(label, seg) : t.itemAt('Mục', seg));
    } else {
      const key = String(seg);
      parts.push(catalogText.fields[key] ?? key);
    }
  }
  return parts.join(', ');
}

function issueMessage(issue: z.core.$ZodIssue): { path: string; text: string } {
  const where = describePath(issue.path);
  return { path: issue.path.map(String).join('.'), text: where ? `${where}: ${issue.message}` : issue.message };
}

function codeOf(raw: unknown): string | null {
  const code = (raw as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.trim().slice(0, 40) : null;
}

export type ProcedureCheck = { ok: true; value: Procedure } | { ok: false; issues: { path: string; text: string }[] };

/** Validates and cleans one procedure record. */
export function checkProcedure(raw: unknown): ProcedureCheck {
  const r = procedureSchema.safeParse(raw, { error: catalogErrorMap });
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: r.error.issues.map(issueMessage) };
}

export interface CatalogCheck {
  /** The cleaned records, in file order; complete only when `errors` is empty. */
  procedures: Procedure[];
  /** `exportedAt` of the file, when given. */
  exportedAt: string | null;
  errors: CatalogIssue[];
}

/**
 * Checks a whole catalogue file: the envelope, every record, and duplicate codes within the
 * file. All problems are reported; a caller imports only when there are none.
 */
export function checkCatalogFile(raw: unknown): CatalogCheck {
  const env = catalogEnvelope.safeParse(raw, { error: catalogErrorMap });
  if (!env.success) {
    const wrongKind =
      typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== 'motcua-catalog';
    const errors: CatalogIssue[] = wrongKind
      ? [{ index: null, code: null, path: '', message: t.wrongFormat }]
      : env.error.issues.map((issue) => {
          const m = issueMessage(issue);
          return { index: null, code: null, path: m.path, message: `${t.fileLevel}: ${m.text}` };
        });
    return { procedures: [], exportedAt: null, errors };
  }
  const procedures: Procedure[] = [];
  const errors: CatalogIssue[] = [];
  const firstIndexOf = new Map<string, number>();
  env.data.procedures.forEach((raw, index) => {
    const r = checkProcedure(raw);
    if (!r.ok) {
      const code = codeOf(raw);
      for (const issue of r.issues) {
        errors.push({ index, code, path: issue.path, message: `${t.procedureAt(index, code)}: ${issue.text}` });
      }
      return;
    }
    const code = r.value.code;
    const first = firstIndexOf.get(code);
    if (first !== undefined) {
      errors.push({ index, code, path: 'code', message: `${t.procedureAt(index, code)}: ${t.duplicateProcedure(code, first)}` });
      return;
    }
    firstIndexOf.set(code, index);
    procedures.push(r.value);
  });
  return { procedures, exportedAt: env.data.exportedAt ?? null, errors };
}
