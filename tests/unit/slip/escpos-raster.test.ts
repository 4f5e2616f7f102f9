import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { packRaster, rasterize } from '../../../src/main/core/slip/escpos-raster';
import { bandsToPng, parseEscPos } from '../../doubles/escpos-printer';

/** A greyscale PNG from rows of grey levels (0 black … 255 white). */
async function greyPng(rows: number[][]): Promise<Buffer> {
  const width = rows[0]?.length ?? 0;
  return sharp(Buffer.from(rows.flat()), { raw: { width, height: rows.length, channels: 1 } }).png().toBuffer();
}

const B = 0;
const W = 255;

describe('rasterize', () => {
  it('writes ESC @, one GS v 0 band, a feed and a partial cut, packing 1 = black, MSB first', async () => {
    const png = await greyPng([
      [B, B, B, B, B, B, B, B, W, W, W, W, W, W, W, W],
      [B, W, B, W, B, W, B, W, B, W, B, W, B, W, B, W],
      [W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, B],
    ]);
    const bytes = await rasterize(png, { width: 16 });
    expect([...bytes]).toEqual([
      0x1b, 0x40, // ESC @
      0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, // GS v 0, m=0, 2 bytes a row, 3 rows
      0xff, 0x00,
      0xaa, 0xaa,
      0x00, 0x01,
      0x1b, 0x64, 0x02, // ESC d 2
      0x1d, 0x56, 0x42, 0x00, // GS V 66 0
    ]);
  });

  it('prints greys darker than the threshold black', async () => {
    const png = await greyPng([[100, 150, 170, 250, 0, 0, 0, 0]]);
    expect([...(await packRaster(png, { width: 8 })).bits]).toEqual([0b1100_1111]);
    expect([...(await packRaster(png, { width: 8, threshold: 128 })).bits]).toEqual([0b1000_1111]);
  });

  it('prints transparent parts as paper', async () => {
    const png = await sharp({ create: { width: 8, height: 2, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect([...(await packRaster(png, { width: 8 })).bits]).toEqual([0, 0]);
  });

  it('splits a tall image into bands of at most 255 rows', async () => {
    const png = await greyPng(Array.from({ length: 600 }, (_, y) => Array.from({ length: 8 }, () => (y % 2 ? W : B))));
    const bytes = await rasterize(png, { width: 8 });
    const parsed = parseEscPos(bytes);
    expect(parsed.bands.map((b) => b.rows)).toEqual([255, 255, 90]);
    expect(parsed.unknown).toEqual([]);
    expect(parsed.cut).toBe(true);
    expect(parsed.partialCut).toBe(true);
    // The second band's header sits right after the first band's 255 rows of 1 byte.
    const second = 2 + 8 + 255;
    expect([...bytes.subarray(second, second + 8)]).toEqual([0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0xff, 0x00]);
    // Stacked back together, the bands are the picture: even rows black, odd rows white.
    const back = await sharp((await bandsToPng(parsed.bands)) ?? Buffer.alloc(0)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(back.info.height).toBe(600);
    expect(back.data[0]).toBe(0);
    expect(back.data[8]).toBe(255);
    expect(back.data[599 * 8]).toBe(255);
  });

  it('scales an image to the printer width (576 dots by default) keeping its proportions', async () => {
    const png = await sharp({ create: { width: 1152, height: 100, channels: 3, background: '#000' } }).png().toBuffer();
    const bytes = await rasterize(png);
    const parsed = parseEscPos(bytes);
    expect(parsed.width).toBe(576);
    expect(parsed.height).toBe(50);
    expect([...bytes.subarray(2, 10)]).toEqual([0x1d, 0x76, 0x30, 0x00, 72, 0x00, 50, 0x00]);
    expect(parsed.bands[0]?.data.every((byte) => byte === 0xff)).toBe(true);
  });

  it('refuses a width no ESC/POS printer takes', async () => {
    const png = await greyPng([[B]]);
    await expect(rasterize(png, { width: 2048 })).rejects.toThrow(RangeError);
  });
});
