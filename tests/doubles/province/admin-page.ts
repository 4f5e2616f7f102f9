import { z } from 'zod';
import { adminText as t, NATIONAL_STATUS_NAMES } from './admin-text';
import { FAULT_KINDS, faultPatch, type FaultConfig, type FaultPatch } from './faults';
import { HttpError, readBody, send, sendJson, type Exchange } from './http-util';
import type { CalendarDay, ProvinceStatusUpdate, ProvinceStore, StoredDossier } from './province-store';

// The double's admin page, /_admin: what the deciding agency and the trainer do by hand — set a
// dossier's status (it then shows in the feed, as a real agency's decision would), switch
// faults, publish a calendar day. Server-rendered HTML with every value escaped, plain forms
// (no script). The same POST routes take JSON, for the CLI's --url mode and for tests.
// No token (a local double), but only for requests that name our own host (DNS rebinding).

export const ADMIN_BASE = '/_admin';

export interface AdminOps {
  unitCode: string;
  urls: { url: string; nationalUrl: string; adminUrl: string };
  hostNames: string[];
  store: ProvinceStore;
  faults(): FaultConfig;
  setFaults(patch: FaultPatch): FaultConfig;
  clearFaults(): FaultConfig;
  stats(): object;
  setStatus(code: string, status: number, progress?: Omit<ProvinceStatusUpdate, 'status'>): StoredDossier | null;
  publishCatalog(procedure: Record<string, unknown>): void;
  publishCalendar(date: string, day: CalendarDay | null): void;
}

const FORM_CAP = 256 * 1024;
const LIST_MAX = 200;

export const adminStatusRequest = z.strictObject({
  code: z.string().min(1).max(64),
  status: z.number().int().min(1).max(10),
  handler: z.string().max(200).nullish(),
  title: z.string().max(200).nullish(),
  department: z.string().max(300).nullish(),
  content: z.string().max(2000).nullish(),
  result: z
    .object({
      documents: z.array(z.object({ name: z.string().min(1).max(500), documentCode: z.string().max(64).nullable(), fileId: z.string().max(200).nullable() })).max(100),
      note: z.string().max(2000).nullable(),
    })
    .nullish(),
});
const calendarRequest = z.strictObject({
  date: z.iso.date(),
  day: z.object({ kind: z.enum(['off', 'work']), name: z.string().min(1).max(200) }).nullable(),
});
const catalogRequest = z.strictObject({ procedure: z.record(z.string(), z.unknown()) });

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function statusOptions(selected: number): string {
  return Object.entries(NATIONAL_STATUS_NAMES)
    .map(([n, name]) => `<option value="${n}"${Number(n) === selected ? ' selected' : ''}>${n} — ${escapeHtml(name)}</option>`)
    .join('');
}

function dossierRow(d: StoredDossier, unit: string, index: number): string {
  const r = d.record;
  const id = `d${index}`;
  return `<tr>
  <td><code>${escapeHtml(r.code)}</code></td>
  <td>${escapeHtml(r.applicantName)}</td>
  <td>${escapeHtml(r.procedureName)}</td>
  <td>${r.status} — ${escapeHtml(NATIONAL_STATUS_NAMES[r.status] ?? '')}</td>
  <td>${d.version}</td>
  <td><form method="post" action="${ADMIN_BASE}/status" class="decide">
    <input type="hidden" name="code" value="${escapeHtml(r.code)}"><input type="hidden" name="unit" value="${escapeHtml(unit)}">
    <label for="${id}-status">${t.newStatus}</label> <select id="${id}-status" name="status">${statusOptions(r.status)}</select>
    <label for="${id}-handler">${t.handler}</label> <input id="${id}-handler" name="handler" maxlength="200" value="${escapeHtml(d.progress?.handler ?? '')}">
    <label for="${id}-content">${t.content}</label> <input id="${id}-content" name="content" maxlength="2000">
    <button type="submit">${t.apply}</button>
  </form></td>
</tr>`;
}

