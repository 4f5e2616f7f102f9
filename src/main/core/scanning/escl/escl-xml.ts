import { XMLParser } from 'fast-xml-parser';
import type { ColorMode } from '../scan-source';

// The eSCL documents we read (ScannerCapabilities, ScannerStatus) and the one we write
// (ScanSettings). A scanner on the office network is not trusted: a DOCTYPE or an entity
// declaration is refused before parsing (no entity expansion, no billion laughs), and the parser
// never expands entities anyway. Namespace prefixes are dropped because scanners disagree on them.

export const ESCL_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

/** Units of eSCL scan regions: 1/300 inch. A4 is 2480 × 3508 of them. */
export const A4_300THS = { width: 2480, height: 3508 } as const;

export type EsclColorMode = 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';
export const ESCL_COLOR_MODES: Record<ColorMode, EsclColorMode> = { color: 'RGB24', grayscale: 'Grayscale8', bw: 'BlackAndWhite1' };

export interface EsclInputCaps {
  /** In 1/300 inch. */
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  colorModes: string[];
  /** MIME types from DocumentFormat and DocumentFormatExt. */
  formats: string[];
  /** Whether the scanner names formats with scan:DocumentFormatExt (eSCL 2.1+), which we then send back. */
  formatExt: boolean;
  /** Discrete resolutions where X = Y, ascending; ranges are expanded to their usual stops. */
  resolutions: number[];
}

export interface EsclCapabilities {
  version: string;
  makeAndModel: string;
  serialNumber: string | null;
  uuid: string | null;
  adminUri: string | null;
  platen: EsclInputCaps | null;
  adfSimplex: EsclInputCaps | null;
  adfDuplex: EsclInputCaps | null;
}

export interface EsclJobInfo {
  uri: string;
  uuid: string | null;
  /** pwg:JobState: Pending, Processing, Completed, Canceled, Aborted. */
  state: string;
  reasons: string[];
}

export interface EsclStatus {
  /** pwg:State: Idle, Processing, Testing, Stopped, Down. */
  state: string;
  /** scan:AdfState (ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, …), null for a scanner without a feeder. */
  adfState: string | null;
  jobs: EsclJobInfo[];
}

/** Why an eSCL document was refused; the client turns it into SCANNER_BAD_REPLY with a Vietnamese detail. */
export class EsclXmlError extends Error {
  constructor(readonly reason: 'doctype' | 'xml' | 'notCapabilities' | 'noSources' | 'notStatus') {
    super(`eSCL XML refused: ${reason}`);
    this.name = 'EsclXmlError';
  }
}

type Node = Record<string, unknown>;

const LISTS = new Set([
  'ColorMode',
  'DocumentFormat',
  'DocumentFormatExt',
  'DiscreteResolution',
  'SettingProfile',
  'JobInfo',
  'JobStateReason',
  'AdfOption',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  isArray: (name) => LISTS.has(name),
});

/** Parses an untrusted eSCL document; a DTD of any kind is refused before the parser sees it. */
export function parseEsclXml(text: string): Node {
  if (/<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST/i.test(text)) throw new EsclXmlError('doctype');
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    throw new EsclXmlError('xml');
  }
  if (!doc || typeof doc !== 'object') throw new EsclXmlError('xml');
  return doc as Node;
}

const child = (n: unknown, name: string): Node | null => {
  if (!n || typeof n !== 'object') return null;
  const v = (n as Node)[name];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null;
};
const list = (n: unknown, name: string): unknown[] => {
  if (!n || typeof n !== 'object') return [];
  const v = (n as Node)[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
};
/** The five predefined XML entities only: the parser expands none, and a model name may hold "&amp;". */
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => PREDEFINED[name] ?? '');
const text = (n: unknown, name: string): string | null => {
  if (!n || typeof n !== 'object') return null;
  const v = (n as Node)[name];
  return typeof v === 'string' ? decode(v) : typeof v === 'number' ? String(v) : null;
};
const uint = (n: unknown, name: string): number => {
  const t = text(n, name);
  return t !== null && /^\d{1,6}$/.test(t) ? Number(t) : 0;
};
const texts = (n: unknown, name: string): string[] => list(n, name).filter((v): v is string => typeof v === 'string');

/** Stops we offer when a scanner only gives a range. */
const USUAL_RESOLUTIONS = [75, 100, 150, 200, 300, 400, 600, 1200];

