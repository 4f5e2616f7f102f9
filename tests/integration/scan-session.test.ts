import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { ScanSessionView } from '../../src/shared/api/calls/scanning';
import { movePage, toArrangement } from '../../src/shared/scanning/page-arrangement';
import type { EsclDouble } from '../doubles/escl-scanner';
import { systemContext } from '../support/core-fixture';
import { procedureId, sampleDossier } from '../support/dossier-fixture';
import { jpegPageBytes } from '../support/pdf-images';
import { callOk } from '../support/core-call';
import { makeTempDir } from '../support/temp-dir';
import { openScanningCounter } from '../support/scan-counter';

// Scanning into the dossier being received, through the core's calls, from the eSCL double:
// pages stored as they arrive, blank pages set aside, pages moved between documents, and on save
// one PDF per document whose JPEG bytes are the scanner's own.

const clerk = systemContext('clerk', 'lan.nt');
const admin = systemContext('admin', 'quantri');

const call = <T>(core: Core, method: string, input: unknown, as = clerk) => callOk<T>(core, method, input, as);

async function scanned(core: Core, requestId: string): Promise<ScanSessionView> {
  for (let i = 0; i < 300; i++) {
    const s = await call<ScanSessionView | null>(core, 'scans.session', { requestId });
    if (s && !s.running) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the scan did not finish');
}

describe('scanning into a dossier through the core', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let scanner: EsclDouble;
  let core: Core;

  beforeAll(async () => {
    tmp = makeTempDir();
    ({ core, scanner } = await openScanningCounter(tmp.dir, { pages: 6, blankPages: [5], duplex: false }));
  }, 30_000);

  afterAll(async () => {
    core?.close();
    await scanner?.stop();
    tmp?.cleanup();
  });

  it('scans 6 pages, sets the blank one aside, and saves two PDFs holding the scanner’s JPEG bytes unchanged', async () => {
    const requestId = randomUUID();
    await call(core, 'scans.start', { requestId, documentCode: 'TK' });
    const session = await scanned(core, requestId);
    expect(session.error).toBeNull();
    expect(session.pages).toHaveLength(6);
    expect(session.pages.filter((p) => p.removed).map((p) => p.seq)).toEqual([5]);
    expect(session.pages.find((p) => p.seq === 5)!.blank).toBe(true);

    // Page 3 belongs to the second document.
    const page3 = session.pages.find((p) => p.seq === 3)!;
    await call(core, 'scans.arrange', { requestId, pages: toArrangement(movePage(session.pages, page3.id, 'GCS', null)) });

    const dossier = sampleDossier(await procedureId(core, clerk, '1.001193'), { requestId });
    await call(core, 'dossiers.receive', dossier);
    const attachments = await call<{ id: string; documentCode: string; pages: number }[]>(core, 'dossiers.attachments', { dossier: requestId });
    expect(attachments.map((a) => [a.documentCode, a.pages]).sort()).toEqual([
      ['GCS', 1],
      ['TK', 4],
    ]);
    const sent = scanner.sent().map((p) => p.bytes);
    const pdfOf = async (code: string) => {
      const file = await call<{ dataBase64: string }>(core, 'dossiers.attachmentFile', { id: attachments.find((a) => a.documentCode === code)!.id });
      return jpegPageBytes(Buffer.from(file.dataBase64, 'base64'));
    };
    const tk = await pdfOf('TK');
    expect(tk.map((b) => sent.findIndex((s) => s.equals(b)) + 1)).toEqual([1, 2, 4, 6]);
    expect((await pdfOf('GCS')).map((b) => sent.findIndex((s) => s.equals(b)) + 1)).toEqual([3]);

    expect((await call<ScanSessionView>(core, 'scans.session', { requestId })).state).toBe('committed');
    expect(await call<unknown[]>(core, 'scans.unfinished', {})).toEqual([]);
  }, 60_000);

  it('keeps the pages scanned before a jam and says what happened', async () => {
    scanner.set({ pages: 6, jamAfter: 3, blankPages: [] });
    const requestId = randomUUID();
    await call(core, 'scans.start', { requestId, documentCode: 'TK' });
    const session = await scanned(core, requestId);
    expect(session.pages).toHaveLength(3);
    expect(session.error).toMatch(/kẹt/i);
    // The clerk leaves without saving: the pages are offered back.
    expect((await call<{ requestId: string; pages: number }[]>(core, 'scans.unfinished', {})).find((u) => u.requestId === requestId)?.pages).toBe(3);
    scanner.set({ jamAfter: null });
  }, 60_000);

  it('rescans one page: the new page takes its place, the old one is set aside', async () => {
    scanner.set({ pages: 3, blankPages: [], jamAfter: null });
    const requestId = randomUUID();
    await call(core, 'scans.start', { requestId, documentCode: 'TK' });
    const before = await scanned(core, requestId);
    const second = before.pages.find((p) => p.seq === 2)!;
    scanner.set({ pages: 5 });
    await call(core, 'scans.start', { requestId, documentCode: 'TK', replacePageId: second.id });
    const after = await scanned(core, requestId);
    expect(after.error).toBeNull();
    expect(after.pages).toHaveLength(4);
    const kept = after.pages.filter((p) => !p.removed).sort((a, b) => a.position - b.position);
    expect(kept.map((p) => p.seq)).toEqual([1, 4, 3]);
    expect(after.pages.find((p) => p.id === second.id)!.removed).toBe(true);
  }, 60_000);

  it('imports files, refusing a corrupt one by name without losing the good one', async () => {
    const requestId = randomUUID();
    const good = scanner.sent()[0]!.bytes;
    const r = await call<{ added: number; rejected: { name: string; message: string }[] }>(core, 'scans.import', {
      requestId,
      documentCode: 'GCS',
      files: [
        { name: 'giay-chung-sinh.jpg', dataBase64: good.toString('base64') },
        { name: 'hong.jpg', dataBase64: good.subarray(0, 200).toString('base64') },
      ],
    });
    expect(r.added).toBe(1);
    expect(r.rejected.map((x) => x.name)).toEqual(['hong.jpg']);
    expect(r.rejected[0]!.message.length).toBeGreaterThan(10);
    const session = await call<ScanSessionView>(core, 'scans.session', { requestId });
    expect(session.pages.map((p) => p.documentCode)).toEqual(['GCS']);
  });

  it('stores a typed address as the eSCL URL and a pasted fingerprint in one canonical form, refusing a bad one', async () => {
    const fingerprint = 'AB:'.repeat(31) + 'AB';
    const saved = await call<{ devices: { url: string; pinnedCertSha256: string | null }[] }>(
      core,
      'scanning.updateSettings',
      {
        devices: [
          { kind: 'escl', id: 'typed', name: 'Máy quét gõ địa chỉ', url: '192.168.1.20:8080' },
          { kind: 'escl', id: 'tls', name: 'Máy quét HTTPS', url: 'https://192.168.1.21/eSCL', pinnedCertSha256: fingerprint.toLowerCase().replaceAll(':', ' ') },
        ],
      },
      admin,
    );
    expect(saved.devices.map((d) => d.url)).toEqual(['http://192.168.1.20:8080/eSCL', 'https://192.168.1.21/eSCL']);
    expect(saved.devices[1]!.pinnedCertSha256).toBe(fingerprint);
    const bad = await core.dispatch('scanning.updateSettings', { devices: [{ kind: 'escl', id: 'x', name: 'x', url: 'https://1.2.3.4', pinnedCertSha256: 'khong-phai' }] }, admin);
    expect(bad.ok ? null : bad.error.code).toBe('SCANNER_PIN_INVALID');
    const badAddress = await core.dispatch('scanning.updateSettings', { devices: [{ kind: 'escl', id: 'x', name: 'x', url: 'ftp://máy quét' }] }, admin);
    expect(badAddress.ok ? null : badAddress.error.code).toBe('SCANNER_ADDRESS_INVALID');
  });

  it('tells the clerk when no scanner is set up', async () => {
    await call(core, 'scanning.updateSettings', { devices: [], defaultDeviceId: null }, admin);
    const r = await core.dispatch('scans.start', { requestId: randomUUID() }, clerk);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('SCANNER_NOT_CONFIGURED');
  });
});
