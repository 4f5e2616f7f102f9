// One interface for every way this app reaches a printer: CUPS `lp` (Linux, macOS), Windows,
// Electron's own printing, and ESC/POS receipt printers on TCP 9100. The print service chooses
// the driver from the settings; drivers know nothing about dossiers or forms.

export type PrinterState = 'idle' | 'printing' | 'stopped' | 'unknown';

export interface PrinterInfo {
  /** The name a driver prints to (CUPS queue name, Windows printer name, host:port for ESC/POS). */
  name: string;
  description: string;
  isDefault: boolean;
  state: PrinterState;
  accepting: boolean;
  /** The printer's own reason when stopped or rejecting, as the system reports it. */
  reason: string | null;
}

export interface PrintRequest {
  printer: string;
  /** Absolute path of the PDF to print. */
  file: string;
  copies: number;
  /** Page size to ask for (e.g. 'A4', 'A5'); drivers map it to their media names. */
  media: string;
  /** Shown in the printer's queue. Never a citizen's name: queues are visible to other users. */
  title: string;
}

export type JobState = 'pending' | 'held' | 'processing' | 'stopped' | 'completed' | 'canceled' | 'aborted';

export interface PrintProgress {
  jobId: string;
  state: JobState;
  reason: string | null;
}

export interface PrintOutcome {
  jobId: string;
  state: 'completed';
}

export interface PrintOptions {
  /** Called whenever the job's state is polled, so the UI can show progress. */
  onProgress?: (p: PrintProgress) => void;
  /** Give up (and cancel the job) after this long without completion; default 120 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PrinterDriver {
  readonly kind: 'cups' | 'windows' | 'electron';
  list(): Promise<PrinterInfo[]>;
  defaultPrinter(): Promise<string | null>;
  /**
   * Submits the file and waits until the job has completed. Throws AppError PRINT_REJECTED,
   * PRINT_FAILED, PRINT_STUCK (timed out: the job is cancelled) or PRINTER_NOT_FOUND, each with
   * `printer` and `reason` details, so the clerk reads the printer's own reason.
   */
  print(req: PrintRequest, options?: PrintOptions): Promise<PrintOutcome>;
}
