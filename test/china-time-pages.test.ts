/**
 * The pages at 01:11 China time (17:11 UTC the day before), on both engines: what a person sees and
 * exports is the China date, never the UTC date of the same instant. The process itself runs in UTC
 * here (CI's zone); test/timezones.test.ts runs the pure date suites under other zones.
 *
 * - an application made on the portal at that moment shows 提交日期 = the China date on /track;
 * - a 双公示 decision approved at that moment shows the same 公示日期 on its page, in the open-data CSV
 *   and JSON, and in the console API.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from './http.js';
import { captchaFactory } from '../server/modules/captcha/index.js';
import { idCardCheckChar } from '../server/platform/validation/id-card.js';

/** 01:11 on Monday 2 March 2026 in China; still Sunday 1 March in UTC. */
const NOW = '2026-03-01T17:11:00Z';
const CHINA_DAY = '2026-03-02';
const UTC_DAY = '2026-03-01';

const ID_BASE = '11010519491231002';
const VALID_ID = ID_BASE + idCardCheckChar(ID_BASE);

/** The text of the table cell after a row header. */
function cellAfter(html: string, header: string): string {
  const m = new RegExp(`<th[^>]*>${header}</th>\\s*<td[^>]*>([\\s\\S]*?)</td>`).exec(html);
  if (!m) throw new Error(`no row ${header}`);
  return m[1]!.replace(/<[^>]+>/g, '').trim();
}

describeEachDialect(
  'pages at 01:11 China time',
  (getDb) => {
    let t: TestApp;
    let clerk: Client, reviewer: Client, leader: Client;

    beforeAll(async () => {
      // The demo is seeded at this moment too (its dates are relative to today in China).
      t = await createTestApp(getDb(), { seed: false, now: NOW });
      clerk = await signedIn(t.app, 'clerk');
      reviewer = await signedIn(t.app, 'reviewer');
      leader = await signedIn(t.app, 'leader');
    }, 240_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it('an application made at 01:11 shows the China date as 提交日期 on /track', async () => {
      captchaFactory.create = () => ({
        text: 'AB3D',
        data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      });
      const form = await t.app.inject({ url: '/apply' });
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(form.body)![1]!;
      const ok = await t.app.inject({
        method: 'POST',
        url: '/apply',
        payload: {
          applicantType: 'natural',
          applicantName: '凌晨申请人',
          idDocType: 'resident_id',
          idNumber: VALID_ID,
          phone: '13800138000',
          description: '2026年示例市危险化学品企业名单',
          requestedForm: 'electronic',
          deliveryMethod: 'online',
          captchaId,
          captcha: 'AB3D',
        },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const [caseNumber, queryCode] = [...ok.body.matchAll(/class="req-code">([^<]+)</g)].map((m) => m[1]!);
      const tracked = await t.app.inject({
        method: 'POST',
        url: '/track',
        payload: { caseNumber, queryCode },
      });
      expect(tracked.statusCode).toBe(200);
      expect(cellAfter(tracked.body, '提交日期')).toBe(CHINA_DAY);
      expect(tracked.body).not.toContain(UTC_DAY);
    });

    it('a 双公示 decision approved at 01:11 has the China 公示日期 on its page, in the CSV and JSON, and in the API', async () => {
      const drafts = (await clerk.get('/api/enforcement/decisions?pageSize=100')).json<{
        items: { id: string; pubState: string; decisionNumber: string }[];
      }>();
      const draft = drafts.items.find((d) => d.pubState === 'draft');
      expect(draft, 'the demo holds a draft decision').toBeDefined();
      const id = draft!.id;
      for (const [who, action] of [
        [clerk, 'submit'],
        [reviewer, 'pass_review'],
        [leader, 'approve'],
      ] as const) {
        const r = await who.post(`/api/enforcement/decisions/${id}/transition`, { action });
        expect(r.statusCode, r.body).toBe(200);
      }

      const detail = (await clerk.get(`/api/enforcement/decisions/${id}`)).json<{ publishedAt: string }>();
      // The instant is stored as it is (UTC) …
      expect(detail.publishedAt.startsWith(UTC_DAY)).toBe(true);

      // … and every place a person reads it says the China date.
      const page = await t.app.inject({ url: `/shuanggongshi/${id}` });
      expect(page.statusCode).toBe(200);
      expect(cellAfter(page.body, '公示日期')).toBe(CHINA_DAY);

      const csv = await t.app.inject({ url: '/shuanggongshi/open-data.csv' });
      const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
      const header = lines[0]!.split(',');
      const at = header.indexOf('公示日期');
      const row = lines.find((l) => l.includes(draft!.decisionNumber));
      expect(row, 'the decision is in the CSV').toBeDefined();
      expect(row!.split(',')[at]).toBe(CHINA_DAY);

      const json = (await t.app.inject({ url: '/shuanggongshi/open-data.json' })).json<{
        decisions: { decisionNumber: string; publishedOn: string }[];
      }>();
      expect(json.decisions.find((d) => d.decisionNumber === draft!.decisionNumber)?.publishedOn).toBe(
        CHINA_DAY,
      );
    });
  },
  { seeded: true },
);
