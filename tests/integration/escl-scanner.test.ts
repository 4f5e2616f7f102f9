import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Bonjour } from 'bonjour-service';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEsclSource, type EsclSource, type EsclSourceOptions } from '../../src/main/core/scanning/escl/escl-client';
import { discoverEscl } from '../../src/main/core/scanning/escl/escl-discovery';
import type { ScanSettings, ScannedPage } from '../../src/main/core/scanning/scan-source';
import { scanningText } from '../../src/shared/i18n/vi-scanning';
import { pagePixels, renderPage, startEsclScanner, type EsclDouble, type EsclDoubleSwitches } from '../doubles/escl-scanner';
import { failure } from '../support/app-error';
import { projectRoot } from '../support/host-process';
import { makeTempDir } from '../support/temp-dir';

// Our eSCL client against a scanner double on 127.0.0.1 that behaves like a network scanner on
// a good and on a bad day; Debian's sane-airscan scans from the same double, so the double is
// held to what a client we did not write accepts. The CLI is run as an admin would run it.

const run = promisify(execFile);
const temp = makeTempDir('motcua-escl-');
afterAll(() => temp.cleanup());

const settings = (o: Partial<ScanSettings> = {}): ScanSettings => ({ source: 'adf', duplex: false, colorMode: 'grayscale', resolution: 100, format: 'jpeg', ...o });

let double: EsclDouble | null = null;
const sources: EsclSource[] = [];
afterEach(async () => {
  for (const s of sources.splice(0)) s.close();
  await double?.stop();
  double = null;
});

async function scanner(switches: Partial<EsclDoubleSwitches> = {}): Promise<EsclDouble> {
  double = await startEsclScanner(switches);
  return double;
}

function client(d: EsclDouble, o: Partial<EsclSourceOptions> = {}): EsclSource {
  const source = createEsclSource({ baseUrl: d.baseUrl, retryDelayMs: 10, ...o });
  sources.push(source);
  return source;
}

/** Scans, keeping the pages delivered before any error. */
async function scanAll(source: EsclSource, s: ScanSettings, extra: { signal?: AbortSignal; onPage?: (p: ScannedPage) => void } = {}) {
  const pages: ScannedPage[] = [];
  const indexes: number[] = [];
  const outcome = source.scan(s, {
    signal: extra.signal,
    onPage: async (page, index) => {
      pages.push(page);
      indexes.push(index);
      extra.onPage?.(page);
    },
  });
  return { pages, indexes, outcome };
}

/** Async, so the double in this process keeps answering while the CLI runs. */
const motcua = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/main/cli/index.ts'), ...args], { cwd: projectRoot, env: { ...process.env, BROWSER: 'none' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

