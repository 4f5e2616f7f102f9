import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RotatingLogOptions {
  dir: string;
  name: string;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
  /** Also echo to stderr (development and CLI). */
  echo?: boolean;
}

/**
 * JSON lines in `{dir}/{name}.log`, rotated by size to `.1 … .keep`. Writes are synchronous so
 * the last line before a crash is on disk; log volume at a counter is small.
 * Citizens' data does not belong in logs: callers log ids and codes, not names or ID numbers.
 */
export function createRotatingLogger(opts: RotatingLogOptions): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const now = opts.now ?? (() => new Date());
  const file = join(opts.dir, `${opts.name}.log`);
  mkdirSync(opts.dir, { recursive: true });

  const rotateIfNeeded = () => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size < maxBytes) return;
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        /* a gap in the sequence is fine */
      }
    }
    renameSync(file, `${file}.1`);
  };

  const log: Logger['log'] = (level, message, fields) => {
    const line = JSON.stringify({ t: now().toISOString(), level, message, ...fields });
    if (opts.echo) process.stderr.write(`${line}\n`);
    try {
      rotateIfNeeded();
      appendFileSync(file, `${line}\n`);
    } catch {
      // A full disk must not turn a log line into a failed save.
    }
  };
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

export const silentLogger: Logger = { log() {}, info() {}, warn() {}, error() {} };
