import { PDFDocument } from 'pdf-lib';

const MM = 72 / 25.4;
const SLIP_WIDTH_MM = 80;

/**
 * A slip image as a one-page PDF 80 mm wide, for a thermal printer installed as a system
 * printer (CUPS, Windows) rather than reached over ESC/POS. The PNG is embedded as it is.
 */
export async function slipAsPdf(png: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  const width = SLIP_WIDTH_MM * MM;
  const height = (image.height / image.width) * width;
  const page = doc.addPage([width, height]);
  page.drawImage(image, { x: 0, y: 0, width, height });
  doc.setProducer('Một Cửa Desk');
  doc.setCreator('Một Cửa Desk');
  return doc.save({ useObjectStreams: false });
}
