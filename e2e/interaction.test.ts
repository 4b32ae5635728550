import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { captchaFactory } from '../server/modules/captcha/index.js';
import { signedIn } from '../test/http.js';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

/**
 * Issue 16 "Must show": a citizen writes to the 局长信箱 on the portal (Chromium, no JavaScript) → the
 * office accepts and assigns → the division drafts → the leader signs → the citizen is notified, reads
 * the reply with the query code and rates it → the published letter is on the public list and its page
 * carries none of the citizen's personal data. The office accepts in the console; the other staff steps go
 * through the JSON API the console calls.
 */
describe('interaction journey: 局长信箱 → accept → assign → draft → sign → notify → rate → publish', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    captchaFactory.create = () => ({
      text: 'H5MX',
      data: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="10" y="30" font-size="28">H5MX</text></svg>',
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works end to end', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();

    // 1. The citizen writes; a first attempt without a contact is refused and the input is kept.
    await page.goto(`${server.url}/hudong`);
    await page.getByRole('link', { name: '局长信箱' }).click();
    await page.getByLabel('标题').fill('建议在化工园区增设应急避难场所');
    await page
      .getByLabel('内容')
      .fill('我叫郑小明，住园区东侧，手机13905339876。建议在园区周边增设应急避难场所并公布位置。');
    await page.getByRole('textbox', { name: /^姓名/ }).fill('郑小明');
    await page.getByLabel('请输入图片中的字符').fill('h5mx');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('alert').getByText('请至少填写联系电话或电子邮箱中的一项').waitFor();
    expect(await page.getByLabel('标题').inputValue()).toBe('建议在化工园区增设应急避难场所');
    await page.getByLabel('联系电话').fill('13905339876');
    await page.getByLabel('短信通知').check();
    await page.getByLabel(/同意在去除姓名和联系方式后公开/).check();
    await page.getByLabel('请输入图片中的字符').fill('h5mx');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '提交成功' }).waitFor();
    const [number, queryCode] = (await page.locator('.hd-code').allInnerTexts()).map((s) => s.trim());
    expect(number).toMatch(/^SHILI-YJJ-HD-\d{4}-\d{6}$/);
    expect(queryCode).toMatch(/^[A-Z2-9]{8}$/);

    // 2–4. The office accepts and assigns, the division drafts, the leader signs (console API).
    const office = await signedIn(server.app, 'office');
    const clerk = await signedIn(server.app, 'clerk');
    const leader = await signedIn(server.app, 'leader');
    const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
      const res = await p;
      expect(res.statusCode, res.body).toBeLessThan(300);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    const found = await ok(office.get(`/api/interaction/items?q=${number}`));
    const id = (found.items as { id: string }[])[0]!.id;
    const db = server.container.ctx.db;
    const division = await db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '安全生产基础科')
      .executeTakeFirstOrThrow();
    const clerkUser = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    // The office accepts it in the console (run `npm run build` first so dist/admin has the feature).
    const consolePage = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await consolePage.goto(`${server.url}/admin/`);
    await consolePage.getByLabel('用户名').fill('office');
    await consolePage.getByLabel('密码').fill('Gongkai@2026');
    await consolePage.getByRole('button', { name: /登\s*录/ }).click();
    await consolePage.getByRole('menuitem', { name: /工作台/ }).waitFor();
    await consolePage.goto(`${server.url}/admin/interaction/items/${id}`);
    await consolePage.getByText('待受理').first().waitFor();
    await consolePage.getByRole('button', { name: /^受\s*理$/ }).click();
    await consolePage.getByText('已受理待分办').first().waitFor();
    await consolePage.screenshot({ path: '/tmp/e2e-interaction-console.png', fullPage: true });
    await consolePage.context().close();
    await ok(
      office.post(`/api/interaction/items/${id}/assign`, {
        divisionId: division.id,
        handlerId: clerkUser.id,
      }),
    );
    await ok(
      clerk.post(`/api/interaction/items/${id}/draft`, {
        text: '感谢您的建议。我局已将园区应急避难场所建设纳入年度计划，建成后将在本网站公布位置。',
      }),
    );
    await ok(clerk.post(`/api/interaction/items/${id}/submit-sign-off`));
    const signed = await ok(leader.post(`/api/interaction/items/${id}/sign-off`, { approve: true }));
    expect(signed.status).toBe('replied');

    // 5. The citizen is notified by SMS (queued for the notification channel) …
    const sms = await db
      .selectFrom('notify_messages')
      .select(['to_addr', 'channel', 'body_text'])
      .where('source_id', '=', id)
      .execute();
    expect(sms).toEqual([expect.objectContaining({ channel: 'sms', to_addr: '13905339876' })]);
    expect(sms[0]!.body_text).toContain(number);

    // … reads the reply with number + query code and rates it.
    await page.goto(`${server.url}/hudong/track`);
    await page.getByLabel('编号').fill(number!);
    await page.getByLabel('查询码').fill(queryCode!);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('已将园区应急避难场所建设纳入年度计划').waitFor();
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价').waitFor();
    await page.getByText('您的评价：满意').waitFor();

    // 6. The office publishes it; it is on the public list without the citizen's personal data.
    await ok(office.post(`/api/interaction/items/${id}/publish`, {}));
    await page.goto(`${server.url}/hudong/letters`);
    await page.getByRole('link', { name: '建议在化工园区增设应急避难场所' }).click();
    await page.getByRole('heading', { name: '建议在化工园区增设应急避难场所' }).waitFor();
    const html = await page.content();
    expect(html).toContain('已将园区应急避难场所建设纳入年度计划');
    expect(html).not.toContain('郑小明');
    expect(html).not.toContain('13905339876');
    await page.screenshot({ path: '/tmp/e2e-interaction-letter.png', fullPage: true });
    // Search by a Chinese word finds it.
    await page.goto(`${server.url}/hudong/letters?q=${encodeURIComponent('避难场所')}`);
    await page.getByRole('link', { name: /建议在化工园区增设应急/ }).waitFor();
    await context.close();
  }, 180_000);
});
