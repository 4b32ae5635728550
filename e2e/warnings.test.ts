import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, manualShot, startServer, type RunningServer } from './harness.js';
import {
  startSmppPeer,
  startSmtpPeer,
  type SmppPeer,
  type SmtpPeer,
} from '../server/modules/notify/testing/peers.js';

/** The demo's subordinate units (warnings.demo.ts): duty e-mail and mobile each. */
const UNITS = [
  { email: 'jiancha@shili.example.gov.cn', mobile: '13905330201' },
  { email: 'weihua@shili.example.gov.cn', mobile: '13905330202' },
  { email: 'jiuyuan@shili.example.gov.cn', mobile: '13905330203' },
];
const TITLE = '暴雨红色预警';

async function login(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
  return page;
}

/** Polls until `check` returns a value (the worker sends every 2 s). */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The SMS texts an SMSC received for one mobile (sent in international form, 86…), reassembled from their parts. */
function smsTo(peer: SmppPeer, mobile: string): string[] {
  const messages = new Map<string, string[]>();
  let single = 0;
  for (const p of peer.parts.filter((x) => x.to === `86${mobile}`)) {
    const key = p.udh ? `r${p.udh[2]}` : `s${single++}`;
    const list = messages.get(key) ?? [];
    list[p.udh ? p.udh[4]! - 1 : 0] = p.text;
    messages.set(key, list);
  }
  return [...messages.values()].map((l) => l.join(''));
}

const mailsTo = (peer: SmtpPeer, to: string, subject: RegExp) =>
  peer.mails.filter((m) => m.rcpt.includes(to) && subject.test(m.parsed.subject ?? ''));

/** A China-time `datetime-local` value `hours` from now. */
const chinaLocal = (hours: number) =>
  new Date(Date.now() + (8 + hours) * 3600_000).toISOString().slice(0, 16);

