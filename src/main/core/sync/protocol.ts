import { z } from 'zod';

// The counter ↔ province protocol, version 1 ("motcua-sync/1"). One definition for both ends:
// the client validates every reply with these schemas, the provincial double validates every
// request with them, and docs/sync-protocol.md + docs/openapi/sync-v1.yaml describe the same
// shapes for a province that implements the server side. Base URL: the configured endpoint,
// e.g. https://motcua.tinh.gov.vn/api/motcua-sync/v1 (paths below are relative to it).
//
//   GET  /health                    no auth; {serverTime}: reachability and clock
//   POST /auth/token                {username, password, deviceId} → {token, expiresAt, unitCode, serverTime}
//   POST /changes                   {changes[]} → {results[], serverTime}           (Bearer token)
//   POST /files                     {sha256, size, mediaType} → {offset, complete}  (Bearer token)
//   PATCH /files/{sha256}           Upload-Offset: n, body = bytes n… → 204, Upload-Offset: n'
//   GET  /feed?cursor=C&limit=N     → {items[], cursor, hasMore, serverTime}        (Bearer token)
//
// Errors are JSON {error: code, message} with the HTTP status: 400 malformed, 401 bad or expired
// token ("token_expired"), 404 unknown, 409 upload offset mismatch (with Upload-Offset), 413 too
// big, 422 hash mismatch, 429/5xx/507 transient. A 2xx reply to /changes may acknowledge only
// some of the changes: what is not listed was not acknowledged and is sent again (same key).

export const PROTOCOL_VERSION = 'motcua-sync/1';

/** Limits both ends enforce; a batch or page over them is refused with 413. */
export const SYNC_LIMITS = {
  changesPerBatch: 1000,
  feedPageMax: 1000,
  /** Largest attachment accepted (bytes): 100 MiB. */
  fileMax: 100 * 1024 * 1024,
  /** Largest upload chunk the server takes in one PATCH. */
  chunkMax: 16 * 1024 * 1024,
  /** Largest JSON request body (bytes). */
  jsonBodyMax: 32 * 1024 * 1024,
} as const;

const iso = z.iso.datetime({ offset: false });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const status = z.number().int().min(1).max(10);
const id = z.string().min(1).max(64);

export const healthReply = z.object({ serverTime: iso, protocol: z.string() });

export const tokenRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  /** A stable id of this installation (for the province's logs and per-device limits). */
  deviceId: z.string().min(1).max(100),
});
export const tokenReply = z.object({ token: z.string().min(16).max(512), expiresAt: iso, unitCode: z.string(), serverTime: iso });

/**
 * A dossier as both ends store it: the counter's row without its local bookkeeping. `details`
 * carries the intake data the forms need (applicant snapshot, checklist, fees, delivery…), as
 * the counter recorded it; the province keeps it as received.
 */
