import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../server/config.js';
import { buildContainer, type Container } from '../server/container.js';
import { buildApp, type App } from '../server/http/app.js';
import { fixedClock } from '../server/platform/clock.js';
import { seedDemo } from '../server/modules/demo/demo.seed.js';
import { demoContributors } from '../server/modules/demo/demo.contributors.js';
import { captchaFactory } from '../server/modules/captcha/index.js';
import { launchBrowser, manualShot } from './harness.js';

const clock = fixedClock('2026-12-07T01:30:00Z'); // 09:30 China time, a Monday
let app: App;
let container: Container;
let url = '';
let dir = '';

async function login(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
  return page;
}

/** Re-reading a public page until a background save shows: vitest's default poll window is 1 s. */
const POLL = { timeout: 15_000, interval: 250 };

/** Fills an antd date picker by typing the date and confirming with Enter. */
async function pickDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('events journey: hearing announced → citizen registers → record published; proposal replied → portal', () => {
  let browser: Browser;
  const realCreate = captchaFactory.create;
  beforeAll(async () => {
    captchaFactory.create = () => ({
      text: 'ab12',
      data: '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><text x="5" y="20">ab12</text></svg>',
    });
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-e2e-events-'));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
    container = await buildContainer(config, { clock });
    await seedDemo(container.ctx, demoContributors);
    app = await buildApp(container, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    captchaFactory.create = realCreate;
    await browser?.close();
    await app?.close();
    await container?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('announces a hearing, takes a registration on the portal, selects and publishes the 笔录', async () => {
    const clerk = await login(browser, 'clerk');
    await clerk.goto(`${url}/admin/events`);
    await clerk.getByRole('heading', { name: '新闻发布与听证' }).waitFor();
    await clerk.getByRole('button', { name: /新建活动/ }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByLabel('类别').click();
    await clerk.getByTitle('听证会').click();
    await dialog.getByLabel('活动名称').fill('危险化学品经营许可条件听证会');
    await pickDate(clerk, '日期', '2026-12-21');
    await dialog.getByLabel('地点').fill('市政务服务中心听证室');
    await dialog.getByLabel('主办单位或主持人').fill('示例市应急管理局');
    await dialog.getByLabel('主题和内容').fill('危险化学品经营许可的安全条件');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await clerk
      .getByRole('button', { name: '危险化学品经营许可条件听证会' })
      .or(clerk.getByText('危险化学品经营许可条件听证会'))
      .first()
      .click();
    await clerk.getByRole('button', { name: '发布预告' }).click();
    const ann = clerk.getByRole('dialog', { name: '发布听证公告' });
    await ann.getByLabel('预告（公告）内容').fill('本机关定于12月21日举行听证会，欢迎报名参加。');
    await pickDate(clerk, '报名截止日期', '2026-12-14');
    await ann.getByRole('button', { name: /确\s*定/ }).click();
    await clerk.getByRole('dialog').getByText('已发布预告').first().waitFor();

    // A citizen registers on the portal (no JavaScript needed; the captcha is the known test image).
    const citizen = await (await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })).newPage();
    await citizen.goto(`${url}/fabu`);
    await citizen.getByRole('link', { name: '危险化学品经营许可条件听证会' }).click();
    await citizen.getByLabel('姓名（必填）').fill('陈静');
    await citizen.getByLabel('单位或身份（选填）').fill('示例化工贸易有限公司');
    await citizen.getByLabel('联系电话（必填）').fill('13905331234');
    await citizen.getByLabel(/请输入图片中的字符/).fill('ab12');
    await citizen.getByRole('button', { name: '提交报名' }).click();
    await citizen.getByText('报名已提交').waitFor();

    // The clerk selects the participant; the public list shows the name, never the phone number.
    await clerk.reload();
    await clerk.getByText('危险化学品经营许可条件听证会').first().click();
    await clerk.getByLabel('遴选 陈静').click();
    await clerk.getByTitle('入选', { exact: true }).click();
    // The console saves the choice in the background (no message): the public page is re-read until it shows.
    const eventPage = citizen.url().replace(/\/register$/, ''); // a GET, not a re-POST of the form
    await expect
      .poll(async () => {
        await citizen.goto(eventPage);
        return citizen.locator('body').innerText();
      }, POLL)
      .toContain('陈静（示例化工贸易有限公司）');
    expect(await citizen.content()).not.toContain('13905331234');

    // On the day: held, 笔录 with the handling of opinions, published.
    clock.set('2026-12-21T06:00:00Z');
    const clerk2 = await login(browser, 'clerk');
    await clerk2.goto(`${url}/admin/events`);
    await clerk2.getByText('危险化学品经营许可条件听证会').first().click();
    await clerk2.getByRole('button', { name: '登记已举行' }).click();
    await clerk2
      .getByRole('dialog', { name: '登记为已举行' })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await clerk2.getByRole('button', { name: '填写实录' }).click();
    const rec = clerk2.getByRole('dialog', { name: '填写听证笔录' });
    await rec.getByLabel('听证笔录').fill('听证会于上午9时30分开始，参加人陈静陈述了意见。');
    await rec.getByLabel('听证意见采纳情况').fill('采纳意见2条，未采纳1条并说明理由。');
    await rec.getByRole('button', { name: /确\s*定/ }).click();
    await clerk2.getByRole('button', { name: '发布实录' }).click();
    await clerk2
      .getByRole('dialog', { name: '发布实录' })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    // The drawer's state tag, not the list behind it: demo events already show 已发布实录 there.
    await clerk2.getByRole('dialog').getByText('已发布实录', { exact: true }).first().waitFor();
    await manualShot(clerk2, 'events-console', { fullPage: true });

    await expect
      .poll(async () => {
        await citizen.goto(`${url}/fabu?when=past`);
        return citizen.getByRole('link', { name: '危险化学品经营许可条件听证会' }).count();
      }, POLL)
      .toBe(1);
    await citizen.getByRole('link', { name: '危险化学品经营许可条件听证会' }).click();
    expect(await citizen.locator('body').innerText()).toContain('采纳意见2条');
    await manualShot(citizen, 'events-portal', { fullPage: true });
  });

  it('registers a CPPCC proposal, records the 会办 opinion, replies with a letter, records feedback and publishes it', async () => {
    clock.set('2026-12-21T06:00:00Z');
    const clerk = await login(browser, 'clerk');
    // Register through the console's API client (the same calls the page makes), then finish in the UI.
    const call = async (method: string, path: string, body?: unknown) =>
      clerk.evaluate(
        async ({ method, path, body }) => {
          const s = await (await fetch('/api/auth/session')).json();
          const r = await fetch(path, {
            method,
            headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: r.status, json: await r.json() };
        },
        { method, path, body },
      );
    const created = await call('POST', '/api/proposals', {
      kind: 'proposal',
      number: '118',
      session: '市政协十二届四次会议',
      title: '关于完善危化品道路运输应急处置的提案',
      proposers: '孙立新',
      role: 'lead',
      assignedOn: '2026-10-20',
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const co = await call('POST', `/api/proposals/${id}/co-opinions`, { unit: '示例市交通运输局' });
    await call('PUT', `/api/proposal-co-opinions/${co.json.coOpinions[0].id}`, {
      opinion: '同意，由交通运输部门配合完善运输车辆监控。',
      receivedOn: '2026-11-10',
    });

    await clerk.goto(`${url}/admin/proposals`);
    await clerk.getByText('关于完善危化品道路运输应急处置的提案').click();
    await clerk.getByRole('button', { name: /^答\s*复$/ }).click();
    const reply = clerk.getByRole('dialog', { name: '答复' });
    await reply
      .getByLabel('答复内容（每段一行）')
      .fill('您的提案收悉。\n本局已会同交通运输部门修订危化品运输事故应急预案。');
    await reply.getByText('A类 已解决或采纳').click();
    await pickDate(clerk, '答复日期', '2026-12-18');
    await reply.getByRole('button', { name: /确\s*定/ }).click();
    await clerk.getByRole('button', { name: '登记反馈' }).click();
    const fb = clerk.getByRole('dialog', { name: '登记代表委员反馈' });
    await fb.getByText('满意', { exact: true }).click();
    await pickDate(clerk, '反馈日期', '2026-12-20');
    await fb.getByRole('button', { name: /确\s*定/ }).click();
    await clerk.getByRole('button', { name: '公开办理结果' }).click();
    await clerk
      .getByRole('dialog', { name: '公开办理结果' })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await clerk.getByText('已公开全文').waitFor();

    const letter = await clerk.request.get(`${url}/api/proposals/${id}/letter.docx`);
    expect(letter.status()).toBe(200);
    const xml = new PizZip(await letter.body()).file('word/document.xml')!.asText();
    expect(xml).toContain('孙立新委员');
    expect(xml).toContain('修订危化品运输事故应急预案');

    const portal = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await portal.goto(`${url}/jianyi`);
    await portal.getByRole('link', { name: '关于完善危化品道路运输应急处置的提案' }).click();
    expect(await portal.locator('body').innerText()).toContain('修订危化品运输事故应急预案');
  });
});
