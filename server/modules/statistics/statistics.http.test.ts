/**
 * Statistics over HTTP on the demo: scoping (own agency; a department cannot read a sibling's; the
 * supervisor reads the agencies below rolled up; system roles read nothing), CSV export, the public
 * 政务公开数据 page (charts as SVG + tables, no script needed), its downloads, and agreement with the
 * annual report's facts for the same year (requests received, by outcome; proactive publications).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { liveSources } from '../annual-report/report-sources.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import { publicStatistics } from './statistics.service.js';

type View = {
  agency: { id: string; name: string };
  rollup: boolean;
  agencyCount: number;
  summary: Record<string, number | null>;
  tables: { key: string; columns: { key: string }[]; rows: Record<string, string | number | null>[] }[];
  choices: { id: string; name: string }[];
};

const NOW = '2026-12-06T02:00:00Z';

describeEachDialect(
  'statistics over HTTP',
  (getDb) => {
    let t: TestApp;
    let office: Client, clerk: Client, jt: Client, supervisor: Client, auditor: Client;
    let yjj: string, jtj: string, gov: string;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: NOW });
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      jt = await signedIn(t.app, 'jt-office');
      supervisor = await signedIn(t.app, 'supervisor');
      auditor = await signedIn(t.app, 'auditor');
      const ctx = t.container.ctx;
      yjj = (await resolvePortalAgency(ctx, undefined, 'shili-yjj'))!.id;
      jtj = (await resolvePortalAgency(ctx, undefined, 'shili-jtj'))!.id;
      gov = (await resolvePortalAgency(ctx, undefined, 'shili-gov'))!.id;
    }, 600_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it("a department reads its own figures, never a sibling department's", async () => {
      const own = await office.get('/api/statistics?period=year&year=2026');
      expect(own.statusCode).toBe(200);
      const v = own.json<View>();
      expect(v.agency.id).toBe(yjj);
      expect(v.agencyCount).toBe(1);
      expect(v.summary.requestsReceived).toBeGreaterThan(0);
      expect(v.summary.published).toBeGreaterThan(0);
      expect(v.tables.find((x) => x.key === 'publications_by_month')!.rows).toHaveLength(12);
      expect(v.tables.some((x) => x.key === 'agencies')).toBe(false);
      expect(v.choices.map((c) => c.id)).not.toContain(jtj);
      // rollup asked by a non-supervisor: just its own agency
      const rolled = (await clerk.get('/api/statistics?rollup=true')).json<View>();
      expect(rolled).toMatchObject({ rollup: false, agencyCount: 1 });

      expect((await office.get(`/api/statistics?agency=${jtj}`)).statusCode).toBe(403);
      expect((await jt.get(`/api/statistics?agency=${yjj}`)).statusCode).toBe(403);
      expect((await office.get(`/api/statistics/csv/requests_by_channel?agency=${jtj}`)).statusCode).toBe(
        403,
      );
      expect((await jt.get('/api/statistics')).json<View>().agency.id).toBe(jtj);
      expect((await auditor.get('/api/statistics')).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/statistics' })).statusCode).toBe(401);
    });

    it('the supervisor rolls up the agencies below; the roll-up adds up the single agencies', async () => {
      const res = await supervisor.get('/api/statistics?period=year&year=2026&rollup=true');
      expect(res.statusCode).toBe(200);
      const v = res.json<View>();
      expect(v).toMatchObject({ rollup: true, agency: { id: gov } });
      expect(v.agencyCount).toBeGreaterThanOrEqual(3);
      const agencies = v.tables.find((x) => x.key === 'agencies')!;
      expect(agencies.rows.map((r) => r.agency)).toEqual(
        expect.arrayContaining(['示例市应急管理局', '示例市交通运输局']),
      );
      const singles = await Promise.all(
        v.choices.map(async (c) =>
          (await supervisor.get(`/api/statistics?year=2026&agency=${c.id}`)).json<View>(),
        ),
      );
      for (const key of [
        'published',
        'requestsReceived',
        'requestsAnswered',
        'interactionReceived',
        'decisions',
      ])
        expect(v.summary[key]).toBe(singles.reduce((s, x) => s + Number(x.summary[key]), 0));
      // the supervisor's view of a department equals the department's own
      const asOffice = (await office.get('/api/statistics?year=2026')).json<View>();
      expect(singles.find((s) => s.agency.id === yjj)!.summary).toEqual(asOffice.summary);
      // the supervisor cannot write anything here: there is nothing but GET
      expect((await supervisor.post('/api/statistics', {})).statusCode).toBe(405);
    });

    it('exports every table as CSV (BOM, stable keys) and refuses bad periods with a coded problem', async () => {
      const v = (await office.get('/api/statistics?year=2026')).json<View>();
      for (const table of v.tables) {
        const csv = await office.get(`/api/statistics/csv/${table.key}?year=2026`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        expect(csv.body.startsWith(`\uFEFF${table.columns.map((c) => c.key).join(',')}\r\n`)).toBe(true);
        expect(csv.body.trimEnd().split('\r\n')).toHaveLength(table.rows.length + 1);
      }
      const bad = await office.get('/api/statistics?period=custom&from=2026-05-01&to=2026-04-01');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ code: string }>().code).toBe('statistics.invalid_range');
      expect((await office.get('/api/statistics/csv/nope')).statusCode).toBe(400);
    });

    it('agrees with the annual report for the same year: received, answered by outcome, publications', async () => {
      const ctx = t.container.ctx;
      for (const year of [2025, 2026]) {
        const s = await publicStatistics(
          ctx,
          { id: yjj, name: '示例市应急管理局' },
          { period: 'year', year },
        );
        const requests = await liveSources.requests(ctx, yjj, year);
        const catalog = await liveSources.catalog(ctx, yjj, year);
        expect(s.summary.requestsReceived).toBe(requests.received);
        expect(s.summary.requestsAnswered).toBe(requests.answered);
        const byOutcome = s.tables.find((x) => x.key === 'requests_by_outcome')!;
        for (const row of byOutcome.rows)
          expect([year, row.table3_row, row.answered]).toEqual([
            year,
            row.table3_row,
            requests.table3[row.table3_row as keyof typeof requests.table3].total.count,
          ]);
        expect(s.summary.published).toBe(catalog.publishedTotal);
        const byColumn = s.tables.find((x) => x.key === 'publications_by_column')!;
        expect(Object.fromEntries(byColumn.rows.map((r) => [r.column, r.published]))).toEqual(
          Object.fromEntries(
            catalog.publishedByColumn.filter((c) => c.count > 0).map((c) => [c.name, c.count]),
          ),
        );
        const byChannel = s.tables.find((x) => x.key === 'publications_by_channel')!;
        for (const r of byChannel.rows)
          expect(r.delivered).toBe(catalog.publishedByChannel[String(r.channel)] ?? 0);
      }
    });

    it('the public page shows charts as tables without JavaScript, with CSV/JSON downloads', async () => {
      const page = await t.app.inject({ url: '/a/shili-yjj/tongji?period=year&year=2026' });
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('<h1>政务公开数据</h1>');
      // every chart is an aria-hidden SVG followed by its data table with a caption and header cells
      expect(html.match(/<div class="st-chart" aria-hidden="true"><svg/g)?.length).toBeGreaterThanOrEqual(8);
      // (tabindex="0": a table that may scroll sideways on a phone is reachable by keyboard)
      expect(html.match(/<table tabindex="0" class="st-table">/g)?.length).toBe(10);
      expect(html).toContain('<caption id="cap-requests_by_outcome">');
      expect(html).toContain('<th scope="col" class="n">收到申请数</th>');
      // the page works without its script: no inline script carries data, the form is a GET form
      expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>[^<]+<\/script>/);
      expect(html).toMatch(/<form class="st-filters" method="get" action="\/a\/shili-yjj\/tongji">/);
      // navigation links the page (additive entry)
      expect(html).toContain('href="/a/shili-yjj/tongji"');
      // no personal data
      expect(html).not.toMatch(/申请人\d|1101\*|身份证/);

      const json = await t.app.inject({ url: '/a/shili-yjj/tongji.json?period=year&year=2026' });
      expect(json.statusCode).toBe(200);
      const body = json.json<View>();
      expect(body.tables.map((x) => x.key)).not.toContain('agencies');
      expect(body.summary.requestsReceived).toBe(
        (await office.get('/api/statistics?year=2026')).json<View>().summary.requestsReceived,
      );
      const csv = await t.app.inject({
        url: '/a/shili-yjj/tongji/requests_by_outcome.csv?period=year&year=2026',
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.body.startsWith('\uFEFFtable3_row,outcome,answered\r\n')).toBe(true);
      expect((await t.app.inject({ url: '/a/shili-yjj/tongji/agencies.csv' })).statusCode).toBe(404);
      const api = await t.app.inject({
        url: '/api/public/statistics/shili-jtj?period=quarter&year=2026&quarter=4',
      });
      expect(api.statusCode).toBe(200);
      expect(api.json<View>().agency.name).toBe('示例市交通运输局');
      const bad = await t.app.inject({ url: '/tongji?period=custom&from=2026-05-01&to=2026-04-01' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('起始日期不能晚于截止日期');
    });
  },
  { seeded: true },
);
