import { PtyPair } from '../support/pty-pair';
import { expect, expectAccessible, test } from './fixtures';

// The card of DOMAIN.md's QR layout: number|old id|name|birth|gender|address|issue date.
const CARD_QR = '001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội|01082021';

test.describe('intake at the counter', () => {
  // Monday 23 Nov 2026, 09:00 in Vietnam.
  test.use({ clockStart: '2026-11-23T02:00:00Z' });

  test('keyboard only: QR from the card, "chung thuc" finds the procedure, documents ticked, Enter saves; code and due date right', async ({ todayPage, page }) => {
    await todayPage.open();
    // The scanner types while the cursor is somewhere else entirely: the search box.
    await todayPage.search.focus();
    await todayPage.scanWithWedge(CARD_QR);
    await expect(todayPage.notice).toHaveText('Đã đọc thẻ căn cước của Nguyễn Văn An.');
    await expect(todayPage.search).toHaveValue('');
    await expect(todayPage.fullName).toHaveValue('Nguyễn Văn An');
    await expect(todayPage.idNumber).toHaveValue('001090012345');
    await expect(page.getByTestId('applicant').getByLabel('Ngày sinh (dd/mm/yyyy)')).toHaveValue('12/05/1990');

    await todayPage.chooseProcedure('chung thuc', 'Chứng thực bản sao từ bản chính');
    await page.keyboard.type(' ban sao');
    await todayPage.takeOption('Chứng thực bản sao từ bản chính');
    await expect(todayPage.procedure).toHaveValue(/^2\.000815 — Chứng thực bản sao từ bản chính/);
    await expect(todayPage.checklist.locator('tbody tr')).toHaveCount(2);

    // Tick both documents (Space), then 3 pages to certify (fee: 2 × 2.000 + 1 × 1.000).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    await expect(page.getByLabel('Số trang (tính phí)')).toBeFocused();
    await page.keyboard.type('3');
    await expect(page.getByTestId('fee-total')).toHaveText('Phí, lệ phí: 5.000 đ');
    for (const box of await todayPage.checklist.getByRole('checkbox').all()) await expect(box).toBeChecked();

    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText('000.00.06.H56-261123-0001');
    // Same-day procedure received at 09:00, before the 15:00 cut-off: due at closing time today.
    await expect(todayPage.receiptDue).toHaveText('17:00 ngày 23/11/2026');
    await expect(todayPage.list('receivedToday')).toHaveCount(1);
    await expect(todayPage.list('receivedToday').first()).toContainText('Nguyễn Văn An');
    // Ready for the next citizen.
    await expect(todayPage.idNumber).toBeFocused();
    await expect(todayPage.fullName).toHaveValue('');
    await expectAccessible(page);
  });

  test('a scan whose second half the browser delivered late still fills the form, and nothing leaks into the focused field', async ({ todayPage }) => {
    await todayPage.open();
    await todayPage.search.focus();
    await todayPage.scanWithWedge(CARD_QR, { stallAfter: 40 });
    await expect(todayPage.notice).toHaveText('Đã đọc thẻ căn cước của Nguyễn Văn An.');
    await expect(todayPage.fullName).toHaveValue('Nguyễn Văn An');
    await expect(todayPage.search).toHaveValue('');
  });

  test('a garbled scan (an input method rewrote it) is explained, and nothing is filled', async ({ todayPage }) => {
    await todayPage.open();
    // VNI turned "1" after a vowel into a tone mark and ate the digit.
    await todayPage.scanWithWedge('001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn|01082021'.replace('Văn An', 'Vă1n A1n').replace('12051990', '12051991'.slice(0, 7)));
    await expect(todayPage.notice).toContainText('Không đọc được mã QR trên thẻ');
    await expect(todayPage.fullName).toHaveValue('');
  });

  test('the dossier survives a restart of the host, and the lifecycle runs from its drawer', async ({ todayPage, host, page }) => {
    await todayPage.open();
    const hits = await host.call('catalog.search', { query: '1.001193', limit: 1 });
    const procedure = (hits.value as { id: string }[])[0]!.id;
    const saved = await host.call('dossiers.receive', {
      requestId: '0193a8f0-0000-7000-8000-000000000001',
      procedureId: procedure,
      applicant: { kind: 'person', fullName: 'Lê Quang Đạt', address: 'Thôn 2, xã Yên Sở' },
      role: 'owner',
      checklist: [],
      sets: 1,
    });
    expect(saved.ok).toBe(true);
    await expect(todayPage.list('receivedToday')).toHaveCount(1); // arrives live (event)

    await host.stop();
    await host.start();
    await todayPage.open();
    await expect(todayPage.list('receivedToday').first()).toContainText('Lê Quang Đạt');

    await todayPage.list('receivedToday').first().focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('dossier-detail');
    await expect(drawer).toContainText('Đã tiếp nhận');
    await drawer.getByLabel('Ghi chú / lý do').fill('Thiếu giấy chứng sinh');
    await drawer.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
    await expect(drawer).toContainText('Chờ bổ sung');
    await expect(page.getByTestId('dossier-history')).toContainText('Thiếu giấy chứng sinh');
    await expectAccessible(page);

    // Stopping ends the dossier: it is confirmed first, and "Quay lại" changes nothing.
    await drawer.getByLabel('Ghi chú / lý do').fill('Cơ quan giải quyết dừng xử lý');
    await drawer.getByRole('button', { name: 'Dừng xử lý', exact: true }).click();
    const confirm = page.getByTestId('transition-confirm');
    await expect(confirm).toContainText('không hoàn tác được');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expect(confirm).toBeHidden();
    await expect(drawer).toContainText('Chờ bổ sung');
    await drawer.getByRole('button', { name: 'Dừng xử lý', exact: true }).click();
    await page.getByRole('dialog', { name: 'Dừng xử lý?' }).getByRole('button', { name: 'Dừng xử lý', exact: true }).click();
    await expect(drawer.locator('b')).toHaveText('Dừng xử lý');
    await expect(page.getByTestId('dossier-history')).toContainText('Cơ quan giải quyết dừng xử lý');
  });

  test('search finds a dossier by the name typed without diacritics', async ({ todayPage, host }) => {
    await todayPage.open();
    const hits = await host.call('catalog.search', { query: '1.000656', limit: 1 });
    await host.call('dossiers.receive', {
      requestId: '0193a8f0-0000-7000-8000-000000000002',
      procedureId: (hits.value as { id: string }[])[0]!.id,
      applicant: { kind: 'person', fullName: 'Đặng Thị Đào', address: 'Ấp 3, xã Tân Thạnh' },
      role: 'owner',
      checklist: [],
      sets: 1,
    });
    await todayPage.search.fill('dang thi dao');
    await expect(todayPage.page.getByTestId('search-results').locator('tbody tr')).toHaveCount(1);
    await expect(todayPage.page.getByTestId('search-results')).toContainText('Đặng Thị Đào');
  });

  test('Esc twice clears a filled form; once only warns', async ({ todayPage, page }) => {
    await todayPage.open();
    await page.keyboard.type('079085001234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Trần Văn Bình');
    await page.keyboard.press('Escape');
    await expect(todayPage.notice).toHaveText('Nhấn Esc lần nữa để xóa toàn bộ nội dung đang nhập.');
    await expect(todayPage.fullName).toHaveValue('Trần Văn Bình');
    await page.keyboard.press('Escape');
    await expect(todayPage.fullName).toHaveValue('');
    await expect(todayPage.idNumber).toBeFocused();
  });

  test('saving without a procedure is refused with a Vietnamese message and the typed text is kept', async ({ todayPage, page }) => {
    await todayPage.open();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Phạm Thị Thu');
    await page.keyboard.press('Enter');
    await expect(todayPage.notice).toContainText('Thông tin chưa hợp lệ');
    await expect(todayPage.fullName).toHaveValue('Phạm Thị Thu');
    await expect(todayPage.page.getByTestId('list-receivedToday-empty')).toBeVisible();
  });
});

test('without the secret the app is refused', async ({ page, host }) => {
  const response = await page.goto(host.info!.origin);
  expect(response?.status()).toBe(401);
});

test.describe('a scanner on a serial port', () => {
  test('its scans fill the form, and the chosen port is reopened after a restart', async ({ todayPage, host, page }) => {
    const pty = new PtyPair(host.dataDir);
    await pty.start();
    try {
      await todayPage.open();
      const started = await host.call('identity.serialStart', { path: pty.app, baudRate: 9600 });
      expect(started.ok).toBe(true);
      pty.write(`${CARD_QR}\r\n`);
      await expect(todayPage.fullName).toHaveValue('Nguyễn Văn An');
      await expect(todayPage.notice).toHaveText('Đã đọc thẻ căn cước của Nguyễn Văn An.');

      await host.stop();
      await host.start();
      await todayPage.open();
      pty.write(`${CARD_QR.replace('Nguyễn Văn An', 'Trần Thị Bích')}\r\n`);
      await expect(todayPage.fullName).toHaveValue('Trần Thị Bích');
      await expect(page.getByTestId('intake-notice')).toContainText('Trần Thị Bích');
    } finally {
      await pty.unplug();
    }
  });
});
