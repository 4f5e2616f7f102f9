import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createFileStore, sha256Hex } from '../../../src/main/core/files/file-store';
import { makeMemoryTempDir, makeTempDir } from '../../support/temp-dir';

describe('content-addressed file store', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('stores bytes under their SHA-256, once, and reads them back', () => {
    const store = createFileStore(tmp.dir);
    const bytes = Buffer.from('%PDF-1.7 giấy tiếp nhận');
    const a = store.put(bytes);
    const b = store.put(bytes);
    expect(a.sha256).toBe(sha256Hex(bytes));
    expect(b.path).toBe(a.path);
    expect(a.path).toBe(join(tmp.dir, 'sha256', a.sha256.slice(0, 2), a.sha256));
    expect(store.read(a.sha256).equals(bytes)).toBe(true);
    expect(readdirSync(join(tmp.dir, 'sha256', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    expect(statSync(a.path).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged or missing file instead of returning wrong bytes', () => {
    const store = createFileStore(tmp.dir);
    const { sha256, path } = store.put(Buffer.from('original'));
    writeFileSync(path, 'tampered');
    expect(() => store.read(sha256)).toThrow(expect.objectContaining({ code: 'FILE_DAMAGED' }));
    expect(() => store.read('0'.repeat(64))).toThrow(expect.objectContaining({ code: 'FILE_MISSING' }));
    expect(() => store.read('../../etc/passwd')).toThrow(expect.objectContaining({ code: 'FILE_HASH_INVALID' }));
  });

  it('replaces a damaged copy of the same size when the same bytes are stored again, by put and by putFromTempFile', () => {
    const store = createFileStore(tmp.dir);
    const bytes = Buffer.from('trang quét số 1');
    const { sha256, path } = store.put(bytes);
    const rot = Buffer.from(bytes);
    rot[0]! ^= 0xff; // one flipped byte: same size, wrong content
    writeFileSync(path, rot);
    store.put(bytes);
    expect(store.read(sha256).equals(bytes)).toBe(true);

    writeFileSync(path, rot);
    const temp = store.tempPath();
    writeFileSync(temp, bytes);
    store.putFromTempFile(temp, sha256);
    expect(store.read(sha256).equals(bytes)).toBe(true);
    expect(existsSync(temp)).toBe(false);
  });

  it('sweeps old unreferenced files and leftover temporary files, keeping referenced and young ones', () => {
    const store = createFileStore(tmp.dir);
    const kept = store.put(Buffer.from('kept'));
    const orphan = store.put(Buffer.from('orphan'));
    const young = store.put(Buffer.from('young orphan'));
    const partial = `${kept.path}.abcdef.partial`;
    writeFileSync(partial, 'half');
    const old = new Date('2026-01-01T00:00:00Z');
    for (const p of [kept.path, orphan.path, partial]) utimesSync(p, old, old);
    const now = new Date();
    const result = store.sweep((sha) => sha === kept.sha256, 60_000, now);
    expect(result.removed).toBe(2);
    expect(existsSync(kept.path)).toBe(true);
    expect(existsSync(orphan.path)).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(young.path)).toBe(true);
  });

  it('removes the files of given hashes, skipping ones already gone, and refuses a hash that is not one', () => {
    const store = createFileStore(tmp.dir);
    const a = store.put(Buffer.from('trang 1'));
    const b = store.put(Buffer.from('trang 2'));
    const kept = store.put(Buffer.from('trang 3'));
    expect(store.remove([a.sha256, b.sha256, '0'.repeat(64)])).toEqual({ removed: 2 });
    expect(store.has(a.sha256) || store.has(b.sha256)).toBe(false);
    expect(store.read(kept.sha256).toString()).toBe('trang 3');
    expect(() => store.remove(['../motcua.sqlite'])).toThrow(expect.objectContaining({ code: 'FILE_HASH_INVALID' }));
  });
  it('at close removes what this run wrote without a row, keeps the rest, and refuses later writes', () => {
    const earlier = createFileStore(tmp.dir).put(Buffer.from('from an earlier run, its row lost'));
    const store = createFileStore(tmp.dir);
    const committed = store.put(Buffer.from('page with its row'));
    const uncommitted = store.put(Buffer.from('PDF still being assembled'));
    const rows = new Set([committed.sha256]);
    expect(store.close((sha) => rows.has(sha))).toEqual({ removed: 1, clean: true });
    expect(existsSync(committed.path)).toBe(true);
    expect(existsSync(uncommitted.path)).toBe(false);
    // Not written by this run: only a sweep may judge it.
    expect(existsSync(earlier.path)).toBe(true);
    expect(() => store.put(Buffer.from('late'))).toThrow(expect.objectContaining({ code: 'FILE_WRITE_FAILED' }));
  });

  it('at close removes a temporary file still being written elsewhere; its writer cannot hand it back', () => {
    const store = createFileStore(tmp.dir);
    const busy = store.tempPath();
    writeFileSync(busy, 'half an assembled PDF');
    const done = store.tempPath();
    writeFileSync(done, 'a whole one');
    const kept = store.putFromTempFile(done, sha256Hex(Buffer.from('a whole one')));
    expect(store.close(() => true)).toEqual({ removed: 0, clean: true });
    expect(existsSync(busy)).toBe(false);
    expect(existsSync(kept.path)).toBe(true);
    expect(() => store.tempPath()).toThrow(expect.objectContaining({ code: 'FILE_WRITE_FAILED' }));
  });

  it('reports an unclean close when a removal failed during the run', () => {
    const store = createFileStore(tmp.dir);
    const a = store.put(Buffer.from('pruned page'));
    // A path that cannot be removed as a file: what a permission or I/O error would do.
    rmSync(a.path);
    mkdirSync(join(a.path, 'x'), { recursive: true });
    expect(() => store.remove([a.sha256])).toThrow();
    expect(store.close(() => true).clean).toBe(false);
  });

  it('forgets written hashes once they have their row, so a long run does not hold every page', () => {
    // 5,000 fsynced writes: in memory, where an fsync costs nothing.
    const mem = makeMemoryTempDir('motcua-files-', 64 * 1024 ** 2);
    onTestFinished(() => mem.cleanup());
    const rows = new Set<string>();
    let checks = 0;
    const store = createFileStore(mem.dir, { isReferenced: (sha) => (checks++, rows.has(sha)) });
    for (let i = 0; i < 5000; i++) rows.add(store.put(Buffer.from(`page ${i}`)).sha256);
    const pending = store.put(Buffer.from('written, row not yet committed'));
    expect(checks).toBeGreaterThan(0);
    // What close() still looks at: the hashes written after the last check, not all 5,001.
    let looked = 0;
    expect(store.close((sha) => (looked++, rows.has(sha)))).toEqual({ removed: 1, clean: true });
    expect(looked).toBeLessThan(1000);
    expect(existsSync(pending.path)).toBe(false);
  });
});
