import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { seededFloats } from '../support/prng';

// A network scanner on 127.0.0.1 that speaks eSCL 2.x under /eSCL/, the way AirScan / Mopria
// scanners do, so our client can be tested against faults a real scanner shows only on a bad
// day. It is kept honest by Debian's sane-airscan, a client we did not write, scanning from it.
//
// Endpoints: GET ScannerCapabilities, GET ScannerStatus, POST ScanJobs (201 + Location),
// GET ScanJobs/{id}/NextDocument (200 a page, 503 not ready, 404 no more), DELETE ScanJobs/{id}.
//
// Switches (startEsclScanner(opts) or double.set(...) at any time):
//   pages            sheets in the feeder. Each ADF job takes them (the feeder empties, as a real
//                    one does); set it again to reload. The platen always gives one page.
//   duplex           the feeder can scan both sides: AdfDuplexInputCaps is advertised, and a job
//                    with <scan:Duplex>true gives 2 pages per sheet (front, back). Off: such a job → 409.
//   blankPages       page numbers (1-based, within a job) that come out blank white.
//   failFirstWith503 true or a count n: POST ScanJobs answers 503 n times before 201, and each
//                    job's first NextDocument answers 503 n times before 200.
//   jamAfter         n: after n pages of a job the feeder jams: AdfState ScannerAdfJam, the job
//                    Aborted, NextDocument answers `jamStatus` (409 or 503); it stays jammed
//                    until jamAfter is set again (the clerk cleared it).
//   emptyFeeder      AdfState ScannerAdfEmpty whatever `pages` says; a Feeder job → 409.
//   coverOpen        AdfState ScannerAdfHatchOpen; a Feeder job → 409, a running one's next page → 409.
//   busy             someone else's job: State Processing, POST ScanJobs → 503.
//   slowMs           each page is ready slowMs after the job started / the previous page was taken;
//                    NextDocument answers 503 until then.
//   locationStyle    'absolute' (http://127.0.0.1:port/eSCL/ScanJobs/id) or 'relative' (/eSCL/ScanJobs/id).
//   hostile          ScannerCapabilities is 'entity-bomb' (a DOCTYPE with nested entities) or
//                    'huge' (an XML body that does not end); null: honest.
//   endless          NextDocument is 'huge' (a JPEG that never ends, streamed until the client
//                    hangs up) or 'stall' (headers and a few bytes, then silence); null: honest.
//   model, uuid      what the scanner says it is.
// Pages are real JPEGs made with sharp: A4 (or the requested region) at the requested resolution,
// colour / greyscale / black-and-white, with lines of "words", a red seal and the page number in
// seven-segment digits; deterministic (same settings, same bytes). With application/pdf each
// NextDocument is a one-page PDF holding that JPEG. Every request is logged; every page sent is kept.

export interface EsclDoubleSwitches {
  pages: number;
  duplex: boolean;
  blankPages: number[];
  failFirstWith503: boolean | number;
  jamAfter: number | null;
  jamStatus: 409 | 503;
  emptyFeeder: boolean;
  coverOpen: boolean;
  busy: boolean;
  slowMs: number;
  locationStyle: 'absolute' | 'relative';
  hostile: 'entity-bomb' | 'huge' | null;
  endless: 'huge' | 'stall' | null;
  model: string;
  uuid: string;
}

export interface EsclJobSettings {
  inputSource: 'Platen' | 'Feeder';
  duplex: boolean;
  colorMode: 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';
  resolution: number;
  format: 'image/jpeg' | 'application/pdf';
  /** 1/300 inch. */
  width: number;
  height: number;
}

export interface EsclLogEntry {
  method: string;
  path: string;
  status: number;
  /** POST bodies (the ScanSettings XML). */
  body?: string;
}

export interface EsclJob {
  id: string;
  path: string;
  settings: EsclJobSettings;
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  delivered: number;
  /** Pages this job will give if nothing goes wrong. */
  total: number;
}

export interface SentPage {
  jobId: string;
  /** 1-based within the job. */
  number: number;
  mediaType: 'image/jpeg' | 'application/pdf';
  bytes: Buffer;
  sha256: string;
}

