-- Name search types every word as a prefix ("nguyen v"). Without a prefix index FTS5 gathers
-- every match of a common prefix (380,000 for "nguyen" in a million dossiers) before it can
-- take the newest; with one it walks straight to them. Same content, triggers unchanged.
DROP TABLE `dossier_name_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `dossier_name_fts` USING fts5(applicant_name_folded, content='dossiers', content_rowid='rowid', tokenize='unicode61', prefix='1 2 3 4 5 6');
--> statement-breakpoint
INSERT INTO dossier_name_fts(dossier_name_fts) VALUES ('rebuild');
