import { expect, expectAccessible, test } from './fixtures';

test.describe('the foundation slice: today’s intake', () => {
  test('starts empty, saves with Enter, and keeps the dossier across a host restart', async ({ todayPage, host, page }) => {
    await todayPage.open();
    await expect(todayPage.empty).toHaveText('Chưa có hồ sơ nào được tiếp nhận hôm nay.');
    await expect(todayPage.statusDatabase).toContainText(host.dataDir);

    await todayPage.enterDossier('Nguyễn Thị Hồng Nhung', 'Đăng ký khai sinh');
    await expect(todayPage.notice).toHaveText('Đã lưu hồ sơ của Nguyễn Thị Hồng Nhung.');
    await expect(todayPage.rows).toHaveCount(1);
    await expect(todayPage.row('Nguyễn Thị Hồng Nhung')).toContainText('Đăng ký khai sinh');
    // After a save the form is empty and ready for the next citizen.
    await expect(todayPage.applicantName).toHaveValue('');
    await expect(todayPage.applicantName).toBeFocused();

    await host.stop();
    await host.start();
    await todayPage.open();
    await expect(todayPage.rows).toHaveCount(1);
    await expect(todayPage.row('Nguyễn Thị Hồng Nhung')).toContainText('Đăng ký khai sinh');
    await expect(page.getByText('1 hồ sơ')).toBeVisible();
  });

  test('Esc clears the form without saving', async ({ todayPage, page }) => {
    await todayPage.open();
    await page.keyboard.type('Trần Văn Bình');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Chứng thực chữ ký');
    await page.keyboard.press('Escape');
    await expect(todayPage.applicantName).toHaveValue('');
    await expect(todayPage.procedureName).toHaveValue('');
    await expect(todayPage.applicantName).toBeFocused();
    await expect(todayPage.notice).toHaveText('Đã xóa nội dung đang nhập.');
    await expect(todayPage.empty).toBeVisible();
  });

  test('an empty name is refused with a Vietnamese message and the typed text is kept', async ({ todayPage, page }) => {
    await todayPage.open();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Đăng ký kết hôn');
    await page.keyboard.press('Enter');
    await expect(todayPage.notice).toContainText('Họ tên người nộp: bắt buộc nhập');
    await expect(todayPage.procedureName).toHaveValue('Đăng ký kết hôn');
    await expect(todayPage.empty).toBeVisible();
  });

  test('a dossier saved elsewhere (another window, a script) appears live', async ({ todayPage, host }) => {
    await todayPage.open();
    // A script holding the launch secret shares the window's session (it is the same user's).
    const saved = await host.call('dossiers.create', { applicantName: 'Lê Quang Đạt', procedureName: 'Đăng ký tạm trú' });
    expect(saved.ok).toBe(true);
    await expect(todayPage.row('Lê Quang Đạt')).toBeVisible();
  });

  test('the page passes the accessibility check, empty and with rows', async ({ todayPage, page }) => {
    await todayPage.open();
    await expectAccessible(page);
    await todayPage.enterDossier('Phạm Thị Thu Hà', 'Đăng ký thường trú');
    await expect(todayPage.rows).toHaveCount(1);
    await expectAccessible(page);
  });

  test('without the secret the app is refused', async ({ page, host }) => {
    const response = await page.goto(host.info!.origin);
    expect(response?.status()).toBe(401);
  });
});
