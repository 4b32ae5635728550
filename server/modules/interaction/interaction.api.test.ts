import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { captchaFactory } from '../captcha/index.js';

const VALID_ID = (() => {
  const first17 = '37030219850312001';
  return first17 + idCardCheckChar(first17);
})();

/** A form-encoded body. */
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function multipart(fileName: string, content: string | Buffer) {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDialect(
  'interaction API',
  (getDb) => {
    let t: TestApp;
    let office: Client;
    let clerk: Client;
    let leader: Client;
    let divisionId: string;
    let clerkId: string;

    beforeAll(async () => {
      // 2026-03-02 (Mon) 10:00 Beijing.
      t = await createTestApp(getDb(), { seed: false });
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      leader = await signedIn(t.app, 'leader');
      divisionId = (
        await t.container.ctx.db
          .selectFrom('orgs')
          .select('id')
          .where('name', '=', '安全生产基础科')
          .executeTakeFirstOrThrow()
      ).id;
      clerkId = (
        await t.container.ctx.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'clerk')
          .executeTakeFirstOrThrow()
      ).id;
      captchaFactory.create = () => ({
        text: 'ABCD',
        data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      });
    }, 240_000);

    /** Writes through the portal form (captcha answered); returns number and query code from the page. */
    async function writeOnPortal(fields: Record<string, string>) {
      const page = await t.app.inject({
        method: 'GET',
        url: `/hudong/write?kind=${fields.kind ?? 'mailbox'}`,
      });
      expect(page.statusCode).toBe(200);
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await t.app.inject({
        method: 'POST',
        url: `/hudong/write?kind=${fields.kind ?? 'mailbox'}`,
        headers: FORM,
        payload: form({ captchaId, captcha: 'abcd', ...fields }),
      });
      return res;
    }

    const codes = (html: string) => {
      const [number, code] = [...html.matchAll(/class="hd-code">([^<]+)</g)].map((m) => m[1]!);
      return { number: number!, code: code! };
    };

    it('runs the mailbox journey: write → accept → assign → draft → sign → notify → rate → publish without personal data', async () => {
      const res = await writeOnPortal({
        kind: 'mailbox',
        subject: '建议整治化工园区道路',
        body: '我是园区附近居民张三丰，电话13905331234，园区道路货车多，建议整治。',
        name: '张三丰',
        phone: '13905331234',
        notifyBy: 'sms',
        publishConsent: '1',
      });
      expect(res.statusCode).toBe(201);
      const { number, code } = codes(res.body);
      expect(number).toMatch(/HD-2026-/);

      const list = (await office.get('/api/interaction/items?status=received')).json();
      const item = list.items.find((i: { number: string }) => i.number === number);
      expect(item.nameMasked).toBe('张**');
      expect(item.answerDue).toBe('2026-03-23'); // 15 working days after 2026-03-02
      const id = item.id as string;

      expect((await office.post(`/api/interaction/items/${id}/accept`)).statusCode).toBe(200);
      expect(
        (await office.post(`/api/interaction/items/${id}/assign`, { divisionId, handlerId: clerkId }))
          .statusCode,
      ).toBe(200);
      // Reply with a mobile number: the 保密审查 scan flags it and the reply cannot go on.
      let d = (
        await clerk.post(`/api/interaction/items/${id}/draft`, { text: '已转交处理，联系人13800001111。' })
      ).json();
      expect(d.scanPassed).toBe(false);
      expect(d.draftFindings.length).toBeGreaterThan(0);
      const blocked = await clerk.post(`/api/interaction/items/${id}/submit-sign-off`);
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().code).toBe('scan_pending');
      d = (
        await clerk.post(`/api/interaction/items/${id}/draft`, {
          text: '您好，我局已会同交通部门对园区道路开展整治。',
        })
      ).json();
      expect(d.scanPassed).toBe(true);
      expect((await clerk.post(`/api/interaction/items/${id}/send`)).json().code).toBe('sign_off_required');
      expect((await clerk.post(`/api/interaction/items/${id}/submit-sign-off`)).statusCode).toBe(200);
      const signed = (await leader.post(`/api/interaction/items/${id}/sign-off`, { approve: true })).json();
      expect(signed.status).toBe('replied');
      expect(signed.replyUnit).toContain('安全生产基础科');

      const sms = await t.container.ctx.db
        .selectFrom('notify_messages')
        .select(['to_addr', 'body_text', 'template'])
        .where('source_id', '=', id)
        .execute();
      expect(sms).toHaveLength(1);
      expect(sms[0]!.to_addr).toBe('13905331234');
      expect(sms[0]!.body_text).toContain(number);

      // The citizen reads it with number + query code and rates it; rating twice is refused.
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/hudong/track',
        headers: FORM,
        payload: form({ number, queryCode: 'WRONG123' }),
      });
      expect(wrong.statusCode).toBe(404);
      const track = await t.app.inject({
        method: 'POST',
        url: '/hudong/track',
        headers: FORM,
        payload: form({ number, queryCode: code }),
      });
      expect(track.statusCode).toBe(200);
      expect(track.body).toContain('我局已会同交通部门');
      const cookie = track.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const rate = await t.app.inject({
        method: 'POST',
        url: '/hudong/rate',
        headers: { ...FORM, cookie },
        payload: form({ rating: 'satisfied', comment: '' }),
      });
      expect(rate.statusCode).toBe(200);
      expect(rate.body).toContain('感谢您的评价');
      const again = await t.app.inject({
        method: 'POST',
        url: '/hudong/rate',
        headers: { ...FORM, cookie },
        payload: form({ rating: 'basic' }),
      });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('不能重复评价');

      // Publication removes the name and contacts.
      const preview = (await office.post(`/api/interaction/items/${id}/publication-preview`, {})).json();
      expect(preview.question).not.toContain('张三丰');
      expect(preview.question).not.toContain('13905331234');
      const pub = await office.post(`/api/interaction/items/${id}/publish`, {});
      expect(pub.statusCode).toBe(200);
      const letters = await t.app.inject({ method: 'GET', url: '/hudong/letters' });
      expect(letters.body).toContain('建议整治化工园区道路');
      const search = await t.app.inject({
        method: 'GET',
        url: `/hudong/letters?q=${encodeURIComponent('货车')}`,
      });
      expect(search.body).toContain('<mark>');
      const page = await t.app.inject({ method: 'GET', url: `/hudong/letters/${id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('张三丰');
      expect(page.body).not.toContain('13905331234');

      const sitemap = await t.app.inject({ method: 'GET', url: '/sitemap.xml' });
      expect(sitemap.body).toContain(`/hudong/letters/${id}`);
      expect(sitemap.body).toContain('/hudong/zhaocuo');
      const history = (await office.get(`/api/interaction/items/${id}/history`)).json<{ action: string }[]>();
      expect(history.map((h) => h.action)).toEqual(
        expect.arrayContaining([
          'interaction.submitted',
          'interaction.accepted',
          'interaction.assigned',
          'interaction.drafted',
          'interaction.signed_off',
          'interaction.replied',
          'interaction.rated',
          'interaction.published',
        ]),
      );
    });

    it('refuses bad portal input with Chinese errors, keeps the input and saves nothing', async () => {
      const before = await t.container.ctx.db
        .selectFrom('interaction_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const res = await writeOnPortal({
        kind: 'consult',
        subject: '<script>alert(1)</script>',
        body: '很长'.repeat(3000),
        name: '',
        phone: '123',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('标题含有不允许的脚本或网页代码');
      expect(res.body).toContain('内容不能超过5000个字');
      expect(res.body).toContain('请填写姓名');
      expect(res.body).toContain('联系电话格式不正确');
      // The input is kept, escaped.
      expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
      expect(res.body).not.toContain('<script>alert(1)');
      const after = await t.container.ctx.db
        .selectFrom('interaction_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('allows anonymous complaints only, and protects the whistle-blower (unmasking audited)', async () => {
      const anon = await writeOnPortal({
        kind: 'complaint',
        subject: '举报违规动火',
        body: '某工地夜间违规动火作业。',
        anonymous: '1',
      });
      expect(anon.statusCode).toBe(201);
      const notAnon = await writeOnPortal({
        kind: 'mailbox',
        subject: '匿名信',
        body: '内容',
        anonymous: '1',
      });
      expect(notAnon.statusCode).toBe(400);
      expect(notAnon.body).toContain('只有投诉举报可以匿名提交');

      const named = await writeOnPortal({
        kind: 'complaint',
        subject: '举报仓库违规',
        body: '仓库违规储存。',
        name: '李四',
        phone: '13905330000',
      });
      const { number } = codes(named.body);
      const item = (await office.get(`/api/interaction/items?q=${number}`)).json().items[0];
      const detail = (await office.get(`/api/interaction/items/${item.id}`)).json();
      expect(JSON.stringify(detail)).not.toContain('13905330000');
      expect(detail.contactMasked).toBe('139****0000');
      expect(
        (await clerk.post(`/api/interaction/items/${item.id}/unmask`, { reason: '核实' })).statusCode,
      ).toBe(403);
      const who = await office.post(`/api/interaction/items/${item.id}/unmask`, { reason: '核实举报内容' });
      expect(who.json()).toMatchObject({ name: '李四', phone: '13905330000' });
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', item.id)
        .execute();
      expect(audit.map((a) => a.action)).toContain('interaction.identity_viewed');
    });

    it('refuses a reply dated before receipt, and reopens once on 不满意', async () => {
      const created = await office.post('/api/interaction/items', {
        channel: 'phone',
        kind: 'consult',
        receivedOn: '2026-02-26',
        subject: '咨询许可办理时限',
        body: '来电咨询许可办理时限。',
        name: '王五',
        phone: '13905331111',
      });
      expect(created.statusCode).toBe(201);
      const { item, queryCode } = created.json();
      expect(item.receivedOn).toBe('2026-02-26');
      const future = await office.post('/api/interaction/items', {
        ...{ channel: 'visit', kind: 'consult', subject: 'x', body: 'y', name: '甲', phone: '13905331111' },
        receivedOn: '2026-03-09',
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().detail).toContain('不能晚于今天');
      await office.post(`/api/interaction/items/${item.id}/accept`);
      await office.post(`/api/interaction/items/${item.id}/assign`, { divisionId, handlerId: clerkId });
      await clerk.post(`/api/interaction/items/${item.id}/draft`, { text: '法定时限30日，承诺10个工作日。' });
      const early = await clerk.post(`/api/interaction/items/${item.id}/send`, { repliedOn: '2026-02-25' });
      expect(early.statusCode).toBe(400);
      expect(early.json().code).toBe('reply_before_receipt');
      expect(early.json().detail).toContain('不能早于收到日期');
      expect((await clerk.get(`/api/interaction/items/${item.id}`)).json().status).toBe('assigned');
      const sent = (
        await clerk.post(`/api/interaction/items/${item.id}/send`, { repliedOn: '2026-02-27' })
      ).json();
      expect(sent.status).toBe('replied');

      const track = await t.app.inject({
        method: 'POST',
        url: '/hudong/track',
        headers: FORM,
        payload: form({ number: item.number, queryCode }),
      });
      const cookie = track.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const noComment = await t.app.inject({
        method: 'POST',
        url: '/hudong/rate',
        headers: { ...FORM, cookie },
        payload: form({ rating: 'unsatisfied' }),
      });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.body).toContain('请填写评价意见');
      const reopen = await t.app.inject({
        method: 'POST',
        url: '/hudong/rate',
        headers: { ...FORM, cookie },
        payload: form({ rating: 'unsatisfied', comment: '没说清楚' }),
      });
      expect(reopen.body).toContain('重新办理');
      const back = (await clerk.get(`/api/interaction/items/${item.id}`)).json();
      expect(back.status).toBe('assigned');
      expect(back.reopenCount).toBe(1);
      expect(back.answerDue).toBe('2026-03-16'); // 10 working days from the reopening day
    });

    it('imports 12345 orders idempotently and names the row and column of a malformed one', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gk-12345-'));
      const head = '工单编号,转办日期,工单标题,诉求内容,来电人,联系电话,办理时限\n';
      const good =
        head +
        'GD20260301001,2026-03-01,商场消防通道堆物,某商场消防通道堆放杂物,赵六,13905332222,2026-03-06\nGD20260301002,2026/3/1,加油站夜间违规加油,反映加油站为摩托车散装加油,,,\n';
      writeFileSync(path.join(dir, 'a.csv'), good);
      const up = multipart('orders.csv', good);
      const first = await clerk.request('POST', '/api/interaction/orders/import', up.body, up.headers);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ created: 2, unchanged: 0, errors: [] });
      const again = await clerk.request('POST', '/api/interaction/orders/import', up.body, up.headers);
      expect(again.json()).toMatchObject({ created: 0, unchanged: 2 });

      const bad = head + 'GD20260301003,2026-03-01,标题,内容,,,\nGD20260301004,2026-13-45,标题,内容,,,\n';
      const b = multipart('orders.csv', bad);
      const res = (await clerk.request('POST', '/api/interaction/orders/import', b.body, b.headers)).json();
      expect(res.created).toBe(0);
      expect(res.errors).toEqual([
        { row: 3, column: '转办日期', reason: expect.stringContaining('2026-13-45') },
      ]);
      const none = await t.container.ctx.db
        .selectFrom('interaction_items')
        .select('id')
        .where('order_number', '=', 'GD20260301003')
        .execute();
      expect(none).toHaveLength(0);

      const order = (await office.get('/api/interaction/items?q=GD20260301001')).json().items[0];
      expect(order.answerDue).toBe('2026-03-06'); // the platform's own deadline
    });

    it('receives 12345 orders on the inbound endpoint: 401 on a bad token, re-send changes nothing', async () => {
      const { token } = (await office.post('/api/interaction/inbound-token')).json();
      const order = {
        orderNumber: 'GD20260302009',
        receivedOn: '2026-03-02',
        subject: '反映企业噪音',
        body: '工厂夜间噪音扰民',
      };
      const bad = await t.app.inject({
        method: 'POST',
        url: '/inbound/12345/orders',
        headers: { authorization: 'Bearer nope' },
        payload: order,
      });
      expect(bad.statusCode).toBe(401);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const ok = await t.app.inject({
        method: 'POST',
        url: '/inbound/12345/orders',
        headers: { authorization: `Bearer ${token}` },
        payload: order,
      });
      expect(ok.statusCode).toBe(201);
      const stored = await t.container.ctx.db
        .selectFrom('interaction_items')
        .selectAll()
        .where('order_number', '=', order.orderNumber)
        .executeTakeFirstOrThrow();
      const again = await t.app.inject({
        method: 'POST',
        url: '/inbound/12345/orders',
        headers: { authorization: `Bearer ${token}` },
        payload: order,
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ created: false, number: ok.json().number });
      const after = await t.container.ctx.db
        .selectFrom('interaction_items')
        .selectAll()
        .where('order_number', '=', order.orderNumber)
        .execute();
      expect(after).toEqual([stored]);
      const changed = await t.app.inject({
        method: 'POST',
        url: '/inbound/12345/orders',
        headers: { authorization: `Bearer ${token}` },
        payload: { ...order, body: '改了' },
      });
      expect(changed.statusCode).toBe(409);
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/inbound/12345/orders',
        headers: { authorization: `Bearer ${token}` },
        payload: { ...order, orderNumber: 'GD2', receivedOn: '昨天' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().detail).toContain('昨天');
      // Only the hash of the token is stored.
      const row = await t.container.ctx.db
        .selectFrom('interaction_tokens')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(row.token_hash).not.toContain(token);
    });

    it('converts an information request sent to the mailbox into a case whose clock starts at the original arrival (第三十一条)', async () => {
      // A letter received on Thursday 2026-02-26, converted on Monday 2026-03-02.
      const { item } = (
        await office.post('/api/interaction/items', {
          channel: 'letter',
          kind: 'mailbox',
          receivedOn: '2026-02-26',
          subject: '申请公开2025年危化企业名单',
          body: '请公开2025年本市危险化学品经营企业名单。',
          name: '钱七',
          phone: '13905333333',
        })
      ).json();
      const anon = await office.post(`/api/interaction/items/${item.id}/convert`, {
        applicantType: 'natural',
        idDocType: 'resident_id',
        idNumber: 'x',
      });
      expect(anon.statusCode).toBe(400);
      const r = await office.post(`/api/interaction/items/${item.id}/convert`, {
        applicantType: 'natural',
        idDocType: 'resident_id',
        idNumber: VALID_ID,
      });
      expect(r.statusCode).toBe(200);
      const converted = r.json();
      expect(converted.status).toBe('converted');
      const kase = (await office.get(`/api/requests/${converted.requestCaseId}`)).json();
      expect(kase.receivedOn).toBe('2026-02-26');
      // 20 working days counted from 2026-02-26 (Saturday 02-28 is a 调休 working day): 2026-03-25, not
      // the 2026-03-30 a clock started at the conversion (2026-03-02) would give.
      expect(kase.answerDue).toBe('2026-03-25');
    });

    it('runs a consultation: ≥30 days for major decisions, moderated comments, 采纳情况 after the end', async () => {
      const short = await office.post('/api/interaction/consultations', {
        title: '草案A',
        summary: '说明',
        draftText: '全文',
        majorDecision: true,
        opensOn: '2026-03-02',
        closesOn: '2026-03-20',
        commentDisplay: 'moderated',
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().detail).toContain('不少于30日');
      const c = (
        await office.post('/api/interaction/consultations', {
          title: '草案B',
          summary: '说明',
          draftText: '第一条 全文',
          majorDecision: true,
          opensOn: '2026-03-02',
          closesOn: '2026-04-01',
          commentDisplay: 'moderated',
        })
      ).json();
      await office.post(`/api/interaction/consultations/${c.id}/publish`);
      const page = await t.app.inject({ method: 'GET', url: `/hudong/consultations/${c.id}` });
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(page.body)![1]!;
      const post = await t.app.inject({
        method: 'POST',
        url: `/hudong/consultations/${c.id}`,
        headers: FORM,
        payload: form({ captchaId, captcha: 'ABCD', body: '<b>建议</b>增加条款' }),
      });
      expect(post.statusCode).toBe(201);
      expect(
        (await t.app.inject({ method: 'GET', url: `/hudong/consultations/${c.id}` })).body,
      ).not.toContain('增加条款');
      const detail = (await office.get(`/api/interaction/consultations/${c.id}`)).json();
      const cm = detail.comments[0];
      await office.post(`/api/interaction/comments/${cm.id}/moderate`, { approve: true });
      const shown = (await t.app.inject({ method: 'GET', url: `/hudong/consultations/${c.id}` })).body;
      expect(shown).toContain('&lt;b>建议&lt;/b>增加条款');
      expect(shown).not.toContain('<b>建议');
      const early = await office.post(`/api/interaction/consultations/${c.id}/result`, {
        adoptionSummary: '采纳1条',
        finalText: '终稿',
      });
      expect(early.statusCode).toBe(409);
      t.clock.set('2026-04-02T02:00:00Z');
      office = await signedIn(t.app, 'office');
      const undecided = await office.post(`/api/interaction/consultations/${c.id}/result`, {
        adoptionSummary: '采纳1条',
        finalText: '终稿',
      });
      expect(undecided.json().code).toBe('adoption_undecided');
      await office.post(`/api/interaction/comments/${cm.id}/adoption`, { adopted: true, note: '已采纳' });
      const done = (
        await office.post(`/api/interaction/consultations/${c.id}/result`, {
          adoptionSummary: '共收到1条，采纳1条。',
          finalText: '终稿全文',
        })
      ).json();
      expect(done.state).toBe('concluded');
      const pub = (await t.app.inject({ method: 'GET', url: `/hudong/consultations/${c.id}` })).body;
      expect(pub).toContain('共收到意见1条，采纳1条');
      expect(pub).toContain('终稿全文');
      t.clock.set('2026-03-02T02:00:00Z');
      office = await signedIn(t.app, 'office');
    });

    it('handles a complaint sent in as an information request: answered as 信访举报投诉类申请, then a 投诉举报 item linked to the case', async () => {
      const reviewer = await signedIn(t.app, 'reviewer');
      const created = await office.post('/api/requests', {
        channel: 'in_person',
        applicantType: 'natural',
        applicantName: '投诉人甲',
        idDocType: 'resident_id',
        idNumber: VALID_ID,
        phone: '13800138000',
        description: '举报某化工厂夜间违规排放并要求查处',
        requestedForm: 'electronic',
        deliveryMethod: 'post',
        address: '示例市人民路1号',
        submittedAt: '2026-03-02',
      });
      expect(created.statusCode, created.body).toBe(201);
      const { case: kase, queryCode } = created.json();
      await office.post(`/api/requests/${kase.id}/assign`, { divisionId, handlerId: clerkId });
      const draft = await clerk.request('PUT', `/api/requests/${kase.id}/outcome`, {
        outcomeCode: 'petition_complaint',
        reason: '您反映的是举报事项。',
      });
      expect(draft.statusCode, draft.body).toBe(200);
      await clerk.post(`/api/requests/${kase.id}/submit`);
      await reviewer.post(`/api/requests/${kase.id}/review`, { passed: true });
      await leader.post(`/api/requests/${kase.id}/sign-off`, { approved: true });
      const replied = await office.post(`/api/requests/${kase.id}/reply`, { date: '2026-03-02' });
      expect(replied.statusCode, replied.body).toBe(200);
      // The request side counts it under table 三 （五）1 and notes the handover on its timeline.
      expect(replied.json().outcome.table3Row).toBe('r5_1');
      const handed = replied.json().events.find((e: { type: string }) => e.type === 'handed_over');
      expect(handed?.typeLabel).toBe('转投诉举报渠道办理');
      const number = handed.payload.number as string;
      expect(number).toMatch(/-HD-2026-\d{6}$/);
      // The complaint is an item of the 投诉举报 kind, received the day of the answer, linked back.
      const list = (await office.get(`/api/interaction/items?q=${encodeURIComponent(number)}`)).json();
      const found = (list.items ?? list).find((i: { number: string }) => i.number === number);
      expect(found, JSON.stringify(list)).toBeTruthy();
      const item = (await office.get(`/api/interaction/items/${found.id}`)).json();
      expect(item.kind).toBe('complaint');
      expect(item.channel).toBe('request');
      expect(item.receivedOn).toBe('2026-03-02');
      expect(item.fromRequest).toEqual({
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        handedOverOn: '2026-03-02',
      });
      expect(item.body).toBe('举报某化工厂夜间违规排放并要求查处');
      // Converting it back into an application is refused.
      const back = await office.post(`/api/interaction/items/${found.id}/convert`, {
        applicantType: 'natural',
        idDocType: 'resident_id',
        idNumber: VALID_ID,
      });
      expect(back.json().code).toBe('came_from_request');
      // The applicant sees the handover on the request's tracking page.
      const track = await t.app.inject({
        method: 'POST',
        url: '/track',
        headers: FORM,
        payload: form({ caseNumber: kase.caseNumber, queryCode }),
      });
      expect(track.body).toContain(`已转本机关投诉举报渠道办理，编号${number}`);
    }, 120_000);

    it('links a consultation to its draft in the catalog: checked on create, notice on the item page, link back', async () => {
      const db = t.container.ctx.db;
      const defaultOrg = await db
        .selectFrom('orgs')
        .select('id')
        .where('is_default', '=', 1)
        .executeTakeFirstOrThrow();
      const own = await db
        .selectFrom('catalog_items')
        .select(['id', 'title'])
        .where('org_id', '=', defaultOrg.id)
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const foreign = await db
        .selectFrom('catalog_items')
        .select('id')
        .where('org_id', '!=', defaultOrg.id)
        .executeTakeFirstOrThrow();
      const input = {
        title: '关于征求《安全生产举报奖励办法（征求意见稿）》意见的公告',
        summary: '请于截止日前提出意见。',
        draftText: '第一条 为鼓励举报……',
        majorDecision: true,
        opensOn: '2026-03-02',
        closesOn: '2026-04-01',
        commentDisplay: 'moderated',
      };
      for (const catalogItemId of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
        const bad = await office.post('/api/interaction/consultations', { ...input, catalogItemId });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().code).toBe('catalog_item_not_found');
      }
      const before = await db.selectFrom('interaction_consultations').select('id').execute();
      const c = (
        await office.post('/api/interaction/consultations', { ...input, catalogItemId: own.id })
      ).json();
      expect(c.catalogItemId).toBe(own.id);
      expect((await db.selectFrom('interaction_consultations').select('id').execute()).length).toBe(
        before.length + 1,
      );
      // Unpublished consultations say nothing on the item page.
      expect((await t.app.inject({ method: 'GET', url: `/items/${own.id}` })).body).not.toContain(
        '征求意见（',
      );
      await office.post(`/api/interaction/consultations/${c.id}/publish`);
      const item = (await t.app.inject({ method: 'GET', url: `/items/${own.id}` })).body;
      expect(item).toContain('本草案正在公开征求意见（2026年3月2日至2026年4月1日）');
      expect(item).toContain(`href="/hudong/consultations/${c.id}"`);
      const cons = (await t.app.inject({ method: 'GET', url: `/hudong/consultations/${c.id}` })).body;
      expect(cons).toContain(`href="/items/${own.id}"`);
      // After the end the notice says so, with the count of comments; the public list pages ended ones.
      const { consultationNoticesForItem } = await import('./consultation.js');
      t.clock.set('2026-04-02T02:00:00Z');
      const ended = await consultationNoticesForItem(t.container.ctx, defaultOrg.id, own.id, '/a/x');
      expect(ended).toEqual([
        {
          text: '本草案的意见征集已于2026年4月1日结束，共收到意见0条，采纳情况整理后公布。',
          link: { href: `/a/x/hudong/consultations/${c.id}`, label: '查看意见征集' },
        },
      ]);
      const list = (await t.app.inject({ method: 'GET', url: '/hudong/consultations' })).body;
      expect(list).toMatch(/共\d+项/);
      expect(list).toContain(input.title);
      const far = await t.app.inject({ method: 'GET', url: '/hudong/consultations?page=9' });
      expect(far.statusCode).toBe(200);
      expect(far.body).toContain('本页没有内容。');
      t.clock.set('2026-03-02T02:00:00Z');
    });

    it('shows statistics in the console and publicly (chart, table, CSV, JSON) and feeds the annual report', async () => {
      const s = (await office.get('/api/interaction/stats?from=2025-11&to=2026-03')).json();
      expect(s.cells.length).toBeGreaterThan(0);
      const html = (await t.app.inject({ method: 'GET', url: '/hudong/stats?from=2025-11&to=2026-03' })).body;
      expect(html).toContain('<svg');
      expect(html).toContain('<table');
      const csv = await t.app.inject({ method: 'GET', url: '/hudong/stats.csv?from=2025-11&to=2026-03' });
      expect(csv.body).toContain('月份,类别,收件');
      const json = await t.app.inject({
        method: 'GET',
        url: '/api/public/interaction/shili-yjj/stats?from=2025-11&to=2026-03',
      });
      expect(json.json().cells).toEqual(s.cells);
      const { interactionReportFacts } = await import('./interaction.report.js');
      const agency = await t.container.ctx.db
        .selectFrom('orgs')
        .select('id')
        .where('code', '=', 'shili-yjj')
        .executeTakeFirstOrThrow();
      const facts = await interactionReportFacts(t.container.ctx, agency.id, 2026);
      expect(facts.consultations.received).toBeGreaterThan(0);
      // The published letters can be rebuilt in the search index from the items.
      const { reindex } = await import('../search/search.service.js');
      const published = await t.container.ctx.db
        .selectFrom('interaction_items')
        .select('id')
        .where('published', '=', 1)
        .execute();
      const [r] = await reindex(t.container.ctx, { kinds: ['letter'] });
      expect(r).toMatchObject({ kind: 'letter', indexed: published.length, removed: published.length });
    });
  },
  { seeded: true },
);
