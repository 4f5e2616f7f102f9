// What bench/scan-assembly-child.ts and bench/scan-assembly-img2pdf.py report to their parent: one
// stdout line, a marker then JSON. A separate module so the child loads nothing but this besides
// the assembler.

export const SCAN_ASSEMBLY_MARKER = 'SCAN_ASSEMBLY_RESULT ';
export const SCAN_ASSEMBLY_IMG2PDF_MARKER = 'SCAN_ASSEMBLY_IMG2PDF_RESULT ';

/** One of our runs in the child. */
export interface ScanAssemblyRun {
  /** Read each page file (as its turn comes) + assemble + write the PDF, hashing it on the way; no fsync. */
  workMs: number;
}

export interface ScanAssemblySample {
  pages: number;
  /** The PDF's size in bytes. */
  bytes: number;
  /** The PDF's SHA-256, computed while it was written (what the file store needs). */
  sha256: string;
  /** Importing the assembler (pdf-lib, sharp and its native library) through tsx. */
  moduleLoadMs: number;
  /** The runs in this process, in order: the first with a cold JIT, the others as in a running app. */
  runs: ScanAssemblyRun[];
  /** fsync of the last PDF, after the runs (the app's file store does it; img2pdf's CLI does not). */
  fsyncMs: number;
  /** Node's start to the marker line, everything included. */
  sinceProcessStartMs: number;
  /** Peak resident set before reading any page (Node, tsx, the modules), MiB. */
  rssBeforeMiB: number;
  /** Peak resident set of the whole process at the end (VmHWM on Linux, see bench/lib/peak-rss.ts), MiB. */
  maxRssMiB: number;
}

/** What the Python driver reports: img2pdf.convert() timed inside Python, as ours is inside Node. */
export interface Img2pdfSample {
  pages: number;
  bytes: number;
  /** `import img2pdf` (pikepdf, PIL). */
  importMs: number;
  runs: { readMs: number; convertMs: number; writeMs: number; workMs: number }[];
  fsyncMs: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
  python: string;
  img2pdf: string;
}
