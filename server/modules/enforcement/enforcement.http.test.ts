import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { IMPORT_COLUMNS } from './import.columns.js';
import { sampleCreditCode } from './sample-credit-codes.js';
import { enforcementDemoDecisions } from './enforcement.demo.js';

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const CODE = sampleCreditCode(777);
const TODAY = '2026-03-02';
/** The demo register as seeded on TODAY (dates relative to today, 文号 by the decision's year). */
const DEMO = enforcementDemoDecisions(TODAY);
const demoNumber = (pick: (d: (typeof DEMO)[number]) => boolean) => DEMO.find(pick)!.decisionNumber;

function multipart(fileName: string, content: string): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDialect(
  'enforcement over HTTP',
  (getDb) => {
    let t: TestApp;
    let clerk: Client, reviewer: Client, leader: Client, auditor: Client;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: `${TODAY}T02:00:00Z` });
      clerk = await signedIn(t.app, 'clerk');
      reviewer = await signedIn(t.app, 'reviewer');
      leader = await signedIn(t.app, 'leader');
      auditor = await signedIn(t.app, 'auditor');
      // the full demo seed runs every module's workflow: slow on PostgreSQL under load
    }, 240_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it('serves the demo register on the portal with masked natural persons', async () => {
      const list = await t.app.inject({ url: '/shuanggongshi' });
      expect(list.statusCode).toBe(200);
      const naturalPerson = demoNumber((d) => d.counterpartyType === 'natural_person');
      expect(naturalPerson).toMatch(/^示应急罚〔2025〕\d+号$/); // 125 days before 2 March 2026
      expect(list.body).toContain(naturalPerson);
      expect(list.body).toContain('张**');
      expect(list.body).not.toContain('张建华');
      expect(list.body).not.toContain(demoNumber((d) => d.publish === 'draft'));
      const published = DEMO.filter((d) => d.publish === 'published');
      expect(list.body).toContain(`共 <strong>${published.length}</strong> 条公示信息`);
      const byAgency = await t.app.inject({ url: '/a/shili-yjj/shuanggongshi?kind=license' });
      expect(byAgency.body).toContain(demoNumber((d) => d.kind === 'license' && d.publish === 'published'));
      expect(byAgency.body).not.toContain(demoNumber((d) => d.kind === 'penalty'));
      const home = await t.app.inject({ url: '/' });
      expect(home.body).toContain('双公示');
      for (const url of ['/shigu', '/guapai']) {
        const r = await t.app.inject({ url });
        expect(r.statusCode).toBe(200);
        expect(r.body).toMatch(/调查报告|重大事故隐患/);
      }
    });

    it('imports a CSV upload, then review and approval publish it; the portal finds it by word and by code', async () => {
      const rows = [
        HEADERS,
        HEADERS.map(
          (h) =>
            ({
              决定类别: '行政处罚',
              决定文号: '示应急罚〔2026〕301号',
              决定日期: '2026-02-26',
              相对人类别: '法人及非法人组织',
              相对人名称: '示例市瑞丰化工有限公司',
              统一社会信用代码: CODE,
              决定依据: '《中华人民共和国安全生产法》第一百零二条',
              决定内容: '未建立事故隐患排查治理制度，罚款人民币三万元',
              '罚款金额（元）': '30000',
            })[h] ?? '',
        ),
        HEADERS.map(
          (h) =>
            ({ 决定类别: '行政处罚', 决定文号: '示应急罚〔2026〕302号', 决定日期: '2099-01-01' })[h] ?? '',
        ),
      ];
      const { body, headers } = multipart('导入.csv', rows.map((r) => r.join(',')).join('\n'));
      const up = await clerk.request('POST', '/api/enforcement/imports?mode=valid', body, headers);
      expect(up.statusCode).toBe(202);
      const jobId = up.json().id as string;
      let job;
      for (let i = 0; i < 200; i++) {
        job = (await clerk.get(`/api/enforcement/imports/${jobId}`)).json();
        if (job.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(job).toMatchObject({ status: 'succeeded', insertedRows: 1, errorRows: 1 });

      const report = await clerk.get(`/api/enforcement/imports/${jobId}/errors.xlsx`);
      expect(report.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(report.rawPayload as never);
      const sheet = wb.getWorksheet('错误报告')!;
      const reportRows = sheet.getSheetValues().slice(2) as unknown[][];
      expect(new Set(reportRows.map((r) => r[1]))).toEqual(new Set([3]));

      const list = (await clerk.get('/api/enforcement/decisions?q=瑞丰')).json();
      expect(list.total).toBe(1);
      const id = list.items[0].id as string;
      const submit = await clerk.post(`/api/enforcement/decisions/${id}/transition`, { action: 'submit' });
      expect(submit.json().pubState).toBe('review');
      const forbidden = await clerk.post(`/api/enforcement/decisions/${id}/transition`, {
        action: 'pass_review',
      });
      expect(forbidden.statusCode).toBe(403);
      const queue = (await reviewer.get('/api/enforcement/decisions?queue=true')).json();
      expect(queue.items.map((d: { id: string }) => d.id)).toContain(id);
      expect(
        (await reviewer.post(`/api/enforcement/decisions/${id}/transition`, { action: 'pass_review' }))
          .statusCode,
      ).toBe(200);
      expect(
        (await leader.post(`/api/enforcement/decisions/${id}/transition`, { action: 'approve' })).json()
          .pubState,
      ).toBe('published');

      const byWord = await t.app.inject({ url: `/shuanggongshi?name=${encodeURIComponent('瑞丰')}` });
      expect(byWord.body).toContain('示应急罚〔2026〕301号');
      expect(byWord.body).toContain('查询到 <strong>1</strong>');
      const byCode = await t.app.inject({ url: `/shuanggongshi?code=${CODE}` });
      expect(byCode.body).toContain('示应急罚〔2026〕301号');
      const badCode = await t.app.inject({ url: `/shuanggongshi?code=123` });
      expect(badCode.body).toContain('统一社会信用代码不正确');
      const detail = await t.app.inject({ url: `/shuanggongshi/${id}` });
      expect(detail.body).toContain('30,000.00');
      const ent = await t.app.inject({ url: `/shuanggongshi/enterprise/${CODE}` });
      expect(ent.statusCode).toBe(200);
      expect(ent.body).toContain('示例市瑞丰化工有限公司');
    });

    it('exports open data as CSV and JSON without natural persons’ names', async () => {
      const csv = await t.app.inject({ url: '/shuanggongshi/open-data.csv' });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.split('\n')[0]).toContain('决定文号');
      expect(csv.body).toContain('张**');
      expect(csv.body).not.toContain('张建华');
      const json = await t.app.inject({ url: '/shuanggongshi/open-data.json?kind=penalty' });
      const data = json.json<{ decisions: { kind: string; counterpartyName: string }[] }>();
      expect(data.decisions.length).toBeGreaterThan(0);
      expect(data.decisions.every((d) => d.kind === 'penalty')).toBe(true);
    });

    it('open-data CSV cells that a spreadsheet would run as formulas are prefixed with an apostrophe', async () => {
      const created = await clerk.post('/api/enforcement/decisions', {
        kind: 'penalty',
        decisionNumber: '示应急罚〔2026〕401号',
        decisionDate: '2026-02-27',
        counterpartyType: 'legal_person',
        counterpartyName: '@示例市公式测试有限公司',
        creditCode: sampleCreditCode(778),
        legalBasis: '《中华人民共和国安全生产法》第一百零二条',
        content: '=HYPERLINK("http://example.invalid","点此查看")',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      await clerk.post(`/api/enforcement/decisions/${id}/transition`, { action: 'submit' });
      await reviewer.post(`/api/enforcement/decisions/${id}/transition`, { action: 'pass_review' });
      await leader.post(`/api/enforcement/decisions/${id}/transition`, { action: 'approve' });
      const csv = (await t.app.inject({ url: '/shuanggongshi/open-data.csv' })).body;
      const line = csv.split('\n').find((l) => l.includes('示应急罚〔2026〕401号'))!;
      expect(line).toContain(`'@示例市公式测试有限公司`);
      expect(line).toContain(`"'=HYPERLINK(""http://example.invalid""`);
      expect(line).not.toMatch(/,=|,@|,"=/);
    });

    it('refuses business data to the 三员 and validation errors come back as problem+json in Chinese', async () => {
      expect((await auditor.get('/api/enforcement/decisions')).statusCode).toBe(403);
      const bad = await clerk.post('/api/enforcement/decisions', {
        kind: 'penalty',
        decisionNumber: '示应急罚〔2026〕999号',
        decisionDate: '2026-03-09',
        counterpartyType: 'legal_person',
        counterpartyName: '示例市某公司',
        creditCode: CODE,
        legalBasis: '依据',
        content: '内容',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'future_decision_date', field: 'decisionDate' });
      expect(bad.json().detail).toContain('晚于今天');
      const tpl = await clerk.get('/api/enforcement/imports/template.xlsx');
      expect(tpl.statusCode).toBe(200);
      const facts = (await clerk.get('/api/enforcement/report-facts?year=2025')).json();
      expect(facts.kinds.penalty.decisions.count).toBe(
        DEMO.filter((d) => d.kind === 'penalty' && d.decisionDate.startsWith('2025')).length,
      );
      expect(facts.kinds.license.items).toBe(2);
    });
  },
  { seeded: true },
);
