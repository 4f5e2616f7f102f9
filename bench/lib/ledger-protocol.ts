// What bench/ledger-child.ts reports to its parent: one stdout line, the marker then JSON.
// A separate module so the child loads nothing but this besides the core.

export const LEDGER_MARKER = 'LEDGER_RESULT ';

/** How the child renders: as the app does (the call the print dialog makes) or the engine alone. */
export const LEDGER_MODES = ['dispatch', 'renderer'] as const;
export type LedgerMode = (typeof LEDGER_MODES)[number];

export interface LedgerSample {
  mode: LedgerMode;
  /** createCore (dispatch) or opening the database read-only (renderer). */
  openMs: number;
  /** From the call to the PDF's bytes in hand: the 10 s target. */
  renderMs: number;
  bytes: number;
  /** Peak resident set before the render started (modules, core, database open), MiB. */
  rssBeforeMiB: number;
  /** Peak resident set of the whole process after the render (VmHWM, see peak-rss.ts), MiB. */
  maxRssMiB: number;
  /** Live V8 heap after a full GC, before the render and after it (the PDF still held), MiB: what the render keeps. */
  liveHeapBeforeMiB: number;
  liveHeapAfterMiB: number;
  /** Memory V8 counts outside its heap after the render (the PDF's bytes, HarfBuzz's WebAssembly memory), MiB. */
  externalMiB: number;
}