function parseInputCaps(caps: Node | null): EsclInputCaps | null {
  if (!caps) return null;
  const colorModes = new Set<string>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  let formatExt = false;
  for (const profile of list(child(caps, 'SettingProfiles'), 'SettingProfile')) {
    for (const m of texts(child(profile, 'ColorModes'), 'ColorMode')) colorModes.add(m);
    const docFormats = child(profile, 'DocumentFormats');
    for (const f of texts(docFormats, 'DocumentFormat')) formats.add(f.toLowerCase());
    for (const f of texts(docFormats, 'DocumentFormatExt')) {
      formats.add(f.toLowerCase());
      formatExt = true;
    }
    const supported = child(profile, 'SupportedResolutions');
    for (const r of list(child(supported, 'DiscreteResolutions'), 'DiscreteResolution')) {
      const x = uint(r, 'XResolution');
      if (x > 0 && x === uint(r, 'YResolution')) resolutions.add(x);
    }
    const range = child(supported, 'ResolutionRange');
    const xr = child(range, 'XResolutionRange') ?? child(range, 'XResolution');
    if (xr) {
      const min = uint(xr, 'Min');
      const max = uint(xr, 'Max');
      for (const r of USUAL_RESOLUTIONS) if (r >= min && r <= max) resolutions.add(r);
    }
  }
  return {
    minWidth: uint(caps, 'MinWidth'),
    maxWidth: uint(caps, 'MaxWidth'),
    minHeight: uint(caps, 'MinHeight'),
    maxHeight: uint(caps, 'MaxHeight'),
    colorModes: [...colorModes],
    formats: [...formats],
    formatExt,
    resolutions: [...resolutions].sort((a, b) => a - b),
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const root = child(parseEsclXml(xml), 'ScannerCapabilities');
  if (!root) throw new EsclXmlError('notCapabilities');
  const adf = child(root, 'Adf');
  const caps: EsclCapabilities = {
    version: text(root, 'Version') ?? '2.0',
    makeAndModel: text(root, 'MakeAndModel') ?? text(root, 'ModelName') ?? 'eSCL',
    serialNumber: text(root, 'SerialNumber'),
    uuid: text(root, 'UUID'),
    adminUri: text(root, 'AdminURI'),
    platen: parseInputCaps(child(child(root, 'Platen'), 'PlatenInputCaps')),
    adfSimplex: parseInputCaps(child(adf, 'AdfSimplexInputCaps')),
    adfDuplex: parseInputCaps(child(adf, 'AdfDuplexInputCaps')),
  };
  if (!caps.platen && !caps.adfSimplex && !caps.adfDuplex) throw new EsclXmlError('noSources');
  return caps;
}

export function parseStatus(xml: string): EsclStatus {
  const root = child(parseEsclXml(xml), 'ScannerStatus');
  if (!root) throw new EsclXmlError('notStatus');
  return {
    state: text(root, 'State') ?? 'Unknown',
    adfState: text(root, 'AdfState'),
    jobs: list(child(root, 'Jobs'), 'JobInfo').map((j) => ({
      uri: text(j, 'JobUri') ?? '',
      uuid: text(j, 'JobUuid'),
      state: text(j, 'JobState') ?? 'Unknown',
      reasons: texts(child(j, 'JobStateReasons'), 'JobStateReason'),
    })),
  };
}

export interface ScanJobRequest {
  version: string;
  inputSource: 'Platen' | 'Feeder';
  duplex: boolean;
  colorMode: EsclColorMode;
  resolution: number;
  format: 'image/jpeg' | 'application/pdf';
  formatExt: boolean;
  /** In 1/300 inch, from the top left corner. */
  width: number;
  height: number;
}

/** The ScanSettings document of POST ScanJobs. Every value is ours (numbers and fixed words), never the scanner's. */
export function scanSettingsXml(r: ScanJobRequest): string {
  const version = /^\d+\.\d+$/.test(r.version) ? r.version : '2.0';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scan:ScanSettings xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}">`,
    `  <pwg:Version>${version}</pwg:Version>`,
    '  <pwg:ScanRegions>',
    '    <pwg:ScanRegion>',
    '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    '      <pwg:XOffset>0</pwg:XOffset>',
    '      <pwg:YOffset>0</pwg:YOffset>',
    `      <pwg:Width>${Math.round(r.width)}</pwg:Width>`,
    `      <pwg:Height>${Math.round(r.height)}</pwg:Height>`,
    '    </pwg:ScanRegion>',
    '  </pwg:ScanRegions>',
    `  <pwg:InputSource>${r.inputSource}</pwg:InputSource>`,
    ...(r.inputSource === 'Feeder' ? [`  <scan:Duplex>${r.duplex}</scan:Duplex>`] : []),
    `  <scan:ColorMode>${r.colorMode}</scan:ColorMode>`,
    `  <scan:XResolution>${Math.round(r.resolution)}</scan:XResolution>`,
    `  <scan:YResolution>${Math.round(r.resolution)}</scan:YResolution>`,
    `  <pwg:DocumentFormat>${r.format}</pwg:DocumentFormat>`,
    ...(r.formatExt ? [`  <scan:DocumentFormatExt>${r.format}</scan:DocumentFormatExt>`] : []),
    '</scan:ScanSettings>',
    '',
  ].join('\n');
}