describe('risk warning journey: approve → banner → push → 签收 → escalation → 解除', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: SmtpPeer;
  let smsc: SmppPeer;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    smsc = await startSmppPeer({ receipts: true });
    server = await startServer({ env: { SMTP_URL: smtp.url, SMPP_URL: `${smsc.url}` } });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await smsc?.close();
  });

  it('works end to end in Chromium against real SMTP and SMPP peers', async () => {
    // The office records a 暴雨红色预警 for the units and staff, escalation after 1 minute.
    const office = await login(browser, server.url, 'office');
    await office.goto(`${server.url}/admin/warnings`);
    await office.getByRole('button', { name: '录入预警' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('预警事件').fill('暴雨');
    await dialog.getByLabel('影响区域').fill('示例市城区及东部山区');
    await dialog.getByLabel('生效时间（北京时间）').fill(chinaLocal(0));
    await dialog.getByLabel('失效时间（北京时间）').fill(chinaLocal(12));
    await dialog.getByLabel('未签收催办（分钟）').fill('1');
    await dialog.getByLabel('信息来源').fill('示例市气象台发布的暴雨红色预警信号');
    await dialog
      .getByLabel('预警内容')
      .fill('预计未来3小时城区降雨量将达100毫米以上，山区有山洪、泥石流风险。');
    await dialog.getByLabel('防御指引').fill('立即停止户外作业和高处作业，危险区域人员立即转移。');
    await dialog.getByRole('button', { name: '提交审批' }).click();
    await office.getByText('已提交领导审批').waitFor();

    // Nothing is public before the leader approves.
    const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await visitor.goto(`${server.url}/`);
    expect(await visitor.locator('body').innerText()).not.toContain(`【预警】${TITLE}`);

    // One leader approves: published and pushed.
    const leader = await login(browser, server.url, 'leader');
    await leader.goto(`${server.url}/admin/warnings`);
    await leader.getByRole('link', { name: TITLE }).click();
    await leader.getByRole('button', { name: '批准发布' }).click();
    await leader.getByText('已批准发布').waitFor();

    // The banner is on every portal page while it is in force.
    for (const path of ['/', '/yujing']) {
      await visitor.goto(`${server.url}${path}`);
      await expect.poll(() => visitor.locator('.site-banners').innerText()).toContain(TITLE);
    }
    await visitor
      .getByRole('region', { name: '预警信息' })
      .getByRole('link', { name: new RegExp(TITLE) })
      .click();
    await visitor.getByRole('heading', { name: TITLE }).first().waitFor();
    await manualShot(visitor, 'warnings-banner');

    // Every unit gets it by e-mail (SMTP peer) and SMS (SMPP peer).
    const alert = new RegExp(`^【示例市应急管理局】${TITLE}$`);
    for (const u of UNITS) {
      await until(`alert mail to ${u.email}`, () =>
        mailsTo(smtp, u.email, alert).length ? true : undefined,
      );
      await until(`alert SMS to ${u.mobile}`, () =>
        smsTo(smsc, u.mobile).some((t) => t.includes(TITLE) && t.includes('回复“签收”')) ? true : undefined,
      ).catch(async (e: unknown) => {
        const rows = await server.container.ctx.db
          .selectFrom('notify_messages')
          .select(['status', 'template', 'last_error', 'attempts'])
          .where('to_addr', '=', u.mobile)
          .execute();
        const got = JSON.stringify(smsTo(smsc, u.mobile));
        throw new Error(`${String(e)}\nreceived: ${got}\nqueue: ${JSON.stringify(rows)}`);
      });
      expect(mailsTo(smtp, u.email, alert)).toHaveLength(1); // never twice
    }

    // The first unit acknowledges through the signed link in its e-mail.
    const mail = mailsTo(smtp, UNITS[0]!.email, alert)[0]!;
    const link = /https?:\/\/\S+\/warnings\/ack\/\S+/.exec(mail.parsed.text ?? '')![0];
    // the configured base URL names port 0 (the server listens on a free port): keep the signed path
    const ackUrl = `${server.url}${new URL(link).pathname}`;
    const unit = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await unit.goto(ackUrl);
    await unit.getByRole('button', { name: '确认签收' }).click();
    await unit.getByRole('heading', { name: '签收成功' }).waitFor();
    // a link with one character changed is refused
    const forged = ackUrl.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await unit.goto(forged))!.status()).toBe(403);
    expect(await unit.getByRole('alert').innerText()).toContain('签收链接无效');

    // After a minute the others are escalated: a reminder to each, the acknowledged unit left alone.
    const reminder = /^【催办】暴雨红色预警尚未签收$/;
    await until(
      'escalation mails',
      () => (UNITS.slice(1).every((u) => mailsTo(smtp, u.email, reminder).length === 1) ? true : undefined),
      150_000,
    );
    expect(mailsTo(smtp, UNITS[0]!.email, reminder)).toHaveLength(0);
    await until('escalation SMS', () =>
      smsTo(smsc, UNITS[1]!.mobile).some((t) => t.includes(`催办：${TITLE}尚未签收`)) ? true : undefined,
    );
    await leader.reload();
    const summary = leader.getByTestId('ack-summary');
    await expect.poll(async () => summary.innerText()).toMatch(/^1\/\d+ 已签收，\d+ 已催办$/);
    const [, total, escalated] = /^1\/(\d+) 已签收，(\d+) 已催办$/.exec(await summary.innerText())!;
    expect(Number(escalated)).toBe(Number(total) - 1);
    await leader.getByRole('cell', { name: '已签收（链接）' }).waitFor();

    // The leader lifts it: a linked 解除 message goes out and the banner disappears.
    await leader.getByRole('button', { name: '解除预警' }).click();
    await leader.getByLabel('解除说明').fill('强降雨已经结束，现解除暴雨红色预警。');
    await leader.getByRole('button', { name: '发布解除信息' }).click();
    await leader.getByText('已解除').first().waitFor();
    await visitor.goto(`${server.url}/`);
    expect(await visitor.locator('body').innerText()).not.toContain(`【预警】${TITLE}`);
    await visitor.goto(`${server.url}/yujing`);
    await visitor
      .getByRole('link', { name: `解除${TITLE}` })
      .first()
      .waitFor();
    for (const u of UNITS)
      await until(`lifting mail to ${u.email}`, () =>
        mailsTo(smtp, u.email, new RegExp(`解除${TITLE}`)).length === 1 ? true : undefined,
      );
  }, 400_000);
});
