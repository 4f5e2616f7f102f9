import { sampleAdmin, sampleOffice } from '../support/office-fixture';
import { expect, expectAccessible, test } from './fixtures';

test.describe('first run', () => {
  test.use({ provisioned: false });

  test('sets up the administrator and the office, then opens the app', async ({ todayPage, page }) => {
    await todayPage.launch();
    await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Tên đăng nhập').fill(sampleAdmin.username);
    await page.getByLabel('Họ và tên').fill(sampleAdmin.fullName);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(sampleAdmin.password);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(sampleAdmin.password);
    await page.getByLabel('Tên cơ quan (dòng trên tiêu đề)').fill(sampleOffice.agencyName);
    await page.getByLabel('Mã định danh đơn vị').fill('000.00.06.h56');
    await page.getByLabel('Địa danh ghi trên giấy tờ').fill(sampleOffice.place);
    await page.getByLabel('Địa chỉ', { exact: true }).fill(sampleOffice.address);
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await expect(todayPage.heading).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText('Nguyễn Quản Trị (quản trị viên)');
  });

  test('says what is wrong in the office profile, in Vietnamese, and keeps what was typed', async ({ todayPage, page }) => {
    await todayPage.launch();
    await page.getByLabel('Tên đăng nhập').fill(sampleAdmin.username);
    await page.getByLabel('Họ và tên').fill(sampleAdmin.fullName);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(sampleAdmin.password);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(sampleAdmin.password);
    await page.getByLabel('Mã định danh đơn vị').fill('H56');
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await expect(page.getByTestId('error-notice')).toContainText('mã định danh phải dạng 000.00.06.H56');
    await expect(page.getByLabel('Tên đăng nhập')).toHaveValue(sampleAdmin.username);
  });
});

test.describe('login and lock', () => {
  test('a wrong password is refused with a message; the right one opens the app', async ({ todayPage, page }) => {
    await todayPage.launch();
    await expectAccessible(page);
    await todayPage.login('lan.nt', 'sai-mat-khau');
    await expect(page.getByTestId('error-notice')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại.');
    await page.getByLabel('Mật khẩu').fill('tiepnhan123');
    await page.keyboard.press('Enter');
    await expect(todayPage.heading).toBeVisible();
  });

  test('locking keeps the half-typed dossier; unlocking brings it back', async ({ todayPage, page }) => {
    await todayPage.open();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bùi Thị Xuân');
    await page.getByRole('button', { name: 'Khóa màn hình' }).click();
    await expect(page.getByRole('heading', { name: 'Màn hình đang khóa' })).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.type('tiepnhan123');
    await page.keyboard.press('Enter');
    await expect(todayPage.fullName).toHaveValue('Bùi Thị Xuân');
  });
});

test.describe('administration', () => {
  test('the admin adds a clerk, who must change the temporary password at first login', async ({ todayPage, page }) => {
    await todayPage.launch();
    await todayPage.login(sampleAdmin.username, sampleAdmin.password);
    await page.getByText('Quản trị', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Tài khoản người dùng' })).toBeVisible();
    await expectAccessible(page);
    const form = page.getByRole('region', { name: 'Thêm tài khoản' });
    await form.getByLabel('Tên đăng nhập').fill('hoa.pt');
    await form.getByLabel('Họ và tên').fill('Phạm Thị Hoa');
    await form.getByLabel('Mật khẩu tạm').fill('tam123456');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await expect(page.getByTestId('users')).toContainText('Phạm Thị Hoa');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await todayPage.login('hoa.pt', 'tam123456');
    await expect(page.getByText('Bạn cần đổi mật khẩu tạm trước khi làm việc.')).toBeVisible();
    await page.getByLabel('Mật khẩu hiện tại').fill('tam123456');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('moi1234567');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('moi1234567');
    await page.keyboard.press('Enter');
    await expect(todayPage.heading).toBeVisible();
  });
});
