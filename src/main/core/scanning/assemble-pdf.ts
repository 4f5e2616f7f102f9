import { rm } from 'node:fs/promises';
import { PDFDocument, PDFName, degrees } from 'pdf-lib';
import sharp from 'sharp';
import { AppError } from '../../../shared/api/errors';
import type { FileStore } from '../files/file-store';
import { imageDictText, registerImage, type ImageXObject } from './image-xobject';
import { readJpegHeaderFacts } from './jpeg-metadata';
import { checkJpeg } from './jpeg-structure';
import { pageDpi, pixelsToPoints } from './page-resolution';
import { HashingFileSink, MemorySink, PdfStreamWriter, pdfDate, pdfTextString, type PdfSink } from './pdf-stream-writer';
import { pngImage, readPngLayout } from './png-xobject';
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
//
// Two writers. A document of image pages only (what scanning makes) is streamed
// (pdf-stream-writer.ts): each page's image, content stream and page object are written as the
// page is read, the image's bytes from the page's own Buffer, so memory holds one page, not the
// document, and the file's SHA-256 is computed on the way for the file store. A document with a
// page from an imported PDF goes through pdf-lib, which can copy a page with everything it refers
// to (fonts, images, nested resources); such documents are rare and small (a clerk's import,
// bounded by the import limits), and that copying is exactly what a streaming writer would have to
// re-implement.

export type PageRotation = 0 | 90 | 180 | 270;

/** A page's file: its bytes, or how to read them when their turn comes (one page in memory at a time). */
export type PageBytes = Buffer | (() => Buffer | Promise<Buffer>);

