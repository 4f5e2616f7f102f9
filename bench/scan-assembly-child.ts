// Assemblies of scanned pages into a PDF, in a fresh process, so its peak memory is its own:
// the pages are p01.jpg, p02.jpg, … in --pages-dir, taken in turn (over again from p01 when
// --count asks for more than there are), each read from disk when its turn comes, as the app reads
// them from its file store; assemblePdfToFile streams the PDF to --out, hashing it on the way;
// --repeat runs in one process (the first with a cold JIT, the rest as in the running app), then
// one fsync of the PDF, timed apart. Prints the timings on one marker line. Spawned by
// bench/suites/scan-assembly.ts; not meant to be run by hand.

import { readdirSync, rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SCAN_ASSEMBLY_MARKER, type ScanAssemblySample } from './lib/scan-assembly-protocol';
import { ownPeakRssMiB } from './lib/peak-rss';

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'pages-dir': { type: 'string' }, count: { type: 'string' }, out: { type: 'string' }, repeat: { type: 'string' } },
  });
  const { 'pages-dir': dir, out } = values;
  const count = Number(values.count ?? 50);
  const repeat = Number(values.repeat ?? 1);
  if (!dir || !out || !(count > 0) || !(repeat > 0)) throw new Error('usage: scan-assembly-child --pages-dir DIR --out FILE [--count N] [--repeat R]');

  const t0 = process.hrtime.bigint();
  const { assemblePdfToFile } = await import('../src/main/core/scanning/assemble-pdf');
  const t1 = process.hrtime.bigint();
  const rssBeforeMiB = ownPeakRssMiB();
  const available = readdirSync(dir)
    .filter((f) => /^p\d+\.jpg$/.test(f))
    .sort();
  if (available.length === 0) throw new Error(`no p*.jpg in ${dir}`);
  const files = Array.from({ length: count }, (_, i) => join(dir, available[i % available.length]!));
  const pages = files.map((file) => ({ bytes: () => readFile(file), mediaType: 'image/jpeg' as const, rotation: 0 as const }));

  const runs: ScanAssemblySample['runs'] = [];
  let made = { sha256: '', size: 0, pages: 0 };
  for (let r = 0; r < repeat; r++) {
    rmSync(out, { force: true });
    const a = process.hrtime.bigint();
    made = await assemblePdfToFile(pages, out, { now: new Date('2026-11-23T02:00:00Z'), title: 'Bench', durable: false });
    runs.push({ workMs: ms(a, process.hrtime.bigint()) });
  }
  const f0 = process.hrtime.bigint();
  const handle = await open(out, 'r');
  await handle.sync();
  await handle.close();
  const fsyncMs = ms(f0, process.hrtime.bigint());
  if (made.pages !== count) throw new Error(`assembled ${made.pages} pages, expected ${count}`);
  const sample: ScanAssemblySample = {
    pages: count,
    bytes: made.size,
    sha256: made.sha256,
    moduleLoadMs: ms(t0, t1),
    runs,
    fsyncMs,
    sinceProcessStartMs: performance.now(),
    rssBeforeMiB,
    maxRssMiB: ownPeakRssMiB(),
  };
  process.stdout.write(`${SCAN_ASSEMBLY_MARKER}${JSON.stringify(sample)}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
