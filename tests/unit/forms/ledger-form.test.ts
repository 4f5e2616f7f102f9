import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormRenderer } from '../../../src/main/core/forms/form-renderer';
import { projectRoot } from '../../support/host-process';
import { flat, pageCount, pdfFonts, pdfInfo, pdfText, qpdfCheck, savePdf, wordBoxes } from '../../support/pdf-tools';
import { makeTempDir } from '../../support/temp-dir';
import { ctx, ledgerFixture } from './form-fixtures';

// Form 07, the ledger: A4 landscape, many pages from an iterator, the column titles repeated at
// the top of every page, page numbers "Trang n/N".

const renderer = createFormRenderer({ resourcesDir: join(projectRoot, 'resources') });
const tmp = makeTempDir('motcua-ledger-');
const ROWS = 200;
let file = '';
let pages = 0;

beforeAll(async () => {
  file = savePdf(tmp.dir, '07.pdf', await renderer.renderLedger(ledgerFixture(ROWS), { from: '2026-11-01', to: '2026-12-01' }, { paper: 'A4' }, ctx));
  pages = await pageCount(file);
});
afterAll(() => tmp.cleanup());

describe('form 07, the ledger', () => {
  it('is A4 landscape, several pages, readable by qpdf, fonts embedded as subsets', async () => {
    expect((await pdfInfo(file))['Page size']).toMatch(/^841\.89 x 595\.27\d* pts/);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect((await qpdfCheck(file)).code).toBe(0);
    for (const f of await pdfFonts(file)) expect(f).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
  });

  it('repeats the column titles once on every page and numbers the pages', async () => {
    for (let p = 1; p <= pages; p++) {
      const text = flat(await pdfText(file, { first: p }));
      expect(text.split('Tên thủ tục hành chính').length - 1, `page ${p}`).toBe(1);
      expect(text.split('Cơ quan chủ trì giải quyết').length - 1, `page ${p}`).toBe(1);
      expect(text).toContain(`Trang ${p}/${pages}`);
    }
    // The title and period only once, on the first page.
    const first = flat(await pdfText(file, { first: 1 }));
    expect(first).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(first).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(flat(await pdfText(file, { first: 2 }))).not.toContain('SỔ THEO DÕI HỒ SƠ');
  });

  it('lists every row once, in order, with its columns', async () => {
    const text = flat(await pdfText(file));
    // Codes wrap after a hyphen in their narrow column: join them back to compare.
    const joined = ` ${text.replace(/- /g, '-')} `;
    let at = 0;
    for (const [i, r] of [...ledgerFixture(ROWS)].entries()) {
      const next = joined.indexOf(` ${i + 1} ${r.code} ${r.procedureName} `, at);
      expect(next, `row ${i + 1}`).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('Phạm Quốc Trường Giang 3');
    expect(text).toContain('Số 12 ngõ 34 phố Đội Cấn, phường Ba Đình, Hà Nội; 0987654321');
    // Row 5 was returned at the counter, row 10 by post.
    expect(text).toMatch(/5 000\.00\.06\.H56- ?261101-0005 .*? 01\/11\/2026 08:35 04\/11\/2026 08:35 03\/11\/2026 08:35 Trực tiếp/);
    expect(text).toContain('Bưu chính');
  });

  it('keeps the table inside the landscape page: words within the margins, page numbers in the bottom one', async () => {
    const { pages: sizes, words } = await wordBoxes(file);
    const mm = 72 / 25.4;
    expect(words.length).toBeGreaterThan(1000);
    for (const w of words) {
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(20 * mm - 0.5);
      expect(w.xMax, w.word).toBeLessThanOrEqual((297 - 12) * mm + 0.5);
      expect(w.yMax, w.word).toBeLessThanOrEqual(sizes[w.page - 1]!.height);
    }
  });

  it('writes rows that can be read twice page by page, without holding them, to the same bytes', async () => {
    let reads = 0;
    const rereadable = {
      *[Symbol.iterator]() {
        reads++; // on the first row asked for, as a database query would run
        yield* ledgerFixture(ROWS);
      },
    };
    const streamed = await renderer.renderLedger(rereadable, { from: '2026-11-01', to: '2026-12-01' }, { paper: 'A4' }, ctx);
    expect(reads).toBe(2);
    expect(Buffer.from(streamed).equals(readFileSync(file))).toBe(true);
  });

  it('says so when no dossier was received in the period', async () => {
    const empty = savePdf(tmp.dir, 'empty.pdf', await renderer.renderLedger([], { from: '2026-11-23', to: '2026-11-24' }, { paper: 'A4' }, ctx));
    const text = flat(await pdfText(empty));
    expect(text).toContain('Ngày 23/11/2026');
    expect(text).toContain('Không có hồ sơ nào được tiếp nhận trong thời gian này.');
    expect(await pageCount(empty)).toBe(1);
  });
});