export interface EsclDouble {
  /** http(s)://127.0.0.1:PORT/eSCL */
  baseUrl: string;
  port: number;
  set(switches: Partial<EsclDoubleSwitches>): void;
  switches(): EsclDoubleSwitches;
  log(): EsclLogEntry[];
  clearLog(): void;
  jobs(): EsclJob[];
  /** Every page sent with 200, in order. */
  sent(): SentPage[];
  stop(): Promise<void>;
}

const DEFAULTS: EsclDoubleSwitches = {
  pages: 3,
  duplex: true,
  blankPages: [],
  failFirstWith503: false,
  jamAfter: null,
  jamStatus: 409,
  emptyFeeder: false,
  coverOpen: false,
  busy: false,
  slowMs: 0,
  locationStyle: 'relative',
  hostile: null,
  endless: null,
  model: 'Double eSCL Scanner',
  uuid: '4509a320-00a0-008f-00b6-002507510eca',
};

export const DOUBLE_RESOLUTIONS = [100, 150, 200, 300, 600];
const A4 = { width: 2480, height: 3508 };
const SCAN = 'http://schemas.hp.com/imaging/escl/2011/05/03';
const PWG = 'http://www.pwg.org/schemas/2010/12/sm';
const COLOR_MODES = ['BlackAndWhite1', 'Grayscale8', 'RGB24'] as const;

function inputCaps(tag: string): string {
  const resolutions = DOUBLE_RESOLUTIONS.map(
    (r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
  ).join('');
  return `<scan:${tag}>
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${A4.width}</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${A4.height}</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes>${COLOR_MODES.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`).join('')}</scan:ColorModes>
        <scan:DocumentFormats>
          <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat>
          <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt><scan:DocumentFormatExt>application/pdf</scan:DocumentFormatExt>
        </scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>${resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>
        <scan:ColorSpaces><scan:ColorSpace>RGB</scan:ColorSpace></scan:ColorSpaces>
      </scan:SettingProfile></scan:SettingProfiles>
      <scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>TextAndGraphic</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
      <scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution><scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>
      <scan:RiskyLeftMargin>0</scan:RiskyLeftMargin><scan:RiskyRightMargin>0</scan:RiskyRightMargin>
      <scan:RiskyTopMargin>0</scan:RiskyTopMargin><scan:RiskyBottomMargin>0</scan:RiskyBottomMargin>
    </scan:${tag}>`;
}

function capabilitiesXml(s: EsclDoubleSwitches, port: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${SCAN}" xmlns:pwg="${PWG}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${s.model}</pwg:MakeAndModel>
  <pwg:SerialNumber>DBL0001</pwg:SerialNumber>
  <scan:UUID>${s.uuid}</scan:UUID>
  <scan:AdminURI>http://127.0.0.1:${port}/</scan:AdminURI>
  <scan:Platen>
    ${inputCaps('PlatenInputCaps')}
  </scan:Platen>
  <scan:Adf>
    ${inputCaps('AdfSimplexInputCaps')}
    ${s.duplex ? inputCaps('AdfDuplexInputCaps') : ''}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption>${s.duplex ? '<scan:AdfOption>Duplex</scan:AdfOption>' : ''}</scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>
`;
}

