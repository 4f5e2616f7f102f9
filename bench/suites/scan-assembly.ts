import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jpegPageBytes } from '../../tests/support/pdf-images';
import { scannedPage } from '../../tests/support/scan-pages';
import { measurement, runChildToMarker, summarize, type Measurement } from '../lib/runner';
import { SCAN_ASSEMBLY_IMG2PDF_MARKER, SCAN_ASSEMBLY_MARKER, type Img2pdfSample, type ScanAssemblySample } from '../lib/scan-assembly-protocol';
import { intOption, stringOption, type BenchSuite } from '../lib/suite';

// The scanning issue's promise for putting a document's scanned pages into one PDF: 50 A4 pages
// scanned at 300 dpi in grey (JPEG, 300–600 KB each) assembled at no less than 0.8× the
// throughput of img2pdf (the reference tool that, like us, copies JPEG bytes into the PDF
// without decoding them), in ≤ 200 MiB of peak memory.
//
// The fair comparison is in-process against in-process: ours in a Node process
// (bench/scan-assembly-child.ts: read each page file as its turn comes, assemblePdfToFile streaming
// the PDF to disk and hashing it on the way) and img2pdf in a Python process
// (bench/scan-assembly-img2pdf.py: read the files, img2pdf.convert, write the PDF), each timed
// around the work only, several runs per process, the first (cold) reported apart. A round runs
// ours then theirs, and the ratio is taken per round, so a busy machine weighs on both alike.
// Beside it, as a second line: img2pdf's whole process (what calling its CLI would cost the app).
// Memory: each process's own VmHWM, at 50, 150 and 300 pages (the page files taken in turn
// again), which must stay flat for ours: the PDF is streamed, one page in memory at a time.

const PAGES = 50;
const DPI = 300;
/** Throughput ≥ 0.8× img2pdf's is time ≤ 1/0.8 = 1.25× img2pdf's. */
const TARGET_TIME_RATIO = 1.25;
const TARGET_PEAK_RSS_MIB = 200;
/** Bump when the page generator changes: the cached pages are then made again. */
const PAGES_VERSION = 1;
const PROJECT_ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, '..', 'scan-assembly-child.ts');
const IMG2PDF_DRIVER = join(__dirname, '..', 'scan-assembly-img2pdf.py');

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

