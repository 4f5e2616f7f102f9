import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFolderSource, watchScanFolder, type FolderWatch } from '../../src/main/core/scanning/folder-source';
import type { ScannedPage } from '../../src/main/core/scanning/scan-source';
import { AppError } from '../../src/shared/api/errors';
import { failure } from '../support/app-error';
import { makeTempDir } from '../support/temp-dir';

// A real directory, real files written the way scanners and people write them (slowly, under a
// temporary name, empty, broken, with strange names, as symlinks), and chokidar watching it.

const STABILITY_MS = 300;
/** Long enough for any file written before it to have been offered. */
const SETTLE_MS = STABILITY_MS * 3;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function jpegPage(seed: number, width = 200, height = 280): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * seed * 7919) % 251;
  return sharp(pixels, { raw: { width, height, channels: 1 } }).jpeg().toBuffer();
}

interface Seen {
  pages: { page: ScannedPage; name: string }[];
  errors: unknown[];
}

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
let outside: string;
const watches: FolderWatch[] = [];

beforeEach(() => {
  tmp = makeTempDir('motcua-scanfolder-');
  dir = join(tmp.dir, 'scans');
  outside = join(tmp.dir, 'outside');
  mkdirSync(dir);
  mkdirSync(outside);
});

afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.close()));
  tmp.cleanup();
});

function start(onFile?: (page: ScannedPage, name: string) => Promise<void>, stabilityMs = STABILITY_MS): Seen & { watch: FolderWatch } {
  const seen: Seen = { pages: [], errors: [] };
  const watch = watchScanFolder(dir, {
    stabilityMs,
    onFile: async (page, name) => {
      if (onFile) await onFile(page, name);
      seen.pages.push({ page, name });
    },
    onError: (e) => seen.errors.push(e),
  });
  watches.push(watch);
  return { ...seen, watch };
}

const codes = (errors: unknown[]) => errors.map((e) => (e instanceof AppError ? e.code : String(e))).sort();
const list = (sub = '') => (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).sort() : []);

