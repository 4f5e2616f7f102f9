// What bench/cold-start-child.ts reports to its parent: one stdout line, the marker then JSON.
// A separate module so the child loads nothing but this besides the core.

export const COLD_START_MARKER = 'COLD_START_RESULT ';

export interface ColdStartSample {
  /** Node start → this file running: bootstrap + loader. */
  enteredMs: number;
  /** Loading the core's modules (import of core + node-config and everything beneath). */
  moduleLoadMs: number;
  /** nodeHostConfig() + createCore(): lock, open, migration check, services. */
  createCoreMs: number;
  /** The first dispatch('dossiers.today') until its answer. */
  firstCallMs: number;
  /** createCore + first call: what the 800 ms target is about. */
  coreColdStartMs: number;
  /** Node start → first answer, everything included. */
  sinceProcessStartMs: number;
  rows: number;
  /** Peak resident set so far (VmHWM, see peak-rss.ts), MiB. */
  maxRssMiB: number;
}
