import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { ScanSource } from '../../src/main/core/scanning/scan-source';
import type { ScanSessionView } from '../../src/shared/api/calls/scanning';
import { movePage, setRemoved, toArrangement } from '../../src/shared/scanning/page-arrangement';
import type { EsclDouble } from '../doubles/escl-scanner';
import { callOk } from '../support/core-call';
import { openTestCore, systemContext } from '../support/core-fixture';
import { procedureId, sampleDossier } from '../support/dossier-fixture';
import { sampleAdmin, sampleOffice } from '../support/office-fixture';
import { jpegPageBytes } from '../support/pdf-images';
import { scannedPage } from '../support/scan-pages';
import { readDatabase } from '../support/read-database';
import { makeTempDir } from '../support/temp-dir';
import { openScanningCounter } from '../support/scan-counter';

// The ways a scan session could lose pages or fill the disk without a word (review of issue 5),
// through the real core, the eSCL double on 127.0.0.1 and SQLite in a temp dir: a save while the
// feeder runs, pages no checklist document takes, a failed assembly, recovering an old session
// into a form that already has pages, and a scanner that never stops giving pages.

const clerk = systemContext('clerk', 'lan.nt');
const admin = systemContext('admin', 'quantri');
const call = <T>(core: Core, method: string, input: unknown, as = clerk) => callOk<T>(core, method, input, as);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function refusal(core: Core, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await core.dispatch(method, input, clerk);
  if (r.ok) throw new Error(`${method} was expected to be refused`);
  return r.error;
}

async function sessionOf(core: Core, requestId: string): Promise<ScanSessionView> {
  const s = await call<ScanSessionView | null>(core, 'scans.session', { requestId });
  if (!s) throw new Error('no session');
  return s;
}

async function until(core: Core, requestId: string, done: (s: ScanSessionView) => boolean): Promise<ScanSessionView> {
  for (let i = 0; i < 400; i++) {
    const s = await call<ScanSessionView | null>(core, 'scans.session', { requestId });
    if (s && done(s)) return s;
    await sleep(25);
  }
  throw new Error('the scan did not get there');
}
const finished = (core: Core, requestId: string) => until(core, requestId, (s) => !s.running);

async function scan(core: Core, requestId: string, documentCode: string | null): Promise<ScanSessionView> {
  await call(core, 'scans.start', { requestId, documentCode });
  return finished(core, requestId);
}

function auditDetails(core: Core, action: string): Record<string, unknown>[] {
  const details = readDatabase(core.databaseFile, (db) => db.prepare('SELECT details FROM audit_log WHERE action = ? ORDER BY seq').pluck().all(action) as string[]);
  return details.map((d) => JSON.parse(d) as Record<string, unknown>);
}

