import type { SerialPort as SerialPortClass } from 'serialport';
import { AppError } from '../../../shared/api/errors';
import type { SerialPortInfo } from '../../../shared/api/calls/identity';
import { identityText } from '../../../shared/i18n/vi-identity';

// A 2D scanner in "USB COM / virtual serial port" mode sends each code as bytes followed by CR,
// LF or CRLF. This module reads such a port: it splits the byte stream into lines, decodes them
// as UTF-8, and reports each line, every change of state (listening, disconnected…), and
// reconnects by itself when a scanner that was pulled out is plugged back in.

/** A line longer than this without CR/LF is not a scan (a misconfigured scanner, noise). */
export const MAX_LINE_BYTES = 16 * 1024;

type SerialPortModule = typeof import('serialport');
let serialModule: Promise<SerialPortModule> | null = null;

/** serialport is a native module: load it only when a serial scanner is used, and say so if it cannot load. */
export async function loadSerialPort(): Promise<SerialPortModule> {
  serialModule ??= import('serialport');
  try {
    return await serialModule;
  } catch (e) {
    serialModule = null;
    throw new AppError('SERIAL_UNAVAILABLE', { detail: e instanceof Error ? e.message : String(e) });
  }
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const { SerialPort } = await loadSerialPort();
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
  }));
}

/**
 * Splits a byte stream into lines at CR, LF or CRLF (empty lines dropped). Bytes are kept until
 * the line ends, so a multi-byte UTF-8 letter split across two reads stays whole — 0x0D and 0x0A
 * never occur inside a UTF-8 sequence.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowing = false;

  constructor(
    private readonly onLine: (line: Buffer) => void,
    private readonly onOverflow: () => void,
    private readonly maxBytes = MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b !== 0x0a && b !== 0x0d) continue;
      this.append(chunk.subarray(start, i));
      this.endLine();
      start = i + 1;
    }
    this.append(chunk.subarray(start));
  }

  /** Ends the current line without a terminator (a scanner set up without a suffix went quiet). */
  flush(): void {
    this.endLine();
  }

  get buffered(): number {
    return this.pendingBytes;
  }

  private append(part: Buffer): void {
    if (part.length === 0 || this.overflowing) return;
    if (this.pendingBytes + part.length > this.maxBytes) {
      this.pending = [];
      this.pendingBytes = 0;
      this.overflowing = true;
      this.onOverflow();
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
  }

  private endLine(): void {
    const wasOverflowing = this.overflowing;
    this.overflowing = false;
    if (wasOverflowing || this.pendingBytes === 0) {
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    const line = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.onLine(line);
  }
}

/**
 * A line's bytes as text: strict UTF-8 (bad bytes become U+FFFD, which the QR parser refuses with
 * a message about the scanner's encoding), without the STX/ETX framing some scanners add.
 */
export function decodeScannerLine(bytes: Buffer): string {
  let start = 0;
  let end = bytes.length;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if (bytes[start] === 0x02) start += 1;
  if (end > start && bytes[end - 1] === 0x03) end -= 1;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(start, end));
}

export type ScannerState = 'listening' | 'disconnected' | 'error' | 'stopped';

export interface SerialScannerEvents {
  onLine(text: string): void;
  onState(state: ScannerState, message: string | null): void;
  /** A line too long to be a scan was dropped. */
  onOverflow(): void;
}

export interface SerialScannerOptions {
  path: string;
  baudRate: number;
  /** After a disconnection, try to open the port again this often (ms); 0: do not. Default 2000. */
  reconnectMs?: number;
  /** A line with no CR/LF is taken as complete after this much silence (ms); 0: never. Default 300. */
  flushAfterMs?: number;
}

export interface SerialScanner {
  readonly path: string;
  readonly baudRate: number;
  readonly state: ScannerState;
  stop(): Promise<void>;
}

function openError(e: unknown, path: string): AppError {
  const message = e instanceof Error ? e.message : String(e);
  if (/ENOENT|No such file|cannot find|not found/i.test(message)) return new AppError('SERIAL_NOT_FOUND', { path });
  if (/EACCES|Permission denied|Access denied/i.test(message)) return new AppError('SERIAL_ACCESS_DENIED', { path });
  if (/EBUSY|lock|in use/i.test(message)) return new AppError('SERIAL_BUSY', { path });
  return new AppError('SERIAL_OPEN_FAILED', { path, detail: message.slice(0, 200) });
}

function openPort(SerialPort: typeof SerialPortClass, path: string, baudRate: number): Promise<SerialPortClass> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false, lock: true });
    port.open((err) => (err ? reject(openError(err, path)) : resolve(port)));
  });
}

function closePort(port: SerialPortClass): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}

/**
 * Opens the port (rejects with a clear AppError when it cannot) and keeps reading it until
 * `stop()`. Losing the port later is reported through `onState`, never thrown.
 */
export async function startSerialScanner(options: SerialScannerOptions, events: SerialScannerEvents): Promise<SerialScanner> {
  const { SerialPort } = await loadSerialPort();
  const { path, baudRate } = options;
  const reconnectMs = options.reconnectMs ?? 2000;
  const flushAfterMs = options.flushAfterMs ?? 300;
  let state: ScannerState = 'listening';
  let stopped = false;
  let port: SerialPortClass | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ScannerState, message: string | null) => {
    state = next;
    events.onState(next, message);
  };

  const splitter = new LineSplitter(
    (line) => events.onLine(decodeScannerLine(line)),
    () => events.onOverflow(),
  );

  const attach = (p: SerialPortClass) => {
    port = p;
    p.on('data', (chunk: Buffer) => {
      splitter.push(chunk);
      clearTimeout(flushTimer);
      if (flushAfterMs > 0 && splitter.buffered > 0) flushTimer = setTimeout(() => splitter.flush(), flushAfterMs);
    });
    p.on('error', (err: Error) => {
      if (stopped) return;
      setState('error', identityText.scanner.error(path, err.message.slice(0, 200)));
    });
    p.on('close', () => {
      clearTimeout(flushTimer);
      splitter.flush();
      if (stopped) return;
      port = null;
      setState('disconnected', identityText.scanner.disconnected(path));
      scheduleReconnect();
    });
  };

  const scheduleReconnect = () => {
    if (stopped || reconnectMs <= 0) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => {
      openPort(SerialPort, path, baudRate).then(
        (p) => {
          if (stopped) return void closePort(p);
          attach(p);
          setState('listening', identityText.scanner.listening(path));
        },
        () => scheduleReconnect(),
      );
    }, reconnectMs);
  };

  attach(await openPort(SerialPort, path, baudRate));

  return {
    path,
    baudRate,
    get state() {
      return state;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(reconnectTimer);
      clearTimeout(flushTimer);
      const p = port;
      port = null;
      if (p) await closePort(p);
      state = 'stopped';
    },
  };
}
