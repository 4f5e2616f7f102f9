import { PDFDocument, PDFName, degrees, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { AppError } from '../../../shared/api/errors';
import { checkJpeg } from './jpeg-structure';
import { pageDpi, pixelsToPoints } from './page-resolution';
import { readPngLayout, registerPngImage } from './png-xobject';
import type { PageMediaType } from './scan-source';

// Each document of a dossier's checklist becomes one PDF made of its scanned pages.
//
// - JPEG pages (what scanners send by default) go in byte for byte, as img2pdf does: no decoding,
//   no generation loss, and only the compressed bytes are ever in memory.
// - PNG and TIFF pages are converted once, by sharp, page by page: a black-and-white page (1 bit
//   per pixel, as scanners send in "bw" mode) stays lossless as a 1-bit PNG whose data goes into
//   the PDF unchanged (an A4 text page at 300 dpi: ~60 KB, where JPEG q85 would blur the edges
//   and take ~600 KB); greyscale and colour pages become JPEG at quality 85, which for paper
//   looks like the original at about half the size of lossless PNG (far less with scanner noise).
// - PDF pages are copied as they are (text stays text), never rasterised.
// - Turning a page is the page's /Rotate: nothing is re-encoded to rotate it.

export type PageRotation = 0 | 90 | 180 | 270;

export interface AssemblyPage {
  bytes: Buffer;
  mediaType: PageMediaType;
  /** Clockwise, as the clerk turned the page in the preview. */
  rotation: PageRotation;
  /** Dots per inch the scan was asked for; used when the file states no believable resolution. */
  resolution?: number;
}

export interface AssemblyOptions {
  /** Creation and modification date written into the PDF: the same pages and `now` give the same bytes. */
  now: Date;
  title?: string;
}

const PRODUCER = 'Một Cửa Desk';
const CONVERTED_JPEG_QUALITY = 85;

const KIND: Record<PageMediaType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'application/pdf': 'PDF',
};

/** A page that cannot be read; becomes SCAN_PAGE_UNREADABLE with the page's number. */
class UnreadablePage extends Error {}

export async function assemblePdf(pages: readonly AssemblyPage[], opts: AssemblyOptions): Promise<Uint8Array> {
  if (pages.length === 0) throw new AppError('SCAN_NO_PAGES');
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const [i, page] of pages.entries()) {
    try {
      await addPage(doc, page, i + 1);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('SCAN_PAGE_UNREADABLE', { page: i + 1, kind: KIND[page.mediaType], reason: e instanceof Error ? e.message : String(e) });
    }
  }
  if (opts.title) doc.setTitle(opts.title, { showInWindowTitleBar: true });
  doc.setLanguage('vi');
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(opts.now);
  doc.setModificationDate(opts.now);
  // Object streams would only hold the few small dictionaries, deflated by pdf-lib in JavaScript.
  return doc.save({ useObjectStreams: false, addDefaultPage: false });
}

async function addPage(doc: PDFDocument, page: AssemblyPage, pageNo: number): Promise<void> {
  switch (page.mediaType) {
    case 'image/jpeg':
      return addJpegPage(doc, page);
    case 'image/png':
    case 'image/tiff':
      return addConvertedPages(doc, page);
    case 'application/pdf':
      return addPdfPages(doc, page, pageNo);
    default:
      throw new UnreadablePage(`unknown media type ${String(page.mediaType)}`);
  }
}

async function addJpegPage(doc: PDFDocument, page: AssemblyPage): Promise<void> {
  const check = checkJpeg(page.bytes);
  if (!check.ok) throw new UnreadablePage(check.reason);
  if (check.info.bitsPerComponent !== 8) throw new UnreadablePage(`${check.info.bitsPerComponent}-bit JPEG (PDF takes 8)`);
  // Reads the headers only: the resolution (JFIF or EXIF) and the EXIF orientation.
  const meta = await sharp(page.bytes).metadata();
  const image = await doc.embedJpg(ownMemory(page.bytes));
  placeImage(doc, image.ref, {
    width: check.info.width,
    height: check.info.height,
    dpi: pageDpi(meta.density, page.resolution),
    orientation: meta.orientation ?? 1,
    rotation: page.rotation,
  });
}

