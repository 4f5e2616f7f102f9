import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import type { HostProcess } from '../../support/host-process';

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
  async open(): Promise<void> {
    await this.page.goto(pathToFileURL(join(this.host.dataDir, 'open-app.html')).href);
    await expect(this.heading).toBeVisible();
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