export const dossierRecord = z.object({
  id,
  code: z.string().min(1).max(64),
  unitCode: z.string().min(1).max(32),
  counterNumber: z.number().int().min(1).max(99).nullable(),
  procedureCode: z.string().max(64).nullable(),
  procedureName: z.string().min(1).max(2000),
  procedureVersion: z.number().int().nullable(),
  applicantName: z.string().min(1).max(300),
  applicantIdNumber: z.string().max(20).nullable(),
  applicantPhone: z.string().max(20).nullable(),
  status,
  channel: z.number().int().min(1).max(3),
  receivedAt: iso,
  dueAt: iso.nullable(),
  pausedAt: iso.nullable(),
  feeTotal: z.number().int().nonnegative(),
  receivedBy: z.string().max(200).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type DossierRecord = z.infer<typeof dossierRecord>;

export const attachmentRef = z.object({
  documentCode: z.string().min(1).max(64),
  sha256,
  size: z.number().int().nonnegative().max(SYNC_LIMITS.fileMax),
  pages: z.number().int().nonnegative(),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

/** A counter-side status change (a lifecycle action at the counter). */
export const statusChange = z.object({
  status,
  revision: z.number().int().positive(),
  dueAt: iso.nullable(),
  pausedAt: iso.nullable(),
  note: z.string().max(2000).nullable(),
});

/** One change from the counter's outbox. `key` is the idempotency key: the same key twice is one change. */
export const change = z.discriminatedUnion('operation', [
  z.object({ key: id, entity: z.literal('dossier'), entityId: id, at: iso, operation: z.literal('dossier.receive'), payload: z.object({ record: dossierRecord }) }),
  z.object({ key: id, entity: z.literal('dossier'), entityId: id, at: iso, operation: z.literal('dossier.attach'), payload: z.object({ attachments: z.array(attachmentRef).max(200) }) }),
  z.object({ key: id, entity: z.literal('dossier'), entityId: id, at: iso, operation: z.literal('dossier.status'), payload: statusChange }),
]);
export type Change = z.infer<typeof change>;

export const changesRequest = z.strictObject({ changes: z.array(change).min(1).max(SYNC_LIMITS.changesPerBatch) });

/**
 * applied: done now. duplicate: this key was done before (or, national systems, "đã tồn tại").
 * rejected: will never be accepted as sent (a dead letter at the counter, shown to supervisors).
 * retry: not now, nothing done (e.g. an attachment it names has not arrived): send again later.
 */
export const changeOutcome = z.enum(['applied', 'duplicate', 'rejected', 'retry']);
export const changeResult = z.object({ key: id, outcome: changeOutcome, error: z.string().max(100).optional(), message: z.string().max(2000).optional() });
export type ChangeResult = z.infer<typeof changeResult>;
export const changesReply = z.object({ results: z.array(changeResult).max(SYNC_LIMITS.changesPerBatch * 2), serverTime: iso });

export const fileOffer = z.strictObject({ sha256, size: z.number().int().nonnegative().max(SYNC_LIMITS.fileMax), mediaType: z.string().min(1).max(100) });
/** How much of the file the server holds: resume from `offset`; `complete` = nothing to send. */
export const fileState = z.object({ offset: z.number().int().nonnegative(), complete: z.boolean() });

/** The deciding agency's progress step (CapNhatTienDoHoSoMC). */
export const progressStep = z.object({
  handler: z.string().max(200).nullable(),
  title: z.string().max(200).nullable(),
  department: z.string().max(300).nullable(),
  content: z.string().max(2000).nullable(),
  at: iso,
  status,
});

export const resultDocument = z.object({ name: z.string().min(1).max(500), documentCode: z.string().max(64).nullable(), fileId: z.string().max(200).nullable() });

export const feedItem = z.discriminatedUnion('kind', [
  z.object({
    seq: z.number().int().positive(),
    kind: z.literal('dossier'),
    /** The dossier as the province holds it now; `version` grows with every change there. */
    dossier: dossierRecord,
    version: z.number().int().positive(),
    progress: progressStep.nullable(),
    result: z.object({ documents: z.array(resultDocument).max(100), note: z.string().max(2000).nullable(), at: iso }).nullable(),
  }),
  /** A procedure as catalogue record (the fields of a motcua-catalog file's procedures). */
  z.object({ seq: z.number().int().positive(), kind: z.literal('catalog'), procedure: z.record(z.string(), z.unknown()) }),
  z.object({
    seq: z.number().int().positive(),
    kind: z.literal('calendar'),
    date: z.iso.date(),
    /** null: the row was withdrawn; the date follows the weekend rule again. */
    day: z.object({ kind: z.enum(['off', 'work']), name: z.string().min(1).max(200) }).nullable(),
  }),
]);
export type FeedItem = z.infer<typeof feedItem>;

export const feedReply = z.object({
  items: z.array(feedItem).max(SYNC_LIMITS.feedPageMax),
  /** Opaque; sent back as ?cursor= to continue after the last item. */
  cursor: z.string().max(200),
  hasMore: z.boolean(),
  serverTime: iso,
});
export type FeedReply = z.infer<typeof feedReply>;

export const errorReply = z.object({ error: z.string().max(100), message: z.string().max(2000).optional() });
