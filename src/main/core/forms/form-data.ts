import type { Applicant, DossierDetail } from '../../../shared/api/calls/dossiers';
import type { OfficeProfile } from '../../../shared/api/calls/office';
import type { DossierFormKind, FormKind } from '../../../shared/forms/form-kinds';
import { dossierText } from '../../../shared/i18n/vi-dossier';
import { formsText } from '../../../shared/i18n/vi-forms';
import { vnDateKey } from '../../../shared/time/vn-time';
import { dateParts, dayKeyNumeric, momentText, numericDateTime } from './form-dates';
import type { ResolvedParams } from './form-params-resolve';
import type { LedgerRow } from './ledger-row';

// What templates can print: named values ({dossier.code}) and named lists (table rows). Every
// value is text, already formatted and NFC, so templates only choose and arrange. The names are
// listed here once; template validation refuses any other, and resources/forms/README.md lists them.

export type Row = Record<string, string>;

export interface FormData {
  values: Row;
  lists: Record<string, Iterable<Row>>;
}

const PERSON_FIELDS = ['fullName', 'idNumber', 'address', 'phone', 'email', 'birthDate', 'gender'] as const;
const person = (prefix: string) => PERSON_FIELDS.map((f) => `${prefix}.${f}`);

const COMMON_VALUES = [
  'form.title',
  'form.number',
  'copy.label',
  'office.agencyName',
  'office.unitName',
  'office.unitCode',
  'office.address',
  'office.place',
  'today.day',
  'today.month',
  'today.year',
  'today.date',
  'clerk.name',
] as const;

export const DOSSIER_VALUES: readonly string[] = [
  ...COMMON_VALUES,
  'dossier.code',
  'dossier.procedureCode',
  'dossier.procedureName',
  'dossier.sets',
  'dossier.summary',
  'dossier.decidingAuthority',
  'dossier.receivingUnit',
  'dossier.status',
  'dossier.channel',
  'dossier.processingTime',
  'received.moment',
  'received.date',
  'received.time',
  'due.moment',
  'due.date',
  'due.time',
  'delivery.text',
  'fees.total',
  'fees.text',
  'lookup.url',
  ...person('applicant'),
  ...person('owner'),
  ...person('holder'),
  'reason',
  'newDue.moment',
  'newDue.date',
  'newDue.time',
];

export const LEDGER_VALUES: readonly string[] = [...COMMON_VALUES, 'range.from', 'range.to', 'range.text'];

/** Fields of each list's rows; every row also has {no}, its number from 1. */
export const LIST_FIELDS: Record<string, readonly string[]> = {
  checklist: ['name', 'code', 'originals', 'certifiedCopies', 'photocopies', 'note'],
  missing: ['name', 'quantity', 'note'],
  history: ['action', 'at', 'note', 'result'],
  fees: ['name', 'quantity', 'unitAmount', 'amount'],
  ledger: [
    'code',
    'procedureCode',
    'procedureName',
    'applicantName',
    'address',
    'phone',
    'addressPhone',
    'decidingAuthority',
    'received',
    'due',
    'returned',
    'returnedTo',
    'returnMethod',
    'status',
  ],
};

