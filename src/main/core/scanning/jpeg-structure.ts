// A JPEG is copied into the PDF as it is, never decoded, so a page cut short in transfer (a
// scanner unplugged, a half-written file) would otherwise reach the dossier as a grey or torn
// page. Walking the markers from SOI to EOI costs a fraction of a millisecond per page and
// finds exactly that, where decoding the page to check it would cost tens of milliseconds.

export interface JpegStructure {
  width: number;
  height: number;
  /** 1 grey, 3 colour (YCbCr/RGB), 4 CMYK. */
  components: number;
  bitsPerComponent: number;
  progressive: boolean;
}

export type JpegCheck = { ok: true; info: JpegStructure } | { ok: false; reason: string };

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DNL = 0xdc;

/** Start-of-frame markers: every SOFn except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length: RSTn and TEM. */
function isStandalone(marker: number): boolean {
  return (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
}

/**
 * Checks that the bytes hold one whole baseline or progressive JPEG: SOI, a frame header with
 * its size, at least one scan, and EOI after the last scan's entropy-coded data. Bytes after EOI
 * (some cameras append a trailer) are allowed.
 */
export function checkJpeg(bytes: Uint8Array): JpegCheck {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return { ok: false, reason: 'no JPEG start marker' };
  let pos = 2;
  let info: JpegStructure | null = null;
  let scans = 0;
  while (pos < n) {
    if (bytes[pos] !== 0xff) return { ok: false, reason: `garbage at byte ${pos}` };
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos < n && bytes[pos] === 0xff) pos++;
    if (pos >= n) break;
    const marker = bytes[pos++]!;
    if (marker === EOI) {
      if (!info) return { ok: false, reason: 'no frame header' };
      if (scans === 0) return { ok: false, reason: 'no image data' };
      return { ok: true, info };
    }
    if (isStandalone(marker)) continue;
    if (pos + 2 > n) break;
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2 || pos + length > n) break;
    if (isStartOfFrame(marker)) {
      if (length < 8) return { ok: false, reason: 'short frame header' };
      const height = (bytes[pos + 3]! << 8) | bytes[pos + 4]!;
      const width = (bytes[pos + 5]! << 8) | bytes[pos + 6]!;
      // A height of 0 announces a DNL marker later: legal, but PDF readers do not support it.
      if (width === 0 || height === 0) return { ok: false, reason: 'no image size in the frame header' };
      info = { bitsPerComponent: bytes[pos + 2]!, height, width, components: bytes[pos + 7]!, progressive: marker === 0xc2 || marker === 0xc6 };
    } else if (marker === DNL) {
      return { ok: false, reason: 'image height given after the data (DNL)' };
    }
    pos += length;
    if (marker !== SOS) continue;
    scans++;
    // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte), a restart marker or a fill
    // byte; anything else is the next marker.
    for (;;) {
      const ff = bytes.indexOf(0xff, pos);
      if (ff < 0 || ff + 1 >= n) return { ok: false, reason: 'image data cut short (no end marker)' };
      const next = bytes[ff + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        pos = ff + 2;
        continue;
      }
      if (next === 0xff) {
        pos = ff + 1;
        continue;
      }
      pos = ff;
      break;
    }
  }
  return { ok: false, reason: 'file cut short (no end marker)' };
}
