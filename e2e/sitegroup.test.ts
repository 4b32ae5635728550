/**
 * Site group (站群) pages in a browser without JavaScript: the government's 部门导航 → a department's
 * portal → back through 上级政府门户; group search with the agency facet; axe-core finds no violation
 * and nothing scrolls sideways at 320 px. Screenshots go to $SITEGROUP_SHOTS when set.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

const SHOTS = process.env.SITEGROUP_SHOTS;

async function check(page: Page, name: string, width: number): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${name}@${width}: ${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect([name, width, overflow]).toEqual([name, width, 0]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

describe('site group (站群) in a browser without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('government 部门导航 → department portal → back; group search filtered by agency', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/a/shili-gov/`);
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.locator('summary', { hasText: '部门网站' }).click();
    await nav.getByRole('link', { name: '部门导航' }).click();
    await expect.poll(() => page.url()).toContain('/a/shili-gov/bumen');
    await page.getByRole('heading', { name: '示例市生态环境局' }).getByRole('link').click();
    await expect.poll(() => page.url()).toContain('/a/shili-sthjj/');
    await page.getByRole('link', { name: '上级政府门户：示例市人民政府' }).click();
    await expect.poll(() => page.url()).toMatch(/\/a\/shili-gov\/$/);

    await page.goto(`${server.url}/a/shili-gov/zhanqun/search`);
    await page.getByLabel('关键词').fill('安全');
    await page.getByRole('button', { name: '检索' }).last().click();
    await expect.poll(() => page.url()).toContain('q=');
    const facet = page.getByRole('navigation', { name: '按机关筛选' });
    await facet.getByRole('link', { name: '示例市交通运输局' }).click();
    await expect.poll(() => page.url()).toContain('agency=shili-jtj');
    const hrefs = await page
      .locator('li.hit h3 a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(/^\/a\/shili-jtj\/items\//);
    await context.close();
  });

  it('passes axe-core and reflows at 320 px (desktop and narrow)', async () => {
    const pages: [string, string][] = [
      ['gov-home', '/a/shili-gov/'],
      ['gov-bumen', '/a/shili-gov/bumen'],
      ['gov-search', `/a/shili-gov/zhanqun/search?q=${encodeURIComponent('安全')}`],
      ['gov-catalog', '/a/shili-gov/zhanqun/catalog'],
      ['jt-home', '/a/shili-jtj/'],
      ['jt-catalog', '/a/shili-jtj/catalog'],
    ];
    for (const width of [1366, 320]) {
      // axe runs as a script in the page; the pages themselves need none.
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [name, url] of pages) {
        const res = await page.goto(`${server.url}${url}`);
        expect([name, res?.status()]).toEqual([name, 200]);
        await check(page, name, width);
      }
      await context.close();
    }
  });
});
