import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../../src/main/core/files/file-store';
import { assemblePdf, assemblePdfIntoStore, assemblePdfToFile, type AssemblyPage, type PageRotation } from '../../../src/main/core/scanning/assemble-pdf';
import { checkJpeg } from '../../../src/main/core/scanning/jpeg-structure';
import { failure } from '../../support/app-error';
import { jpegPageBytes, pageImages, pdfImagesList } from '../../support/pdf-images';
import { flat, pageCount, pdfFonts, pdfInfo, pdfText, qpdfCheck, renderPage, savePdf, tool } from '../../support/pdf-tools';
import { a4Pixels, scannedPage } from '../../support/scan-pages';
import { makeTempDir } from '../../support/temp-dir';

// Pages go into one PDF per document and are checked with the tools a reader of the PDF would
// use: pdfinfo (pages, sizes, /Rotate, metadata), qpdf --check, pdfimages (what image each page
// carries, at what resolution), pdftotext / pdffonts (PDF pages stay text), pdftoppm (what a
// reader shows), and pdf-lib's low-level objects for the stored bytes themselves.

const tmp = makeTempDir('motcua-assembly-');
afterAll(() => tmp.cleanup());
const NOW = new Date('2026-11-23T02:30:00Z');

let fileNo = 0;
async function assembleToFile(pages: AssemblyPage[], title?: string): Promise<{ pdf: Uint8Array; file: string }> {
  const pdf = await assemblePdf(pages, { now: NOW, title });
  const file = savePdf(tmp.dir, `out-${++fileNo}.pdf`, pdf);
  const check = await qpdfCheck(file);
  expect(check.output).toContain('No syntax or stream encoding errors');
  expect(check.code).toBe(0);
  return { pdf, file };
}

const jpeg = (bytes: Buffer, rotation: PageRotation = 0, resolution?: number): AssemblyPage => ({ bytes, mediaType: 'image/jpeg', rotation, resolution });

/** `pdfinfo -f 1 -l N`: each page's size in points and its /Rotate. */
async function pageGeometry(file: string): Promise<{ width: number; height: number; a4: boolean; rot: number }[]> {
  const r = await tool('pdfinfo', ['-f', '1', '-l', '999', file]);
  const pages: { width: number; height: number; a4: boolean; rot: number }[] = [];
  for (const m of r.stdout.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts( \(A4\))?$/gm)) {
    pages.push({ width: Number(m[2]), height: Number(m[3]), a4: Boolean(m[4]), rot: NaN });
  }
  for (const m of r.stdout.matchAll(/^Page\s+(\d+) rot:\s+(\d+)$/gm)) pages[Number(m[1]) - 1]!.rot = Number(m[2]);
  return pages;
}

/** Where the dark pixels of an image are, as fractions of its width and height (0,0 top left). */
async function darkCentre(png: string | Buffer): Promise<{ x: number; y: number }> {
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[(y * info.width + x) * info.channels]! < 100) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return { x: sx / n / info.width, y: sy / n / info.height };
}

/** A white A4 page at `dpi` with a black block in its top left corner, and its resolution stated. */
async function markedPage(dpi: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const { width, height } = a4Pixels(dpi);
  const block = await sharp({ create: { width: Math.round(width / 4), height: Math.round(height / 6), channels: 3, background: '#000' } }).png().toBuffer();
  const page = sharp({ create: { width, height, channels: 3, background: '#fff' } }).composite([{ input: block, left: 0, top: 0 }]).toColourspace('b-w').withDensity(dpi);
  return format === 'jpeg' ? page.jpeg({ quality: 90 }).toBuffer() : page.png().toBuffer();
}

