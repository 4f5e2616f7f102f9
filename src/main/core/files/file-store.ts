import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';

/**
 * Content-addressed files under DATA/files/sha256/ab/abcdef…. A file is written to a temporary
 * name, fsynced, renamed and its directory fsynced, so after a crash it is either whole under
 * its hash or absent — never half-written under a real name. The same bytes are stored once.
 */
export interface FileStore {
  /** Writes the bytes (if not already there) and returns their SHA-256 hex. */
  put(bytes: Uint8Array): { sha256: string; size: number; path: string };
  /** The stored bytes, checked against their hash: a damaged file is an error, not a wrong copy. */
  read(sha256: string): Buffer;
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  /**
   * Removes the files of these hashes (their rows already deleted and committed), then fsyncs each
   * directory touched once, so a removal is durable without a sync per file. Missing files are skipped.
   */
  remove(sha256s: readonly string[]): { removed: number };
  /** Removes stored files whose hash `isReferenced` denies and leftover temporary files. */
  sweep(isReferenced: (sha256: string) => boolean, olderThanMs: number, now: Date): { removed: number };
}

const HEX64 = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.partial';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function createFileStore(root: string): FileStore {
  const base = join(root, 'sha256');
  const pathOf = (sha256: string) => {
    if (!HEX64.test(sha256)) throw new AppError('FILE_HASH_INVALID', { hash: sha256.slice(0, 80) });
    return join(base, sha256.slice(0, 2), sha256);
  };

  return {
    pathOf,
    has: (sha256) => existsSync(pathOf(sha256)),
    put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = pathOf(sha256);
      if (existsSync(path) && statSync(path).size === bytes.byteLength) return { sha256, size: bytes.byteLength, path };
      const dir = dirname(path);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${path}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
      try {
        const fd = openSync(temp, 'wx', 0o600);
        try {
          let offset = 0;
          while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, path);
        fsyncDir(dir);
      } catch (e) {
        rmSync(temp, { force: true });
        const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
        throw new AppError(code === 'ENOSPC' ? 'DISK_FULL' : 'FILE_WRITE_FAILED', { reason: code });
      }
      return { sha256, size: bytes.byteLength, path };
    },
    read(sha256) {
      const path = pathOf(sha256);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        throw new AppError('FILE_MISSING', { hash: sha256.slice(0, 12) });
      }
      if (sha256Hex(bytes) !== sha256) throw new AppError('FILE_DAMAGED', { hash: sha256.slice(0, 12) });
      return bytes;
    },
    remove(sha256s) {
      let removed = 0;
      const dirs = new Set<string>();
      for (const sha256 of sha256s) {
        const path = pathOf(sha256);
        if (!existsSync(path)) continue;
        rmSync(path, { force: true });
        dirs.add(dirname(path));
        removed++;
      }
      for (const dir of dirs) fsyncDir(dir);
      return { removed };
    },
    sweep(isReferenced, olderThanMs, now) {
      let removed = 0;
      if (!existsSync(base)) return { removed };
      for (const shard of readdirSync(base)) {
        const dir = join(base, shard);
        for (const name of readdirSync(dir)) {
          const file = join(dir, name);
          // Young files may belong to a write whose row is about to commit.
          if (olderThanMs > 0 && now.getTime() - statSync(file).mtimeMs < olderThanMs) continue;
          if (name.endsWith(TEMP_SUFFIX) || (HEX64.test(name) && !isReferenced(name))) {
            rmSync(file, { force: true });
            removed++;
          }
        }
      }
      return { removed };
    },
  };
}
