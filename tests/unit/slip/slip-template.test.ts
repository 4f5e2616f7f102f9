import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { slipData } from '../../../src/main/core/slip/slip-data';
import { createSlipRenderer, type BrowserLauncher } from '../../../src/main/core/slip/slip-renderer';
import { makeTempDir } from '../../support/temp-dir';
import { office, sampleDetail } from './slip-fixtures';

// What the renderer refuses before any browser starts. Rendering itself is in
// tests/integration/escpos-slip.test.ts (real Chromium).

const shipped = readFileSync(join(__dirname, '../../../resources/forms/slip.html'), 'utf8');
const data = slipData(sampleDetail(), office);
/** The template with one change in its markup (the same words also appear in its comment). */
const edited = (from: string, to: string) => {
  const body = shipped.indexOf('<body>');
  return shipped.slice(0, body) + shipped.slice(body).replace(from, to);
};

let temp: ReturnType<typeof makeTempDir>;
let launches: number;
const launcher: BrowserLauncher = async () => {
  launches += 1;
  throw new Error('Failed to launch the browser process!\nspawn /opt/chrome EACCES');
};

beforeEach(() => {
  temp = makeTempDir('motcua-slip-');
  launches = 0;
  cpSync(join(__dirname, '../../../resources/fonts'), join(temp.dir, 'fonts'), { recursive: true });
  mkdirSync(join(temp.dir, 'forms'));
});
afterEach(() => temp.cleanup());

function withTemplate(html: string) {
  writeFileSync(join(temp.dir, 'forms', 'slip.html'), html);
  return createSlipRenderer({ resourcesDir: temp.dir, chromiumPath: process.execPath, launch: launcher });
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('the slip template', () => {
  it.each([
    ['three braces', edited('{{applicantName}}', '{{{applicantName}}}'), /in thẳng mã HTML/],
    ['an ampersand', edited('{{applicantName}}', '{{& applicantName}}'), /in thẳng mã HTML/],
    ['a partial', edited('{{applicantName}}', '{{> header}}'), /mẫu con/],
    ['an unclosed block', edited('{{/if}}', ''), /slip\.html/],
    ['no #slip element', edited('id="slip"', 'id="phieu"'), /id="slip"/],
  ])('is refused when it has %s, before a browser starts', async (_what, html, detail) => {
    const renderer = withTemplate(html);
    const e = await failure(renderer.render(data));
    expect(e.code).toBe('SLIP_TEMPLATE_INVALID');
    expect(e.message).toMatch(detail);
    expect(e.message).toContain(join(temp.dir, 'forms', 'slip.html'));
    expect(launches).toBe(0);
  });

  it('gives the line of an unescaped placeholder', async () => {
    const line = shipped.split('\n').findIndex((l) => l.includes('{{applicantName}}') && l.includes('<div')) + 1;
    const e = await failure(withTemplate(edited('{{applicantName}}', '{{{applicantName}}}')).render(data));
    expect(e.message).toContain(`dòng ${line}`);
  });

  it('is refused when missing', async () => {
    const renderer = createSlipRenderer({ resourcesDir: temp.dir, chromiumPath: process.execPath, launch: launcher });
    const e = await failure(renderer.render(data));
    expect(e.code).toBe('SLIP_TEMPLATE_INVALID');
  });

  it('as shipped documents every field that slipData fills', () => {
    for (const field of Object.keys(data)) expect(shipped).toContain(`{{${field}}}`);
    expect(shipped).toContain('{{qr}}');
    expect(shipped).not.toMatch(/\{\{\{|\{\{&/);
  });
});

describe('the browser', () => {
  it('missing: SLIP_NO_BROWSER, in Vietnamese, without trying to start anything', async () => {
    writeFileSync(join(temp.dir, 'forms', 'slip.html'), shipped);
    const renderer = createSlipRenderer({ resourcesDir: temp.dir, chromiumPath: join(temp.dir, 'no-chromium'), launch: launcher });
    const e = await failure(renderer.render(data));
    expect(e.code).toBe('SLIP_NO_BROWSER');
    expect(e.message).toMatch(/Không tìm thấy trình duyệt/);
    expect(launches).toBe(0);
  });

  it('failing to start: SLIP_BROWSER_FAILED with the first line of the reason, and the next print tries again', async () => {
    const renderer = withTemplate(shipped);
    const e = await failure(renderer.render(data));
    expect(e.code).toBe('SLIP_BROWSER_FAILED');
    expect(e.message).toContain('Failed to launch the browser process!');
    expect(e.message).not.toContain('EACCES');
    await failure(renderer.render(data));
    expect(launches).toBe(2);
    await renderer.close();
  });
});
