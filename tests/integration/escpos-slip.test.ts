import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/api/errors';
import { sendToEscPos } from '../../src/main/core/slip/escpos-driver';
import { rasterize } from '../../src/main/core/slip/escpos-raster';
import { slipData, type SlipData } from '../../src/main/core/slip/slip-data';
import { createSlipRenderer, type BrowserLauncher, type SlipRenderer } from '../../src/main/core/slip/slip-renderer';
import { startEscPosPrinter, type Capture, type EscPosPrinterDouble } from '../doubles/escpos-printer';
import { makeTempDir } from '../support/temp-dir';
import { longNames, office, sampleDetail } from '../unit/slip/slip-fixtures';

// The whole way a slip goes at the counter: dossier → HTML → PNG in a real Chromium → ESC/POS
// raster → TCP to a printer double, whose captured raster is decoded back to a PNG and scanned
// with zbarimg, as a phone would scan the printed paper. One warm browser serves the file; the
// tests that kill it get the next one.

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';

let renderer: SlipRenderer;
let printer: EscPosPrinterDouble;
let temp: ReturnType<typeof makeTempDir>;
const launched: number[] = [];
/** Set by a test: the next browser started is killed as soon as the renderer opens its page. */
let killAtFirstPage = false;
const countingLauncher: BrowserLauncher = async (options) => {
  const browser = await puppeteer.launch(options);
  const pid = browser.process()?.pid;
  if (!pid || pid <= 0) throw new Error('the browser started without a process id');
  launched.push(pid);
  if (killAtFirstPage) {
    killAtFirstPage = false;
    browser.once('targetcreated', () => process.kill(pid, 'SIGKILL'));
  }
  return browser;
};

/** SIGKILLs the warm browser: only ever a positive pid this file's launcher recorded (never 0 or -1). */
async function killWarmBrowser(): Promise<number> {
  await renderer.render(longSlip); // makes sure there is one
  const pid = launched.at(-1);
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) throw new Error(`no browser process to kill (${String(pid)})`);
  process.kill(pid, 'SIGKILL');
  return pid;
}

beforeAll(async () => {
  temp = makeTempDir('motcua-slip-');
  printer = await startEscPosPrinter();
  // A copy of resources/, so that one test can try a template of its own.
  for (const dir of ['forms', 'fonts']) cpSync(join(__dirname, '../../resources', dir), join(temp.dir, 'resources', dir), { recursive: true });
  renderer = createSlipRenderer({ resourcesDir: join(temp.dir, 'resources'), chromiumPath: CHROMIUM, launch: countingLauncher });
});
afterAll(async () => {
  await renderer.close();
  await printer.stop();
  temp.cleanup();
});

/** Renders, rasterises and prints one slip; returns what the printer received. */
async function printSlip(data: SlipData): Promise<Capture> {
  const before = (await printer.jobs()).length;
  await sendToEscPos('127.0.0.1', printer.port, await rasterize(await renderer.render(data)));
  const jobs = await printer.jobs();
  expect(jobs).toHaveLength(before + 1);
  const job = jobs.at(-1);
  if (!job?.png) throw new Error('the printer received no raster');
  return job;
}

/** What a phone reads off the printed slip: zbarimg's text, or null when it finds no code. */
async function scan(png: Buffer, name: string): Promise<string | null> {
  const file = join(temp.dir, name);
  writeFileSync(file, png);
  try {
    const { stdout } = await run('zbarimg', ['--raw', '-q', file]);
    return stdout.replace(/\n$/, '');
  } catch (e) {
    // zbarimg exits 4 when the image holds no barcode.
    if ((e as { code?: number }).code === 4) return null;
    throw e;
  }
}

/** Resolves once the process has exited (signal 0 tests that it still exists). */
function processGone(pid: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const poll = () => {
      try {
        process.kill(pid, 0);
        setTimeout(poll, 20);
      } catch {
        resolve();
      }
    };
    poll();
  });
}

const longSlip = slipData(sampleDetail(longNames), office);

