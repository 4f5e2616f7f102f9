import sharp from 'sharp';

// ESC/POS commands (Epson ESC/POS reference; every 80 mm receipt printer we know follows it).
export const ESC_INIT = Buffer.from([0x1b, 0x40]); // ESC @: forget earlier modes
const GS_V_0 = [0x1d, 0x76, 0x30, 0x00]; // GS v 0, m = 0: raster bit image, normal scale
const ESC_d = [0x1b, 0x64]; // ESC d n: print and feed n lines
export const GS_V_PARTIAL_CUT = Buffer.from([0x1d, 0x56, 0x42, 0x00]); // GS V 66 0: feed to the cutter, partial cut

/** Dots per raster line of an 80 mm printer at 203 dpi (72 mm printable). */
export const PRINTER_WIDTH_DOTS = 576;

// The spec allows a band of up to 128 bytes × 4095 rows, but several printers' input buffers are
// smaller; bands of 255 rows (yH = 0) print seamlessly everywhere we know of.
const BAND_ROWS = 255;
const MAX_ROW_BYTES = 128;

export interface RasterOptions {
  /** Dots per line; the image is resized to it. Default 576 (80 mm paper); 384 for 58 mm. */
  width?: number;
  /** Grey levels below this print black (0–255). Default 160: anti-aliased strokes stay solid. */
  threshold?: number;
  /** Lines fed after the image, before the cut. Default 2. */
  feedLines?: number;
}

/** A black-and-white image as ESC/POS wants it: 1 bit a dot, MSB first, 1 = black. */
export interface PackedRaster {
  width: number;
  height: number;
  rowBytes: number;
  bits: Buffer;
}

export async function packRaster(png: Buffer, opts: RasterOptions = {}): Promise<PackedRaster> {
  const width = opts.width ?? PRINTER_WIDTH_DOTS;
  const threshold = opts.threshold ?? 160;
  if (!Number.isInteger(width) || width < 8 || width > MAX_ROW_BYTES * 8) throw new RangeError(`raster width ${width} out of 8…1024`);
  let image = sharp(png).flatten({ background: '#ffffff' }).greyscale();
  const meta = await sharp(png).metadata();
  // Resampling an image that already has the printer's width would only blur it.
  if (meta.width !== width) image = image.resize({ width });
  const { data, info } = await image.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const rowBytes = Math.ceil(width / 8);
  const bits = Buffer.alloc(rowBytes * info.height);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if ((data[y * info.width + x] ?? 255) < threshold) {
        const at = y * rowBytes + (x >> 3);
        bits[at] = (bits[at] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return { width, height: info.height, rowBytes, bits };
}

/** ESC @, the image as GS v 0 bands, a feed and a partial cut: one slip, ready for port 9100. */
export function rasterCommands(raster: PackedRaster, opts: Pick<RasterOptions, 'feedLines'> = {}): Buffer {
  const parts: Buffer[] = [ESC_INIT];
  for (let top = 0; top < raster.height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, raster.height - top);
    parts.push(Buffer.from([...GS_V_0, raster.rowBytes & 0xff, raster.rowBytes >> 8, rows & 0xff, rows >> 8]));
    parts.push(raster.bits.subarray(top * raster.rowBytes, (top + rows) * raster.rowBytes));
  }
  parts.push(Buffer.from([...ESC_d, opts.feedLines ?? 2]), GS_V_PARTIAL_CUT);
  return Buffer.concat(parts);
}

/** A PNG (the rendered slip) as the bytes an ESC/POS printer prints and cuts. */
export async function rasterize(png: Buffer, opts: RasterOptions = {}): Promise<Buffer> {
  return rasterCommands(await packRaster(png, opts), opts);
}
