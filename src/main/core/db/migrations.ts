import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One step of the schema as drizzle-kit wrote it: migrations/meta/_journal.json + NNNN_tag.sql. */
export interface Migration {
  idx: number;
  tag: string;
  statements: string[];
  hash: string;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function readMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .slice()
    .sort((a, b) => a.idx - b.idx)
    .map(({ idx, tag }) => {
      // Line endings normalised: a checkout with CRLF (Git for Windows) must hash the same.
      const sql = readFileSync(join(dir, `${tag}.sql`), 'utf8').replace(/\r\n/g, '\n');
      return {
        idx,
        tag,
        hash: createHash('sha256').update(sql).digest('hex'),
        statements: sql
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

/** The schema version an app built with these migrations writes: the number of steps. */
export function latestVersion(migrations: Migration[]): number {
  return migrations.length;
}
