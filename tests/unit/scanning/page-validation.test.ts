import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/main/core/scanning/file-import-source';
import { displayName, inspectPage, readPageFile, sniffMediaType } from '../../../src/main/core/scanning/page-validation';
import { failure } from '../../support/app-error';
import { tool } from '../../support/pdf-tools';
import { makeTempDir } from '../../support/temp-dir';

// Real files made with sharp and pdf-lib (and qpdf for encryption), broken the way files break
// in an office: cut short by a copy that stopped, renamed with the wrong extension, a PNG whose
// header declares a huge image, a PDF with a password.

const A4_AT_50DPI = { width: 413, height: 585 };

async function jpeg(width = A4_AT_50DPI.width, height = A4_AT_50DPI.height): Promise<Buffer> {
  // Noise, not a flat colour: the entropy-coded data then fills the file, so cutting it hurts.
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

const png = (width: number, height: number, background = '#ffffff') =>
  sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

async function pdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Trang ${i + 1}`, { x: 50, y: 800 });
  return Buffer.from(await doc.save());
}

/** CRC-32 as PNG chunks use it (zlib's polynomial). */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real, valid greyscale PNG of width×height, all white: a few kilobytes that decode to
 * width×height bytes. Written by hand (zlib streams the rows) because asking sharp to encode
 * 10,000×10,000 pixels takes seconds; sharp still reads it back below.
 */
function whitePng(width: number, height: number): Buffer {
  const row = Buffer.alloc(width + 1, 0xff);
  row[0] = 0; // filter: none
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { strategy: zlibConstants.Z_RLE })), chunk('IEND', Buffer.alloc(0))]);
}

/** The PNG's IHDR rewritten to declare other dimensions (CRC fixed, so only the size lies). */
function withDeclaredSize(file: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(file);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

describe('inspectPage', () => {
  let sample: Buffer;
  beforeAll(async () => {
    sample = await jpeg();
  });

  it('takes a whole JPEG, PNG and PDF for what they are', async () => {
    expect(await inspectPage(sample, 'trang-1.jpg')).toEqual({ mediaType: 'image/jpeg', pages: 1, ...A4_AT_50DPI });
    expect(await inspectPage(await png(300, 200), 'Ảnh CCCD.PNG')).toEqual({ mediaType: 'image/png', pages: 1, width: 300, height: 200 });
    expect(await inspectPage(await pdf(3), 'don.pdf')).toEqual({ mediaType: 'application/pdf', pages: 3 });
    // No extension: the content decides.
    expect((await inspectPage(sample, 'scan0001')).mediaType).toBe('image/jpeg');
    expect((await inspectPage(sample)).mediaType).toBe('image/jpeg');
  });

  it('refuses an empty file', async () => {
    const e = await failure(inspectPage(Buffer.alloc(0), 'trang-2.jpg'));
    expect(e.code).toBe('SCAN_FILE_EMPTY');
    expect(e.message).toContain('"trang-2.jpg" trống');
  });

  it('refuses a JPEG cut short, one closed early with an end marker, and one with a broken header', async () => {
    const cut = sample.subarray(0, Math.floor(sample.length * 0.6));
    // The header is intact, so the dimensions still read: only a decode finds the damage.
    expect((await sharp(cut).metadata()).width).toBe(A4_AT_50DPI.width);
    const e = await failure(inspectPage(cut, 'trang-3.jpg'));
    expect(e.code).toBe('SCAN_IMAGE_CORRUPT');
    expect(e.message).toContain('"trang-3.jpg" bị hỏng hoặc chưa được ghi hết');

    // What a writer that gives up mid-page but still closes the file properly leaves behind.
    const scanData = sample.indexOf(Buffer.from([0xff, 0xda]));
    const closedEarly = Buffer.concat([sample.subarray(0, scanData + 2000), Buffer.from([0xff, 0xd9])]);
    expect((await failure(inspectPage(closedEarly, 'trang-4.jpg'))).code).toBe('SCAN_IMAGE_CORRUPT');

    const huffmanTables = sample.indexOf(Buffer.from([0xff, 0xc4]));
    const broken = Buffer.from(sample).fill(0, huffmanTables + 5, huffmanTables + 21);
    expect((await failure(inspectPage(broken, 'trang-5.jpg'))).code).toBe('SCAN_IMAGE_CORRUPT');
  });

  it('takes a JPEG with stray bytes between markers (a harmless warning, common in phone photos)', async () => {
    const scanData = sample.indexOf(Buffer.from([0xff, 0xda]));
    const stray = Buffer.concat([sample.subarray(0, scanData), Buffer.from([0x00, 0x00]), sample.subarray(scanData)]);
    await expect(sharp(stray, { failOn: 'warning' }).resize(32).raw().toBuffer()).rejects.toThrow(/extraneous bytes/);
    expect((await inspectPage(stray, 'dien-thoai.jpg')).mediaType).toBe('image/jpeg');
  });

  it('refuses a PNG cut short', async () => {
    const whole = whitePng(800, 800);
    expect((await inspectPage(whole, 'a.png')).width).toBe(800);
    const e = await failure(inspectPage(whole.subarray(0, whole.length - 40), 'a.png'));
    expect(e.code).toBe('SCAN_IMAGE_CORRUPT');
  });

  it('refuses a 10,000×10,000 PNG (a decompression bomb of a few kilobytes) by its dimensions', async () => {
    const bomb = whitePng(10_000, 10_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 10_000, height: 10_000 });
    const e = await failure(inspectPage(bomb, 'bom.png'));
    expect(e.code).toBe('SCAN_IMAGE_TOO_LARGE');
    expect(e.message).toContain('10000×10000 điểm ảnh, giới hạn 60 triệu điểm ảnh');
  });

  it('refuses a tiny PNG whose header declares a huge image, and one whose header understates its data', async () => {
    const liar = withDeclaredSize(await png(4, 4), 10_000, 10_000);
    expect(liar.length).toBeLessThan(1000);
    expect((await failure(inspectPage(liar, 'x.png'))).code).toBe('SCAN_IMAGE_TOO_LARGE');
    // Within the limit but with data for a 4×4 image: the decode runs out of data.
    const short = withDeclaredSize(await png(4, 4), 2000, 2000);
    expect((await failure(inspectPage(short, 'x.png'))).code).toBe('SCAN_IMAGE_CORRUPT');
  });

  it('refuses a name whose extension lies about the content, or a type it does not take', async () => {
    const pngBytes = await png(20, 20);
    const e = await failure(inspectPage(pngBytes, 'giay-to.jpg'));
    expect(e.code).toBe('SCAN_FILE_TYPE_MISMATCH');
    expect(e.message).toBe(
      'Tệp "giay-to.jpg" có đuôi của ảnh JPEG nhưng nội dung lại là ảnh PNG. Tệp có thể đã bị đổi tên sai hoặc bị hỏng; hãy quét hoặc xuất lại tệp.',
    );
    expect((await failure(inspectPage(sample, 'don.pdf'))).code).toBe('SCAN_FILE_TYPE_MISMATCH');
    expect((await failure(inspectPage(await pdf(1), 'anh.tif'))).code).toBe('SCAN_FILE_TYPE_MISMATCH');
    // An extension we do not take is refused even when the content would do.
    expect((await failure(inspectPage(sample, 'don.docx'))).code).toBe('SCAN_FILE_UNSUPPORTED');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const g = await failure(inspectPage(gif, 'anh.gif'));
    expect(g.code).toBe('SCAN_FILE_UNSUPPORTED');
    expect(g.message).toContain('Chỉ nhận ảnh JPEG, PNG, TIFF và tệp PDF');
    expect((await failure(inspectPage(Buffer.from('PK\x03\x04 a zip', 'latin1'), 'hoso'))).code).toBe('SCAN_FILE_UNSUPPORTED');
  });

  it('converts a two-page TIFF into two PNG pages, each with its own content', async () => {
    const white = await png(300, 400, '#ffffff');
    const black = await png(300, 400, '#000000');
    const tiff = await sharp([white, black], { join: { animated: true } }).tiff({ compression: 'lzw' }).toBuffer();
    expect(sniffMediaType(tiff)).toBe('image/tiff');
    expect(await inspectPage(tiff, 'fax.TIFF')).toEqual({ mediaType: 'image/tiff', pages: 2, width: 300, height: 400 });

    const pages = await readPageFile(tiff, 'fax.tiff', 'tệp "fax.tiff"');
    expect(pages.map((p) => [p.mediaType, p.origin])).toEqual([
      ['image/png', 'tệp "fax.tiff", trang 1/2'],
      ['image/png', 'tệp "fax.tiff", trang 2/2'],
    ]);
    const means = await Promise.all(pages.map(async (p) => (await sharp(p.bytes).stats()).channels[0]?.mean));
    expect(means).toEqual([255, 0]);
    expect(await sharp(pages[1]?.bytes).metadata()).toMatchObject({ format: 'png', width: 300, height: 400, depth: 'uchar' });

    const single = await readPageFile(await sharp(white).tiff().toBuffer(), 'one.tif', 'tệp "one.tif"');
    expect(single.map((p) => p.origin)).toEqual(['tệp "one.tif"']);
  });

  it('passes JPEG, PNG and PDF bytes through unchanged', async () => {
    const pages = await readPageFile(sample, 'a.jpg', 'tệp "a.jpg"');
    expect(pages).toHaveLength(1);
    expect(pages[0]?.bytes.equals(sample)).toBe(true);
    expect(pages[0]?.mediaType).toBe('image/jpeg');
  });

  describe('PDFs', () => {
    const tmp = makeTempDir('motcua-pages-');
    afterAll(() => tmp.cleanup());

    async function encrypt(userPassword: string): Promise<Buffer> {
      const plain = join(tmp.dir, 'plain.pdf');
      const locked = join(tmp.dir, `locked-${userPassword || 'owner'}.pdf`);
      writeFileSync(plain, await pdf(2));
      const r = await tool('qpdf', ['--encrypt', userPassword, 'owner-secret', '256', '--', plain, locked]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(locked);
    }

    it('refuses an encrypted PDF, with or without a password to open it', async () => {
      for (const userPassword of ['mat-khau', '']) {
        const e = await failure(inspectPage(await encrypt(userPassword), 'bi-khoa.pdf'));
        expect(e.code).toBe('SCAN_PDF_CORRUPT');
        expect(e.message).toContain('"bi-khoa.pdf" được đặt mật khẩu hoặc bị khóa');
      }
    });

    it('refuses a PDF cut short or with nothing but a header', async () => {
      const whole = await pdf(2);
      const e = await failure(inspectPage(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.pdf'));
      expect(e.code).toBe('SCAN_PDF_CORRUPT');
      expect(e.message).toContain('bị hỏng hoặc không phải PDF hợp lệ');
      expect((await failure(inspectPage(Buffer.from('%PDF-1.7\nnot really\n%%EOF\n'), 'fake.pdf'))).code).toBe('SCAN_PDF_CORRUPT');
    });
  });

  it('applies the limits: bytes, pages, pixels', async () => {
    const big = await failure(inspectPage(sample, 'lon.jpg', { maxFileBytes: 1000 }));
    expect(big.code).toBe('SCAN_FILE_TOO_LARGE');
    expect(big.message).toContain(`nặng ${(sample.length / 1e6).toFixed(1).replace('.', ',')} MB, vượt giới hạn 0,0 MB`);
    expect((await inspectPage(sample, 'vua.jpg', { maxFileBytes: sample.length })).mediaType).toBe('image/jpeg');

    const pages = await failure(inspectPage(await pdf(3), 'dai.pdf', { maxPages: 2 }));
    expect(pages.code).toBe('SCAN_TOO_MANY_PAGES');
    expect(pages.message).toContain('có 3 trang, vượt giới hạn 2 trang');
    const tiff = await sharp([await png(10, 10), await png(10, 10)], { join: { animated: true } }).tiff().toBuffer();
    expect((await failure(inspectPage(tiff, 'fax.tif', { maxPages: 1 }))).code).toBe('SCAN_TOO_MANY_PAGES');

    // A real image, not a lying header: 2000×2000 refused under a 3-megapixel limit, and sharp's
    // own pixel limit agrees.
    const pixels = await failure(inspectPage(whitePng(2000, 2000), 'anh.png', { maxPixels: 3_000_000 }));
    expect(pixels.code).toBe('SCAN_IMAGE_TOO_LARGE');
    expect(pixels.message).toContain('2000×2000 điểm ảnh, giới hạn 3 triệu điểm ảnh');
  });
});

describe('displayName', () => {
  it('quotes a hostile name safely', () => {
    expect(displayName('../../etc/passwd.jpg')).toBe('passwd.jpg');
    expect(displayName('C:\\Users\\a\\scan.jpg')).toBe('scan.jpg');
    expect(displayName('a\nb\u0007c\u202egpj.exe')).toBe('a?b?c?gpj.exe');
    const nfd = 'Ho\u0302\u0300 so\u031b.pdf';
    expect(displayName(nfd)).toBe('Hồ sơ.pdf');
    const long = displayName(`${'ấ'.repeat(300)}.jpg`);
    expect([...long]).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
    expect(displayName('')).toBe('tệp không tên');
    expect(displayName(undefined)).toBe('tệp không tên');
  });
});

describe('importFiles', () => {
  it('keeps the good files in order and reports each bad one by name', async () => {
    const good = await jpeg(100, 140);
    const onePdf = await pdf(2);
    const result = await importFiles(
      [
        { name: 'trang-1.jpg', bytes: good },
        { name: 'rong.png', bytes: Buffer.alloc(0) },
        { name: 'don.pdf', bytes: onePdf },
        { name: 'hong.jpg', bytes: good.subarray(0, 300) },
        { name: 'sai-duoi.pdf', bytes: good },
      ],
      { maxFileBytes: 10_000_000 },
    );
    expect(result.pages.map((p) => [p.mediaType, p.origin])).toEqual([
      ['image/jpeg', 'tệp "trang-1.jpg"'],
      ['application/pdf', 'tệp "don.pdf"'],
    ]);
    // PDFs stay PDFs: the assembly merges them.
    expect(result.pages[1]?.bytes.equals(onePdf)).toBe(true);
    expect(result.rejected.map((r) => [r.name, r.code])).toEqual([
      ['rong.png', 'SCAN_FILE_EMPTY'],
      ['hong.jpg', 'SCAN_IMAGE_CORRUPT'],
      ['sai-duoi.pdf', 'SCAN_FILE_TYPE_MISMATCH'],
    ]);
    expect(result.rejected[0]?.message).toContain('"rong.png" trống');
  });

  it('quotes a hostile name without its path or control characters', async () => {
    const result = await importFiles([{ name: '../../x\u0000y.jpg', bytes: Buffer.alloc(0) }]);
    expect(result.rejected[0]?.name).toBe('x?y.jpg');
    expect(result.rejected[0]?.message).toContain('"x?y.jpg"');
  });
});
