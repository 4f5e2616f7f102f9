import { join } from 'node:path';
import type { DossierDetail } from '../../../shared/api/calls/dossiers';
import type { OfficeProfile } from '../../../shared/api/calls/office';
import { AppError } from '../../../shared/api/errors';
import type { DossierFormKind, FormKind, PaperSize } from '../../../shared/forms/form-kinds';
import type { FormParams } from '../../../shared/forms/form-params';
import { formsText } from '../../../shared/i18n/vi-forms';
import { BlockContext } from './blocks/block-context';
import { templateChunks } from './blocks/block-chunks';
import { clean, dossierFormData, ledgerFormData, type FormData } from './form-data';
import { resolveParams } from './form-params-resolve';
import type { LedgerRow } from './ledger-row';
import { FONT_STYLES, FontSet } from './pdf/font-set';
import { Flow, type Frame } from './pdf/layout';
import type { Op, PageOps } from './pdf/page-ops';
import { collectChars, emptyCharSets, groupTotals, PdfBuilder, writePdf } from './pdf/pdf-writer';
import { mm, PAPER_MM } from './pdf/units';
import type { FormTemplate } from './template-schema';
import { TemplateStore } from './template-loader';
import { testPageDocument } from './test-page';

// The seven forms of Thông tư 03/2025 as PDFs: a template (resources/forms/NN.json) and the
// dossier's data are laid out into pages, then written with subset fonts. Fonts and templates
// are read once and kept; every output depends only on the input (CreationDate is ctx.now).

export type { LedgerRow } from './ledger-row';
export type { FormParams } from '../../../shared/forms/form-params';

export interface FormContext {
  office: OfficeProfile;
  /** Date printed in "{place}, ngày … tháng … năm …" and the PDF's CreationDate (determinism). */
  now: Date;
  /** Display name of the clerk (signature block "NGƯỜI TIẾP NHẬN HỒ SƠ"). */
  clerkName: string;
}

export interface FormRenderer {
  renderDossierForm<K extends DossierFormKind>(
    kind: K,
    dossier: DossierDetail,
    params: FormParams[K] | undefined,
    options: { paper: PaperSize },
    ctx: FormContext,
  ): Promise<Uint8Array>;
  /** Form 07 over dossiers received in [from, to) (VN dates 'YYYY-MM-DD'); rows come from an iterator so 10,000+ dossiers stay in bounded memory. */
  renderLedger(rows: Iterable<LedgerRow>, range: { from: string; to: string }, options: { paper: PaperSize }, ctx: FormContext): Promise<Uint8Array>;
  /** A one-page test page for a printer (printer name, time, a line with every Vietnamese letter, a ruler in mm). */
  renderTestPage(printerName: string, ctx: FormContext): Promise<Uint8Array>;
  /** Loads the fonts and HarfBuzz and writes one small PDF, so the clerk's first receipt is as fast as the rest. */
  warmUp(): Promise<void>;
}

/** The text area of a page, from the paper and the template's margins for it. */
export function frameOf(paper: PaperSize, layout: { orientation: 'portrait' | 'landscape'; margins: { top: number; bottom: number; left: number; right: number } }): Frame {
  const p = PAPER_MM[paper];
  const [w, h] = layout.orientation === 'landscape' ? [p.height, p.width] : [p.width, p.height];
  const m = layout.margins;
  return {
    left: mm(m.left),
    top: mm(m.top),
    right: mm(w - m.right),
    bottom: mm(h - m.bottom),
    width: mm(w - m.left - m.right),
    pageWidth: mm(w),
    pageHeight: mm(h),
  };
}

