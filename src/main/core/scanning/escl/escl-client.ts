import { AppError } from '../../../../shared/api/errors';
import { scanningText } from '../../../../shared/i18n/vi-scanning';
import type { ScanRun, ScanSettings, ScanSource, ScannedPage } from '../scan-source';
import { HttpFailure, fetchTransport, nodeTransport, normalizeFingerprint, type HttpReply, type HttpTransport } from './escl-http';
import { esclFault } from './escl-faults';
import {
  A4_300THS,
  ESCL_COLOR_MODES,
  EsclXmlError,
  parseCapabilities,
  parseStatus,
  scanSettingsXml,
  type EsclCapabilities,
  type EsclInputCaps,
  type EsclStatus,
} from './escl-xml';

export type { EsclCapabilities, EsclInputCaps, EsclStatus } from './escl-xml';

// A network scanner that speaks eSCL (AirScan, Mopria): read its capabilities, POST a scan job,
// fetch NextDocument until 404, hand each page over the moment it is whole. Every reply is capped
// and timed; 503 means "not now" and is retried with backoff, a bounded number of times; why a
// scan stopped (jam, empty feeder, open cover) is read from ScannerStatus, since the HTTP status
// alone does not say.

export interface EsclSourceOptions {
  /** http(s)://host:port/eSCL (esclDeviceFromAddress makes one from what a clerk types). */
  baseUrl: string;
  /** Used instead of node:http for plain-HTTP scanners (Electron's net.fetch, tests). */
  fetch?: typeof fetch;
  /** SHA-256 of the scanner's certificate, pinned by the admin; HTTPS is refused without it. */
  pinnedCertSha256?: string | null;
  /** No byte from the scanner for this long fails the request; 30 s by default. */
  timeoutMs?: number;
  /** A page larger than this is refused (SCAN_PAGE_TOO_LARGE); 64 MiB by default. */
  maxPageBytes?: number;
  /**
   * Pages one scan may bring (the settings' limits.maxPages): a scanner that keeps giving pages
   * must not fill the disk. One more is refused (SCAN_PAGE_LIMIT) and the job deleted. 300 by default.
   */
  maxPages?: number;
  /** How many times a 503 is retried (per job and per page); 8 by default. */
  maxRetries?: number;
  /** The first wait after a 503; doubles up to 8 times this. 500 ms by default. */
  retryDelayMs?: number;
  /** One request, body included, never takes longer than this; 5 minutes by default. */
  requestDeadlineMs?: number;
}

export type EsclSource = ScanSource & {
  capabilities(): Promise<EsclCapabilities>;
  status(): Promise<EsclStatus>;
  /** Ends any request still in flight (connections are not kept between requests). */
  close(): void;
};

const MAX_XML_BYTES = 1024 * 1024;
const DELETE_TIMEOUT_MS = 5_000;
const text = scanningText;

/** Where the job lives, always on the scanner we talk to: an absolute Location may name the
 * scanner by another host name (its mDNS name), and must never move us to another host or off HTTPS. */
