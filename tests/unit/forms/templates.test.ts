import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORM_KINDS } from '../../../src/shared/forms/form-kinds';
import { AppError } from '../../../src/shared/api/errors';
import { createFormRenderer } from '../../../src/main/core/forms/form-renderer';
import { parseTemplate, TemplateStore } from '../../../src/main/core/forms/template-loader';
import { projectRoot } from '../../support/host-process';
import { flat, pdfText, savePdf } from '../../support/pdf-tools';
import { makeTempDir } from '../../support/temp-dir';
import { ctx, longDossier } from './form-fixtures';

// Templates are data a province's admin edits: every shipped one loads, a mistake is refused
// with where it is and what is wrong (in Vietnamese), and an edit shows on the next print.

const resources = join(projectRoot, 'resources');
const shipped = (kind: string) => JSON.parse(readFileSync(join(resources, 'forms', `${kind}.json`), 'utf8')) as Record<string, unknown>;

function refusal(json: string, expected: (typeof FORM_KINDS)[number] = '03'): AppError {
  try {
    parseTemplate(json, 'mau-03.json', expected);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('the template was accepted');
}

describe('form templates', () => {
  it('loads every shipped template, 01 to 07', () => {
    const store = new TemplateStore(resources);
    for (const kind of FORM_KINDS) expect(store.get(kind).form).toBe(kind);
  });

  it('refuses a file that is not JSON, saying so', () => {
    const e = refusal('{ "form": "03", ');
    expect(e.code).toBe('FORM_TEMPLATE_INVALID');
    expect(e.message).toMatch(/^Tệp mẫu biểu mau-03\.json không hợp lệ: không đọc được JSON/);
  });

  it('names the place and the fault of a wrong value', () => {
    const t = shipped('03');
    const blocks = t.blocks as Record<string, unknown>[];
    blocks[1] = { ...blocks[1], size: 'mười ba' };
    blocks[2] = { type: 'paragraph', text: 'x' };
    const e = refusal(JSON.stringify(t));
    expect(e.message).toContain('tại blocks[1].size');
    expect(e.message).toContain('mong đợi số');
    expect(e.message).toContain('tại blocks[2].type');
  });

  it('refuses a placeholder the form has no data for, and a table over an unknown list', () => {
    const t = shipped('03');
    const blocks = t.blocks as Record<string, unknown>[];
    blocks.push({ type: 'text', text: 'Số hồ sơ: {dossier.cod}' });
    blocks.push({ type: 'table', rows: 'payments', columns: [{ header: 'STT', width: 1, value: '{no}' }] });
    const e = refusal(JSON.stringify(t));
    expect(e.message).toContain(`blocks[${blocks.length - 2}].text: không có ô dữ liệu {dossier.cod}`);
    expect(e.message).toContain(`blocks[${blocks.length - 1}].rows: không có danh sách "payments"`);
  });

  it('refuses a table cell naming a field its rows do not have', () => {
    const t = shipped('01');
    const table = (t.blocks as { type: string; columns?: { value: string }[] }[]).find((b) => b.type === 'table')!;
    table.columns![1]!.value = '{title}';
    expect(refusal(JSON.stringify(t), '01').message).toContain('.columns[1].value: không có ô dữ liệu {title}');
  });

  it('refuses a file meant for another form, and one with no paper size', () => {
    expect(refusal(JSON.stringify(shipped('04'))).message).toContain('trường "form" là "04", tệp này phải là mẫu 03');
    const t = shipped('03');
    t.papers = {};
    expect(refusal(JSON.stringify(t)).message).toContain('cần bố cục cho ít nhất một khổ giấy (A4 hoặc A5)');
  });

  it('reads composed text from a template typed decomposed', () => {
    const t = shipped('03');
    (t.blocks as Record<string, unknown>[]).push({ type: 'text', text: 'Ghi chú thêm của tỉnh'.normalize('NFD') });
    const parsed = parseTemplate(JSON.stringify(t), 'mau-03.json', '03');
    const last = parsed.blocks[parsed.blocks.length - 1] as { text: string };
    expect(last.text).toBe('Ghi chú thêm của tỉnh'.normalize('NFC'));
  });
});

describe('a province edits a template', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('motcua-templates-');
    cpSync(resources, join(tmp.dir, 'resources'), { recursive: true });
  });
  afterEach(() => tmp.cleanup());

  it('changes the wording and the order on the next print, without code or restart', async () => {
    const dir = join(tmp.dir, 'resources');
    const renderer = createFormRenderer({ resourcesDir: dir });
    const render = async (name: string) => flat(await pdfText(savePdf(tmp.dir, name, await renderer.renderDossierForm('03', longDossier(), undefined, { paper: 'A4' }, ctx))));
    expect(await render('before.pdf')).toContain('Xin thông báo để ông/bà được biết và thực hiện./.');

    const file = join(dir, 'forms', '03.json');
    const t = JSON.parse(readFileSync(file, 'utf8')) as { blocks: Record<string, unknown>[] };
    const closing = t.blocks.findIndex((b) => String(b.text).startsWith('Xin thông báo'));
    const [block] = t.blocks.splice(closing, 1);
    t.blocks.splice(1, 0, { ...block, text: 'Ủy ban nhân dân tỉnh Cao Bằng trân trọng thông báo.' });
    writeFileSync(file, JSON.stringify(t));

    const after = await render('after.pdf');
    expect(after).not.toContain('Xin thông báo để ông/bà được biết');
    expect(after.indexOf('Ủy ban nhân dân tỉnh Cao Bằng trân trọng thông báo.')).toBeLessThan(after.indexOf('PHIẾU TỪ CHỐI'));
  });

  it('gets a clear error when the edited file is broken, naming the file', async () => {
    const dir = join(tmp.dir, 'resources');
    writeFileSync(join(dir, 'forms', '05.json'), '{"form": "05", "blocks": []}');
    const renderer = createFormRenderer({ resourcesDir: dir });
    const err = await renderer.renderDossierForm('05', longDossier(), { reason: 'x' }, { paper: 'A4' }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FORM_TEMPLATE_INVALID');
    expect((err as AppError).message).toContain(join(dir, 'forms', '05.json'));
    expect((err as AppError).message).toContain('tại papers');
  });
});
