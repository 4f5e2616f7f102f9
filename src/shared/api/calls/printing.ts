import { z } from 'zod';
import { DOSSIER_FORMS, PAPER_SIZES, PRINT_PURPOSES } from '../../forms/form-kinds';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

// Forms, their archive, and printers (issue: forms and printing). A form is rendered from the
// dossier as it is now; once printed it is "issued": its exact bytes are kept with the dossier
// and every reprint sends those same bytes.

const idOrCode = z.string().min(1).max(100);
const paper = z.enum(PAPER_SIZES);

/** What to render: one of the dossier forms 01–06, the ledger 07 over a date range, or the 80 mm slip. */
export const formTarget = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('dossierForm'),
    dossier: idOrCode,
    form: z.enum(DOSSIER_FORMS),
    /** The form's own fields (reason, missing documents, new date); checked by the form's schema. */
    params: z.record(z.string(), z.unknown()).optional(),
    paper: paper.optional(),
  }),
  z.strictObject({ kind: z.literal('ledger'), from: z.iso.date(), to: z.iso.date(), paper: paper.optional() }),
  z.strictObject({ kind: z.literal('slip'), dossier: idOrCode }),
]);
export type FormTarget = z.input<typeof formTarget>;

export const renderedDocument = z.object({
  mediaType: z.enum(['application/pdf', 'image/png']),
  sha256: z.string(),
  size: z.number().int(),
  dataBase64: z.string(),
});
export type RenderedDocument = z.infer<typeof renderedDocument>;

export const printJobView = z.object({
  id: z.string(),
  printer: z.string(),
  driver: z.string(),
  copies: z.number().int(),
  reprint: z.boolean(),
  state: z.enum(['submitted', 'completed', 'failed']),
  reason: z.string().nullable(),
  submittedAt: isoInstant,
  submittedBy: z.string(),
});

export const issuedFormView = z.object({
  id: z.string(),
  dossierId: z.string().nullable(),
  form: z.string(),
  paper: z.string(),
  mediaType: z.string(),
  sha256: z.string(),
  issuedAt: isoInstant,
  issuedBy: z.string(),
  jobs: z.array(printJobView),
});
export type IssuedFormView = z.infer<typeof issuedFormView>;

const hostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, { message: 'tên máy hoặc địa chỉ IP không hợp lệ' });

/** Where each kind of document goes. A system printer (CUPS, Windows) or an ESC/POS printer on the network. */
export const printerChoice = z.discriminatedUnion('driver', [
  z.strictObject({
    driver: z.literal('system'),
    printer: lineText(200),
    copies: z.number().int().min(1).max(9).default(1),
    paper: paper.default('A4'),
  }),
  z.strictObject({ driver: z.literal('escpos'), host: hostName, port: z.number().int().min(1).max(65535).default(9100) }),
]);
export type PrinterChoice = z.output<typeof printerChoice>;

export const printerSettings = z.strictObject({
  forms: printerChoice.nullable().default(null),
  ledger: printerChoice.nullable().default(null),
  slip: printerChoice.nullable().default(null),
  /** A job not finished after this long is cancelled and reported with the printer's reason. */
  jobTimeoutSeconds: z.number().int().min(5).max(3600).default(180),
});
export type PrinterSettings = z.output<typeof printerSettings>;

export const printerInfo = z.object({
  name: z.string(),
  description: z.string(),
  isDefault: z.boolean(),
  state: z.enum(['idle', 'printing', 'stopped', 'unknown']),
  accepting: z.boolean(),
  reason: z.string().nullable(),
});

export const printResult = z.object({
  issuedFormId: z.string(),
  jobId: z.string(),
  printer: z.string(),
  systemJobId: z.string().nullable(),
  state: z.literal('completed'),
});
export type PrintResult = z.infer<typeof printResult>;

const copies = z.number().int().min(1).max(20).optional();
/** The caller's own mark for this print, echoed in its printing.progress events (several views may print at once). */
const clientRef = z.string().min(1).max(64).optional();

export const printingCalls = defineCalls({
  /** Renders without issuing: the preview the clerk sees before printing. */
  'forms.preview': { input: formTarget, output: renderedDocument },
  /** Every form issued for a dossier, newest first, with its print jobs. */
  'forms.issued': { input: z.strictObject({ dossier: idOrCode }), output: z.array(issuedFormView) },
  /** The exact bytes that were printed (the citizen's copy, reproduced). */
  'forms.issuedFile': { input: z.strictObject({ id: z.string().min(1).max(100) }), output: renderedDocument },
  /** Renders, archives and prints without a dialog on the printer chosen for the purpose (or `printer`). */
  'printing.print': {
    input: z.strictObject({ target: formTarget, printer: lineText(200, { required: false }).optional(), copies, clientRef }),
    output: printResult,
  },
  /** Sends an issued form's archived bytes again. */
  'printing.reprint': {
    input: z.strictObject({ issuedFormId: z.string().min(1).max(100), printer: lineText(200, { required: false }).optional(), copies, clientRef }),
    output: printResult,
  },
  'printing.printers': {
    input: z.strictObject({}),
    output: z.object({ driver: z.string(), printers: z.array(printerInfo), defaultPrinter: z.string().nullable() }),
  },
  'printing.settings': { input: z.strictObject({}), output: printerSettings },
  'printing.updateSettings': { input: printerSettings, output: printerSettings, access: 'admin' },
  /** A test page (or a test slip) on the printer chosen for the purpose. */
  'printing.testPage': { input: z.strictObject({ purpose: z.enum(PRINT_PURPOSES) }), output: printResult, access: 'admin' },
});

export const printingEvents = {
  /** Each poll of a print job, so the clerk sees "đang in", "máy in dừng: hết giấy"… */
  'printing.progress': z.object({
    jobId: z.string(),
    /** The clientRef the print was asked with (null: none, e.g. the CLI or a test page). */
    clientRef: z.string().nullable(),
    printer: z.string(),
    state: z.enum(['pending', 'held', 'processing', 'stopped', 'completed', 'canceled', 'aborted']),
    reason: z.string().nullable(),
  }),
} as const;
