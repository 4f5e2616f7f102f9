import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileIn } from '../../src/main/core/core';
import { vnDateKey, vnDayRange } from '../../src/shared/time/vn-time';
import { defaultDataDir, prepareDataset } from '../lib/dataset';
import { LEDGER_MARKER, type LedgerMode, type LedgerSample } from '../lib/ledger-protocol';
import { measurement, runChildToMarker, summarize, type Measurement } from '../lib/runner';
import { intOption, type BenchSuite } from '../lib/suite';

// The forms issue's promise: "the ledger (form 07) of 10,000 dossiers in ≤ 10 s, in bounded
// memory". Each render runs in a fresh Node process, so the peak resident memory it reports is
// that render's own, not what earlier runs left on the heap. Memory is shown three ways: the
// same render at 2,500 / 5,000 / 10,000 dossiers, a one-day ledger (what any render costs
// whatever its length: fonts, HarfBuzz, templates), and 10,000 dossiers with V8's heap capped.

const TARGET_MS = 10_000;
const TARGET_DOSSIERS = 10_000;
const SIZES = [2_500, 5_000, TARGET_DOSSIERS] as const;
/** V8 old-space cap for the "bounded" run, MiB; the loaded modules alone take ~55 MiB of heap under tsx. */
const HEAP_CAP_MIB = 64;
const PROJECT_ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, '..', 'ledger-child.ts');

interface Range {
  from: string;
  to: string;
}

/** The Vietnamese days the dataset's dossiers were received on (both ends included), and its last day alone. */
function receivedRange(dataDir: string): { all: Range; rows: number; lastDay: Range; lastDayRows: number } {
  const db = new Database(databaseFileIn(dataDir), { readonly: true, fileMustExist: true });
  try {
    const r = db.prepare('SELECT min(received_at) AS first, max(received_at) AS last, count(*) AS rows FROM dossiers').get() as {
      first: number;
      last: number;
      rows: number;
    };
    const lastDayStart = vnDayRange(new Date(r.last)).start.getTime();
    const lastDayRows = db.prepare('SELECT count(*) FROM dossiers WHERE received_at >= ?').pluck().get(lastDayStart) as number;
    const to = vnDateKey(new Date(r.last));
    return { all: { from: vnDateKey(new Date(r.first)), to }, rows: r.rows, lastDay: { from: to, to }, lastDayRows };
  } finally {
    db.close();
  }
}

/** Pages (pdfinfo) and distinct dossier codes printed (pdftotext): every row must be in the PDF. */
function inspectPdf(file: string): { pages: number; codes: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  // The code column may break a code after its hyphen; its date and number part stays whole.
  const codes = new Set(text.match(/\d{6}-\d{4}/g) ?? []);
  return { pages, codes: codes.size };
}

interface SizeResult {
  dossiers: number;
  range: Range;
  samples: LedgerSample[];
  pages: number;
}

