import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { AppError } from '../../../shared/api/errors';
import { scanSourcesText as text } from '../../../shared/i18n/vi-scan-sources';
import { megabytesText } from '../../../shared/scanning/scan-units';
import type { PageMediaType, ScannedPage } from './scan-source';

// Every page file that enters a dossier from this machine (a watched folder, an imported file,
// scanimage's output) passes here first. Nothing about a file is believed: not its name, not its
// extension, not the dimensions its header declares. The type comes from the magic bytes; images
// are decoded (cheaply: JPEG shrinks on load) with a pixel limit, so a truncated write or a
// decompression bomb is refused here rather than crashing the thumbnailer or the PDF assembly.

/** The same shape (and defaults) as the `limits` of the scanning settings. */
export interface ScanLimits {
  maxFileBytes: number;
  maxPages: number;
  maxPixels: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFileBytes: 50_000_000, maxPages: 300, maxPixels: 60_000_000 };

export interface PageInfo {
  mediaType: PageMediaType;
  pages: number;
  /** Of the first page, for images. */
  width?: number;
  height?: number;
}

const EXTENSIONS: Record<string, PageMediaType> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jpe': 'image/jpeg',
  '.jfif': 'image/jpeg',
  '.png': 'image/png',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.pdf': 'application/pdf',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** Readers accept a PDF header anywhere in the first 1024 bytes; some producers put junk first. */
const PDF_HEADER_WINDOW = 1024;

/** The real type of a page file, from its first bytes; null when it is none we accept. */
export function sniffMediaType(bytes: Uint8Array): PageMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  const window = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let i = 0; i <= window; i++) if (startsWith(bytes, PDF_MAGIC, i)) return 'application/pdf';
  return null;
}

/** The extension of a file name, lower case with its dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The type a file's name claims: null for an extension we do not take, undefined for none. */
export function mediaTypeOfName(name: string): PageMediaType | null | undefined {
  const ext = extensionOf(name);
  if (ext === '') return undefined;
  return EXTENSIONS[ext] ?? null;
}

const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFD]/gu;
const DISPLAY_MAX = 80;

/**
 * A file name as a message may quote it: the last path segment, NFC, control and direction
 * characters shown as '?', at most 80 characters. Never a path to use.
 */
export function displayName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(UNPRINTABLE, '?').trim();
  if (clean === '') return text.unnamedFile;
  const chars = [...clean];
  return chars.length <= DISPLAY_MAX ? clean : `${chars.slice(0, DISPLAY_MAX - 1).join('')}…`;
}

const megapixels = (n: number) => String(Math.floor(n / 1_000_000));

/**
 * What a page file really is, or an AppError with a Vietnamese message saying why it is refused:
 * empty, too big, a type we do not take, a name that lies about the content, an image too large
 * or corrupt (truncated), a PDF encrypted or unreadable, too many pages.
 */
export async function inspectPage(bytes: Buffer, declaredName?: string, limits: Partial<ScanLimits> = {}): Promise<PageInfo> {
  const max = { ...DEFAULT_SCAN_LIMITS, ...limits };
  const name = displayName(declaredName);
  if (bytes.length === 0) throw new AppError('SCAN_FILE_EMPTY', { name });
  if (bytes.length > max.maxFileBytes) throw new AppError('SCAN_FILE_TOO_LARGE', { name, size: megabytesText(bytes.length), max: megabytesText(max.maxFileBytes) });
  const actual = sniffMediaType(bytes);
  const claimed = declaredName === undefined ? undefined : mediaTypeOfName(declaredName);
  if (actual === null || claimed === null) throw new AppError('SCAN_FILE_UNSUPPORTED', { name });
  if (claimed !== undefined && claimed !== actual) {
    throw new AppError('SCAN_FILE_TYPE_MISMATCH', { name, declared: text.mediaTypes[claimed] ?? claimed, actual: text.mediaTypes[actual] ?? actual });
  }
  return actual === 'application/pdf' ? inspectPdf(bytes, name, max) : inspectImage(bytes, actual, name, max);
}

const tooLarge = (name: string, width: number, height: number, max: ScanLimits) =>
  new AppError('SCAN_IMAGE_TOO_LARGE', { name, width, height, max: megapixels(max.maxPixels) });

/**
 * Why a page does not decode, or null when it does. A decode to a thumbnail reads every
 * compressed byte, while JPEG's shrink-on-load keeps it cheap; the pixel limit stays on in case
 * the header lied. Of the decoder's warnings, only "premature end" counts: the data stopped early
 * (a copy cut short, a writer that closed the file with an end marker anyway), so the lower part
 * of the page is missing. Other warnings, such as stray bytes before a marker, are common in
 * phone photos and harmless.
 */
