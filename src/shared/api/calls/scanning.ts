import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

// Scanning paper into the dossier being received (issue: scanning). Pages belong to a session
// bound to the intake form's requestId (the future dossier's id) until the dossier is saved.

const requestId = z.uuid();
const id = z.string().min(1).max(100);

export const scanSettings = z.strictObject({
  source: z.enum(['platen', 'adf']).default('adf'),
  duplex: z.boolean().default(false),
  colorMode: z.enum(['color', 'grayscale', 'bw']).default('grayscale'),
  resolution: z.number().int().min(75).max(1200).default(200),
  format: z.enum(['jpeg', 'pdf']).default('jpeg'),
});
export type ScanSettingsInput = z.input<typeof scanSettings>;

/** A scanner the admin set up: a network (eSCL) scanner, a SANE device, or a scan-to-folder directory. */
export const scannerDevice = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('escl'),
    id: lineText(60),
    name: lineText(120),
    /** As the admin typed it (IP, IP:port, URL); the core stores the eSCL base URL http(s)://host:port/eSCL. */
    url: lineText(300),
    /** SHA-256 of the scanner's self-signed certificate, pinned by the admin (as pasted; stored as AB:CD:… ). */
    pinnedCertSha256: lineText(200).nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('sane'), id: lineText(60), name: lineText(120), device: lineText(200) }),
  z.strictObject({ kind: z.literal('folder'), id: lineText(60), name: lineText(120), dir: lineText(500) }),
]);
export type ScannerDevice = z.output<typeof scannerDevice>;

export const scanLimits = z.strictObject({
  maxFileBytes: z.number().int().min(1_000_000).max(500_000_000).default(50_000_000),
  maxPages: z.number().int().min(1).max(2000).default(300),
  maxPixels: z.number().int().min(1_000_000).max(400_000_000).default(60_000_000),
});

/**
 * How long scanned pages are kept, in days since their session last changed: pages the clerk
 * discarded, pages already assembled into a saved dossier's PDFs (the PDFs stay), and pages of a
 * session left open by a crash or a closed form (offered back until then).
 */
export const scanRetention = z.strictObject({
  discardedDays: z.number().int().min(1).max(3650).default(7),
  committedDays: z.number().int().min(1).max(3650).default(30),
  openDays: z.number().int().min(1).max(3650).default(30),
});
export type ScanRetention = z.output<typeof scanRetention>;

export const scanningSettings = z.strictObject({
  devices: z.array(scannerDevice).max(20).default([]),
  defaultDeviceId: z.string().max(60).nullable().default(null),
  /** Scan profiles: the default (200 dpi greyscale JPEG) and one per kind of document (by checklist code). */
  profiles: z
    .strictObject({ default: scanSettings.default(scanSettings.parse({})), byDocument: z.record(z.string().max(40), scanSettings).default({}) })
    .default({ default: scanSettings.parse({}), byDocument: {} }),
  limits: scanLimits.default(scanLimits.parse({})),
  /** Settings stored before retention existed parse with the defaults. */
  retention: scanRetention.default(scanRetention.parse({})),
});
export type ScanningSettings = z.output<typeof scanningSettings>;

/** What one pruning run removed (scans.prune, the daily run, `motcua scan prune`). */
export const scanPruneOutcome = z.object({
  sessions: z.number().int(),
  pages: z.number().int(),
  files: z.number().int(),
  bytes: z.number().int(),
});
export type ScanPruneOutcome = z.infer<typeof scanPruneOutcome>;

export const scanPageView = z.object({
  id: z.string(),
  seq: z.number().int(),
  mediaType: z.string(),
  documentCode: z.string().nullable(),
  position: z.number().int(),
  rotation: z.number().int(),
  blank: z.boolean(),
  removed: z.boolean(),
  origin: z.string(),
});
export type ScanPageView = z.infer<typeof scanPageView>;

export const scanSessionView = z.object({
  id: z.string(),
  requestId: z.string(),
  state: z.enum(['open', 'committed', 'discarded']),
  running: z.boolean(),
  received: z.number().int(),
  message: z.string(),
  /** The last scan's failure, in Vietnamese (jam, empty feeder…); pages before it are kept. */
  error: z.string().nullable(),
  pages: z.array(scanPageView),
});
export type ScanSessionView = z.infer<typeof scanSessionView>;

export const pageArrangement = z.strictObject({
  id,
  documentCode: z.string().max(40).nullable(),
  position: z.number().int().min(0).max(100_000),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  removed: z.boolean(),
});