export const ledgerSuite: BenchSuite = {
  name: 'ledger',
  description: 'form 07 over 2,500 / 5,000 / 10,000 dossiers, each render in a fresh process (time, pages, peak memory)',
  options: {
    seed: { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
  },
  async run(values) {
    const seed = intOption(values, 'seed', 1);
    const runs = intOption(values, 'runs', 3);
    const warmup = intOption(values, 'warmup', 1);
    if (runs < 1) throw new Error('--runs must be at least 1');
    const outDir = mkdtempSync(join(tmpdir(), 'motcua-bench-ledger-'));
    const out = join(outDir, 'ledger.pdf');

    const render = async (dataDir: string, range: Range, mode: LedgerMode, nodeArgs: string[] = []): Promise<LedgerSample> => {
      const args = ['--expose-gc', ...nodeArgs, '--import', 'tsx', CHILD, '--data-dir', dataDir, '--from', range.from, '--to', range.to, '--out', out, '--mode', mode];
      const child = await runChildToMarker({ command: process.execPath, args, marker: LEDGER_MARKER, cwd: PROJECT_ROOT, timeoutMs: 180_000 });
      if (child.exitCode !== 0) throw new Error(`ledger child exited with ${child.exitCode}\n${child.stderr}`);
      return JSON.parse(child.markerPayload) as LedgerSample;
    };
    const log = (label: string, s: LedgerSample) =>
      console.log(
        `${label.padEnd(24)} ${s.renderMs.toFixed(0).padStart(6)} ms, ${(s.bytes / 2 ** 20).toFixed(2)} MiB PDF, ` +
          `peak RSS ${s.maxRssMiB.toFixed(0)} MiB (${s.rssBeforeMiB.toFixed(0)} before the render)`,
      );

    const results: SizeResult[] = [];
    const rendererSamples: LedgerSample[] = [];
    const dataDirs: string[] = [];
    let oneDay: { sample: LedgerSample; rows: number; pages: number } | null = null;
    let capped: { sample: LedgerSample | null; error: string | null } = { sample: null, error: null };
    try {
      for (const n of SIZES) {
        // The generator's default year of history: about 38 dossiers a working day for 10,000.
        const dataDir = defaultDataDir(n);
        await prepareDataset({ dataDir, dossiers: n, seed, anyDay: true });
        dataDirs.push(dataDir);
        const range = receivedRange(dataDir);
        if (range.rows !== n) throw new Error(`${dataDir} holds ${range.rows} dossiers, expected ${n}`);
        // Warm-up: fills tsx's transform cache and the page cache, so runs measure the render.
        for (let i = 0; i < (n === SIZES[0] ? warmup : 0); i++) log(`warm-up (${n})`, await render(dataDir, range.all, 'dispatch'));
        const samples: LedgerSample[] = [];
        for (let i = 0; i < runs; i++) {
          const s = await render(dataDir, range.all, 'dispatch');
          log(`${n} run ${i + 1}`, s);
          samples.push(s);
        }
        const { pages, codes } = inspectPdf(out);
        if (codes !== n) throw new Error(`the ledger of ${n} dossiers printed ${codes} distinct codes (${range.all.from} … ${range.all.to})`);
        results.push({ dossiers: n, range: range.all, samples, pages });
        if (n !== TARGET_DOSSIERS) continue;

        for (let i = 0; i < runs; i++) {
          const s = await render(dataDir, range.all, 'renderer');
          log(`${n} renderer ${i + 1}`, s);
          rendererSamples.push(s);
        }
        const day = await render(dataDir, range.lastDay, 'dispatch');
        log(`one day (${range.lastDayRows})`, day);
        oneDay = { sample: day, rows: range.lastDayRows, pages: inspectPdf(out).pages };
        try {
          capped = { sample: await render(dataDir, range.all, 'dispatch', [`--max-old-space-size=${HEAP_CAP_MIB}`]), error: null };
          log(`${n}, heap ≤ ${HEAP_CAP_MIB} MiB`, capped.sample!);
        } catch (e) {
          // Running out of heap under the cap is a finding, not a broken benchmark.
          const text = e instanceof Error ? e.message : String(e);
          capped = { sample: null, error: /heap out of memory|OOM/i.test(text) ? 'out of memory' : text.split('\n')[0]! };
          console.log(`${n}, heap ≤ ${HEAP_CAP_MIB} MiB: ${capped.error}`);
        }
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }

    const target = results.find((r) => r.dossiers === TARGET_DOSSIERS)!;
    const median = (xs: number[]) => summarize(xs).median;
    const pick = (r: SizeResult, f: (s: LedgerSample) => number) => r.samples.map(f);
    const before = median(results.flatMap((r) => pick(r, (s) => s.rssBeforeMiB)));
    const growth = results
      .map((r) => `${r.dossiers.toLocaleString('en')}: ${median(pick(r, (s) => s.maxRssMiB)).toFixed(0)} MiB (${r.pages} pages)`)
      .join(', ');
    const measurements: Measurement[] = [
      measurement(`ledger 07, ${TARGET_DOSSIERS.toLocaleString('en')} dossiers (forms.preview)`, pick(target, (s) => s.renderMs), {
        target: { maxMedian: TARGET_MS },
        note:
          `${target.range.from} … ${target.range.to}, ${target.pages} pages, all ${TARGET_DOSSIERS.toLocaleString('en')} codes found by pdftotext; ` +
          'core.dispatch in a fresh process (query, two layout passes, PDF, sha256, base64)',
      }),
      measurement('  renderer alone (renderLedger + ledgerRows)', rendererSamples.map((s) => s.renderMs)),
      measurement('  PDF size', pick(target, (s) => s.bytes / 1024), { unit: 'KB' }),
      measurement('  pages', pick(target, () => target.pages), { unit: 'pages' }),
    ];
    for (const r of results) {
      const label = r.dossiers.toLocaleString('en');
      const isTarget = r.dossiers === TARGET_DOSSIERS;
      measurements.push(
        measurement(`peak RSS, ${label} dossiers`, pick(r, (s) => s.maxRssMiB), {
          unit: 'MiB',
          note: isTarget ? `per size: ${growth}; before the render (modules, core): ${before.toFixed(0)} MiB` : undefined,
        }),
      );
      if (!isTarget) measurements.push(measurement(`  time, ${label} dossiers`, pick(r, (s) => s.renderMs)));
    }
    if (oneDay) {
      measurements.push(
        measurement(`peak RSS, one day (${oneDay.rows} dossiers)`, [oneDay.sample.maxRssMiB], {
          unit: 'MiB',
          note: `${oneDay.pages} page(s), ${oneDay.sample.renderMs.toFixed(0)} ms: what any ledger costs (fonts, HarfBuzz, template)`,
        }),
      );
    }
    measurements.push(
      measurement(`${TARGET_DOSSIERS.toLocaleString('en')} dossiers, V8 heap ≤ ${HEAP_CAP_MIB} MiB`, capped.sample ? [capped.sample.renderMs] : [], {
        note: capped.sample
          ? `completed (--max-old-space-size=${HEAP_CAP_MIB}), peak RSS ${capped.sample.maxRssMiB.toFixed(0)} MiB`
          : `did not complete: ${capped.error}`,
      }),
    );

    return {
      measurements,
      meta: {
        seed,
        runs,
        warmup,
        dataDirs,
        sizes: results.map((r) => ({
          dossiers: r.dossiers,
          range: r.range,
          pages: r.pages,
          medianMs: median(pick(r, (s) => s.renderMs)),
          medianPeakRssMiB: median(pick(r, (s) => s.maxRssMiB)),
          medianRssBeforeMiB: median(pick(r, (s) => s.rssBeforeMiB)),
          medianBytes: median(pick(r, (s) => s.bytes)),
          liveHeapBeforeMiB: median(pick(r, (s) => s.liveHeapBeforeMiB)),
          liveHeapAfterMiB: median(pick(r, (s) => s.liveHeapAfterMiB)),
          externalAfterMiB: median(pick(r, (s) => s.externalMiB)),
          samples: r.samples,
        })),
        renderer: rendererSamples,
        oneDay,
        heapCap: { mib: HEAP_CAP_MIB, ...capped },
        child: `${process.execPath} --expose-gc --import tsx ${CHILD}`,
      },
    };
  },
};
