import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { createFileStore, sha256Hex } from '../../src/main/core/files/file-store';
import type { ScanPruneOutcome, ScanSessionView, ScanningSettings } from '../../src/shared/api/calls/scanning';
import type { EsclDouble } from '../doubles/escl-scanner';
import { callOk } from '../support/core-call';
import { frozenClock, openTestCore, systemContext } from '../support/core-fixture';
import { procedureId, sampleDossier } from '../support/dossier-fixture';
import { sampleAdmin, sampleOffice } from '../support/office-fixture';
import { scannedPage } from '../support/scan-pages';
import { motcua } from '../support/motcua-cli';
import { readDatabase } from '../support/read-database';
import { makeTempDir } from '../support/temp-dir';
import { openScanningCounter } from '../support/scan-counter';

// Scanned pages past their retention, pruned through the core with a real SQLite file and real
// page files: discarded sessions after 7 days, committed ones after 30 (the dossier's PDFs stay
// whole), sessions left open after 30 unless their dossier was saved; a file still named by
// another session or an attachment survives; a running scan is never pruned; one audit entry
// per run; the app prunes by itself at start.

const clerk = systemContext('clerk', 'lan.nt');
const admin = systemContext('admin', 'quantri');
const T0 = Date.parse('2026-11-02T03:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

const call = <T>(core: Core, method: string, input: unknown, as = clerk) => callOk<T>(core, method, input, as);

interface Page {
  name: string;
  bytes: Buffer;
  sha256: string;
}

async function page(seed: number): Promise<Page> {
  const bytes = await scannedPage(75, { lines: 12, seed, grain: 4 });
  return { name: `trang-${seed}.jpg`, bytes, sha256: sha256Hex(bytes) };
}

async function importInto(core: Core, requestId: string, pages: Page[], documentCode: string | null = 'TK') {
  const r = await call<{ added: number; rejected: unknown[] }>(core, 'scans.import', {
    requestId,
    documentCode,
    files: pages.map((p) => ({ name: p.name, dataBase64: p.bytes.toString('base64') })),
  });
  expect(r.rejected).toEqual([]);
  expect(r.added).toBe(pages.length);
}

const prune = (core: Core) => call<ScanPruneOutcome>(core, 'scans.prune', {}, admin);
const session = (core: Core, requestId: string) => call<ScanSessionView | null>(core, 'scans.session', { requestId });

function auditPrunes(core: Core): { actor: string; details: ScanPruneOutcome & { byState: Record<string, number> } }[] {
  const rows = readDatabase(core.databaseFile, (db) => db.prepare("SELECT actor, details FROM audit_log WHERE action = 'scan.prune' ORDER BY seq").all() as { actor: string; details: string }[]);
  return rows.map((r) => ({ actor: r.actor, details: JSON.parse(r.details) as ScanPruneOutcome & { byState: Record<string, number> } }));
}

const storedRow = (core: Core, sha256: string): boolean =>
  readDatabase(core.databaseFile, (db) => db.prepare('SELECT 1 FROM stored_files WHERE sha256 = ?').get(sha256) !== undefined);

describe('scan page retention through the core', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const clock = frozenClock(at(0));
  const files = () => createFileStore(`${tmp.dir}/files`);
  const onDisk = (p: { sha256: string }) => existsSync(files().pathOf(p.sha256));

  const committed = randomUUID();
  const discarded = randomUUID();
  const leftOpen = randomUUID();
  const pendingAttach = randomUUID();
  const young = randomUUID();
  let pages: Record<'c1' | 'c2' | 'd1' | 'd2' | 'shared' | 'o1' | 'p1', Page>;
  let attachmentPdf: Page;
  let attachmentId: string;

  beforeAll(async () => {
    tmp = makeTempDir();
    core = openTestCore(tmp.dir, { clock });
    await call(core, 'auth.setup', { admin: sampleAdmin, office: sampleOffice }, admin);
    pages = { c1: await page(1), c2: await page(2), d1: await page(3), d2: await page(4), shared: await page(5), o1: await page(6), p1: await page(7) };
    const procedure = await procedureId(core, clerk, '1.001193');

    // A saved dossier: its two pages become the TK attachment.
    await importInto(core, committed, [pages.c1, pages.c2]);
    await call(core, 'dossiers.receive', sampleDossier(procedure, { requestId: committed }));
    const [attachment] = await call<{ id: string; sha256: string }[]>(core, 'dossiers.attachments', { dossier: committed });
    attachmentId = attachment!.id;
    const file = await call<{ dataBase64: string }>(core, 'dossiers.attachmentFile', { id: attachmentId });
    const pdf = Buffer.from(file.dataBase64, 'base64');
    attachmentPdf = { name: 'ho-so.pdf', bytes: pdf, sha256: attachment!.sha256 };

    // Discarded ("Bỏ"): two pages of its own, one shared with a later session, and the saved
    // dossier's PDF imported as a page (the same file as the attachment).
    await importInto(core, discarded, [pages.d1, pages.d2, pages.shared, attachmentPdf]);
    await call(core, 'scans.discard', { requestId: discarded });

    // Left open by a crash, never saved.
    await importInto(core, leftOpen, [pages.o1]);

    // Saved just before a crash, its pages not assembled yet: the dossier exists, the session is open.
    await call(core, 'dossiers.receive', sampleDossier(procedure, { requestId: pendingAttach }));
    await importInto(core, pendingAttach, [pages.p1]);
    expect((await session(core, pendingAttach))!.state).toBe('open');

    // Five days later another form scans the shared page again.
    clock.set(at(5));
    await importInto(core, young, [pages.shared]);
  }, 60_000);

  afterAll(() => {
    core?.close();
    tmp?.cleanup();
  });

  it('prunes nothing before any session is old enough, and still records the admin’s run', async () => {
    expect(await prune(core)).toEqual({ sessions: 0, pages: 0, files: 0, bytes: 0 });
    for (const p of Object.values(pages)) expect(onDisk(p)).toBe(true);
    expect(auditPrunes(core)).toEqual([{ actor: 'quantri', details: expect.objectContaining({ sessions: 0 }) }]);
  });

  it('after 7 days removes a discarded session’s pages and files, keeping files another session or an attachment names', async () => {
    clock.set(at(8));
    const freed = await prune(core);
    expect(freed).toEqual({ sessions: 1, pages: 4, files: 2, bytes: pages.d1.bytes.length + pages.d2.bytes.length });
    expect(onDisk(pages.d1)).toBe(false);
    expect(onDisk(pages.d2)).toBe(false);
    expect(storedRow(core, pages.d1.sha256)).toBe(false);
    expect(onDisk(pages.shared)).toBe(true);
    expect(onDisk(attachmentPdf)).toBe(true);
    expect(storedRow(core, attachmentPdf.sha256)).toBe(true);

    // The session row stays, with its state; only its pages are gone.
    const s = await session(core, discarded);
    expect(s).toMatchObject({ state: 'discarded', pages: [] });
    expect((await session(core, committed))!.pages).toHaveLength(2);
    expect((await session(core, leftOpen))!.pages).toHaveLength(1);

    const file = await call<{ sha256: string; dataBase64: string }>(core, 'dossiers.attachmentFile', { id: attachmentId });
    expect(sha256Hex(Buffer.from(file.dataBase64, 'base64'))).toBe(attachmentPdf.sha256);
    expect(auditPrunes(core).at(-1)).toEqual({ actor: 'quantri', details: expect.objectContaining({ ...freed, byState: { discarded: 1, committed: 0, open: 0 } }) });
  });

  it('after 30 days removes a saved dossier’s page files and an abandoned open session, never the pages of a saved dossier waiting for its PDFs', async () => {
    const before = await call<{ requestId: string }[]>(core, 'scans.unfinished', {});
    expect(before.map((u) => u.requestId)).toContain(leftOpen);

    clock.set(at(31));
    const freed = await prune(core);
    expect(freed).toEqual({ sessions: 2, pages: 3, files: 3, bytes: pages.c1.bytes.length + pages.c2.bytes.length + pages.o1.bytes.length });
    for (const p of [pages.c1, pages.c2, pages.o1]) expect(onDisk(p)).toBe(false);
    expect((await session(core, committed))!).toMatchObject({ state: 'committed', pages: [] });
    expect((await session(core, leftOpen))!).toMatchObject({ state: 'open', pages: [] });
    expect((await call<{ requestId: string }[]>(core, 'scans.unfinished', {})).map((u) => u.requestId)).not.toContain(leftOpen);

    // The dossier's PDF still opens and matches its hash.
    const file = await call<{ sha256: string; size: number; dataBase64: string }>(core, 'dossiers.attachmentFile', { id: attachmentId });
    expect(sha256Hex(Buffer.from(file.dataBase64, 'base64'))).toBe(file.sha256);
    expect(file.size).toBe(attachmentPdf.bytes.length);

    // Pending attachment and the young session are untouched.
    expect((await session(core, pendingAttach))!.pages).toHaveLength(1);
    expect(onDisk(pages.p1)).toBe(true);
    expect((await session(core, young))!.pages).toHaveLength(1);
    expect(onDisk(pages.shared)).toBe(true);
  });

  it('removes the shared page’s file once the last session naming it is pruned', async () => {
    clock.set(at(36));
    expect(await prune(core)).toEqual({ sessions: 1, pages: 1, files: 1, bytes: pages.shared.bytes.length });
    expect(onDisk(pages.shared)).toBe(false);
    expect(onDisk(pages.p1)).toBe(true);
    expect(onDisk(attachmentPdf)).toBe(true);
  });

  it('applies the admin’s retention days', async () => {
    const s = await call<ScanningSettings>(core, 'scanning.settings', {});
    await call(core, 'scanning.updateSettings', { ...s, retention: { discardedDays: 1, committedDays: 30, openDays: 30 } }, admin);
    const quick = randomUUID();
    const p = await page(8);
    await importInto(core, quick, [p]);
    await call(core, 'scans.discard', { requestId: quick });
    clock.set(at(37.5));
    expect(await prune(core)).toMatchObject({ sessions: 1, pages: 1, files: 1 });
    expect(onDisk(p)).toBe(false);
  });

  it('undoes a discard while the pages are kept (offered back, audited); once pruned, the undo says the pages are gone', async () => {
    const undone = randomUUID();
    const p = await page(9);
    await importInto(core, undone, [p]);
    await call(core, 'scans.discard', { requestId: undone });
    expect(await call(core, 'scans.restore', { requestId: undone })).toEqual({ pages: 1 });
    expect((await call<{ requestId: string }[]>(core, 'scans.unfinished', {})).map((u) => u.requestId)).toContain(undone);
    // Undone twice (a second window, a second click): the pages are on offer, as asked; audited once.
    expect(await call(core, 'scans.restore', { requestId: undone })).toEqual({ pages: 1 });

    await call(core, 'scans.discard', { requestId: undone });
    clock.set(at(39));
    expect(await prune(core)).toMatchObject({ sessions: 1, pages: 1, files: 1 });
    await expect(call(core, 'scans.restore', { requestId: undone })).rejects.toMatchObject({ code: 'SCAN_NOTHING_TO_RESTORE', message: expect.stringContaining('hết thời hạn lưu') });
    expect(await session(core, undone)).toMatchObject({ state: 'discarded', pages: [] });
    expect(readDatabase(core.databaseFile, (db) => db.prepare("SELECT count(*) FROM audit_log WHERE action = 'scan.restore'").pluck().get())).toBe(1);
  });
});

