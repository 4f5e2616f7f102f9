import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { fsyncDir } from './fsync-dir';

/**
 * Content-addressed files under DATA/files/sha256/ab/abcdef…. A file is written to a temporary
 * name, fsynced, renamed and its directory fsynced, so after a crash it is either whole under
 * its hash or absent — never half-written under a real name. The same bytes are stored once.
 */
export interface FileStore {
  /** Writes the bytes (if not already there) and returns their SHA-256 hex. */
  put(bytes: Uint8Array): { sha256: string; size: number; path: string };
  /**
   * A fresh temporary name inside the store, for a file written elsewhere (a PDF assembled as a
   * stream) and then handed to putFromTempFile: same file system, so the move is a rename.
   * Left behind by a crash, it is removed by sweep() like put()'s own temporary files.
   */
  tempPath(): string;
  /**
   * Moves a finished temporary file (written, fsynced and hashed by its writer as it wrote) under
   * its hash, then fsyncs the directory; removes it instead when the same file is already stored.
   */
  putFromTempFile(tempPath: string, sha256: string): { sha256: string; size: number; path: string };
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
  /**
   * At shutdown, while the database is still open: refuses further writes, removes the files
   * this process wrote that `isReferenced` denies (a write whose commit never came: a dossier's
   * PDFs still being assembled when the app closed) and says whether the store is left with no
   * orphan — false when a removal or a temporary file's clean-up failed during the run, so the
   * next start sweeps.
   */
  close(isReferenced: (sha256: string) => boolean): { removed: number; clean: boolean };
}

const HEX64 = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.partial';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Past this many, the hashes written this run are checked and those with a row forgotten. */
const WRITTEN_CHECK_AT = 4096;

export function createFileStore(
  root: string,
  options: {
    /** Lets a long run forget written hashes that have their row (a set of hashes, not every page ever scanned). */
    isReferenced?: (sha256: string) => boolean;
  } = {},
): FileStore {
  const base = join(root, 'sha256');
  // What this process wrote (or found already there) and may not yet have a row: checked at close().
  const written = new Set<string>();
  let checkAt = WRITTEN_CHECK_AT;
  let closed = false;
  // A failed clean-up leaves a file no row names; the next start must sweep.
  let leftovers = false;
  // Temporary names handed out and not yet handed back: a writer still busy when the store closes.
  const lent = new Set<string>();
  const remember = (sha256: string) => {
    written.add(sha256);
    if (written.size < checkAt || !options.isReferenced) return;
    for (const sha of written) if (options.isReferenced(sha)) written.delete(sha);
    // Hashes still waiting for their commit stay; the next check comes after as many new ones again.
    checkAt = written.size + WRITTEN_CHECK_AT;
  };
  const pathOf = (sha256: string) => {
    if (!HEX64.test(sha256)) throw new AppError('FILE_HASH_INVALID', { hash: sha256.slice(0, 80) });
    return join(base, sha256.slice(0, 2), sha256);
  };

  /** A new shard directory is made durable in its parent, as a file is by its rename's fsync. */
  function ensureShard(dir: string): void {
    if (existsSync(dir)) return;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fsyncDir(dirname(dir));
  }

  function remove(sha256s: readonly string[]): { removed: number } {
    let removed = 0;
    const dirs = new Set<string>();
    try {
      for (const sha256 of sha256s) {
        const path = pathOf(sha256);
        if (!existsSync(path)) continue;
        rmSync(path, { force: true });
        dirs.add(dirname(path));
        removed++;
      }
      for (const dir of dirs) fsyncDir(dir);
    } catch (e) {
      // The caller already deleted their rows: whatever is left is an orphan for the next start.
      leftovers = true;
      throw e;
    }
    return { removed };
  }

  /** A stored copy that is there and still hashes right (a damaged one is replaced by a new put). */
  function intact(path: string, sha256: string, size: number): boolean {
    return existsSync(path) && statSync(path).size === size && sha256Hex(readFileSync(path)) === sha256;
  }

  /** A write that failed: its temporary file goes (or is left for the sweep), and the disk's reason is told. */
  function writeFailed(temp: string, e: unknown): never {
    try {
      rmSync(temp, { force: true });
    } catch {
      leftovers = true;
    }
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new AppError(code === 'ENOSPC' ? 'DISK_FULL' : 'FILE_WRITE_FAILED', { reason: code });
  }

  return {
    pathOf,
    has: (sha256) => existsSync(pathOf(sha256)),
    put(bytes) {
      // After close() a write could no longer get its row: refused rather than left as an orphan.
      if (closed) throw new AppError('FILE_WRITE_FAILED', { reason: 'CLOSED' });
      const sha256 = sha256Hex(bytes);
      const path = pathOf(sha256);
      // Remembered even when already there: its row may be gone (an orphan the caller now re-adopts).
      remember(sha256);
      // Already stored: kept only if its bytes still hash right (a damaged copy is replaced by these).
      if (intact(path, sha256, bytes.byteLength)) return { sha256, size: bytes.byteLength, path };
      const dir = dirname(path);
      ensureShard(dir);
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
        writeFailed(temp, e);
      }
      return { sha256, size: bytes.byteLength, path };
    },
    tempPath() {
      if (closed) throw new AppError('FILE_WRITE_FAILED', { reason: 'CLOSED' });
      const dir = join(base, 'tmp');
      ensureShard(dir);
      const temp = join(dir, `${randomBytes(12).toString('hex')}${TEMP_SUFFIX}`);
      lent.add(temp);
      return temp;
    },
    putFromTempFile(tempPath, sha256) {
      lent.delete(tempPath);
      const path = pathOf(sha256);
      try {
        if (closed) throw Object.assign(new Error('file store closed'), { code: 'CLOSED' });
        const size = statSync(tempPath).size;
        remember(sha256);
        if (intact(path, sha256, size)) {
          rmSync(tempPath, { force: true });
          return { sha256, size, path };
        }
        const dir = dirname(path);
        ensureShard(dir);
        renameSync(tempPath, path);
        fsyncDir(dir);
        return { sha256, size, path };
      } catch (e) {
        writeFailed(tempPath, e);
      }
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
    remove,
    close(isReferenced) {
      closed = true;
      const orphans = [...written].filter((sha) => !isReferenced(sha));
      written.clear();
      // Its writer can no longer hand it back (refused above), so nothing would ever remove it.
      for (const temp of lent) {
        try {
          rmSync(temp, { force: true });
        } catch {
          leftovers = true;
        }
      }
      lent.clear();
      let removed = 0;
      try {
        removed = remove(orphans).removed;
      } catch {
        /* remove() has flagged the leftovers */
      }
      return { removed, clean: !leftovers };
    },
    sweep(isReferenced, olderThanMs, now) {
      let removed = 0;
      if (!existsSync(base)) return { removed };
      for (const shard of readdirSync(base)) {
        const dir = join(base, shard);
        let touched = false;
        for (const name of readdirSync(dir)) {
          const file = join(dir, name);
          // Young files may belong to a write whose row is about to commit.
          if (olderThanMs > 0 && now.getTime() - statSync(file).mtimeMs < olderThanMs) continue;
          if (name.endsWith(TEMP_SUFFIX) || (HEX64.test(name) && !isReferenced(name))) {
            rmSync(file, { force: true });
            removed++;
            touched = true;
          }
        }
        // Durable before the run can close cleanly: a removal lost to a power cut would bring the
        // orphan back after a clean-shutdown marker that says there is none.
        if (touched) fsyncDir(dir);
      }
      return { removed };
    },
  };
}
