import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { makeTempDir } from '../../support/temp-dir';
import { readSample } from './sample';
import { motcua } from '../../support/motcua-cli';

describe('motcua catalog', () => {
  const temp = makeTempDir();
  const data = join(temp.dir, 'data');
  afterAll(() => temp.cleanup());

  it('search prints the matches as JSON, the sample seeded on first start', () => {
    const r = motcua(['--data-dir', data, '--json', 'catalog', 'search', 'chung thuc']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const hits = JSON.parse(r.stdout) as { code: string; name: string }[];
    expect(hits[0]).toMatchObject({ code: '2.000815', name: expect.stringMatching(/^Chứng thực bản sao từ bản chính/) });
    const human = motcua(['--data-dir', data, 'catalog', 'search', '2.0008', '--limit', '2']);
    expect(human.stdout.trim().split('\n')).toHaveLength(2);
    expect(human.stdout).toContain('2.000806');
  });

  it('export writes an importable file; importing it back changes nothing', () => {
    const out = join(temp.dir, 'catalog.json');
    const r = motcua(['--data-dir', data, '--json', 'catalog', 'export', '--out', out]);
    expect(r.status).toBe(0);
    const count = readSample().procedures.length;
    expect(JSON.parse(r.stdout)).toEqual({ file: out, procedures: count });
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ format: 'motcua-catalog', version: 1 });
    expect(file.procedures).toHaveLength(count);

    const again = motcua(['--data-dir', data, '--json', 'catalog', 'import', out]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ added: 0, updated: 0, unchanged: count, changed: [], errors: [] });

    const stdout = motcua(['--data-dir', data, 'catalog', 'export']);
    expect(JSON.parse(stdout.stdout).procedures).toHaveLength(count);
  });

  it('import of a changed catalogue reports the new versions', () => {
    const file = readSample();
    const p = file.procedures.find((x) => x.code === '1.004873')!;
    (p.processingTime as { value: number }).value = 5;
    const path = join(temp.dir, 'changed.json');
    writeFileSync(path, JSON.stringify(file));
    const r = motcua(['--data-dir', data, 'catalog', 'import', path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Đã nhập danh mục: thêm mới 0, cập nhật 1, không đổi');
    expect(r.stdout).toContain('~ 1.004873 (phiên bản 2)');
  });

  it('import of an invalid file lists the errors, imports nothing and exits 1', () => {
    const path = join(temp.dir, 'bad.json');
    const file = readSample();
    file.procedures[0]!.name = '';
    file.procedures.push({ ...file.procedures[1]!, code: '9.9' });
    writeFileSync(path, JSON.stringify(file));
    const json = motcua(['--data-dir', data, '--json', 'catalog', 'import', path]);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { added: number; errors: { index: number; message: string }[] };
    expect(report.added).toBe(0);
    expect(report.errors.map((e) => e.index)).toEqual([0, file.procedures.length - 1]);
    const human = motcua(['--data-dir', data, 'catalog', 'import', path]);
    expect(human.status).toBe(1);
    expect(human.stderr).toContain('Không nhập thủ tục nào vì tệp có 2 lỗi:');
    expect(human.stderr).toContain('- Thủ tục thứ 1 (mã 1.001193): Tên: bắt buộc nhập');
  });

  it('refuses a file that is not JSON or does not exist', () => {
    const path = join(temp.dir, 'not.json');
    writeFileSync(path, '{ oops');
    const r = motcua(['--data-dir', data, 'catalog', 'import', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Tệp không phải JSON hợp lệ.');
    const missing = motcua(['--data-dir', data, 'catalog', 'import', join(temp.dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Không đọc được tệp');
  });
});