const requests = (d: EsclDouble) => d.log().map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/, 'JOB')} ${e.status}`);

describe('our eSCL client against the scanner double', () => {
  it('scans one colour page from the platen: an A4 JPEG at the resolution asked, the very bytes the scanner sent', async () => {
    const d = await scanner();
    const { pages, outcome } = await scanAll(client(d), settings({ source: 'platen', colorMode: 'color', resolution: 200 }));
    expect(await outcome).toEqual({ pages: 1 });
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page!.mediaType).toBe('image/jpeg');
    expect(page!.origin).toBe(scanningText.origin('Double eSCL Scanner', `127.0.0.1:${d.port}`));
    expect(page!.bytes.equals(d.sent()[0]!.bytes)).toBe(true);
    const meta = await sharp(page!.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1653, height: 2339, channels: 3 });
    const posted = d.log().find((e) => e.method === 'POST')!.body!;
    expect(posted).toContain('<pwg:InputSource>Platen</pwg:InputSource>');
    expect(posted).toContain('<scan:ColorMode>RGB24</scan:ColorMode>');
    expect(posted).toContain('<scan:XResolution>200</scan:XResolution>');
    expect(requests(d).at(-2)).toBe('GET /eSCL/ScanJobs/JOB/NextDocument 404');
  });

  it('scans 10 greyscale pages from the feeder, in order, each exactly as sent', async () => {
    const d = await scanner({ pages: 10 });
    const { pages, indexes, outcome } = await scanAll(client(d), settings());
    expect(await outcome).toEqual({ pages: 10 });
    expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const sent = d.sent();
    expect(sent.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    pages.forEach((p, i) => expect(p.bytes.equals(sent[i]!.bytes)).toBe(true));
    expect(new Set(sent.map((p) => p.sha256)).size).toBe(10);
    expect(await sharp(pages[3]!.bytes).metadata()).toMatchObject({ width: 827, height: 1169, channels: 1 });
    expect(d.switches().pages).toBe(0); // the feeder is empty now, as a real one would be
  });

  it('scans both sides of each sheet in duplex: 2 × pages', async () => {
    const d = await scanner({ pages: 3 });
    const { pages, outcome } = await scanAll(client(d), settings({ duplex: true }));
    expect(await outcome).toEqual({ pages: 6 });
    expect(pages).toHaveLength(6);
    expect(d.log().find((e) => e.method === 'POST')!.body).toContain('<scan:Duplex>true</scan:Duplex>');
  });

  it('refuses duplex on a feeder that cannot turn the sheet, naming the setting', async () => {
    const d = await scanner({ duplex: false });
    const e = await failure(client(d).scan(settings({ duplex: true }), { onPage: async () => undefined }));
    expect(e.code).toBe('SCANNER_SETTING_UNSUPPORTED');
    expect(e.message).toContain(scanningText.settings.duplex);
    expect(d.log().some((l) => l.method === 'POST')).toBe(false);
  });

  it('receives one-page PDFs when asked for PDF', async () => {
    const d = await scanner({ pages: 2 });
    const { pages, outcome } = await scanAll(client(d), settings({ format: 'pdf', colorMode: 'color' }));
    expect(await outcome).toEqual({ pages: 2 });
    for (const [i, page] of pages.entries()) {
      expect(page.mediaType).toBe('application/pdf');
      expect(page.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(page.bytes.equals(d.sent()[i]!.bytes)).toBe(true);
      const pdf = await PDFDocument.load(page.bytes);
      expect(pdf.getPageCount()).toBe(1);
      expect(pdf.getPage(0).getWidth()).toBeCloseTo(595.4, 0); // A4 in points
    }
  });

  it('waits out a scanner that answers 503 first (job and page), then 200', async () => {
    const d = await scanner({ pages: 2, failFirstWith503: 1 });
    const { outcome } = await scanAll(client(d), settings());
    expect(await outcome).toEqual({ pages: 2 });
    const log = requests(d);
    expect(log.filter((l) => l.startsWith('POST'))).toEqual(['POST /eSCL/ScanJobs 503', 'POST /eSCL/ScanJobs 201']);
    const pageRequests = log.filter((l) => l.includes('NextDocument'));
    expect(pageRequests.slice(0, 2)).toEqual(['GET /eSCL/ScanJobs/JOB/NextDocument 503', 'GET /eSCL/ScanJobs/JOB/NextDocument 200']);
  });

  it('waits for a slow scanner page by page', async () => {
    const d = await scanner({ pages: 2, slowMs: 120 });
    const { pages, outcome } = await scanAll(client(d, { retryDelayMs: 40 }), settings());
    expect(await outcome).toEqual({ pages: 2 });
    expect(pages).toHaveLength(2);
    expect(requests(d)).toContain('GET /eSCL/ScanJobs/JOB/NextDocument 503');
  });

  it.each([409, 503] as const)('keeps the 3 pages scanned before a jam (answered %i), then says SCANNER_JAMMED', async (jamStatus) => {
    const d = await scanner({ pages: 8, jamAfter: 3, jamStatus });
    const { pages, outcome } = await scanAll(client(d), settings());
    const e = await failure(outcome);
    expect(e.code).toBe('SCANNER_JAMMED');
    expect(e.message).toContain('đã nhận 3 trang');
    expect(e.message).toContain('gỡ tờ giấy kẹt');
    expect(pages).toHaveLength(3);
    pages.forEach((p, i) => expect(p.bytes.equals(d.sent()[i]!.bytes)).toBe(true));
  });

  it('says the feeder is empty before creating a job', async () => {
    const d = await scanner({ emptyFeeder: true });
    const e = await failure(client(d).scan(settings(), { onPage: async () => undefined }));
    expect(e.code).toBe('SCANNER_FEEDER_EMPTY');
    expect(e.message).toContain('đặt giấy vào khay');
    expect(d.log().some((l) => l.method === 'POST')).toBe(false);
    d.set({ emptyFeeder: false, pages: 0 });
    expect((await failure(client(d).scan(settings(), { onPage: async () => undefined }))).code).toBe('SCANNER_FEEDER_EMPTY');
  });

  it('says the cover is open', async () => {
    const d = await scanner({ coverOpen: true });
    const e = await failure(client(d).scan(settings(), { onPage: async () => undefined }));
    expect(e.code).toBe('SCANNER_COVER_OPEN');
    expect(e.message).toContain('đóng chặt nắp');
    // The platen does not need the feeder's cover.
    expect(await client(d).scan(settings({ source: 'platen' }), { onPage: async () => undefined })).toEqual({ pages: 1 });
  });

  it('says the scanner is busy after a bounded number of 503s', async () => {
    const d = await scanner({ busy: true });
    const e = await failure(client(d, { maxRetries: 2 }).scan(settings(), { onPage: async () => undefined }));
    expect(e.code).toBe('SCANNER_BUSY');
    expect(requests(d).filter((l) => l.startsWith('POST'))).toEqual(['POST /eSCL/ScanJobs 503', 'POST /eSCL/ScanJobs 503', 'POST /eSCL/ScanJobs 503']);
  });

  it.each(['relative', 'absolute'] as const)('follows a %s Location', async (locationStyle) => {
    const d = await scanner({ pages: 2, locationStyle });
    const { outcome } = await scanAll(client(d), settings());
    expect(await outcome).toEqual({ pages: 2 });
    const job = d.jobs()[0]!;
    expect(d.log().filter((l) => l.path === `${job.path}/NextDocument`).map((l) => l.status)).toEqual([200, 200, 404]);
  });

  it('refuses capabilities with a DOCTYPE (entity bomb) and a capabilities reply that never ends', async () => {
    const d = await scanner({ hostile: 'entity-bomb' });
    const bomb = await failure(client(d).scan(settings(), { onPage: async () => undefined }));
    expect(bomb.code).toBe('SCANNER_BAD_REPLY');
    expect(bomb.message).toContain(scanningText.badReply.doctype);
    d.set({ hostile: 'huge' });
    const huge = await failure(client(d).capabilities());
    expect(huge.code).toBe('SCANNER_BAD_REPLY');
    expect(huge.message).toContain(scanningText.badReply.xmlTooLarge);
  });

  it('cuts off a page that never ends (keeping nothing of it) and deletes the job', async () => {
    const d = await scanner({ pages: 3, endless: 'huge' });
    const { pages, outcome } = await scanAll(client(d, { maxPageBytes: 1024 * 1024 }), settings());
    const e = await failure(outcome);
    expect(e.code).toBe('SCAN_PAGE_TOO_LARGE');
    expect(e.message).toContain('1 MB');
    expect(pages).toHaveLength(0);
    expect(requests(d)).toContain('DELETE /eSCL/ScanJobs/JOB 200');
  });

  it('gives up on a page whose bytes stop coming', async () => {
    const d = await scanner({ pages: 3, endless: 'stall' });
    const e = await failure(client(d, { timeoutMs: 500 }).scan(settings(), { onPage: async () => undefined }));
    expect(e.code).toBe('SCANNER_BAD_REPLY');
    expect(e.message).toContain(scanningText.badReply.stalled);
  });

  it('cancels after a page: SCAN_CANCELLED, the page already delivered stays, DELETE reaches the scanner', async () => {
    const d = await scanner({ pages: 5 });
    const controller = new AbortController();
    const { pages, outcome } = await scanAll(client(d), settings(), { signal: controller.signal, onPage: () => controller.abort() });
    const e = await failure(outcome);
    expect(e.code).toBe('SCAN_CANCELLED');
    expect(e.message).toContain('1 trang đã nhận');
    expect(pages).toHaveLength(1);
    const job = d.jobs()[0]!;
    expect(d.log().at(-1)).toMatchObject({ method: 'DELETE', path: job.path, status: 200 });
    expect(job.state).toBe('Canceled');
  });

  it('cancels while waiting for a page that is not ready', async () => {
    const d = await scanner({ pages: 5, slowMs: 60_000 });
    const controller = new AbortController();
    const { pages, outcome } = await scanAll(client(d, { retryDelayMs: 20 }), settings(), { signal: controller.signal });
    while (!requests(d).includes('GET /eSCL/ScanJobs/JOB/NextDocument 503')) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const e = await failure(outcome);
    expect(e.code).toBe('SCAN_CANCELLED');
    expect(pages).toHaveLength(0);
    expect(requests(d)).toContain('GET /eSCL/ScanJobs/JOB/NextDocument 503');
    expect(requests(d).at(-1)).toBe('DELETE /eSCL/ScanJobs/JOB 200');
    expect(d.jobs()[0]!.state).toBe('Canceled');
  });

  it('reads Stop pressed on the scanner panel (the job Canceled) as a cancel', async () => {
    const d = await scanner({ pages: 3, slowMs: 60_000 });
    const { pages, outcome } = await scanAll(client(d, { retryDelayMs: 20 }), settings());
    // Someone at the scanner presses Stop while the client waits for the first page.
    while (!requests(d).includes('GET /eSCL/ScanJobs/JOB/NextDocument 503')) await new Promise((r) => setTimeout(r, 10));
    await fetch(new URL(d.jobs()[0]!.path, d.baseUrl), { method: 'DELETE' });
    const e = await failure(outcome);
    expect(e.code).toBe('SCAN_CANCELLED');
    expect(pages).toHaveLength(0);
  });

  it('says the scanner cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const source = createEsclSource({ baseUrl: `http://127.0.0.1:${port}/eSCL` });
    sources.push(source);
    const e = await failure(source.scan(settings(), { onPage: async () => undefined }));
    expect(e.code).toBe('SCANNER_UNREACHABLE');
    expect(e.message).toContain(scanningText.unreachable.refused);
  });

  it('works over a caller-supplied fetch, with the same byte cap', async () => {
    const d = await scanner({ pages: 2 });
    let calls = 0;
    const counted: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const { pages, outcome } = await scanAll(client(d, { fetch: counted }), settings());
    expect(await outcome).toEqual({ pages: 2 });
    pages.forEach((p, i) => expect(p.bytes.equals(d.sent()[i]!.bytes)).toBe(true));
    expect(calls).toBe(d.log().length);
    d.set({ pages: 2, endless: 'huge' });
    expect((await failure(client(d, { fetch: counted, maxPageBytes: 512 * 1024 }).scan(settings(), { onPage: async () => undefined }))).code).toBe('SCAN_PAGE_TOO_LARGE');
  });
  it('still scans from a scanner whose ScannerStatus is broken (it only explains failures)', async () => {
    const d = await scanner({ pages: 2 });
    const noStatus: typeof fetch = async (input, init) =>
      String(input).endsWith('/ScannerStatus') ? new Response('Not Found', { status: 404 }) : fetch(input, init);
    const { pages, outcome } = await scanAll(client(d, { fetch: noStatus }), settings());
    expect(await outcome).toEqual({ pages: 2 });
    expect(pages).toHaveLength(2);
  });

  it('refuses a "page" that is not a JPEG (or not a PDF), and deletes the job', async () => {
    const d = await scanner({ pages: 2 });
    const garbling: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).endsWith('/NextDocument') || res.status !== 200) return res;
      await res.arrayBuffer();
      return new Response('<html>Đăng nhập</html>', { status: 200, headers: { 'content-type': 'image/jpeg' } });
    };
    for (const format of ['jpeg', 'pdf'] as const) {
      d.set({ pages: 2 });
      const { pages, outcome } = await scanAll(client(d, { fetch: garbling }), settings({ format }));
      const e = await failure(outcome);
      expect(e.code).toBe('SCANNER_BAD_REPLY');
      expect(e.message).toContain(format === 'jpeg' ? scanningText.badReply.notJpeg : scanningText.badReply.notPdf);
      expect(pages).toHaveLength(0);
      expect(requests(d).at(-1)).toBe('DELETE /eSCL/ScanJobs/JOB 200');
    }
  });
});

