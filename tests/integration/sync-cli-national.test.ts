import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { startProvince, type Province } from '../doubles/province/province-server';
import { callOk } from '../support/core-call';
import { systemContext } from '../support/core-fixture';
import { receiveSample } from '../support/dossier-fixture';
import { projectRoot } from '../support/host-process';
import { motcuaAsync } from '../support/motcua-cli';
import { scannedPage } from '../support/scan-pages';
import { configureSync, openCounter, receiveWithAttachments } from '../support/sync-fixture';
import { makeTempDir } from '../support/temp-dir';

// The admin's command line (`motcua sync --once`, `sync status --json`), the national
// DongBoHoSoMC adapter driven by the same engine, and catalogue versions from the feed.

const clerk = systemContext('clerk', 'lan.nt');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function province(): Promise<Province> {
  const temp = makeTempDir('motcua-province-');
  const p = await startProvince({ dataDir: temp.dir });
  cleanups.push(temp.cleanup, () => p.stop());
  return p;
}

async function counter(): Promise<{ core: Core; dir: string }> {
  const temp = makeTempDir('motcua-counter-');
  const core = await openCounter(temp.dir);
  cleanups.push(temp.cleanup, () => core.close());
  return { core, dir: temp.dir };
}

describe('motcua sync', () => {
  it('--once pushes the queue and exits 0; status --json tells what happened; --endpoint overrides for one run', async () => {
    const p = await province();
    const temp = makeTempDir('motcua-counter-');
    cleanups.push(temp.cleanup);
    const core = await openCounter(temp.dir);
    // Set up against a dead endpoint; the command line points at the live one for this run.
    await configureSync(core, 'http://127.0.0.1:9/api/motcua-sync/v1');
    const d = await receiveSample(core, clerk);
    core.close();

    const once = await motcuaAsync(['--data-dir', temp.dir, 'sync', '--once', '--endpoint', p.url]);
    expect(once.stderr).toBe('');
    expect(once.status).toBe(0);
    expect(once.stdout).toContain('Đã gửi 1 thay đổi');
    expect(p.store.dossierById(d.id)?.code).toBe(d.code);

    const status = await motcuaAsync(['--data-dir', temp.dir, 'sync', 'status', '--json']);
    expect(status.status).toBe(0);
    const s = JSON.parse(status.stdout) as { pending: number; acknowledged: number; endpoint: string; lastSuccessAt: string | null };
    expect(s).toMatchObject({ pending: 0, acknowledged: 1, endpoint: 'http://127.0.0.1:9/api/motcua-sync/v1' });
    expect(s.lastSuccessAt).not.toBeNull();

    // Without the override the saved (dead) endpoint is used: a clear message and exit 1.
    const failed = await motcuaAsync(['--data-dir', temp.dir, 'sync', '--once']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('Không kết nối được máy chủ tỉnh');
    const usage = await motcuaAsync(['--data-dir', temp.dir, 'sync']);
    expect(usage.status).toBe(2);
    // Four CLI processes, each compiling the app through tsx: seconds apiece on a loaded machine.
  }, 90_000);
});

describe('the national adapter through the engine', () => {
  it('sends DongBoHoSoMC, the attachments and CapNhatTienDoHoSoMC, takes "đã tồn tại" as done, and reads decisions back', async () => {
    const p = await province();
    const { core } = await counter();
    await configureSync(core, p.nationalUrl, undefined, 'national');
    const page = await scannedPage(50, { lines: 30 });
    const a = await receiveWithAttachments(core, clerk, page);
    const b = await receiveSample(core, clerk);
    await callOk(core, 'dossiers.transition', { id: b.id, revision: b.revision, action: 'requestSupplement', note: 'Thiếu tờ khai' }, clerk);

    const r = await core.sync.runOnce();
    expect(r).toMatchObject({ ok: true, deadLettered: 0 });
    const stored = p.store.dossierByCode(a.code)!;
    expect(stored.source).toBe('national');
    expect(stored.national?.MaHoSo).toBe(a.code);
    expect(stored.national?.NgayTiepNhan).toMatch(/^\d{14}$/);
    expect(p.store.dossierByCode(b.code)!.record.status).toBe(5);
    expect(p.store.attachments().filter((x) => x.dossierId === stored.id)).toHaveLength(2);

    // The province decides; the counter sees it, by code.
    p.setStatus(a.code, 9, { handler: 'Trần Văn Bình', content: 'Đã có kết quả' });
    expect((await core.sync.runOnce()).ok).toBe(true);
    expect((await callOk<{ status: number }>(core, 'dossiers.get', { idOrCode: a.id }, clerk)).status).toBe(9);

    // A dossier the national system already holds (sent by another channel) counts as done.
    const c = await receiveSample(core, clerk);
    await callOk(core, 'sync.settings.set', { enabled: false, endpoint: p.nationalUrl, adapter: 'national', username: 'quay1' }, systemContext());
    const login = await fetch(`${p.nationalUrl}/DangNhap`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ TenDangNhap: 'quay1', MatKhau: 'quay1-matkhau' }) });
    const { session } = (await login.json()) as { session: string };
    const pre = await fetch(`${p.nationalUrl}/DongBoHoSoMC`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', session },
      body: JSON.stringify({ data: [{ MaHoSo: c.code, MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', ChuHoSo: 'Nguyễn Văn An', NgayTiepNhan: '20261123090000', TrangThaiHoSo: 2, KenhThucHien: 1 }] }),
    });
    expect(((await pre.json()) as { KetQua: { error_code: number }[] }).KetQua[0]!.error_code).toBe(0);
    await callOk(core, 'sync.settings.set', { enabled: true, endpoint: p.nationalUrl, adapter: 'national', username: 'quay1' }, systemContext());
    expect(await core.sync.runOnce()).toMatchObject({ ok: true, deadLettered: 0 });
    expect(p.store.dossierCount()).toBe(3);
  });
});

describe('catalogue versions from the feed', () => {
  it('a procedure the province changed becomes a new current version, the old one kept', async () => {
    const p = await province();
    const { core } = await counter();
    await configureSync(core, p.url);
    const file = JSON.parse(readFileSync(join(projectRoot, 'resources/catalog/sample-procedures.json'), 'utf8')) as { procedures: { code: string; name: string }[] };
    const birth = file.procedures.find((x) => x.code === '1.001193')!;
    p.publishCatalog({ ...birth, name: 'Đăng ký khai sinh (sửa đổi 2026)' });
    expect((await core.sync.runOnce()).ok).toBe(true);
    const hits = await callOk<{ code: string; name: string; version: number }[]>(core, 'catalog.search', { query: '1.001193', limit: 1 }, clerk);
    expect(hits[0]).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh (sửa đổi 2026)', version: 2 });
    // The same page again changes nothing (at-least-once delivery).
    await core.sync.runOnce();
    const again = await callOk<{ version: number }[]>(core, 'catalog.search', { query: '1.001193', limit: 1 }, clerk);
    expect(again[0]!.version).toBe(2);
  });
});
