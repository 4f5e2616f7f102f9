import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measurement, summarize, type Measurement } from '../lib/runner';
import { intOption, stringOption, type BenchSuite } from '../lib/suite';
import { copyCounter, openSyncCore, prepareCounter } from '../lib/sync-counter';
import { printProfile, profileCpu, readProfileOf, saveProfile, summarizePair, type CpuProfile, type ProfileSummary } from '../lib/sync-profile';
import { startProvinceChild } from '../lib/sync-province';
import { timedAdapterFactory, watchPending, type AdapterTimings } from '../lib/sync-timing';

// The sync issue's promise for a counter coming back after a long outage: a backlog of 10,000
// dossiers (no attachments) pushed to the province at no less than 1,000 dossiers a second.
//
// Set-up, not timed: a counter whose outbox holds 10,000 receive entries written by the app's
// dossier service (lib/sync-counter.ts; made once, kept in $TMPDIR), copied afresh for every
// run, and a fresh provincial double (tests/doubles/province) in its own process on a fresh data
// dir. Timed: core.sync.runOnce() on the app's own core (the CLI's host, default tuning unless
// MOTCUA_SYNC_* say otherwise) until the engine reports the outbox empty; the same round then
// pulls the feed, which carries the 10,000 dossiers back, timed apart.

const DEFAULT_BACKLOG = 10_000;
const TARGET_PER_SECOND = 1_000;

interface PushRun {
  pushMs: number;
  roundMs: number;
  batches: number;
  clientCpuMs: number;
  provinceCpuMs: number;
  timings: AdapterTimings;
}