describe('the double\'s pages', () => {
  it('are deterministic, show text-like lines and the page number, keep the red seal in colour, and can be blank', async () => {
    const base = { inputSource: 'Feeder' as const, duplex: false, resolution: 100, format: 'image/jpeg' as const, width: 2480, height: 3508 };
    const colour = { ...base, colorMode: 'RGB24' as const };
    const one = await renderPage({ number: 1, settings: colour, blank: false });
    expect((await renderPage({ number: 1, settings: colour, blank: false })).equals(one)).toBe(true);
    const two = await renderPage({ number: 2, settings: colour, blank: false });
    const { width, height } = pagePixels(colour);
    const mm = (v: number) => Math.round((v / 25.4) * 100);
    const region = async (jpeg: Buffer, left: number, top: number, w: number, h: number) =>
      sharp(jpeg).extract({ left: mm(left), top: mm(top), width: mm(w), height: mm(h) }).raw().toBuffer();
    // The page number (top right) differs between pages 1 and 2.
    expect((await region(one, 170, 6, 36, 18)).equals(await region(two, 170, 6, 36, 18))).toBe(false);
    // Text-like lines: a good share of dark pixels in the body.
    const body = await sharp(one).extract({ left: mm(20), top: mm(50), width: mm(170), height: mm(180) }).greyscale().raw().toBuffer();
    const dark = body.filter((v) => v < 100).length / body.length;
    expect(dark).toBeGreaterThan(0.15);
    // The seal is red: more red than green around it.
    // (stats() reads the input image, not the extract: crop to a new image first.)
    const seal = await sharp(await sharp(one).extract({ left: mm(132), top: mm(244), width: mm(36), height: mm(36) }).png().toBuffer()).stats();
    expect(seal.channels[0]!.mean - seal.channels[1]!.mean).toBeGreaterThan(10);
    const blank = await renderPage({ number: 3, settings: colour, blank: true });
    expect(await sharp(blank).metadata()).toMatchObject({ width, height });
    expect(Math.min(...(await sharp(blank).stats()).channels.map((c) => c.min))).toBeGreaterThan(245);
  });

  it('serves the blank pages asked for', async () => {
    const d = await scanner({ pages: 3, blankPages: [2] });
    const { pages, outcome } = await scanAll(client(d), settings());
    expect(await outcome).toEqual({ pages: 3 });
    const mins = await Promise.all(pages.map(async (p) => (await sharp(p.bytes).stats()).channels[0]!.min));
    expect(mins[1]).toBeGreaterThan(245);
    expect(mins[0]).toBeLessThan(60);
    expect(mins[2]).toBeLessThan(60);
  });
});

