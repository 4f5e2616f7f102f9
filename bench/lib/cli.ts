import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runSuite, type BenchSuite, type OptionValues } from './suite';

// Shared by bench/run.ts and the per-suite entry points: parse, run, exit 1 on any missed
// target or error so that a regression is impossible to overlook in a terminal or in CI.

export function parseOrExit(options: NonNullable<ParseArgsConfig['options']>, usage: string): OptionValues {
  try {
    return parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    process.exit(2);
  }
}

export async function runSuitesAndExit(list: readonly BenchSuite[], values: OptionValues): Promise<never> {
  const failures: string[] = [];
  try {
    for (const suite of list) failures.push(...(await runSuite(suite, values)).failures);
  } catch (e) {
    console.error(`\nFAIL ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} target(s) missed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nall targets met');
  process.exit(0);
}
