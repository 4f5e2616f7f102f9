import type { ImageXObject } from './image-xobject';

// A PNG's compressed image data is already what a PDF FlateDecode stream with the PNG predictor
// expects, so a PNG can be placed in a PDF without decoding it (img2pdf does the same). pdf-lib's
// embedPng instead decodes the image and deflates it again as 8 bits per sample, which for a
// black-and-white page is eight times the data before compression and a slow JavaScript deflate.

export interface PngLayout {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette (the only kinds placed here). */
  colorType: 0 | 2 | 3;
  palette: Uint8Array | null;
  /** The IDAT chunks' data, joined: one zlib stream. */
  data: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the chunks this needs; throws on a PNG that cannot be copied as it is (alpha, interlace, 16 bits). */
export function readPngLayout(png: Buffer): PngLayout {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = -1;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  const idat: Buffer[] = [];
  for (let pos = 8; pos + 8 <= png.length; ) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + length);
    if (body.length !== length) throw new Error(`PNG chunk ${type} cut short`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8]!;
      colorType = body[9]!;
      interlace = body[12]!;
    } else if (type === 'PLTE') {
      palette = body;
    } else if (type === 'tRNS') {
      throw new Error('PNG with transparency');
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + length;
  }
  if (colorType !== 0 && colorType !== 2 && colorType !== 3) throw new Error(`PNG colour type ${colorType} (alpha) is not placed as it is`);
  if (interlace !== 0) throw new Error('interlaced PNG');
  if (bitDepth > 8) throw new Error('16-bit PNG');
  if (colorType === 3 && !palette) throw new Error('palette PNG without a palette');
  if (width === 0 || height === 0 || idat.length === 0) throw new Error('PNG without image data');
  return { width, height, bitDepth, colorType, palette, data: Buffer.concat(idat) };
}

/** The PNG's data as a PDF image (no re-encoding): FlateDecode with the PNG predictor. */
export function pngImage(png: PngLayout): ImageXObject {
  const colors = png.colorType === 2 ? 3 : 1;
  return {
    width: png.width,
    height: png.height,
    bitsPerComponent: png.bitDepth,
    colorSpace: png.colorType === 3 ? { indexed: png.palette! } : png.colorType === 2 ? 'DeviceRGB' : 'DeviceGray',
    filter: 'FlateDecode',
    decodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: png.bitDepth, Columns: png.width },
    data: png.data,
  };
}
