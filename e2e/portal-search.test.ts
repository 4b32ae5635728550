import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

describe('portal journey without JavaScript: column → item → search', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('navigates the demo portal and finds a two-character word, highlighted', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(await page.title()).toContain('示例市应急管理局');

    // Column from the main navigation, then the first item of its list.
    // The navigation is grouped (<details> menus that work without JavaScript): open 政务动态 first.
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.locator('summary', { hasText: '政务动态' }).click();
    await nav.getByRole('link', { name: '通知公告' }).click();
    await expect.poll(() => page.url()).toContain('/columns/');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('通知公告');
    const first = page.locator('.item-list a').first();
    const title = (await first.innerText()).trim();
    await first.click();
    await expect.poll(() => page.url()).toContain('/items/');
    expect(await page.locator('#item-title').innerText()).toBe(title);
    const meta = await page.locator('table.item-meta').innerText();
    for (const label of ['索引号', '发布机构', '成文日期', '发布日期', '有效性'])
      expect(meta).toContain(label);

    // Search from the header box: a two-character word, submitted by the form itself.
    const box = page.getByRole('search').first().getByLabel('站内检索');
    await box.fill('应急');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain('/search?q=');
    const status = await page.getByRole('status').first().innerText();
    expect(status).toMatch(/找到与“应急”相关的信息 \d+ 条/);
    const marks = page.locator('.hits mark');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await marks.first().innerText()).toBe('应急');
    await page.screenshot({ path: '/tmp/e2e-portal-search.png', fullPage: true });

    // Follow a hit: it leads to a public page.
    await page.locator('.hits h3 a').first().click();
    expect(await page.locator('main').innerText()).not.toHaveLength(0);
    await context.close();
  });
});
