import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

async function login(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe('console journey: the office creates a clerk, the clerk signs in', () => {
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
    const office = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await login(office, server.url, 'office', 'Gongkai@2026');
    await office.getByRole('menuitem', { name: /用户管理/ }).click();
    await office.getByRole('button', { name: /新建用户/ }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('clerk-e2e');
    await dialog.getByLabel('姓名').fill('钱信息');
    await dialog.getByRole('checkbox', { name: /信息员/ }).check();
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const password = (await office.getByTestId('initial-password').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    await office.screenshot({ path: '/tmp/e2e-office-created.png' });

    const clerk = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await login(clerk, server.url, 'clerk-e2e', password);
    // The initial password must be changed before anything else.
    await clerk.getByLabel('原密码').fill(password);
    await clerk.getByLabel('新密码', { exact: true }).fill('Rescue#2026');
    await clerk.getByLabel('确认新密码').fill('Rescue#2026');
    await clerk.getByRole('button', { name: /确认修改/ }).click();
    await clerk.getByRole('menuitem', { name: /工作台/ }).waitFor();
    const menu = await clerk.getByRole('menu').first().innerText();
    expect(menu).toContain('工作台');
    expect(menu).not.toContain('用户管理');
    expect(menu).not.toContain('审计日志');
    expect(await clerk.content()).toContain('钱信息');
    await clerk.screenshot({ path: '/tmp/e2e-clerk-home.png' });

    const audit = await server.container.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['user.create', 'user.change_password'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['user.create', 'user.change_password']);
  });
});
