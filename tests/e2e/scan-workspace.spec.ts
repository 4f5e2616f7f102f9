import { writeFileSync } from 'node:fs';
import type { Request } from '@playwright/test';
import { join } from 'node:path';
import type { ScanSessionView } from '../../src/shared/api/calls/scanning';
import { startEsclScanner, type EsclDouble } from '../doubles/escl-scanner';
import type { HostProcess } from '../support/host-process';
import { sampleAdmin } from '../support/office-fixture';
import { jpegPageBytes } from '../support/pdf-images';
import { pageCount } from '../support/pdf-tools';
import { expect, test as base } from './fixtures';

// The page workspace from the keyboard, with pages from the eSCL double: Alt+→ moves a page and
// the focus stays on it, R rotates, Delete sets aside and restores, keys typed in a card's select
// are the select's; a page left unassigned stops the save with the reason (nothing saved); the
// save gives the PDFs in the new order. And Save waits while the scanner runs.

const test = base.extend<{ scanner: EsclDouble }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  scanner: async ({}, use) => {
    const scanner = await startEsclScanner({ pages: 3, duplex: false });
    await use(scanner);
    await scanner.stop();
  },
});

const CARD_QR = '001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội|01082021';

async function value<T>(host: HostProcess, method: string, input: unknown): Promise<T> {
  const r = await host.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
  return r.value as T;
}

/** The form's request id: its session is the one open, unsaved session. */
async function formRequestId(host: HostProcess): Promise<string> {
  const open = await value<{ requestId: string }[]>(host, 'scans.unfinished', {});
  expect(open).toHaveLength(1);
  return open[0]!.requestId;
}

const session = (host: HostProcess, requestId: string) => value<ScanSessionView>(host, 'scans.session', { requestId });
/** The seqs of a document's kept pages, in order. */
const orderIn = async (host: HostProcess, requestId: string, code: string | null) =>
  (await session(host, requestId)).pages
    .filter((p) => !p.removed && p.documentCode === code)
    .sort((a, b) => a.position - b.position)
    .map((p) => p.seq);

