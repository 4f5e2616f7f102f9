// npm run bench [-- --only NAME] [suite options]: runs every suite in bench/suites/index.ts.
// Suites share option names (one --data-dir serves them all), so the options of every suite
// are accepted here.

import { parseOrExit, runSuitesAndExit } from './lib/cli';
import { suites } from './suites';

const options = Object.assign({ only: { type: 'string' as const }, list: { type: 'boolean' as const } }, ...suites.map((s) => s.options));
const usage = [
  'usage: npm run bench -- [--only NAME] [--list] [options]',
  `suites: ${suites.map((s) => s.name).join(', ')}`,
  `options: ${Object.keys(options).map((o) => `--${o}`).join(' ')}`,
].join('\n');

const values = parseOrExit(options, usage);
if (values.list) {
  for (const s of suites) console.log(`${s.name.padEnd(16)} ${s.description}`);
  process.exit(0);
}
const only = typeof values.only === 'string' ? values.only : undefined;
const selected = only ? suites.filter((s) => s.name === only) : suites;
if (selected.length === 0) {
  console.error(`no suite named "${only}"\n\n${usage}`);
  process.exit(2);
}
void runSuitesAndExit(selected, values);
