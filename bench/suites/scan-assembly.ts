import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jpegPageBytes } from '../../tests/support/pdf-images';
import { scannedPage } from '../../tests/support/scan-pages';
import { measurement, runChildToMarker, summarize, type Measurement } from '../lib/runner';
import { SCAN_ASSEMBLY_MARKER, type ScanAssemblySample } from '../lib/scan-assembly-protocol';
import { intOption, type BenchSuite } from '../lib/suite';

// The scanning issue's promise for putting a document's scanned pages into one PDF: 50 A4 pages
// scanned at 300 dpi in grey (JPEG, 300–600 KB each) assembled at no less than 0.8× the
// throughput of img2pdf (the reference tool that, like us, copies JPEG bytes into the PDF
// without decoding them), in ≤ 200 MiB of peak memory.
//
// Each assembly runs in a fresh Node process (bench/scan-assembly-child.ts, the ledger's
// pattern), so its peak resident memory is its own. Ours is timed inside that process (read the
// files, assemblePdf, write the PDF: what the running app spends); img2pdf as a whole process
// (what it costs the app to call it), alternating with ours so that a busy machine weighs on
// both alike. Beside them: our whole process, and the cost of one more page from 1-page runs.

const PAGES = 50;
const DPI = 300;
/** Throughput ≥ 0.8× img2pdf's is time ≤ 1/0.8 = 1.25× img2pdf's. */
const TARGET_TIME_RATIO = 1.25;
const TARGET_PEAK_RSS_MIB = 200;
/** Bump when the page generator changes: the cached pages are then made again. */
const PAGES_VERSION = 1;
const PROJECT_ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, '..', 'scan-assembly-child.ts');

interface PageSet {
  dir: string;
  files: string[];
  sizes: number[];
  reused: boolean;
}

const pageName = (i: number) => `p${String(i + 1).padStart(2, '0')}.jpg`;

/** The 50 pages, made once with sharp and kept in $TMPDIR (a minute to make, reused after). */
async function preparePages(): Promise<PageSet> {
  const dir = join(tmpdir(), `motcua-bench-scan-pages-v${PAGES_VERSION}`);
  const manifestFile = join(dir, 'pages.json');
  const files = Array.from({ length: PAGES }, (_, i) => join(dir, pageName(i)));
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { sizes: number[] };
    if (manifest.sizes.length === PAGES && files.every((f, i) => existsSync(f) && statSync(f).size === manifest.sizes[i])) {
      return { dir, files, sizes: manifest.sizes, reused: true };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sizes: number[] = [];
  const t0 = Date.now();
  for (let i = 0; i < PAGES; i++) {
    // Forms and letters of 14–26 lines, paper grain, dust, soft optics: what a 300 dpi grey scan at
    // the scanner's usual JPEG quality looks like, and weighs.
    const jpeg = await scannedPage(DPI, { lines: 14 + ((i * 5) % 13), grain: 2, dust: 40, blur: 0.8, seed: i + 1 }, 80);
    writeFileSync(files[i]!, jpeg);
    sizes.push(jpeg.length);
    if ((i + 1) % 10 === 0) console.log(`made ${i + 1}/${PAGES} pages (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  writeFileSync(manifestFile, `${JSON.stringify({ version: PAGES_VERSION, dpi: DPI, sizes })}\n`);
  return { dir, files, sizes, reused: false };
}

function requireImg2pdf(): string {
  try {
    return execFileSync('img2pdf', ['--version'], { encoding: 'utf8' }).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('img2pdf is not installed; the scan-assembly suite compares with it: apt-get install img2pdf', { cause: e });
    }
    throw e;
  }
}

/** Wall time of a whole process, spawn to exit. */
function timeProcess(command: string, args: readonly string[]): Promise<{ ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${command} exited with ${code}: ${stderr}`));
      else resolve({ ms, stderr });
    });
  });
}

/** img2pdf's peak resident set (MiB) by GNU time's -v (from wait4's rusage, like our child's maxRSS). */
function img2pdfPeakRss(files: string[], out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-v', 'img2pdf', ...files, '-o', out], { encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`/usr/bin/time -v img2pdf: ${error.message}\n${stderr}`));
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
      if (!kb) return reject(new Error(`no peak memory in /usr/bin/time's report:\n${stderr}`));
      resolve(Number(kb) / 1024);
    });
  });
}