function requireImg2pdf(): { version: string; python: string } {
  try {
    const version = execFileSync('img2pdf', ['--version'], { encoding: 'utf8' }).trim();
    // The in-process driver runs under the interpreter img2pdf's own script names (its #! line):
    // the one that has img2pdf and pikepdf installed, whatever python3 is first on PATH.
    const script = execFileSync('which', ['img2pdf'], { encoding: 'utf8' }).trim();
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(script, 'utf8').split('\n', 1)[0]!)?.[1];
    return { version, python: shebang && existsSync(shebang) ? shebang : 'python3' };
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

function qpdfClean(file: string): void {
  const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
  if (!out.includes('No syntax or stream encoding errors')) throw new Error(`qpdf --check ${file}:\n${out}`);
}

const median = (xs: readonly number[]) => summarize(xs).median;
/** The runs after the first: JIT and caches warm, as in the running app. */
const warm = <T>(runs: readonly T[]) => (runs.length > 1 ? runs.slice(1) : runs);
const pagesPerSecond = (pages: number, ms: number) => (pages * 1000) / ms;

export const scanAssemblySuite: BenchSuite = {
  name: 'scan-assembly',
  description: '50 scanned A4 pages (300 dpi grey JPEG) into one PDF: assemblePdf beside img2pdf in-process and as a process; peak memory at 50/150/300 pages',
  options: {
    runs: { type: 'string' },
    repeat: { type: 'string' },
    warmup: { type: 'string' },
    counts: { type: 'string' },
  },
  async run(values) {
    const rounds = intOption(values, 'runs', 5);
    const repeat = intOption(values, 'repeat', 5);
    const warmup = intOption(values, 'warmup', 1);
    const counts = (stringOption(values, 'counts') ?? '50,150,300').split(',').map(Number);
    if (rounds < 1 || repeat < 2) throw new Error('--runs must be at least 1 and --repeat at least 2 (the first run of a process is the cold one)');
    if (counts.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--counts takes page counts, e.g. 50,150,300');
    const img2pdfTool = requireImg2pdf();
    const pages = await preparePages();
    const totalMiB = pages.sizes.reduce((a, b) => a + b, 0) / 2 ** 20;
    console.log(
      `${PAGES} pages in ${pages.dir} (${pages.reused ? 'reused' : 'made now'}): ${totalMiB.toFixed(1)} MiB, ` +
        `${(Math.min(...pages.sizes) / 1024).toFixed(0)}–${(Math.max(...pages.sizes) / 1024).toFixed(0)} KB a page; ${img2pdfTool.version} (${img2pdfTool.python})`,
    );
    const outDir = mkdtempSync(join(tmpdir(), 'motcua-bench-scan-'));
    const ours = join(outDir, 'ours.pdf');
    const theirs = join(outDir, 'img2pdf.pdf');
    const useTime = existsSync('/usr/bin/time');
    const filesFor = (count: number) => Array.from({ length: count }, (_, i) => pages.files[i % PAGES]!);

    const assemble = async (count: number, runs: number): Promise<{ sample: ScanAssemblySample; wallMs: number }> => {
      const args = ['--import', 'tsx', CHILD, '--pages-dir', pages.dir, '--count', String(count), '--out', ours, '--repeat', String(runs)];
      const child = await runChildToMarker({ command: process.execPath, args, marker: SCAN_ASSEMBLY_MARKER, cwd: PROJECT_ROOT, timeoutMs: 300_000 });
      if (child.exitCode !== 0) throw new Error(`scan-assembly child exited with ${child.exitCode}\n${child.stderr}`);
      return { sample: JSON.parse(child.markerPayload) as ScanAssemblySample, wallMs: child.toExitMs };
    };
    const img2pdfInProcess = async (count: number, runs: number): Promise<Img2pdfSample> => {
      const args = [IMG2PDF_DRIVER, '--out', theirs, '--repeat', String(runs), ...filesFor(count)];
      const child = await runChildToMarker({ command: img2pdfTool.python, args, marker: SCAN_ASSEMBLY_IMG2PDF_MARKER, cwd: PROJECT_ROOT, timeoutMs: 300_000 });
      if (child.exitCode !== 0) throw new Error(`img2pdf driver exited with ${child.exitCode}\n${child.stderr}`);
      return JSON.parse(child.markerPayload) as Img2pdfSample;
    };
    const img2pdfProcess = async (count: number) => (await timeProcess('img2pdf', [...filesFor(count), '-o', theirs])).ms;

    const oursRounds: ScanAssemblySample[] = [];
    const theirsRounds: Img2pdfSample[] = [];
    const oursWhole: { sample: ScanAssemblySample; wallMs: number }[] = [];
    const theirsWhole: number[] = [];
    const scale = new Map<number, { ours: ScanAssemblySample[]; theirs: Img2pdfSample[]; cliRss: number[] }>();
    const pdfBytes = { ours: 0, img2pdf: 0 };
    try {
      // Warm-up: tsx's transform cache, the page cache, Python's bytecode cache.
      for (let i = 0; i < warmup; i++) {
        await assemble(PAGES, 2);
        await img2pdfInProcess(PAGES, 2);
        await img2pdfProcess(PAGES);
      }
      for (let i = 0; i < rounds; i++) {
        const a = (await assemble(PAGES, repeat)).sample;
        const b = await img2pdfInProcess(PAGES, repeat);
        const c = await assemble(PAGES, 1);
        const d = await img2pdfProcess(PAGES);
        oursRounds.push(a);
        theirsRounds.push(b);
        oursWhole.push(c);
        theirsWhole.push(d);
        const oursWarm = median(warm(a.runs).map((r) => r.workMs));
        const theirsWarm = median(warm(b.runs).map((r) => r.workMs));
        console.log(
          `round ${i + 1}: in-process ours ${oursWarm.toFixed(0)} ms, img2pdf ${theirsWarm.toFixed(0)} ms (×${(oursWarm / theirsWarm).toFixed(2)}); ` +
            `whole process ours ${c.wallMs.toFixed(0)} ms, img2pdf ${d.toFixed(0)} ms; peak RSS ours ${a.maxRssMiB.toFixed(0)} MiB`,
        );
      }
      await verify(ours, pages, 'assemblePdf');
      qpdfClean(ours);
      await verify(theirs, pages, 'img2pdf');
      pdfBytes.ours = statSync(ours).size;
      pdfBytes.img2pdf = statSync(theirs).size;
      // Memory and time against the document's length: the same pages taken in turn again.
      for (const count of counts) {
        const row = { ours: [] as ScanAssemblySample[], theirs: [] as Img2pdfSample[], cliRss: [] as number[] };
        for (let i = 0; i < Math.max(1, Math.min(rounds, 3)); i++) {
          row.ours.push((await assemble(count, 3)).sample);
          row.theirs.push(await img2pdfInProcess(count, 3));
          row.cliRss.push(await (useTime ? img2pdfPeakRss : img2pdfPeakRssPolled)(filesFor(count), theirs));
        }
        // (qpdf --check is run on the 50-page PDF above: on 300 pages it takes minutes.)
        if (pdfPages(ours) !== count) throw new Error(`ours made ${pdfPages(ours)} pages, expected ${count}`);
        scale.set(count, row);
        console.log(
          `${count} pages: peak RSS ours ${median(row.ours.map((s) => s.maxRssMiB)).toFixed(0)} MiB, img2pdf in-process ${median(row.theirs.map((s) => s.maxRssMiB)).toFixed(0)} MiB, ` +
            `img2pdf CLI ${median(row.cliRss).toFixed(0)} MiB`,
        );
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }

    const oursWarmRuns = oursRounds.flatMap((s) => warm(s.runs).map((r) => r.workMs));
    const theirsWarmRuns = theirsRounds.flatMap((s) => warm(s.runs).map((r) => r.workMs));
    const ratios = oursRounds.map((s, i) => median(warm(s.runs).map((r) => r.workMs)) / median(warm(theirsRounds[i]!.runs).map((r) => r.workMs)));
    const throughputRatio = median(theirsWarmRuns) / median(oursWarmRuns);
    const measurements: Measurement[] = [
      measurement(`in-process, ours, ${PAGES} pages: read + assemble + write (ms)`, oursWarmRuns, {
        note: `assemblePdfToFile streaming, SHA-256 on the way, no fsync; runs 2–${repeat} of each process; ${pagesPerSecond(PAGES, median(oursWarmRuns)).toFixed(0)} pages/s`,
      }),
      measurement(`in-process, img2pdf.convert, ${PAGES} pages: read + convert + write (ms)`, theirsWarmRuns, {
        note: `${img2pdfTool.version}, Python ${theirsRounds[0]!.python}; runs 2–${repeat}; ${pagesPerSecond(PAGES, median(theirsWarmRuns)).toFixed(0)} pages/s`,
      }),
      measurement('time, ours ÷ img2pdf, in-process (paired rounds)', ratios, {
        unit: '×',
        target: { maxMedian: TARGET_TIME_RATIO },
        note: `throughput ${throughputRatio.toFixed(2)}× img2pdf's (target ≥ ${(1 / TARGET_TIME_RATIO).toFixed(1)}×, i.e. time ≤ ${TARGET_TIME_RATIO}×)`,
      }),
      measurement('throughput in-process, ours', oursWarmRuns.map((ms) => pagesPerSecond(PAGES, ms)), { unit: 'pages/s' }),
      measurement('throughput in-process, img2pdf', theirsWarmRuns.map((ms) => pagesPerSecond(PAGES, ms)), { unit: 'pages/s' }),
      measurement('first run in a fresh process, ours', oursRounds.map((s) => s.runs[0]!.workMs), { note: 'cold JIT' }),
      measurement('first run in a fresh process, img2pdf', theirsRounds.map((s) => s.runs[0]!.workMs)),
      measurement(`fsync of the ${PAGES}-page PDF, ours`, oursRounds.map((s) => s.fsyncMs), {
        note: `the file store does it, img2pdf's CLI does not; Python's os.fsync of its PDF: ${median(theirsRounds.map((s) => s.fsyncMs)).toFixed(0)} ms`,
      }),
      measurement(`whole process, img2pdf CLI, ${PAGES} pages (ms)`, theirsWhole, {
        note: `spawn to exit; ${pagesPerSecond(PAGES, median(theirsWhole)).toFixed(0)} pages/s; import img2pdf alone ${median(theirsRounds.map((s) => s.importMs)).toFixed(0)} ms`,
      }),
      measurement(`whole process, ours (Node + tsx + modules + 1 run), ${PAGES} pages (ms)`, oursWhole.map((r) => r.wallMs), {
        note: `${(median(oursWhole.map((r) => r.wallMs)) / median(theirsWhole)).toFixed(2)}× img2pdf's process; module load ${median(oursWhole.map((r) => r.sample.moduleLoadMs)).toFixed(0)} ms`,
      }),
      measurement(`peak RSS, ours, ${PAGES} pages`, oursRounds.map((s) => s.maxRssMiB), {
        unit: 'MiB',
        target: { maxP95: TARGET_PEAK_RSS_MIB },
        note: `${repeat} runs in the process; before any page (Node, tsx, pdf-lib, sharp): ${median(oursRounds.map((s) => s.rssBeforeMiB)).toFixed(0)} MiB; the pages are ${totalMiB.toFixed(1)} MiB`,
      }),
    ];
    for (const [count, row] of scale) {
      const oursMs = row.ours.flatMap((s) => warm(s.runs).map((r) => r.workMs));
      const theirsMs = row.theirs.flatMap((s) => warm(s.runs).map((r) => r.workMs));
      measurements.push(
        measurement(`${count} pages: peak RSS ours / img2pdf in-process / img2pdf CLI`, row.ours.map((s) => s.maxRssMiB), {
          unit: 'MiB',
          note: `${median(row.theirs.map((s) => s.maxRssMiB)).toFixed(0)} / ${median(row.cliRss).toFixed(0)} MiB (${useTime ? '/usr/bin/time -v' : 'VmHWM polled'}); ours before any page ${median(row.ours.map((s) => s.rssBeforeMiB)).toFixed(0)} MiB`,
        }),
        measurement(`${count} pages: in-process ours (ms)`, oursMs, {
          note: `${pagesPerSecond(count, median(oursMs)).toFixed(0)} pages/s; img2pdf ${median(theirsMs).toFixed(0)} ms, ${pagesPerSecond(count, median(theirsMs)).toFixed(0)} pages/s (×${(median(oursMs) / median(theirsMs)).toFixed(2)} the time)`,
        }),
      );
    }
    measurements.push(
      measurement('PDF size, ours', [pdfBytes.ours / 2 ** 20], {
        unit: 'MiB',
        note: `img2pdf's: ${(pdfBytes.img2pdf / 2 ** 20).toFixed(2)} MiB; the pages: ${totalMiB.toFixed(2)} MiB`,
      }),
    );
    return {
      measurements,
      meta: {
        pages: PAGES,
        dpi: DPI,
        pagesDir: pages.dir,
        pagesReused: pages.reused,
        pageBytes: pages.sizes,
        rounds,
        repeat,
        warmup,
        counts,
        img2pdf: img2pdfTool.version,
        img2pdfPython: img2pdfTool.python,
        img2pdfMemory: useTime ? '/usr/bin/time -v' : 'VmHWM polling',
        ours: oursRounds,
        img2pdfInProcess: theirsRounds,
        oursWholeProcess: oursWhole,
        img2pdfWholeProcessMs: theirsWhole,
        scale: Object.fromEntries(scale),
        pdfBytes,
        child: `${process.execPath} --import tsx ${CHILD}`,
        img2pdfDriver: `${img2pdfTool.python} ${IMG2PDF_DRIVER}`,
      },
    };
  },
};
