CREATE TABLE `issued_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text,
	`form` text NOT NULL,
	`paper` text NOT NULL,
	`sha256` text NOT NULL,
	`media_type` text NOT NULL,
	`params` text,
	`issued_at` integer NOT NULL,
	`issued_by` text NOT NULL,
	FOREIGN KEY (`sha256`) REFERENCES `stored_files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `issued_forms_dossier_idx` ON `issued_forms` (`dossier_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`issued_form_id` text NOT NULL,
	`driver` text NOT NULL,
	`printer` text NOT NULL,
	`copies` integer NOT NULL,
	`reprint` integer NOT NULL,
	`system_job_id` text,
	`state` text NOT NULL,
	`reason` text,
	`submitted_at` integer NOT NULL,
	`finished_at` integer,
	`submitted_by` text NOT NULL,
	FOREIGN KEY (`issued_form_id`) REFERENCES `issued_forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `print_jobs_issued_form_idx` ON `print_jobs` (`issued_form_id`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`created_at` integer NOT NULL
);
