import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

async function login(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (
    await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } })
  ).newPage();
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
  return page;
}

/** Last year in China: the report that is due (the demo's own published report is left out below). */
const YEAR =
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  ) - 1;

describe('年度报告 journey: generate → check → approve → publish → read on the portal', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ withoutDemoOf: ['annual-report'] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works end to end in Chromium', async () => {
    const office = await login(browser, server.url, 'office');
    // the dashboard counts down to 31 January
    await office.getByText('年度报告倒计时').waitFor();
    await office.goto(`${server.url}/admin/annual-reports`);
    await office.getByLabel('报告年度').fill(String(YEAR));
    await office.getByRole('button', { name: /生成报告/ }).click();
    await office.getByRole('heading', { name: `${YEAR}年政府信息公开工作年度报告` }).waitFor();
    // table 三 is drawn with its merged header; a cell drills down to the cases behind it
    await office
      .getByText('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')
      .first()
      .waitFor();
    await office.locator('td[data-cell="table3|new|total"] button').click();
    await office.getByText(/^共 \d+ 条记录：$/).waitFor();
    await office.keyboard.press('Escape');
    await office.screenshot({ path: '/tmp/e2e-annual-report-editor.png', fullPage: true });

    // The office writes what the data cannot (a 【请填写…】 prompt left blocks approval, T1).
    const reportId = office.url().split('/').pop()!;
    const filled = await office.evaluate(async (id) => {
      const s = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const r = (await (await fetch(`/api/annual-reports/${id}`)).json()) as {
        texts: { one: string; five: string; six: string };
      };
      const fill = (t: string) =>
        t.replace(/【请填写[^】]*】/g, '本机关按照年度政务公开工作要点开展了相关工作。');
      const res = await fetch(`/api/annual-reports/${id}/texts`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: JSON.stringify({ one: fill(r.texts.one), five: fill(r.texts.five), six: fill(r.texts.six) }),
      });
      return res.status;
    }, reportId);
    expect(filled).toBe(200);
    await office.reload();
    await office.getByRole('button', { name: /^校\s?验$/ }).click();
    await office.getByText('已校验', { exact: true }).first().waitFor();
    const url = office.url();

    const leader = await login(browser, server.url, 'leader');
    await leader.goto(url);
    await leader.getByRole('button', { name: /审批通过/ }).click();
    await leader.getByText('已审批', { exact: true }).first().waitFor();

    await office.reload();
    await office.getByRole('button', { name: /^发\s?布$/ }).click();
    await office.getByText('已发布', { exact: true }).first().waitFor();

    const portal = await (await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })).newPage();
    await portal.goto(`${server.url}/reports`);
    await portal.getByRole('link', { name: new RegExp(`${YEAR}年政府信息公开工作年度报告`) }).click();
    await portal.getByRole('heading', { name: /三、收到和处理政府信息公开申请情况/ }).waitFor();
    expect(await portal.getByRole('link', { name: 'Word版' }).count()).toBe(1);
    await portal.screenshot({ path: '/tmp/e2e-annual-report-portal.png', fullPage: true });

    const checker = await login(browser, server.url, 'supervisor');
    await checker.goto(`${server.url}/admin/annual-report-supervision`);
    await checker.getByText('示例市应急管理局').first().waitFor();
    expect(await checker.getByText('已发布').count()).toBeGreaterThan(0);
  });
});