/** The classic "billion laughs": ten levels of ten, a parser that expands it is lost. */
function entityBombXml(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE scan:ScannerCapabilities [
  ${levels.join('\n  ')}
]>
<scan:ScannerCapabilities xmlns:scan="${SCAN}" xmlns:pwg="${PWG}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>&lol9;</pwg:MakeAndModel>
</scan:ScannerCapabilities>
`;
}

// ---- pages ----------------------------------------------------------------------------------

const prng = seededFloats;

/** Seven-segment digits, in mm; no font needed, so the same on every machine. */
const SEGMENTS: Record<string, string> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abged',
  '3': 'abgcd',
  '4': 'fgbc',
  '5': 'afgcd',
  '6': 'afgedc',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
};
function digitsSvg(value: number, x: number, y: number, h: number, fill: string): string {
  const w = h * 0.55;
  const t = h * 0.11;
  const half = h / 2;
  const seg: Record<string, [number, number, number, number]> = {
    a: [0, 0, w, t],
    b: [w - t, 0, t, half],
    c: [w - t, half, t, half],
    d: [0, h - t, w, t],
    e: [0, half, t, half],
    f: [0, 0, t, half],
    g: [0, half - t / 2, w, t],
  };
  return [...String(value)]
    .map((digit, i) =>
      [...(SEGMENTS[digit] ?? '')]
        .map((s) => {
          const [sx, sy, sw, sh] = seg[s]!;
          return `<rect x="${(x + i * (w + t * 1.6) + sx).toFixed(2)}" y="${(y + sy).toFixed(2)}" width="${sw.toFixed(2)}" height="${sh.toFixed(2)}" fill="${fill}"/>`;
        })
        .join(''),
    )
    .join('');
}

function pageSvg(number: number, widthMm: number, heightMm: number, widthPx: number, heightPx: number, blank: boolean): string {
  const parts: string[] = [`<rect x="0" y="0" width="${widthMm}" height="${heightMm}" fill="#fff"/>`];
  if (!blank) {
    const random = prng(number * 7919);
    // The header of an administrative document: motto lines, then the title.
    parts.push('<rect x="62" y="12" width="86" height="3" fill="#111"/>', '<rect x="76" y="17.5" width="58" height="2.4" fill="#111"/>');
    parts.push('<rect x="84" y="21" width="42" height="0.5" fill="#111"/>', '<rect x="48" y="34" width="114" height="4.2" fill="#111"/>');
    for (let y = 50; y < 240; y += 7) {
      const paragraphEnd = random() < 0.18;
      const end = paragraphEnd ? 40 + random() * 100 : 190;
      let x = y === 50 || random() < 0.15 ? 30 : 20;
      while (x < end) {
        const w = 3 + random() * 11;
        parts.push(`<rect x="${x.toFixed(2)}" y="${y}" width="${Math.min(w, 190 - x).toFixed(2)}" height="2.3" fill="#1a1a1a"/>`);
        x += w + 1.8;
      }
      if (paragraphEnd) y += 3;
    }
    // A red seal and a blue signature: what a colour scan must keep.
    parts.push('<circle cx="150" cy="262" r="17" fill="none" stroke="#d01818" stroke-width="1.4"/>');
    parts.push('<circle cx="150" cy="262" r="12" fill="none" stroke="#d01818" stroke-width="0.6"/>');
    parts.push('<polygon points="150,254 152.4,259.6 158.4,259.6 153.5,263.2 155.4,269 150,265.4 144.6,269 146.5,263.2 141.6,259.6 147.6,259.6" fill="#d01818"/>');
    parts.push('<polyline points="118,270 124,262 128,272 134,259 139,271 146,266" fill="none" stroke="#1c3fbf" stroke-width="0.8"/>');
    parts.push(digitsSvg(number, 176, 8, 14, '#000'));
    parts.push(digitsSvg(number, 101, 280, 8, '#333'));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthMm.toFixed(3)} ${heightMm.toFixed(3)}" preserveAspectRatio="none">${parts.join('')}</svg>`;
}

export interface PageRequest {
  number: number;
  settings: EsclJobSettings;
  blank: boolean;
}

/** Pixels of a region in 1/300 inch at `resolution` dpi. */
export function pagePixels(settings: Pick<EsclJobSettings, 'width' | 'height' | 'resolution'>): { width: number; height: number } {
  return {
    width: Math.max(1, Math.round((settings.width * settings.resolution) / 300)),
    height: Math.max(1, Math.round((settings.height * settings.resolution) / 300)),
  };
}

/** Adds the JFIF header with the dpi, as scanners send it (sharp writes none, and its withMetadata
 * would force an sRGB profile and 3 channels on a greyscale page). */
