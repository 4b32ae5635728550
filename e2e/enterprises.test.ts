import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer } from './harness.js';
import { loadConfig } from '../server/config.js';
import { buildContainer } from '../server/container.js';
import { buildApp } from '../server/http/app.js';
import { seedDemo } from '../server/modules/demo/demo.seed.js';
import { systemActor } from '../server/platform/actor.js';
import { calendarModule } from '../server/modules/calendar/calendar.module.js';
import { enforcementModule } from '../server/modules/enforcement/enforcement.module.js';
import { enterprisesModule } from '../server/modules/enterprises/enterprises.module.js';
import { createAccount } from '../server/modules/enterprises/accounts.service.js';
import { COLUMNS } from '../server/modules/enterprises/enterprises.import.js';
import { sampleCreditCode } from '../server/modules/enforcement/sample-credit-codes.js';

const CODE = sampleCreditCode(77_001);
const NAME = '示例市瑞丰烟花爆竹批发有限公司';
const PENALTY = '示应急罚〔2026〕7701号';
/** The 挂牌督办 record the escalation creates (enterprise name + place). */
const HAZARD_TITLE = `${NAME}成品仓库重大事故隐患`;

/** The server with the demo content this module builds on (calendar, 双公示, 智慧安监). */
async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-e2e-ent-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
  const container = await buildContainer(config);
  await seedDemo(
    container.ctx,
    [calendarModule, enforcementModule, enterprisesModule].flatMap((m) => (m.demo ? [m.demo] : [])),
  );
  const adminDir =
    process.env.E2E_ADMIN_DIR && existsSync(process.env.E2E_ADMIN_DIR)
      ? process.env.E2E_ADMIN_DIR
      : undefined;
  const app = await buildApp(container, { logger: false, ...(adminDir ? { adminDir } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    container,
    stop: async () => {
      await app.close();
      await container.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function login(
  browser: Browser,
  url: string,
  username: string,
  password = 'Gongkai@2026',
): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(`${url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
  return page;
}

/** A JSON API call made by the signed-in browser page (session cookie + CSRF token, as the console does). */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const s = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as unknown;
      if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    },
    { method, url, body },
  ) as Promise<T>;
}

function csv(): Buffer {
  const v: Record<string, string> = {
    统一社会信用代码: CODE,
    企业名称: NAME,
    法定代表人: '钱某',
    注册地址: '示例市桓台县工业路9号',
    行政区划代码: '370321',
    行业代码: 'F5179',
    监管类别: '烟花爆竹',
    企业规模: '小型',
    属地监管单位: '桓台县应急管理局',
    联系人手机: '13900001111',
    许可证种类: '烟花爆竹经营（批发）许可证',
    许可证编号: '（鲁）YH经字〔2025〕0077号',
    许可范围: '烟花爆竹批发',
    有效期起: '2025-01-01',
    有效期止: '2027-12-31',
  };
  const bad = { ...v, 统一社会信用代码: '91370300000000000X', 企业名称: '错误代码企业' };
  const line = (r: Record<string, string>) => COLUMNS.map((c) => r[c.header] ?? '').join(',');
  return Buffer.from('\ufeff' + [COLUMNS.map((c) => c.header).join(','), line(v), line(bad)].join('\r\n'));
}

describe('智慧安监 journey: import → self-report → 挂牌督办 → draw → result and penalty → public page', () => {
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
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // 1. The agency imports enterprises (one row has a bad credit code).
    const clerk = await login(browser, server.url, 'clerk');
    await clerk.goto(`${server.url}/admin/enterprises-import`);
    await clerk
      .locator('input[type=file]')
      .setInputFiles({ name: '企业名录.csv', mimeType: 'text/csv', buffer: csv() });
    await clerk.getByLabel(/仅导入正确的行/).check();
    await clerk.getByRole('button', { name: /开始导入/ }).click();
    await clerk.getByText(/新增1家/).waitFor();
    // The error report downloads as .xlsx: the bad row with its row number, column and Chinese reason.
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('link', { name: /下载错误报告/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const { default: ExcelJS } = await import('exceljs');
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(await download.path());
    const errorRow = report.getWorksheet('错误报告')!.getRow(2);
    expect(errorRow.getCell(1).value).toBe(3);
    expect(errorRow.getCell(2).value).toBe('统一社会信用代码');
    expect(errorRow.getCell(3).text).toMatch(/校验位|统一社会信用代码/);
    await clerk.screenshot({ path: '/tmp/e2e-enterprises-import.png', fullPage: true });

    // The agency opens an account for the enterprise (password given here instead of the one-time one).
    const found = await api<{ items: { id: string; name: string }[] }>(
      clerk,
      'GET',
      `/api/enterprises?creditCode=${CODE}`,
    );
    expect(found.items[0]?.name).toBe(NAME);
    const orgId = (
      await server.container.ctx.db
        .selectFrom('ent_enterprises')
        .select('org_id')
        .where('id', '=', found.items[0]!.id)
        .executeTakeFirstOrThrow()
    ).org_id;
    await createAccount(server.container.ctx, systemActor('e2e', orgId), {
      enterpriseId: found.items[0]!.id,
      username: 'ruifeng',
      displayName: '瑞丰安全员',
      password: 'Safe@2026Pw!',
      mustChangePassword: false,
    });

    // 2. The enterprise signs in and self-reports a major hazard (a deadline before the report date is refused).
    const ent = await login(browser, server.url, 'ruifeng', 'Safe@2026Pw!');
    expect(await ent.getByRole('menuitem', { name: /双公示/ }).count()).toBe(0);
    await ent.goto(`${server.url}/admin/enterprise-area`);
    await ent.getByRole('tab', { name: '隐患自查自报' }).click();
    await ent.getByLabel('隐患部位').fill('成品仓库');
    await ent.getByLabel('隐患描述').fill('成品仓库超量存放烟花爆竹，安全距离不足');
    await ent.getByLabel('整改措施').fill('清理超量库存，调整堆垛');
    await ent.getByLabel('整改责任人').fill('钱某');
    await ent.getByLabel('整改期限').fill('2000-01-01');
    await ent.getByLabel('重大隐患').check();
    await ent.getByRole('button', { name: /上\s*报/ }).click();
    await ent.getByText('整改期限不能早于报告日期').first().waitFor();
    await ent.getByLabel('整改期限').fill(new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10));
    await ent.getByRole('button', { name: /上\s*报/ }).click();
    await ent.getByRole('cell', { name: '成品仓库' }).waitFor();
    await ent.screenshot({ path: '/tmp/e2e-enterprises-selfreport.png', fullPage: true });
    const forbidden = await ent.evaluate(async () => (await fetch('/api/enterprises')).status);
    expect(forbidden).toBe(403);

    // 3. The agency escalates it into 挂牌督办 with one action; the 双公示 workflow publishes the record.
    await clerk.goto(`${server.url}/admin/enterprises`);
    await clerk.getByRole('tab', { name: '企业自查隐患' }).click();
    await clerk
      .getByRole('row', { name: /成品仓库/ })
      .getByRole('button', { name: '挂牌督办' })
      .click();
    await clerk.getByRole('dialog').getByRole('button', { name: '挂牌督办' }).click();
    await clerk.getByText(/已生成挂牌督办记录/).waitFor();
    // The 挂牌督办 record goes through the 双公示 workflow in the console: clerk submits, reviewer passes the
    // confidentiality review, leader approves and publishes (each from the record's dialog).
    const hazardStep = async (page: Page, action: string) => {
      await page.goto(`${server.url}/admin/enforcement-hazards`);
      await page.getByRole('button', { name: HAZARD_TITLE }).click();
      await page.getByRole('dialog').getByRole('button', { name: action }).click();
      await page.getByText(`已${action}`).first().waitFor();
    };
    await hazardStep(clerk, '提交审核');
    const reviewer = await login(browser, server.url, 'reviewer');
    await hazardStep(reviewer, '保密审查通过');
    const leader = await login(browser, server.url, 'leader');
    await hazardStep(leader, '审批通过并公开');
    await leader.goto(`${server.url}/admin/enforcement-hazards`);
    await leader
      .getByRole('row', { name: new RegExp(HAZARD_TITLE) })
      .getByText('已公开')
      .waitFor();

    // 4. A draw over 烟花爆竹 in 桓台县 selects the enterprise (the whole small pool is drawn).
    await clerk.goto(`${server.url}/admin/inspections`);
    await clerk.getByLabel('批次').fill('E2E专项');
    await clerk.getByLabel('烟花爆竹').check();
    await clerk.getByLabel('地区代码').fill('370321');
    await clerk.getByLabel('企业数').fill('10');
    await clerk
      .getByRole('button', { name: /抽\s*取/ })
      .first()
      .click();
    await clerk.getByText('已抽取').waitFor();
    const draws = await api<{
      items: { id: string; batch: string; result: { enterpriseId: string; inspectorIds: string[] }[] }[];
    }>(clerk, 'GET', '/api/inspections/draws');
    const draw = draws.items.find((d) => d.batch === 'E2E专项')!;
    const mine = draw.result.find((r) => r.enterpriseId === found.items[0]!.id);
    expect(mine).toBeDefined();
    await clerk.screenshot({ path: '/tmp/e2e-enterprises-draw.png', fullPage: true });

    // 5. The inspection is recorded for the drawn enterprise and its result published, in the console;
    //    the penalty that followed goes through the 双公示 workflow (clerk → reviewer → leader).
    await clerk
      .locator('.ant-flex', { hasText: `企业 ${mine!.enterpriseId.slice(-8)}：` })
      .last()
      .getByRole('button', { name: '登记检查' })
      .click();
    const form = clerk.locator('.ant-card', { hasText: '登记检查记录' });
    await form.getByLabel('检查日期').click();
    await form.getByLabel('检查日期').fill(today);
    await form.getByLabel('检查日期').press('Enter');
    await form.getByLabel('检查事项').fill('烟花爆竹储存安全');
    await form.getByLabel('检查情况').fill('成品仓库超量储存，已立案查处');
    await form.getByLabel('发现隐患数').fill('1');
    await form.getByLabel('检查结果').click();
    await clerk.locator('.ant-select-item-option', { hasText: '行政处罚' }).click();
    await form.getByLabel('处罚决定文号').fill(PENALTY);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'detached' });
    await clerk
      .getByRole('row', { name: new RegExp(NAME) })
      .getByRole('button', { name: '公开结果' })
      .click();
    await clerk
      .getByRole('row', { name: new RegExp(NAME) })
      .getByText('已公开')
      .waitFor();
    await clerk.screenshot({ path: '/tmp/e2e-enterprises-inspection.png', fullPage: true });
    // The penalty is registered in the 双公示 console and goes clerk → reviewer → leader there.
    await clerk.goto(`${server.url}/admin/enforcement`);
    await clerk.getByRole('button', { name: /登记决定/ }).click();
    const decisionForm = clerk.getByRole('dialog', { name: '登记决定' });
    await decisionForm.getByLabel('决定文号').fill(PENALTY);
    await decisionForm.getByLabel('决定日期').click();
    await decisionForm.getByLabel('决定日期').fill(today);
    await decisionForm.getByLabel('决定日期').press('Enter');
    await decisionForm.getByLabel('相对人名称').fill(NAME);
    await decisionForm.getByLabel('统一社会信用代码').fill(CODE);
    await decisionForm.getByLabel('法定代表人').fill('钱某');
    await decisionForm.getByLabel('决定依据').fill('《烟花爆竹安全管理条例》第四十条');
    await decisionForm.getByLabel('违法事实与处罚结果').fill('超量储存烟花爆竹，罚款人民币二万元');
    await decisionForm.getByLabel('罚款金额（元）').fill('20000');
    await decisionForm.getByRole('button', { name: /保\s*存/ }).click();
    await clerk.getByText('已登记为草稿').first().waitFor();
    await clerk.getByRole('button', { name: /提交审核/ }).click();
    await clerk.getByText('已提交审核').first().waitFor();
    const decisionStep = async (page: Page, action: string) => {
      await page.goto(`${server.url}/admin/enforcement-queue`);
      await page.getByRole('button', { name: PENALTY }).click();
      await page.getByRole('button', { name: action }).click();
      await page.getByText(`已${action}`).first().waitFor();
    };
    await decisionStep(reviewer, '保密审查通过');
    await decisionStep(leader, '审批通过并公开');

    // 6. The public finds the enterprise and sees all of it with the rating and its reasons.
    const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await visitor.goto(`${server.url}/qiye`);
    await visitor.getByLabel('企业名称关键词').fill('瑞丰');
    await visitor.getByRole('button', { name: '查询' }).click();
    await visitor.getByRole('link', { name: NAME }).click();
    const body = await visitor.locator('main').innerText();
    expect(body).toContain('烟花爆竹经营（批发）许可证');
    expect(body).toContain(PENALTY);
    expect(body).toContain('成品仓库');
    expect(body).toContain('成品仓库超量储存，已立案查处');
    expect(body).toMatch(/安全生产信用评级：C级/);
    expect(body).toContain('当前挂牌督办未销号的重大事故隐患1项');
    expect(body).not.toContain('钱某');
    expect(body).not.toContain('13900001111');
    await visitor.screenshot({ path: '/tmp/e2e-enterprises-public.png', fullPage: true });
    const me = await api<{ credit: { reasons: string[] } }>(ent, 'GET', '/api/enterprise/me');
    for (const r of me.credit.reasons) expect(body).toContain(r);
  }, 300_000);
});
