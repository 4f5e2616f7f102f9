import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

// A deliberately small benchmark runner: time a function (or a child process) several times,
// summarise, print an aligned table, keep the raw samples as JSON for comparing runs later.

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface Stats {
  runs: number;
  median: number;
  /** Nearest-rank 95th percentile: with 5 runs this is the maximum, which is the honest reading. */
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n === 0 ? NaN : n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    runs: n,
    median,
    p95: percentile(sorted, 95),
    min: n ? (sorted[0] as number) : NaN,
    max: n ? (sorted[n - 1] as number) : NaN,
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : NaN,
  };
}

/** A promise: the median, the p95, or both, must not exceed the limits given. */
export interface Target {
  maxMedian?: number;
  maxP95?: number;
}

export interface Measurement {
  name: string;
  unit: string;
  samples: number[];
  stats: Stats;
  target?: Target;
  note?: string;
}

export interface MeasureOptions {
  runs?: number;
  warmup?: number;
  target?: Target;
  note?: string;
}

/** Times `fn` `runs` times after `warmup` untimed runs; durations in milliseconds. */
export async function measure(name: string, fn: () => unknown, opts: MeasureOptions = {}): Promise<Measurement> {
  const runs = opts.runs ?? 5;
  for (let i = 0; i < (opts.warmup ?? 1); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return measurement(name, samples, { unit: 'ms', target: opts.target, note: opts.note });
}

/** A measurement from samples collected elsewhere (a child process's own timings, sizes …). */
export function measurement(
  name: string,
  samples: number[],
  opts: { unit?: string; target?: Target; note?: string } = {},
): Measurement {
  const m: Measurement = { name, unit: opts.unit ?? 'ms', samples, stats: summarize(samples) };
  if (opts.target) m.target = opts.target;
  if (opts.note) m.note = opts.note;
  return m;
}

/** The limits a measurement's target sets, as "median ≤ 800" / "p95 ≤ 10", each with whether it was met. */
export function targetChecks(m: Measurement): { text: string; met: boolean }[] {
  const t = m.target;
  if (!t) return [];
  const checks: { text: string; met: boolean }[] = [];
  if (t.maxMedian !== undefined) checks.push({ text: `median ≤ ${t.maxMedian}`, met: m.stats.median <= t.maxMedian });
  if (t.maxP95 !== undefined) checks.push({ text: `p95 ≤ ${t.maxP95}`, met: m.stats.p95 <= t.maxP95 });
  return checks;
}

export function missedTargets(measurements: readonly Measurement[]): Measurement[] {
  return measurements.filter((m) => targetChecks(m).some((c) => !c.met));
}

// ---------------------------------------------------------------- output

function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1);
}

export function formatTable(measurements: readonly Measurement[]): string {
  const header = ['metric', 'unit', 'runs', 'median', 'p95', 'min', 'max', 'mean', 'target'];
  const rows = measurements.map((m) => [
    m.name,
    m.unit,
    String(m.stats.runs),
    fmt(m.stats.median),
    fmt(m.stats.p95),
    fmt(m.stats.min),
    fmt(m.stats.max),
    fmt(m.stats.mean),
    targetChecks(m)
      .map((c) => `${c.text} ${c.met ? 'OK' : 'FAIL'}`)
      .join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  // Text columns left, numbers right.
  const line = (cells: string[]) =>
    cells.map((c, i) => (i <= 1 || i === 8 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function environment() {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    commit: gitCommit(),
  };
}

/** Writes bench/results/<suite>-<timestamp>.json (gitignored) and returns its path. */
export function writeResults(suite: string, measurements: readonly Measurement[], meta: Record<string, unknown> = {}): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const at = new Date();
  const file = join(RESULTS_DIR, `${suite}-${at.toISOString().replace(/[:.]/g, '-')}.json`);
  const body = { suite, at: at.toISOString(), environment: environment(), meta, measurements };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------- child processes

export interface ChildRunOptions {
  command: string;
  args: readonly string[];
  /** A line on stdout starting with this marks "ready"; the rest of the line is returned. */
  marker: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface ChildRun {
  /** From just before spawn() to the marker line arriving on our side of the pipe. */
  toMarkerMs: number;
  /** From just before spawn() to exit. */
  toExitMs: number;
  /** What followed the marker on its line. */
  markerPayload: string;
  /** The child's peak resident set (VmHWM) when the marker arrived, in MiB; Linux only. */
  peakRssAtMarkerMiB: number | null;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function peakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== 'linux') return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null; // already gone
  }
}

/**
 * Spawns a process and times it to a marker line on stdout — for cold starts, where the thing
 * measured is a fresh process. Resolves only after the child exits, so a child that holds a
 * resource (the data-dir lock) has released it before the next run starts.
 */
export function runChildToMarker(opts: ChildRunOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let toMarkerMs: number | null = null;
    let markerPayload = '';
    let peakRssAtMarkerMiB: number | null = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${opts.command} ${opts.args.join(' ')}: no exit within ${opts.timeoutMs} ms\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const at = process.hrtime.bigint();
      stdout += chunk;
      if (toMarkerMs !== null) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith(opts.marker)) {
          toMarkerMs = Number(at - t0) / 1e6;
          markerPayload = l.slice(opts.marker.length).trim();
          peakRssAtMarkerMiB = peakRssMiB(child.pid);
          break;
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const toExitMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (toMarkerMs === null) {
        reject(new Error(`${opts.command} exited (${exitCode}) without printing ${opts.marker}\n${stderr}${stdout}`));
        return;
      }
      resolve({ toMarkerMs, toExitMs, markerPayload, peakRssAtMarkerMiB, exitCode, stdout, stderr });
    });
  });
}