/** Without GNU time: VmHWM read from /proc every 2 ms while img2pdf runs (may miss the last growth). */
function img2pdfPeakRssPolled(files: string[], out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('img2pdf', [...files, '-o', out], { stdio: 'ignore' });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // gone between two polls
      }
    }, 2);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`img2pdf exited with ${code}`));
      else resolve(peak);
    });
  });
}

function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? NaN);
}

/** Both PDFs must hold every page, each page's JPEG exactly as it was scanned. */
async function verify(file: string, pages: PageSet, who: string): Promise<void> {
  const count = pdfPages(file);
  if (count !== PAGES) throw new Error(`${who} made ${count} pages, expected ${PAGES}`);
  const stored = await jpegPageBytes(readFileSync(file));
  const same = stored.filter((bytes, i) => bytes.equals(readFileSync(pages.files[i]!))).length;
  if (same !== PAGES) throw new Error(`${who}: ${same} of ${PAGES} pages hold the scanned JPEG byte for byte`);
}

export const scanAssemblySuite: BenchSuite = {
  name: 'scan-assembly',
  description: '50 scanned A4 pages (300 dpi grey JPEG) into one PDF: assemblePdf beside img2pdf (time, peak memory)',
  options: {
    runs: { type: 'string' },
    warmup: { type: 'string' },
  },
  async run(values) {
    const runs = intOption(values, 'runs', 5);
    const warmup = intOption(values, 'warmup', 1);
    if (runs < 1) throw new Error('--runs must be at least 1');
    const img2pdfVersion = requireImg2pdf();
    const pages = await preparePages();
    const totalMiB = pages.sizes.reduce((a, b) => a + b, 0) / 2 ** 20;
    console.log(
      `${PAGES} pages in ${pages.dir} (${pages.reused ? 'reused' : 'made now'}): ${totalMiB.toFixed(1)} MiB, ` +
        `${(Math.min(...pages.sizes) / 1024).toFixed(0)}–${(Math.max(...pages.sizes) / 1024).toFixed(0)} KB a page; ${img2pdfVersion}`,
    );
    const outDir = mkdtempSync(join(tmpdir(), 'motcua-bench-scan-'));
    const ours = join(outDir, 'ours.pdf');
    const theirs = join(outDir, 'img2pdf.pdf');
    const useTime = existsSync('/usr/bin/time');

    const assemble = async (count: number): Promise<{ sample: ScanAssemblySample; wallMs: number }> => {
      const args = ['--import', 'tsx', CHILD, '--pages-dir', pages.dir, '--count', String(count), '--out', ours];
      const child = await runChildToMarker({ command: process.execPath, args, marker: SCAN_ASSEMBLY_MARKER, cwd: PROJECT_ROOT, timeoutMs: 120_000 });
      if (child.exitCode !== 0) throw new Error(`scan-assembly child exited with ${child.exitCode}\n${child.stderr}`);
      return { sample: JSON.parse(child.markerPayload) as ScanAssemblySample, wallMs: child.toExitMs };
    };
    const img2pdf = async (count: number) => (await timeProcess('img2pdf', [...pages.files.slice(0, count), '-o', theirs])).ms;

    const oursFull: { sample: ScanAssemblySample; wallMs: number }[] = [];
    const oursOne: ScanAssemblySample[] = [];
    const theirsFull: number[] = [];
    const theirsOne: number[] = [];
    const theirsRss: number[] = [];
    const pdfBytes = { ours: 0, img2pdf: 0 };
    try {
      // Warm-up: tsx's transform cache, the page cache, Python's bytecode cache.
      for (let i = 0; i < warmup; i++) {
        await assemble(PAGES);
        await img2pdf(PAGES);
      }
      for (let i = 0; i < runs; i++) {
        const a = await assemble(PAGES);
        const b = await img2pdf(PAGES);
        oursFull.push(a);
        theirsFull.push(b);
        console.log(
          `run ${i + 1}: assemblePdf ${a.sample.workMs.toFixed(0)} ms (process ${a.wallMs.toFixed(0)} ms, peak RSS ${a.sample.maxRssMiB.toFixed(0)} MiB), ` +
            `img2pdf ${b.toFixed(0)} ms`,
        );
      }
      await verify(ours, pages, 'assemblePdf');
      await verify(theirs, pages, 'img2pdf');
      pdfBytes.ours = statSync(ours).size;
      pdfBytes.img2pdf = statSync(theirs).size;
      for (let i = 0; i < runs; i++) theirsRss.push(await (useTime ? img2pdfPeakRss : img2pdfPeakRssPolled)(pages.files, theirs));
      // One page: what either costs whatever the length (Node and tsx, or Python and its imports).
      for (let i = 0; i < runs; i++) {
        oursOne.push((await assemble(1)).sample);
        theirsOne.push(await img2pdf(1));
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }

    const work = oursFull.map((r) => r.sample.workMs);
    const ratios = oursFull.map((r, i) => r.sample.workMs / theirsFull[i]!);
    const pagesPerSecond = (ms: number) => (PAGES * 1000) / ms;
    const throughputRatio = summarize(theirsFull).median / summarize(work).median;
    const perPage = (full: number[], one: number[]) => full.map((t, i) => (t - one[i]!) / (PAGES - 1));
    const median = (xs: number[]) => summarize(xs).median;
    const measurements: Measurement[] = [
      measurement(`assemblePdf, ${PAGES} pages (read + assemble + write)`, work, {
        note: `in a running process, as in the app; ${pagesPerSecond(median(work)).toFixed(0)} pages/s`,
      }),
      measurement('  assemblePdf alone', oursFull.map((r) => r.sample.assembleMs)),
      measurement(`img2pdf, ${PAGES} pages (whole process)`, theirsFull, {
        note: `${img2pdfVersion}; ${pagesPerSecond(median(theirsFull)).toFixed(0)} pages/s`,
      }),
      measurement('time, assemblePdf ÷ img2pdf', ratios, {
        unit: '×',
        target: { maxMedian: TARGET_TIME_RATIO },
        note: `throughput ${throughputRatio.toFixed(2)}× img2pdf's (target ≥ ${(1 / TARGET_TIME_RATIO).toFixed(1)}×, i.e. time ≤ ${TARGET_TIME_RATIO}×); paired runs`,
      }),
      measurement('throughput, assemblePdf', work.map(pagesPerSecond), { unit: 'pages/s' }),
      measurement('throughput, img2pdf', theirsFull.map(pagesPerSecond), { unit: 'pages/s' }),
      measurement('our whole process (Node + tsx + modules + work)', oursFull.map((r) => r.wallMs), {
        note: `${(median(oursFull.map((r) => r.wallMs)) / median(theirsFull)).toFixed(2)}× img2pdf's whole process; module load ${median(oursFull.map((r) => r.sample.moduleLoadMs)).toFixed(0)} ms`,
      }),
      measurement('one more page, assemblePdf', perPage(work, oursOne.map((s) => s.workMs)), {
        unit: 'ms/page',
        note: `from 1-page runs (${median(oursOne.map((s) => s.workMs)).toFixed(1)} ms for 1 page)`,
      }),
      measurement('one more page, img2pdf', perPage(theirsFull, theirsOne), {
        unit: 'ms/page',
        note: `from 1-page runs (${median(theirsOne).toFixed(0)} ms for 1 page: Python and its imports)`,
      }),
      measurement('peak RSS, assemblePdf process', oursFull.map((r) => r.sample.maxRssMiB), {
        unit: 'MiB',
        target: { maxP95: TARGET_PEAK_RSS_MIB },
        note: `before reading the pages (Node, tsx, pdf-lib, sharp): ${median(oursFull.map((r) => r.sample.rssBeforeMiB)).toFixed(0)} MiB; the pages are ${totalMiB.toFixed(1)} MiB`,
      }),
      measurement('peak RSS, img2pdf process', theirsRss, { unit: 'MiB', note: useTime ? '/usr/bin/time -v' : 'VmHWM polled every 2 ms (a lower bound)' }),
      measurement('PDF size, assemblePdf', [pdfBytes.ours / 2 ** 20], {
        unit: 'MiB',
        note: `img2pdf's: ${(pdfBytes.img2pdf / 2 ** 20).toFixed(2)} MiB; the pages: ${totalMiB.toFixed(2)} MiB`,
      }),
    ];
    return {
      measurements,
      meta: {
        pages: PAGES,
        dpi: DPI,
        pagesDir: pages.dir,
        pagesReused: pages.reused,
        pageBytes: pages.sizes,
        runs,
        warmup,
        img2pdf: img2pdfVersion,
        img2pdfMemory: useTime ? '/usr/bin/time -v' : 'VmHWM polling',
        ours: oursFull,
        oursOnePage: oursOne,
        img2pdfMs: theirsFull,
        img2pdfOnePageMs: theirsOne,
        img2pdfPeakRssMiB: theirsRss,
        pdfBytes,
        child: `${process.execPath} --import tsx ${CHILD}`,
      },
    };
  },
};
