import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import type { HostProcess } from '../../support/host-process';
import { sampleClerk } from '../../support/provision';

/** The counter's start page: today's intake and the (minimal) intake form. */
export class TodayPage {
  readonly heading: Locator;
  readonly applicantName: Locator;
  readonly procedureName: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly notice: Locator;
  readonly statusDatabase: Locator;

  constructor(
    readonly page: Page,
    readonly host: HostProcess,
  ) {
    this.heading = page.getByRole('heading', { name: 'Hồ sơ tiếp nhận hôm nay' });
    this.applicantName = page.getByLabel('Họ tên người nộp');
    this.procedureName = page.getByLabel('Thủ tục hành chính');
    this.rows = page.getByTestId('today-table').locator('tbody tr');
    this.empty = page.getByTestId('today-empty');
    this.notice = page.getByTestId('intake-notice');
    this.statusDatabase = page.getByTestId('status-database');
  }

  /**
   * Opens the app exactly as `npm start` does: the browser loads the 0600 launch page in the
   * data dir, which forwards to /auth, which sets the session cookie and moves on to the app.
   */
  async launch(): Promise<void> {
    await this.page.goto(pathToFileURL(join(this.host.dataDir, 'open-app.html')).href);
    // The launch page forwards to /auth, which forwards to the app: wait for the last hop.
    await this.page.waitForURL(`${this.host.info!.origin}/`);
    await this.page.waitForLoadState('domcontentloaded');
  }

  /** Launches and logs in as the sample clerk, keyboard only. */
  async open(): Promise<void> {
    await this.launch();
    await this.login(sampleClerk.username, sampleClerk.password);
    await expect(this.heading).toBeVisible();
  }

  async login(username: string, password: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    await expect(this.page.getByLabel('Tên đăng nhập')).toBeFocused();
    await this.page.keyboard.type(username);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    await this.page.keyboard.press('Enter');
  }

  /** Keyboard only: type in the focused first field, Tab, type, Enter. */
  async enterDossier(applicant: string, procedure: string): Promise<void> {
    await expect(this.applicantName).toBeFocused();
    await this.page.keyboard.type(applicant);
    await this.page.keyboard.press('Tab');
    await expect(this.procedureName).toBeFocused();
    await this.page.keyboard.type(procedure);
    await this.page.keyboard.press('Enter');
  }

  row(applicant: string): Locator {
    return this.rows.filter({ hasText: applicant });
  }
}
