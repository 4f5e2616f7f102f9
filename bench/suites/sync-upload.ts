import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { DEFAULT_SYNC_TUNING } from '../../src/main/core/sync/sync-engine';
import { syncTuningFromEnv } from '../../src/main/core/sync/sync-tuning-env';
import { measurement, summarize, type Measurement } from '../lib/runner';
import { intOption, stringOption, type BenchSuite } from '../lib/suite';
import { copyCounter, openSyncCore, prepareCounter, type PreparedCounter } from '../lib/sync-counter';
import { plainUpload, type PlainUploadResult } from '../lib/sync-plain-upload';
import { printProfile, profileCpu, readProfileOf, saveProfile, summarizePair, type CpuProfile, type ProfileSummary } from '../lib/sync-profile';
import { startProvinceChild, type ProvinceChild } from '../lib/sync-province';
import { timedAdapterFactory, watchPending, type AdapterTimings } from '../lib/sync-timing';

// The sync issue's promise for attachments: scanned documents reach the province through the
// engine's resumable upload (POST /files offers a file by hash, PATCH /files/{sha256} sends it
// in chunks from the server's offset) at no less than half the throughput of a plain HTTP upload
// of the same files to the same server.
//
// Set-up, not timed: a counter whose outbox holds N/4 receive entries (dossiers.receive through
// the app) followed by N/4 'dossier.attach' entries naming 4 files each: N distinct files of
// random bytes (200 KiB by default) in the app's file store (lib/sync-counter.ts; made once,
// kept in $TMPDIR, the files hard-linked into each run's copy). A fresh provincial double in its
// own process per run.
//
// Timed, in each run, on the same double:
//   engine     core.sync.runOnce() on the app's own core: the receive entries go first (timed
//              apart), then the attach batches: each batch's files with uploadConcurrency
//              uploads in flight, then the batch's changes. MiB/s = the files' bytes ÷ the
//              time from the last receive acknowledged to the outbox empty.
//   plain ×c   the same files as PUT /_bench/plain/{sha256} (tests/doubles/province/
//              bench-plain.ts: body to a file, fsync, rename, directory fsync, the same
//              durability as the double's PATCH), c = the engine's uploadConcurrency.
//   plain ×1   the same, one upload at a time.
// The engine goes first in odd runs and after the plain uploads in even ones, so neither always
// meets a fresher disk. The ratio is taken per run.

const DEFAULT_FILES = 10_000;
const DEFAULT_FILE_KIB = 200;
const PER_DOSSIER = 4;
/** Throughput ≥ 0.5× plain's is time ≤ 2× plain's. */
const TARGET_TIME_RATIO = 2;
const MiB = 2 ** 20;
/** Longer than the double's keep-alive timeout (Node's default, 5 s). */
const KEEP_ALIVE_SETTLE_MS = 6_000;

interface EngineRun {
  /** From the round's start to the last receive acknowledged. */
  receivesMs: number;
  /** From there to the outbox empty: every file uploaded and every attach acknowledged. */
  attachMs: number;
  roundMs: number;
  timings: AdapterTimings;
  clientCpuMs: number;
  provinceCpuMs: number;
  /** CPU over the attach phase only. */
  attachCpuMs: { counter: number; province: number };
}

interface UploadRun {
  order: string;
  engine: EngineRun;
  plain: PlainUploadResult & { clientCpuMs: number; provinceCpuMs: number };
  single: PlainUploadResult;
}

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Every stored file the double received whole, checked by count and size. */
function checkReceived(dir: string, files: readonly { sha256: string; size: number }[], who: string): void {
  const names = new Set(existsSync(dir) ? readdirSync(dir) : []);
  const missing = files.filter((f) => !names.has(f.sha256) || statSync(join(dir, f.sha256)).size !== f.size);
  if (missing.length > 0) throw new Error(`${who}: ${missing.length} of ${files.length} files missing or of the wrong size in ${dir}`);
}

interface Profiled {
  profile: CpuProfile;
  file: string;
  /** The stretch of it that the suite times, ms after the profile started. */
  fromMs: number;
  toMs: number;
}