describe('the 80 mm slip over ESC/POS', () => {
  it('prints as a 576-dot raster, cut, whose QR reads back as exactly the lookup URL', async () => {
    const job = await printSlip(longSlip);
    expect(job.width).toBe(576);
    const meta = await sharp(job.png ?? Buffer.alloc(0)).metadata();
    expect(meta.width).toBe(576);
    expect(job.height).toBeGreaterThan(400);
    expect(job.commands[0]?.name).toBe('init');
    expect(job.cut).toBe(true);
    expect(job.partialCut).toBe(true);
    expect(job.unknown).toEqual([]);
    expect(await scan(job.png ?? Buffer.alloc(0), 'long.png')).toBe('https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-260225-0001');
  });

  it('keeps one browser warm across renders', async () => {
    await renderer.render(longSlip);
    await renderer.render(slipData(sampleDetail(), office));
    expect(launched).toHaveLength(1);
  });

  it('prints no QR when the office has no lookup page', async () => {
    const job = await printSlip(slipData(sampleDetail(), { ...office, lookupUrlPattern: '' }));
    expect(await scan(job.png ?? Buffer.alloc(0), 'no-qr.png')).toBeNull();
  });

  it('prints HTML in a name as text: markup cannot change the slip', async () => {
    const plain = await sharp(await renderer.render(slipData(sampleDetail({ applicantName: 'Nguyễn Văn An' }), office))).metadata();
    // Unescaped, this would add a 3000 px block and hide the rest of the slip.
    const markup = '<div style="height:3000px"></div><style>#slip{display:none}</style>';
    const hostile = await renderer.render(slipData(sampleDetail({ applicantName: markup, procedureName: 'A & B "C" \'D\' {{code}}' }), office));
    const meta = await sharp(hostile).metadata();
    expect(meta.width).toBe(576);
    // The text of the markup takes a few more lines than the plain name, never thousands of pixels.
    expect(meta.height).toBeGreaterThan(plain.height ?? 0);
    expect(meta.height).toBeLessThan((plain.height ?? 0) + 300);
    const job = await printSlip(slipData(sampleDetail({ applicantName: markup }), office));
    expect(await scan(job.png ?? Buffer.alloc(0), 'markup.png')).toBe('https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-260225-0001');
  });

  it('loads nothing from the network, whatever the template asks for', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const file = join(temp.dir, 'resources', 'forms', 'slip.html');
    const shipped = readFileSync(file, 'utf8');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      writeFileSync(
        file,
        shipped.replace('</style>', `#slip { background-image: url(${url}/bg.png); }\n</style>`).replace('<div class="rule"></div>', `<img src="${url}/logo.png" alt=""><div class="rule"></div>`),
      );
      const png = await renderer.render(longSlip);
      expect((await sharp(png).metadata()).width).toBe(576);
      expect(requests).toEqual([]);
    } finally {
      writeFileSync(file, shipped);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('starts a new browser when the warm one has died', async () => {
    await processGone(await killWarmBrowser());
    const before = launched.length;
    const png = await renderer.render(longSlip);
    expect((await sharp(png).metadata()).width).toBe(576);
    expect(launched).toHaveLength(before + 1);
  });

  it('renders on a fresh browser when the browser dies in the middle of a render', async () => {
    const gone = await killWarmBrowser();
    await processGone(gone);
    const before = launched.length;
    killAtFirstPage = true;
    const png = await renderer.render(longSlip);
    expect((await sharp(png).metadata()).width).toBe(576);
    // One browser died under the render; the render itself went through on the next.
    expect(launched).toHaveLength(before + 2);
  });

  it('reports a printer that refuses the connection, and one that never reads, as PRINTER_UNREACHABLE', async () => {
    const bytes = await rasterize(await renderer.render(longSlip));
    for (const [mode, words] of [
      ['refuse', 'từ chối kết nối'],
      ['stuck', 'không in xong'],
    ] as const) {
      await printer.setMode(mode);
      const e = await sendToEscPos('127.0.0.1', printer.port, bytes, { timeoutMs: 500 }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('PRINTER_UNREACHABLE');
      expect((e as AppError).message).toContain(`127.0.0.1:${printer.port}`);
      expect((e as AppError).message).toContain(words);
    }
    await printer.setMode('accept');
  });
});