describe('scan page retention and running scans', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let scanner: EsclDouble;
  let core: Core;
  const clock = frozenClock(at(0));

  beforeAll(async () => {
    tmp = makeTempDir();
    // The scanner's next page never comes while the test looks: the scan stays running.
    ({ core, scanner } = await openScanningCounter(tmp.dir, { pages: 3, slowMs: 600_000, duplex: false }, { clock }));
  }, 30_000);

  afterAll(async () => {
    core?.close();
    await scanner?.stop();
    tmp?.cleanup();
  });

  it('never prunes a session a scan is running in; prunes it once the scan ended', async () => {
    const requestId = randomUUID();
    const p = await page(21);
    await importInto(core, requestId, [p]);
    await call(core, 'scans.start', { requestId, documentCode: 'TK' });
    expect((await session(core, requestId))!.running).toBe(true);

    clock.set(at(60));
    expect(await prune(core)).toMatchObject({ sessions: 0 });
    expect((await session(core, requestId))!.pages).toHaveLength(1);
    expect(existsSync(createFileStore(`${tmp.dir}/files`).pathOf(p.sha256))).toBe(true);

    await call(core, 'scans.cancel', { requestId });
    for (let i = 0; i < 300 && (await session(core, requestId))!.running; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await session(core, requestId))!.running).toBe(false);
    clock.set(at(120));
    expect(await prune(core)).toMatchObject({ sessions: 1, pages: 1, files: 1 });
  });
});