async function decodeFailure(bytes: Buffer, page: number, max: ScanLimits): Promise<unknown> {
  const thumbnail = (failOn: 'warning' | 'error') =>
    sharp(bytes, { page, failOn, limitInputPixels: max.maxPixels }).resize(32, 32, { fit: 'inside' }).raw().toBuffer();
  try {
    await thumbnail('warning');
    return null;
  } catch (e) {
    if (/premature end|pixel limit/i.test(String(e))) return e;
  }
  return thumbnail('error').then(
    () => null,
    (e: unknown) => e,
  );
}

async function inspectImage(bytes: Buffer, mediaType: PageMediaType, name: string, max: ScanLimits): Promise<PageInfo> {
  // The header alone, without a pixel limit, so an oversized image is named with its dimensions.
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta?.width || !meta.height) throw new AppError('SCAN_IMAGE_CORRUPT', { name });
  const pages = mediaType === 'image/tiff' ? (meta.pages ?? 1) : 1;
  if (pages > max.maxPages) throw new AppError('SCAN_TOO_MANY_PAGES', { name, pages, max: max.maxPages });
  for (let page = 0; page < pages; page++) {
    const size = page === 0 ? meta : await sharp(bytes, { page }).metadata().catch(() => null);
    if (!size?.width || !size.height) throw new AppError('SCAN_IMAGE_CORRUPT', { name });
    if (size.width * size.height > max.maxPixels) throw tooLarge(name, size.width, size.height, max);
    const failure = await decodeFailure(bytes, page, max);
    if (failure !== null) throw /pixel limit/i.test(String(failure)) ? tooLarge(name, size.width, size.height, max) : new AppError('SCAN_IMAGE_CORRUPT', { name });
  }
  return { mediaType, pages, width: meta.width, height: meta.height };
}

/**
 * The trailer's /Encrypt entry, in plain text even in an encrypted file (an xref stream's
 * dictionary is never encrypted). Looked for when the PDF library fails first: the encrypted
 * object streams of AES-256 files stop its parser before it checks the trailer itself.
 */
const ENCRYPT_ENTRY = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;

async function inspectPdf(bytes: Buffer, name: string, max: ScanLimits): Promise<PageInfo> {
  let pages: number;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    if (doc.isEncrypted) throw new EncryptedPDFError();
    pages = doc.getPages().length;
  } catch (e) {
    const problem = e instanceof EncryptedPDFError || ENCRYPT_ENTRY.test(bytes.toString('latin1')) ? text.pdfProblems.encrypted : text.pdfProblems.corrupt;
    throw new AppError('SCAN_PDF_CORRUPT', { name, problem });
  }
  if (pages === 0) throw new AppError('SCAN_PDF_CORRUPT', { name, problem: text.pdfProblems.noPages });
  if (pages > max.maxPages) throw new AppError('SCAN_TOO_MANY_PAGES', { name, pages, max: max.maxPages });
  return { mediaType: 'application/pdf', pages };
}

/**
 * An inspected file as pages for the dossier. JPEG, PNG and PDF go through unchanged (the
 * assembly copies JPEG bytes as they are and merges PDFs); the PDF library cannot embed TIFF, so
 * each TIFF page becomes a lossless 8-bit PNG.
 */
export async function toScannedPages(bytes: Buffer, info: PageInfo, origin: string, limits: Partial<ScanLimits> = {}): Promise<ScannedPage[]> {
  if (info.mediaType !== 'image/tiff') return [{ bytes, mediaType: info.mediaType, origin }];
  const max = { ...DEFAULT_SCAN_LIMITS, ...limits };
  const pages: ScannedPage[] = [];
  for (let page = 0; page < info.pages; page++) {
    const image = sharp(bytes, { page, failOn: 'error', limitInputPixels: max.maxPixels });
    const { channels } = await image.metadata();
    const png = await image
      .flatten({ background: '#ffffff' })
      .toColourspace(channels !== undefined && channels <= 2 ? 'b-w' : 'srgb')
      .png()
      .toBuffer();
    pages.push({ bytes: png, mediaType: 'image/png', origin: info.pages > 1 ? text.origin.pageOf(origin, page + 1, info.pages) : origin });
  }
  return pages;
}

/** inspectPage, then toScannedPages: a file in, its pages out (or an AppError). */
export async function readPageFile(bytes: Buffer, declaredName: string | undefined, origin: string, limits: Partial<ScanLimits> = {}): Promise<ScannedPage[]> {
  const info = await inspectPage(bytes, declaredName, limits);
  // The TIFF was decoded once already; failing now would mean the decoder changed its mind.
  return toScannedPages(bytes, info, origin, limits).catch(() => {
    throw new AppError('SCAN_IMAGE_CORRUPT', { name: displayName(declaredName) });
  });
}
