import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir } from '../core/runtime/paths';

export interface GlobalOptions {
  dataDir: string;
  json: boolean;
}

export function readGlobals(program: Command): GlobalOptions {
  const o = program.opts<{ dataDir?: string; json?: boolean }>();
  return { dataDir: o.dataDir ? resolve(o.dataDir) : defaultDataDir(), json: o.json ?? false };
}
