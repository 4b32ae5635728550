/**
 * What the user manual shows for the system roles (三员) and the 文书模板 page, in the built console:
 * each of 系统管理员, 安全管理员 and 安全审计员 sees its own pages and none of the others' or any business
 * page; the 政务公开办 edits a letter template, sees a placeholder it cannot use refused as typed, and
 * the preview. Screenshots for docs/manual/ go to $E2E_SHOTS when set (the manual's images come from here).
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

describe('console pages of the 三员 and the 文书模板 page', () => {
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

  const menuTexts = async (page: Page) =>
    (await page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);

  it('each system role sees its own pages only', async () => {
    const roles: [string, string, string[], string[]][] = [
      ['sysadmin', '/users', ['用户管理', '机构与设置', '工作日历'], ['审计日志', '登录日志', '依申请公开']],
      ['secadmin', '/security/logins', ['登录日志', '用户管理'], ['审计日志', '依申请公开', '工作日历']],
      ['auditor', '/audit', ['审计日志'], ['用户管理', '登录日志', '依申请公开']],
    ];
    for (const [username, home, sees, hidden] of roles) {
      const page = await login(username);
      const menu = (await menuTexts(page)).join(' ');
      for (const label of sees) expect(menu, `${username} sees ${label}`).toContain(label);
      for (const label of hidden) expect(menu, `${username} does not see ${label}`).not.toContain(label);
      await page.goto(`${server.url}/admin${home}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `roles-${username}`);
      await page.context().close();
    }
  });

  it('the office edits a letter template: a placeholder the letter cannot use is refused as typed; preview', async () => {
    const page = await login('office');
    await page.goto(`${server.url}/admin/requests/templates`);
    const preview = page.getByRole('document', { name: '文书预览' });
    await preview.waitFor();
    expect(await preview.innerText()).toContain('（印章）');
    const body = page.getByLabel('正文（空一行分段）');
    const original = await body.inputValue();
    await body.fill(`${original}\n\n请于{{补正期限}}前补正。`);
    await page.getByText('该文书不能使用占位符{{补正期限}}').waitFor();
    expect(await page.getByRole('button', { name: '保存模板' }).isDisabled()).toBe(true);
    await body.fill(`${original}\n\n如有疑问，请在工作日拨打{{联系电话}}。`);
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.getByText('模板已保存，此后生成的文书使用新模板').waitFor();
    expect(await preview.innerText()).toContain('如有疑问，请在工作日拨打0533-1234567。');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'requests-templates');
    await page.context().close();
  });
});