async function engineUpload(
  prepared: PreparedCounter,
  counterDir: string,
  province: ProvinceChild,
  expectFiles: number,
  profileFile?: string,
): Promise<EngineRun & { profiled: Profiled | null }> {
  const { receive, attach } = prepared.manifest.outbox;
  // The attach phase runs from the first upload to the outbox empty; the CPU of both processes
  // is read at both ends. (A batch that holds the last receives and the first attaches counts
  // in the attach phase: against the engine, and at most one batch.)
  const marks: { counter: number; province: number }[] = [];
  const mark = () => {
    const c = process.cpuUsage();
    marks.push({ counter: (c.user + c.system) / 1000, province: province.cpuSeconds() * 1000 });
  };
  const { factory, timings } = timedAdapterFactory({ onFirstSendFile: mark });
  const core = openSyncCore(counterDir, province.url, {}, { syncAdapter: factory });
  try {
    let t0 = 0n;
    const pending = watchPending(core, () => t0);
    const stopMarks = core.events.subscribe((m) => {
      if (m.event === 'sync.state' && marks.length === 1 && (m.payload as { pending: number }).pending === 0) mark();
    });
    const cpu0 = process.cpuUsage();
    const server0 = province.cpuSeconds();
    const profiler = profileFile ? await profileCpu() : null;
    const startedAt = performance.now();
    t0 = process.hrtime.bigint();
    const report = await core.sync.runOnce();
    const roundMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const profile = profiler ? await profiler.stop() : null;
    const cpu = process.cpuUsage(cpu0);
    const provinceCpuMs = (province.cpuSeconds() - server0) * 1000;
    pending.stop();
    stopMarks();
    if (!report.ok || report.pushed !== receive + attach || report.deadLettered !== 0) throw new Error(`round: ${JSON.stringify(report)}`);
    const doneMs = pending.at(0);
    if (timings.sendFile.firstStartAt === null || doneMs === null) throw new Error('the engine uploaded nothing or never reported the outbox empty');
    const receivesMs = timings.sendFile.firstStartAt - startedAt;
    const stats = await province.stats();
    if (stats.files !== expectFiles) throw new Error(`the double holds ${stats.files} files, expected ${expectFiles}`);
    if (profile && profileFile) saveProfile(profile, profileFile);
    const profiled = profile && profileFile ? { profile, file: profileFile, fromMs: receivesMs, toMs: doneMs } : null;
    if (marks.length !== 2) throw new Error('the attach phase was not seen whole');
    return {
      receivesMs,
      attachMs: doneMs - receivesMs,
      roundMs,
      timings,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      provinceCpuMs,
      attachCpuMs: { counter: marks[1]!.counter - marks[0]!.counter, province: marks[1]!.province - marks[0]!.province },
      profiled,
    };
  } finally {
    core.close();
  }
}

