import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEsclScanner, type EsclDouble } from '../doubles/escl-scanner';
import { sampleAdmin } from '../support/office-fixture';
import { scannedPage } from '../support/scan-pages';
import { jpegPageBytes } from '../support/pdf-images';
import { pageCount } from '../support/pdf-tools';
import { expect, expectAccessible, test as base } from './fixtures';

// Scanning during intake from the eSCL double: the admin adds the scanner by its address, then
// at the counter 6 pages come in, page 3 goes to the other document, the blank page is set aside,
// and the saved dossier holds two PDFs of the scanner's own JPEG bytes.

const test = base.extend<{ scanner: EsclDouble }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  scanner: async ({}, use) => {
    const scanner = await startEsclScanner({ pages: 6, blankPages: [5], duplex: false });
    await use(scanner);
    await scanner.stop();
  },
});

const CARD_QR = '001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội|01082021';

test.describe('scanning at the counter', () => {
  test.use({ clockStart: '2026-11-23T02:00:00Z' });

  test('6 pages scanned, page 3 moved, the blank page set aside: two PDFs with the scanner’s bytes', async ({ todayPage, page, scanner, host }) => {
    await todayPage.launch();
    await todayPage.login(sampleAdmin.username, sampleAdmin.password);
    await page.getByText('Quản trị', { exact: true }).click();
    const panel = page.getByRole('region', { name: 'Máy quét tài liệu' });
    await panel.getByLabel('Tên gọi').fill('Máy quét quầy 1');
    await panel.getByLabel('Địa chỉ IP hoặc URL').fill(`127.0.0.1:${scanner.port}`);
    await panel.getByRole('button', { name: 'Thêm máy quét' }).click();
    await expect(panel.getByTestId('scanner-list')).toContainText('Máy quét quầy 1 (mặc định)');

    // Limits and retention, keyboard only: a wrong value is named, a right one saved in the API's units.
    const limits = panel.getByRole('region', { name: 'Giới hạn và lưu trữ' });
    await limits.getByLabel('Dung lượng tối đa một tệp (MB)').fill('0');
    await limits.getByLabel('Giữ trang đã bỏ (ngày)').fill('3');
    await page.keyboard.press('Enter');
    await expect(limits.getByText('Dung lượng tối đa một tệp (MB): hãy nhập số từ 1 đến 500.')).toBeVisible();
    await expect(limits.getByLabel('Dung lượng tối đa một tệp (MB)')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25,5');
    await page.keyboard.press('Enter');
    await expect(limits.getByTestId('scan-limits-status')).toHaveText('Đã lưu giới hạn và thời hạn lưu trữ.');
    const saved = (await host.call('scanning.settings', {})).value as { limits: { maxFileBytes: number }; retention: { discardedDays: number } };
    expect([saved.limits.maxFileBytes, saved.retention.discardedDays]).toEqual([25_500_000, 3]);
    await limits.getByRole('button', { name: 'Dọn trang quét cũ ngay' }).click();
    await page.getByRole('dialog', { name: 'Xác nhận' }).getByRole('button', { name: 'Dọn trang quét cũ ngay' }).click();
    await expect(limits.getByTestId('scan-limits-status')).toHaveText('Không có trang quét nào quá thời hạn lưu, chưa cần dọn.');
    await expectAccessible(page);

    await page.getByText('Tiếp nhận', { exact: true }).click();

    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');

    const workspace = page.getByTestId('scan-workspace');
    await workspace.getByTestId('scan-start').click();
    await expect(workspace.getByTestId('scan-progress')).toHaveText('5 trang sẽ được lưu, 1 trang đã bỏ ra.', { timeout: 30_000 });
    await expect(workspace.getByTestId('scan-group-aside').getByTestId('scan-page-5')).toBeVisible();
    await workspace.getByLabel('Trang 3 thuộc giấy tờ').selectOption('BS');
    await expect(workspace.getByTestId('scan-group-BS').getByTestId('scan-page-3')).toBeVisible();
    await expectAccessible(page);

    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText('000.00.06.H56-261123-0001');

    const attachments = (await host.call('dossiers.attachments', { dossier: '000.00.06.H56-261123-0001' })).value as { id: string; documentCode: string; pages: number }[];
    expect(attachments.map((a) => a.documentCode).sort()).toEqual(['BC', 'BS']);
    const sent = scanner.sent().map((p) => p.bytes);
    const expected: Record<string, number[]> = { BC: [1, 2, 4, 6], BS: [3] };
    for (const a of attachments) {
      const file = (await host.call('dossiers.attachmentFile', { id: a.id })).value as { dataBase64: string };
      const bytes = Buffer.from(file.dataBase64, 'base64');
      const path = join(host.dataDir, `${a.documentCode}.pdf`);
      writeFileSync(path, bytes);
      expect(await pageCount(path)).toBe(expected[a.documentCode]!.length);
      expect((await jpegPageBytes(bytes)).map((b) => sent.findIndex((s) => s.equals(b)) + 1)).toEqual(expected[a.documentCode]);
    }
  });

  test('unfinished pages offered back: "Bỏ các trang đó" names the retention days; cancelling keeps them, confirming drops the offer, "Hoàn tác" brings it back', async ({ todayPage, page, host }) => {
    // An earlier form's session left open with two pages (what a closed window or a crash leaves),
    // made through the API as a script would, with a retention the admin set to 3 days.
    expect((await host.call('auth.login', { username: sampleAdmin.username, password: sampleAdmin.password })).ok).toBe(true);
    const settings = (await host.call('scanning.settings', {})).value as Record<string, unknown>;
    expect((await host.call('scanning.updateSettings', { ...settings, retention: { ...(settings.retention as object), discardedDays: 3 } })).ok).toBe(true);
    const earlier = randomUUID();
    const files = await Promise.all([1, 2].map(async (n) => ({ name: `trang-${n}.jpg`, dataBase64: (await scannedPage(100, { lines: 6, seed: n })).toString('base64') })));
    expect((await host.call('scans.import', { requestId: earlier, documentCode: 'BC', files })).ok).toBe(true);
    const unfinished = async () => ((await host.call('scans.unfinished', {})).value as { requestId: string }[]).map((u) => u.requestId);
    expect(await unfinished()).toEqual([earlier]);

    // The host has one signed-in user for the app and its API: the window opens as the admin.
    await todayPage.launch();
    await expect(todayPage.heading).toBeVisible();
    // Said at once, before any procedure is chosen.
    await expect(page.getByTestId('unfinished-scans-notice')).toContainText('Có 2 trang quét chưa lưu từ phiên trước (1 lượt quét)');
    await expectAccessible(page);
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    await expect(page.getByTestId('unfinished-scans-notice')).toBeHidden();
    const workspace = page.getByTestId('scan-workspace');
    const offer = workspace.getByRole('status').filter({ hasText: `Có 2 trang quét chưa lưu từ phiên trước (${sampleAdmin.username}).` });
    await expect(offer).toBeVisible();

    // "Quay lại": the confirmation is dismissed and nothing is dropped.
    const confirmDialog = page.getByRole('dialog', { name: 'Xác nhận' });
    await offer.getByRole('button', { name: 'Bỏ các trang đó' }).click();
    await expect(confirmDialog.getByTestId('confirm-message')).toHaveText(
      'Bỏ 2 trang quét chưa lưu? Ngay sau khi bỏ vẫn có thể bấm "Hoàn tác"; tệp của các trang này còn nằm trên máy 3 ngày, sau đó sẽ tự động bị xóa hẳn.',
    );
    // Enter would confirm: the confirming button has the focus. (Axe is run with the dialog closed:
    // under the modal's overlay the dimmed page behind fails contrast by design.)
    await expect(confirmDialog.getByRole('button', { name: 'Bỏ các trang đó' })).toBeFocused();
    await confirmDialog.getByRole('button', { name: 'Quay lại' }).click();
    await expect(confirmDialog).toBeHidden();
    await expect(offer).toBeVisible();
    expect(await unfinished()).toEqual([earlier]);

    // Confirmed: the offer goes, and the session is no longer unfinished (kept for the 3 days, then pruned).
    await offer.getByRole('button', { name: 'Bỏ các trang đó' }).click();
    await confirmDialog.getByRole('button', { name: 'Bỏ các trang đó' }).click();
    await expect(offer).toBeHidden();
    expect(await unfinished()).toEqual([]);
    const undo = workspace.getByTestId('scan-discarded');
    await expect(undo).toContainText('Đã bỏ 2 trang quét chưa lưu.');
    await expectAccessible(page);

    // "Hoàn tác": the offer is back, and recovering it puts both pages into this dossier.
    await undo.getByRole('button', { name: 'Hoàn tác' }).click();
    await expect(offer).toBeVisible();
    await expect(undo).toBeHidden();
    expect(await unfinished()).toEqual([earlier]);
    await offer.getByRole('button', { name: 'Khôi phục vào hồ sơ này' }).click();
    await expect(offer).toBeHidden();
    await expect(workspace.getByTestId('scan-page-2')).toBeVisible();
  });
});
