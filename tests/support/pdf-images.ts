import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';
import { tool } from './pdf-tools';

// The image XObjects a PDF's pages draw, read back with pdf-lib's low-level objects, so a test
// can compare what went into the PDF with what came in, byte for byte. Independently of this,
// `pdfImagesList` asks poppler's pdfimages what a PDF reader sees.

export interface PageImage {
  /** 1-based page number. */
  page: number;
  /** /Filter, e.g. "DCTDecode" or "FlateDecode". */
  filter: string | null;
  width: number;
  height: number;
  bitsPerComponent: number;
  /** The stream's bytes as stored (still compressed). */
  bytes: Buffer;
}

function xObjects(page: PDFPage): PDFDict | undefined {
  const resources = page.node.Resources();
  return resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
}

const numberOf = (dict: PDFDict, key: string) => dict.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? NaN;

/** Every image XObject of every page, in page order. */
export async function pageImages(pdf: Uint8Array): Promise<PageImage[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const found: PageImage[] = [];
  doc.getPages().forEach((page, i) => {
    const dict = xObjects(page);
    if (!dict) return;
    for (const key of dict.keys()) {
      const stream = dict.lookup(key);
      if (!(stream instanceof PDFRawStream)) continue;
      if (stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
      const filter = stream.dict.lookupMaybe(PDFName.of('Filter'), PDFName);
      found.push({
        page: i + 1,
        filter: filter ? filter.decodeText() : null,
        width: numberOf(stream.dict, 'Width'),
        height: numberOf(stream.dict, 'Height'),
        bitsPerComponent: numberOf(stream.dict, 'BitsPerComponent'),
        bytes: Buffer.from(stream.contents),
      });
    }
  });
  return found;
}

/** The JPEG streams (/DCTDecode) of the pages, in page order: what a JPEG page carries. */
export async function jpegPageBytes(pdf: Uint8Array): Promise<Buffer[]> {
  return (await pageImages(pdf)).filter((i) => i.filter === 'DCTDecode').map((i) => i.bytes);
}

export interface ListedImage {
  page: number;
  width: number;
  height: number;
  color: string;
  bpc: number;
  /** "jpeg", "image" (Flate or raw), "ccitt", … */
  enc: string;
  xPpi: number;
  yPpi: number;
}

/** `pdfimages -list`: every image as poppler sees it, with its effective resolution on the page. */
export async function pdfImagesList(file: string): Promise<ListedImage[]> {
  const r = await tool('pdfimages', ['-list', file]);
  if (r.code !== 0) throw new Error(`pdfimages failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const c = l.trim().split(/\s+/);
      return {
        page: Number(c[0]),
        width: Number(c[3]),
        height: Number(c[4]),
        color: c[5]!,
        bpc: Number(c[7]),
        enc: c[8]!,
        xPpi: Number(c[12]),
        yPpi: Number(c[13]),
      };
    });
}