/** Grey pixels of an image, small, for comparing what two renderings show. */
async function thumbnail(input: string | Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(input).toColourspace('b-w').resize(width, height, { fit: 'fill' }).raw().toBuffer();
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('JPEG pages', () => {
  let pages: Buffer[];
  beforeAll(async () => {
    pages = await Promise.all([1, 2, 3].map((seed) => scannedPage(200, { lines: 4 + seed * 3, grain: 3, dust: 20, seed })));
  });

  it('puts each JPEG in byte for byte, one page each, with the metadata of the app and the given date', async () => {
    // The third page arrives as a slice of a bigger buffer (as from a multipart body): pdf-lib
    // must not read the bytes before it.
    const sliced = Buffer.concat([Buffer.alloc(1000, 0xff), pages[2]!]).subarray(1000);
    const { pdf, file } = await assembleToFile([jpeg(pages[0]!), jpeg(pages[1]!), jpeg(sliced)], 'Tờ khai đăng ký khai sinh');
    expect(await pageCount(file)).toBe(3);
    const stored = await jpegPageBytes(pdf);
    expect(stored).toHaveLength(3);
    stored.forEach((bytes, i) => expect(bytes.equals(pages[i]!), `page ${i + 1}`).toBe(true));
    const info = await pdfInfo(file);
    expect(info.Title).toBe('Tờ khai đăng ký khai sinh');
    expect(info.Producer).toBe('Một Cửa Desk');
    expect(info.Creator).toBe('Một Cửa Desk');
    expect(info.CreationDate).toBe('2026-11-23T02:30:00Z');
    expect(info.ModDate).toBe('2026-11-23T02:30:00Z');
    // The file is hardly bigger than its pages: nothing was decoded and stored again.
    const total = pages.reduce((s, p) => s + p.length, 0);
    expect(pdf.length).toBeGreaterThan(total);
    expect(pdf.length).toBeLessThan(total + 4096);
  });

  it('gives the same bytes for the same pages and date', async () => {
    const a = await assemblePdf([jpeg(pages[0]!), jpeg(pages[1]!)], { now: NOW });
    const b = await assemblePdf([jpeg(pages[0]!), jpeg(pages[1]!)], { now: NOW });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const later = await assemblePdf([jpeg(pages[0]!), jpeg(pages[1]!)], { now: new Date(NOW.getTime() + 1000) });
    expect(Buffer.from(later).equals(Buffer.from(a))).toBe(false);
  });

  it('makes an A4 scan an A4 page, from the resolution in the file (200 and 300 dpi)', async () => {
    const at300 = await scannedPage(300, { lines: 2 });
    const { file } = await assembleToFile([jpeg(pages[0]!), jpeg(at300)]);
    const geometry = await pageGeometry(file);
    for (const g of geometry) {
      expect(g.a4).toBe(true);
      expect(g.width).toBeCloseTo(595.28, 0);
      expect(g.height).toBeCloseTo(841.89, 0);
    }
    const images = await pdfImagesList(file);
    expect(images.map((i) => [i.width, i.height, i.xPpi, i.yPpi, i.enc, i.color])).toEqual([
      [1654, 2339, 200, 200, 'jpeg', 'gray'],
      [2480, 3508, 300, 300, 'jpeg', 'gray'],
    ]);
  });

  it('falls back to the requested resolution, then 200 dpi, when the file says 72 dpi (as cameras and sharp write)', async () => {
    const { width, height } = a4Pixels(300);
    const unknown300 = await sharp({ create: { width, height, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const small = a4Pixels(200);
    const unknown200 = await sharp({ create: { width: small.width, height: small.height, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect((await sharp(unknown300).metadata()).density).toBe(72);
    const { file } = await assembleToFile([jpeg(unknown300, 0, 300), jpeg(unknown200)]);
    expect((await pageGeometry(file)).map((g) => g.a4)).toEqual([true, true]);
    expect((await pdfImagesList(file)).map((i) => i.xPpi)).toEqual([300, 200]);
  });

  it('turns pages with /Rotate only: the JPEG stays the same bytes, the reader shows it turned clockwise', async () => {
    const marked = await markedPage(100);
    const rotations: PageRotation[] = [0, 90, 180, 270];
    const { pdf, file } = await assembleToFile(rotations.map((r) => jpeg(marked, r)));
    const geometry = await pageGeometry(file);
    expect(geometry.map((g) => g.rot)).toEqual([0, 90, 180, 270]);
    for (const bytes of await jpegPageBytes(pdf)) expect(bytes.equals(marked)).toBe(true);
    // The block starts top left; a quarter turn clockwise takes it top right, and so on.
    const expected = [
      { x: 0.125, y: 0.083 },
      { x: 1 - 0.083, y: 0.125 },
      { x: 1 - 0.125, y: 1 - 0.083 },
      { x: 0.083, y: 1 - 0.125 },
    ];
    for (const [i, want] of expected.entries()) {
      const png = await renderPage(file, i + 1, 20, join(tmp.dir, `rot-${i}`));
      const seen = await darkCentre(png);
      expect(seen.x, `page ${i + 1}`).toBeCloseTo(want.x, 1);
      expect(seen.y, `page ${i + 1}`).toBeCloseTo(want.y, 1);
    }
  });

  it('shows a photo with an EXIF orientation as browsers do (all eight), without re-encoding it', async () => {
    const dpi = 100;
    const { width, height } = a4Pixels(dpi);
    // Asymmetric marks, so any wrong turn or mirror shows.
    const marks = [
      { input: await sharp({ create: { width: 200, height: 120, channels: 3, background: '#000' } }).png().toBuffer(), left: 0, top: 0 },
      { input: await sharp({ create: { width: 60, height: 500, channels: 3, background: '#000' } }).png().toBuffer(), left: width - 60, top: 300 },
    ];
    const stored = await sharp({ create: { width, height, channels: 3, background: '#fff' } }).composite(marks).png().toBuffer();
    for (let o = 1; o <= 8; o++) {
      const photo = await sharp(stored).withMetadata({ orientation: o, density: dpi }).jpeg({ quality: 90 }).toBuffer();
      const { pdf, file } = await assembleToFile([jpeg(photo)]);
      expect((await jpegPageBytes(pdf))[0]!.equals(photo)).toBe(true);
      const upright = await sharp(photo).rotate().png().toBuffer();
      const { width: w, height: h } = await sharp(upright).metadata();
      const g = (await pageGeometry(file))[0]!;
      expect(g.width > g.height, `orientation ${o}`).toBe(w! > h!);
      const rendered = await renderPage(file, 1, dpi, join(tmp.dir, `exif-${o}`));
      expect(meanAbsDiff(await thumbnail(rendered, 40, 40), await thumbnail(upright, 40, 40)), `orientation ${o}`).toBeLessThan(6);
    }
  });
});

describe('PNG and TIFF pages', () => {
  it('converts a greyscale PNG once to a greyscale JPEG (quality 85) that looks like it', async () => {
    // sharp writes RGB unless told otherwise; a scanner in grey mode sends one channel.
    const grey = await sharp(await scannedPage(200, { lines: 10, grain: 4 })).toColourspace('b-w').png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const { pdf, file } = await assembleToFile([{ bytes: grey, mediaType: 'image/png', rotation: 0 }]);
    const [image] = await pageImages(pdf);
    expect(image!.filter).toBe('DCTDecode');
    // What sharp makes of it in one step is exactly what the PDF holds: nobody encoded it again.
    const once = await sharp(grey).toColourspace('b-w').jpeg({ quality: 85 }).toBuffer();
    expect(image!.bytes.equals(once)).toBe(true);
    const check = checkJpeg(image!.bytes);
    expect(check.ok && check.info.components).toBe(1);
    const [listed] = await pdfImagesList(file);
    expect([listed!.enc, listed!.color, listed!.width, listed!.height]).toEqual(['jpeg', 'gray', 1654, 2339]);
    // The PNG said nothing about its resolution (sharp writes no pHYs): the 200 dpi default makes it A4.
    expect((await pageGeometry(file))[0]!.a4).toBe(true);
    const rendered = await renderPage(file, 1, 50, join(tmp.dir, 'grey'));
    expect(meanAbsDiff(await thumbnail(rendered, 165, 234), await thumbnail(grey, 165, 234))).toBeLessThan(2);
  });

  it('keeps a black-and-white PNG lossless and small: 1 bit per pixel, its compressed data copied', async () => {
    const page = await scannedPage(300, { lines: 20 });
    const bilevel = await sharp(page).threshold(160).png({ palette: true, colours: 2 }).withDensity(300).toBuffer();
    expect((await sharp(bilevel).metadata()).bitsPerSample).toBe(1);
    const { pdf, file } = await assembleToFile([{ bytes: bilevel, mediaType: 'image/png', rotation: 90 }]);
    const [image] = await pageImages(pdf);
    expect([image!.filter, image!.bitsPerComponent, image!.width, image!.height]).toEqual(['FlateDecode', 1, 2480, 3508]);
    const g = (await pageGeometry(file))[0]!;
    expect([g.a4, g.rot]).toEqual([true, 90]);
    // pdfimages writes the image back out as a PNG: the same pixels as the page that went in.
    execFileSync('pdfimages', ['-png', file, join(tmp.dir, 'bw')]);
    const [back, original] = await Promise.all(
      [join(tmp.dir, 'bw-000.png'), bilevel].map((input) => sharp(input).toColourspace('b-w').raw().toBuffer()),
    );
    expect(back!.equals(original!)).toBe(true);
    // The reason for keeping it 1-bit: JPEG at quality 85 of the same page is many times bigger.
    const asJpeg = await sharp(bilevel).toColourspace('b-w').jpeg({ quality: 85 }).toBuffer();
    expect(image!.bytes.length * 4).toBeLessThan(asJpeg.length);
  });

  it('takes every page of a multi-page black-and-white TIFF (CCITT G4), losslessly', async () => {
    const dpi = 200;
    const tiffPages = await Promise.all(
      [0, 1].map(async (i) =>
        sharp(await scannedPage(dpi, { lines: 5 + i * 5 }))
          .threshold(160)
          .toColourspace('b-w')
          .raw()
          .toBuffer({ resolveWithObject: true }),
      ),
    );
    const { width, height } = tiffPages[0]!.info;
    // Two pages one above the other, split by pageHeight: how sharp writes a multi-page TIFF.
    const multi = await sharp(Buffer.concat(tiffPages.map((p) => p.data)), { raw: { width, height: height * 2, channels: 1, pageHeight: height } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4 })
      .toBuffer();
    const meta = await sharp(multi).metadata();
    expect([meta.pages, meta.bitsPerSample, meta.density]).toEqual([2, 1, dpi]);
    const { file } = await assembleToFile([{ bytes: multi, mediaType: 'image/tiff', rotation: 0 }]);
    expect(await pageCount(file)).toBe(2);
    expect((await pageGeometry(file)).map((g) => g.a4)).toEqual([true, true]);
    expect((await pdfImagesList(file)).map((i) => [i.bpc, i.enc, i.xPpi])).toEqual([
      [1, 'image', dpi],
      [1, 'image', dpi],
    ]);
    execFileSync('pdfimages', ['-png', file, join(tmp.dir, 'tiff')]);
    for (const i of [0, 1]) {
      const back = await sharp(join(tmp.dir, `tiff-00${i}.png`)).toColourspace('b-w').raw().toBuffer();
      expect(back.equals(tiffPages[i]!.data), `page ${i + 1}`).toBe(true);
    }
  });

  it('converts a colour TIFF to a colour JPEG and puts a transparent PNG on white paper', async () => {
    const colour = await sharp({ create: { width: 827, height: 1169, channels: 3, background: '#c03020' } }).tiff().withDensity(100).toBuffer();
    const block = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#000' } }).png().toBuffer();
    const transparent = await sharp({ create: { width: 827, height: 1169, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: block, left: 300, top: 500 }])
      .png()
      .toBuffer();
    const { pdf, file } = await assembleToFile([
      { bytes: colour, mediaType: 'image/tiff', rotation: 0 },
      { bytes: transparent, mediaType: 'image/png', rotation: 0 },
    ]);
    const images = await pdfImagesList(file);
    expect(images.map((i) => [i.enc, i.color])).toEqual([
      ['jpeg', 'rgb'],
      ['jpeg', 'rgb'],
    ]);
    expect((await pageImages(pdf)).every((i) => i.filter === 'DCTDecode')).toBe(true);
    // Where it was transparent the paper is white, not black; the opaque block stays black.
    const rendered = await renderPage(file, 2, 100, join(tmp.dir, 'transparent'));
    const corner = await sharp(await sharp(rendered).extract({ left: 0, top: 0, width: 140, height: 240 }).toBuffer()).stats();
    expect(corner.channels[0]!.min).toBeGreaterThan(240);
    const centre = await darkCentre(rendered);
    expect(centre.x).toBeCloseTo(400 / 827, 2);
    expect(centre.y).toBeCloseTo(600 / 1169, 2);
  });
});

describe('PDF pages', () => {
  async function textPdf(lines: string[], rotate = 0): Promise<Buffer> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const line of lines) {
      const page = doc.addPage([595.28, 841.89]);
      page.drawText(line, { x: 72, y: 760, size: 18, font });
      page.setRotation(degrees(rotate));
    }
    return Buffer.from(await doc.save());
  }

  it('copies PDF pages as they are (text stays text, no image), in order among the scanned pages', async () => {
    const first = await textPdf(['Contract page one', 'Contract page two']);
    const second = await textPdf(['Appendix already turned'], 90);
    const scan = await scannedPage(200, { lines: 3 });
    const { file } = await assembleToFile([
      { bytes: first, mediaType: 'application/pdf', rotation: 0 },
      jpeg(scan),
      { bytes: second, mediaType: 'application/pdf', rotation: 90 },
    ]);
    expect(await pageCount(file)).toBe(4);
    // A turned page's words come out one a line: compare with white space folded.
    const text = flat(await pdfText(file));
    expect(text.indexOf('Contract page one')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Contract page one')).toBeLessThan(text.indexOf('Contract page two'));
    expect(text.indexOf('Contract page two')).toBeLessThan(text.indexOf('Appendix already turned'));
    expect((await pdfFonts(file)).map((f) => f.name)).toContain('Helvetica');
    // The only image is the scanned page's; the PDF pages were not rasterised.
    expect((await pdfImagesList(file)).map((i) => i.page)).toEqual([3]);
    // A page already turned a quarter gets the clerk's quarter on top.
    expect((await pageGeometry(file)).map((g) => g.rot)).toEqual([0, 0, 0, 180]);
  });
});

describe('bad input', () => {
  let good: Buffer;
  beforeAll(async () => {
    good = await scannedPage(100, { lines: 3 });
  });

  it('refuses a JPEG cut short, naming the page', async () => {
    const cut = good.subarray(0, Math.floor(good.length * 0.6));
    const e = await failure(assemblePdf([jpeg(good), jpeg(cut)], { now: NOW }));
    expect(e.code).toBe('SCAN_PAGE_UNREADABLE');
    expect(e.details).toMatchObject({ page: 2, kind: 'JPEG' });
    expect(e.message).toContain('Trang 2 (JPEG)');
    expect(String(e.details.reason)).toMatch(/cut short/);
  });

  it('accepts bytes after the end of the JPEG (a camera trailer), refuses bytes that are no JPEG at all', async () => {
    const trailer = Buffer.concat([good, Buffer.from('SAMSUNG TRAILER DATA')]);
    const { pdf } = await assembleToFile([jpeg(trailer)]);
    expect((await jpegPageBytes(pdf))[0]!.equals(trailer)).toBe(true);
    const png = await sharp(good).png().toBuffer();
    expect((await failure(assemblePdf([jpeg(png)], { now: NOW }))).code).toBe('SCAN_PAGE_UNREADABLE');
  });

  it('refuses a damaged PNG, TIFF or PDF with the page number and kind', async () => {
    const png = await sharp(good).png().toBuffer();
    const tiff = await sharp(good).tiff().toBuffer();
    const pdf = readFileSync(savePdf(tmp.dir, 'src.pdf', await assemblePdf([jpeg(good)], { now: NOW })));
    const cases: [AssemblyPage, string][] = [
      [{ bytes: png.subarray(0, png.length >> 1), mediaType: 'image/png', rotation: 0 }, 'PNG'],
      [{ bytes: tiff.subarray(0, 200), mediaType: 'image/tiff', rotation: 0 }, 'TIFF'],
      [{ bytes: Buffer.from('this is not a PDF at all'), mediaType: 'application/pdf', rotation: 0 }, 'PDF'],
      [{ bytes: pdf.subarray(0, 64), mediaType: 'application/pdf', rotation: 0 }, 'PDF'],
    ];
    for (const [page, kind] of cases) {
      const e = await failure(assemblePdf([jpeg(good), page], { now: NOW }));
      expect([e.code, e.details.page, e.details.kind], kind).toEqual(['SCAN_PAGE_UNREADABLE', 2, kind]);
    }
  });

  it('refuses a password-protected PDF, and an empty list of pages', async () => {
    const plain = savePdf(tmp.dir, 'plain.pdf', await assemblePdf([jpeg(good)], { now: NOW }));
    const locked = join(tmp.dir, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    const e = await failure(assemblePdf([{ bytes: readFileSync(locked), mediaType: 'application/pdf', rotation: 0 }], { now: NOW }));
    expect([e.code, e.details.page]).toEqual(['SCAN_PAGE_ENCRYPTED', 1]);
    expect(e.message).toContain('mật khẩu');
    expect((await failure(assemblePdf([], { now: NOW }))).code).toBe('SCAN_NO_PAGES');
  });
});

describe('streamed to a file and into the file store', () => {
  let pages: Buffer[];
  beforeAll(async () => {
    pages = await Promise.all([4, 5, 6].map((seed) => scannedPage(150, { lines: 3 + seed, grain: 2, seed })));
  });
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('writes the same bytes as assemblePdf, reading each page only when its turn comes, and gives their hash', async () => {
    const reads: number[] = [];
    const lazy = pages.map((bytes, i): AssemblyPage => ({
      bytes: async () => {
        reads.push(i);
        return bytes;
      },
      mediaType: 'image/jpeg',
      rotation: i === 1 ? 90 : 0,
    }));
    const file = join(tmp.dir, 'streamed.pdf');
    const made = await assemblePdfToFile(lazy, file, { now: NOW, title: 'Giấy khai sinh' });
    expect(reads).toEqual([0, 1, 2]);
    const written = readFileSync(file);
    const inMemory = await assemblePdf(
      pages.map((bytes, i) => jpeg(bytes, i === 1 ? 90 : 0)),
      { now: NOW, title: 'Giấy khai sinh' },
    );
    expect(written.equals(Buffer.from(inMemory))).toBe(true);
    expect(made).toEqual({ sha256: sha256(written), size: written.length, pages: 3 });
    const check = await qpdfCheck(file);
    expect([check.code, check.output.includes('No syntax or stream encoding errors')]).toEqual([0, true]);
    (await jpegPageBytes(written)).forEach((bytes, i) => expect(bytes.equals(pages[i]!), `page ${i + 1}`).toBe(true));
    expect((await pageGeometry(file)).map((g) => g.rot)).toEqual([0, 90, 0]);
    expect((await pdfInfo(file)).Title).toBe('Giấy khai sinh');
  });

  it('takes a document with PDF pages through pdf-lib, with the same hash and page count', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]);
    doc.addPage([300, 400]);
    const imported = Buffer.from(await doc.save());
    const file = join(tmp.dir, 'mixed.pdf');
    const made = await assemblePdfToFile([jpeg(pages[0]!), { bytes: () => imported, mediaType: 'application/pdf', rotation: 0 }], file, { now: NOW });
    const written = readFileSync(file);
    expect(made).toEqual({ sha256: sha256(written), size: written.length, pages: 3 });
    expect(await pageCount(file)).toBe(3);
  });

  it('leaves no file behind when a page fails half-way, and names the page', async () => {
    const file = join(tmp.dir, 'failed.pdf');
    const e = await failure(
      assemblePdfToFile(
        [
          jpeg(pages[0]!),
          jpeg(pages[1]!),
          {
            bytes: () => {
              throw new Error('EIO reading the page');
            },
            mediaType: 'image/jpeg',
            rotation: 0,
          },
        ],
        file,
        { now: NOW },
      ),
    );
    expect([e.code, e.details.page, e.details.kind]).toEqual(['SCAN_PAGE_UNREADABLE', 3, 'JPEG']);
    expect(String(e.details.reason)).toContain('EIO reading the page');
    expect(existsSync(file)).toBe(false);
    // A JPEG cut short after good pages were already written: the same.
    const cut = await failure(assemblePdfToFile([jpeg(pages[0]!), jpeg(pages[1]!.subarray(0, 5000))], file, { now: NOW }));
    expect([cut.code, cut.details.page]).toEqual(['SCAN_PAGE_UNREADABLE', 2]);
    expect(existsSync(file)).toBe(false);
  });

  it('lands in the file store under its hash by rename, readable and checked, with no temporary file left', async () => {
    const storeDir = join(tmp.dir, 'store');
    const store = createFileStore(storeDir);
    const doc = pages.map((bytes): AssemblyPage => ({ bytes: () => bytes, mediaType: 'image/jpeg', rotation: 0 }));
    const first = await assemblePdfIntoStore(doc, store, { now: NOW });
    expect(first.path).toBe(store.pathOf(first.sha256));
    const stored = store.read(first.sha256); // read() checks the bytes against the hash
    expect(stored.length).toBe(first.size);
    expect(first.pages).toBe(3);
    expect(stored.equals(Buffer.from(await assemblePdf(pages.map((b) => jpeg(b)), { now: NOW })))).toBe(true);
    // The same document again: the same file, the second temporary file removed.
    const again = await assemblePdfIntoStore(doc, store, { now: NOW });
    expect(again.sha256).toBe(first.sha256);
    const tempDir = join(storeDir, 'sha256', 'tmp');
    expect(readdirSync(tempDir)).toEqual([]);
    // A failure removes its temporary file too.
    await failure(assemblePdfIntoStore([jpeg(pages[0]!), jpeg(Buffer.from('not a jpeg'))], store, { now: NOW }));
    expect(readdirSync(tempDir)).toEqual([]);
    // One left by a crash is swept like put()'s own, and the stored PDF is kept.
    const leftover = store.tempPath();
    writeFileSync(leftover, 'half a PDF');
    utimesSync(leftover, new Date(NOW.getTime() - 3_600_000), new Date(NOW.getTime() - 3_600_000));
    expect(store.sweep((sha) => sha === first.sha256, 60_000, NOW).removed).toBe(1);
    expect(existsSync(leftover)).toBe(false);
    expect(store.has(first.sha256)).toBe(true);
  });
});
