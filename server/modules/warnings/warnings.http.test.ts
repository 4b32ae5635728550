import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { seedAgency } from '../notify/notify.testing.js';
import { ackBySms } from './warnings.service.js';

const XSD = readFileSync(new URL('./fixtures/CAP-v1.2.xsd', import.meta.url), 'utf8');
const validCap = async (xml: string) => {
  const r = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }],
  });
  return r.valid ? null : r.errors.map((e) => e.message).join('\n');
};

describeEachDialect('risk warnings', (getDb) => {
  let t: TestApp;
  let clerk: Client;
  let leader: Client;
  let code: string;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(getDb(), { now: '2026-07-01T00:00:00Z', seed: false }); // 08:00 China time
    code = 'yj';
    ({ orgId } = await seedAgency(t.container.ctx.db, code, [
      { username: 'clerk', name: '王信息员', roles: ['clerk'] },
      { username: 'leader', name: '李局长', roles: ['leader'] },
    ]));
    const db = t.container.ctx.db;
    const now = '2026-07-01T00:00:00.000Z';
    for (const [i, u] of [
      ['1', { name: '第一中学', phone: '13800000001', email: 'school1@example.cn' }],
      ['2', { name: '化工园区管委会', phone: '13800000002', email: null }],
      ['3', { name: '水库管理所', phone: '0571-1234567', email: 'dam@example.cn' }],
    ] as const)
      await db
        .insertInto('orgs')
        .values({
          id: `00000000-0000-7000-8000-00000000a00${i}`,
          parent_id: orgId,
          kind: 'unit',
          code: `${code}-u${i}`,
          name: u.name,
          phone: u.phone,
          email: u.email,
          is_default: 0,
          sort_order: Number(i),
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
    clerk = await signedIn(t.app, 'clerk');
    leader = await signedIn(t.app, 'leader');
  });
  afterAll(async () => t?.app.close());

  const body = {
    kind: 'meteorological',
    event: '暴雨',
    level: 'red',
    area: '示例市城区及东部山区',
    effectiveAt: '2026-07-01T00:00:00Z',
    expiresAt: '2026-07-01T12:00:00Z',
    source: '示例市气象台2026年7月1日7时50分发布',
    content: '预计未来3小时内城区及东部山区降雨量将达100毫米以上。',
    actions: '停止集会、停课、停业（特殊行业除外）；做好山洪、滑坡等灾害防御。',
    ackMinutes: 30,
    groups: ['unit'],
  };

  it('refuses signals GB/T 27962 does not define and incomplete input, naming the field', async () => {
    const r = await clerk.post('/api/warnings', { ...body, event: '干旱', level: 'blue' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('warnings.invalid');
    expect(r.json().detail).toContain('干旱预警信号只有橙色、红色');
    const r2 = await clerk.post('/api/warnings', { ...body, expiresAt: '2026-06-30T00:00:00Z' });
    expect(r2.json().detail).toContain('失效时间应晚于生效时间');
  });

  it('publishes on one leader’s approval: banner, page, CAP 1.2, signed 签收, SMS reply, escalation, 解除', async () => {
    const created = await clerk.post('/api/warnings', { ...body, submit: true });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const unread = await leader.get('/api/notify/inbox/unread');
    expect(unread.body).toBe('{"unread":1}'); // the leader is asked to approve
    expect((await clerk.post(`/api/warnings/${id}/approve`)).statusCode).toBe(403); // a clerk cannot approve
    const approved = await leader.post(`/api/warnings/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toEqual({ recipients: 3, messages: 4 }); // 2 mobiles + 2 e-mails (the landline is not an SMS number)

    const home = await t.app.inject({ url: `/a/${code}/` });
    expect(home.body).toContain('site-banner tone-red');
    expect(home.body).toContain('暴雨红色预警');
    const page = await t.app.inject({ url: `/a/${code}/yujing/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('防御指引');

    const cap = await t.app.inject({ url: `/a/${code}/yujing/${id}/cap.xml` });
    expect(cap.headers['content-type']).toContain('application/cap+xml');
    expect(await validCap(cap.body)).toBeNull();
    expect(cap.body).toContain('<severity>Extreme</severity>');
    expect(cap.body).toContain('<sent>2026-07-01T08:00:00+08:00</sent>');
    const feed = await t.app.inject({ url: `/a/${code}/yujing/feed.xml` });
    expect(feed.body).toContain(`/yujing/${id}/cap.xml`);

    // every recipient's message carries its own signed link
    const msgs = await t.container.ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('source_id', '=', id)
      .execute();
    expect(msgs.every((m) => m.urgent === 1)).toBe(true);
    const school = msgs.find((m) => m.to_addr === 'school1@example.cn')!;
    const link = /https?:\/\/\S+\/warnings\/ack\/\S+/.exec(school.body_text)![0];
    const path = new URL(link).pathname;
    const forged = path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await t.app.inject({ method: 'POST', url: forged })).statusCode).toBe(403);
    const show = await t.app.inject({ url: path });
    expect(show.body).toContain('确认签收');
    const acked = await t.app.inject({ method: 'POST', url: path });
    expect(acked.body).toContain('签收成功');

    // the park committee answers the SMS with 签收
    expect(await ackBySms(t.container.ctx, '13800000002', '签收')).toBe(true);

    // after 30 minutes the one left (水库管理所) is escalated
    t.clock.set('2026-07-01T00:31:00Z');
    leader = await signedIn(t.app, 'leader'); // the clock jumped past the session's idle limit
    const jobs = await leader.post('/api/warnings/run-jobs');
    expect(jobs.json().escalated).toBe(1);
    const rec = (await leader.get(`/api/warnings/${id}/recipients`)).json().items as {
      name: string;
      ackedAt: string | null;
      ackVia: string | null;
      escalatedAt: string | null;
    }[];
    expect(rec.find((r) => r.name === '第一中学')!.ackVia).toBe('link');
    expect(rec.find((r) => r.name === '化工园区管委会')!.ackVia).toBe('sms');
    expect(rec.find((r) => r.name === '水库管理所')!.escalatedAt).not.toBeNull();
    const reminder = await t.container.ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('template', '=', 'warnings.escalation')
      .execute();
    expect(reminder.map((m) => m.to_addr)).toEqual(['dam@example.cn']);

    // 解除: a linked message; the banner goes
    const lifted = await leader.post(`/api/warnings/${id}/lift`, { note: '降雨已减弱，暴雨红色预警解除。' });
    expect(lifted.statusCode).toBe(200);
    const after = await t.app.inject({ url: `/a/${code}/`, headers: { 'cache-control': 'no-cache' } });
    expect(after.body).not.toContain('site-banner');
    const liftCap = await t.app.inject({ url: `/a/${code}/yujing/${lifted.json().id}/cap.xml` });
    expect(await validCap(liftCap.body)).toBeNull();
    expect(liftCap.body).toContain('<msgType>Cancel</msgType>');
    expect(liftCap.body).toContain('<references>');
    const detail = (await leader.get(`/api/warnings/${id}`)).json();
    expect(detail.warning.status).toBe('lifted');
    expect(detail.chain.map((w: { msgType: string }) => w.msgType)).toEqual(['alert', 'cancel']);
  });

  it('lets an expired warning leave the banner by itself', async () => {
    t.clock.set('2026-07-02T00:00:00Z');
    clerk = await signedIn(t.app, 'clerk');
    leader = await signedIn(t.app, 'leader');
    const created = await clerk.post('/api/warnings', {
      ...body,
      event: '高温',
      level: 'orange',
      effectiveAt: '2026-07-02T00:00:00Z',
      expiresAt: '2026-07-02T01:00:00Z',
      submit: true,
    });
    await leader.post(`/api/warnings/${created.json().id}/approve`);
    expect((await t.app.inject({ url: `/a/${code}/yujing` })).body).toContain('高温橙色预警');
    expect((await t.app.inject({ url: `/a/${code}/` })).body).toContain('tone-orange');
    t.clock.set('2026-07-02T01:00:01Z');
    leader = await signedIn(t.app, 'leader');
    expect((await t.app.inject({ url: `/a/${code}/yujing` })).body).not.toContain('site-banner');
    const jobs = await leader.post('/api/warnings/run-jobs');
    expect(jobs.json().expired).toBeGreaterThanOrEqual(1);
    expect((await leader.get(`/api/warnings/${created.json().id}`)).json().warning.status).toBe('expired');
  });
});
