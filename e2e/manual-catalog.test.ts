/**
 * The 主动公开 manual (docs/manual/catalog-roles.md) and the console's help links, in the built console:
 * the clerk's item list and editor, the reviewer's and the leader's queues, the office's 栏目管理 —
 * and each page's 帮助 button opening the 使用手册 at that page's section. Screenshots for
 * docs/manual/ go to $E2E_SHOTS when set (the manual's images come from here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  consoleLogin,
  launchBrowser,
  manualShot as shot,
  startServer,
  type RunningServer,
} from './harness.js';

describe('主动公开 in the console, with help links to the manual', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (username: string) => consoleLogin(browser, server, username);

  /** Opens a console page, checks its 帮助 leads to the named manual section, and takes the shot. */
  async function pageWithHelp(
    page: Page,
    at: string,
    section: string,
    name: string,
    helpShot?: string,
  ): Promise<void> {
    await page.goto(`${server.url}/admin${at}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, name);
    const [manual] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: /本页帮助/ }).click(),
    ]);
    const heading = manual.getByRole('heading', { name: section, exact: true });
    await heading.waitFor({ timeout: 20_000 });
    expect(decodeURIComponent(new URL(manual.url()).hash.slice(1))).toBe(section);
    await manual.waitForLoadState('networkidle');
    if (helpShot) await shot(manual, helpShot);
    // Opened at the section: its heading is on screen.
    expect(await heading.isVisible()).toBe(true);
    const box = await heading.boundingBox();
    expect(box, 'the section heading is in the window').not.toBeNull();
    expect(box!.y, 'the section heading is in the window').toBeGreaterThanOrEqual(-1);
    expect(box!.y, 'the section heading is in the window').toBeLessThan(900);
    await manual.close();
  }

  it('the clerk drafts: the item list and the editor; help opens the clerk’s section', async () => {
    const page = await login('clerk');
    await pageWithHelp(page, '/catalog/items', '信息员（clerk）', 'catalog-clerk-items');
    await page
      .getByRole('button', { name: /起草信息/ })
      .first()
      .click();
    await page.getByText('成文日期').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'catalog-clerk-editor');
    await page.context().close();
  });

  it('the reviewer and the leader work from their queues', async () => {
    const reviewer = await login('reviewer');
    await pageWithHelp(reviewer, '/catalog/queues', '保密审查员（reviewer）', 'catalog-reviewer-queue');
    await reviewer.context().close();
    const leader = await login('leader');
    await leader.goto(`${server.url}/admin/catalog/queues`);
    await leader.getByRole('heading', { level: 1 }).first().waitFor();
    await leader.waitForLoadState('networkidle');
    await shot(leader, 'catalog-leader-queue');
    await leader.context().close();
  });

  it('the office keeps the columns; the manual page shows its pictures', async () => {
    const page = await login('office');
    await pageWithHelp(page, '/catalog/columns', '栏目管理（政务公开办）', 'catalog-columns', 'manual-help');
    // The manual inside the console carries its screenshots (none is a broken image).
    await page.goto(`${server.url}/admin/manual/${encodeURIComponent('信息员-依申请公开')}`);
    await page.getByRole('heading', { name: '五、文书' }).waitFor();
    const images = page.locator('.gk-manual img');
    await images.first().waitFor();
    const widths = await images.evaluateAll((els) =>
      (els as HTMLImageElement[]).map((i) => (i.complete ? i.naturalWidth : -1)),
    );
    expect(widths.length).toBeGreaterThan(1);
    expect(widths.every((w) => w > 0)).toBe(true);
    await page.context().close();
  });
});
