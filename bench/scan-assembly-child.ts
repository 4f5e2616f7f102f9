// One assembly of scanned pages into a PDF, in a fresh process, so its peak memory is that
// assembly's own: read the pages (p01.jpg, p02.jpg, … in --pages-dir, the first --count of them),
// assemblePdf, write the PDF to --out, print the timings on one marker line. Spawned by
// bench/suites/scan-assembly.ts; not meant to be run by hand.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SCAN_ASSEMBLY_MARKER, type ScanAssemblySample } from './lib/scan-assembly-protocol';
import { ownPeakRssMiB } from './lib/peak-rss';

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
const maxRssMiB = ownPeakRssMiB;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'pages-dir': { type: 'string' }, count: { type: 'string' }, out: { type: 'string' } } });
  const { 'pages-dir': dir, out } = values;
  const count = Number(values.count ?? Infinity);
  if (!dir || !out || !(count > 0)) throw new Error('usage: scan-assembly-child --pages-dir DIR --out FILE [--count N]');

  const t0 = process.hrtime.bigint();
  const { assemblePdf } = await import('../src/main/core/scanning/assemble-pdf');
  const t1 = process.hrtime.bigint();
  const rssBeforeMiB = maxRssMiB();
  const files = readdirSync(dir)
    .filter((f) => /^p\d+\.jpg$/.test(f))
    .sort()
    .slice(0, count);
  const pages = files.map((f) => ({ bytes: readFileSync(join(dir, f)), mediaType: 'image/jpeg' as const, rotation: 0 as const }));
  const t2 = process.hrtime.bigint();
  const pdf = await assemblePdf(pages, { now: new Date('2026-11-23T02:00:00Z'), title: 'Bench' });
  const t3 = process.hrtime.bigint();
  writeFileSync(out, pdf);
  const t4 = process.hrtime.bigint();
  const sample: ScanAssemblySample = {
    pages: files.length,
    bytes: pdf.byteLength,
    moduleLoadMs: ms(t0, t1),
    readMs: ms(t1, t2),
    assembleMs: ms(t2, t3),
    writeMs: ms(t3, t4),
    workMs: ms(t1, t4),
    sinceProcessStartMs: performance.now(),
    rssBeforeMiB,
    maxRssMiB: maxRssMiB(),
  };
  process.stdout.write(`${SCAN_ASSEMBLY_MARKER}${JSON.stringify(sample)}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