describe('HTTPS with a pinned certificate', () => {
  // openssl is part of the base system here; without it there is no way to make a certificate.
  const hasOpenssl = existsSync('/usr/bin/openssl');
  const certDir = join(temp.dir, 'tls');
  let fingerprint = '';

  beforeAll(async () => {
    if (!hasOpenssl) return;
    mkdirSync(certDir, { recursive: true });
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'), '-days', '2', '-subj', '/CN=Double scanner', '-addext', 'subjectAltName=IP:127.0.0.1']);
    const { stdout } = await run('openssl', ['x509', '-in', join(certDir, 'cert.pem'), '-noout', '-fingerprint', '-sha256']);
    fingerprint = stdout.trim().split('=')[1]!.toUpperCase();
  });

  it.skipIf(!hasOpenssl)('refuses an unpinned self-signed scanner, naming its fingerprint; scans once pinned; refuses a wrong pin', async () => {
    double = await startEsclScanner({ pages: 2, tls: { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) } });
    const d = double;
    expect(d.baseUrl.startsWith('https://')).toBe(true);
    const unpinned = await failure(client(d).scan(settings(), { onPage: async () => undefined }));
    expect(unpinned.code).toBe('SCANNER_CERT_NOT_PINNED');
    expect(unpinned.message).toContain(fingerprint);
    expect(d.log().some((l) => l.method === 'POST')).toBe(false);

    const pinned = await scanAll(client(d, { pinnedCertSha256: fingerprint.replace(/:/g, '').toLowerCase() }), settings());
    expect(await pinned.outcome).toEqual({ pages: 2 });
    pinned.pages.forEach((p, i) => expect(p.bytes.equals(d.sent()[i]!.bytes)).toBe(true));

    const wrong = await failure(client(d, { pinnedCertSha256: 'AB'.repeat(32) }).capabilities());
    expect(wrong.code).toBe('SCANNER_CERT_MISMATCH');
    expect(wrong.message).toContain(fingerprint);
    expect(() => createEsclSource({ baseUrl: d.baseUrl, pinnedCertSha256: 'not-a-hash' })).toThrow(expect.objectContaining({ code: 'SCANNER_PIN_INVALID' }));
  });
});