export function resolveJobUrl(base: URL, location: string): URL | null {
  let resolved: URL;
  try {
    resolved = new URL(location.trim(), `${base.href.replace(/\/+$/, '')}/`);
  } catch {
    return null;
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return null;
  const url = new URL(base.href);
  url.pathname = resolved.pathname;
  url.search = resolved.search;
  return url;
}

/** The scanner's nearest offered resolution (ties go up), so a profile's 200 dpi works on a 150/300 scanner. */
export function nearestResolution(offered: number[], wanted: number): number {
  let best = wanted;
  let bestDistance = Infinity;
  for (const r of offered) {
    const d = Math.abs(r - wanted);
    if (d < bestDistance || (d === bestDistance && r > best)) {
      best = r;
      bestDistance = d;
    }
  }
  return best;
}

const startsWith = (b: Buffer, magic: number[]) => magic.every((byte, i) => b[i] === byte);
const JPEG_MAGIC = [0xff, 0xd8];
const PDF_MAGIC = [...Buffer.from('%PDF-')];

export function createEsclSource(opts: EsclSourceOptions): EsclSource {
  let base: URL;
  try {
    base = new URL(opts.baseUrl.replace(/\/+$/, ''));
  } catch {
    throw new AppError('SCANNER_ADDRESS_INVALID', { text: opts.baseUrl.slice(0, 200), reason: text.address.scheme });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new AppError('SCANNER_ADDRESS_INVALID', { text: opts.baseUrl.slice(0, 200), reason: text.address.scheme });
  }
  const secure = base.protocol === 'https:';
  let pin: string | null = null;
  if (secure && opts.pinnedCertSha256) {
    pin = normalizeFingerprint(opts.pinnedCertSha256);
    if (!pin) throw new AppError('SCANNER_PIN_INVALID', { text: opts.pinnedCertSha256.slice(0, 120) });
  }
  const device = base.host;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxPageBytes = opts.maxPageBytes ?? 64 * 1024 * 1024;
  const maxRetries = opts.maxRetries ?? 8;
  const maxPages = opts.maxPages ?? 300;
  const retryDelayMs = opts.retryDelayMs ?? 500;
  const deadlineMs = opts.requestDeadlineMs ?? 5 * 60_000;
  const node = nodeTransport(pin);
  const transport: HttpTransport = opts.fetch && !secure ? fetchTransport(opts.fetch) : node.request;
  const endpoint = (name: string) => new URL(`${base.pathname.replace(/\/+$/, '')}/${name}`, base);

  const badReply = (detail: string) => new AppError('SCANNER_BAD_REPLY', { device, detail });

  function appErrorOf(f: HttpFailure, what: 'xml' | 'page'): AppError | HttpFailure {
    switch (f.kind) {
      case 'aborted':
        return f;
      case 'refused':
        return new AppError('SCANNER_UNREACHABLE', { device, reason: text.unreachable.refused });
      case 'not-found':
        return new AppError('SCANNER_UNREACHABLE', { device, reason: text.unreachable.notFound });
      case 'timeout':
        return new AppError('SCANNER_UNREACHABLE', { device, reason: text.unreachable.timeout });
      case 'tls':
        return new AppError('SCANNER_UNREACHABLE', { device, reason: text.unreachable.tls });
      case 'network':
        return new AppError('SCANNER_UNREACHABLE', { device, reason: text.unreachable.network });
      case 'stalled':
        return badReply(text.badReply.stalled);
      case 'too-large':
        return what === 'page'
          ? new AppError('SCAN_PAGE_TOO_LARGE', { device, maxMb: Math.max(1, Math.round(maxPageBytes / (1024 * 1024))) })
          : badReply(text.badReply.xmlTooLarge);
      case 'cert-not-pinned':
        return new AppError('SCANNER_CERT_NOT_PINNED', { device, fingerprint: f.fingerprint ?? '' });
      case 'cert-mismatch':
        return new AppError('SCANNER_CERT_MISMATCH', { device, pinned: pin ?? '', fingerprint: f.fingerprint ?? '' });
    }
  }

  async function exchange(
    method: 'GET' | 'POST' | 'DELETE',
    url: URL,
    o: { body?: string; what: 'xml' | 'page'; signal?: AbortSignal; idleTimeoutMs?: number },
  ): Promise<HttpReply> {
    try {
      return await transport({
        method,
        url,
        body: o.body,
        contentType: 'text/xml',
        maxBytes: o.what === 'page' ? maxPageBytes : MAX_XML_BYTES,
        idleTimeoutMs: o.idleTimeoutMs ?? timeoutMs,
        deadlineMs,
        signal: o.signal,
      });
    } catch (e) {
      throw e instanceof HttpFailure ? appErrorOf(e, o.what) : e;
    }
  }

  const backoff = (attempt: number) => Math.min(retryDelayMs * 2 ** attempt, retryDelayMs * 8);
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new HttpFailure('aborted'));
      const onAbort = () => {
        clearTimeout(timer);
        reject(new HttpFailure('aborted'));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  async function getXml<T>(name: string, parse: (xml: string) => T, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const reply = await exchange('GET', endpoint(name), { what: 'xml', signal });
      if (reply.status === 503 && attempt < maxRetries) {
        await sleep(backoff(attempt), signal);
        continue;
      }
      if (reply.status === 503) throw new AppError('SCANNER_BUSY', { device });
      if (reply.status !== 200) throw badReply(text.badReply.http(reply.status));
      try {
        return parse(reply.body.toString('utf8'));
      } catch (e) {
        if (e instanceof EsclXmlError) throw badReply(text.badReply[e.reason]);
        throw e;
      }
    }
  }

  const capabilities = (signal?: AbortSignal) => getXml('ScannerCapabilities', parseCapabilities, signal);
  const status = (signal?: AbortSignal) => getXml('ScannerStatus', parseStatus, signal);
  /** The status when it can be read: it only explains a failure, so a scanner with a broken
   * ScannerStatus still scans (a cancel still cancels). */
  const explain = (signal?: AbortSignal) =>
    status(signal).catch((e: unknown) => {
      if (e instanceof HttpFailure) throw e;
      return null;
    });

  function inputCapsFor(caps: EsclCapabilities, s: ScanSettings): EsclInputCaps {
    const unsupported = (setting: string) => new AppError('SCANNER_SETTING_UNSUPPORTED', { device, setting: text.settings[setting] ?? setting });
    let input: EsclInputCaps | null;
    if (s.source === 'platen') input = caps.platen;
    else if (s.duplex) {
      if (!caps.adfSimplex && !caps.adfDuplex) throw unsupported('adf');
      input = caps.adfDuplex;
      if (!input) throw unsupported('duplex');
    } else input = caps.adfSimplex ?? caps.adfDuplex;
    if (!input) throw unsupported(s.source);
    if (input.colorModes.length > 0 && !input.colorModes.includes(ESCL_COLOR_MODES[s.colorMode])) throw unsupported(s.colorMode);
    const mime = s.format === 'pdf' ? 'application/pdf' : 'image/jpeg';
    const formats = input.formats.length > 0 ? input.formats : ['image/jpeg'];
    if (!formats.includes(mime)) throw unsupported(s.format);
    return input;
  }

  /** The job's URL from 201 + Location; 503 is retried, a fault the status explains is raised. */
  async function createJob(xml: string, adf: boolean, signal?: AbortSignal): Promise<URL> {
    for (let attempt = 0; ; attempt++) {
      // Not aborted mid-flight: a job the scanner created must be known, so that it can be deleted.
      const reply = await exchange('POST', endpoint('ScanJobs'), { body: xml, what: 'xml' });
      if (reply.status === 201 || (reply.status === 200 && reply.headers.location)) {
        if (!reply.headers.location) throw badReply(text.badReply.noLocation);
        const url = resolveJobUrl(base, reply.headers.location);
        if (!url) throw badReply(text.badReply.badLocation);
        return url;
      }
      if (reply.status !== 503 && reply.status !== 409) throw badReply(text.badReply.http(reply.status));
      const st = await explain(signal);
      const fault = st && esclFault(st, { device, adf, pages: 0, emptyIsFault: true });
      if (fault) throw fault;
      if (reply.status === 503 && attempt < maxRetries) {
        await sleep(backoff(attempt), signal);
        continue;
      }
      throw new AppError('SCANNER_BUSY', { device });
    }
  }

  async function deleteJob(job: URL): Promise<void> {
    await exchange('DELETE', job, { what: 'xml', idleTimeoutMs: DELETE_TIMEOUT_MS }).catch(() => undefined);
  }

  async function scan(settings: ScanSettings, run: ScanRun): Promise<{ pages: number }> {
    const { signal } = run;
    const adf = settings.source === 'adf';
    const progress = (pagesReceived: number, message: string) => run.onProgress?.({ pagesReceived, message });
    let pages = 0;
    let job: URL | null = null;
    let finished = false;
    try {
      progress(0, text.progress.connecting);
      const caps = await capabilities(signal);
      const input = inputCapsFor(caps, settings);
      if (adf) {
        const st = await explain(signal);
        const fault = st && esclFault(st, { device, adf, pages: 0, emptyIsFault: true });
        if (fault) throw fault;
      }
      const format = settings.format === 'pdf' ? 'application/pdf' : 'image/jpeg';
      const xml = scanSettingsXml({
        version: caps.version,
        inputSource: adf ? 'Feeder' : 'Platen',
        duplex: adf && settings.duplex,
        colorMode: ESCL_COLOR_MODES[settings.colorMode],
        resolution: nearestResolution(input.resolutions, settings.resolution),
        format,
        formatExt: input.formatExt,
        width: Math.max(input.minWidth, Math.min(A4_300THS.width, input.maxWidth || A4_300THS.width)),
        height: Math.max(input.minHeight, Math.min(A4_300THS.height, input.maxHeight || A4_300THS.height)),
      });
      if (signal?.aborted) throw new HttpFailure('aborted');
      progress(0, text.progress.starting);
      job = await createJob(xml, adf, signal);
      if (signal?.aborted) throw new HttpFailure('aborted');
      const jobPath = job.pathname.replace(/\/+$/, '');
      const next = new URL(job.href);
      next.pathname = `${jobPath}/NextDocument`;
      const origin = text.origin(caps.makeAndModel, base.host);
      let waits = 0;
      for (;;) {
        progress(pages, text.progress.waiting(pages + 1));
        const reply = await exchange('GET', next, { what: 'page', signal });
        if (reply.status === 200) {
          waits = 0;
          const magic = format === 'application/pdf' ? PDF_MAGIC : JPEG_MAGIC;
          if (!startsWith(reply.body, magic)) throw badReply(format === 'application/pdf' ? text.badReply.notPdf : text.badReply.notJpeg);
          // Only a page past the limit stops the scan (a scan of exactly maxPages pages ends with 404 as usual).
          if (pages >= maxPages) throw new AppError('SCAN_PAGE_LIMIT', { device, max: maxPages });
          const page: ScannedPage = { bytes: reply.body, mediaType: format, origin };
          await run.onPage(page, pages);
          pages++;
          progress(pages, text.progress.received(pages));
          if (signal?.aborted) throw new HttpFailure('aborted');
          continue;
        }
        // 404 ends a job normally, but a jammed scanner may end it with 404 too: ask.
        const st = await explain(signal);
        const fault = st && esclFault(st, { device, adf, pages, jobPath, emptyIsFault: pages === 0 && reply.status === 404 });
        if (fault) throw fault;
        if (reply.status === 503 && waits < maxRetries) {
          await sleep(backoff(waits++), signal);
          continue;
        }
        if (reply.status === 404 && pages > 0) break;
        if (reply.status === 503) throw new AppError('SCANNER_BUSY', { device });
        // Stop pressed on the scanner's panel, or the scanner gave up for a reason it did not name.
        const ours = st?.jobs.find((j) => j.uri.replace(/\/+$/, '').endsWith(jobPath));
        if (ours?.state === 'Canceled') throw new HttpFailure('aborted');
        if (ours?.state === 'Aborted') throw badReply(text.badReply.jobAborted);
        throw badReply(reply.status === 404 ? text.badReply.noPages : text.badReply.http(reply.status));
      }
      finished = true;
      progress(pages, text.progress.finished(pages));
      return { pages };
    } catch (e) {
      if (job && !finished) await deleteJob(job);
      if (e instanceof HttpFailure && e.kind === 'aborted') throw new AppError('SCAN_CANCELLED', { pages });
      throw e;
    }
  }

  return {
    kind: 'escl',
    scan,
    capabilities: () => capabilities(),
    status: () => status(),
    close: () => node.close(),
  };
}
