import { z } from 'zod';
import { TRANSITIONS } from '../../dossier/status';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

// A dossier as the counter records it (issue: intake). Applicant fields are validated again
// in the core with the identity rules (personal ID, phone, e-mail).

const optionalText = (max: number) => lineText(max, { required: false }).optional();
const count = z.number().int().min(0).max(99);

export const applicantInput = z.strictObject({
  kind: z.enum(['person', 'organisation']),
  fullName: lineText(200),
  /** 12-digit personal ID (or old 9-digit CMND) for a person; tax or registration number for an organisation. */
  idNumber: optionalText(20),
  birthDate: z.iso.date().optional(),
  gender: z.enum(['male', 'female']).optional(),
  address: lineText(300),
  phone: optionalText(20),
  email: optionalText(120),
});
export type ApplicantInput = z.input<typeof applicantInput>;
export type Applicant = z.output<typeof applicantInput>;

export const checklistItem = z.strictObject({
  code: lineText(40),
  name: lineText(1000),
  handedOver: z.boolean(),
  originals: count,
  certifiedCopies: count,
  photocopies: count,
  note: optionalText(500),
});
export type ChecklistItem = z.output<typeof checklistItem>;

export const resultDelivery = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('counter') }),
  z.strictObject({ method: z.literal('post'), address: lineText(300) }),
]);

export const receiveInput = z.strictObject({
  /** Made by the form once per dossier: a repeated save (retry, double Enter) returns the first. */
  requestId: z.uuid(),
  /** The catalogue version the clerk chose (catalog.search / catalog.get). */
  procedureId: z.string().min(1).max(100),
  applicant: applicantInput,
  /** The person at the counter: the owner, or a representative of the owner below. */
  role: z.enum(['owner', 'representative']),
  owner: applicantInput.optional(),
  checklist: z.array(checklistItem).max(100),
  sets: z.number().int().min(1).max(20),
  /** For fees charged per copy or per page. */
  copies: z.number().int().min(1).max(1000).default(1),
  pages: z.number().int().min(0).max(10000).default(0),
  /** KenhThucHien: 1 at the counter, 3 by public post. */
  channel: z.union([z.literal(1), z.literal(3)]).default(1),
  resultDelivery: resultDelivery.default({ method: 'counter' }),
  decidingAuthority: optionalText(300),
  summary: lineText(1000, { required: false }).default(''),
});
export type ReceiveInput = z.input<typeof receiveInput>;

export const feeLine = z.object({ code: z.string(), name: z.string(), quantity: z.number(), unitAmount: z.number(), amount: z.number() });

export const historyEntry = z.object({
  at: isoInstant,
  actor: z.string(),
  action: z.string(),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const dossierSummary = z.object({
  id: z.string(),
  code: z.string().nullable(),
  status: z.number().int(),
  applicantName: z.string(),
  procedureName: z.string(),
  receivedAt: isoInstant,
  dueAt: isoInstant.nullable(),
});
export type DossierSummary = z.infer<typeof dossierSummary>;

export const dossierDetail = dossierSummary.extend({
  revision: z.number().int(),
  procedure: z.object({ id: z.string().nullable(), code: z.string().nullable(), name: z.string(), version: z.number().int().nullable() }),
  applicant: applicantInput.nullable(),
  role: z.enum(['owner', 'representative']),
  owner: applicantInput.nullable(),
  checklist: z.array(checklistItem),
  sets: z.number().int(),
  fees: z.object({ lines: z.array(feeLine), total: z.number().int() }),
  channel: z.number().int(),
  resultDelivery,
  receivingUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
  decidingAuthority: z.string().nullable(),
  summary: z.string(),
  receivedBy: z.string().nullable(),
  pausedAt: isoInstant.nullable(),
  history: z.array(historyEntry),
});
export type DossierDetail = z.infer<typeof dossierDetail>;

/**
 * What `dossiers.receive` answers: the saved dossier and, when its scanned pages could not be
 * assembled into PDFs, why (in Vietnamese). The dossier is saved either way; the pages are kept
 * for `scans.retryAttach`.
 */
export const receivedDossier = dossierDetail.extend({ attachWarning: z.string().optional() });
export type ReceivedDossier = z.infer<typeof receivedDossier>;

const listLimit = z.number().int().min(1).max(500).default(100);

export const todayLists = z.object({
  receivedToday: z.array(dossierSummary),
  dueToday: z.array(dossierSummary),
  overdue: z.array(dossierSummary),
  waitingSupplement: z.array(dossierSummary),
  resultsToHandBack: z.array(dossierSummary),
  counts: z.object({
    receivedToday: z.number().int(),
    dueToday: z.number().int(),
    overdue: z.number().int(),
    waitingSupplement: z.number().int(),
    resultsToHandBack: z.number().int(),
  }),
});
export type TodayLists = z.infer<typeof todayLists>;

export const transitionAction = z.enum(Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS, ...(keyof typeof TRANSITIONS)[]]);

export const dossierCalls = defineCalls({
  /** Records a complete dossier: code, due date, rows, outbox and audit in one transaction. */
  'dossiers.receive': { input: receiveInput, output: receivedDossier },
  'dossiers.get': { input: z.strictObject({ idOrCode: z.string().min(1).max(100) }), output: dossierDetail },
  'dossiers.today': { input: z.strictObject({ limit: listLimit }), output: todayLists },
  /** By code, ID number, phone, or the applicant's name typed with or without diacritics. */
  'dossiers.search': {
    input: z.strictObject({ query: lineText(200), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ kind: z.enum(['code', 'idNumber', 'phone', 'name']), results: z.array(dossierSummary) }),
  },
  /** A returning applicant found by ID number (null when new). */
  'applicants.find': { input: z.strictObject({ idNumber: lineText(20) }), output: applicantInput.nullable() },
  /** A lifecycle step; `revision` guards against two clerks changing one dossier at once. */
  'dossiers.transition': {
    input: z.strictObject({
      id: z.string().min(1).max(100),
      revision: z.number().int().min(1),
      action: transitionAction,
      /** Refusal reason, what is missing, why withdrawn… (required where the form needs it). */
      note: optionalText(1000),
      /** Result handed back: to whom and how. */
      returnedTo: optionalText(200),
      returnMethod: z.enum(['counter', 'post']).optional(),
    }),
    output: dossierDetail,
  },
});