describe('scan sessions lose no page silently', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let scanner: EsclDouble;
  let core: Core;
  let birth: string;
  const device = () => ({ kind: 'escl', id: 'double', name: 'Máy quét thử', url: scanner.baseUrl });

  beforeAll(async () => {
    tmp = makeTempDir();
    ({ core, scanner } = await openScanningCounter(tmp.dir, { pages: 3, duplex: false }));
    birth = await procedureId(core, clerk, '1.001193');
  }, 30_000);

  afterAll(async () => {
    core?.close();
    await scanner?.stop();
    tmp?.cleanup();
  });

  it('refuses to save while the scan runs, writing nothing; once the scan ends the save keeps every page', async () => {
    scanner.set({ pages: 6, slowMs: 150 });
    const requestId = randomUUID();
    await call(core, 'scans.start', { requestId, documentCode: 'TK' });
    await until(core, requestId, (s) => s.pages.length >= 2);

    const refused = await refusal(core, 'dossiers.receive', sampleDossier(birth, { requestId }));
    expect(refused.code).toBe('SCAN_SAVE_WHILE_SCANNING');
    expect(refused.message).toContain('hãy chờ quét xong hoặc bấm Dừng quét rồi lưu');
    expect((await refusal(core, 'dossiers.get', { idOrCode: requestId })).code).toBe('DOSSIER_NOT_FOUND');
    expect((await sessionOf(core, requestId)).state).toBe('open');

    const done = await finished(core, requestId);
    expect(done.pages).toHaveLength(6);
    // The same save, retried: the dossier takes all six pages.
    await call(core, 'dossiers.receive', sampleDossier(birth, { requestId }));
    const attachments = await call<{ documentCode: string; pages: number }[]>(core, 'dossiers.attachments', { dossier: requestId });
    expect(attachments.map((a) => [a.documentCode, a.pages])).toEqual([['TK', 6]]);
    scanner.set({ slowMs: 0 });
  }, 60_000);

  it('refuses to save while kept pages belong to no checklist document (another procedure’s code, or none), then saves them once placed', async () => {
    scanner.set({ pages: 2 });
    const requestId = randomUUID();
    // Scanned under another procedure's checklist (recovered, or the procedure changed since).
    await scan(core, requestId, 'GIAY-KHAC');
    scanner.set({ pages: 1 });
    const withNone = await scan(core, requestId, null);
    expect(withNone.error).toBeNull();
    expect(withNone.pages.map((p) => p.documentCode)).toEqual(['GIAY-KHAC', 'GIAY-KHAC', null]);

    const refused = await refusal(core, 'dossiers.receive', sampleDossier(birth, { requestId }));
    expect(refused.code).toBe('SCAN_PAGES_UNASSIGNED');
    expect(refused.message).toContain('Còn 3 trang chưa gán vào giấy tờ nào: hãy chọn giấy tờ cho từng trang hoặc để riêng');
    expect((await refusal(core, 'dossiers.get', { idOrCode: requestId })).code).toBe('DOSSIER_NOT_FOUND');
    expect((await sessionOf(core, requestId)).state).toBe('open');

    // Page 1 to the form, page 2 to the birth certificate, page 3 set aside.
    let pages = withNone.pages;
    const [p1, p2, p3] = [...pages].sort((a, b) => a.seq - b.seq);
    pages = movePage(pages, p1!.id, 'TK', null);
    pages = movePage(pages, p2!.id, 'GCS', null);
    pages = setRemoved(pages, p3!.id, true);
    await call(core, 'scans.arrange', { requestId, pages: toArrangement(pages) });
    await call(core, 'dossiers.receive', sampleDossier(birth, { requestId }));
    const attachments = await call<{ documentCode: string; pages: number }[]>(core, 'dossiers.attachments', { dossier: requestId });
    expect(attachments.map((a) => [a.documentCode, a.pages]).sort()).toEqual([
      ['GCS', 1],
      ['TK', 1],
    ]);
    expect((await sessionOf(core, requestId)).state).toBe('committed');
  }, 60_000);

  it('says when the assembly failed, keeps the pages, shows them as not attached, and attaches them on retry', async () => {
    // Pages of their own (the double's pages repeat byte for byte, and files are stored by hash).
    const pageBytes = await Promise.all([901, 902].map((seed) => scannedPage(75, { lines: 10, seed, grain: 4 })));
    const requestId = randomUUID();
    await call(core, 'scans.import', { requestId, documentCode: 'TK', files: pageBytes.map((b, i) => ({ name: `trang-${i + 1}.jpg`, dataBase64: b.toString('base64') })) });
    // The second page's file is damaged on disk before the save.
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(pageBytes[1]!).digest('hex');
    const path = join(tmp.dir, 'files', 'sha256', sha.slice(0, 2), sha);
    const good = readFileSync(path);
    writeFileSync(path, Buffer.from('hỏng'));

    const saved = await call<{ id: string; code: string; attachWarning?: string }>(core, 'dossiers.receive', sampleDossier(birth, { requestId }));
    expect(saved.code).toMatch(/^000\./);
    expect(saved.attachWarning).toBeTruthy();
    expect(await call<unknown[]>(core, 'dossiers.attachments', { dossier: requestId })).toEqual([]);
    const pending = await call<{ pages: number; error: string | null }>(core, 'scans.unattached', { dossierId: saved.code });
    expect(pending.pages).toBe(2);
    expect(pending.error).toBe(saved.attachWarning);

    // Still damaged: the retry says so again and keeps the pages.
    expect((await refusal(core, 'scans.retryAttach', { dossierId: requestId })).message).toBe(saved.attachWarning);
    expect((await call<{ pages: number }>(core, 'scans.unattached', { dossierId: requestId })).pages).toBe(2);

    writeFileSync(path, good);
    // "Thử lại" pressed twice (or while the start-up recovery assembles): one assembly, one change for the province.
    const [first, second] = await Promise.all([
      call(core, 'scans.retryAttach', { dossierId: saved.code }),
      call(core, 'scans.retryAttach', { dossierId: saved.code }),
    ]);
    expect([first, second]).toEqual([{ attachments: 1 }, { attachments: 1 }]);
    expect(readDatabase(core.databaseFile, (db) => db.prepare("SELECT count(*) FROM outbox WHERE operation = 'dossier.attach' AND entity_id = ?").pluck().get(saved.id))).toBe(1);
    const attachments = await call<{ id: string; documentCode: string; pages: number }[]>(core, 'dossiers.attachments', { dossier: requestId });
    expect(attachments.map((a) => [a.documentCode, a.pages])).toEqual([['TK', 2]]);
    const pdf = await call<{ dataBase64: string }>(core, 'dossiers.attachmentFile', { id: attachments[0]!.id });
    const inPdf = await jpegPageBytes(Buffer.from(pdf.dataBase64, 'base64'));
    expect(inPdf.map((b) => pageBytes.findIndex((p) => p.equals(b)))).toEqual([0, 1]);
    expect(await call(core, 'scans.unattached', { dossierId: requestId })).toEqual({ pages: 0, error: null });
    expect((await refusal(core, 'scans.retryAttach', { dossierId: requestId })).code).toBe('SCAN_ATTACH_NOTHING_PENDING');
  }, 60_000);

  it('recovers an old session into a form that already has pages: appended after them, documents kept, the old one closed, audited', async () => {
    scanner.set({ pages: 2 });
    const old = randomUUID();
    const oldPages = await scan(core, old, 'TK');
    const second = oldPages.pages.find((p) => p.seq === 2)!;
    await call(core, 'scans.arrange', { requestId: old, pages: toArrangement(movePage(oldPages.pages, second.id, 'GCS', null)) });

    const fresh = randomUUID();
    scanner.set({ pages: 1 });
    const own = (await scan(core, fresh, 'TK')).pages[0]!;
    expect((await call<{ requestId: string }[]>(core, 'scans.unfinished', {})).map((u) => u.requestId)).toContain(old);

    await call(core, 'scans.adopt', { fromRequestId: old, toRequestId: fresh });
    const merged = await sessionOf(core, fresh);
    expect(merged.pages.map((p) => [p.seq, p.documentCode, p.id === own.id ? 'own' : 'adopted'])).toEqual([
      [1, 'TK', 'own'],
      [2, 'TK', 'adopted'],
      [3, 'GCS', 'adopted'],
    ]);
    const oldSession = await sessionOf(core, old);
    expect([oldSession.state, oldSession.pages.length]).toEqual(['discarded', 0]);
    expect((await call<{ requestId: string }[]>(core, 'scans.unfinished', {})).map((u) => u.requestId)).not.toContain(old);
    expect(auditDetails(core, 'scan.adopt').at(-1)).toMatchObject({ fromRequestId: old, toRequestId: fresh, pages: 2 });
    // The emptied old session is not something a discard's undo could bring back.
    await expect(call(core, 'scans.restore', { requestId: old })).rejects.toMatchObject({ code: 'SCAN_NOTHING_TO_RESTORE' });

    await call(core, 'dossiers.receive', sampleDossier(birth, { requestId: fresh }));
    const attachments = await call<{ documentCode: string; pages: number }[]>(core, 'dossiers.attachments', { dossier: fresh });
    expect(attachments.map((a) => [a.documentCode, a.pages]).sort()).toEqual([
      ['GCS', 1],
      ['TK', 2],
    ]);
  }, 60_000);

  it('stops a scanner that keeps giving pages at the page limit: pages so far kept, the job deleted at the scanner, the limit named', async () => {
    await call(core, 'scanning.updateSettings', { devices: [device()], defaultDeviceId: 'double', limits: { maxPages: 4 } }, admin);
    try {
      // One scan past the limit: the eSCL source stops at page 5.
      scanner.set({ pages: 50 });
      scanner.clearLog();
      const requestId = randomUUID();
      const first = await scan(core, requestId, 'TK');
      expect(first.pages).toHaveLength(4);
      expect(first.error).toContain('4 trang');
      const job = scanner.jobs().at(-1)!;
      expect(scanner.log().some((l) => l.method === 'DELETE' && l.path === job.path)).toBe(true);
      expect(job.state).toBe('Canceled');

      // A session that already has pages: it stops when the session reaches the limit.
      const other = randomUUID();
      scanner.set({ pages: 1 });
      await scan(core, other, 'TK');
      scanner.set({ pages: 50 });
      scanner.clearLog();
      const second = await scan(core, other, 'TK');
      expect(second.pages).toHaveLength(4);
      expect(second.error).toContain('đã có 4 trang quét');
      const secondJob = scanner.jobs().at(-1)!;
      expect(scanner.log().some((l) => l.method === 'DELETE' && l.path === secondJob.path)).toBe(true);

      // A full session refuses a new scan before the scanner takes any paper.
      const jobs = scanner.jobs().length;
      const third = await scan(core, other, 'TK');
      expect(third.pages).toHaveLength(4);
      expect(third.error).toContain('đã có 4 trang quét');
      expect(scanner.jobs()).toHaveLength(jobs);
      // The pages kept are saved as usual.
      await call(core, 'dossiers.receive', sampleDossier(birth, { requestId: other }));
      expect((await call<{ pages: number }[]>(core, 'dossiers.attachments', { dossier: other })).map((a) => a.pages)).toEqual([4]);
    } finally {
      await call(core, 'scanning.updateSettings', { devices: [device()], defaultDeviceId: 'double' }, admin);
    }
  }, 90_000);
});

