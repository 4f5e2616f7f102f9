-- Name search over a million dossiers: a full-text index of the folded applicant name (no
-- diacritics, đ→d, lower case, written by the app), so "van an" finds "Nguyễn Văn An" by any
-- word prefix. External content: the text lives once, in dossiers; triggers keep the index true.
CREATE VIRTUAL TABLE `dossier_name_fts` USING fts5(applicant_name_folded, content='dossiers', content_rowid='rowid', tokenize='unicode61');
--> statement-breakpoint
CREATE TRIGGER `dossiers_name_fts_ai` AFTER INSERT ON `dossiers` BEGIN
  INSERT INTO dossier_name_fts(rowid, applicant_name_folded) VALUES (new.rowid, new.applicant_name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_name_fts_ad` AFTER DELETE ON `dossiers` BEGIN
  INSERT INTO dossier_name_fts(dossier_name_fts, rowid, applicant_name_folded) VALUES ('delete', old.rowid, old.applicant_name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_name_fts_au` AFTER UPDATE OF applicant_name_folded ON `dossiers` BEGIN
  INSERT INTO dossier_name_fts(dossier_name_fts, rowid, applicant_name_folded) VALUES ('delete', old.rowid, old.applicant_name_folded);
  INSERT INTO dossier_name_fts(rowid, applicant_name_folded) VALUES (new.rowid, new.applicant_name_folded);
END;
--> statement-breakpoint
INSERT INTO dossier_name_fts(dossier_name_fts) VALUES ('rebuild');
