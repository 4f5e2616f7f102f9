import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { latestSchema } from '../support/core-fixture';
import { HostProcess } from '../support/host-process';
import { makeTempDir } from '../support/temp-dir';
import { motcua } from '../support/motcua-cli';

describe('motcua CLI', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('migrate creates the database and says so as JSON, then is a no-op', () => {
    const first = motcua(['--data-dir', temp.dir, '--json', 'migrate']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ from: 0, to: latestSchema, backupFile: null });
    const again = motcua(['--data-dir', temp.dir, '--json', 'migrate']);
    expect(JSON.parse(again.stdout)).toMatchObject({ from: latestSchema, to: latestSchema });
    const human = motcua(['--data-dir', temp.dir, 'migrate']);
    expect(human.stdout).toContain(`đã ở phiên bản ${latestSchema}`);
  });

  it('doctor reports this machine as JSON, including the schema version', () => {
    const dir = makeTempDir();
    onTestFinished(() => dir.cleanup());
    motcua(['--data-dir', dir.dir, 'migrate']);
    const r = motcua(['--data-dir', dir.dir, '--json', 'doctor']);
    expect(r.status).toBe(0);
    const { checks } = JSON.parse(r.stdout) as { checks: { id: string; status: string; detail: string }[] };
    expect(checks.map((c) => c.id)).toEqual(['electron', 'browser', 'cups', 'sane', 'fonts', 'dataDir', 'schema']);
    expect(checks.find((c) => c.id === 'schema')).toMatchObject({ status: 'ok', detail: `CSDL ${latestSchema}, ứng dụng ${latestSchema}` });
  });

  it('call runs any contract call in-process, validated like the UI', () => {
    const dir = makeTempDir();
    const found = motcua(['--data-dir', dir.dir, '--json', 'call', 'catalog.search', '{"query":"khai tu","limit":1}']);
    expect(found.status).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject([{ code: '1.000656', name: 'Đăng ký khai tử' }]);
    const listed = motcua(['--data-dir', dir.dir, '--json', 'call', 'dossiers.today']);
    expect(JSON.parse(listed.stdout)).toMatchObject({ counts: { receivedToday: 0 } });
    const invalid = motcua(['--data-dir', dir.dir, 'call', 'dossiers.search', '{"query":""}']);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('Nội dung tìm kiếm: bắt buộc nhập');
    const unknown = motcua(['--data-dir', dir.dir, 'call', 'dossiers.dropAll']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('không hỗ trợ thao tác');
    const notJson = motcua(['--data-dir', dir.dir, 'call', 'dossiers.today', '{oops']);
    expect(notJson.stderr).toContain('không phải JSON hợp lệ');
    dir.cleanup();
  });

  it('refuses a second owner of a data dir, pointing to the running app', async () => {
    const host = new HostProcess(temp.dir);
    const info = await host.start();
    try {
      const migrate = motcua(['--data-dir', temp.dir, 'migrate']);
      expect(migrate.status).toBe(1);
      expect(migrate.stderr).toContain('đang được một phiên khác của ứng dụng sử dụng');
      const serve = motcua(['--data-dir', temp.dir, 'serve', '--no-open']);
      expect(serve.status).toBe(0);
      expect(serve.stdout).toContain(`Ứng dụng đã đang chạy với thư mục dữ liệu này: ${info.origin}`);
    } finally {
      await host.stop();
    }
  });

  it('refuses a database from a newer app with a clear message', () => {
    const dir = makeTempDir();
    motcua(['--data-dir', dir.dir, 'migrate']);
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(join(dir.dir, 'motcua.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const r = motcua(['--data-dir', dir.dir, 'migrate']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('phiên bản ứng dụng mới hơn');
    dir.cleanup();
  });
});
