import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJpegHeaderFacts } from '../../../src/main/core/scanning/jpeg-metadata';
import { scannedPage } from '../../support/scan-pages';

// The header reader stands in for sharp's metadata() on the assembly's fast path, so every answer
// it gives must be sharp's: each case below is checked against sharp on the same bytes, and where
// the reader is not sure it must say so (null) rather than guess.

let plain: Buffer;
beforeAll(async () => {
  plain = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#fff' } }).jpeg().toBuffer();
});

/** A JPEG whose only header segment is a JFIF APP0 with these units and density. */
function withJfif(base: Buffer, units: number, x: number, y = x): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, units, x >> 8, x & 0xff, y >> 8, y & 0xff, 0, 0]);
  return Buffer.concat([base.subarray(0, 2), app0, withoutAppSegments(base).subarray(2)]);
}

/** The JPEG without its APPn segments (sharp writes JFIF or EXIF; the cases add their own). */
function withoutAppSegments(jpeg: Buffer): Buffer {
  const parts: Buffer[] = [jpeg.subarray(0, 2)];
  let pos = 2;
  while (jpeg[pos] === 0xff && jpeg[pos + 1]! >= 0xe0 && jpeg[pos + 1]! <= 0xef) pos += 2 + jpeg.readUInt16BE(pos + 2);
  parts.push(jpeg.subarray(pos));
  return Buffer.concat(parts);
}

/** An EXIF APP1 with IFD0 entries [tag, type, count, value-or-rational]. */
function exifSegment(entries: [number, number, number, number | [number, number]][], little = true): Buffer {
  const count = entries.length;
  const ifdSize = 2 + count * 12 + 4;
  const tiff = Buffer.alloc(8 + ifdSize + count * 8);
  const w16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const w32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v >>> 0, at) : tiff.writeUInt32BE(v >>> 0, at));
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  w16(count, 8);
  let extra = 8 + ifdSize;
  entries.forEach(([tag, type, n, value], i) => {
    const at = 10 + i * 12;
    w16(tag, at);
    w16(type, at + 2);
    w32(n, at + 4);
    if (Array.isArray(value)) {
      w32(extra, at + 8);
      w32(value[0], extra);
      w32(value[1], extra + 4);
      extra += 8;
    } else if (type === 3) {
      w16(value, at + 8);
    } else {
      w32(value, at + 8);
    }
  });
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

function withSegments(base: Buffer, ...segments: Buffer[]): Buffer {
  const bare = withoutAppSegments(base);
  return Buffer.concat([bare.subarray(0, 2), ...segments, bare.subarray(2)]);
}

async function sharpFacts(jpeg: Buffer): Promise<{ density: number | undefined; orientation: number }> {
  const m = await sharp(jpeg).metadata();
  return { density: m.density, orientation: m.orientation ?? 1 };
}

describe('readJpegHeaderFacts', () => {
  it('gives what sharp gives for JFIF densities in inches and centimetres', async () => {
    for (const [units, x] of [
      [1, 300],
      [1, 200],
      [1, 72],
      [1, 600],
      [2, 118],
      [2, 79],
      [2, 236],
    ] as const) {
      const jpeg = withJfif(plain, units, x);
      expect(readJpegHeaderFacts(jpeg), `units ${units}, ${x}`).toEqual(await sharpFacts(jpeg));
    }
  });

  it('gives what sharp gives for EXIF resolution (inch, cm, default unit, over JFIF) and all orientations', async () => {
    const R = 0x011a;
    const Y = 0x011b;
    const U = 0x0128;
    const O = 0x0112;
    const cases: Buffer[] = [
      withSegments(plain, exifSegment([[R, 5, 1, [300, 1]], [Y, 5, 1, [300, 1]], [U, 3, 1, 2]])),
      withSegments(plain, exifSegment([[R, 5, 1, [1181, 10]], [Y, 5, 1, [1181, 10]], [U, 3, 1, 3]], false)),
      withSegments(plain, exifSegment([[R, 5, 1, [200, 1]], [Y, 5, 1, [200, 1]]])),
      // EXIF's resolution wins over JFIF's.
      withSegments(plain, withJfif(plain, 1, 72).subarray(2, 20), exifSegment([[R, 5, 1, [300, 1]], [Y, 5, 1, [300, 1]], [U, 3, 1, 2]])),
      // Only one of the two: JFIF's stays.
      withSegments(plain, withJfif(plain, 1, 150).subarray(2, 20), exifSegment([[R, 5, 1, [300, 1]]])),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 0, 9].map((o) => withSegments(plain, withJfif(plain, 1, 300).subarray(2, 20), exifSegment([[O, 3, 1, o]]))),
    ];
    for (const [i, jpeg] of cases.entries()) expect(readJpegHeaderFacts(jpeg), `case ${i}`).toEqual(await sharpFacts(jpeg));
  });

  it('agrees with sharp on what sharp itself and the test pages write', async () => {
    const made = [
      await scannedPage(300, { lines: 2 }),
      await scannedPage(200, { lines: 2 }),
      await sharp(plain).withMetadata({ orientation: 6, density: 300 }).jpeg().toBuffer(),
      await sharp(plain).withMetadata({ density: 96 }).jpeg().toBuffer(),
      await sharp(plain).jpeg().withDensity(254).toBuffer(),
    ];
    for (const [i, jpeg] of made.entries()) {
      const facts = readJpegHeaderFacts(jpeg);
      expect(facts, `made ${i}`).not.toBeNull();
      expect(facts, `made ${i}`).toEqual(await sharpFacts(jpeg));
    }
  });

  it('says it does not know (null) rather than guess', () => {
    expect(readJpegHeaderFacts(withJfif(plain, 0, 1))).toBeNull();
    expect(readJpegHeaderFacts(withJfif(plain, 0, 300))).toBeNull();
    expect(readJpegHeaderFacts(withSegments(plain, exifSegment([[0x011a, 5, 1, [300, 1]], [0x011b, 5, 1, [300, 1]], [0x0128, 3, 1, 1]])))).toBeNull();
    const broken = withSegments(plain, exifSegment([[0x0112, 3, 1, 6]]));
    broken.writeUInt16LE(0x4242, 2 + 4 + 6 + 2); // the TIFF magic number
    expect(readJpegHeaderFacts(broken)).toBeNull();
    expect(readJpegHeaderFacts(Buffer.from('not a jpeg'))).toBeNull();
    // No resolution stated anywhere: libvips's default is sharp's to give.
    expect(readJpegHeaderFacts(withSegments(plain, exifSegment([[0x0112, 3, 1, 6]])))).toBeNull();
    expect(readJpegHeaderFacts(withoutAppSegments(plain))).toBeNull();
  });
});
