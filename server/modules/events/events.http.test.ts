import { afterAll, beforeAll, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { captchaFactory } from '../captcha/index.js';
import { eventsReportFacts } from './events.report.js';

function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return {
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** The captcha id and (known) answer of a rendered registration form. */
function captchaOf(html: string): { captchaId: string; captcha: string; captchaKind: string } {
  const id = /name="captchaId" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('no captcha in page');
  return { captchaId: id, captcha: 'ab12', captchaKind: 'image' };
}

describeEachDialect('events and proposals over HTTP', (getDb) => {
  let t: TestApp;
  let clerk: Client, office: Client, auditor: Client, supervisor: Client;
  const realCreate = captchaFactory.create;

  beforeAll(async () => {
    captchaFactory.create = () => ({ text: 'ab12', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
    t = await createTestApp(getDb(), { seed: true, now: '2026-12-06T02:00:00Z' });
    clerk = await signedIn(t.app, 'clerk');
    office = await signedIn(t.app, 'office');
    auditor = await signedIn(t.app, 'auditor');
    supervisor = await signedIn(t.app, 'supervisor');
  });
  afterAll(async () => {
    captchaFactory.create = realCreate;
    await t?.app.close();
  });

  it('shows the demo year on the portal: an announced hearing open for registration, past records, published replies', async () => {
    const upcoming = await t.app.inject({ url: '/fabu' });
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.body).toContain('非煤矿山安全生产行政处罚裁量基准听证会');
    expect(upcoming.body).toContain('报名中');
    expect(upcoming.body).not.toContain('年度应急管理工作新闻发布会'); // planned, not announced
    const past = await t.app.inject({ url: '/fabu?when=past&kind=hearing' });
    expect(past.body).toContain('烟花爆竹经营（批发）许可布点规划听证会');
    expect(past.body).not.toContain('应急管理与城市安全政务论坛');
    const replies = await t.app.inject({ url: '/jianyi' });
    expect(replies.body).toContain('关于加强老旧小区消防安全隐患整治的建议');
    expect(replies.body).not.toContain('关于在中小学开展应急避险演练的建议'); // not replied
    const search = await t.app.inject({ url: `/jianyi?q=${encodeURIComponent('应急救援')}` });
    expect(search.body).toContain('关于提升基层应急救援能力的提案');
    expect(search.body).not.toContain('老旧小区');
    const board = await office.get('/api/proposal-board');
    expect(board.statusCode).toBe(200);
    expect(board.json().overdue.map((p: { number: string }) => p.number)).toEqual(['298']);
  });

  it('runs a hearing: announce → public registration → selection → held → 笔录 published', async () => {
    const created = await clerk.post('/api/events', {
      kind: 'hearing',
      title: '尾矿库闭库安全管理办法听证会',
      eventDate: '2026-12-28',
      eventTime: '09:30',
      place: '市政务服务中心听证室',
      host: '示例市应急管理局',
      topic: '尾矿库闭库的安全条件和验收程序',
      related: [{ title: '尾矿库安全监督管理规定', href: '/catalog' }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await t.app.inject({ url: `/fabu/${id}` })).statusCode).toBe(404); // planned: not public
    const noDeadline = await clerk.post(`/api/events/${id}/transition`, {
      action: 'announce',
      announcement: '现举行听证会。',
    });
    expect(noDeadline.statusCode).toBe(400);
    expect(noDeadline.json().code).toBe('invalid_date');
    const announced = await clerk.post(`/api/events/${id}/transition`, {
      action: 'announce',
      announcement: '现举行听证会，欢迎报名。',
      registrationDeadline: '2026-12-15',
      registrationQuota: 5,
    });
    expect(announced.json().state).toBe('announced');

    const page = await t.app.inject({ url: `/fabu/${id}` });
    expect(page.body).toContain('参加人报名');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/fabu/${id}/register`,
      ...form({ name: '', phone: '123', affiliation: '', email: '', statement: '', ...captchaOf(page.body) }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写姓名');
    expect(bad.body).toContain('联系电话格式不正确');
    const script = '<script>alert(1)</script>';
    const ok = await t.app.inject({
      method: 'POST',
      url: `/fabu/${id}/register`,
      ...form({
        name: `王五${script}`.slice(0, 40),
        phone: '13905339999',
        affiliation: '居民',
        email: '',
        statement: script,
        ...captchaOf(bad.body),
      }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('报名已提交');
    const again = await t.app.inject({ url: `/fabu/${id}` });
    const dup = await t.app.inject({
      method: 'POST',
      url: `/fabu/${id}/register`,
      ...form({
        name: '王五',
        phone: '139 0533 9999',
        affiliation: '',
        email: '',
        statement: '',
        ...captchaOf(again.body),
      }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('已报名');

    const detail = (await clerk.get(`/api/events/${id}`)).json();
    expect(detail.registrations).toHaveLength(1);
    const regId = detail.registrations[0].id as string;
    expect(
      (await auditor.request('PUT', `/api/event-registrations/${regId}`, { status: 'selected' })).statusCode,
    ).toBe(403);
    expect(
      (await clerk.request('PUT', `/api/event-registrations/${regId}`, { status: 'selected' })).statusCode,
    ).toBe(200);
    const listed = await t.app.inject({ url: `/fabu/${id}` });
    expect(listed.body).toContain('王五&lt;script>');
    expect(listed.body).not.toContain('<script>alert(1)</script>');
    expect(listed.body).not.toContain('13905339999');

    // After the deadline, registration is refused with the reason.
    t.clock.set('2026-12-16T02:00:00Z');
    const late = await t.app.inject({ url: `/fabu/${id}` });
    expect(late.body).toContain('报名已截止');
    const latePost = await t.app.inject({
      method: 'POST',
      url: `/fabu/${id}/register`,
      ...form({
        name: '赵六',
        phone: '13905338888',
        affiliation: '',
        email: '',
        statement: '',
        captchaId: 'x',
        captcha: 'ab12',
      }),
    });
    expect(latePost.statusCode).toBe(400);

    t.clock.set('2026-12-28T08:00:00Z');
    clerk = await signedIn(t.app, 'clerk'); // sessions follow the clock: sign in again on the new day
    auditor = await signedIn(t.app, 'auditor');
    expect((await clerk.post(`/api/events/${id}/transition`, { action: 'hold' })).json().state).toBe('held');
    const noHandling = await clerk.request('PUT', `/api/events/${id}/record`, {
      recordText: '听证笔录全文……',
      attendance: 9,
    });
    expect(noHandling.statusCode).toBe(200);
    const publishFail = await clerk.post(`/api/events/${id}/transition`, { action: 'publish' });
    expect(publishFail.json().code).toBe('opinions_handling_required');
    await clerk.request('PUT', `/api/events/${id}/record`, {
      recordText: '听证笔录全文……',
      attendance: 9,
      opinionsHandling: '采纳意见4条。',
    });
    expect((await clerk.post(`/api/events/${id}/transition`, { action: 'publish' })).json().state).toBe(
      'published',
    );
    const filed = await clerk.request('PUT', `/api/events/${id}/filing`, {
      filedWith: '市司法局',
      filedOn: '2026-12-28',
    });
    expect(filed.json().filedWith).toBe('市司法局');
    const pub = await t.app.inject({ url: `/fabu/${id}` });
    expect(pub.body).toContain('听证笔录');
    expect(pub.body).toContain('采纳意见4条');
    const audit = await auditor.get('/api/audit?action=events.event.publish');
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain(id);
    t.clock.set('2026-12-06T02:00:00Z');
    clerk = await signedIn(t.app, 'clerk');
    auditor = await signedIn(t.app, 'auditor');
    office = await signedIn(t.app, 'office');
    supervisor = await signedIn(t.app, 'supervisor');
  });

  it('handles a CPPCC proposal: 会办 opinion → reply letter → feedback → published reply', async () => {
    const created = await clerk.post('/api/proposals', {
      kind: 'proposal',
      number: '66',
      session: '市政协十二届四次会议',
      title: '关于加强城市燃气管道安全监管的提案',
      proposers: '钱伟',
      role: 'lead',
      assignedOn: '2026-10-09',
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p.deadline).toBe('2027-01-09');
    const dup = await clerk.post('/api/proposals', {
      ...{ kind: 'proposal', number: '66', session: 'x', title: 'y', proposers: 'z', role: 'lead' },
      assignedOn: '2026-10-10',
    });
    expect(dup.statusCode).toBe(409);
    const tooLong = await clerk.post('/api/proposals', {
      kind: 'proposal',
      number: '67',
      session: 'x',
      title: '长'.repeat(301),
      proposers: 'z',
      role: 'lead',
      assignedOn: '2026-10-10',
    });
    expect(tooLong.statusCode).toBe(400);

    const withCo = await clerk.post(`/api/proposals/${p.id}/co-opinions`, { unit: '示例市住房和城乡建设局' });
    expect(withCo.statusCode).toBe(200);
    const opinionId = withCo.json().coOpinions[0].id as string;
    const pending = await clerk.post(`/api/proposals/${p.id}/reply`, {
      replyText: '答复',
      replyClass: 'A',
      repliedOn: '2026-12-01',
    });
    expect(pending.json().code).toBe('co_opinions_pending');
    expect(
      (
        await clerk.request('PUT', `/api/proposal-co-opinions/${opinionId}`, {
          opinion: '同意。',
          receivedOn: '2026-10-30',
        })
      ).statusCode,
    ).toBe(200);
    const early = await clerk.post(`/api/proposals/${p.id}/reply`, {
      replyText: '答复',
      replyClass: 'A',
      repliedOn: '2026-10-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('reply_before_assignment');
    const classD = await clerk.post(`/api/proposals/${p.id}/reply`, {
      replyText: '答复',
      replyClass: 'D',
      repliedOn: '2026-12-01',
    });
    expect(classD.json().code).toBe('invalid_reply_class');
    const before = (await clerk.get(`/api/proposals/${p.id}`)).json();
    expect(before.state).toBe('assigned'); // nothing half-saved
    const replied = await clerk.post(`/api/proposals/${p.id}/reply`, {
      replyText: '您的提案收悉。\n本局已会同住建部门开展燃气管道安全排查。',
      replyClass: 'A',
      repliedOn: '2026-12-01',
      replyNumber: '示应急函〔2026〕88号',
    });
    expect(replied.json().state).toBe('replied');

    const letter = await clerk.get(`/api/proposals/${p.id}/letter.docx`);
    expect(letter.statusCode).toBe(200);
    const xml = new PizZip(letter.rawPayload).file('word/document.xml')!.asText();
    expect(xml).toContain('关于市政协十二届四次会议第66号提案的答复');
    expect(xml).toContain('钱伟委员');
    expect(xml).toContain('本局已会同住建部门开展燃气管道安全排查。');
    expect(xml).toContain('2026年12月1日');
    expect(xml).not.toMatch(/\{[^}]*\}/); // every placeholder filled

    expect(
      (
        await clerk.post(`/api/proposals/${p.id}/feedback`, {
          feedback: 'satisfied',
          feedbackOn: '2026-12-03',
        })
      ).statusCode,
    ).toBe(200);
    const twice = await clerk.post(`/api/proposals/${p.id}/feedback`, {
      feedback: 'satisfied',
      feedbackOn: '2026-12-04',
    });
    expect(twice.json().code).toBe('feedback_exists');
    expect(
      (await supervisor.post(`/api/proposals/${p.id}/publication`, { action: 'publish' })).statusCode,
    ).toBe(403);
    expect((await clerk.post(`/api/proposals/${p.id}/publication`, { action: 'withhold' })).json().code).toBe(
      'reason_required',
    );
    expect(
      (await clerk.post(`/api/proposals/${p.id}/publication`, { action: 'publish' })).json().publication,
    ).toBe('published');
    const portal = await t.app.inject({ url: `/jianyi/${p.id}` });
    expect(portal.body).toContain('答复全文');
    expect(portal.body).toContain('燃气管道安全排查');

    const facts = await eventsReportFacts(t.container.ctx, p.orgId, 2026);
    expect(facts.proposals.提案.handled).toBeGreaterThanOrEqual(1);
    expect(facts.proposals.提案.byClass.A).toBeGreaterThanOrEqual(1);
    expect(facts.hearings).toBeGreaterThanOrEqual(1);
  });

  it('refuses unknown placeholders in an uploaded template and accepts the built-in one re-uploaded', async () => {
    const tpl = await clerk.get('/api/proposal-template/file.docx');
    expect(tpl.statusCode).toBe(200);
    const zip = new PizZip(tpl.rawPayload);
    const good = zip.generate({ type: 'base64' });
    expect(
      (await office.request('PUT', '/api/proposal-template', { fileName: '模板.docx', contentBase64: good }))
        .statusCode,
    ).toBe(200);
    const doc = zip.file('word/document.xml')!.asText().replace('{标题}', '{题目}');
    zip.file('word/document.xml', doc);
    const bad = await office.request('PUT', '/api/proposal-template', {
      fileName: '模板.docx',
      contentBase64: zip.generate({ type: 'base64' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('template_unknown_placeholder');
    expect(bad.json().detail).toContain('{题目}');
    const notDocx = await office.request('PUT', '/api/proposal-template', {
      fileName: 'a.docx',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notDocx.json().code).toBe('template_not_docx');
    expect((await office.delete('/api/proposal-template')).statusCode).toBe(200);
  });
});
