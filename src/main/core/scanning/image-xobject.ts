import { PDFHexString, PDFName, PDFNumber, type PDFContext, type PDFObject, type PDFRef } from 'pdf-lib';

// A page image as the PDF will hold it: its bytes exactly as they go into the file (a JPEG as
// scanned, a PNG's zlib data) and the few dictionary entries a reader needs to decode them. Made
// once per page and written by either writer: the streaming one as PDF text, pdf-lib's (for a
// document that also copies PDF pages) as its objects.

export type ImageColorSpace = 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK' | { indexed: Uint8Array };

export interface ImageXObject {
  width: number;
  height: number;
  bitsPerComponent: number;
  colorSpace: ImageColorSpace;
  filter: 'DCTDecode' | 'FlateDecode';
  /** PNG data: the predictor its rows were filtered with. */
  decodeParms?: { Predictor: number; Colors: number; BitsPerComponent: number; Columns: number };
  /** CMYK JPEGs are stored complemented (as pdf-lib's embedJpg hedges too). */
  decode?: number[];
  data: Uint8Array;
}

/** The image's dictionary entries (no /Length), as PDF text. */
export function imageDictText(image: ImageXObject): string {
  const cs = image.colorSpace;
  const colorSpace =
    typeof cs === 'string' ? `/${cs}` : `[/Indexed /DeviceRGB ${cs.indexed.length / 3 - 1} <${Buffer.from(cs.indexed.buffer, cs.indexed.byteOffset, cs.indexed.byteLength).toString('hex')}>]`;
  let dict = `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /BitsPerComponent ${image.bitsPerComponent} /ColorSpace ${colorSpace} /Filter /${image.filter}`;
  if (image.decodeParms) {
    const p = image.decodeParms;
    dict += ` /DecodeParms <</Predictor ${p.Predictor} /Colors ${p.Colors} /BitsPerComponent ${p.BitsPerComponent} /Columns ${p.Columns}>>`;
  }
  if (image.decode) dict += ` /Decode [${image.decode.join(' ')}]`;
  return dict;
}

/** Registers the image in a pdf-lib document, its bytes unchanged, and returns its reference. */
export function registerImage(context: PDFContext, image: ImageXObject): PDFRef {
  const cs = image.colorSpace;
  const colorSpace: PDFObject =
    typeof cs === 'string'
      ? PDFName.of(cs)
      : context.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), PDFNumber.of(cs.indexed.length / 3 - 1), PDFHexString.of(Buffer.from(cs.indexed).toString('hex'))]);
  const stream = context.stream(image.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    BitsPerComponent: image.bitsPerComponent,
    ColorSpace: colorSpace,
    Filter: image.filter,
    ...(image.decodeParms ? { DecodeParms: image.decodeParms } : {}),
    ...(image.decode ? { Decode: image.decode } : {}),
  });
  return context.register(stream);
}
