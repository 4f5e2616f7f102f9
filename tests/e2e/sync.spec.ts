import { startProvince } from '../doubles/province/province-server';
import type { HostProcess } from '../support/host-process';
import { sampleAdmin } from '../support/office-fixture';
import { sampleClerk } from '../support/provision';
import { makeTempDir } from '../support/temp-dir';
import { expect, expectAccessible, test as base } from './fixtures';

// Sync with the provincial double, seen from the counter: the status bar's badge, the
// supervisors' sync page and the admin's settings panel. The host's engine retries at most every
// 2 s (MOTCUA_SYNC_MAX_BACKOFF_MS), so "the province is back" shows within 5 s.

type Province = Awaited<ReturnType<typeof startProvince>>;

const test = base.extend<{ province: Province }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  province: async ({}, use) => {
    const temp = makeTempDir('motcua-province-');
    const province = await startProvince({ dataDir: temp.dir, port: 0 });
    await use(province);
    await province.stop();
    temp.cleanup();
  },
});

const CARD_QR = '001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội|01082021';
const sampleSupervisor = { username: 'hung.lv', fullName: 'Lê Văn Hùng', password: 'lanhdao123' };
/** The double's default account for unit 000.00.06.H56 (the sample office). */
const provinceAccount = { username: 'quay1', password: 'quay1-matkhau' };

