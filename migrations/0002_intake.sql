CREATE TABLE `applicants` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`full_name` text NOT NULL,
	`name_folded` text NOT NULL,
	`id_number` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applicants_id_number_uq` ON `applicants` (`id_number`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `code_sequences` (
	`unit_code` text NOT NULL,
	`date_key` text NOT NULL,
	`counter_number` integer NOT NULL,
	`last_sequence` integer NOT NULL,
	PRIMARY KEY(`unit_code`, `date_key`, `counter_number`)
);
--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`is_current` integer NOT NULL,
	`name` text NOT NULL,
	`data` text NOT NULL,
	`content_hash` text NOT NULL,
	`imported_at` integer NOT NULL,
	`imported_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_code_version_uq` ON `procedures` (`code`,`version`);--> statement-breakpoint
CREATE INDEX `procedures_current_idx` ON `procedures` (`is_current`,`code`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `seq` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_seq_uq` ON `audit_log` (`seq`);--> statement-breakpoint
ALTER TABLE `dossiers` ADD `code` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `unit_code` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `counter_number` integer;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `sequence` integer;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `procedure_id` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `procedure_code` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `applicant_id` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `applicant_name_folded` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `applicant_id_number` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `applicant_phone` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `status` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `channel` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_total` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `received_by` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `details` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_uq` ON `dossiers` (`code`);--> statement-breakpoint
CREATE INDEX `dossiers_status_due_idx` ON `dossiers` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `dossiers_applicant_id_number_idx` ON `dossiers` (`applicant_id_number`);--> statement-breakpoint
CREATE INDEX `dossiers_applicant_phone_idx` ON `dossiers` (`applicant_phone`);--> statement-breakpoint
CREATE INDEX `dossiers_applicant_name_folded_idx` ON `dossiers` (`applicant_name_folded`);