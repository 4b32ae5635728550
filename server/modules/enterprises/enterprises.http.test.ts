import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { Client, createTestApp, signedIn, type TestApp } from '../../../test/http.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo.seed.js';
import { calendarModule } from '../calendar/calendar.module.js';
import { enforcementModule } from '../enforcement/enforcement.module.js';
import { enterprisesModule } from './enterprises.module.js';
import { sampleCreditCode } from '../enforcement/sample-credit-codes.js';
import { COLUMNS } from './enterprises.import.js';
import { encodeGbk } from './gbk.testing.js';
import { createAccount } from './accounts.service.js';
import { systemActor } from '../../platform/actor.js';

const HEAD = COLUMNS.map((c) => c.header).join(',');
const row = (code: string, name: string, region = '370303', industry = '2614') =>
  [
    code,
    name,
    '',
    '王某',
    '示例市张店区1号',
    '',
    region,
    industry,
    '危险化学品生产',
    '中型',
    '张店区应急管理局',
    '',
    '',
    '',
    '安全生产许可证',
    'WH-001',
    '危险化学品生产',
    '2025-01-01',
    '2026-04-30',
    '',
  ].join(',');

function multipart(fileName: string, content: string | Buffer) {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    typeof content === 'string' ? Buffer.from(content) : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const enterpriseBody = (code: string, over: Record<string, unknown> = {}) => ({
  creditCode: code,
  name: '示例市测试新材料有限公司',
  legalRepresentative: '王某',
  registeredAddress: '示例市张店区1号',
  regionCode: '370303',
  industryCode: '2614',
  category: 'hazchem_production',
  scale: 'small',
  supervisingUnit: '张店区应急管理局',
  contactMobile: '13800000000',
  ...over,
});

const hazard = (over: Record<string, unknown> = {}) => ({
  reportedOn: '2026-03-02',
  place: '甲类仓库',
  description: '超量储存',
  level: 'major',
  measures: '清理',
  responsiblePerson: '王某',
  deadline: '2026-04-01',
  fundsYuan: 1000,
  ...over,
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
function pngUpload() {
  const boundary = '----gkimg';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A valid body for each write route of the matrix, so the answer is about access, not validation. */
function validBody(url: string): unknown {
  const path = url.split('?')[0]!;
  if (path.endsWith('/accounts')) return { enterpriseId: 'x1', username: 'abcde', displayName: '某' };
  if (path.endsWith('/decision') && path.includes('/listings/')) return { decisionNumber: '某〔2026〕1号' };
  if (path.endsWith('/decision')) return { approve: true };
  if (path.endsWith('/notices')) return { title: '通知', body: '内容' };
  if (path.endsWith('/escalate')) return {};
  if (path.endsWith('/inspectors')) return { name: '某', certNo: '12345678' };
  if (path.endsWith('/plans')) return { year: 2026, title: '计划', content: '内容' };
  if (path === '/api/inspections')
    return {
      enterpriseId: 'x1',
      inspectedOn: '2026-03-01',
      inspectorIds: ['a', 'b'],
      itemsChecked: '事项',
      findings: '情况',
      hazardsFound: 0,
      result: 'compliant',
    };
  if (path === '/api/credit/rules') return { rules: [{ grade: 'B', fact: 'penalties', min: 1, months: 12 }] };
  if (path === '/api/credit/listings') return { enterpriseId: 'x1', criterion: 'no_licence', facts: '事实' };
  if (path.endsWith('/statement')) return { statement: '陈述' };
  if (path === '/api/enterprises' || /^\/api\/enterprises\/[^/]+$/.test(path))
    return enterpriseBody(sampleCreditCode(99999));
  if (path === '/api/enterprise/change-requests')
    return { changes: { ...enterpriseBody('x'), creditCode: undefined }, reason: '变更' };
  if (path === '/api/enterprise/hazards') return hazard();
  if (path.endsWith('/rectify')) return { rectifiedOn: '2026-03-02', note: '已整改' };
  if (path === '/api/enterprise/monthly-reports') return { month: '2026-02', noHazards: true, summary: '' };
  return {};
}

async function call(c: Client, method: string, url: string) {
  if (url.includes('/files?')) {
    const m = pngUpload();
    return c.request('POST', url, m.body, m.headers);
  }
  return c.request(method as 'GET', url, method === 'GET' ? undefined : validBody(url));
}

describeEachDialect('enterprises over HTTP', (getDb) => {
  let t: TestApp;
  let clerk: Client, office: Client, qiye: Client, other: Client, reviewer: Client, leader: Client;
  let otherHazardId = '';

  beforeAll(async () => {
    // Only the modules this one builds on (other modules' demo content is theirs to keep working).
    t = await createTestApp(getDb(), { seed: false, now: '2026-03-02T02:00:00Z' });
    await seedDemo(
      t.container.ctx,
      [calendarModule, enforcementModule, enterprisesModule].flatMap((m) => (m.demo ? [m.demo] : [])),
    );
    clerk = await signedIn(t.app, 'clerk');
    office = await signedIn(t.app, 'office');
    reviewer = await signedIn(t.app, 'reviewer');
    leader = await signedIn(t.app, 'leader');
    qiye = await signedIn(t.app, 'qiye');
    // A second enterprise account with a hazard of its own.
    const list = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('鑫达'))).json();
    const created = await office.post('/api/enterprises/accounts', {
      enterpriseId: list.items[0].id,
      username: 'xinda0',
      displayName: '鑫达安全员',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().initialPassword).toMatch(/.{8,}/);
    const agency = list.items[0];
    const orgId = (
      await t.container.ctx.db
        .selectFrom('ent_enterprises')
        .select('org_id')
        .where('id', '=', agency.id)
        .executeTakeFirstOrThrow()
    ).org_id;
    await createAccount(t.container.ctx, systemActor('测试', orgId), {
      enterpriseId: agency.id,
      username: 'xinda',
      displayName: '鑫达安全员',
      password: 'Safe@2026pw!',
      mustChangePassword: false,
    });
    other = await signedInWith(t, 'xinda', 'Safe@2026pw!');
    const h = await other.post('/api/enterprise/hazards', hazard({ level: 'general' }));
    expect(h.statusCode).toBe(201);
    otherHazardId = h.json().id;
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('finds an enterprise by all the words of its name, and nothing when one word is in no name', async () => {
    const all = (await clerk.get('/api/enterprises?pageSize=100')).json().items as {
      id: string;
      name: string;
    }[];
    expect(all.length).toBeGreaterThan(2);
    for (const e of all) {
      const byName = (await clerk.get('/api/enterprises?q=' + encodeURIComponent(e.name))).json();
      expect(byName.items.map((i: { id: string }) => i.id)).toContain(e.id);
      const withStranger = await clerk.get('/api/enterprises?q=' + encodeURIComponent(`${e.name} 鬯彧夔龘`));
      expect(withStranger.json()).toMatchObject({ items: [], total: 0 });
    }
  });

  it('seeds the demo registry with links, a listing and a draw', async () => {
    const r = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('恒安'))).json();
    expect(r.items).toHaveLength(1);
    const d = (await clerk.get(`/api/enterprises/${r.items[0].id}`)).json();
    expect(d.links.decisions.length).toBeGreaterThan(0);
    expect(d.links.supervisedHazards.length).toBeGreaterThan(0);
    expect(d.hazardReports.some((h: { status: string }) => h.status === 'escalated')).toBe(true);
    expect((await clerk.get('/api/credit/listings')).json().items[0].status).toBe('listed');
    const draws = (await clerk.get('/api/inspections/draws')).json().items;
    expect(draws).toHaveLength(1);
    expect((await t.app.inject({ url: `/api/inspections/draws/${draws[0].id}/verify` })).json().matches).toBe(
      true,
    );
    // The annual report reads the same facts through its live sources (report-sources.ts).
    const { liveSources } = await import('../annual-report/report-sources.js');
    const orgId = (
      await t.container.ctx.db
        .selectFrom('ent_enterprises')
        .select('org_id')
        .where('id', '=', r.items[0].id)
        .executeTakeFirstOrThrow()
    ).org_id;
    const facts = await liveSources.enterprises!(t.container.ctx, orgId, 2026);
    const stats = (await clerk.get('/api/enterprises/stats?year=2026')).json();
    expect(facts).toEqual({
      inspections: stats.inspections,
      hazards: {
        found: stats.hazardsSelfReported + stats.hazardsFoundByInspections,
        rectified: stats.hazardsRectified,
      },
      creditListings: stats.listingsDecided,
    });
    expect(facts.inspections).toBeGreaterThan(0);
    expect(facts.creditListings).toBe(1);
  });

  it('refuses bad credit, region and industry codes and duplicates, saving nothing', async () => {
    const before = (await clerk.get('/api/enterprises?region=370303')).json().total;
    const bad = await clerk.post('/api/enterprises', enterpriseBody('91370303MA3C00001X'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_credit_code');
    const region = await clerk.post(
      '/api/enterprises',
      enterpriseBody(sampleCreditCode(90001), { regionCode: '379999' }),
    );
    expect(region.json()).toMatchObject({ code: 'invalid_region_code' });
    expect(region.json().detail).toContain('GB/T 2260');
    const industry = await clerk.post(
      '/api/enterprises',
      enterpriseBody(sampleCreditCode(90001), { industryCode: '9999' }),
    );
    expect(industry.json()).toMatchObject({ code: 'invalid_industry_code' });
    const dup = await clerk.post('/api/enterprises', enterpriseBody(sampleCreditCode(1000)));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_enterprise');
    expect((await clerk.get('/api/enterprises?region=370303')).json().total).toBe(before);
    const ok = await clerk.post('/api/enterprises', enterpriseBody(sampleCreditCode(90001)));
    expect(ok.statusCode).toBe(201);
  });

  it('imports CSV in both modes, idempotent on the credit code, with a Chinese error report', async () => {
    const good1 = row(sampleCreditCode(91001), '示例市甲乙化工有限公司');
    const good2 = row(sampleCreditCode(91002), '示例市丙丁化工有限公司', '370305', 'C2662');
    const badRow = row('123', '示例市坏数据有限公司', '379999');
    const dupRow = row(sampleCreditCode(91001), '示例市甲乙化工有限公司重复');
    const file = `${HEAD}\r\n${good1}\r\n${badRow}\r\n${good2}\r\n${dupRow}\r\n`;
    const run = async (mode: string, content: string) => {
      const m = multipart('企业.csv', content);
      const res = await clerk.request('POST', `/api/enterprises/imports?mode=${mode}`, m.body, m.headers);
      expect(res.statusCode).toBe(202);
      for (let i = 0; i < 200; i++) {
        const j = (await clerk.get(`/api/enterprises/imports/${res.json().id}`)).json();
        if (j.status !== 'running') return j;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('import did not finish');
    };
    const all = await run('all', file);
    expect(all.status).toBe('rejected');
    expect(all.errorRows).toBe(2);
    expect(all.totalRows).toBe(4);
    expect((await clerk.get('/api/enterprises?q=' + encodeURIComponent('甲乙'))).json().total).toBe(0);
    const report = await clerk.get(`/api/enterprises/imports/${all.id}/errors.csv`);
    expect(report.body).toContain('统一社会信用代码应为18位');
    expect(report.body).toContain('与第2行重复');
    expect(report.body).toContain('GB/T 2260');
    const valid = await run('valid', file);
    expect(valid).toMatchObject({ status: 'succeeded', insertedRows: 2, errorRows: 2 });
    const again = await run('valid', `${HEAD}\r\n${good1}\r\n${good2}\r\n`);
    expect(again).toMatchObject({ status: 'succeeded', insertedRows: 0, updatedRows: 0, unchangedRows: 2 });
    const changed = await run(
      'valid',
      `${HEAD}\r\n${row(sampleCreditCode(91001), '示例市甲乙新材料有限公司')}\r\n`,
    );
    expect(changed).toMatchObject({ insertedRows: 0, updatedRows: 1 });
    const found = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('甲乙'))).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0].formerNames).toEqual([]);
    expect(
      (await clerk.get('/api/enterprises?q=' + encodeURIComponent('新材料') + '&region=370303')).json().items
        .length,
    ).toBeGreaterThan(0);
    const template = await clerk.get('/api/enterprises/imports/template.csv');
    expect(template.body).toContain('统一社会信用代码*');
  });

  it('finds a credit code repeated in a later staging batch of a large file, and replaces a changed licence', async () => {
    const run = async (content: string) => {
      const m = multipart('企业名录.csv', content);
      const res = await clerk.request('POST', '/api/enterprises/imports?mode=valid', m.body, m.headers);
      expect(res.statusCode).toBe(202);
      for (let i = 0; i < 400; i++) {
        const j = (await clerk.get(`/api/enterprises/imports/${res.json().id}`)).json();
        if (j.status !== 'running') return j;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('import did not finish');
    };
    // 1,200 rows (more than one staging batch on either engine); row 1,202 repeats row 2's code.
    const rows = Array.from({ length: 1200 }, (_, i) =>
      row(sampleCreditCode(93000 + i), `示例市批量${i}化工有限公司`),
    );
    rows.push(row(sampleCreditCode(93000), '示例市批量重复化工有限公司'));
    const first = await run(`${HEAD}\r\n${rows.join('\r\n')}\r\n`);
    expect(first).toMatchObject({ status: 'succeeded', insertedRows: 1200, errorRows: 1 });
    const report = await clerk.get(`/api/enterprises/imports/${first.id}/errors.csv`);
    expect(report.body).toContain('1202,统一社会信用代码');
    expect(report.body).toContain('与第2行重复');
    // The same file again with one licence changed: one update, its licence replaced, nothing else touched.
    rows[5] = rows[5]!.replace('WH-001', 'WH-777');
    const again = await run(`${HEAD}\r\n${rows.join('\r\n')}\r\n`);
    expect(again).toMatchObject({
      status: 'succeeded',
      insertedRows: 0,
      updatedRows: 1,
      unchangedRows: 1199,
    });
    const [ent] = (await clerk.get(`/api/enterprises?creditCode=${sampleCreditCode(93005)}`)).json().items;
    const detail = (await clerk.get(`/api/enterprises/${ent.id}`)).json();
    expect(detail.licences.map((l: { number: string }) => l.number)).toEqual(['WH-777']);
  });

  it('imports what Excel, WPS and LibreOffice save (GBK CSV, merged title and group headers) with an .xlsx error report', async () => {
    const run = async (fileName: string, content: Buffer) => {
      const m = multipart(fileName, content);
      const res = await clerk.request('POST', '/api/enterprises/imports?mode=valid', m.body, m.headers);
      expect(res.statusCode).toBe(202);
      for (let i = 0; i < 200; i++) {
        const j = (await clerk.get(`/api/enterprises/imports/${res.json().id}`)).json();
        if (j.status !== 'running') return j;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('import did not finish');
    };
    // GBK with CRLF and LF mixed, as a row appended in another editor leaves it.
    const gbk = encodeGbk(
      `${HEAD}\r\n${row(sampleCreditCode(92001), '示例市戊己化工有限公司')}\n${row('9137', '示例市坏代码有限公司')}\r\n`,
    );
    const g = await run('企业GBK.csv', gbk);
    expect(g).toMatchObject({ status: 'succeeded', insertedRows: 1, errorRows: 1 });
    expect((await clerk.get('/api/enterprises?q=' + encodeURIComponent('戊己'))).json().total).toBe(1);

    // .xlsx with a merged title row and a two-row header ("许可证" merged over its short sub-headers).
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    const licence = ['许可证种类', '许可证编号', '许可范围', '有效期起', '有效期止', '发证机关'];
    const base = COLUMNS.map((c) => c.header).filter((h) => !licence.includes(h));
    ws.addRow(['示例市监管企业名录（2026年）']);
    ws.mergeCells(1, 1, 1, COLUMNS.length);
    ws.addRow([...base.map((h, i) => (i === 0 ? h + '*' : h)), '许可证']);
    ws.addRow([...base.map(() => null), '种类', '编号', '许可范围', '有效期起', '有效期止', '发证机关']);
    base.forEach((_, i) => ws.mergeCells(2, i + 1, 3, i + 1));
    ws.mergeCells(2, base.length + 1, 2, COLUMNS.length);
    const cells = (code: string, name: string) => row(code, name).split(',');
    ws.addRow(cells(sampleCreditCode(92002), '示例市庚辛化工有限公司'));
    ws.addRow(
      cells(sampleCreditCode(92003), '示例市壬癸化工有限公司').map((v, i) => (i === 6 ? '379999' : v)),
    );
    const x = await run('企业.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(x).toMatchObject({ status: 'succeeded', insertedRows: 1, errorRows: 1 });
    const lic = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('庚辛'))).json().items[0];
    const detail = (await clerk.get(`/api/enterprises/${lic.id}`)).json();
    expect(detail.licences[0]).toMatchObject({ kind: '安全生产许可证', number: 'WH-001' });

    const report = await clerk.get(`/api/enterprises/imports/${x.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = read.getWorksheet('错误报告')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '错误原因']);
    expect(sheet.getRow(2).getCell(1).value).toBe(5);
    expect(sheet.getRow(2).getCell(2).value).toBe('行政区划代码');
    expect(sheet.getRow(2).getCell(3).text).toContain('GB/T 2260');
    expect(read.getWorksheet('导入结果')!.getRow(3).getCell(2).text).toContain('1行有错误');
  });

  it('lets the enterprise self-report; refuses a deadline before the report date, saving nothing', async () => {
    const before = (await qiye.get('/api/enterprise/hazards')).json().items.length;
    const bad = await qiye.post('/api/enterprise/hazards', hazard({ deadline: '2026-03-01' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_deadline', detail: '整改期限不能早于报告日期' });
    expect((await qiye.get('/api/enterprise/hazards')).json().items.length).toBe(before);
    const ok = await qiye.post('/api/enterprise/hazards', hazard());
    expect(ok.statusCode).toBe(201);
    const up = pngUpload();
    const photo = await qiye.request(
      'POST',
      `/api/enterprise/hazards/${ok.json().id}/files?kind=photo`,
      up.body,
      up.headers,
    );
    expect(photo.statusCode).toBe(201);
    const esc = await clerk.post(`/api/enterprises/hazard-reports/${ok.json().id}/escalate`, {});
    expect(esc.statusCode).toBe(201);
    const again = await clerk.post(`/api/enterprises/hazard-reports/${ok.json().id}/escalate`, {});
    expect(again.statusCode).toBe(409);
    const h = (await clerk.get(`/api/enforcement/hazards/${esc.json().supervisedHazardId}`)).json();
    expect(h.creditCode).toBe(sampleCreditCode(1000));
    const monthly = await qiye.post('/api/enterprise/monthly-reports', {
      month: '2026-03',
      noHazards: true,
      summary: '',
    });
    expect(monthly.json().code).toBe('hazards_reported');
  });

  it('re-runs a draw from its record; a second draw of a batch needs a reason and is audited', async () => {
    const plan = (await clerk.get('/api/inspections/plans')).json().items[0];
    const first = await clerk.post(`/api/inspections/plans/${plan.id}/draws`, {
      batch: '测试批',
      categories: ['hazchem_production'],
      regions: ['3703'],
      enterpriseCount: 3,
      inspectorsPerEnterprise: 2,
    });
    expect(first.statusCode).toBe(201);
    const verify = (await t.app.inject({ url: `/api/inspections/draws/${first.json().id}/verify` })).json();
    expect(verify.matches).toBe(true);
    expect(verify.result).toEqual(first.json().result);
    const silent = await clerk.post(`/api/inspections/plans/${plan.id}/draws`, {
      batch: '测试批',
      categories: ['hazchem_production'],
      regions: ['3703'],
      enterpriseCount: 3,
      inspectorsPerEnterprise: 2,
    });
    expect(silent.statusCode).toBe(409);
    expect(silent.json().code).toBe('redraw_reason_required');
    const redraw = await clerk.post(`/api/inspections/plans/${plan.id}/draws`, {
      batch: '测试批',
      categories: ['hazchem_production'],
      regions: ['3703'],
      enterpriseCount: 3,
      inspectorsPerEnterprise: 2,
      reason: '抽中企业已停产',
    });
    expect(redraw.json().seq).toBe(2);
    const audit = await t.container.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_id', '=', redraw.json().id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('enterprises.draw.redraw');
    expect(audit[0]!.summary).toContain('抽中企业已停产');
  });

  it('publishes inspection results and a penalty; the public page shows them with the rating and reasons', async () => {
    const list = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('恒安'))).json().items[0];
    const inspectors = (await clerk.get('/api/inspections/inspectors')).json().items;
    const ins = await clerk.post('/api/inspections', {
      enterpriseId: list.id,
      inspectedOn: '2026-03-01',
      inspectorIds: [inspectors[0].id, inspectors[1].id],
      itemsChecked: '重大危险源管控',
      findings: '甲类仓库超量储存',
      hazardsFound: 1,
      result: 'penalty',
      penaltyDecisionNumber: '示应急罚〔2026〕9号',
    });
    expect(ins.statusCode).toBe(201);
    expect(ins.json().publishDue > '2026-03-01').toBe(true);
    expect((await clerk.post(`/api/inspections/${ins.json().id}/publish`, {})).statusCode).toBe(200);
    const page = await t.app.inject({ url: `/qiye/${sampleCreditCode(1000)}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('安全生产信用评级');
    expect(page.body).toContain('甲类仓库超量储存');
    expect(page.body).toContain('挂牌督办');
    expect(page.body).not.toContain('王建国');
    expect(page.body).not.toContain('1380533');
    const me = (await qiye.get('/api/enterprise/me')).json();
    for (const r of me.credit.reasons) expect(page.body).toContain(r);
    const search = await t.app.inject({ url: `/qiye?q=${encodeURIComponent('恒安')}` });
    expect(search.body).toContain('示例市恒安化工有限公司');
    const csv = await t.app.inject({ url: '/qiye/open-data.csv' });
    expect(csv.body).toContain('统一社会信用代码');
    expect(csv.body).not.toContain('王建国');
    const shixin = await t.app.inject({ url: '/qiye/shixin' });
    expect(shixin.body).toContain('示应急失信');
    void reviewer;
    void leader;
  });

  it('keeps the 令第11号 periods: decision after the statement window, 信用修复 after 12 full months with every condition, 恢复列入, expiry', async () => {
    const ent = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('鑫达'))).json().items[0];
    const notice = await clerk.post('/api/credit/listings', {
      enterpriseId: ent.id,
      criterion: 'no_licence',
      facts: '未取得安全生产许可证擅自生产，情节严重',
    });
    expect(notice.statusCode).toBe(201);
    const id = notice.json().id;
    const decide = (c: Client) =>
      c.post(`/api/credit/listings/${id}/decision`, { decisionNumber: '示应急失信〔2026〕9号' });
    expect((await decide(clerk)).json().code).toBe('statement_window_open');
    const at = async (date: string) => {
      t.clock.set(`${date}T02:00:00Z`);
      return signedIn(t.app, 'clerk');
    };
    const shixin = async (tag: string) => (await t.app.inject({ url: `/qiye/shixin?at=${tag}` })).body;
    try {
      let c = await at('2026-03-20');
      const decided = await decide(c);
      expect(decided.statusCode).toBe(200);
      expect(decided.json()).toMatchObject({
        status: 'listed',
        decidedOn: '2026-03-20',
        listUntil: '2029-03-20',
        repairFrom: '2027-03-21',
      });
      const page = (await t.app.inject({ url: `/qiye/${ent.creditCode}?at=1` })).body;
      expect(page).toContain('管理期2026-03-20至2029-03-20');
      expect(page).toContain('2027-03-21');
      expect(page).toContain('正在安全生产严重失信主体名单管理期内（至2029-03-20）');
      expect(await shixin('a')).toContain(ent.name);
      const all = ['obligations_fulfilled', 'harm_removed', 'no_new_serious_acts'];
      const repair = (cl: Client, conditions: string[]) =>
        cl.post(`/api/credit/listings/${id}/end`, { kind: 'repair', reason: '已整改并缴纳罚款', conditions });
      c = await at('2027-03-20');
      const tooEarly = await repair(c, all);
      expect(tooEarly.statusCode).toBe(409);
      expect(tooEarly.json()).toMatchObject({ code: 'repair_too_early' });
      expect(tooEarly.json().detail).toContain('2027-03-21起');
      c = await at('2027-03-21');
      const missing = await repair(c, all.slice(0, 2));
      expect(missing.json()).toMatchObject({
        code: 'repair_not_allowed',
        detail: '信用修复须确认：列入后未再发生严重失信行为',
      });
      expect((await repair(c, all)).json()).toMatchObject({ status: 'removed', removalKind: 'repair' });
      expect(await shixin('b')).not.toContain(ent.name);
      const restored = await c.post(`/api/credit/listings/${id}/restore`, { reason: '发现修复材料弄虚作假' });
      expect(restored.json()).toMatchObject({ status: 'listed', listUntil: '2029-03-20', removedOn: null });
      expect(await shixin('c')).toContain(ent.name);
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'enterprises.listing.notice',
        'enterprises.listing.decide',
        'enterprises.listing.repair',
        'enterprises.listing.restore',
      ]);
      // The day after the last day: neither published nor counted, before any removal is recorded.
      await at('2029-03-21');
      expect(await shixin('d')).not.toContain(ent.name);
      const after = (await t.app.inject({ url: `/qiye/${ent.creditCode}?at=2` })).body;
      expect(after).not.toContain('严重失信主体名单管理期内');
    } finally {
      t.clock.set('2026-03-02T02:00:00Z');
    }
  });

  it('shows the form, keeps the values with a clear error, and files a pending application', async () => {
    const form = await t.app.inject({ url: '/qiye/zhuce' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="reg-creditCode">');
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/qiye/zhuce',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    const fields = {
      creditCode: sampleCreditCode(1002),
      enterpriseName: '示例市东港石化储运有限公司',
      applicantName: '孙某',
      mobile: '13700000000',
      username: 'donggang',
      password: 'Safe@2026Pw!',
    };
    const bad = await post({ ...fields, creditCode: '91370300000000000X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('示例市东港石化储运有限公司');
    expect(bad.body).not.toContain('Safe@2026Pw!');
    const ok = await post(fields);
    expect(ok.statusCode).toBe(201);
    const account = await t.container.ctx.db
      .selectFrom('ent_accounts')
      .innerJoin('users', 'users.id', 'ent_accounts.user_id')
      .select(['ent_accounts.status', 'users.disabled'])
      .where('users.username', '=', 'donggang')
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ status: 'pending', disabled: 1 });
  });

  describe('access', () => {
    it('answers 403 to an enterprise user on every agency route and on other modules', async () => {
      const ent = (await clerk.get('/api/enterprises?q=' + encodeURIComponent('恒安'))).json().items[0];
      const routes: [string, string][] = [
        ['GET', '/api/enterprises'],
        ['POST', '/api/enterprises'],
        ['GET', `/api/enterprises/${ent.id}`],
        ['PUT', `/api/enterprises/${ent.id}`],
        ['GET', '/api/enterprises/licences/expiring'],
        ['GET', '/api/enterprises/imports/template.csv'],
        ['GET', '/api/enterprises/imports/template.xlsx'],
        ['GET', '/api/enterprises/imports/x1'],
        ['GET', '/api/enterprises/accounts'],
        ['POST', '/api/enterprises/accounts'],
        ['POST', '/api/enterprises/accounts/x1/decision'],
        ['GET', '/api/enterprises/change-requests'],
        ['POST', '/api/enterprises/change-requests/x1/decision'],
        ['POST', '/api/enterprises/notices'],
        ['GET', '/api/enterprises/hazard-reports'],
        ['POST', `/api/enterprises/hazard-reports/${otherHazardId}/escalate`],
        ['GET', '/api/enterprises/stats?year=2026'],
        ['GET', '/api/inspections/inspectors'],
        ['POST', '/api/inspections/inspectors'],
        ['GET', '/api/inspections/plans'],
        ['POST', '/api/inspections/plans'],
        ['GET', '/api/inspections/draws'],
        ['GET', '/api/inspections'],
        ['POST', '/api/inspections'],
        ['GET', '/api/credit/rules'],
        ['PUT', '/api/credit/rules'],
        ['GET', '/api/credit/listings'],
        ['POST', '/api/credit/listings'],
        ['GET', '/api/enforcement/decisions'],
        ['GET', '/api/enforcement/hazards'],
        ['GET', '/api/users'],
        ['GET', '/api/audit'],
      ];
      for (const [method, url] of routes) {
        const res = await call(qiye, method, url);
        expect([method, url, res.statusCode]).toEqual([method, url, 403]);
      }
    });

    it("answers 403 on every enterprise route for another enterprise's record and for agency staff", async () => {
      const mine = [
        ['GET', `/api/enterprise/hazards/${otherHazardId}`],
        ['POST', `/api/enterprise/hazards/${otherHazardId}/rectify`],
        ['POST', `/api/enterprise/hazards/${otherHazardId}/files?kind=photo`],
      ] as const;
      for (const [method, url] of mine) {
        const res = await call(qiye, method, url);
        expect([url, res.statusCode]).toEqual([url, 403]);
      }
      const files = await t.container.ctx.db.selectFrom('ent_hazard_files').select('id').execute();
      for (const f of files) expect((await other.get(`/api/enterprises/files/${f.id}`)).statusCode).toBe(403);
      const area = [
        ['GET', '/api/enterprise/me'],
        ['GET', '/api/enterprise/change-requests'],
        ['POST', '/api/enterprise/change-requests'],
        ['GET', '/api/enterprise/hazards'],
        ['POST', '/api/enterprise/hazards'],
        ['GET', `/api/enterprise/hazards/${otherHazardId}`],
        ['POST', `/api/enterprise/hazards/${otherHazardId}/rectify`],
        ['POST', `/api/enterprise/hazards/${otherHazardId}/files?kind=photo`],
        ['GET', '/api/enterprise/monthly-reports'],
        ['POST', '/api/enterprise/monthly-reports'],
        ['GET', '/api/enterprise/notices'],
        ['POST', '/api/enterprise/listings/x1/statement'],
      ] as const;
      for (const [method, url] of area) {
        const res = await call(clerk, method, url);
        expect([url, res.statusCode]).toEqual([url, 403]);
      }
    });

    it('answers 403 on every route of the module, listed from the OpenAPI document (none left out)', async () => {
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{
        paths: Record<string, Record<string, unknown>>;
      }>();
      const prefixes = ['/api/enterprises', '/api/enterprise/', '/api/inspections', '/api/credit'];
      const PUBLIC_ROUTES = new Set([
        'POST /api/enterprise-accounts/register',
        'GET /api/inspections/draws/{id}/verify',
      ]);
      const routes = Object.entries(doc.paths)
        .filter(([p]) => prefixes.some((x) => p.startsWith(x)))
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as const))
        .filter(([m, p]) => !PUBLIC_ROUTES.has(`${m} ${p}`));
      expect(routes.length).toBeGreaterThanOrEqual(50);
      // Another enterprise's records, for the routes of the enterprise area that name one.
      const othersListing = (
        await t.container.ctx.db
          .selectFrom('ent_listings')
          .innerJoin('ent_enterprises', 'ent_enterprises.id', 'ent_listings.enterprise_id')
          .select('ent_listings.id')
          .where('ent_enterprises.credit_code', '<>', sampleCreditCode(1000))
          .executeTakeFirstOrThrow()
      ).id;
      const othersFile = await other.request(
        'POST',
        `/api/enterprise/hazards/${otherHazardId}/files?kind=photo`,
        pngUpload().body,
        pngUpload().headers,
      );
      expect(othersFile.statusCode).toBe(201);
      const idFor = (p: string) =>
        p.startsWith('/api/enterprise/listings/')
          ? othersListing
          : p.startsWith('/api/enterprises/files/')
            ? othersFile.json().id
            : otherHazardId;
      const seen: string[] = [];
      for (const [method, p] of routes) {
        const url = p.replace('{id}', idFor(p)) + (p.endsWith('/files') ? '?kind=photo' : '');
        if (p.startsWith('/api/enterprise/')) {
          // The enterprise area: agency staff never; the enterprise user only for its own records.
          expect([method, p, (await call(clerk, method, url)).statusCode]).toEqual([method, p, 403]);
          if (p.includes('{id}'))
            expect([method, p, (await call(qiye, method, url)).statusCode]).toEqual([method, p, 403]);
        } else {
          // Agency routes (and the agency's file download for another enterprise's photo): never.
          expect([method, p, (await call(qiye, method, url)).statusCode]).toEqual([method, p, 403]);
        }
        seen.push(`${method} ${p}`);
      }
      expect(seen).toContain('POST /api/credit/listings/{id}/restore');
      expect(seen).toContain('GET /api/enterprises/imports/{id}/errors.xlsx');
      expect(seen).toContain('POST /api/enterprise/listings/{id}/statement');
    });

    it('keeps self-registration pending until the agency approves it', async () => {
      const anon = new Client(t.app);
      await anon.refreshSession();
      const reg = await anon.post('/api/enterprise-accounts/register', {
        agencyCode: 'shili-yjj',
        creditCode: sampleCreditCode(1003),
        enterpriseName: '示例市华泰精细化工有限公司',
        applicantName: '赵某',
        mobile: '13900000000',
        username: 'huatai',
        password: 'Qiye@2026Reg!',
      });
      expect(reg.statusCode).toBe(201);
      const early = await new Client(t.app).login('huatai', 'Qiye@2026Reg!');
      expect(early.statusCode).not.toBe(200);
      const pending = (await office.get('/api/enterprises/accounts?status=pending')).json().items;
      const id = pending.find((a: { username: string }) => a.username === 'huatai').userId;
      expect(
        (await office.post(`/api/enterprises/accounts/${id}/decision`, { approve: true })).statusCode,
      ).toBe(200);
      const c = await signedInWith(t, 'huatai', 'Qiye@2026Reg!');
      expect((await c.get('/api/enterprise/me')).json().enterprise.name).toBe('示例市华泰精细化工有限公司');
      const wrong = await anon.post('/api/enterprise-accounts/register', {
        agencyCode: 'shili-yjj',
        creditCode: sampleCreditCode(1003),
        enterpriseName: '别的公司',
        applicantName: '赵某',
        mobile: '13900000000',
        username: 'huatai2',
        password: 'Qiye@2026Reg!',
      });
      expect(wrong.json().code).toBe('enterprise_not_registered');
    });
  });
});

async function signedInWith(t: TestApp, username: string, password: string): Promise<Client> {
  const c = new Client(t.app);
  const res = await c.login(username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return c;
}

void DEMO_PASSWORD;