test.describe('the page workspace', () => {
  test.use({ clockStart: '2026-11-23T02:00:00Z' });

  // The admin's scanner (set up through the admin panel in scanning.spec.ts; here by a call made
  // in the admin's session), then intake as that admin.
  test.beforeEach(async ({ todayPage, page, host, scanner }) => {
    await todayPage.launch();
    await todayPage.login(sampleAdmin.username, sampleAdmin.password);
    await expect(page.getByRole('radiogroup', { name: 'Chuyển trang làm việc' })).toBeVisible();
    await value(host, 'scanning.updateSettings', {
      devices: [{ kind: 'escl', id: 'quay1', name: 'Máy quét quầy 1', url: `127.0.0.1:${scanner.port}` }],
      defaultDeviceId: 'quay1',
    });
    await todayPage.goTo('Tiếp nhận');
  });

  test('keyboard only: move, rotate, set aside and restore keep the focus; an unassigned page stops the save; the PDF follows the new order', async ({
    todayPage,
    page,
    scanner,
    host,
  }) => {
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    const workspace = page.getByTestId('scan-workspace');
    await workspace.getByTestId('scan-start').click();
    await expect(workspace.getByTestId('scan-progress')).toHaveText('3 trang sẽ được lưu.', { timeout: 30_000 });
    const requestId = await formRequestId(host);
    expect(await orderIn(host, requestId, 'BC')).toEqual([1, 2, 3]);

    // Alt+→: page 1 goes after page 2, and the focus stays on it.
    const card = (seq: number) => workspace.getByTestId(`scan-page-${seq}`);
    await card(1).focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => orderIn(host, requestId, 'BC')).toEqual([2, 1, 3]);
    await expect(card(1)).toBeFocused();

    // R rotates it a quarter turn; still focused.
    await page.keyboard.press('r');
    await expect.poll(async () => (await session(host, requestId)).pages.find((p) => p.seq === 1)?.rotation).toBe(90);
    await expect(card(1)).toBeFocused();

    // Delete sets page 3 aside (the card moves to the set-aside group, focused); Delete again restores it.
    await card(3).focus();
    await page.keyboard.press('Delete');
    await expect(workspace.getByTestId('scan-group-aside').getByTestId('scan-page-3')).toBeFocused();
    expect(await orderIn(host, requestId, 'BC')).toEqual([2, 1]);
    await page.keyboard.press('Delete');
    await expect(workspace.getByTestId('scan-group-BC').getByTestId('scan-page-3')).toBeFocused();
    await expect.poll(() => orderIn(host, requestId, 'BC')).toEqual([2, 1, 3]);

    // Keys typed in the card's select are the select's: no rotation, nothing set aside. Counted at
    // the source: the renderer's arrange calls (a wrong one from the keys would be sent before the
    // select's own, and could be overwritten by it in the session).
    const arranges: string[] = [];
    const countArranges = (r: Request) => {
      if (r.url().endsWith('/api/call') && (r.postDataJSON() as { method?: string } | null)?.method === 'scans.arrange') arranges.push(r.url());
    };
    page.on('request', countArranges);
    const select = workspace.getByLabel('Trang 3 thuộc giấy tờ');
    await select.focus();
    await page.keyboard.press('Delete');
    await page.keyboard.press('r');

    // Page 3 left unassigned: the save is refused with the reason, and nothing is saved.
    await select.selectOption({ label: 'Chưa phân loại' });
    await expect(workspace.getByTestId('scan-group-none').getByTestId('scan-page-3')).toBeVisible();
    await expect.poll(async () => (await session(host, requestId)).pages.find((p) => p.seq === 3)?.documentCode).toBeNull();
    page.off('request', countArranges);
    expect(arranges).toHaveLength(1);
    const third = (await session(host, requestId)).pages.find((p) => p.seq === 3)!;
    expect([third.rotation, third.removed]).toEqual([0, false]);
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('intake-notice')).toContainText('Còn 1 trang chưa gán vào giấy tờ nào: hãy chọn giấy tờ cho từng trang hoặc để riêng');
    await expect(todayPage.receiptCode).toHaveCount(0);
    expect((await host.call('dossiers.get', { idOrCode: requestId })).ok).toBe(false);

    // Set aside from the keyboard, then saved: one PDF, pages 2 then 1, the scanner's own bytes.
    await card(3).focus();
    await page.keyboard.press('Delete');
    await expect(workspace.getByTestId('scan-group-aside').getByTestId('scan-page-3')).toBeFocused();
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText('000.00.06.H56-261123-0001');
    await expect(page.getByTestId('receipt-attach-warning')).toHaveCount(0);

    const attachments = await value<{ id: string; documentCode: string; pages: number }[]>(host, 'dossiers.attachments', { dossier: requestId });
    expect(attachments.map((a) => [a.documentCode, a.pages])).toEqual([['BC', 2]]);
    const file = await value<{ dataBase64: string }>(host, 'dossiers.attachmentFile', { id: attachments[0]!.id });
    const bytes = Buffer.from(file.dataBase64, 'base64');
    const path = join(host.dataDir, 'BC.pdf');
    writeFileSync(path, bytes);
    expect(await pageCount(path)).toBe(2);
    const sent = scanner.sent().map((p) => p.bytes);
    expect((await jpegPageBytes(bytes)).map((b) => sent.findIndex((s) => s.equals(b)) + 1)).toEqual([2, 1]);
  });

  test('Save waits while the scanner runs, says why, and saves every page once the scan is stopped', async ({ todayPage, page, scanner, host }) => {
    // Long and slow enough to be still running at the save and at "Dừng quét" on a loaded machine.
    scanner.set({ pages: 30, slowMs: 1500 });
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    const workspace = page.getByTestId('scan-workspace');
    await workspace.getByTestId('scan-start').click();
    await expect(page.getByTestId('save-while-scanning')).toHaveText('Máy quét đang quét… hãy chờ quét xong hoặc bấm Dừng quét rồi lưu.');
    await expect(workspace.getByTestId('scan-page-1')).toBeVisible({ timeout: 30_000 });
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('intake-notice')).toHaveText('Máy quét đang quét… hãy chờ quét xong hoặc bấm Dừng quét rồi lưu.');
    await expect(todayPage.receiptCode).toHaveCount(0);

    await workspace.getByTestId('scan-cancel').click();
    await expect(page.getByTestId('save-while-scanning')).toHaveCount(0, { timeout: 30_000 });
    const requestId = await formRequestId(host);
    const kept = (await session(host, requestId)).pages.length;
    expect(kept).toBeGreaterThan(0);
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText('000.00.06.H56-261123-0001');
    const attachments = await value<{ pages: number }[]>(host, 'dossiers.attachments', { dossier: requestId });
    expect(attachments.map((a) => a.pages)).toEqual([kept]);
  });
});
