import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Document, Packer, Paragraph } from 'docx';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

const PLANTED_ID = '110101199003074514'; // a valid 居民身份证号 (check character 4)
const TITLE = '关于做好汛期尾矿库安全防范工作的通知';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
}

async function expectEnabled(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < 50 && (await locator.isDisabled()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.isDisabled()).toBe(false);
}

async function docx(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

async function answerChecklist(page: Page, privacy: '是' | '否'): Promise<void> {
  for (const label of ['国家秘密', '工作秘密', '商业秘密', '个人隐私', '敏感信息']) {
    const group = page.getByRole('radiogroup', { name: `是否涉及${label}` });
    await group.getByText(label === '个人隐私' ? privacy : '否', { exact: true }).click();
  }
}

describe('browser journey: draft → 保密审查 finds an ID → fix → approve → portal', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works end to end in Chromium', async () => {
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: `/tmp/e2e-catalog-${name}.png`, fullPage: true });

    // ── the clerk drafts an item with an attachment that carries an ID number ──
    const clerk = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await login(clerk, server.url, 'clerk');
    await clerk.goto(`${server.url}/admin/catalog/items/new`);
    await clerk.getByLabel('所属栏目').click();
    await clerk.keyboard.type('通知公告');
    await clerk
      .locator('.ant-select-tree-title', { hasText: /^通知公告$/ })
      .first()
      .click();
    await clerk.getByLabel('标题', { exact: true }).fill(TITLE);
    // 成文日期 is required before 提交审查 (第二十六条 clock); three days ago is on time.
    const generatedOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await clerk.getByLabel('成文日期').fill(generatedOn);
    await clerk.getByLabel('成文日期').press('Enter');
    await clerk.locator('[contenteditable=true]').click();
    await clerk.keyboard.type('各区县应急管理局：汛期将至，请督促尾矿库企业落实汛前检查，确保安全度汛。');
    // the live scan checks the text before anything is saved
    await clerk.getByText('未发现待处理问题').waitFor();
    await clerk.getByRole('button', { name: /保存草稿/ }).click();
    await clerk.waitForURL(/\/edit$/, { timeout: 15_000 }).catch(async (e: unknown) => {
      await shot(clerk, '0-save-failed');
      throw e;
    });
    await clerk.waitForURL(/\/catalog\/items\/[^/]+\/edit$/);
    const itemId = /items\/([^/]+)\/edit/.exec(clerk.url())![1]!;
    await expectEnabled(clerk.getByRole('button', { name: /上传附件/ }));
    await clerk.locator('input[type=file]').setInputFiles({
      name: '汛期检查方案.docx',
      mimeType: DOCX,
      buffer: await docx(`联系人身份证号：${PLANTED_ID}`),
    });
    await clerk.getByRole('link', { name: '汛期检查方案.docx' }).waitFor();
    // the live scan in the editor already flags it
    await clerk
      .getByText(/110\*+4514/)
      .first()
      .waitFor();
    await clerk.getByRole('button', { name: /提交审查/ }).click();
    await clerk.waitForURL(new RegExp(`/catalog/items/${itemId}$`));
    await shot(clerk, '1-submitted');

    // ── the reviewer finds the planted ID and returns the item ──
    const reviewer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await login(reviewer, server.url, 'reviewer');
    await reviewer.goto(`${server.url}/admin/catalog/items/${itemId}`);
    await reviewer.getByRole('button', { name: /开始保密审查/ }).click();
    const review = reviewer.getByRole('region', { name: '保密审查' });
    await review
      .getByText(/110\*+4514/)
      .first()
      .waitFor();
    expect(await review.innerText()).not.toContain(PLANTED_ID); // masked, never shown in full
    await answerChecklist(reviewer, '是');
    await reviewer.getByLabel('审查意见').fill('附件含个人身份证号，请删除后重新提交。');
    await reviewer.getByRole('radiogroup', { name: '审查结论' }).getByText('退回修改').click();
    await reviewer.getByRole('button', { name: /退回起草人/ }).click();
    await reviewer.getByText('草稿').first().waitFor();
    await shot(reviewer, '2-returned');

    // ── the drafter sees the opinion, replaces the attachment, resubmits ──
    await clerk.goto(`${server.url}/admin/catalog/items/${itemId}/edit`);
    await clerk
      .getByTestId('returned-opinion')
      .getByText(/身份证号/)
      .waitFor();
    await clerk.getByRole('button', { name: '删除附件 汛期检查方案.docx' }).click();
    await clerk
      .getByRole('dialog')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await clerk.getByText('暂无附件').waitFor();
    await clerk.locator('input[type=file]').setInputFiles({
      name: '汛期检查方案.docx',
      mimeType: DOCX,
      buffer: await docx('联系人：市应急管理局安全生产基础科。'),
    });
    await clerk.getByRole('link', { name: '汛期检查方案.docx' }).waitFor();
    await clerk.getByRole('button', { name: /提交审查/ }).click();
    await clerk.waitForURL(new RegExp(`/catalog/items/${itemId}$`));

    // ── review passes ──
    await reviewer.goto(`${server.url}/admin/catalog/items/${itemId}`);
    await reviewer.getByRole('button', { name: /开始保密审查/ }).click();
    await answerChecklist(reviewer, '否');
    await reviewer
      .getByLabel('审查意见')
      .fill('经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。');
    await reviewer.getByRole('radiogroup', { name: '审查结论' }).getByText('同意公开，送领导审批').click();
    await reviewer.getByRole('button', { name: /提交审查结论/ }).click();
    await reviewer
      .getByText(/待分管领导审批|分管领导审批/)
      .first()
      .waitFor();

    // ── the leader approves: published ──
    const leader = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await login(leader, server.url, 'leader');
    await leader.goto(`${server.url}/admin/catalog/items/${itemId}`);
    await leader.getByLabel('审批意见').fill('同意发布。');
    await leader.getByRole('button', { name: /同意发布/ }).click();
    await leader
      .getByText(/113703000MB158465B\//)
      .first()
      .waitFor();
    await shot(leader, '3-published');

    // ── the clerk finds it in the item list filtered by this year (发布日期) ──
    const year = new Date().getFullYear();
    await clerk.goto(`${server.url}/admin/catalog/items`);
    await clerk.getByLabel('年份').click();
    await clerk.getByTitle(`${year}年`).click();
    await clerk.getByRole('link', { name: TITLE }).waitFor();
    await clerk.getByText(/共 \d+ 条/).waitFor();
    await shot(clerk, '6-items-by-year');
    await clerk.getByLabel('年份').click();
    await clerk.getByTitle(`${year - 3}年`).click();
    await clerk.getByText('没有符合条件的信息').waitFor();

    // ── within one request of approval it is on the portal: home, column, 目录, RSS, search ──
    const visitor = await (await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })).newPage();
    await visitor.goto(`${server.url}/`);
    expect(await visitor.content()).toContain(TITLE);
    await shot(visitor, '4-home');
    await visitor.getByRole('link', { name: TITLE }).first().click();
    expect(await visitor.content()).toContain('113703000MB158465B/');
    const columnCode = 'tzgg';
    await visitor.goto(`${server.url}/columns/${columnCode}`);
    expect(await visitor.content()).toContain(TITLE);
    await visitor.goto(`${server.url}/catalog`);
    expect(await visitor.content()).toContain(TITLE);
    const rss = await (await fetch(`${server.url}/columns/${columnCode}/rss.xml`)).text();
    expect(rss).toContain(TITLE);
    await visitor.goto(`${server.url}/search?q=${encodeURIComponent('尾矿')}`);
    expect(await visitor.content()).toContain('汛期');
    expect(await visitor.locator('main').innerText()).toContain('尾矿库');
    await shot(visitor, '5-search');

    // ── the audit log shows every step ──
    const audit = await server.container.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', itemId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'catalog.item.create',
        'catalog.attachment.add',
        'catalog.item.submit',
        'catalog.item.start_review',
        'catalog.item.review_reject',
        'catalog.attachment.remove',
        'catalog.item.review_pass',
        'catalog.item.approve',
        'catalog.item.publish',
      ]),
    );
  }, 300_000);
});
