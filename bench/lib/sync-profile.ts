import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';

// CPU profiles of a sync round, to say where its time goes: the counter's process profiled from
// inside (the inspector's Profiler, around the timed round only) and the double's from
// `node --cpu-prof` (written when it exits). Both are saved as .cpuprofile files (open them in
// Chrome DevTools or VS Code) and summarised here: self time per function, and inclusive time
// of the project's own functions (src/, tests/doubles/), the part a fix would touch.

const PROJECT_ROOT = join(__dirname, '..', '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  fn: string;
  where: string;
  ms: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idleMs: number;
  gcMs: number;
  /** Functions by their own time (leaves of the samples). */
  self: ProfileEntry[];
  /** The project's functions by inclusive time (what they and everything they call took). */
  inclusive: ProfileEntry[];
}

/** Starts profiling this process; stop() returns the profile. */
export async function profileCpu(samplingIntervalUs = 200): Promise<{ stop(): Promise<CpuProfile> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
      session.disconnect();
      return profile;
    },
  };
}

export function saveProfile(profile: CpuProfile, file: string): void {
  writeFileSync(file, JSON.stringify(profile));
}

/** The profile `node --cpu-prof` wrote in `dir` for process `pid`. */
export function readProfileOf(dir: string, pid: number): { profile: CpuProfile; file: string } {
  const name = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`));
  if (!name) throw new Error(`no CPU profile of process ${pid} in ${dir}`);
  const file = join(dir, name);
  return { profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, file };
}

function whereOf(url: string, line: number): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const rel = path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) : path;
  const nm = rel.lastIndexOf('node_modules/');
  const short = nm >= 0 ? rel.slice(nm + 'node_modules/'.length) : rel;
  return `${short}:${line + 1}`;
}

const isProject = (url: string) => url.includes('/src/') || url.includes('/tests/doubles/') || url.includes('/bench/');

/**
 * Self and inclusive times, over the whole profile or the samples in [fromMs, toMs) after its
 * start (the push phase of a round, say). Native frames (SQLite, JSON, syscalls such as fsync)
 * are named after the JavaScript function that called them.
 */
export function summarizeProfile(profile: CpuProfile, file: string, opts: { top?: number; fromMs?: number; toMs?: number } = {}): ProfileSummary {
  const top = opts.top ?? 20;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const self = new Map<string, ProfileEntry>();
  const inclusive = new Map<string, ProfileEntry>();
  let idleMs = 0;
  let gcMs = 0;
  let totalMs = 0;
  let at = 0;
  for (let i = 0; i < samples.length; i++) {
    at += (deltas[i] ?? 0) / 1000;
    if (opts.fromMs !== undefined && at < opts.fromMs) continue;
    if (opts.toMs !== undefined && at >= opts.toMs) break;
    // A sample's time is the gap to the next one (the last sample has none).
    const ms = (deltas[i + 1] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(samples[i]!)!;
    const name = leaf.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idleMs += ms;
      continue;
    }
    if (name === '(garbage collector)') gcMs += ms;
    let fn = name;
    let where = whereOf(leaf.callFrame.url, leaf.callFrame.lineNumber);
    if (!leaf.callFrame.url && !name.startsWith('(garbage') && !name.startsWith('(program')) {
      const caller = parent.get(leaf.id);
      const c = caller === undefined ? null : byId.get(caller)!.callFrame;
      if (c) {
        fn = `${name} ← ${c.functionName || '(anonymous)'}`;
        where = whereOf(c.url, c.lineNumber);
      }
    }
    const key = `${fn} ${where}`;
    const e = self.get(key) ?? { fn, where, ms: 0 };
    e.ms += ms;
    self.set(key, e);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!isProject(f.url)) continue;
      const k = `${f.functionName} ${f.url}:${f.lineNumber}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const x = inclusive.get(k) ?? { fn: f.functionName || '(anonymous)', where: whereOf(f.url, f.lineNumber), ms: 0 };
      x.ms += ms;
      inclusive.set(k, x);
    }
  }
  const sorted = (m: Map<string, ProfileEntry>) => [...m.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((e) => ({ ...e, ms: Math.round(e.ms * 10) / 10 }));
  return { file, totalMs, idleMs, gcMs, self: sorted(self), inclusive: sorted(inclusive) };
}

export function printProfile(title: string, s: ProfileSummary): void {
  const busy = s.totalMs - s.idleMs;
  console.log(`\n${title}: ${s.file}\n  ${busy.toFixed(0)} ms busy of ${s.totalMs.toFixed(0)} ms (GC ${s.gcMs.toFixed(0)} ms)`);
  console.log('  self time:');
  for (const e of s.self) console.log(`    ${e.ms.toFixed(0).padStart(7)} ms  ${((100 * e.ms) / busy).toFixed(1).padStart(5)} %  ${e.fn}  ${e.where}`);
  console.log('  inclusive, project functions:');
  for (const e of s.inclusive) console.log(`    ${e.ms.toFixed(0).padStart(7)} ms  ${((100 * e.ms) / busy).toFixed(1).padStart(5)} %  ${e.fn}  ${e.where}`);
}

/**
 * Summaries of the counter's profile and the double's over the same stretch of a round: both
 * processes' profiles are stamped on the system's monotonic clock, so `fromMs`/`toMs` (after the
 * counter's profile started) select the same instants in both.
 */
export function summarizePair(
  counter: { profile: CpuProfile; file: string },
  province: { profile: CpuProfile; file: string },
  fromMs: number,
  toMs: number,
  top = 20,
): { counter: ProfileSummary; province: ProfileSummary } {
  const offset = (counter.profile.startTime - province.profile.startTime) / 1000;
  return {
    counter: summarizeProfile(counter.profile, counter.file, { fromMs, toMs, top }),
    province: summarizeProfile(province.profile, province.file, { fromMs: offset + fromMs, toMs: offset + toMs, top }),
  };
}