function withJfifDensity(jpeg: Buffer, dpi: number): Buffer {
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) return jpeg;
  const app0 = Buffer.alloc(18);
  app0.writeUInt16BE(0xffe0, 0);
  app0.writeUInt16BE(16, 2);
  app0.write('JFIF\0', 4, 'latin1');
  app0.writeUInt16BE(0x0102, 9); // version 1.02
  app0[11] = 1; // units: dots per inch
  app0.writeUInt16BE(dpi, 12);
  app0.writeUInt16BE(dpi, 14);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}

/** One scanned page as the double sends it: the same request always gives the same bytes. */
export async function renderPage(r: PageRequest): Promise<Buffer> {
  const { width, height } = pagePixels(r.settings);
  const svg = pageSvg(r.number, (r.settings.width / 300) * 25.4, (r.settings.height / 300) * 25.4, width, height, r.blank);
  let image = sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#ffffff' });
  if (r.settings.colorMode === 'Grayscale8') image = image.toColourspace('b-w');
  if (r.settings.colorMode === 'BlackAndWhite1') image = image.toColourspace('b-w').threshold(150);
  const jpeg = withJfifDensity(await image.jpeg({ quality: 82 }).toBuffer(), r.settings.resolution);
  if (r.settings.format === 'image/jpeg') return jpeg;
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const embedded = await pdf.embedJpg(jpeg);
  const page = pdf.addPage([(width / r.settings.resolution) * 72, (height / r.settings.resolution) * 72]);
  page.drawImage(embedded, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  return Buffer.from(await pdf.save());
}

// ---- the server -----------------------------------------------------------------------------

const settingsParser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, processEntities: false, parseTagValue: false });

/** The ScanSettings of a POST, the way a scanner reads it; null when it cannot be honoured. */
export function parseScanSettings(xml: string): EsclJobSettings | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  let doc: Record<string, unknown>;
  try {
    doc = settingsParser.parse(xml, true) as Record<string, unknown>;
  } catch {
    return null;
  }
  const root = doc.ScanSettings as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') return null;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
  const region = ((root.ScanRegions as Record<string, unknown> | undefined)?.ScanRegion ?? {}) as Record<string, unknown>;
  const first = Array.isArray(region) ? (region[0] as Record<string, unknown>) : region;
  const source = str(root.InputSource) ?? 'Platen';
  const colorMode = str(root.ColorMode) ?? 'RGB24';
  const resolution = Number(str(root.XResolution) ?? '300');
  const format = (str(root.DocumentFormatExt) ?? str(root.DocumentFormat) ?? 'image/jpeg').toLowerCase();
  const width = Number(str(first.Width) ?? A4.width);
  const height = Number(str(first.Height) ?? A4.height);
  if (source !== 'Platen' && source !== 'Feeder') return null;
  if (!(COLOR_MODES as readonly string[]).includes(colorMode)) return null;
  if (!DOUBLE_RESOLUTIONS.includes(resolution) || Number(str(root.YResolution) ?? resolution) !== resolution) return null;
  if (format !== 'image/jpeg' && format !== 'application/pdf') return null;
  if (!(width >= 16 && width <= A4.width && height >= 16 && height <= A4.height)) return null;
  return {
    inputSource: source,
    duplex: source === 'Feeder' && /^(true|1)$/i.test(str(root.Duplex) ?? ''),
    colorMode: colorMode as EsclJobSettings['colorMode'],
    resolution,
    format,
    width,
    height,
  };
}

interface JobState extends EsclJob {
  pending503: number;
  readyAt: number;
  createdAt: number;
}

