import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import Handlebars from 'handlebars';
import { Screenshot } from 'node-html-to-image/dist/models/Screenshot';
import { makeScreenshot } from 'node-html-to-image/dist/screenshot';
import puppeteer, { type Browser, type HTTPRequest, type Page, type PuppeteerLaunchOptions } from 'puppeteer-core';
import { AppError, isAppError } from '../../../shared/api/errors';
import { slipText } from '../../../shared/i18n/vi-slip';
import { findAppBrowser, isExecutable } from '../runtime/browsers';
import type { SlipData } from './slip-data';

/** 72 mm of printable width at 203 dpi: an 80 mm receipt printer's raster line. */
export const SLIP_WIDTH_PX = 576;

const TEMPLATE = join('forms', 'slip.html');
const FONTS = { regular: join('fonts', 'LiberationSerif-Regular.ttf'), bold: join('fonts', 'LiberationSerif-Bold.ttf') };
const RENDER_TIMEOUT_MS = 15_000;

// The page holds only our template and data, and every request leaving the page is refused
// (see blockNetwork), so the sandbox buys little here; it fails in containers and as root.
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--hide-scrollbars',
  '--font-render-hinting=none',
];

export type BrowserLauncher = (options: PuppeteerLaunchOptions) => Promise<Browser>;

export interface SlipRendererOptions {
  /** The bundled resources/ folder (forms/slip.html, fonts/). */
  resourcesDir: string;
  /** A Chromium-family browser; null: the first one found on this machine. */
  chromiumPath: string | null;
  /** How the browser is started; tests count launches through it. */
  launch?: BrowserLauncher;
}

export interface SlipRenderer {
  /** The slip as a PNG exactly 576 px wide. */
  render(data: SlipData): Promise<Buffer>;
  /** Closes the browser; a later render starts a new one. */
  close(): Promise<void>;
}


function shortReason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim().slice(0, 200);
}

/**
 * Anything printed from `{{{x}}}` or `{{& x}}` is raw HTML: a citizen's name could then draw
 * on the slip. Partials are refused too (none are registered, and they would bypass review).
 */
function unsafeStatement(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = unsafeStatement(child);
      if (found) return found;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;
  const n = node as { type?: unknown; escaped?: unknown; loc?: { start?: { line?: number } } };
  const line = n.loc?.start?.line ?? 0;
  if (n.type === 'MustacheStatement' && n.escaped === false) return `dòng ${line}: in thẳng mã HTML (ba dấu ngoặc nhọn hoặc dấu &)`;
  if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') return `dòng ${line}: dùng mẫu con (partial)`;
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null) {
      const found = unsafeStatement(value);
      if (found) return found;
    }
  }
  return null;
}

async function loadTemplate(resourcesDir: string): Promise<string> {
  const file = join(resourcesDir, TEMPLATE);
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('SLIP_TEMPLATE_INVALID', { file, detail: shortReason(e) });
  }
  let problem: string | null;
  try {
    const ast = Handlebars.parse(html);
    problem = unsafeStatement(ast);
    // Looked for in the markup only: the template's comment mentions id="slip" too.
    const markup = ast.body.map((s) => (s.type === 'ContentStatement' ? (s as hbs.AST.ContentStatement).value : '')).join('');
    if (!problem && !/\bid\s*=\s*["']?slip["'\s>]/.test(markup)) problem = 'thiếu phần tử id="slip" (phần được in)';
  } catch (e) {
    problem = shortReason(e);
  }
  if (problem) throw new AppError('SLIP_TEMPLATE_INVALID', { file, detail: problem });
  return html;
}

// Every Latin letter (Vietnamese included), combining marks, punctuation, ₫ and €: the font
// shrinks from 390 KB to 120 KB, which is what each render pushes through the page.
const FONT_RANGES: [number, number][] = [
  [0x20, 0x7e], [0xa0, 0x24f], [0x300, 0x36f], [0x1e00, 0x1eff], [0x2000, 0x206f], [0x20ab, 0x20ac], [0x2116, 0x2116],
];

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'truetype' }) => Promise<Buffer>;

async function fontFaces(resourcesDir: string): Promise<string> {
  // subset-font ships no types; loaded only when the first slip is printed.
  const subsetFont = require('subset-font') as SubsetFont;
  let keep = '';
  for (const [from, to] of FONT_RANGES) for (let c = from; c <= to; c++) keep += String.fromCodePoint(c);
  const face = async (file: string, weight: number) => {
    const font = await subsetFont(await readFile(join(resourcesDir, file)), keep, { targetFormat: 'truetype' });
    return `@font-face{font-family:'Slip Serif';font-weight:${weight};font-style:normal;src:url(data:font/ttf;base64,${font.toString('base64')}) format('truetype');}`;
  };
  return `<style>${await face(FONTS.regular, 400)}${await face(FONTS.bold, 700)}</style>`;
}

/** The fonts go in as their own style element so the template never has to carry them. */
function withFonts(template: string, fontsStyle: string): string {
  const head = /<head[^>]*>/i.exec(template);
  if (!head) return fontsStyle + template;
  const at = head.index + head[0].length;
  return template.slice(0, at) + fontsStyle + template.slice(at);
}

