// The two facts assembly needs from a JPEG's headers: its resolution (which sets the page's size)
// and its EXIF orientation (how the photo stands). sharp's metadata() gives both but costs about
// a millisecond a page (a libvips image opened on the whole buffer, every EXIF tag turned into a
// string), which at 50 pages was a third of the assembly. Read here from the few header segments
// instead, the way libvips reads them (jpeg2vips.c, exif.c):
//
// - JFIF (APP0) density first, in dots per inch or per centimetre;
// - then EXIF (the first APP1 "Exif") IFD0 XResolution and YResolution, when both are there,
//   replace it; ResolutionUnit 2 (inch, the default) or 3 (cm);
// - EXIF IFD0 Orientation, 1–8, anything else counting as 1.
//
// Whatever this reader is not sure of (a JFIF density without units, an EXIF unit of "none", two
// JFIF segments, an IFD it cannot walk) makes it answer null, and the caller asks sharp as before:
// the fast path only ever gives what sharp would have given.

export interface JpegHeaderFacts {
  /** Dots per inch, rounded as sharp rounds it. */
  density: number;
  /** EXIF orientation 1–8 (1 when there is none). */
  orientation: number;
}

const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;

const TAG_ORIENTATION = 0x0112;
const TAG_X_RESOLUTION = 0x011a;
const TAG_Y_RESOLUTION = 0x011b;
const TAG_RESOLUTION_UNIT = 0x0128;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_RATIONAL = 5;
const TYPE_SRATIONAL = 10;

/** Reads the resolution and orientation from the segments before the first scan; null means "ask sharp". */
export function readJpegHeaderFacts(bytes: Uint8Array): JpegHeaderFacts | null {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let jfif: Uint8Array | null = null;
  let exif: Uint8Array | null = null;
  for (let pos = 2; pos + 4 <= n; ) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === SOS || marker === EOI) break;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (length < 2 || pos + 2 + length > n) return null;
    const body = bytes.subarray(pos + 4, pos + 2 + length);
    if (marker === APP0 && startsWith(body, 'JFIF\0')) {
      // libjpeg keeps the last one it sees; two are odd enough to leave to it.
      if (jfif) return null;
      jfif = body;
    } else if (marker === APP1 && !exif && startsWith(body, 'Exif\0\0')) {
      exif = body.subarray(6);
    }
    pos += 2 + length;
  }

  let dpi: number | undefined;
  if (jfif) {
    if (jfif.length < 14) return null;
    const units = jfif[7]!;
    const x = (jfif[8]! << 8) | jfif[9]!;
    // Units 0 is an aspect ratio, not a resolution, and libvips skips a density of 1: theirs to say.
    if (x <= 1) return null;
    if (units === 1) dpi = x;
    else if (units === 2) dpi = x * 2.54;
    else return null;
  }
  let orientation = 1;
  if (exif) {
    const tags = readIfd0(exif);
    if (!tags) return null;
    const o = tags.orientation;
    if (o !== undefined) orientation = o >= 1 && o <= 8 ? o : 1;
    if (tags.xResolution !== undefined && tags.yResolution !== undefined) {
      const unit = tags.resolutionUnit ?? 2;
      if (unit === 2) dpi = tags.xResolution;
      else if (unit === 3) dpi = tags.xResolution * 2.54;
      else return null;
    }
  }
  // No stated resolution: libvips then has a default of its own (sharp says 72); left to it.
  if (dpi === undefined) return null;
  // sharp reports Math.round(xres in pixels per mm × 25.4).
  return { density: Math.round(dpi), orientation };
}

function startsWith(body: Uint8Array, text: string): boolean {
  if (body.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (body[i] !== text.charCodeAt(i)) return false;
  return true;
}

interface Ifd0Tags {
  orientation?: number;
  xResolution?: number;
  yResolution?: number;
  resolutionUnit?: number;
}

/** The TIFF structure inside the EXIF segment, IFD0 only; null when it cannot be walked. */
function readIfd0(tiff: Uint8Array): Ifd0Tags | null {
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  if (ifd + 2 + count * 12 > tiff.length) return null;
  const tags: Ifd0Tags = {};
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    const tag = u16(entry);
    const type = u16(entry + 2);
    const components = u32(entry + 4);
    if (tag === TAG_ORIENTATION || tag === TAG_RESOLUTION_UNIT) {
      // libvips takes one-component integers only.
      if (components !== 1) continue;
      let value: number;
      if (type === TYPE_SHORT) value = u16(entry + 8);
      else if (type === TYPE_LONG) value = u32(entry + 8);
      else return null;
      if (tag === TAG_ORIENTATION) tags.orientation = value;
      else tags.resolutionUnit = value;
    } else if (tag === TAG_X_RESOLUTION || tag === TAG_Y_RESOLUTION) {
      if (components !== 1 || (type !== TYPE_RATIONAL && type !== TYPE_SRATIONAL)) return null;
      const at = u32(entry + 8);
      if (at + 8 > tiff.length) return null;
      const num = type === TYPE_RATIONAL ? u32(at) : view.getInt32(at, little);
      const den = type === TYPE_RATIONAL ? u32(at + 4) : view.getInt32(at + 4, little);
      const value = den === 0 ? 0 : Math.max(0, num / den);
      if (tag === TAG_X_RESOLUTION) tags.xResolution = value;
      else tags.yResolution = value;
    }
  }
  return tags;
}