export function knownNames(kind: FormKind): { values: readonly string[]; lists: readonly string[] } {
  return kind === '07'
    ? { values: LEDGER_VALUES, lists: ['ledger'] }
    : { values: DOSSIER_VALUES, lists: ['checklist', 'missing', 'history', 'fees'] };
}

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** One printed line: NFC (decomposed input would draw its marks beside the letters), no control characters, single spaces. */
export function clean(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return String(s).normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

const money = (n: number) => formsText.money(new Intl.NumberFormat('vi-VN').format(n));

function personValues(prefix: string, p: Applicant | null): Row {
  const birth = p?.birthDate ? p.birthDate.split('-').reverse().join('/') : '';
  return {
    [`${prefix}.fullName`]: clean(p?.fullName),
    [`${prefix}.idNumber`]: clean(p?.idNumber),
    [`${prefix}.address`]: clean(p?.address),
    [`${prefix}.phone`]: clean(p?.phone),
    [`${prefix}.email`]: clean(p?.email),
    [`${prefix}.birthDate`]: birth,
    [`${prefix}.gender`]: p?.gender ? formsText.genders[p.gender] ?? '' : '',
  };
}

function momentValues(prefix: string, iso: string | Date | null): Row {
  if (!iso) return { [`${prefix}.moment`]: '', [`${prefix}.date`]: '', [`${prefix}.time`]: '' };
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  const p = dateParts(at);
  return { [`${prefix}.moment`]: momentText(at), [`${prefix}.date`]: p.numeric, [`${prefix}.time`]: `${p.hour}:${p.minute}` };
}

export interface FormContextLike {
  office: OfficeProfile;
  now: Date;
  clerkName: string;
}

function commonValues(kind: FormKind, ctx: FormContextLike): Row {
  const o = ctx.office;
  const today = dateParts(ctx.now);
  return {
    'form.title': formsText.titles[kind]!,
    'form.number': formsText.formNumber(kind),
    'copy.label': '',
    'office.agencyName': clean(o.agencyName),
    'office.unitName': clean(o.unitName),
    'office.unitCode': clean(o.unitCode),
    'office.address': clean(o.address),
    'office.place': clean(o.place),
    'today.day': today.day,
    'today.month': today.month,
    'today.year': today.year,
    'today.date': today.numeric,
    'clerk.name': clean(ctx.clerkName),
  };
}

/** Whether a step was done before, on or after the due date (form 06). */
function timeliness(at: string, dueAt: string | null): string {
  if (!dueAt) return '';
  const day = vnDateKey(new Date(at));
  const dueDay = vnDateKey(new Date(dueAt));
  if (day < dueDay) return formsText.timeliness.early;
  return Date.parse(at) <= Date.parse(dueAt) ? formsText.timeliness.onTime : formsText.timeliness.late;
}

const RESULT_STATUSES: readonly number[] = [9, 10];

export function dossierFormData(kind: DossierFormKind, d: DossierDetail, params: ResolvedParams, ctx: FormContextLike): FormData {
  const holder = d.owner ?? d.applicant;
  const delivery =
    d.resultDelivery.method === 'post'
      ? formsText.delivery.post(clean(d.resultDelivery.address))
      : ctx.office.address
        ? formsText.delivery.counterAt(clean(ctx.office.address))
        : formsText.delivery.counter;
  const fees = d.fees.total > 0 ? money(d.fees.total) : formsText.noFee;
  const feeText =
    d.fees.total > 0 && d.fees.lines.length > 0
      ? d.fees.lines.map((l) => formsText.feeLine(clean(l.name), money(l.amount))).join('; ')
      : fees;
  const lookup = ctx.office.lookupUrlPattern && d.code ? ctx.office.lookupUrlPattern.replace('{code}', encodeURIComponent(d.code)) : '';

  const values: Row = {
    ...commonValues(kind, ctx),
    'dossier.code': clean(d.code),
    'dossier.procedureCode': clean(d.procedure.code),
    'dossier.procedureName': clean(d.procedure.name || d.procedureName),
    'dossier.sets': String(d.sets),
    'dossier.summary': clean(d.summary),
    'dossier.decidingAuthority': clean(d.decidingAuthority),
    'dossier.receivingUnit': clean(d.receivingUnit?.name ?? ctx.office.unitName),
    'dossier.status': dossierText.status[d.status] ?? String(d.status),
    'dossier.channel': formsText.channel[d.channel] ?? '',
    'dossier.processingTime': clean(params.processingTime),
    ...momentValues('received', d.receivedAt),
    ...momentValues('due', d.dueAt),
    'delivery.text': delivery,
    'fees.total': fees,
    'fees.text': feeText,
    'lookup.url': lookup,
    ...personValues('applicant', d.applicant),
    ...personValues('owner', d.owner),
    ...personValues('holder', holder),
    reason: clean(params.reason),
    ...momentValues('newDue', params.newDueAt),
  };

  const checklist = d.checklist
    .filter((c) => c.handedOver)
    .map((c) => ({
      name: clean(c.name),
      code: clean(c.code),
      originals: String(c.originals),
      certifiedCopies: String(c.certifiedCopies),
      photocopies: String(c.photocopies),
      note: clean(c.note),
    }));
  const missing = params.missing.map((m) => ({ name: clean(m.name), quantity: m.quantity ? String(m.quantity) : '', note: clean(m.note) }));
  const history = d.history.map((h) => ({
    action: clean(dossierText.historyActions[h.action] ?? h.action),
    at: numericDateTime(new Date(h.at)),
    note: clean(h.note),
    result: h.toStatus !== null && RESULT_STATUSES.includes(h.toStatus) ? timeliness(h.at, d.dueAt) : '',
  }));
  const feeRows = d.fees.lines.map((l) => ({
    name: clean(l.name),
    quantity: String(l.quantity),
    unitAmount: money(l.unitAmount),
    amount: money(l.amount),
  }));
  return { values, lists: { checklist, missing, history, fees: feeRows } };
}

export function ledgerRowValues(r: LedgerRow): Row {
  const address = clean(r.address);
  const phone = clean(r.phone);
  return {
    code: clean(r.code),
    procedureCode: clean(r.procedureCode),
    procedureName: clean(r.procedureName),
    applicantName: clean(r.applicantName),
    address,
    phone,
    addressPhone: [address, phone].filter(Boolean).join('; '),
    decidingAuthority: clean(r.decidingAuthority),
    received: numericDateTime(new Date(r.receivedAt)),
    due: r.dueAt ? numericDateTime(new Date(r.dueAt)) : '',
    returned: r.returnedAt ? numericDateTime(new Date(r.returnedAt)) : '',
    returnedTo: clean(r.returnedTo),
    returnMethod: r.returnMethod ? formsText.returnMethod[r.returnMethod] ?? '' : '',
    status: dossierText.status[r.status] ?? String(r.status),
  };
}

function* mapRows(rows: Iterable<LedgerRow>): Generator<Row> {
  for (const r of rows) yield ledgerRowValues(r);
}

export function ledgerFormData(rows: Iterable<LedgerRow>, range: { from: string; to: string }, ctx: FormContextLike): FormData {
  const from = dayKeyNumeric(range.from);
  const to = dayKeyNumeric(range.to, -1);
  return {
    values: { ...commonValues('07', ctx), 'range.from': from, 'range.to': to, 'range.text': formsText.ledgerRange(from, to) },
    lists: { ledger: mapRows(rows) },
  };
}
