import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import { createThumbnailCache } from '../../../src/main/core/scanning/thumbnail-cache';
import type { ScanSessionView } from '../../../src/shared/api/calls/scanning';
import { toArrangement } from '../../../src/shared/scanning/page-arrangement';
import { callOk } from '../../support/core-call';
import { openTestCore, systemContext } from '../../support/core-fixture';
import { sampleAdmin, sampleOffice } from '../../support/office-fixture';
import { scannedPage } from '../../support/scan-pages';
import { makeTempDir } from '../../support/temp-dir';

const key = (n: number, rotation = 0) => ({ sha256: String(n).padStart(64, '0'), rotation, width: 240 });

/** A render that counts its calls and returns `size` bytes marked with the key's number. */
function renderer() {
  const calls: number[] = [];
  return {
    calls,
    of: (n: number, size: number) => () => {
      calls.push(n);
      return Promise.resolve(Buffer.alloc(size, n));
    },
  };
}

describe('thumbnail cache', () => {
  it('evicts the least recently used thumbnails once over its byte budget', async () => {
    const cache = createThumbnailCache(100);
    const r = renderer();
    await cache.get(key(1), r.of(1, 40));
    await cache.get(key(2), r.of(2, 40));
    await cache.get(key(1), r.of(1, 40)); // used again: now 2 is the oldest
    await cache.get(key(3), r.of(3, 40)); // 120 bytes > 100: 2 goes
    expect(cache.stats()).toEqual({ bytes: 80, entries: 2 });
    await cache.get(key(1), r.of(1, 40));
    await cache.get(key(3), r.of(3, 40));
    expect(r.calls).toEqual([1, 2, 3]);
    await cache.get(key(2), r.of(2, 40)); // rendered again; 1 is now the oldest and goes
    expect(r.calls).toEqual([1, 2, 3, 2]);
    await cache.get(key(1), r.of(1, 40));
    expect(r.calls).toEqual([1, 2, 3, 2, 1]);
  });

  it('keys by rotation and size too, serves but does not keep one larger than the budget', async () => {
    const cache = createThumbnailCache(100);
    const r = renderer();
    await cache.get(key(1, 0), r.of(1, 10));
    await cache.get(key(1, 90), r.of(1, 10));
    await cache.get({ ...key(1, 0), width: 480 }, r.of(1, 10));
    expect(r.calls).toHaveLength(3);
    expect((await cache.get(key(9), r.of(9, 101))).byteLength).toBe(101);
    expect(cache.stats()).toEqual({ bytes: 30, entries: 3 });
  });

  it('renders once for concurrent requests of one key, and does not keep a failure', async () => {
    const cache = createThumbnailCache(100);
    const r = renderer();
    const [a, b] = await Promise.all([cache.get(key(1), r.of(1, 10)), cache.get(key(1), r.of(1, 10))]);
    expect(a).toBe(b);
    expect(r.calls).toEqual([1]);
    await expect(cache.get(key(2), () => Promise.reject(new Error('corrupt JPEG')))).rejects.toThrow('corrupt JPEG');
    expect((await cache.get(key(2), r.of(2, 10)))[0]).toBe(2);
  });
});

// Through the core: a real page imported into a session, its thumbnail asked for again.
describe('scans.thumbnail with the cache', () => {
  const clerk = systemContext('clerk', 'lan.nt');
  const admin = systemContext('admin', 'quantri');
  let tmp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let page: Buffer;
  beforeAll(async () => {
    tmp = makeTempDir();
    core = openTestCore(tmp.dir);
    await callOk(core, 'auth.setup', { admin: sampleAdmin, office: sampleOffice }, admin);
    page = await scannedPage(100, { lines: 12 });
  }, 30_000);
  afterAll(() => {
    core?.close();
    tmp?.cleanup();
  });

  /** What the handler rendered before the cache existed, straight from the page's bytes. */
  const fresh = (rotation: number) => sharp(page).rotate(rotation).resize({ width: 240 }).jpeg({ quality: 70 }).toBuffer();
  const thumbnail = async (pageId: string) => Buffer.from((await callOk<{ dataBase64: string }>(core, 'scans.thumbnail', { pageId }, clerk)).dataBase64, 'base64');

  it('answers a repeated request with the same bytes a fresh render gives, and a rotated page anew', async () => {
    const requestId = randomUUID();
    await callOk(core, 'scans.import', { requestId, documentCode: 'TK', files: [{ name: 'trang-1.jpg', dataBase64: page.toString('base64') }] }, clerk);
    const session = await callOk<ScanSessionView>(core, 'scans.session', { requestId }, clerk);
    const id = session.pages[0]!.id;

    const first = await thumbnail(id);
    const again = await thumbnail(id);
    expect(first.equals(await fresh(0))).toBe(true);
    expect(again.equals(first)).toBe(true);

    await callOk(core, 'scans.arrange', { requestId, pages: toArrangement(session.pages.map((p) => ({ ...p, rotation: 90 }))) }, clerk);
    const rotated = await thumbnail(id);
    expect(rotated.equals(await fresh(90))).toBe(true);
    expect(rotated.equals(first)).toBe(false);
  });
});
