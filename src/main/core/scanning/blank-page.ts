import sharp from 'sharp';
import { AppError } from '../../../shared/api/errors';
import { pageDpi } from './page-resolution';
import type { PageMediaType } from './scan-source';

// Blank pages (the empty backs of a duplex scan) are recognised by their "ink ratio": the share
// of the page, margins left out, that is clearly dark once speckles are filtered away. Image
// entropy or the standard deviation, the usual shortcuts, mislead on paper: a blank sheet's
// grain and the scanner's noise have plenty of both, and a page of one line has little.
//
// Steps, on sharp: grey; down to ~100 dpi (plenty to see a line of text, and fast); 5 % cut off
// each side (the scanner's dark edges and lid shadow, a corner of a page fed askew); a 3 × 3 median
// (dust and toner specks smaller than ~0.5 mm vanish, strokes of text stay); pixels darker than
// 160 of 255 are ink (a faint printed frame, paper tone and the other side showing through stay
// lighter than that).
//
// The limit, from pages made like scans (tests/unit/scanning/blank-page.test.ts: A4 greyscale
// JPEG q85 at 200 and 300 dpi, seeded paper grain): white paper 0; grainy paper with dust, the
// scanner's dark edges, a faint printed frame, the back side's text showing through: 0 each, and
// all of them at once on greyer paper ≤ 0.0004 %. Written pages: a name alone 0.066 %, one short
// line ("Trang này để trống") 0.085 %, a page of text ~4.2 %. A page number alone ("2") measures
// ~0.006 % and counts as blank. The limit sits at 0.01 %: 25 times the dirtiest blank page, a
// sixth of the emptiest written one, because throwing away a page with writing on it is far
// worse than keeping an empty one.

export type ImageMediaType = Exclude<PageMediaType, 'application/pdf'>;

/** Share of ink (0–1) below which a page is blank. */
export const BLANK_INK_RATIO = 0.0001;

const ANALYSIS_DPI = 100;
const MARGIN = 0.05;
const MEDIAN = 3;
/** Grey levels below this are ink. */
const INK_LEVEL = 160;

export interface BlankPageOptions {
  /** Share of ink below which the page is blank; BLANK_INK_RATIO by default. */
  threshold?: number;
  /** Dots per inch the scan was asked for, when the file states no believable resolution. */
  resolution?: number;
}

const KIND: Record<ImageMediaType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/tiff': 'TIFF' };

/**
 * The share (0–1) of the page inside its margins that is ink after filtering. Bytes that are not
 * a readable image are refused with SCAN_IMAGE_UNREADABLE.
 */
export async function inkRatio(bytes: Buffer, mediaType: ImageMediaType, opts: { resolution?: number } = {}): Promise<number> {
  try {
    return await measureInk(bytes, mediaType, opts.resolution);
  } catch (e) {
    throw new AppError('SCAN_IMAGE_UNREADABLE', { kind: KIND[mediaType] ?? mediaType, reason: e instanceof Error ? e.message : String(e) });
  }
}

async function measureInk(bytes: Buffer, mediaType: ImageMediaType, resolution: number | undefined): Promise<number> {
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) throw new Error(`${mediaType} without a size`);
  const scale = Math.min(1, ANALYSIS_DPI / pageDpi(meta.density, resolution));
  const width = Math.max(1, Math.round(meta.width * scale));
  const height = Math.max(1, Math.round(meta.height * scale));
  const left = Math.floor(width * MARGIN);
  const top = Math.floor(height * MARGIN);
  const inner = { left, top, width: Math.max(1, width - 2 * left), height: Math.max(1, height - 2 * top) };
  const { data, info } = await sharp(bytes)
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .resize(width, height, { fit: 'fill' })
    .extract(inner)
    .median(MEDIAN)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // One band after 'b-w'; a grey image with alpha keeps a second band, flattened above.
  const step = info.channels;
  let ink = 0;
  for (let i = 0; i < data.length; i += step) if (data[i]! < INK_LEVEL) ink++;
  return ink / (data.length / step);
}

/**
 * Whether an image page is blank. A PDF page is never judged blank: it is not rasterised here, and
 * a page that cannot be looked at is kept.
 */
export async function isBlankPage(bytes: Buffer, mediaType: PageMediaType, opts: BlankPageOptions = {}): Promise<boolean> {
  if (mediaType === 'application/pdf') return false;
  return (await inkRatio(bytes, mediaType, { resolution: opts.resolution })) < (opts.threshold ?? BLANK_INK_RATIO);
}