/** A counter in `dir`, closed, holding one discarded session of one page (discarded at `clock`'s time). */
async function discardedOnDisk(dir: string, clock: ReturnType<typeof frozenClock>, seed: number): Promise<{ p: Page; requestId: string }> {
  const p = await page(seed);
  const requestId = randomUUID();
  const core = openTestCore(dir, { clock });
  try {
    await call(core, 'auth.setup', { admin: sampleAdmin, office: sampleOffice }, admin);
    await importInto(core, requestId, [p]);
    await call(core, 'scans.discard', { requestId });
  } finally {
    core.close();
  }
  return { p, requestId };
}

describe('pruning at start', () => {
  it('the app prunes what is past its retention when it starts; the CLI only when asked', async () => {
    const tmp = makeTempDir();
    try {
      const clock = frozenClock(at(0));
      const { p, requestId } = await discardedOnDisk(tmp.dir, clock, 31);

      clock.set(at(10));
      let core = openTestCore(tmp.dir, { clock });
      await new Promise((r) => setTimeout(r, 0));
      expect((await session(core, requestId))!.pages).toHaveLength(1);
      core.close();

      core = openTestCore(tmp.dir, { clock, host: 'web' });
      try {
        for (let i = 0; i < 200 && (await session(core, requestId))!.pages.length > 0; i++) await new Promise((r) => setTimeout(r, 10));
        expect((await session(core, requestId))!.pages).toEqual([]);
        expect(existsSync(createFileStore(`${tmp.dir}/files`).pathOf(p.sha256))).toBe(false);
        expect(auditPrunes(core).map((a) => [a.actor, a.details.sessions])).toEqual([['system', 1]]);
      } finally {
        core.close();
      }
    } finally {
      tmp.cleanup();
    }
  }, 30_000);
});

describe('motcua scan prune', () => {
  it('prunes now and says what it freed, as text or JSON', async () => {
    const tmp = makeTempDir();
    try {
      // Discarded long before today (the CLI runs on the machine's clock).
      const { p } = await discardedOnDisk(tmp.dir, frozenClock('2024-01-10T03:00:00Z'), 41);

      const json = motcua(['--data-dir', tmp.dir, 'scan', 'prune', '--json']);
      expect(json.stderr).toBe('');
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ sessions: 1, pages: 1, files: 1, bytes: p.bytes.length });
      expect(existsSync(createFileStore(`${tmp.dir}/files`).pathOf(p.sha256))).toBe(false);

      const human = motcua(['--data-dir', tmp.dir, 'scan', 'prune']);
      expect(human.status).toBe(0);
      expect(human.stdout.trim()).toBe('Không có trang quét nào quá thời hạn lưu.');
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
