// npx tsx bench/cold-start.ts [--data-dir DIR] [--dossiers N] [--runs 5] [--warmup 1] [--cold-cache]
// The cold-start suite on its own (same as `npm run bench -- --only cold-start`).

import { parseOrExit, runSuitesAndExit } from './lib/cli';
import { coldStartSuite } from './suites/cold-start';

const usage =
  'usage: npx tsx bench/cold-start.ts [--data-dir DIR] [--dossiers N] [--seed S] [--runs N] [--warmup N] [--cold-cache]';
void runSuitesAndExit([coldStartSuite], parseOrExit(coldStartSuite.options, usage));
