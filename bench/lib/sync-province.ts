import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// The provincial double (tests/doubles/province/) as its own process, for the sync suites: the
// counter's engine and the server must not share one event loop or one core's worth of
// JavaScript, or the benchmark would measure their contention instead of either. Started the
// way `npm run province` starts it (tests/doubles/province/cli.ts), on a free port, on a fresh
// data dir; its CPU time is read from /proc so a suite can say where the time went.

const PROJECT_ROOT = join(__dirname, '..', '..');
const CLI = join(PROJECT_ROOT, 'tests', 'doubles', 'province', 'cli.ts');

/** The one JSON line the CLI prints once it listens. */
const ready = z.object({ url: z.string().url(), adminUrl: z.string().url(), port: z.number().int().positive(), pid: z.number().int().positive() });

export interface ProvinceChild {
  /** Base of motcua-sync/1, e.g. http://127.0.0.1:P/api/motcua-sync/v1 */
  url: string;
  /** http://127.0.0.1:P */
  origin: string;
  pid: number;
  dataDir: string;
  /** User + system CPU seconds the double has used so far (Linux; NaN elsewhere). */
  cpuSeconds(): number;
  /** The double's own counters (GET /_admin/state). */
  stats(): Promise<{ requests: number; byRoute: Record<string, number>; changes: Record<string, number>; dossiers: number; files: number }>;
  /** SIGTERM, and resolves once it has exited (its profile written, when profiling). */
  stop(): Promise<void>;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

const stateReply = z.object({
  stats: z.object({
    requests: z.number(),
    byRoute: z.record(z.string(), z.number()),
    changes: z.record(z.string(), z.number()),
    dossiers: z.number(),
    files: z.number(),
  }),
});

export async function startProvinceChild(opts: { dataDir: string; cpuProfDir?: string; timeoutMs?: number }): Promise<ProvinceChild> {
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CLI, '--port', '0', '--data-dir', opts.dataDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => {
    stderr += c;
    // A failure inside the double (a 500 it logged) should be seen, not buried.
    if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the provincial double did not start within ${opts.timeoutMs ?? 30_000} ms\n${stderr}`)), opts.timeoutMs ?? 30_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the provincial double exited (${code}) before listening\n${stderr}`));
    });
  });
  const info = ready.parse(JSON.parse(line));
  const origin = new URL(info.url).origin;
  let stopped: Promise<void> | null = null;
  return {
    url: info.url,
    origin,
    pid: info.pid,
    dataDir: opts.dataDir,
    cpuSeconds: () => cpuSecondsOf(info.pid),
    async stats() {
      const res = await fetch(`${origin}/_admin/state`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`GET /_admin/state: ${res.status}`);
      return stateReply.parse(await res.json()).stats;
    },
    stop() {
      stopped ??= (async () => {
        child.kill('SIGTERM');
        const code = await exited;
        if (code !== 0) throw new Error(`the provincial double exited with ${code}\n${stderr}`);
      })();
      return stopped;
    },
  };
}
