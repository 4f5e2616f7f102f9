CREATE TABLE `dossier_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`document_code` text NOT NULL,
	`document_name` text NOT NULL,
	`sha256` text NOT NULL,
	`pages` integer NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`sha256`) REFERENCES `stored_files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossier_attachments_doc_uq` ON `dossier_attachments` (`dossier_id`,`document_code`);--> statement-breakpoint
CREATE TABLE `scan_pages` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`sha256` text NOT NULL,
	`media_type` text NOT NULL,
	`document_code` text,
	`position` integer NOT NULL,
	`rotation` integer DEFAULT 0 NOT NULL,
	`blank` integer DEFAULT false NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`origin` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `scan_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `stored_files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scan_pages_session_idx` ON `scan_pages` (`session_id`,`seq`);--> statement-breakpoint
CREATE TABLE `scan_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`dossier_id` text,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_sessions_request_uq` ON `scan_sessions` (`request_id`);--> statement-breakpoint
CREATE INDEX `scan_sessions_state_idx` ON `scan_sessions` (`state`);