import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { procedureSchema, type Procedure } from '../../../src/shared/catalog/procedure';
import { projectRoot } from '../../support/host-process';

export const sampleFile = join(projectRoot, 'resources', 'catalog', 'sample-procedures.json');

/** The shipped sample file, parsed as JSON (not validated). */
export function readSample(): { format: string; version: number; procedures: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(sampleFile, 'utf8'));
}

/** One validated record of the sample by code. */
export function sampleProcedure(code: string): Procedure {
  const raw = readSample().procedures.find((p) => p.code === code);
  if (!raw) throw new Error(`sample has no ${code}`);
  return procedureSchema.parse(raw);
}

/** A deep copy of a raw sample record, to change in a test. */
export function rawSample(code: string): Record<string, unknown> {
  const raw = readSample().procedures.find((p) => p.code === code);
  if (!raw) throw new Error(`sample has no ${code}`);
  return structuredClone(raw);
}
