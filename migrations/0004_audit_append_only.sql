-- The audit log is append-only: refuse edits and deletions in the database itself. This stops
-- mistakes and casual edits; anyone holding the file can still drop a trigger, which is why the
-- hash chain and its head (docs/audit.md) exist. Rows not yet chained (seq IS NULL, written
-- before schema 3) may still be sealed once by the app.
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` WHEN old.seq IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
