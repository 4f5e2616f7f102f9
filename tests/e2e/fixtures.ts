import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { HostProcess } from '../support/host-process';
import { provisionDataDir } from '../support/provision';
import { makeTempDir } from '../support/temp-dir';
import { TodayPage } from './pages/today-page';

interface Fixtures {
  /** Set to false for a data dir as a fresh install leaves it (first-run setup not done). */
  provisioned: boolean;
  /** Where the host's clock starts (MOTCUA_CLOCK_START); undefined: the real time. */
  clockStart: string | undefined;
  /** More environment for the host (e.g. CUPS_SERVER of a private CUPS). */
  hostEnv: NodeJS.ProcessEnv;
  host: HostProcess;
  todayPage: TodayPage;
}

export const test = base.extend<Fixtures>({
  provisioned: [true, { option: true }],
  clockStart: [undefined, { option: true }],
  hostEnv: [{}, { option: true }],
  host: async ({ provisioned, clockStart, hostEnv }, use) => {
    const temp = makeTempDir('motcua-e2e-');
    if (provisioned) await provisionDataDir(temp.dir);
    const host = new HostProcess(temp.dir, { ...hostEnv, ...(clockStart ? { MOTCUA_CLOCK_START: clockStart } : {}) });
    await host.start();
    await use(host);
    await host.stop();
    temp.cleanup();
  },
  todayPage: async ({ page, host }, use) => {
    await use(new TodayPage(page, host));
  },
});

/** Every page passes axe's WCAG 2 A/AA rules. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(", ")}`)).toEqual([]);
}

export { expect };
