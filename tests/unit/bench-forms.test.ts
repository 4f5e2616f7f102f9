import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formHtml, escapeHtml, readFormFonts } from '../../bench/lib/receipt-html';
import { dossierFormData } from '../../src/main/core/forms/form-data';
import { resolveParams } from '../../src/main/core/forms/form-params-resolve';
import { TemplateStore } from '../../src/main/core/forms/template-loader';
import { findAppBrowser } from '../../src/main/core/runtime/browsers';
import type { DossierDetail } from '../../src/shared/api/calls/dossiers';
import { projectRoot } from '../support/host-process';
import { flat, pageCount, pdfText, readCodes, renderPage, savePdf } from '../support/pdf-tools';
import { makeTempDir } from '../support/temp-dir';
import { CODE, ctx, longDossier } from './forms/form-fixtures';

// The forms benchmark sets our receipt beside the same receipt printed by Chromium from HTML
// (bench/lib/receipt-html.ts). The comparison means something only if that HTML is the same
// receipt: the template's words, the dossier's values (escaped: a name is never markup), every
// handed-over document, both copies each from a new page, and barcodes that scan.

const resourcesDir = join(projectRoot, 'resources');
const template = new TemplateStore(resourcesDir).get('01');
const fonts = readFormFonts(resourcesDir);
const HOSTILE = `<img src=x onerror="alert(1)"> Nguyễn Thị "Bé" & Ánh`;
const params = { processingTime: '3 ngày làm việc' };

function receiptHtml(dossier: DossierDetail): Promise<string> {
  return formHtml(template, dossierFormData('01', dossier, resolveParams('01', dossier, params), ctx), { paper: 'A4', fonts });
}

const base = longDossier();
const hostile = longDossier({ applicant: { ...base.applicant!, fullName: HOSTILE } });
const handedOver = hostile.checklist.filter((c) => c.handedOver);

describe('escapeHtml', () => {
  it('turns every character with a meaning in HTML into a character reference', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;amp;&#60;/a&#62;');
    expect(escapeHtml('Nguyễn Thị Ánh')).toBe('Nguyễn Thị Ánh');
  });
});

describe('receipt HTML (form 01)', () => {
  it("prints the applicant's name as text, never as markup", async () => {
    const html = await receiptHtml(hostile);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('"alert(1)"');
    expect(html).toContain(escapeHtml(HOSTILE));
  });

  it('has both copies, each with every handed-over document and the two codes as PNG data URLs', async () => {
    const html = await receiptHtml(hostile);
    const copies = html.split('<section class="copy">').slice(1);
    expect(copies).toHaveLength(2);
    expect(copies[0]).toContain('Liên 1: Lưu');
    expect(copies[1]).toContain('Liên 2: Giao người nộp hồ sơ');
    for (const copy of copies) {
      // Header row plus one row per document handed over (13 of the fixture's 15).
      expect(copy.match(/<tr>/g)).toHaveLength(1 + handedOver.length);
      for (const doc of handedOver) expect(copy).toContain(escapeHtml(doc.name));
      const images = [...copy.matchAll(/<img alt="" src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)];
      expect(images).toHaveLength(2);
      for (const [, b64] of images) expect(Buffer.from(b64!, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    expect(html).toContain('@font-face{font-family:"Liberation Serif";font-weight:700;font-style:italic;src:url(data:font/ttf;base64,');
  });
});

describe('receipt HTML printed by Chromium', () => {
  const tmp = makeTempDir('motcua-bench-forms-');
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: findAppBrowser() ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--font-render-hinting=none'],
    });
    const page = await browser.newPage();
    await page.setContent(await receiptHtml(hostile), { waitUntil: 'load' });
    file = savePdf(tmp.dir, 'receipt.pdf', await page.pdf({ format: 'A4' }));
  });
  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  it("reads back the receipt's words, the name as typed, and every document", async () => {
    const text = flat(await pdfText(file));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${CODE}`,
      `Tiếp nhận hồ sơ của: ${HOSTILE}`,
      '3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc.',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Thị Ngọc Ánh',
    ]) {
      expect(text).toContain(s);
    }
    for (const doc of handedOver) expect(text.split(doc.name)).toHaveLength(3);
  });

  it('starts the second copy on a new page, halfway through', async () => {
    const pages = await pageCount(file);
    expect(pages % 2).toBe(0);
    expect(flat(await pdfText(file, { first: pages / 2 + 1 }))).toContain('(Liên 2: Giao người nộp hồ sơ)');
    expect(flat(await pdfText(file, { first: pages / 2 }))).not.toContain('Liên 2: Giao người nộp hồ sơ');
  });

  it('prints a Code 128 and a QR code that scan back to the code and the lookup address', async () => {
    const codes = await readCodes(await renderPage(file, 1, 200, join(tmp.dir, 'page1')));
    expect(codes).toContain(`CODE-128:${CODE}`);
    expect(codes).toContain(`QR-Code:${ctx.office.lookupUrlPattern!.replace('{code}', encodeURIComponent(CODE))}`);
  });
});