export const syncPushSuite: BenchSuite = {
  name: 'sync-push',
  description: 'a backlog of 10,000 dossiers (no attachments) pushed by the sync engine to the provincial double, in dossiers/s',
  options: {
    backlog: { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    seed: { type: 'string' },
    'profile-dir': { type: 'string' },
  },
  async run(values) {
    const backlog = intOption(values, 'backlog', DEFAULT_BACKLOG);
    const runs = intOption(values, 'runs', 5);
    const warmup = intOption(values, 'warmup', 1);
    const seed = intOption(values, 'seed', 1);
    const profileDir = stringOption(values, 'profile-dir');
    if (backlog < 1 || runs < 1) throw new Error('--backlog and --runs must be at least 1');
    if (profileDir) mkdirSync(profileDir, { recursive: true });

    const preparedDir = join(tmpdir(), `motcua-bench-sync-push-${backlog}-s${seed}`);
    const prepared = await prepareCounter(preparedDir, { dossiers: backlog, attachmentsPerDossier: 0, fileBytes: 0, seed });
    console.log(
      `counter in ${preparedDir} (${prepared.reused ? 'reused' : `made now: ${(prepared.manifest.prepareMs.receive / 1000).toFixed(0)} s through dossiers.receive`}): ` +
        `${prepared.manifest.outbox.receive} receive entries pending`,
    );
    if (prepared.manifest.outbox.receive !== backlog) throw new Error(`prepared outbox holds ${prepared.manifest.outbox.receive} entries, expected ${backlog}`);

    const results: PushRun[] = [];
    const profiles: { counter: ProfileSummary; province: ProfileSummary }[] = [];
    // Warm-up rounds are whole runs whose figures are printed, not kept: the first round in a
    // process also loads undici (fetch), compiles the schemas and warms the JIT.
    for (let i = 0; i < warmup + runs; i++) {
      const measured = i >= warmup;
      const scratch = mkdtempSync(join(tmpdir(), 'motcua-bench-sync-push-run-'));
      const counterDir = join(scratch, 'counter');
      copyCounter(preparedDir, counterDir);
      // Profile the last run only: the others stay unobserved.
      const profiling = profileDir !== undefined && i === warmup + runs - 1;
      const province = await startProvinceChild({ dataDir: join(scratch, 'province'), cpuProfDir: profiling ? profileDir : undefined });
      const { factory, timings } = timedAdapterFactory();
      const core = openSyncCore(counterDir, province.url, {}, { syncAdapter: factory });
      let counterProfile: CpuProfile | null = null;
      try {
        let t0 = 0n;
        const pending = watchPending(core, () => t0);
        const cpu0 = process.cpuUsage();
        const server0 = province.cpuSeconds();
        const profile = profiling ? await profileCpu() : null;
        t0 = process.hrtime.bigint();
        const report = await core.sync.runOnce();
        const roundMs = Number(process.hrtime.bigint() - t0) / 1e6;
        const clientProfile = profile ? await profile.stop() : null;
        const cpu = process.cpuUsage(cpu0);
        const provinceCpuMs = (province.cpuSeconds() - server0) * 1000;
        pending.stop();
        if (!report.ok || report.pushed !== backlog || report.deadLettered !== 0) throw new Error(`round: ${JSON.stringify(report)}`);
        const pushMs = pending.at(0);
        if (pushMs === null) throw new Error('the engine never reported an empty outbox');
        const stats = await province.stats();
        if (stats.dossiers !== backlog || stats.changes.applied !== backlog) throw new Error(`the double holds ${stats.dossiers} dossiers, applied ${stats.changes.applied} changes`);
        const left = core.sync.status();
        if (left.pending !== 0 || left.deadLetters !== 0) throw new Error(`outbox after the round: ${left.pending} pending, ${left.deadLetters} dead`);
        const run: PushRun = { pushMs, roundMs, batches: stats.byRoute['POST /changes'] ?? 0, clientCpuMs: (cpu.user + cpu.system) / 1000, provinceCpuMs, timings };
        if (measured) results.push(run);
        console.log(
          `${measured ? `run ${i - warmup + 1}` : 'warm-up'}: pushed ${backlog} in ${pushMs.toFixed(0)} ms (${((backlog * 1000) / pushMs).toFixed(0)}/s, ${run.batches} POST /changes), ` +
            `round with feed ${roundMs.toFixed(0)} ms; CPU counter ${run.clientCpuMs.toFixed(0)} ms, double ${provinceCpuMs.toFixed(0)} ms`,
        );
        if (clientProfile) counterProfile = clientProfile;
      } finally {
        core.close();
        await province.stop();
        rmSync(scratch, { recursive: true, force: true });
      }
      if (counterProfile && profileDir) {
        const file = join(profileDir, `sync-push-counter-${process.pid}.cpuprofile`);
        saveProfile(counterProfile, file);
        const pair = summarizePair({ profile: counterProfile, file }, readProfileOf(profileDir, province.pid), 0, results.at(-1)!.pushMs);
        profiles.push(pair);
        printProfile('counter, push phase', pair.counter);
        printProfile('provincial double, push phase', pair.province);
      }
    }

    const push = results.map((r) => r.pushMs);
    const perThousand = push.map((ms) => (ms * 1000) / backlog);
    const rate = push.map((ms) => (backlog * 1000) / ms);
    const median = (xs: number[]) => summarize(xs).median;
    const inPush = results.map((r) => r.timings.push.sumMs);
    const measurements: Measurement[] = [
      measurement(`push ${backlog.toLocaleString('en')} dossiers, runOnce until the outbox is empty`, push, {
        note: `${median(rate).toFixed(0)} dossiers/s (median); ${results[0]?.batches ?? 0} POST /changes of ≤ ${Math.ceil(backlog / Math.max(1, results[0]?.batches ?? 1))} changes`,
      }),
      measurement('  time per 1,000 dossiers', perThousand, {
        target: { maxMedian: 1000 / (TARGET_PER_SECOND / 1000) },
        note: `target ≥ ${TARGET_PER_SECOND.toLocaleString('en')} dossiers/s, i.e. ≤ ${1000 / (TARGET_PER_SECOND / 1000)} ms per 1,000`,
      }),
      measurement('  throughput', rate, { unit: 'dossiers/s' }),
      measurement('  in adapter.push (client JSON + HTTP + double)', inPush, {
        note: 'the rest of the push time is the engine around it: next batch, wire changes (zod), acknowledgements',
      }),
      measurement('  engine outside adapter.push', results.map((r, i) => push[i]! - r.timings.push.sumMs)),
      measurement('CPU, counter process (whole round)', results.map((r) => r.clientCpuMs), { note: 'user + system, process.cpuUsage(); includes the feed pull' }),
      measurement('CPU, provincial double (whole round)', results.map((r) => r.provinceCpuMs), { note: 'user + system from /proc/PID/stat' }),
      measurement('whole round: push + pull of the feed', results.map((r) => r.roundMs), {
        note: `the feed carries the ${backlog.toLocaleString('en')} dossiers back (pages of 500, each applied in one transaction)`,
      }),
      measurement('  feed pull', results.map((r) => r.roundMs - r.pushMs)),
    ];
    return {
      measurements,
      meta: {
        backlog,
        runs,
        warmup,
        seed,
        preparedDir,
        prepared: prepared.manifest,
        preparedReused: prepared.reused,
        province: 'child process: node --import tsx tests/doubles/province/cli.ts --port 0 (as npm run province)',
        client: 'this process: createCore (CLI host) on a copy of the prepared data dir, core.sync.runOnce()',
        tuningFromEnv: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MOTCUA_SYNC_'))),
        runsDetail: results,
        profiles,
      },
    };
  },
};
