import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  },
  (t) => [index('dossiers_received_at_idx').on(t.receivedAt)],
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
  },
  (t) => [
    uniqueIndex('outbox_idempotency_key_uq').on(t.idempotencyKey),
    index('outbox_pending_idx').on(t.acknowledgedAt, t.createdAt),
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
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId)],
);