async function qrDataUrl(text: string): Promise<string> {
  // 6 px per module (0.75 mm at 203 dpi) reads easily off thermal paper; BWIPP's default error correction is M.
  const png = await bwipjs.toBuffer({ bcid: 'qrcode', text, scale: 3 });
  return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * puppeteer 23's pipe transport listens for errors on its read pipe twice and on its write pipe
 * never, so a browser dying while a command is in flight (ECONNRESET, EPIPE) would be an
 * uncaught exception that takes the whole core down. The failure itself reaches us anyway, as
 * the disconnect.
 */
function quietPipes(b: Browser): Browser {
  for (const stream of b.process()?.stdio ?? []) stream?.on('error', () => undefined);
  return b;
}

function blockNetwork(request: HTTPRequest): void {
  if (request.isInterceptResolutionHandled()) return;
  const url = request.url();
  if (url.startsWith('data:') || url === 'about:blank') void request.continue();
  else void request.abort('blockedbyclient');
}

export function createSlipRenderer(opts: SlipRendererOptions): SlipRenderer {
  const launch: BrowserLauncher = opts.launch ?? ((o) => puppeteer.launch(o));
  let current: Promise<Browser> | null = null;
  let page: { browser: Browser; page: Promise<Page> } | null = null;
  let fonts: Promise<string> | null = null;
  // One page serves every render, so renders take turns on it.
  let queue: Promise<unknown> = Promise.resolve();

  function start(): Promise<Browser> {
    const executablePath = opts.chromiumPath ?? findAppBrowser();
    if (!executablePath || !isExecutable(executablePath)) return Promise.reject(new AppError('SLIP_NO_BROWSER'));
    return launch({
      executablePath,
      headless: 'shell',
      args: BROWSER_ARGS,
      pipe: true,
      // The host decides when to stop; puppeteer's own handlers would exit the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    }).then(quietPipes, (e: unknown) => {
      throw new AppError('SLIP_BROWSER_FAILED', { browser: executablePath, reason: shortReason(e) });
    });
  }

  /** The warm browser; a new one when there is none yet or the last one died. */
  async function browser(): Promise<Browser> {
    const seen = current;
    if (seen) {
      const b = await seen.catch(() => null);
      if (b?.connected) return b;
    }
    const started = start();
    current = started;
    // A failed start is not kept: the next print tries again (the browser may be installed by then).
    started.catch(() => {
      if (current === started) current = null;
    });
    return started;
  }

  async function openPage(b: Browser): Promise<Page> {
    const p = await b.newPage();
    await p.setViewport({ width: SLIP_WIDTH_PX, height: 400, deviceScaleFactor: 1 });
    await p.setRequestInterception(true);
    p.on('request', blockNetwork);
    return p;
  }

  async function slipPage(): Promise<Page> {
    const b = await browser();
    if (page?.browser === b) {
      const p = await page.page.catch(() => null);
      if (p && !p.isClosed()) return p;
    }
    page = { browser: b, page: openPage(b) };
    return page.page;
  }

  async function shoot(html: string, content: object): Promise<Buffer> {
    const p = await slipPage();
    const screenshot = new Screenshot({ html, content, selector: '#slip', type: 'png' });
    try {
      // node-html-to-image types its page with puppeteer's own rolled-up copy of the same classes.
      await makeScreenshot(p as unknown as Parameters<typeof makeScreenshot>[0], {
        screenshot,
        waitUntil: 'load',
        timeout: RENDER_TIMEOUT_MS,
        // Web fonts may still be loading when `load` fires; text would come out in a fallback font.
        beforeScreenshot: async (shown) => {
          await shown.evaluate('document.fonts.ready.then(() => true)');
        },
      });
    } catch (e) {
      // A page left half way (crashed, timed out) is not reused.
      page = null;
      await p.close().catch(() => undefined);
      throw e;
    }
    if (!screenshot.buffer || typeof screenshot.buffer === 'string') throw new Error('no screenshot taken');
    return screenshot.buffer;
  }

  return {
    async render(data) {
      const [template, fontsStyle, qr] = await Promise.all([
        loadTemplate(opts.resourcesDir),
        (fonts ??= fontFaces(opts.resourcesDir).catch((e: unknown) => {
          fonts = null;
          throw e;
        })),
        data.lookupUrl ? qrDataUrl(data.lookupUrl) : Promise.resolve(''),
      ]);
      const html = withFonts(template, fontsStyle);
      const content = { ...data, qr, labels: slipText.labels };
      const turn = queue.then(async () => {
        try {
          return await shoot(html, content);
        } catch (e) {
          // The browser died under this render, or before it without our noticing yet (the
          // machine slept, the OOM killer): once more, on a fresh one.
          const b = current ? await current.catch(() => null) : null;
          if (!isAppError(e) && !b?.connected) return shoot(html, content);
          throw e;
        }
      });
      queue = turn.catch(() => undefined);
      try {
        return await turn;
      } catch (e) {
        if (isAppError(e)) throw e;
        throw new AppError('SLIP_BROWSER_FAILED', { browser: opts.chromiumPath ?? 'Chromium', reason: shortReason(e) });
      }
    },
    async close() {
      const seen = current;
      current = null;
      page = null;
      const b = seen ? await seen.catch(() => null) : null;
      await b?.close().catch(() => undefined);
    },
  };
}
