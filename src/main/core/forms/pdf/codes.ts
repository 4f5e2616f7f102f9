import bwipjs from 'bwip-js/node';

// Barcodes drawn as vector rectangles from bwip-js's encoder output. Rendering them to PNG and
// embedding the image costs 20–50 ms a form (bwip-js draws and deflates, pdf-lib inflates again);
// vectors cost nothing more to draw, print sharp at any resolution, and read back the same.

/** Dark areas in module units, origin at the top-left corner of the symbol (no quiet zone). */
export interface Symbol2D {
  /** Width and height in modules. */
  columns: number;
  rows: number;
  rects: { x: number; y: number; w: number; h: number }[];
}

interface LinearRaw {
  sbs: number[];
}
interface MatrixRaw {
  pixs: number[];
  pixx: number;
  pixy: number;
}

/**
 * Encoding a QR code in bwip-js takes ~7 ms; form 01 draws the same one on both copies and a
 * reprint draws it again, so the last few symbols are kept.
 */
const recent = new Map<string, Symbol2D>();
function remembered(key: string, make: () => Symbol2D): Symbol2D {
  let s = recent.get(key);
  if (!s) {
    s = make();
    if (recent.size >= 16) recent.delete(recent.keys().next().value!);
    recent.set(key, s);
  }
  return s;
}

/** Code 128 (bwip-js picks code sets A/B/C itself): one rectangle per bar, one row high. */
export function code128(text: string): Symbol2D {
  return remembered(`c128:${text}`, () => encodeCode128(text));
}

/** QR code, error correction M; runs of dark modules on a row become one rectangle. */
export function qrCode(text: string): Symbol2D {
  return remembered(`qr:${text}`, () => encodeQr(text));
}

function encodeCode128(text: string): Symbol2D {
  const [raw] = bwipjs.raw('code128', text, '') as unknown as LinearRaw[];
  const rects: Symbol2D['rects'] = [];
  let x = 0;
  raw!.sbs.forEach((width, i) => {
    // sbs alternates bar, space, bar… starting with a bar.
    if (i % 2 === 0) rects.push({ x, y: 0, w: width, h: 1 });
    x += width;
  });
  return { columns: x, rows: 1, rects };
}

function encodeQr(text: string): Symbol2D {
  const [raw] = bwipjs.raw('qrcode', text, 'eclevel=M') as unknown as MatrixRaw[];
  const { pixs, pixx, pixy } = raw!;
  const rects: Symbol2D['rects'] = [];
  for (let y = 0; y < pixy; y++) {
    let x = 0;
    while (x < pixx) {
      if (!pixs[y * pixx + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < pixx && pixs[y * pixx + x]) x++;
      rects.push({ x: start, y, w: x - start, h: 1 });
    }
  }
  return { columns: pixx, rows: pixy, rects };
}