export async function startEsclScanner(opts: Partial<EsclDoubleSwitches> & { tls?: { key: string | Buffer; cert: string | Buffer } } = {}): Promise<EsclDouble> {
  const { tls, ...initial } = opts;
  let s: EsclDoubleSwitches = { ...DEFAULTS, ...initial };
  let sheets = s.pages;
  let jammed = false;
  let postFailures = Number(s.failFirstWith503);
  let jobCounter = 0;
  const jobs: JobState[] = [];
  const log: EsclLogEntry[] = [];
  const sent: SentPage[] = [];
  let port = 0;
  const scheme = tls ? 'https' : 'http';

  const activeJob = () => jobs.find((j) => j.state === 'Processing');
  const adfState = () =>
    jammed ? 'ScannerAdfJam' : s.coverOpen ? 'ScannerAdfHatchOpen' : s.emptyFeeder || sheets <= 0 ? 'ScannerAdfEmpty' : 'ScannerAdfLoaded';

  const statusXml = () => `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="${SCAN}" xmlns:pwg="${PWG}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${s.busy || activeJob() ? 'Processing' : 'Idle'}</pwg:State>
  <scan:AdfState>${adfState()}</scan:AdfState>
  <scan:Jobs>${jobs
    .map(
      (j) => `
    <scan:JobInfo>
      <pwg:JobUri>${j.path}</pwg:JobUri>
      <pwg:JobUuid>${j.id}</pwg:JobUuid>
      <scan:Age>${Math.round((Date.now() - j.createdAt) / 1000)}</scan:Age>
      <pwg:ImagesCompleted>${j.delivered}</pwg:ImagesCompleted>
      <pwg:ImagesToTransfer>${Math.max(0, j.total - j.delivered)}</pwg:ImagesToTransfer>
      <pwg:JobState>${j.state}</pwg:JobState>
      <pwg:JobStateReasons><pwg:JobStateReason>${
        j.state === 'Processing' ? 'JobScanning' : j.state === 'Completed' ? 'JobCompletedSuccessfully' : j.state === 'Canceled' ? 'JobCanceledByUser' : 'AbortedBySystem'
      }</pwg:JobStateReason></pwg:JobStateReasons>
    </scan:JobInfo>`,
    )
    .join('')}
  </scan:Jobs>
</scan:ScannerStatus>
`;

  const reply = (req: IncomingMessage, res: ServerResponse, status: number, body: string | Buffer = '', headers: Record<string, string> = {}, posted?: string) => {
    log.push({ method: req.method ?? '', path: req.url ?? '', status, ...(posted !== undefined ? { body: posted } : {}) });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'Content-Length': String(bytes.length), ...(bytes.length && !headers['Content-Type'] ? { 'Content-Type': 'text/xml' } : {}), ...headers });
    res.end(bytes);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1024 * 1024) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  /** Streams until the client hangs up (or 1 GiB, so a test that forgot cannot fill the disk). */
  const streamForever = (res: ServerResponse, head: Buffer, filler: Buffer) => {
    let written = 0;
    const pump = () => {
      if (head.length && written === 0) {
        res.write(head);
        written += head.length;
      }
      while (!res.destroyed && written < 1024 ** 3) {
        written += filler.length;
        if (!res.write(filler)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };

  async function nextDocument(req: IncomingMessage, res: ServerResponse, job: JobState) {
    if (job.pending503 > 0) {
      job.pending503--;
      return reply(req, res, 503);
    }
    if (job.state === 'Aborted') return reply(req, res, jammed ? s.jamStatus : 409);
    if (job.state !== 'Processing' && job.state !== 'Completed') return reply(req, res, 404);
    if (job.delivered >= job.total) return reply(req, res, 404);
    const feeder = job.settings.inputSource === 'Feeder';
    if (feeder && s.jamAfter !== null && job.delivered >= s.jamAfter) {
      jammed = true;
      job.state = 'Aborted';
      return reply(req, res, s.jamStatus);
    }
    if (feeder && s.coverOpen) {
      job.state = 'Aborted';
      return reply(req, res, 409);
    }
    if (Date.now() < job.readyAt) return reply(req, res, 503);
    if (s.endless === 'huge') {
      log.push({ method: req.method ?? '', path: req.url ?? '', status: 200 });
      res.writeHead(200, { 'Content-Type': job.settings.format });
      return streamForever(res, Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64 * 1024, 0x5a));
    }
    if (s.endless === 'stall') {
      log.push({ method: req.method ?? '', path: req.url ?? '', status: 200 });
      res.writeHead(200, { 'Content-Type': job.settings.format, 'Content-Length': String(10 * 1024 * 1024) });
      res.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
      return; // and nothing more, until the client gives up or the double stops
    }
    const number = job.delivered + 1;
    const bytes = await renderPage({ number, settings: job.settings, blank: s.blankPages.includes(number) });
    if (res.destroyed) return;
    job.delivered = number;
    // A sheet leaves the feeder with its front side.
    if (feeder && (!job.settings.duplex || number % 2 === 1)) sheets--;
    if (job.delivered >= job.total) job.state = 'Completed';
    job.readyAt = Date.now() + s.slowMs;
    sent.push({ jobId: job.id, number, mediaType: job.settings.format, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
    reply(req, res, 200, bytes, { 'Content-Type': job.settings.format });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/eSCL/ScannerCapabilities') {
      if (s.hostile === 'entity-bomb') return reply(req, res, 200, entityBombXml());
      if (s.hostile === 'huge') {
        log.push({ method, path, status: 200 });
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        return streamForever(res, Buffer.from(`<?xml version="1.0"?><scan:ScannerCapabilities xmlns:scan="${SCAN}">`), Buffer.from('<scan:Junk>x</scan:Junk>'.repeat(2048)));
      }
      return reply(req, res, 200, capabilitiesXml(s, port));
    }
    if (method === 'GET' && path === '/eSCL/ScannerStatus') return reply(req, res, 200, statusXml());
    if (method === 'POST' && path === '/eSCL/ScanJobs') {
      const body = await readBody(req);
      if (postFailures > 0) {
        postFailures--;
        return reply(req, res, 503, '', {}, body);
      }
      if (s.busy || activeJob()) return reply(req, res, 503, '', {}, body);
      const settings = parseScanSettings(body);
      if (!settings) return reply(req, res, 409, '', {}, body);
      const feeder = settings.inputSource === 'Feeder';
      if (feeder && (jammed || s.coverOpen || s.emptyFeeder || sheets <= 0)) return reply(req, res, 409, '', {}, body);
      if (settings.duplex && !s.duplex) return reply(req, res, 409, '', {}, body);
      jobCounter++;
      const id = `0000a5ca-0000-4000-8000-${String(jobCounter).padStart(12, '0')}`;
      const jobPath = `/eSCL/ScanJobs/${id}`;
      jobs.push({
        id,
        path: jobPath,
        settings,
        state: 'Processing',
        delivered: 0,
        total: feeder ? sheets * (settings.duplex ? 2 : 1) : 1,
        pending503: Number(s.failFirstWith503),
        readyAt: Date.now() + s.slowMs,
        createdAt: Date.now(),
      });
      const location = s.locationStyle === 'absolute' ? `${scheme}://127.0.0.1:${port}${jobPath}` : jobPath;
      return reply(req, res, 201, '', { Location: location }, body);
    }
    const m = /^\/eSCL\/ScanJobs\/([^/]+)(\/NextDocument)?\/?$/.exec(path);
    const job = m ? jobs.find((j) => j.id === m[1]) : undefined;
    if (m && job && method === 'GET' && m[2]) return nextDocument(req, res, job);
    if (m && job && method === 'DELETE' && !m[2]) {
      if (job.state === 'Processing') job.state = 'Canceled';
      return reply(req, res, 200);
    }
    return reply(req, res, 404);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) reply(req, res, 500, String(e));
      else res.destroy();
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `${scheme}://127.0.0.1:${port}/eSCL`,
    port,
    set(changes) {
      if ('jamAfter' in changes) jammed = false;
      if (changes.pages !== undefined) sheets = changes.pages;
      if (changes.failFirstWith503 !== undefined) postFailures = Number(changes.failFirstWith503);
      s = { ...s, ...changes };
    },
    switches: () => ({ ...s, pages: sheets }),
    log: () => [...log],
    clearLog: () => void log.splice(0),
    jobs: () => jobs.map(({ pending503: _p, readyAt: _r, createdAt: _c, ...j }) => ({ ...j })),
    sent: () => [...sent],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
