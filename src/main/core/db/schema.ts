import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The schema lives here; `npm run db:generate` turns changes into SQL under migrations/, which
// is committed and applied at start. Instants are INTEGER milliseconds since the epoch (UTC):
// compact, indexable, and free of time-zone text. Rows that will sync have UUIDv7 ids, which
// sort by creation time and need no coordination between counters.

export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const dossiers = sqliteTable(
  'dossiers',
  {
    id: text('id').primaryKey(),
    applicantName: text('applicant_name').notNull(),
    procedureName: text('procedure_name').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    // Intake (schema 3). Nullable or defaulted so dossiers of the foundation slice stay valid.
    /** The official code {unit}-{YYMMDD}-{NNNN}; unique for ever. */
    code: text('code'),
    unitCode: text('unit_code'),
    counterNumber: integer('counter_number'),
    sequence: integer('sequence'),
    /** The catalogue row (code + version) the dossier was received under. */
    procedureId: text('procedure_id'),
    procedureCode: text('procedure_code'),
    applicantId: text('applicant_id'),
    /** Lower case, no diacritics, đ→d: what name search compares with. */
    applicantNameFolded: text('applicant_name_folded'),
    applicantIdNumber: text('applicant_id_number'),
    applicantPhone: text('applicant_phone'),
    /** National status code (TrangThaiHoSo 1–10). */
    status: integer('status').notNull().default(2),
    /** KenhThucHien: 1 counter, 2 online, 3 post. */
    channel: integer('channel').notNull().default(1),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    /** Set while waiting for the applicant's supplement: the processing clock is stopped. */
    pausedAt: integer('paused_at', { mode: 'timestamp_ms' }),
    feeTotal: integer('fee_total').notNull().default(0),
    receivedBy: text('received_by'),
    /** Everything else the forms need (applicant snapshot, checklist, fees, delivery, parties). */
    details: text('details', { mode: 'json' }),
    /** Bumped on every change; a stale update is refused instead of overwriting. */
    revision: integer('revision').notNull().default(1),
    // Sync (schema 9).
    /** 'local': received at this counter; 'sync': received at another counter of the unit, from the feed. */
    origin: text('origin', { enum: ['local', 'sync'] }).notNull().default('local'),
    /** When the province acknowledged the dossier's last change from this counter; null while any is pending. */
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    /** The province's version of the dossier last applied from the feed: older feed items are ignored. */
    remoteVersion: integer('remote_version'),
  },
  (t) => [
    index('dossiers_received_at_idx').on(t.receivedAt),
    uniqueIndex('dossiers_code_uq').on(t.code),
    index('dossiers_status_due_idx').on(t.status, t.dueAt),
    // "Waiting for a supplement" and "results to hand back" list by status, oldest change first.
    index('dossiers_status_updated_idx').on(t.status, t.updatedAt),
    index('dossiers_applicant_id_number_idx').on(t.applicantIdNumber),
    index('dossiers_applicant_phone_idx').on(t.applicantPhone),
    index('dossiers_applicant_name_folded_idx').on(t.applicantNameFolded),
  ],
);

/** Changes waiting to be sent to the provincial system; written in the same transaction as the change. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    /**
     * Set when the province refused the change for good (a 4xx): a dead letter, kept and shown to
     * supervisors until retried; later changes of the same entity wait behind it.
     */
    deadAt: integer('dead_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_key_uq').on(t.idempotencyKey),
    index('outbox_pending_idx').on(t.acknowledgedAt, t.createdAt),
    // "Does this dossier still have a change on its way?" at every acknowledgement.
    index('outbox_entity_idx').on(t.entity, t.entityId, t.acknowledgedAt),
    // The sync's queue: pending, not dead, in rowid (insertion) order.
    index('outbox_queue_idx').on(t.acknowledgedAt, t.deadAt),
  ],
);

/** Who did what, when; written in the same transaction as the change it describes. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    details: text('details', { mode: 'json' }),
    /** Position in the chain (schema 3); gaps or reordering show up in `audit verify`. */
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    /** SHA-256 over prevHash and this entry's canonical JSON: editing or deleting breaks the chain. */
    hash: text('hash'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), uniqueIndex('audit_log_seq_uq').on(t.seq)],
);

/** Key → JSON settings: the office profile, working hours, code scheme. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role', { enum: ['clerk', 'supervisor', 'admin'] }).notNull(),
    /** scrypt$N$r$p$salt$hash (base64url); never the password. */
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/** The procedure catalogue; each import of a changed procedure adds a version, old ones stay. */
export const procedures = sqliteTable(
  'procedures',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    isCurrent: integer('is_current', { mode: 'boolean' }).notNull(),
    name: text('name').notNull(),
    /** The whole record in the national fields, as imported (validated). */
    data: text('data', { mode: 'json' }).notNull(),
    /** SHA-256 of the canonical record: an unchanged re-import adds no version. */
    contentHash: text('content_hash').notNull(),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [uniqueIndex('procedures_code_version_uq').on(t.code, t.version), index('procedures_current_idx').on(t.isCurrent, t.code)],
);