function faultsForm(f: FaultConfig): string {
  const kinds = FAULT_KINDS.map(
    (k) => `<label><input type="checkbox" name="kinds" value="${k}"${f.kinds.includes(k) ? ' checked' : ''}> ${escapeHtml(t.faultNames[k])} <code>${k}</code></label>`,
  ).join('<br>');
  return `<form method="post" action="${ADMIN_BASE}/faults">
  <p><label for="rate">${t.rate}</label> <input id="rate" name="rate" type="number" min="0" max="1" step="0.01" value="${f.rate}"></p>
  <fieldset><legend>${t.kinds}</legend>${kinds}</fieldset>
  <p><label for="seed">${t.seed}</label> <input id="seed" name="seed" type="number" step="1" value="${f.seed ?? ''}"></p>
  <p><label><input type="checkbox" name="down" value="on"${f.down ? ' checked' : ''}> ${t.down}</label></p>
  <p><label for="clockOffsetMs">${t.clockOffset}</label> <input id="clockOffsetMs" name="clockOffsetMs" type="number" step="1" value="${f.clockOffsetMs}"></p>
  <p><label for="timeoutHoldMs">${t.timeoutHold}</label> <input id="timeoutHoldMs" name="timeoutHoldMs" type="number" min="0" step="1" value="${f.timeoutHoldMs}"></p>
  <button type="submit">${t.saveFaults}</button>
</form>
<form method="post" action="${ADMIN_BASE}/faults/clear"><button type="submit">${t.clearFaults}</button></form>`;
}

function calendarForm(): string {
  return `<form method="post" action="${ADMIN_BASE}/calendar">
  <p><label for="cal-date">${t.date}</label> <input id="cal-date" name="date" type="date" required>
  <label for="cal-name">${t.dayName}</label> <input id="cal-name" name="name" maxlength="200"></p>
  <button type="submit" name="kind" value="off">${t.publishOff}</button>
  <button type="submit" name="kind" value="work">${t.publishWork}</button>
  <button type="submit" name="kind" value="withdraw">${t.withdraw}</button>
</form>`;
}

