import type { ParseArgsConfig } from 'node:util';
import { formatTable, missedTargets, targetChecks, writeResults, type Measurement } from './runner';

// What a benchmark suite is: a name, the command-line options it understands, and a run that
// returns measurements. bench/run.ts runs any list of these; each suite file can also be run
// alone. Options with the same name are shared (every suite gets the same --data-dir).

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface SuiteRun {
  measurements: Measurement[];
  /** Context worth keeping with the numbers (dataset size, mode, …); goes into the JSON. */
  meta: Record<string, unknown>;
}

export interface BenchSuite {
  name: string;
  description: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues): Promise<SuiteRun>;
}

export interface SuiteOutcome {
  suite: string;
  resultsFile: string;
  /** One line per missed target; empty when the suite met them all. */
  failures: string[];
}

/** Runs a suite, prints its table, saves its JSON, and reports missed targets loudly. */
export async function runSuite(suite: BenchSuite, values: OptionValues): Promise<SuiteOutcome> {
  console.log(`\n== ${suite.name}: ${suite.description}`);
  const { measurements, meta } = await suite.run(values);
  console.log(`\n${formatTable(measurements)}`);
  for (const m of measurements) if (m.note) console.log(`  ${m.name}: ${m.note}`);
  const resultsFile = writeResults(suite.name, measurements, meta);
  console.log(`\nresults: ${resultsFile}`);
  const failures = missedTargets(measurements).map(
    (m) =>
      `${suite.name}: ${m.name.trim()} median ${m.stats.median.toFixed(1)} ${m.unit}, p95 ${m.stats.p95.toFixed(1)} ${m.unit}; ` +
      `target ${targetChecks(m)
        .map((c) => `${c.text} ${m.unit}`)
        .join(', ')}`,
  );
  for (const f of failures) console.error(`FAIL ${f}`);
  return { suite: suite.name, resultsFile, failures };
}

// Small option readers: parseArgs gives strings, suites want numbers with a default.
export function intOption(values: OptionValues, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(String(raw).replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${String(raw)}`);
  return n;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}
