/**
 * The demo agency is alive on any day (issue 15): seeded with the clock at several "todays", the
 * catalog dashboard shows exactly the one deliberately late item and the one deliberately stale column,
 * /reports lists last year's report, and no portal page linked from the site 404s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../test/http.js';
import type { Database } from '../../db/database.js';

const LATE_TITLE = '示例市某化工有限公司较大中毒窒息事故调查报告';
const STALE_COLUMN = '统计信息';

async function checkDemo(t: TestApp, today: string): Promise<void> {
  const office = await signedIn(t.app, 'office');
  const res = await office.get('/api/catalog/dashboard');
  expect(res.statusCode).toBe(200);
  const d = res.json<{
    today: string;
    lateItems: { title: string }[];
    staleColumns: { column: { name: string } }[];
    blankColumns: { name: string }[];
  }>();
  expect(d.today).toBe(today);
  expect(d.lateItems.map((i) => i.title)).toEqual([LATE_TITLE]);
  expect(d.staleColumns.map((c) => c.column.name)).toEqual([STALE_COLUMN]);
  expect(d.blankColumns.map((c) => c.name)).toEqual([]);
}

/** Last year's annual report is listed on /reports once it is due (published in January, on time). */
async function checkReports(t: TestApp, today: string): Promise<void> {
  const res = await t.app.inject({ url: '/reports' });
  expect(res.statusCode).toBe(200);
  const y = Number(today.slice(0, 4));
  // The report on year Y-1 is due by 31 January of Y; before it is published the list shows Y-2's.
  const expected = today.slice(5) >= '01-31' ? y - 1 : y - 2;
  expect(res.body).toContain(`${expected}年`);
}

/** Follows every same-site link from the home page and the pages it links to (two levels). */
async function crawl(t: TestApp): Promise<string[]> {
  const seen = new Set<string>(['/']);
  const broken: string[] = [];
  let frontier = ['/'];
  for (let depth = 0; depth < 2; depth++) {
    const next: string[] = [];
    for (const url of frontier) {
      const res = await t.app.inject({ url });
      if (res.statusCode >= 400) broken.push(`${url} → ${res.statusCode}`);
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
      for (const m of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
        const href = m[1]!.replace(/&amp;/g, '&');
        if (href.startsWith('/admin') || href.startsWith('/static') || href.startsWith('/prefs')) continue;
        if (seen.has(href) || seen.size > 400) continue;
        seen.add(href);
        next.push(href);
      }
    }
    frontier = next;
  }
  for (const url of frontier) {
    const res = await t.app.inject({ url });
    if (res.statusCode >= 400) broken.push(`${url} → ${res.statusCode}`);
  }
  return broken;
}

const TODAYS = ['2027-01-03', '2027-01-31', '2026-07-15', '2026-12-06'];

describe('demo alive on any today [sqlite]', () => {
  for (const today of TODAYS) {
    describe(today, () => {
      let database: Database;
      let t: TestApp;
      beforeAll(async () => {
        database = await createTestDatabase('sqlite');
        // 10:00 China time.
        t = await createTestApp(database, { seed: true, now: `${today}T02:00:00Z` });
      }, 180_000);
      afterAll(async () => {
        await t?.app.close();
        await database?.close();
      });
      it('the dashboard shows exactly the intended late item and stale column', () => checkDemo(t, today));
      it('/reports lists last year’s report', () => checkReports(t, today));
      it('no page linked from the portal 404s but the one the self-check must find', async () => {
        // The self-check demo (server/modules/selfcheck/demo.ts) plants exactly one dead link: a news item
        // linking to a withdrawn draft. Anything else that 404s is a real defect of the demo.
        const broken = await crawl(t);
        expect(broken).toHaveLength(1);
        expect(broken[0]).toMatch(/^\/a\/shili-yjj\/items\/[0-9a-f-]+ → 404$/);
        const id = broken[0]!.split(' ')[0]!.split('/').pop()!;
        const office = await signedIn(t.app, 'office');
        expect((await office.get(`/api/catalog/items/${id}`)).json<{ status: string }>().status).toBe(
          'withdrawn',
        );
      }, 120_000);
    });
  }
});

describe('demo alive [postgres]', () => {
  let database: Database;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    t = await createTestApp(database, { seed: true, now: '2026-12-06T02:00:00Z' });
  }, 180_000);
  afterAll(async () => {
    await t?.app.close();
    await database?.close();
  });
  it('the dashboard shows exactly the intended late item and stale column', () => checkDemo(t, '2026-12-06'));
});