function page(ops: AdminOps, unit: string, done: string | null): string {
  const dossiers = ops.store.dossiers(unit, LIST_MAX);
  const total = ops.store.dossierCount(unit);
  const units = ops.store.units().filter((u) => u !== unit);
  const stats = ops.stats() as { requests?: number; faultsInjected?: number };
  const notice = done && t.done[done] ? `<p role="status" class="notice">${escapeHtml(t.done[done])}</p>` : '';
  const table = dossiers.length
    ? `<p>${escapeHtml(t.shown(dossiers.length, total))}</p>
<table><thead><tr><th scope="col">${t.code}</th><th scope="col">${t.applicant}</th><th scope="col">${t.procedure}</th><th scope="col">${t.status}</th><th scope="col">${t.version}</th><th scope="col">${t.decide}</th></tr></thead>
<tbody>${dossiers.map((d, i) => dossierRow(d, unit, i)).join('\n')}</tbody></table>`
    : `<p>${t.noDossiers}</p>`;
  const otherUnits = units.length
    ? `<p>${t.otherUnits}: ${units.map((u) => `<a href="${ADMIN_BASE}?unit=${encodeURIComponent(u)}">${escapeHtml(u)}</a>`).join(', ')}</p>`
    : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${t.title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:80rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
form.decide{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}.notice{background:#e6f4ea;padding:.5rem;border:1px solid #8c8}
fieldset{margin:.5rem 0}section{margin-bottom:2rem}td code{white-space:nowrap}
</style></head>
<body><main>
<h1>${t.title}</h1>
<p>${t.lead}</p>
${notice}
<section><h2>${t.endpoints}</h2>
<ul><li>${t.protocolUrl}: <code>${escapeHtml(ops.urls.url)}</code></li><li>${t.nationalUrl}: <code>${escapeHtml(ops.urls.nationalUrl)}</code></li></ul>
<p>${t.requests}: ${stats.requests ?? 0} · ${t.injected}: ${stats.faultsInjected ?? 0}</p></section>
<section><h2>${escapeHtml(t.dossiersOf(unit))}</h2>${otherUnits}${table}</section>
<section><h2>${t.faults}</h2>${faultsForm(ops.faults())}</section>
<section><h2>${t.calendar}</h2>${calendarForm()}</section>
</main></body></html>`;
}

// ---- requests ------------------------------------------------------------------------------

function isJson(ex: Exchange): boolean {
  return (ex.req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

async function readInput(ex: Exchange): Promise<{ json: unknown } | { form: URLSearchParams }> {
  const body = (await readBody(ex.req, FORM_CAP)).toString('utf8');
  if (!isJson(ex)) return { form: new URLSearchParams(body) };
  try {
    return { json: JSON.parse(body) as unknown };
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not JSON');
  }
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', `${t.errors.invalid}: ${z.prettifyError(parsed.error)}`.slice(0, 2000));
  return parsed.data;
}

const blankToNull = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
const numberOrRaw = (v: string | null) => (v === null || v.trim() === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);

function faultsFromForm(form: URLSearchParams): FaultPatch {
  const seed = numberOrRaw(form.get('seed'));
  return parseWith(faultPatch, {
    rate: numberOrRaw(form.get('rate')) ?? 0,
    kinds: form.getAll('kinds'),
    ...(seed !== undefined ? { seed } : {}),
    down: form.get('down') === 'on',
    clockOffsetMs: numberOrRaw(form.get('clockOffsetMs')) ?? 0,
    timeoutHoldMs: numberOrRaw(form.get('timeoutHoldMs')) ?? 30_000,
  });
}

function redirect(ex: Exchange, done: string, unit?: string | null): void {
  const query = new URLSearchParams({ done, ...(unit ? { unit } : {}) });
  send(ex, 303, '', { Location: `${ADMIN_BASE}?${query}` });
}

/** Admin routes never draw faults; an error is HTML for a form, JSON for a script. */
export async function handleAdmin(ops: AdminOps, ex: Exchange, path: string): Promise<void> {
  const host = (ex.req.headers.host ?? '').toLowerCase();
  if (!ops.hostNames.includes(host)) throw new HttpError(403, 'forbidden_host', t.errors.host);
  const method = ex.req.method ?? 'GET';

  if (method === 'GET' && (path === '' || path === '/')) {
    const unit = ex.url.searchParams.get('unit') || ops.unitCode;
    return send(ex, 200, page(ops, unit, ex.url.searchParams.get('done')), { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
  }
  if (method === 'GET' && path === '/state') return sendJson(ex, 200, { faults: ops.faults(), stats: ops.stats(), ...ops.urls, unitCode: ops.unitCode });
  if (method !== 'POST') throw new HttpError(404, 'not_found', 'no such admin route');

  const input = await readInput(ex);
  if (path === '/faults') {
    const faults = 'json' in input ? ops.setFaults(parseWith(faultPatch, input.json)) : ops.setFaults(faultsFromForm(input.form));
    return 'json' in input ? sendJson(ex, 200, { faults }) : redirect(ex, 'faults');
  }
  if (path === '/faults/clear') {
    const faults = ops.clearFaults();
    return 'json' in input ? sendJson(ex, 200, { faults }) : redirect(ex, 'clear');
  }
  if (path === '/status') {
    const request =
      'json' in input
        ? parseWith(adminStatusRequest, input.json)
        : parseWith(adminStatusRequest, {
            code: input.form.get('code') ?? '',
            status: Number(input.form.get('status')),
            handler: blankToNull(input.form.get('handler')),
            content: blankToNull(input.form.get('content')),
          });
    const { code, status, ...progress } = request;
    const dossier = ops.setStatus(code, status, progress);
    if (!dossier) throw new HttpError(404, 'unknown_dossier', `${t.errors.notFound} ${code}`);
    return 'json' in input ? sendJson(ex, 200, { code, status: dossier.record.status, version: dossier.version }) : redirect(ex, 'status', input.form.get('unit'));
  }
  if (path === '/calendar') {
    const request =
      'json' in input
        ? parseWith(calendarRequest, input.json)
        : parseWith(calendarRequest, {
            date: input.form.get('date') ?? '',
            day: input.form.get('kind') === 'withdraw' ? null : { kind: input.form.get('kind'), name: blankToNull(input.form.get('name')) ?? (input.form.get('kind') === 'off' ? 'Ngày nghỉ' : 'Ngày làm việc bù') },
          });
    ops.publishCalendar(request.date, request.day);
    return 'json' in input ? sendJson(ex, 200, { ok: true }) : redirect(ex, 'calendar');
  }
  if (path === '/catalog' && 'json' in input) {
    ops.publishCatalog(parseWith(catalogRequest, input.json).procedure);
    return sendJson(ex, 200, { ok: true });
  }
  throw new HttpError(404, 'not_found', 'no such admin route');
}

/** An admin error: a short HTML page for a person, JSON for a script. */
export function adminError(ex: Exchange, e: HttpError): void {
  if (isJson(ex) || (ex.req.headers.accept ?? '').includes('application/json')) return sendJson(ex, e.status, { error: e.code, message: e.message });
  send(
    ex,
    e.status,
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${t.title}</title></head><body><main><h1>${e.status}</h1><p>${escapeHtml(e.message)}</p><p><a href="${ADMIN_BASE}">${t.title}</a></p></main></body></html>`,
    { 'Content-Type': 'text/html; charset=utf-8' },
  );
}
