import sharp from 'sharp';
import { seededFloats } from './prng';

// Pages made like a document scanner makes them, for the scanning tests and the scan-assembly
// benchmark: A4 paper of a slightly grey, grainy tone (seeded noise, so every run sees the same
// pixels), Vietnamese administrative text in DejaVu Serif (installed by .ci/run), and on request
// what real scans carry besides: dust, the scanner's dark edges, a faint printed frame, the back
// side's text showing through. Greyscale JPEG with the resolution in its JFIF header, as scanners
// send it.

export const A4_MM = { width: 210, height: 297 } as const;

export function a4Pixels(dpi: number): { width: number; height: number } {
  return { width: Math.round((A4_MM.width / 25.4) * dpi), height: Math.round((A4_MM.height / 25.4) * dpi) };
}

const LINES = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  'Kính gửi: Ủy ban nhân dân phường Cửa Nam, thành phố Hà Nội',
  'Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Phương Thảo',
  'Nơi cư trú: số 12 ngõ 34 phố Hàng Bông, phường Cửa Nam, thành phố Hà Nội',
  'Giấy tờ tùy thân: Căn cước công dân số 001190012345, cấp ngày 12/05/2021',
  'Quan hệ với người được khai sinh: mẹ đẻ',
  'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
  'Họ, chữ đệm, tên: Trần Minh Khôi. Ngày, tháng, năm sinh: 03/10/2026',
  'Nơi sinh: Bệnh viện Phụ sản Hà Nội. Giới tính: Nam. Dân tộc: Kinh. Quốc tịch: Việt Nam',
  'Quê quán: xã Tam Hưng, huyện Thanh Oai, thành phố Hà Nội',
  'Họ, chữ đệm, tên người mẹ: Nguyễn Thị Phương Thảo. Năm sinh: 1990',
  'Họ, chữ đệm, tên người cha: Trần Văn Hùng. Năm sinh: 1988',
  'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,',
  'được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.',
  'Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.',
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const mulberry32 = seededFloats;

export interface PageContent {
  /** Lines of text from the top margin; 0 for none. */
  lines?: number;
  /** A single short line in the middle of the page, e.g. "Trang này để trống". */
  shortLine?: string;
  /** Paper tone (0–255) and the grain's standard deviation. */
  paper?: number;
  grain?: number;
  dust?: number;
  darkEdges?: boolean;
  faintFrame?: boolean;
  showThrough?: boolean;
  /** The scanner optics' softness: a Gaussian blur's sigma in pixels. */
  blur?: number;
  seed?: number;
}

/** The page as an SVG overlay (transparent where the paper shows). */
function overlaySvg(width: number, height: number, dpi: number, c: PageContent, random: () => number): string {
  const mm = dpi / 25.4;
  const parts: string[] = [];
  const fontPx = 13 * (dpi / 72); // 13 pt, as administrative forms are printed
  if (c.showThrough) {
    // The back side's text, mirrored and faint, as thin paper lets it through.
    const lines = LINES.map((l, i) => `<text x="${30 * mm}" y="${25 * mm + i * fontPx * 1.5}">${escapeXml(l)}</text>`).join('');
    parts.push(`<g transform="translate(${width},0) scale(-1,1)" fill="#000" fill-opacity="0.09" font-family="DejaVu Serif" font-size="${fontPx}">${lines}</g>`);
  }
  if (c.faintFrame) parts.push(`<rect x="${15 * mm}" y="${15 * mm}" width="${width - 30 * mm}" height="${height - 30 * mm}" fill="none" stroke="#c4c4c4" stroke-width="${0.4 * mm}"/>`);
  for (let i = 0; i < (c.lines ?? 0); i++) {
    const text = LINES[i % LINES.length]!;
    parts.push(
      `<text x="${30 * mm}" y="${25 * mm + i * fontPx * 1.5}" font-family="DejaVu Serif" font-size="${fontPx}" fill="#141414">${escapeXml(text)}</text>`,
    );
  }
  if (c.shortLine) {
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-family="DejaVu Serif" font-size="${fontPx}" fill="#141414">${escapeXml(c.shortLine)}</text>`,
    );
  }
  for (let i = 0; i < (c.dust ?? 0); i++) {
    // Specks of 0.1–0.4 mm, anywhere.
    const r = (0.05 + random() * 0.15) * mm;
    parts.push(`<circle cx="${random() * width}" cy="${random() * height}" r="${r}" fill="#202020"/>`);
  }
  if (c.darkEdges) {
    // The lid's shadow along two edges and a corner of the sheet fed slightly askew.
    parts.push(`<rect x="0" y="0" width="${width}" height="${3 * mm}" fill="#2a2a2a"/>`);
    parts.push(`<rect x="0" y="0" width="${2 * mm}" height="${height}" fill="#3a3a3a"/>`);
    parts.push(`<polygon points="${width},${height} ${width - 8 * mm},${height} ${width},${height - 6 * mm}" fill="#303030"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** A scanned A4 page as greyscale JPEG at `dpi`, with the resolution in its header. */
export async function scannedPage(dpi: number, content: PageContent = {}, quality = 85): Promise<Buffer> {
  const { width, height } = a4Pixels(dpi);
  const random = mulberry32(content.seed ?? 1);
  const paper = content.paper ?? 242;
  const grain = content.grain ?? 0;
  const pixels = Buffer.alloc(width * height, paper);
  if (grain > 0) {
    for (let i = 0; i < pixels.length; i++) {
      // The sum of three uniforms is close enough to a Gaussian for paper grain.
      const g = (random() + random() + random() - 1.5) * 2 * grain;
      pixels[i] = Math.max(0, Math.min(255, Math.round(paper + g)));
    }
  }
  const overlay = Buffer.from(overlaySvg(width, height, dpi, content, random));
  const page = sharp(pixels, { raw: { width, height, channels: 1 } }).composite([{ input: overlay, blend: 'multiply' }]);
  // Composite first, blur after: sharp runs blur before composite within one pipeline.
  const scanned = content.blur ? sharp(await page.png({ compressionLevel: 1 }).toBuffer()).blur(content.blur) : page;
  return scanned
    .toColourspace('b-w')
    .withDensity(dpi)
    .jpeg({ quality })
    .toBuffer();
}