export const syncUploadSuite: BenchSuite = {
  name: 'sync-upload',
  description: '10,000 attachments of 200 KiB through the engine’s resumable upload, beside plain HTTP PUTs of the same files to the same double (MiB/s)',
  options: {
    files: { type: 'string' },
    'file-kib': { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    'profile-dir': { type: 'string' },
  },
  async run(values) {
    const requested = intOption(values, 'files', DEFAULT_FILES);
    const fileKiB = intOption(values, 'file-kib', DEFAULT_FILE_KIB);
    const runs = intOption(values, 'runs', 3);
    const seed = intOption(values, 'seed', 1);
    const profileDir = stringOption(values, 'profile-dir');
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    if (requested < 1 || fileKiB < 1 || runs < 1) throw new Error('--files, --file-kib and --runs must be at least 1');
    const perDossier = Math.min(PER_DOSSIER, requested);
    const dossiers = Math.ceil(requested / perDossier);
    const fileCount = dossiers * perDossier;
    const fileBytes = fileKiB * 1024;
    const passBytes = fileCount * fileBytes;
    const concurrency = { ...DEFAULT_SYNC_TUNING, ...syncTuningFromEnv() }.uploadConcurrency;

    const preparedDir = join(tmpdir(), `motcua-bench-sync-upload-${fileCount}x${fileKiB}k-s${seed}`);
    // Room for: the prepared files (unless kept from an earlier run), and per run the double's
    // copy from the engine and one plain pass at a time (each pass is removed after it).
    const needed = (existsSync(join(preparedDir, 'sync-bench.json')) ? 0 : passBytes) + 2 * passBytes + 512 * MiB;
    const free = freeBytes(tmpdir());
    if (free < needed) {
      throw new Error(
        `${(free / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}, ${(needed / 2 ** 30).toFixed(1)} GiB needed for ${fileCount} files of ${fileKiB} KiB: ` +
          'pass a smaller --files',
      );
    }
    const prepared = await prepareCounter(preparedDir, { dossiers, attachmentsPerDossier: perDossier, fileBytes, seed });
    const files = prepared.files();
    console.log(
      `counter in ${preparedDir} (${prepared.reused ? 'reused' : `made now: ${((prepared.manifest.prepareMs.receive + prepared.manifest.prepareMs.attach) / 1000).toFixed(0)} s`}): ` +
        `${prepared.manifest.outbox.receive} receive + ${prepared.manifest.outbox.attach} attach entries, ${files.length} files, ${(passBytes / MiB).toFixed(0)} MiB; ` +
        `uploadConcurrency ${concurrency}`,
    );
    if (files.length !== fileCount || prepared.manifest.outbox.attach !== dossiers) throw new Error(`prepared counter holds ${files.length} files, expected ${fileCount}`);

    const results: UploadRun[] = [];
    const profiles: { what: string; counter: ProfileSummary; province: ProfileSummary }[] = [];
    for (let i = 0; i < runs; i++) {
      const scratch = mkdtempSync(join(tmpdir(), 'motcua-bench-sync-upload-run-'));
      const counterDir = join(scratch, 'counter');
      copyCounter(preparedDir, counterDir);
      const provinceDir = join(scratch, 'province');
      // Profile the last run only: the others stay unobserved.
      const profiling = profileDir !== undefined && i === runs - 1;
      const province = await startProvinceChild({ dataDir: provinceDir, cpuProfDir: profiling ? profileDir : undefined });
      let engineProfile: Profiled | null;
      let plainProfile: Profiled | null = null;
      try {
        const plainDir = join(provinceDir, 'bench-plain');
        const plainPass = async (c: number) => {
          const cpu0 = process.cpuUsage();
          const server0 = province.cpuSeconds();
          const profiler = profiling && c === concurrency ? await profileCpu() : null;
          const r = await plainUpload(province.origin, files, c);
          if (profiler) {
            const profile = await profiler.stop();
            const file = join(profileDir!, `sync-upload-plain-${process.pid}.cpuprofile`);
            saveProfile(profile, file);
            plainProfile = { profile, file, fromMs: 0, toMs: r.ms };
          }
          const cpu = process.cpuUsage(cpu0);
          const provinceCpuMs = (province.cpuSeconds() - server0) * 1000;
          checkReceived(plainDir, files, `plain ×${c}`);
          await rm(plainDir, { recursive: true, force: true });
          return { ...r, clientCpuMs: (cpu.user + cpu.system) / 1000, provinceCpuMs };
        };
        const engineProfileFile = profiling ? join(profileDir!, `sync-upload-engine-${process.pid}.cpuprofile`) : undefined;
        // Between passes, every keep-alive connection of the last one is let go first: Node's
        // server closes an idle one after 5 s, and a pass that started on a connection the
        // server was closing would fail its first request ("closed before replying").
        const settle = () => delay(KEEP_ALIVE_SETTLE_MS);
        const engineFirst = i % 2 === 0;
        let engine: EngineRun & { profiled: Profiled | null };
        let plain: UploadRun['plain'];
        if (engineFirst) {
          engine = await engineUpload(prepared, counterDir, province, fileCount, engineProfileFile);
          await settle();
          plain = await plainPass(concurrency);
        } else {
          plain = await plainPass(concurrency);
          await settle();
          engine = await engineUpload(prepared, counterDir, province, fileCount, engineProfileFile);
        }
        engineProfile = engine.profiled;
        delete (engine as Partial<typeof engine>).profiled;
        checkReceived(join(provinceDir, 'files'), files, 'engine');
        await settle();
        const single = await plainPass(1);
        const run: UploadRun = { order: engineFirst ? 'engine, plain, plain×1' : 'plain, engine, plain×1', engine, plain, single };
        results.push(run);
        const mibps = (bytes: number, ms: number) => ((bytes / MiB) * 1000) / ms;
        console.log(
          `run ${i + 1} (${run.order}): engine ${mibps(passBytes, engine.attachMs).toFixed(1)} MiB/s (attach phase ${(engine.attachMs / 1000).toFixed(1)} s, ` +
            `receives ${(engine.receivesMs / 1000).toFixed(1)} s), plain ×${concurrency} ${mibps(plain.bytes, plain.ms).toFixed(1)} MiB/s, ` +
            `plain ×1 ${mibps(single.bytes, single.ms).toFixed(1)} MiB/s`,
        );
      } finally {
        await province.stop();
        rmSync(scratch, { recursive: true, force: true });
      }
      if (profileDir && engineProfile && plainProfile) {
        const server = readProfileOf(profileDir, province.pid);
        for (const [what, p] of [['engine, attach phase', engineProfile], [`plain PUT ×${concurrency}`, plainProfile]] as const) {
          const pair = summarizePair(p, server, p.fromMs, p.toMs);
          profiles.push({ what, ...pair });
          printProfile(`counter, ${what}`, pair.counter);
          printProfile(`provincial double, ${what}`, pair.province);
        }
      }
    }

    const mibps = (ms: number) => ((passBytes / MiB) * 1000) / ms;
    const median = (xs: number[]) => summarize(xs).median;
    const engineMs = results.map((r) => r.engine.attachMs);
    const plainMs = results.map((r) => r.plain.ms);
    const singleMs = results.map((r) => r.single.ms);
    const ratios = results.map((r) => r.engine.attachMs / r.plain.ms);
    const throughputRatio = median(plainMs) / median(engineMs);
    const size = `${fileCount.toLocaleString('en')} × ${fileKiB} KiB`;
    const measurements: Measurement[] = [
      measurement(`engine: ${size} (attach phase of runOnce)`, engineMs, {
        note: `${median(engineMs.map(mibps)).toFixed(1)} MiB/s; POST /files + PATCH per file (chunk ${({ ...DEFAULT_SYNC_TUNING, ...syncTuningFromEnv() }.chunkBytes / 1024).toFixed(0)} KiB), ${concurrency} in flight, then the batch's attach changes`,
      }),
      measurement('  files in flight (sendFile busy)', results.map((r) => r.engine.timings.sendFile.busyMs), {
        note: 'wall time while at least one upload ran; the rest of the attach phase is the batches’ changes and the engine between batches',
      }),
      measurement(`plain PUT ×${concurrency}: ${size}`, plainMs, { note: `${median(plainMs.map(mibps)).toFixed(1)} MiB/s` }),
      measurement('time, engine ÷ plain', ratios, {
        unit: '×',
        target: { maxMedian: TARGET_TIME_RATIO },
        note: `throughput ${throughputRatio.toFixed(2)}× plain's (target ≥ ${(1 / TARGET_TIME_RATIO).toFixed(1)}×, i.e. time ≤ ${TARGET_TIME_RATIO}×); paired runs`,
      }),
      measurement('throughput, engine', engineMs.map(mibps), { unit: 'MiB/s' }),
      measurement(`throughput, plain PUT ×${concurrency}`, plainMs.map(mibps), { unit: 'MiB/s' }),
      measurement('throughput, plain PUT ×1', singleMs.map(mibps), { unit: 'MiB/s' }),
      measurement('engine: round start to first upload (the receives)', results.map((r) => r.engine.receivesMs)),
      measurement('CPU per file, engine: counter + double', results.map((r) => (r.engine.attachCpuMs.counter + r.engine.attachCpuMs.province) / fileCount), {
        unit: 'ms',
        note: `attach phase; counter ${median(results.map((r) => r.engine.attachCpuMs.counter / fileCount)).toFixed(2)} + double ${median(results.map((r) => r.engine.attachCpuMs.province / fileCount)).toFixed(2)} ms (medians)`,
      }),
      measurement(`CPU per file, plain ×${concurrency}: counter + double`, results.map((r) => (r.plain.clientCpuMs + r.plain.provinceCpuMs) / fileCount), {
        unit: 'ms',
        note: `counter ${median(results.map((r) => r.plain.clientCpuMs / fileCount)).toFixed(2)} + double ${median(results.map((r) => r.plain.provinceCpuMs / fileCount)).toFixed(2)} ms (medians)`,
      }),
      measurement('CPU, counter process, whole engine round', results.map((r) => r.engine.clientCpuMs), { note: 'receives, attaches and the feed pull' }),
      measurement('CPU, provincial double, whole engine round', results.map((r) => r.engine.provinceCpuMs)),
    ];
    return {
      measurements,
      meta: {
        files: fileCount,
        requestedFiles: requested,
        fileBytes,
        perDossier,
        dossiers,
        passBytes,
        uploadConcurrency: concurrency,
        runs,
        seed,
        preparedDir,
        prepared: prepared.manifest,
        preparedReused: prepared.reused,
        province: 'child process: node --import tsx tests/doubles/province/cli.ts --port 0 (as npm run province)',
        tuningFromEnv: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MOTCUA_SYNC_'))),
        runsDetail: results,
        profiles,
      },
    };
  },
};