describe('watchScanFolder', () => {
  it('takes a 5 MB file written slowly over about 2 s once, whole, and moves it to .taken/', async () => {
    // Random pixels do not compress: the PNG is as big as its 1300×1300×3 pixels, about 5 MB.
    const big = await sharp(randomBytes(1300 * 1300 * 3), { raw: { width: 1300, height: 1300, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(5_000_000);
    // Writes come every 40 ms; a second of stability leaves room for a busy machine.
    const seen = start(undefined, 1000);
    await seen.watch.ready;

    const file = await open(join(dir, 'trang-1.png'), 'w');
    const chunks = 50;
    const size = Math.ceil(big.length / chunks);
    for (let i = 0; i < chunks; i++) {
      await file.write(big.subarray(i * size, (i + 1) * size));
      await sleep(40);
    }
    await file.close();

    await waitFor('the page', () => seen.pages.length > 0);
    await sleep(2000);
    expect(seen.errors).toEqual([]);
    expect(seen.pages).toHaveLength(1);
    expect(seen.pages[0]?.name).toBe('trang-1.png');
    expect(seen.pages[0]?.page.mediaType).toBe('image/png');
    expect(seen.pages[0]?.page.bytes.equals(big)).toBe(true);
    expect(seen.pages[0]?.page.origin).toBe('thư mục quét (tệp "trang-1.png")');
    expect(list()).toEqual(['.taken']);
    const taken = list('.taken');
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatch(/-trang-1\.png$/);
    expect(readFileSync(join(dir, '.taken', taken[0] as string)).equals(big)).toBe(true);
  });

  it('offers files already there, in natural name order, and ignores temporary and unrelated names', async () => {
    const page = await jpegPage(3);
    const ignored = ['a.tmp', 'b.jpg.part', 'c.jpg.crdownload', 'd.pdf.partial', '.an.jpg', '~$don.jpg', 'ghi-chu.txt', 'khong-duoi', 'e.jpg~'];
    for (const name of ignored) writeFileSync(join(dir, name), page);
    for (const name of ['scan10.jpg', 'scan2.jpg', 'scan1.jpg']) writeFileSync(join(dir, name), page);
    mkdirSync(join(dir, 'thu-muc.jpg'));
    writeFileSync(join(dir, 'thu-muc.jpg', 'inner.jpg'), page);

    const seen = start();
    await waitFor('three pages', () => seen.pages.length === 3);
    await sleep(SETTLE_MS);
    expect(seen.errors).toEqual([]);
    expect(seen.pages.map((p) => p.name)).toEqual(['scan1.jpg', 'scan2.jpg', 'scan10.jpg']);
    expect(list()).toEqual([...ignored, '.taken', 'thu-muc.jpg'].sort());
    expect(list('thu-muc.jpg')).toEqual(['inner.jpg']);
  });

  it('takes a file written under .part and then renamed to .jpg', async () => {
    const page = await jpegPage(5);
    const seen = start();
    await seen.watch.ready;
    const part = join(dir, 'scan_0001.jpg.part');
    const file = await open(part, 'w');
    const step = Math.ceil(page.length / 5);
    for (let i = 0; i < page.length; i += step) {
      await file.write(page.subarray(i, i + step));
      await sleep(50);
    }
    await file.close();
    await sleep(SETTLE_MS);
    expect(seen.pages).toEqual([]);

    renameSync(part, join(dir, 'scan_0001.jpg'));
    await waitFor('the renamed page', () => seen.pages.length > 0);
    await sleep(SETTLE_MS);
    expect(seen.pages.map((p) => p.name)).toEqual(['scan_0001.jpg']);
    expect(seen.pages[0]?.page.bytes.equals(page)).toBe(true);
    expect(seen.errors).toEqual([]);
  });

  it('does not reject a file whose writer paused longer than the stability time', async () => {
    const page = await jpegPage(53, 400, 500);
    const seen = start();
    await seen.watch.ready;
    const file = await open(join(dir, 'cham.jpg'), 'w');
    await file.write(page.subarray(0, page.length >> 1));
    // Long enough for the half file to be offered (and found cut short).
    await sleep(STABILITY_MS + 200);
    await file.write(page.subarray(page.length >> 1));
    await file.close();
    await waitFor('the page, moved', () => seen.pages.length === 1 && !list().includes('cham.jpg'));
    expect(seen.pages[0]?.page.bytes.equals(page)).toBe(true);
    expect(seen.errors).toEqual([]);
    expect(list()).toEqual(['.taken']);
  });

  it('reports a corrupt JPEG and an empty file once, delivers nothing, and moves them to .rejected/', async () => {
    const page = await jpegPage(7);
    writeFileSync(join(dir, 'hong.jpg'), page.subarray(0, Math.floor(page.length / 2)));
    writeFileSync(join(dir, 'rong.pdf'), '');
    writeFileSync(join(dir, 'gia.jpg'), '%PDF-1.7 not a jpeg');
    const seen = start();
    await waitFor('three errors', () => seen.errors.length === 3);
    expect(codes(seen.errors)).toEqual(['SCAN_FILE_EMPTY', 'SCAN_FILE_TYPE_MISMATCH', 'SCAN_IMAGE_CORRUPT']);
    expect((seen.errors.find((e) => e instanceof AppError && e.code === 'SCAN_FILE_EMPTY') as AppError).message).toContain('"rong.pdf" trống');
    await seen.watch.close();
    expect(seen.pages).toEqual([]);
    expect(list()).toEqual(['.rejected']);
    expect(list('.rejected').map((n) => n.replace(/^.*-\d+-/, '')).sort()).toEqual(['gia.jpg', 'hong.jpg', 'rong.pdf']);

    // Not retried: a new watcher finds nothing to complain about.
    const again = start();
    await again.watch.ready;
    await sleep(SETTLE_MS);
    expect(again.errors).toEqual([]);
    expect(again.pages).toEqual([]);
  });

  it('keeps hostile names inside the folder and never follows a symlink out of it', async () => {
    const page = await jpegPage(11);
    const secret = join(outside, 'bi-mat.jpg');
    writeFileSync(secret, await jpegPage(13));
    const names = {
      control: 'dong\nmoi\u0001\u202e.jpg',
      long: `${'ấ'.repeat(80)}.jpg`, // 244 bytes of UTF-8: no room for a prefix in 255
      nfd: 'Ho\u0302\u0300 so\u031b.jpg',
      dotdot: '..hai-cham.jpg',
    };
    for (const name of Object.values(names)) writeFileSync(join(dir, name), page);
    symlinkSync(secret, join(dir, 'loi-tat.jpg'));
    symlinkSync('/etc/passwd', join(dir, 'passwd.jpg'));
    execFileSync('mkfifo', [join(dir, 'ong.jpg')]);

    const seen = start();
    await waitFor('pages and errors', () => seen.pages.length === 3 && seen.errors.length === 3);
    await sleep(SETTLE_MS);
    expect(seen.pages.map((p) => p.name).sort()).toEqual([names.control, names.long, names.nfd].sort());
    expect(seen.pages.every((p) => p.page.bytes.equals(page))).toBe(true);
    // Quoted safely: control characters shown as '?', NFC.
    expect(seen.pages.map((p) => p.page.origin)).toContain('thư mục quét (tệp "dong?moi??.jpg")');
    expect(seen.pages.map((p) => p.page.origin)).toContain('thư mục quét (tệp "Hồ sơ.jpg")');
    expect(codes(seen.errors)).toEqual(['SCAN_FILE_UNREADABLE', 'SCAN_FILE_UNREADABLE', 'SCAN_FILE_UNREADABLE']);

    // '..hai-cham.jpg' starts with a dot: hidden, left alone.
    expect(list()).toEqual(['..hai-cham.jpg', '.rejected', '.taken']);
    for (const stored of [...list('.taken'), ...list('.rejected')]) {
      expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(160);
      expect(stored).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    expect(list('.taken').some((n) => n.endsWith('Hồ sơ.jpg'))).toBe(true);
    // The links were moved as links; what they point to is untouched and still outside.
    const rejected = list('.rejected').map((n) => lstatSync(join(dir, '.rejected', n)));
    expect(rejected.filter((s) => s.isSymbolicLink())).toHaveLength(2);
    expect(rejected.filter((s) => s.isFIFO())).toHaveLength(1);
    expect(readdirSync(outside)).toEqual(['bi-mat.jpg']);
    expect(existsSync('/etc/passwd')).toBe(true);
  });

  it('does not move a taken file out of the folder through a planted .taken symlink', async () => {
    symlinkSync(outside, join(dir, '.taken'));
    writeFileSync(join(dir, 'trang.jpg'), await jpegPage(17));
    const seen = start();
    await waitFor('the page, the complaint and the removal', () => seen.pages.length === 1 && seen.errors.length === 1 && !list().includes('trang.jpg'));
    expect(codes(seen.errors)).toEqual(['SCAN_FOLDER_UNAVAILABLE']);
    // Handed over once, then removed so it is not offered again; nothing landed outside.
    expect(readdirSync(outside)).toEqual([]);
    expect(list()).toEqual(['.taken']);
  });

  it('does not take a file twice across a restart, but offers again one whose hand-over failed', async () => {
    writeFileSync(join(dir, 'mot.jpg'), await jpegPage(19));
    const first = start();
    await waitFor('the page', () => first.pages.length === 1);
    await first.watch.close();

    const second = start();
    await second.watch.ready;
    await sleep(SETTLE_MS);
    expect(second.pages).toEqual([]);
    expect(second.errors).toEqual([]);
    await second.watch.close();

    // The consumer could not store the page (disk full, say): the file stays and comes back.
    writeFileSync(join(dir, 'hai.jpg'), await jpegPage(23));
    const failing = start(() => Promise.reject(new AppError('DISK_FULL')));
    await waitFor('the failure', () => failing.errors.length === 1);
    expect(codes(failing.errors)).toEqual(['DISK_FULL']);
    await failing.watch.close();
    expect(list()).toContain('hai.jpg');

    const third = start();
    await waitFor('the page again, moved', () => third.pages.length === 1 && !list().includes('hai.jpg'));
    expect(third.pages[0]?.name).toBe('hai.jpg');
    expect(list()).toEqual(['.taken']);
  });

  it('moves a file over the size limit aside without reading it, and prunes .taken/ of old copies', async () => {
    const page = await jpegPage(47, 300, 300);
    writeFileSync(join(dir, 'to.jpg'), page);
    mkdirSync(join(dir, '.taken'));
    writeFileSync(join(dir, '.taken', 'cu.jpg'), page);
    writeFileSync(join(dir, '.taken', 'moi.jpg'), page);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    utimesSync(join(dir, '.taken', 'cu.jpg'), tenDaysAgo, tenDaysAgo);

    const errors: unknown[] = [];
    const watch = watchScanFolder(dir, { stabilityMs: STABILITY_MS, maxBytes: 1000, onFile: () => Promise.reject(new Error('not expected')), onError: (e) => errors.push(e) });
    watches.push(watch);
    await waitFor('the refusal', () => errors.length === 1);
    expect(codes(errors)).toEqual(['SCAN_FILE_TOO_LARGE']);
    expect((errors[0] as AppError).message).toContain(`"to.jpg" nặng ${(page.length / 1e6).toFixed(1).replace('.', ',')} MB, vượt giới hạn 0,0 MB`);
    expect(list('.rejected')).toHaveLength(1);
    await waitFor('the old copy pruned', () => !list('.taken').includes('cu.jpg'));
    expect(list('.taken')).toEqual(['moi.jpg']);
  });

  it('refuses to watch a folder that does not exist', () => {
    expect(() => watchScanFolder(join(tmp.dir, 'khong-co'), { onFile: () => Promise.resolve(), onError: () => undefined })).toThrow(
      /Không mở được thư mục quét .*khong-co/,
    );
  });
});

describe('createFolderSource', () => {
  it('delivers the pages there and those arriving until the session is stopped, in order', async () => {
    writeFileSync(join(dir, 'p1.jpg'), await jpegPage(29));
    writeFileSync(join(dir, 'hong.png'), 'not a png');
    const controller = new AbortController();
    const delivered: { index: number; page: ScannedPage }[] = [];
    const messages: string[] = [];
    const source = createFolderSource(dir, { stabilityMs: STABILITY_MS });
    expect(source.kind).toBe('folder');
    const run = source.scan(
      { source: 'adf', duplex: false, colorMode: 'grayscale', resolution: 200, format: 'jpeg' },
      {
        signal: controller.signal,
        onPage: async (page, index) => {
          delivered.push({ index, page });
        },
        onProgress: (p) => messages.push(p.message),
      },
    );
    await waitFor('the first page', () => delivered.length === 1);
    writeFileSync(join(dir, 'p2.jpg'), await jpegPage(31));
    await waitFor('the second page', () => delivered.length === 2);
    controller.abort();
    expect(await run).toEqual({ pages: 2 });
    expect(delivered.map((d) => d.index)).toEqual([0, 1]);
    expect(messages).toContain('Đang chờ tệp trong thư mục quét…');
    expect(messages).toContain('Đã nhận 2 trang từ thư mục quét, đang chờ thêm…');
    expect(messages.some((m) => m.startsWith('Tệp "hong.png" không phải ảnh quét hay PDF'))).toBe(true);

    // After the session, a new file stays for the next one.
    writeFileSync(join(dir, 'p3.jpg'), await jpegPage(37));
    await sleep(SETTLE_MS);
    expect(delivered).toHaveLength(2);
    expect(list()).toContain('p3.jpg');
  });

  it('without a signal takes what is there now, once', async () => {
    writeFileSync(join(dir, 'a.jpg'), await jpegPage(41));
    writeFileSync(join(dir, 'b.jpg'), await jpegPage(43));
    const names: string[] = [];
    const source = createFolderSource(dir, { stabilityMs: STABILITY_MS });
    const result = await source.scan(
      { source: 'adf', duplex: false, colorMode: 'grayscale', resolution: 200, format: 'jpeg' },
      { onPage: async (page) => void names.push(page.origin) },
    );
    expect(result).toEqual({ pages: 2 });
    expect(names).toEqual(['thư mục quét (tệp "a.jpg")', 'thư mục quét (tệp "b.jpg")']);
    expect(list()).toEqual(['.taken']);
  });

  it('fails a session on a folder that is gone', async () => {
    const source = createFolderSource(join(tmp.dir, 'mat'));
    const e = await failure(source.scan({ source: 'adf', duplex: false, colorMode: 'grayscale', resolution: 200, format: 'jpeg' }, { signal: new AbortController().signal, onPage: () => Promise.resolve() }));
    expect(e.code).toBe('SCAN_FOLDER_UNAVAILABLE');
  });
});