describe('sane-airscan (a client we did not write) scans from the double', () => {
  function saneConfig(d: EsclDouble): string {
    const dir = join(temp.dir, `sane-${d.port}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dll.conf'), 'airscan\n');
    writeFileSync(join(dir, 'airscan.conf'), `[devices]\n"Double" = ${d.baseUrl}, escl\n[options]\ndiscovery = disable\nws-discovery = off\n`);
    return dir;
  }

  /** P5 (grey) or P6 (colour) PNM: its size and pixels. */
  function readPnm(file: string) {
    const bytes = readFileSync(file);
    const header = /^(P[56])\n(?:#[^\n]*\n)*(\d+) (\d+)\n(\d+)\n/.exec(bytes.toString('latin1', 0, 200));
    if (!header) throw new Error(`not a PNM: ${file}`);
    return { kind: header[1], width: Number(header[2]), height: Number(header[3]), pixels: bytes.subarray(header[0].length) };
  }

  const scanimage = (dir: string, out: string, source: string) =>
    run('scanimage', ['-d', 'airscan:e0:Double', '--source', source, '--mode', 'Gray', '--resolution', '150', `--batch=${join(out, 'p%02d.pnm')}`], {
      env: { ...process.env, SANE_CONFIG_DIR: dir },
      timeout: 20_000,
    }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
    );

  it('scanimage --source ADF --batch gets every page, A4 at 150 dpi, with the pixels we sent', async () => {
    const d = await scanner({ pages: 4 });
    const out = join(temp.dir, 'airscan-out');
    mkdirSync(out);
    const r = await scanimage(saneConfig(d), out, 'ADF');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('4 pages scanned');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['p01.pnm', 'p02.pnm', 'p03.pnm', 'p04.pnm']);
    expect(d.jobs()[0]!.settings).toMatchObject({ inputSource: 'Feeder', colorMode: 'Grayscale8', resolution: 150 });
    for (const [i, f] of files.entries()) {
      const pnm = readPnm(join(out, f));
      expect(pnm).toMatchObject({ kind: 'P5', width: 1240, height: 1754 });
      const ours = await sharp(d.sent()[i]!.bytes).toColourspace('b-w').raw().toBuffer();
      expect(ours.length).toBe(pnm.pixels.length);
      let diff = 0;
      for (let k = 0; k < ours.length; k++) diff += Math.abs(ours[k]! - pnm.pixels[k]!);
      expect(diff / ours.length).toBeLessThan(1); // two JPEG decoders, the same picture
    }
  });

  it('scanimage stops at a jam with "Document feeder jammed" and keeps the pages before it', async () => {
    const d = await scanner({ pages: 5, jamAfter: 2 });
    const out = join(temp.dir, 'airscan-jam');
    mkdirSync(out);
    const r = await scanimage(saneConfig(d), out, 'ADF');
    expect(r.stderr).toContain('Document feeder jammed');
    expect(r.code).toBe(6); // SANE_STATUS_JAMMED
    expect(readdirSync(out).sort()).toEqual(['p01.pnm', 'p02.pnm']);
  });
});

describe('discovery (multicast works on this machine\'s eth0; bonjour-service cannot publish on loopback alone)', () => {
  it('browses quietly within its timeout, and finds the double once it is published with DNS-SD', async () => {
    const d = await scanner();
    const uuid = randomUUID();
    expect((await discoverEscl({ timeoutMs: 600 })).some((x) => x.uuid === uuid)).toBe(false);
    const bonjour = new Bonjour({}, () => undefined);
    try {
      bonjour.publish({ name: `Double ${uuid.slice(0, 8)}`, type: 'uscan', port: d.port, txt: { rs: 'eSCL', ty: 'Double eSCL Scanner', UUID: uuid }, probe: false });
      const found = (await discoverEscl({ timeoutMs: 1500 })).find((x) => x.uuid === uuid);
      expect(found).toMatchObject({ name: `Double ${uuid.slice(0, 8)}`, model: 'Double eSCL Scanner', secure: false, how: 'dns-sd' });
      expect(found!.url).toMatch(new RegExp(`^http://[^/]+:${d.port}/eSCL$`));
    } finally {
      await new Promise<void>((resolve) => bonjour.unpublishAll(() => resolve()));
      bonjour.destroy();
    }
  });
});

