import { AppError } from '../../../../shared/api/errors';
import type { EsclStatus } from './escl-xml';

// What a scanner's ScannerStatus says went wrong, as the error a clerk can act on. The HTTP
// status of a failed request (409, 503, even 404) does not tell a jam from a busy scanner; the
// feeder's state and the job's reasons do.

/** eSCL AdfState values (Mopria eSCL 2.x) that mean paper is stuck or was mis-fed. */
const JAM_STATES = new Set([
  'ScannerAdfJam',
  'ScannerAdfMispick',
  'ScannerAdfMultipickDetected',
  'ScannerAdfDuplexPageTooShort',
  'ScannerAdfDuplexPageTooLong',
  'ScannerAdfInputTrayOverloaded',
]);
/** HatchOpen is the spec's word; DoorOpen is what some scanners send (sane-airscan reads both). */
const OPEN_STATES = new Set(['ScannerAdfHatchOpen', 'ScannerAdfDoorOpen']);
const STOPPED_STATES = new Set(['Stopped', 'Down']);

const samePath = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function pathOf(uri: string): string {
  try {
    return new URL(uri, 'http://scanner.invalid/').pathname;
  } catch {
    return uri;
  }
}

export interface FaultContext {
  device: string;
  adf: boolean;
  pages: number;
  /** The path of our job, to read its JobStateReasons. */
  jobPath?: string;
  /** Before the first page an empty feeder is the clerk's problem; after it, it is how a batch ends. */
  emptyIsFault?: boolean;
}

/** A jam, an open cover, an empty feeder (when it matters) or a stopped scanner; null when the status explains nothing. */
export function esclFault(st: EsclStatus, ctx: FaultContext): AppError | null {
  if (ctx.adf && st.adfState) {
    if (JAM_STATES.has(st.adfState)) return new AppError('SCANNER_JAMMED', { device: ctx.device, pages: ctx.pages });
    if (OPEN_STATES.has(st.adfState)) return new AppError('SCANNER_COVER_OPEN', { device: ctx.device, pages: ctx.pages });
    if (ctx.emptyIsFault && st.adfState === 'ScannerAdfEmpty') return new AppError('SCANNER_FEEDER_EMPTY', { device: ctx.device });
  }
  const job = ctx.jobPath ? st.jobs.find((j) => samePath(pathOf(j.uri), ctx.jobPath!)) : undefined;
  if (job?.reasons.some((r) => /jam|mispick|multipick/i.test(r))) return new AppError('SCANNER_JAMMED', { device: ctx.device, pages: ctx.pages });
  if (job?.reasons.some((r) => /hatch|door|cover/i.test(r))) return new AppError('SCANNER_COVER_OPEN', { device: ctx.device, pages: ctx.pages });
  if (STOPPED_STATES.has(st.state)) return new AppError('SCANNER_STOPPED', { device: ctx.device, state: st.state.slice(0, 40) });
  return null;
}
