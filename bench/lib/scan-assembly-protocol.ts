// What bench/scan-assembly-child.ts reports to its parent: one stdout line, the marker then JSON.
// A separate module so the child loads nothing but this besides the assembler.

export const SCAN_ASSEMBLY_MARKER = 'SCAN_ASSEMBLY_RESULT ';

export interface ScanAssemblySample {
  pages: number;
  /** The PDF's size in bytes. */
  bytes: number;
  /** Importing the assembler (pdf-lib, sharp and its native library) through tsx. */
  moduleLoadMs: number;
  /** Reading the page files into memory. */
  readMs: number;
  /** assemblePdf() until the PDF's bytes are in hand. */
  assembleMs: number;
  /** Writing the PDF to the output file. */
  writeMs: number;
  /** read + assemble + write: what the app spends on a document, the core already running. */
  workMs: number;
  /** Node's start to the PDF written, everything included. */
  sinceProcessStartMs: number;
  /** Peak resident set before reading the pages (Node, tsx, the modules), MiB. */
  rssBeforeMiB: number;
  /** Peak resident set of the whole process at the end (VmHWM on Linux, see the child), MiB. */
  maxRssMiB: number;
}