async function addConvertedPages(doc: PDFDocument, page: AssemblyPage): Promise<void> {
  const first = await sharp(page.bytes).metadata();
  // A TIFF may hold several pages (some scanners send a whole batch as one file).
  const count = page.mediaType === 'image/tiff' ? (first.pages ?? 1) : 1;
  for (let p = 0; p < count; p++) {
    const meta = p === 0 ? first : await sharp(page.bytes, { page: p }).metadata();
    const dpi = pageDpi(meta.density, page.resolution);
    // Orientation and transparency are settled here, in the one conversion.
    const upright = sharp(page.bytes, { page: p }).rotate().flatten({ background: '#ffffff' });
    if (meta.bitsPerSample === 1) {
      // Grey at 1 bit per pixel ("colours: 2" without a palette): libvips keeps the top bit, so a
      // page that was black and white stays exactly that. (A two-colour palette through the
      // quantiser gives the same pixels at twice the time.)
      const png = await upright.toColourspace('b-w').png({ palette: false, colours: 2 }).toBuffer();
      const layout = readPngLayout(png);
      const ref = registerPngImage(doc.context, layout);
      placeImage(doc, ref, { width: layout.width, height: layout.height, dpi, orientation: 1, rotation: page.rotation });
    } else {
      const grey = (meta.channels ?? 3) <= 2;
      const jpeg = await upright
        .toColourspace(grey ? 'b-w' : 'srgb')
        .jpeg({ quality: CONVERTED_JPEG_QUALITY })
        .toBuffer();
      const check = checkJpeg(jpeg);
      if (!check.ok) throw new Error(`sharp wrote an unusable JPEG: ${check.reason}`);
      const image = await doc.embedJpg(ownMemory(jpeg));
      placeImage(doc, image.ref, { width: check.info.width, height: check.info.height, dpi, orientation: 1, rotation: page.rotation });
    }
  }
}

async function addPdfPages(doc: PDFDocument, page: AssemblyPage, pageNo: number): Promise<void> {
  // Loaded despite encryption only to say so: pdf-lib cannot decrypt, its copies would be garbage.
  const source = await PDFDocument.load(page.bytes, { updateMetadata: false, ignoreEncryption: true });
  if (source.isEncrypted) throw new AppError('SCAN_PAGE_ENCRYPTED', { page: pageNo });
  const indices = source.getPageIndices();
  if (indices.length === 0) throw new UnreadablePage('PDF without pages');
  for (const copied of await doc.copyPages(source, indices)) {
    doc.addPage(copied);
    // The page may already be turned; the clerk's turn comes on top.
    copied.setRotation(degrees(normalDegrees(copied.getRotation().angle + page.rotation)));
  }
}

/**
 * pdf-lib reads a JPEG's header through a DataView over the whole ArrayBuffer, ignoring the
 * view's offset: a Buffer that is a slice of a bigger one (Node's pool, a multipart body) is
 * copied first, or pdf-lib would read someone else's bytes.
 */
function ownMemory(bytes: Buffer): Uint8Array {
  return bytes.byteOffset === 0 ? bytes : new Uint8Array(bytes);
}

function normalDegrees(angle: number): number {
  return (((Math.round(angle / 90) * 90) % 360) + 360) % 360;
}

interface Placement {
  /** The image's stored size in pixels. */
  width: number;
  height: number;
  dpi: number;
  /** EXIF orientation 1–8: how the stored pixels must be turned or mirrored to stand upright. */
  orientation: number;
  rotation: PageRotation;
}

/**
 * One page exactly the size of the image at its resolution, the image drawn over all of it.
 * EXIF orientation goes into the drawing matrix (browsers honour it, so the clerk's thumbnail
 * already shows the photo upright and the PDF must agree); the clerk's turn is the page's /Rotate.
 */
function placeImage(doc: PDFDocument, image: PDFRef, p: Placement): void {
  const sideways = p.orientation >= 5 && p.orientation <= 8;
  const w = pixelsToPoints(sideways ? p.height : p.width, p.dpi);
  const h = pixelsToPoints(sideways ? p.width : p.height, p.dpi);
  const pdfPage = doc.addPage([w, h]);
  const matrix = orientationMatrix(p.orientation, w, h).map(num).join(' ');
  const content = doc.context.stream(`q ${matrix} cm /Im0 Do Q`);
  pdfPage.node.set(PDFName.of('Contents'), doc.context.register(content));
  pdfPage.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { Im0: image } }));
  pdfPage.setRotation(degrees(normalDegrees(p.rotation)));
}

/**
 * Maps the image's unit square onto a w × h page so that it shows as EXIF orientation `o`
 * says. (In image space the stored first row is at the top, v = 1.)
 */
export function orientationMatrix(o: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (o) {
    case 2: // mirrored left to right
      return [-w, 0, 0, h, w, 0];
    case 3: // upside down
      return [-w, 0, 0, -h, w, h];
    case 4: // mirrored top to bottom
      return [w, 0, 0, -h, 0, h];
    case 5: // transposed
      return [0, -h, -w, 0, w, h];
    case 6: // stored turned a quarter anticlockwise: turn it clockwise
      return [0, -h, w, 0, 0, h];
    case 7: // transversed
      return [0, h, w, 0, 0, 0];
    case 8: // stored turned a quarter clockwise: turn it back
      return [0, h, -w, 0, w, 0];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}

/** Short, exact enough for a page position (1/10000 pt), and no exponent notation. */
function num(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}