function layoutDocument(
  kind: FormKind,
  template: FormTemplate,
  paper: PaperSize,
  data: FormData,
  fonts: FontSet,
  onPageDone?: (page: PageOps) => void,
): PageOps[] {
  const layout = template.papers[paper];
  if (!layout) throw new AppError('FORM_PAPER_UNSUPPORTED', { form: formsText.titles[kind]!, paper });
  const frame = frameOf(paper, layout);
  const numbers = template.pageNumbers;
  const flow = new Flow(frame, (page) => {
    if (!numbers) return;
    const align = numbers.align ?? 'center';
    const x = align === 'left' ? frame.left : align === 'right' ? frame.right : frame.left + frame.width / 2;
    const size = (numbers.size ?? 10) * layout.scale;
    const y = frame.bottom + (frame.pageHeight - frame.bottom) / 2 + size / 3;
    page.ops.push({ kind: 'pageNumber', x, y, size, style: numbers.style ?? 'regular', template: numbers.text, align });
  }, onPageDone);
  for (const copy of template.copies) {
    flow.startGroup();
    const values = { ...data.values, 'copy.label': clean(copy.label) };
    const ctx = new BlockContext(fonts, frame, layout.scale, template.font.size, template.font.lineHeight, template.emptyValue, values, data.lists);
    flow.place(templateChunks(template.blocks, ctx));
  }
  flow.finish();
  return flow.pages;
}

/** Whether iterating again reads the rows again (an array, ledgerRows()), rather than resuming a used-up generator. */
function reiterable<T>(rows: Iterable<T>): boolean {
  return rows[Symbol.iterator]() !== (rows as unknown);
}

export function createFormRenderer(deps: { resourcesDir: string }): FormRenderer {
  const templates = new TemplateStore(deps.resourcesDir);
  let fontSet: FontSet | null = null;
  const fonts = () => (fontSet ??= FontSet.load(join(deps.resourcesDir, 'fonts')));

  return {
    async renderDossierForm(kind, dossier, params, options, ctx) {
      const resolved = resolveParams(kind, dossier, params);
      const template = templates.get(kind);
      const data = dossierFormData(kind, dossier, resolved, ctx);
      const pages = layoutDocument(kind, template, options.paper, data, fonts());
      const title = [formsText.titles[kind]!, clean(dossier.code)].filter(Boolean).join(' – ');
      return writePdf(pages, fonts(), { title, at: ctx.now });
    },

    async renderLedger(rows, range, options, ctx) {
      const template = templates.get('07');
      const data = ledgerFormData(rows, range, ctx);
      const meta = { title: `${formsText.titles['07']!} – ${data.values['range.text']}`, at: ctx.now };
      if (!reiterable(rows)) return writePdf(layoutDocument('07', template, options.paper, data, fonts()), fonts(), meta);
      // Rows that can be read twice are laid out twice and never held: the first pass only
      // learns the characters (for the font subsets) and the page count (for "Trang n/N"),
      // the second writes each page as soon as it is full. Memory stays that of one page.
      const chars = emptyCharSets();
      const counted: PageOps[] = [];
      layoutDocument('07', template, options.paper, data, fonts(), (page) => {
        collectChars(page, chars);
        page.ops = [];
        counted.push(page);
      });
      const builder = await PdfBuilder.create(fonts(), chars, groupTotals(counted));
      layoutDocument('07', template, options.paper, ledgerFormData(rows, range, ctx), fonts(), (page) => builder.addPage(page));
      return builder.save(meta);
    },

    async renderTestPage(printerName, ctx) {
      const pages = testPageDocument(printerName, ctx, fonts());
      return writePdf(pages, fonts(), { title: formsText.testPage.title, at: ctx.now });
    },

    async warmUp() {
      // The receipt's template laid out with sample words (the layout code gets compiled), and
      // every face with letters that need the Vietnamese glyphs (each style's subsetter runs).
      const sample = 'Nguyễn Thị Phương Thảo, phường Ba Đình';
      const values = new Proxy({}, { get: (_t, key) => (key === 'code' || String(key).endsWith('.code') ? '000.00.00.H00-000000-0000' : sample) });
      const pages = layoutDocument('01', templates.get('01'), 'A4', { values, lists: { checklist: [values, values] } } as FormData, fonts());
      const ops = FONT_STYLES.map((style, i): Op => ({ kind: 'text', x: 72, y: 72 + 20 * i, size: 12, style, text: 'Cộng hòa xã hội chủ nghĩa Việt Nam' }));
      await writePdf([...pages, { width: 595, height: 842, group: 0, ops }], fonts(), { title: 'warm-up', at: new Date(0) });
    },
  };
}
