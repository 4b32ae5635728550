import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';
import { IMPORT_COLUMNS } from '../server/modules/enforcement/import.columns.js';
import { sampleCreditCode } from '../server/modules/enforcement/sample-credit-codes.js';

const CODE = sampleCreditCode(4242);
const NUMBER = '示应急罚〔2026〕4242号';

async function login(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
  return page;
}

function csvFile(): Buffer {
  const values: Record<string, string> = {
    决定类别: '行政处罚',
    决定文号: NUMBER,
    决定日期: '2026-11-02',
    相对人类别: '法人及非法人组织',
    相对人名称: '示例市瑞丰化工有限公司',
    统一社会信用代码: CODE,
    决定依据: '《中华人民共和国安全生产法》第一百零二条',
    决定内容: '未建立事故隐患排查治理制度，罚款人民币三万元',
    '罚款金额（元）': '30000',
  };
  const bad: Record<string, string> = {
    ...values,
    决定文号: '示应急罚〔2026〕4243号',
    统一社会信用代码: '913703000000000000',
  };
  const line = (v: Record<string, string>) => IMPORT_COLUMNS.map((c) => v[c.header] ?? '').join(',');
  return Buffer.from(
    '\ufeff' + [IMPORT_COLUMNS.map((c) => c.header).join(','), line(values), line(bad)].join('\n'),
  );
}

/** Opens a decision from a list page by its number and takes a workflow step in the drawer. */
async function step(page: Page, url: string, path: string, button: RegExp): Promise<void> {
  await page.goto(`${url}/admin${path}`);
  await page.getByRole('button', { name: NUMBER }).click();
  await page.getByRole('button', { name: button }).click();
  await page
    .getByText(/^已(保密审查通过|审批通过并公开|提交审核)/)
    .first()
    .waitFor();
}

describe('双公示 journey: import → review → publish → find on the portal', () => {
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

  it('works end to end in Chromium', async () => {
    const clerk = await login(browser, server.url, 'clerk');
    await clerk.goto(`${server.url}/admin/enforcement-import`);
    await clerk
      .locator('input[type=file]')
      .setInputFiles({ name: '双公示.csv', mimeType: 'text/csv', buffer: csvFile() });
    await clerk.getByLabel(/仅导入正确的行/).check();
    await clerk.getByRole('button', { name: /开始导入/ }).click();
    const result = clerk.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('新增1条');
    expect(await clerk.getByRole('link', { name: /下载错误报告（1 行）/ }).count()).toBe(1);
    await clerk.screenshot({ path: '/tmp/e2e-enforcement-import.png', fullPage: true });

    await clerk.goto(`${server.url}/admin/enforcement`);
    await clerk.getByLabel('搜索文号、相对人或信用代码').fill('瑞丰');
    await clerk.getByLabel('搜索文号、相对人或信用代码').press('Enter');
    await clerk.getByRole('button', { name: NUMBER }).click();
    await clerk.getByRole('button', { name: /提交审核/ }).click();
    await clerk.getByText('已提交审核').first().waitFor();

    const reviewer = await login(browser, server.url, 'reviewer');
    await step(reviewer, server.url, '/enforcement-queue', /保密审查通过/);
    const leader = await login(browser, server.url, 'leader');
    await step(leader, server.url, '/enforcement-queue', /审批通过并公开/);
    await leader.screenshot({ path: '/tmp/e2e-enforcement-approved.png' });

    const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await visitor.goto(`${server.url}/shuanggongshi`);
    await visitor.getByLabel('企业名称').fill('瑞丰');
    await visitor.getByRole('button', { name: '查询' }).click();
    await visitor.getByRole('link', { name: NUMBER }).waitFor();
    expect(await visitor.locator('table.gk-decisions tbody tr').count()).toBe(1);
    await visitor.screenshot({ path: '/tmp/e2e-enforcement-portal-name.png', fullPage: true });

    await visitor.goto(`${server.url}/shuanggongshi`);
    await visitor.getByLabel('统一社会信用代码').fill(CODE);
    await visitor.getByRole('button', { name: '查询' }).click();
    await visitor.getByRole('link', { name: NUMBER }).click();
    expect(await visitor.locator('h1').innerText()).toContain(NUMBER);
    expect(await visitor.content()).toContain('30,000.00');
    await visitor.screenshot({ path: '/tmp/e2e-enforcement-portal-detail.png', fullPage: true });
  });
});
