import { startCups, FILE_QUEUE, NETWORK_QUEUE, type CupsHarness } from '../support/cups-harness';
import { sampleAdmin } from '../support/office-fixture';
import { flat, pdfText } from '../support/pdf-tools';
import { expect, expectAccessible, test as base } from './fixtures';

// Printing from the counter against a private CUPS (FilePDF is its default queue): the receipt
// goes out with Ctrl+P and no dialog, is archived with the dossier, and previews page by page.

const test = base.extend<{ cups: CupsHarness }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  cups: async ({}, use) => {
    const cups = await startCups();
    await use(cups);
    await cups.stop();
  },
  hostEnv: async ({ cups }, use) => use({ CUPS_SERVER: cups.env.CUPS_SERVER }),
});

const CARD_QR = '001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội|01082021';

test.describe('printing at the counter', () => {
  test.use({ clockStart: '2026-11-23T02:00:00Z' });

  test('Ctrl+P prints the receipt on the forms printer, again reprints it; the drawer lists it and previews it', async ({ todayPage, page, cups, host }) => {
    await todayPage.open();
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText('000.00.06.H56-261123-0001');

    await page.keyboard.press('Control+p');
    await expect(page.getByTestId('receipt-print-status')).toHaveText(`Đã in Giấy tiếp nhận hồ sơ và hẹn trả kết quả trên máy in ${FILE_QUEUE}.`, { timeout: 30_000 });
    const [out] = cups.outputFiles(FILE_QUEUE);
    const text = flat(await pdfText(out!));
    expect(text).toContain('000.00.06.H56-261123-0001');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Liên 2: Giao người nộp hồ sơ');

    // Ctrl+P again (a jam, a second copy): the archived receipt goes again, no second receipt is issued.
    await page.keyboard.press('Control+p');
    await expect(page.getByTestId('receipt-print-status')).toHaveText(
      `Đã in lại Giấy tiếp nhận hồ sơ và hẹn trả kết quả (bản đã lưu) trên máy in ${FILE_QUEUE}.`,
      { timeout: 30_000 },
    );
    // The file queue writes each job over the same file: the second job's text is the first's.
    expect(flat(await pdfText(cups.outputFiles(FILE_QUEUE)[0]!))).toBe(text);
    const forms = (await host.call('forms.issued', { dossier: '000.00.06.H56-261123-0001' })).value as { form: string; jobs: unknown[] }[];
    expect(forms.map((f) => [f.form, f.jobs.length])).toEqual([['01', 2]]);
    // …and CUPS did print twice.
    const completed = async () => (await cups.lpstat(['-W', 'completed', '-o', FILE_QUEUE])).trim().split('\n').filter(Boolean).length;
    expect(await completed()).toBe(2);

    // The next dossier's Ctrl+P prints its own receipt: nothing of the last citizen's carries over.
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).not.toHaveText('000.00.06.H56-261123-0001');
    const nextCode = (await todayPage.receiptCode.textContent())!;
    // Pressed twice at once: the second press comes while the receipt is printing ("đang in…") and
    // is not a second copy — one receipt, one job.
    await page.keyboard.press('Control+p');
    await page.keyboard.press('Control+p');
    await expect(page.getByTestId('receipt-print-status')).toHaveText(`Đã in Giấy tiếp nhận hồ sơ và hẹn trả kết quả trên máy in ${FILE_QUEUE}.`, { timeout: 30_000 });
    expect(flat(await pdfText(cups.outputFiles(FILE_QUEUE)[0]!))).toContain(nextCode);
    const next = (await host.call('forms.issued', { dossier: nextCode })).value as { form: string; jobs: unknown[] }[];
    expect(next.map((f) => [f.form, f.jobs.length])).toEqual([['01', 1]]);
    expect(await completed()).toBe(3);

    await todayPage.list('receivedToday').first().click();
    const issued = page.getByTestId('issued-forms');
    await expect(issued).toContainText('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    await expect(issued).toContainText(`${FILE_QUEUE}: đã in xong`);

    await page.getByTestId('form-buttons').getByRole('button', { name: /^01 ·/ }).click();
    const dialog = page.getByRole('dialog', { name: /Xem trước: Giấy tiếp nhận/ });
    await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-pages', /^[2-9]$/);
    await expect(dialog.locator('canvas.pdf-page').first()).toBeVisible();
    await expectAccessible(page);
  });

  test('the admin sees the printers, picks one for the forms and prints a test page on it', async ({ todayPage, page, cups }) => {
    await todayPage.launch();
    await todayPage.login(sampleAdmin.username, sampleAdmin.password);
    await page.getByText('Quản trị', { exact: true }).click();
    const list = page.getByTestId('printer-list');
    await expect(list).toContainText(`${FILE_QUEUE} (mặc định)`);
    await expect(list).toContainText(NETWORK_QUEUE);
    const forms = page.getByTestId('printer-forms');
    await forms.getByLabel('Biểu mẫu A4').selectOption('system');
    await forms.getByLabel('Máy in', { exact: true }).selectOption(NETWORK_QUEUE);
    await page.getByRole('button', { name: 'Lưu cài đặt máy in' }).click();
    await expect(page.getByText('Đã lưu cài đặt máy in.')).toBeVisible();
    await forms.getByRole('button', { name: 'In trang thử' }).click();
    await expect(page.getByText(`Đã in Trang in thử trên máy in ${NETWORK_QUEUE}.`)).toBeVisible({ timeout: 30_000 });
    expect(cups.outputFiles(NETWORK_QUEUE).length).toBe(1);
    await expectAccessible(page);
  });
});