export interface AssemblyPage {
  bytes: PageBytes;
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

export interface AssembledFile {
  sha256: string;
  size: number;
  /** Pages in the PDF (a multi-page TIFF or an imported PDF gives several). */
  pages: number;
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

/** The PDF's bytes in hand (pages and PDF both in memory: for small documents and tests). */
export async function assemblePdf(pages: readonly AssemblyPage[], opts: AssemblyOptions): Promise<Uint8Array> {
  if (pages.length === 0) throw new AppError('SCAN_NO_PAGES');
  if (!streamable(pages)) return assembleWithPdfLib(pages, opts);
  const sink = new MemorySink();
  await streamPdf(pages, opts, sink);
  return sink.bytes();
}

/**
 * Writes the PDF to `path` (a new file; removed again if a page fails) and returns its SHA-256,
 * size and page count. `durable` (the default) fsyncs the file before returning.
 */
export async function assemblePdfToFile(
  pages: readonly AssemblyPage[],
  path: string,
  opts: AssemblyOptions & { durable?: boolean },
): Promise<AssembledFile> {
  if (pages.length === 0) throw new AppError('SCAN_NO_PAGES');
  const sink = await HashingFileSink.create(path);
  try {
    let count: number;
    if (streamable(pages)) {
      count = await streamPdf(pages, opts, sink);
    } else {
      const pdf = await assembleWithPdfLib(pages, opts);
      await sink.write(pdf);
      count = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    }
    const { sha256, size } = await sink.close(opts.durable ?? true);
    return { sha256, size, pages: count };
  } catch (e) {
    await sink.abandon();
    await rm(path, { force: true });
    throw e;
  }
}

/**
 * Assembles straight into the file store: written to one of the store's temporary names,
 * hashed on the way, fsynced, then moved under its hash. Memory: one page, whatever the length.
 */
export async function assemblePdfIntoStore(
  pages: readonly AssemblyPage[],
  store: Pick<FileStore, 'tempPath' | 'putFromTempFile'>,
  opts: AssemblyOptions,
): Promise<AssembledFile & { path: string }> {
  const temp = store.tempPath();
  const made = await assemblePdfToFile(pages, temp, { ...opts, durable: true });
  const stored = store.putFromTempFile(temp, made.sha256);
  return { ...made, path: stored.path };
}

function streamable(pages: readonly AssemblyPage[]): boolean {
  return pages.every((p) => p.mediaType !== 'application/pdf');
}

async function bytesOf(page: AssemblyPage): Promise<Buffer> {
  return typeof page.bytes === 'function' ? page.bytes() : page.bytes;
}

/** Runs `work` for page `pageNo`, turning whatever it throws into the page's AppError. */
async function forPage<T>(page: AssemblyPage, pageNo: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('SCAN_PAGE_UNREADABLE', { page: pageNo, kind: KIND[page.mediaType], reason: e instanceof Error ? e.message : String(e) });
  }
}

interface PlacedImage {
  image: ImageXObject;
  placement: Placement;
}

/** The image or images (a TIFF may hold several) of one image page, ready to place. */
async function imagesOf(page: AssemblyPage, bytes: Buffer): Promise<PlacedImage[]> {
  switch (page.mediaType) {
    case 'image/jpeg':
      return [await jpegPage(page, bytes)];
    case 'image/png':
    case 'image/tiff':
      return convertedPages(page, bytes);
    default:
      throw new UnreadablePage(`unknown media type ${String(page.mediaType)}`);
  }
}

const JPEG_COLOR_SPACES: Record<number, ImageXObject['colorSpace']> = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' };

/** A JPEG as it is, after checking that it is whole and that a PDF reader can take it. */
function jpegImage(bytes: Buffer): ImageXObject {
  const check = checkJpeg(bytes);
  if (!check.ok) throw new UnreadablePage(check.reason);
  const { width, height, components, bitsPerComponent } = check.info;
  if (bitsPerComponent !== 8) throw new UnreadablePage(`${bitsPerComponent}-bit JPEG (PDF takes 8)`);
  const colorSpace = JPEG_COLOR_SPACES[components];
  if (!colorSpace) throw new UnreadablePage(`JPEG with ${components} colour components`);
  return { width, height, bitsPerComponent: 8, colorSpace, filter: 'DCTDecode', decode: components === 4 ? [1, 0, 1, 0, 1, 0, 1, 0] : undefined, data: bytes };
}

async function jpegPage(page: AssemblyPage, bytes: Buffer): Promise<PlacedImage> {
  const image = jpegImage(bytes);
  // The resolution (JFIF or EXIF) and the EXIF orientation: read from the headers, or by sharp
  // when the reader is not sure (it then gives exactly what sharp would).
  const facts = readJpegHeaderFacts(bytes) ?? (await sharp(bytes).metadata());
  return {
    image,
    placement: { width: image.width, height: image.height, dpi: pageDpi(facts.density, page.resolution), orientation: facts.orientation ?? 1, rotation: page.rotation },
  };
}

async function convertedPages(page: AssemblyPage, bytes: Buffer): Promise<PlacedImage[]> {
  const first = await sharp(bytes).metadata();
  // A TIFF may hold several pages (some scanners send a whole batch as one file).
  const count = page.mediaType === 'image/tiff' ? (first.pages ?? 1) : 1;
  const placed: PlacedImage[] = [];
  for (let p = 0; p < count; p++) {
    const meta = p === 0 ? first : await sharp(bytes, { page: p }).metadata();
    const dpi = pageDpi(meta.density, page.resolution);
    // Orientation and transparency are settled here, in the one conversion.
    const upright = sharp(bytes, { page: p }).rotate().flatten({ background: '#ffffff' });
    let image: ImageXObject;
    if (meta.bitsPerSample === 1) {
      // Grey at 1 bit per pixel ("colours: 2" without a palette): libvips keeps the top bit, so a
      // page that was black and white stays exactly that. (A two-colour palette through the
      // quantiser gives the same pixels at twice the time.)
      image = pngImage(readPngLayout(await upright.toColourspace('b-w').png({ palette: false, colours: 2 }).toBuffer()));
    } else {
      const grey = (meta.channels ?? 3) <= 2;
      const jpeg = await upright
        .toColourspace(grey ? 'b-w' : 'srgb')
        .jpeg({ quality: CONVERTED_JPEG_QUALITY })
        .toBuffer();
      try {
        image = jpegImage(jpeg);
      } catch (e) {
        throw new Error(`sharp wrote an unusable JPEG: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }
    placed.push({ image, placement: { width: image.width, height: image.height, dpi, orientation: 1, rotation: page.rotation } });
  }
  return placed;
}

/**
 * The streaming writer: header; per page its image, content stream and page object, written as
 * the page is read; then the page tree, catalog and document information, xref and trailer.
 * Returns the number of pages written.
 */
async function streamPdf(pages: readonly AssemblyPage[], opts: AssemblyOptions, sink: PdfSink): Promise<number> {
  const pdf = new PdfStreamWriter(sink);
  const catalog = pdf.reserve();
  const tree = pdf.reserve();
  const kids: number[] = [];
  // The next page's file is read while this one is written (two pages in memory at most).
  const load = (i: number): Promise<Buffer> | null => {
    if (i >= pages.length) return null;
    const bytes = Promise.resolve().then(() => bytesOf(pages[i]!));
    bytes.catch(() => undefined); // awaited, and so reported, in its page's turn
    return bytes;
  };
  let next = load(0);
  for (const [i, page] of pages.entries()) {
    const bytes = next!;
    next = load(i + 1);
    // Checked and placed one page at a time; the page's bytes are dropped before the next but one.
    const placed = await forPage(page, i + 1, async () => imagesOf(page, await bytes));
    for (const { image, placement } of placed) {
      const imageNo = pdf.reserve();
      const contentNo = pdf.reserve();
      const pageNo = pdf.reserve();
      const { width, height, matrix } = pageGeometry(placement);
      await pdf.stream(imageNo, imageDictText(image), image.data);
      await pdf.stream(contentNo, '', `q ${matrix} cm /Im0 Do Q`);
      await pdf.object(
        pageNo,
        `<</Type /Page /Parent ${tree} 0 R /MediaBox [0 0 ${num(width)} ${num(height)}] /Contents ${contentNo} 0 R ` +
          `/Resources <</XObject <</Im0 ${imageNo} 0 R>>>> /Rotate ${normalDegrees(placement.rotation)}>>`,
      );
      kids.push(pageNo);
    }
  }
  await pdf.object(tree, `<</Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length}>>`);
  const viewer = opts.title ? ' /ViewerPreferences <</DisplayDocTitle true>>' : '';
  await pdf.object(catalog, `<</Type /Catalog /Pages ${tree} 0 R /Lang (vi)${viewer}>>`);
  const info = pdf.reserve();
  const date = pdfDate(opts.now);
  const title = opts.title ? `/Title ${pdfTextString(opts.title)} ` : '';
  await pdf.object(info, `<<${title}/Creator ${pdfTextString(PRODUCER)} /Producer ${pdfTextString(PRODUCER)} /CreationDate ${date} /ModDate ${date}>>`);
  await pdf.finish(catalog, info);
  return kids.length;
}

/** pdf-lib's writer, for documents with pages of imported PDFs (see the top of this file). */
async function assembleWithPdfLib(pages: readonly AssemblyPage[], opts: AssemblyOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const [i, page] of pages.entries()) {
    await forPage(page, i + 1, async () => {
      const bytes = await bytesOf(page);
      if (page.mediaType === 'application/pdf') return addPdfPages(doc, bytes, i + 1, page.rotation);
      for (const { image, placement } of await imagesOf(page, bytes)) placeImage(doc, registerImage(doc.context, image), placement);
    });
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

async function addPdfPages(doc: PDFDocument, bytes: Buffer, pageNo: number, rotation: PageRotation): Promise<void> {
  // Loaded despite encryption only to say so: pdf-lib cannot decrypt, its copies would be garbage.
  const source = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  if (source.isEncrypted) throw new AppError('SCAN_PAGE_ENCRYPTED', { page: pageNo });
  const indices = source.getPageIndices();
  if (indices.length === 0) throw new UnreadablePage('PDF without pages');
  for (const copied of await doc.copyPages(source, indices)) {
    doc.addPage(copied);
    // The page may already be turned; the clerk's turn comes on top.
    copied.setRotation(degrees(normalDegrees(copied.getRotation().angle + rotation)));
  }
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
function pageGeometry(p: Placement): { width: number; height: number; matrix: string } {
  const sideways = p.orientation >= 5 && p.orientation <= 8;
  const width = pixelsToPoints(sideways ? p.height : p.width, p.dpi);
  const height = pixelsToPoints(sideways ? p.width : p.height, p.dpi);
  return { width, height, matrix: orientationMatrix(p.orientation, width, height).map(num).join(' ') };
}

function placeImage(doc: PDFDocument, image: ReturnType<typeof registerImage>, p: Placement): void {
  const { width, height, matrix } = pageGeometry(p);
  const pdfPage = doc.addPage([width, height]);
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