describe('motcua scan', () => {
  // The three runs go side by side: starting the CLI (tsx, the whole core) is what takes time.
  it('writes page-001.jpg … into the folder and prints a JSON summary; says what is wrong; --discover lists scanners', async () => {
    const d = await scanner({ pages: 3 });
    const out = join(temp.dir, 'cli-out');
    const empty = await startEsclScanner({ emptyFeeder: true });
    const uuid = randomUUID();
    const bonjour = new Bonjour({}, () => undefined);
    try {
      bonjour.publish({ name: `CLI double ${uuid.slice(0, 8)}`, type: 'uscan', port: empty.port, txt: { rs: 'eSCL', ty: 'Double eSCL Scanner', UUID: uuid }, probe: false });
      const [ok, noPaper, discover] = await Promise.all([
        motcua(['scan', '--device', `127.0.0.1:${d.port}`, '--resolution', '100', '--out', out, '--json']),
        motcua(['scan', '--device', empty.baseUrl, '--out', join(temp.dir, 'cli-empty')]),
        motcua(['--json', 'scan', '--discover', '--timeout', '2']),
      ]);
      expect(ok.status, ok.stderr).toBe(0);
      const summary = JSON.parse(ok.stdout) as { pages: number; files: { file: string; sha256: string }[] };
      expect(summary.pages).toBe(3);
      expect(readdirSync(out).sort()).toEqual(['page-001.jpg', 'page-002.jpg', 'page-003.jpg']);
      d.sent().forEach((p, i) => expect(readFileSync(join(out, `page-00${i + 1}.jpg`)).equals(p.bytes)).toBe(true));
      expect(summary.files.map((f) => f.sha256)).toEqual(d.sent().map((p) => p.sha256));

      expect(noPaper.status).toBe(1);
      expect(noPaper.stderr).toContain('Khay nạp giấy của máy quét đang trống');

      expect(discover.status, discover.stderr).toBe(0);
      const listed = (JSON.parse(discover.stdout) as { devices: { uuid: string; url: string; model: string }[] }).devices.find((x) => x.uuid === uuid);
      expect(listed).toMatchObject({ model: 'Double eSCL Scanner', url: expect.stringMatching(new RegExp(`:${empty.port}/eSCL$`)) });
    } finally {
      await new Promise<void>((resolve) => bonjour.unpublishAll(() => resolve()));
      bonjour.destroy();
      await empty.stop();
    }
  }, 60_000);
});
