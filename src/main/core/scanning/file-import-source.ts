import { isAppError } from '../../../shared/api/errors';
import type { ErrorCode } from '../../../shared/i18n/vi';
import { scanSourcesText as text } from '../../../shared/i18n/vi-scan-sources';
import { displayName, readPageFile, type ScanLimits } from './page-validation';
import type { ScannedPage } from './scan-source';

// Files the clerk picks or drops (a citizen's e-mailed PDF, a phone photo, a scanner's TIFF).
// Each is judged alone: one bad file is reported by name and the good ones are kept, in the
// order given. Files are read one after another so a batch of large images does not decode all
// at once.

export interface ImportedFile {
  /** As the clerk's system named it; shown in messages, never used as a path. */
  name: string;
  bytes: Buffer;
}

export interface ImportRejection {
  name: string;
  code: ErrorCode;
  /** Vietnamese, for the clerk: what is wrong and what to do. */
  message: string;
}

export interface ImportResult {
  pages: ScannedPage[];
  rejected: ImportRejection[];
}

export async function importFiles(files: readonly ImportedFile[], limits: Partial<ScanLimits> = {}): Promise<ImportResult> {
  const result: ImportResult = { pages: [], rejected: [] };
  for (const file of files) {
    const name = displayName(file.name);
    try {
      result.pages.push(...(await readPageFile(file.bytes, file.name, text.origin.file(name), limits)));
    } catch (e) {
      // Anything else (out of memory, a bug) is not about this file: let the caller report it.
      if (!isAppError(e)) throw e;
      result.rejected.push({ name, code: e.code, message: e.message });
    }
  }
  return result;
}