export const attachmentView = z.object({
  id: z.string(),
  documentCode: z.string(),
  documentName: z.string(),
  sha256: z.string(),
  pages: z.number().int(),
  size: z.number().int(),
  createdAt: isoInstant,
});

/**
 * One import call carries one file as base64 in JSON (browser mode reads bodies up to 72 MiB):
 * this many characters, so files up to IMPORT_MAX_FILE_BYTES. Larger files go through the
 * watched folder, which reads them from disk.
 */
export const IMPORT_MAX_BASE64 = 70_000_000;
export const IMPORT_MAX_FILE_BYTES = (IMPORT_MAX_BASE64 / 4) * 3;

export const scanningCalls = defineCalls({
  'scanning.settings': { input: z.strictObject({}), output: scanningSettings },
  'scanning.updateSettings': { input: scanningSettings, output: scanningSettings, access: 'admin' },
  /** Network scanners announced by mDNS (_uscan._tcp) on this network; typing an address works too. */
  'scanning.discover': {
    input: z.strictObject({ timeoutMs: z.number().int().min(200).max(10_000).default(3000) }),
    output: z.array(z.object({ name: z.string(), url: z.string() })),
    access: 'admin',
  },
  /** Starts scanning into the dossier being received; pages arrive as 'scans.changed' events. */
  'scans.start': {
    input: z.strictObject({
      requestId,
      deviceId: z.string().max(60).optional(),
      documentCode: z.string().max(40).nullable().default(null),
      settings: scanSettings.partial().optional(),
      /** Rescan one page: the next page scanned takes its place, the old one is set aside. */
      replacePageId: id.optional(),
    }),
    output: z.object({ started: z.literal(true) }),
  },
  'scans.cancel': { input: z.strictObject({ requestId }), output: z.object({ ok: z.literal(true) }) },
  'scans.session': { input: z.strictObject({ requestId }), output: scanSessionView.nullable() },
  /** Files the clerk picked or dropped (JPEG, PNG, TIFF, PDF), validated and stored like scanned pages. */
  'scans.import': {
    input: z.strictObject({
      requestId,
      documentCode: z.string().max(40).nullable().default(null),
      files: z.array(z.strictObject({ name: z.string().max(255), dataBase64: z.string().max(IMPORT_MAX_BASE64) })).min(1).max(50),
    }),
    output: z.object({ added: z.number().int(), rejected: z.array(z.object({ name: z.string(), message: z.string() })) }),
  },
  'scans.arrange': { input: z.strictObject({ requestId, pages: z.array(pageArrangement).max(2000) }), output: z.array(scanPageView) },
  /** A small JPEG of the page for the workspace (null for a PDF page). */
  'scans.thumbnail': { input: z.strictObject({ pageId: id }), output: z.object({ dataBase64: z.string().nullable() }) },
  /** Scans left by a crash or a closed window, offered back. */
  'scans.unfinished': {
    input: z.strictObject({}),
    output: z.array(z.object({ requestId: z.string(), createdBy: z.string(), updatedAt: isoInstant, pages: z.number().int() })),
  },
  'scans.adopt': { input: z.strictObject({ fromRequestId: requestId, toRequestId: requestId }), output: z.object({ ok: z.literal(true) }) },
  'scans.discard': { input: z.strictObject({ requestId }), output: z.object({ ok: z.literal(true) }) },
  /** Undoes a discard while the pages are kept (settings.retention): the session is offered back again. */
  'scans.restore': { input: z.strictObject({ requestId }), output: z.object({ pages: z.number().int() }) },
  /** Removes now the pages past their retention (settings.retention); the daily run does the same. */
  'scans.prune': { input: z.strictObject({}), output: scanPruneOutcome, access: 'admin' },
  /** Assembles again the scanned pages of a saved dossier whose assembly failed (the failure is raised again if it recurs). */
  'scans.retryAttach': { input: z.strictObject({ dossierId: id }), output: z.object({ attachments: z.number().int() }) },
  /** A saved dossier's scanned pages not yet assembled into its PDFs, and the last failure's reason. */
  'scans.unattached': { input: z.strictObject({ dossierId: id }), output: z.object({ pages: z.number().int(), error: z.string().nullable() }) },
  'dossiers.attachments': { input: z.strictObject({ dossier: id }), output: z.array(attachmentView) },
  /** An attachment's PDF, checked against its hash. */
  'dossiers.attachmentFile': { input: z.strictObject({ id }), output: z.object({ mediaType: z.literal('application/pdf'), sha256: z.string(), size: z.number().int(), dataBase64: z.string() }) },
});

export const scanningEvents = {
  'scans.changed': z.object({ requestId: z.string() }),
} as const;
