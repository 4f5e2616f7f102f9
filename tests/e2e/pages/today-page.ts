import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import type { HostProcess } from '../../support/host-process';
import { sampleClerk } from '../../support/provision';

/** The counter's work page: the intake form, today's lists, search and the dossier drawer. */
export class TodayPage {
  readonly heading: Locator;
  readonly idNumber: Locator;
  readonly fullName: Locator;
  readonly procedure: Locator;
  readonly checklist: Locator;
  readonly receiptCode: Locator;
  readonly receiptDue: Locator;
  readonly notice: Locator;
  readonly search: Locator;
  readonly statusDatabase: Locator;
  /** The status bar's sync badge (a button once logged in). */
  readonly statusSync: Locator;

  constructor(
    readonly page: Page,
    readonly host: HostProcess,
  ) {
    this.heading = page.getByRole('heading', { name: 'Hồ sơ tiếp nhận hôm nay' });
    const applicant = page.getByTestId('applicant');
    this.idNumber = applicant.getByLabel('Số CCCD / định danh');
    this.fullName = applicant.getByLabel('Họ và tên');
    this.procedure = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    this.checklist = page.getByTestId('checklist');
    this.receiptCode = page.getByTestId('receipt-code');
    this.receiptDue = page.getByTestId('receipt-due');
    this.notice = page.getByTestId('intake-notice');
    this.search = page.getByLabel('Tìm hồ sơ');
    this.statusDatabase = page.getByTestId('status-database');
    this.statusSync = page.getByTestId('status-sync');
  }

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

  /**
   * A keyboard-wedge scanner: one real key event per character (Vietnamese letters included),
   * back to back, then Enter — what a 2D scanner in keyboard mode sends.
   */
  async scanWithWedge(text: string, options: { stallAfter?: number } = {}): Promise<void> {
    // Through the DevTools protocol, because Playwright's keyboard knows only US-layout keys; these
    // are trusted keydown/keyup events carrying `key` and text, as from a HID keyboard.
    // Sent without waiting for each answer: the events arrive back to back, in order, as a
    // scanner's burst does (a round trip per key would space them like a fast typist).
    // Each event carries its hardware time, 5 ms apart as from a scanner, so a renderer busy
    // drawing the first characters does not stretch the burst.
    // `stallAfter`: a browser busy elsewhere held the burst back — its keys were typed a second
    // ago, and the rest after that many characters comes only 400 ms later, still stamped 5 ms
    // apart; the page's idle timer runs in between.
    const cdp = await this.page.context().newCDPSession(this.page);
    const sent: Promise<unknown>[] = [];
    const start = Date.now() / 1000 - (options.stallAfter === undefined ? 0 : 1);
    let i = 0;
    const at = () => start + (i++ * 0.005) / 2;
    let typed = 0;
    for (const ch of text) {
      if (typed++ === options.stallAfter) {
        await Promise.all(sent);
        await new Promise((r) => setTimeout(r, 400));
      }
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch, timestamp: at() }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: at() }));
    }
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', timestamp: at() }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: at() }));
    await Promise.all(sent);
    await cdp.detach();
  }

  /** Picks a procedure with the keyboard: type, wait for the option, arrow down, Enter. */
  async chooseProcedure(typed: string, option: string): Promise<void> {
    await expect(this.procedure).toBeFocused();
    await this.page.keyboard.type(typed);
    await expect(this.page.getByRole('option', { name: option })).toBeVisible();
  }

  /**
   * Highlights `option` with the arrow keys and takes it with Enter. The list follows the typing
   * after a debounce and may redraw (dropping the highlight) when a later answer arrives, so the
   * arrow is pressed until the right option holds the highlight.
   */
  async takeOption(option: string): Promise<void> {
    const listbox = this.page.getByRole('listbox');
    await expect(async () => {
      await this.page.keyboard.press('ArrowDown');
      await expect(listbox.locator('[data-combobox-selected]')).toContainText(option, { timeout: 500 });
    }).toPass();
    await this.page.keyboard.press('Enter');
  }

  /**
   * A dossier for "Chứng thực bản sao từ bản chính" (two documents, both ticked), the applicant
   * filled from the card's QR; not yet saved.
   */
  async fillCertifiedCopyDossier(cardQr: string, fullName: string): Promise<void> {
    await this.scanWithWedge(cardQr);
    await expect(this.fullName).toHaveValue(fullName);
    await this.procedure.focus();
    await this.chooseProcedure('chung thuc', 'Chứng thực bản sao từ bản chính');
    await this.takeOption('Chứng thực bản sao từ bản chính');
    // The checklist is drawn once the procedure's details arrive; `all()` does not wait for it.
    const boxes = this.checklist.getByRole('checkbox');
    await expect(boxes).toHaveCount(2);
    for (const box of await boxes.all()) await box.check();
  }

  /** The header's page switch: 'Tiếp nhận', 'Đồng bộ' or 'Quản trị'. */
  async goTo(name: 'Tiếp nhận' | 'Đồng bộ' | 'Quản trị'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Chuyển trang làm việc' }).getByText(name, { exact: true }).click();
  }

  list(name: string): Locator {
    return this.page.getByTestId(`list-${name}`).locator('tbody tr');
  }
}