describe('a page that arrives for a session closed meanwhile', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let release: () => void = () => undefined;
  const sent: Buffer[] = [];

  // A source whose second page is already on its way when the session closes: the scan does not
  // see the cancel in time (as with a page mid-transfer), so the page reaches the session.
  const lateSource: ScanSource = {
    kind: 'escl',
    async scan(_settings, run) {
      await run.onPage({ bytes: sent[0]!, mediaType: 'image/jpeg', origin: 'thử' }, 0);
      await new Promise<void>((r) => (release = r));
      await run.onPage({ bytes: sent[1]!, mediaType: 'image/jpeg', origin: 'thử' }, 1);
      return { pages: 2 };
    },
  };

  beforeAll(async () => {
    sent.push(...(await Promise.all([911, 912].map((seed) => scannedPage(75, { lines: 10, seed, grain: 4 })))));
    tmp = makeTempDir();
    core = openTestCore(tmp.dir, { adapters: { scannerSource: () => lateSource } });
    await call(core, 'auth.setup', { admin: sampleAdmin, office: sampleOffice }, admin);
    await call(core, 'scanning.updateSettings', { devices: [{ kind: 'escl', id: 'late', name: 'Máy quét chậm', url: 'http://127.0.0.1:9/eSCL' }], defaultDeviceId: 'late' }, admin);
  }, 30_000);

  afterAll(() => {
    core?.close();
    tmp?.cleanup();
  });

  it('is refused loudly, not stored in the closed session', async () => {
    const requestId = randomUUID();
    await call(core, 'scans.start', { requestId, documentCode: 'TK' });
    await until(core, requestId, (s) => s.pages.length === 1);
    await call(core, 'scans.discard', { requestId });
    release();
    const s = await finished(core, requestId);
    expect(s.state).toBe('discarded');
    expect(s.pages).toHaveLength(1);
    expect(s.error).toContain('đã được lưu hoặc đã bỏ');
  }, 30_000);
});
