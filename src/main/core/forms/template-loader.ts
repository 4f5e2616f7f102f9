import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import type { FormKind } from '../../../shared/forms/form-kinds';
import { formsText } from '../../../shared/i18n/vi-forms';
import { knownNames, LIST_FIELDS } from './form-data';
import { placeholdersOf } from './pdf/rich-text';
import { BLOCK_TYPES, formTemplate, type FormTemplate } from './template-schema';

// Templates are read from resources/forms/NN.json, checked (shape, then every {placeholder}
// against the data the form has), and kept until the file changes, so an admin's edit shows on
// the next print without a restart, and a mistake is reported with where it is and what is wrong.

const t = formsText.template;

function nfcDeep<T>(v: T): T {
  if (typeof v === 'string') return v.normalize('NFC') as T;
  if (Array.isArray(v)) return v.map(nfcDeep) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nfcDeep(x)])) as T;
  return v;
}

const pathText = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** Every placeholder must name a value of this form (or, in a table's cells, a field of its rows). */
function placeholderProblems(tpl: FormTemplate): string[] {
  const known = knownNames(tpl.form);
  const values = new Set(known.values);
  const problems: string[] = [];
  const check = (where: string, text: string | undefined, extra: ReadonlySet<string> = new Set()) => {
    for (const name of placeholdersOf(text ?? '')) {
      if (!values.has(name) && !extra.has(name)) problems.push(t.unknownPlaceholder(t.at(where), name));
    }
  };
  const checkWhen = (where: string, when: string | string[] | undefined) => {
    for (const w of when === undefined ? [] : Array.isArray(when) ? when : [when]) {
      const name = w.replace(/^!/, '');
      if (!values.has(name)) problems.push(t.unknownPlaceholder(t.at(`${where}.when`), name));
    }
  };
  if (tpl.pageNumbers) check('pageNumbers.text', tpl.pageNumbers.text, new Set(['page', 'pages']));
  tpl.blocks.forEach((b, i) => {
    const at = `blocks[${i}]`;
    checkWhen(at, b.when);
    switch (b.type) {
      case 'text':
      case 'title':
      case 'footnote':
        check(`${at}.text`, b.text);
        break;
      case 'field':
        check(`${at}.label`, b.label);
        check(`${at}.value`, b.value);
        break;
      case 'columns':
        b.columns.forEach((c, ci) =>
          c.lines.forEach((l, li) => {
            if ('text' in l) {
              check(`${at}.columns[${ci}].lines[${li}].text`, l.text);
              checkWhen(`${at}.columns[${ci}].lines[${li}]`, l.when);
            }
          }),
        );
        break;
      case 'table': {
        const fields = LIST_FIELDS[b.rows];
        if (!fields || !known.lists.includes(b.rows)) {
          problems.push(t.unknownList(t.at(`${at}.rows`), b.rows, known.lists.join(', ')));
          break;
        }
        const rowNames = new Set([...fields, 'no']);
        b.columns.forEach((c, ci) => {
          check(`${at}.columns[${ci}].header`, c.header);
          check(`${at}.columns[${ci}].value`, c.value, rowNames);
        });
        check(`${at}.emptyText`, b.emptyText);
        break;
      }
      case 'codes':
        b.items.forEach((it, ii) => {
          check(`${at}.items[${ii}].value`, it.value);
          check(`${at}.items[${ii}].caption`, it.caption);
          checkWhen(`${at}.items[${ii}]`, it.when);
        });
        break;
      default:
        break;
    }
  });
  return problems;
}

/** Parses and checks a template's text; `file` names it in errors. */
export function parseTemplate(json: string, file: string, expected: FormKind): FormTemplate {
  const invalid = (detail: string) => new AppError('FORM_TEMPLATE_INVALID', { file, detail });
  let raw: unknown;
  try {
    raw = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(t.json((e as Error).message));
  }
  const parsed = formTemplate.safeParse(nfcDeep(raw), { error: z.locales.vi().localeError });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => {
      // An unknown block type: say which ones exist.
      const hint = i.path.at(-1) === 'type' ? ` (${t.blockTypes(BLOCK_TYPES.join(', '))})` : '';
      return i.path.length ? `${t.at(pathText(i.path))}: ${i.message}${hint}` : i.message;
    });
    throw invalid(issues.join('; '));
  }
  if (parsed.data.form !== expected) throw invalid(t.wrongForm(parsed.data.form, expected));
  const problems = placeholderProblems(parsed.data);
  if (problems.length) throw invalid(problems.slice(0, 5).join('; '));
  return parsed.data;
}

export function templateFile(resourcesDir: string, kind: FormKind): string {
  return join(resourcesDir, 'forms', `${kind}.json`);
}

export class TemplateStore {
  private readonly cache = new Map<FormKind, { mtimeMs: number; size: number; template: FormTemplate }>();

  constructor(private readonly resourcesDir: string) {}

  get(kind: FormKind): FormTemplate {
    const file = templateFile(this.resourcesDir, kind);
    if (!existsSync(file)) throw new AppError('FORM_TEMPLATE_MISSING', { file });
    const st = statSync(file);
    const hit = this.cache.get(kind);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.template;
    const template = parseTemplate(readFileSync(file, 'utf8'), file, kind);
    this.cache.set(kind, { mtimeMs: st.mtimeMs, size: st.size, template });
    return template;
  }
}
