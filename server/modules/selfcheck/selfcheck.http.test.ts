import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import type { FindingViewT, ReportDetailT } from '../../../contract/selfcheck.js';
import { selfcheckFacts } from './selfcheck.facts.js';
import { nextScheduledCheck } from './selfcheck.schedule.js';
import { DEMO_LINKING_TITLE, DEMO_WITHDRAWN_TITLE } from './selfcheck.demo.js';

describeEachDialect('self-check (检查指标) over HTTP', (getDb) => {
  let t: TestApp;
  let office: Client, clerk: Client, supervisor: Client;
  let reportId = '';
  let agencyId = '';

  beforeAll(async () => {
    t = await createTestApp(getDb(), { seed: true, now: '2026-12-06T02:00:00Z' });
    office = await signedIn(t.app, 'office');
    clerk = await signedIn(t.app, 'clerk');
    supervisor = await signedIn(t.app, 'supervisor');
  }, 600_000);
  afterAll(async () => {
    await t?.app.close();
  });

  const findings = (d: ReportDetailT, indicator: string): FindingViewT[] =>
    d.groups.find((g) => g.indicator === indicator)?.findings ?? [];

  it('立即检查 finds the demo’s deliberately broken internal link and its stale column, and says where they are', async () => {
    const run = await office.post('/api/selfcheck/run', {});
    expect(run.statusCode).toBe(201);
    const summary = run.json();
    reportId = summary.id;
    agencyId = summary.orgId;
    expect(summary).toMatchObject({
      orgName: '示例市应急管理局',
      runOn: '2026-12-06',
      status: 'done',
      trigger: 'manual',
    });
    expect(summary.pagesCrawled).toBeGreaterThan(50);
    expect(summary.veto).toBe(0);

    const detail: ReportDetailT = (await office.get(`/api/selfcheck/reports/${reportId}`)).json();
    // The stale column: exactly 统计信息, at its column page, with its class and last update.
    expect(findings(detail, 'column_stale').map((f) => [f.title, f.url, f.severity])).toEqual([
      ['栏目“统计信息”更新不及时', '/a/shili-yjj/columns/tjxx', 'deduct'],
    ]);
    expect(findings(detail, 'column_stale')[0]!.detail).toContain('6个月');
    expect(findings(detail, 'column_stale')[0]!.detail).toContain('200天前');

    // The broken link: the 工作动态 news item links to the withdrawn draft (征求意见稿).
    const dead = findings(detail, 'dead_link');
    const mine = dead.filter((f) => f.excerpt === '安全生产标准化建设工作方案');
    expect(mine).toHaveLength(1);
    const link = mine[0]!;
    expect(link.url).toMatch(/^\/a\/shili-yjj\/items\/[0-9a-f-]+$/);
    expect(link.foundOn).toMatch(/^\/a\/shili-yjj\/items\/[0-9a-f-]+$/);
    expect(link.detail).toContain('HTTP 404');
    expect((await t.app.inject({ url: link.url! })).statusCode).toBe(404);
    const page = await t.app.inject({ url: link.foundOn! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(DEMO_LINKING_TITLE);
    expect(page.body).toContain(`href="${link.url}"`);
    const withdrawn = await office.get(`/api/catalog/items/${link.url!.split('/').pop()}`);
    expect(withdrawn.json().title).toBe(DEMO_WITHDRAWN_TITLE);
    expect(withdrawn.json().status).toBe('withdrawn');
    // It is the demo's only dead link (a correction notice of a decision no longer on display is not linked).
    expect(dead).toHaveLength(1);
    // Nothing else is judged stale, blank, broken or misworded in the demo.
    expect(findings(detail, 'error_page')).toEqual([]);
    expect(findings(detail, 'blank_column')).toEqual([]);
    expect(findings(detail, 'home_stale')).toEqual([]);
    expect([
      ...findings(detail, 'typo'),
      ...findings(detail, 'wording'),
      ...findings(detail, 'outdated_name'),
    ]).toEqual([]);
  });

  it('exports the report as CSV with each finding’s location', async () => {
    const res = await clerk.get(`/api/selfcheck/reports/${reportId}/csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF机关,检查日期,严重程度')).toBe(true);
    expect(res.body).toContain('/a/shili-yjj/columns/tjxx');
    expect(res.body).toContain('安全生产标准化建设工作方案');
  });

  it('only the office runs a check; the clerk and the supervisor read (the supervisor for agencies below)', async () => {
    expect((await clerk.post('/api/selfcheck/run', {})).statusCode).toBe(403);
    expect((await supervisor.post('/api/selfcheck/run', {})).statusCode).toBe(403);
    expect((await supervisor.post('/api/selfcheck/run', { orgId: agencyId })).statusCode).toBe(403);
    const list = await supervisor.get('/api/selfcheck/reports');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(reportId);
    const agencies = (await supervisor.get('/api/selfcheck/agencies')).json();
    expect(agencies.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['示例市人民政府', '示例市应急管理局']),
    );
    expect((await supervisor.get(`/api/selfcheck/reports/${reportId}`)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/selfcheck/reports/${reportId}` })).statusCode).toBe(401);
  });

  it('the daily schedule checks every agency once a day; an agency cannot read another’s report', async () => {
    let runs = 0;
    for (;;) {
      const started = await nextScheduledCheck(t.container);
      if (!started) break;
      await started.done;
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(2); // the government, its departments and their units
    expect(await nextScheduledCheck(t.container)).toBeNull();
    const all = (await supervisor.get('/api/selfcheck/reports?pageSize=100')).json();
    const gov = all.items.find((r: { orgName: string }) => r.orgName === '示例市人民政府');
    expect(gov.trigger).toBe('schedule');
    expect((await office.get(`/api/selfcheck/reports/${gov.id}`)).statusCode).toBe(404);
    expect((await office.get(`/api/selfcheck/reports?orgId=${gov.orgId}`)).statusCode).toBe(403);
  }, 300_000); // one crawl per agency of the demo site group

  it('shows the trend across reports and feeds the scorecards through selfcheckFacts', async () => {
    const trend = (await office.get('/api/selfcheck/trend')).json();
    expect(trend.points.length).toBe(2); // 立即检查 and the scheduled one, same day
    expect(trend.points[0].byIndicator.column_stale).toBe(1);
    expect(trend.indicators.map((i: { code: string }) => i.code)).toContain('dead_link');
    const facts = await selfcheckFacts(t.container.ctx, [agencyId, 'no-such-org'], {
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(facts[0]).toMatchObject({ orgId: agencyId, reports: 2, veto: 0, runOn: '2026-12-06' });
    expect(facts[0]!.byIndicator.column_stale).toBe(1);
    expect(facts[0]!.findings).toBe(facts[0]!.deduct + facts[0]!.hint);
    expect(facts[1]).toMatchObject({ latestReportId: null, reports: 0, findings: 0 });
    const before = await selfcheckFacts(t.container.ctx, [agencyId], {
      from: '2026-01-01',
      to: '2026-12-05',
    });
    expect(before[0]!.latestReportId).toBeNull();
  });
});