async function callOk(host: HostProcess, method: string, input: unknown): Promise<unknown> {
  const r = await host.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.message}`);
  return r.value;
}

/** What the admin does once, through the API as a script would: a supervisor and the sync set-up. */
async function setUpSync(host: HostProcess, province: Province): Promise<void> {
  await callOk(host, 'auth.login', { username: sampleAdmin.username, password: sampleAdmin.password });
  await callOk(host, 'users.create', { ...sampleSupervisor, role: 'supervisor', mustChangePassword: false });
  await callOk(host, 'sync.settings.set', { enabled: true, endpoint: province.url, adapter: 'motcua', ...provinceAccount });
  // The core holds one UI session: leave it, so the browser starts at the login screen.
  await callOk(host, 'auth.logout', {});
}

test.describe('sync with the province', () => {
  test.use({ hostEnv: { MOTCUA_SYNC_MAX_BACKOFF_MS: '2000' } });

  test('offline → online: the badge and queue update within 5 s of the double returning', async ({ todayPage, page, host, province }) => {
    await setUpSync(host, province);
    await todayPage.open();
    await expect(todayPage.statusSync).toHaveText('Đã đồng bộ');
    // A clerk has no sync page (nor admin page): no page switch at all.
    await expect(page.getByRole('radiogroup', { name: 'Chuyển trang làm việc' })).toHaveCount(0);

    province.setFaults({ down: true });
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText(/^000\.00\.06\.H56-\d{6}-0001$/);
    const code = (await todayPage.receiptCode.textContent())!;
    await expect(todayPage.statusSync).toHaveText(/^Mất kết nối từ \d{2}:\d{2}$/);

    // The popover: the last error and the pending count, for every logged-in user.
    await todayPage.statusSync.click();
    const popover = page.getByTestId('sync-popover');
    await expect(popover.getByTestId('sync-popover-pending')).toContainText('1');
    await expect(popover.getByTestId('sync-popover-last-error')).not.toContainText('Không có');
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();

    // The supervisor at the same counter: the sync page lists the dossier in the queue.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await todayPage.login(sampleSupervisor.username, sampleSupervisor.password);
    await todayPage.goTo('Đồng bộ');
    await expect(page.getByRole('heading', { name: 'Đồng bộ với hệ thống tỉnh' })).toBeVisible();
    const queue = page.getByTestId('sync-queue');
    await expect(queue.locator('tbody tr')).toHaveCount(1);
    await expect(queue).toContainText(code);
    await expect(queue).toContainText('Gửi hồ sơ mới tiếp nhận');
    await expect(page.getByTestId('sync-summary-state')).toContainText('Mất kết nối');
    await expect(page.getByTestId('sync-dead-empty')).toHaveText('Không có thay đổi nào bị từ chối.');
    await expectAccessible(page);

    const backAt = Date.now();
    province.clearFaults();
    const left = () => Math.max(1, backAt + 5_000 - Date.now());
    await expect(todayPage.statusSync).toHaveText('Đã đồng bộ', { timeout: left() });
    // "Đã đồng bộ" is the core's word that nothing is pending; the queue table is the same fact,
    // fetched once more after the event, so it gets the usual wait rather than what is left of 5 s.
    await expect(page.getByTestId('sync-queue-empty')).toBeVisible();
    expect(province.store.dossierByCode(code)).toMatchObject({ code, record: { applicantName: 'Nguyễn Văn An' } });
    await expectAccessible(page);

    // The deciding agency records the result; the counter's list shows it without a reload.
    await todayPage.goTo('Tiếp nhận');
    const row = todayPage.list('receivedToday').filter({ hasText: code });
    await expect(row).toContainText('Đã tiếp nhận');
    province.setStatus(code, 9, { handler: 'Trần Văn Bảo', content: 'Đã chứng thực xong' });
    await todayPage.statusSync.click();
    await page.getByTestId('sync-popover').getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect(row).toContainText('Đã có kết quả');
  });

  test('a change the province refuses is listed with its reason; "Gửi lại" asks first, then queues it again', async ({ todayPage, page, host, province }) => {
    await setUpSync(host, province);
    await todayPage.launch();
    await todayPage.login(sampleSupervisor.username, sampleSupervisor.password);
    await expect(todayPage.heading).toBeVisible();
    await expect(todayPage.statusSync).toHaveText('Đã đồng bộ');

    // Held back while the province is down, the dossier meets another one of the same code
    // there (entered at the province meanwhile): the province refuses it for good.
    province.setFaults({ down: true });
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText(/^000\.00\.06\.H56-\d{6}-0001$/);
    const code = (await todayPage.receiptCode.textContent())!;
    const now = new Date().toISOString();
    province.store.insertDossier(
      {
        id: 'nhap-tai-tinh-0001',
        code,
        unitCode: '000.00.06.H56',
        counterNumber: 2,
        procedureCode: null,
        procedureName: 'Chứng thực bản sao từ bản chính',
        procedureVersion: null,
        applicantName: 'Phạm Văn Bình',
        applicantIdNumber: null,
        applicantPhone: null,
        status: 2,
        channel: 1,
        receivedAt: now,
        dueAt: null,
        pausedAt: null,
        feeTotal: 0,
        receivedBy: null,
        details: null,
      },
      'province',
      new Date(),
    );
    province.clearFaults();

    await todayPage.goTo('Đồng bộ');
    const dead = page.getByTestId('sync-dead');
    await expect(dead.locator('tbody tr')).toHaveCount(1);
    await expect(dead).toContainText(code);
    await expect(dead).toContainText('Gửi hồ sơ mới tiếp nhận');
    await expect(page.getByTestId('sync-summary-dead')).toContainText('1');
    const retry = page.getByRole('button', { name: 'Gửi lại', exact: true });
    await expect(retry).toBeDisabled();

    await dead.getByRole('checkbox', { name: `Chọn Gửi hồ sơ mới tiếp nhận ${code}` }).check();
    await page.getByRole('button', { name: 'Gửi lại (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi lại thay đổi bị từ chối' });
    await expect(dialog).toContainText('1 thay đổi đã chọn sẽ được đưa trở lại hàng đợi');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Gửi lại', exact: true }).click();
    await expect(page.getByText('Đã đưa 1 thay đổi trở lại hàng đợi.')).toBeVisible();
    await expect(dialog).toBeHidden();
    // The cause is still there: the province refuses it again, and it is listed again.
    await expect.poll(() => province.stats().changes.rejected).toBe(2);
    await expect(dead.locator('tbody tr')).toHaveCount(1);
    await expect(dead).toContainText(code);
  });

  test('the admin connects the counter on the admin page; the core says what is missing', async ({ todayPage, page, province }) => {
    await todayPage.launch();
    await todayPage.login(sampleAdmin.username, sampleAdmin.password);
    await expect(todayPage.statusSync).toHaveText('Đồng bộ: chưa cấu hình');
    await todayPage.goTo('Quản trị');
    const panel = page.getByRole('region', { name: 'Đồng bộ với hệ thống tỉnh' });
    await expect(panel.getByLabel('Mã máy')).not.toHaveValue('');
    await panel.getByLabel('Bật đồng bộ').check();
    await panel.getByLabel('Địa chỉ máy chủ tỉnh (URL)').fill(province.url);
    await panel.getByLabel('Tên đăng nhập').fill(provinceAccount.username);
    await panel.getByRole('button', { name: 'Lưu cài đặt đồng bộ' }).click();
    await expect(panel.getByTestId('error-notice')).toHaveText(
      'Để bật đồng bộ cần đủ địa chỉ máy chủ tỉnh, tên đăng nhập và mật khẩu. Hãy nhập đủ rồi lưu lại.',
    );

    await panel.getByLabel('Mật khẩu').fill(provinceAccount.password);
    await panel.getByRole('button', { name: 'Lưu cài đặt đồng bộ' }).click();
    await expect(panel.getByText('Đã lưu cài đặt đồng bộ.')).toBeVisible();
    // The password is never shown back; the field says one is stored.
    await expect(panel.getByLabel('Mật khẩu')).toHaveValue('');
    await expect(panel.getByLabel('Mật khẩu')).toHaveAttribute('placeholder', /đã lưu/);
    await expect(todayPage.statusSync).toHaveText('Đã đồng bộ');

    // The province's clock runs 10 minutes ahead: a warning in the status bar, sync goes on.
    province.setFaults({ clockOffsetMs: 10 * 60_000 });
    await todayPage.statusSync.click();
    await page.getByTestId('sync-popover').getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect(page.getByTestId('status-clock-skew')).toHaveText(
      'Đồng hồ máy này lệch 10 phút so với máy chủ tỉnh. Hãy chỉnh lại giờ hệ thống; đồng bộ vẫn tiếp tục.',
    );
    await expect(todayPage.statusSync).toHaveText('Đã đồng bộ');
    await expectAccessible(page);
  });
});

test.describe('sync before it is set up', () => {
  test('the clerk sees "not configured" and, in the popover, who sets it up', async ({ todayPage, page }) => {
    await todayPage.launch();
    await expect(todayPage.statusSync).toHaveText('Đồng bộ: chưa cấu hình');
    await todayPage.login(sampleClerk.username, sampleClerk.password);
    await expect(todayPage.heading).toBeVisible();
    await todayPage.statusSync.click();
    await expect(page.getByTestId('sync-popover')).toContainText('Máy này chưa được cấu hình đồng bộ.');
    await expectAccessible(page);
  });
});