export const applicants = sqliteTable(
  'applicants',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['person', 'organisation'] }).notNull(),
    fullName: text('full_name').notNull(),
    nameFolded: text('name_folded').notNull(),
    idNumber: text('id_number'),
    data: text('data', { mode: 'json' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('applicants_id_number_uq').on(t.idNumber)],
);

/** The last sequence number each counter issued for its unit and day (see docs/dossier-codes.md). */
export const codeSequences = sqliteTable(
  'code_sequences',
  {
    unitCode: text('unit_code').notNull(),
    dateKey: text('date_key').notNull(),
    counterNumber: integer('counter_number').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.dateKey, t.counterNumber] })],
);

/** Official days off and swapped working days: seeded, edited by admins, later fed by sync. */
export const calendarDays = sqliteTable('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['off', 'work'] }).notNull(),
  name: text('name').notNull(),
  source: text('source', { enum: ['seed', 'admin', 'sync'] }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Content-addressed files under the data dir (files/sha256/ab/abcd…): printed forms now, scanned
 * pages later. A row is written only after its file is durably on disk, so a row never points
 * at nothing; a file without a row (a crash in between) is swept at start.
 */
export const storedFiles = sqliteTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Every form the counter issued, exactly as printed (the PDF's hash): the citizen's copy can be
 * reproduced byte for byte later, and a reprint is the same file.
 */
export const issuedForms = sqliteTable(
  'issued_forms',
  {
    id: text('id').primaryKey(),
    /** Null for documents that are not about one dossier (the ledger, a test page). */
    dossierId: text('dossier_id'),
    /** '01'…'07', 'slip' or 'test'. */
    form: text('form').notNull(),
    paper: text('paper').notNull(),
    sha256: text('sha256').notNull().references(() => storedFiles.sha256),
    mediaType: text('media_type').notNull(),
    /** The form's parameters (reason, dates, ledger range) as given. */
    params: text('params', { mode: 'json' }),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    issuedBy: text('issued_by').notNull(),
  },
  (t) => [index('issued_forms_dossier_idx').on(t.dossierId, t.issuedAt)],
);

/** Each time an issued form went to a printer: first print and every reprint, with the outcome. */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    issuedFormId: text('issued_form_id').notNull().references(() => issuedForms.id),
    driver: text('driver').notNull(),
    printer: text('printer').notNull(),
    copies: integer('copies').notNull(),
    reprint: integer('reprint', { mode: 'boolean' }).notNull(),
    /** The printer system's own job id (CUPS "Q-12"). */
    systemJobId: text('system_job_id'),
    state: text('state', { enum: ['submitted', 'completed', 'failed'] }).notNull(),
    reason: text('reason'),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    submittedBy: text('submitted_by').notNull(),
  },
  (t) => [index('print_jobs_issued_form_idx').on(t.issuedFormId)],
);

/**
 * A scan in progress for a dossier being received: bound to the intake form's request id until
 * the dossier is saved. Pages are rows as soon as they arrive, so a crash loses none of them;
 * an 'open' session is offered back at the next start.
 */
export const scanSessions = sqliteTable(
  'scan_sessions',
  {
    id: text('id').primaryKey(),
    /** The intake form's requestId (dossiers.receive); the dossier's id once saved. */
    requestId: text('request_id').notNull(),
    dossierId: text('dossier_id'),
    state: text('state', { enum: ['open', 'committed', 'discarded'] }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('scan_sessions_request_uq').on(t.requestId), index('scan_sessions_state_idx').on(t.state)],
);

/** One scanned or imported page: its bytes by hash, which document it belongs to, its place. */
export const scanPages = sqliteTable(
  'scan_pages',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => scanSessions.id),
    /** Arrival order within the session. */
    seq: integer('seq').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => storedFiles.sha256),
    mediaType: text('media_type').notNull(),
    /** The checklist document (its code) the page belongs to; null while unassigned. */
    documentCode: text('document_code'),
    /** Order within its document. */
    position: integer('position').notNull(),
    rotation: integer('rotation').notNull().default(0),
    /** Detected as blank: set aside (removed) but shown and restorable. */
    blank: integer('blank', { mode: 'boolean' }).notNull().default(false),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    origin: text('origin').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('scan_pages_session_idx').on(t.sessionId, t.seq)],
);

/** The dossier's components as PDFs, one per checklist document, assembled from its pages. */
export const dossierAttachments = sqliteTable(
  'dossier_attachments',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id').notNull(),
    documentCode: text('document_code').notNull(),
    documentName: text('document_name').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => storedFiles.sha256),
    pages: integer('pages').notNull(),
    size: integer('size').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('dossier_attachments_doc_uq').on(t.dossierId, t.documentCode)],
);

/** The sync's own state (cursor, last success, clock readings…), key → JSON; see core/sync. */
export const syncMeta = sqliteTable('sync_meta', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
