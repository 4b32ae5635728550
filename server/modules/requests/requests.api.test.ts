import { beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, Client, type TestApp } from '../../../test/http.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { captchaFactory } from '../captcha/index.js';

const VALID_ID = (() => {
  const first17 = '37030219850312001';
  return first17 + idCardCheckChar(first17);
})();
const BAD_ID = VALID_ID.slice(0, 17) + (VALID_ID.endsWith('1') ? '2' : '1');

/** Staff intake body (当面提交 registers at once). */
function intake(over: Record<string, unknown> = {}) {
  return {
    channel: 'in_person',
    applicantType: 'natural',
    applicantName: '测试申请人',
    idDocType: 'resident_id',
    idNumber: VALID_ID,
    phone: '13800138000',
    description: '2026年示例市危险化学品企业名单',
    requestedForm: 'electronic',
    deliveryMethod: 'post',
    address: '示例市人民路1号',
    submittedAt: '2026-03-02',
    ...over,
  };
}

async function docxText(client: Client, url: string): Promise<string> {
  const res = await client.get(url);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
  return value;
}

describeEachDialect(
  'requests API',
  (getDb) => {
    let t: TestApp;
    let office: Client;
    let clerk: Client;
    let leader: Client;
    let reviewer: Client;
    let divisionId: string;
    let clerkId: string;

    beforeAll(async () => {
      // 2026-03-02 (Mon) 10:00 Beijing.
      t = await createTestApp(getDb(), { seed: false });
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      leader = await signedIn(t.app, 'leader');
      reviewer = await signedIn(t.app, 'reviewer');
      const div = await t.container.ctx.db
        .selectFrom('orgs')
        .select('id')
        .where('name', '=', '安全生产基础科')
        .executeTakeFirstOrThrow();
      divisionId = div.id;
      clerkId = (
        await t.container.ctx.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'clerk')
          .executeTakeFirstOrThrow()
      ).id;
    }, 60_000);

    async function newCase(over: Record<string, unknown> = {}) {
      const res = await office.post('/api/requests', intake(over));
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{
        case: { id: string; caseNumber: string; stage: string; clocks: { answerDue: string } };
        queryCode: string;
      }>();
    }

    it('seeds demo cases through the service, covering every statutory outcome', async () => {
      const rows = await t.container.ctx.db
        .selectFrom('request_cases')
        .select(['outcome_code', 'stage'])
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(25);
      const outcomes = new Set(rows.map((r) => r.outcome_code).filter(Boolean));
      const meta = (await office.get('/api/requests/meta')).json<{ outcomes: { code: string }[] }>();
      for (const o of meta.outcomes) expect(outcomes, o.code).toContain(o.code);
      expect(rows.some((r) => r.stage === 'awaiting_confirmation')).toBe(true);
    });

    it('registers an in-person application with its Art. 31 receipt date, 受理回执 and masked ID', async () => {
      const created = await office.post('/api/requests', intake());
      expect(created.statusCode, created.body).toBe(201);
      const { case: c, queryCode } = created.json();
      expect(c.stage).toBe('registered');
      expect(queryCode).toMatch(/^[A-Z2-9]{8}$/);
      const detail = (await office.get(`/api/requests/${c.id}`)).json();
      // The 201 is built from the rows the intake wrote (no read back): it is the detail read afterwards.
      expect(c).toEqual(detail);
      expect(detail.events.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
        [1, 'submitted'],
        [2, 'received'],
        [3, 'letter_issued'],
      ]);
      // One act, one audit row: 登记申请 naming the receipt letter.
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('target_id', '=', c.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['request.received']);
      expect(JSON.parse(audit[0]!.summary).after).toMatchObject({
        caseNumber: c.caseNumber,
        channel: 'in_person',
        receivedOn: '2026-03-02',
        receiptLetterId: detail.letters[0].id,
        receiptLetterNumber: detail.letters[0].letterNumber,
      });
      expect(audit[0]!.summary).not.toContain(VALID_ID);
      expect(detail.receivedOn).toBe('2026-03-02');
      expect(detail.applicant.idNumberMasked).not.toContain(VALID_ID.slice(4, 14));
      expect(JSON.stringify(detail)).not.toContain(VALID_ID);
      // 20 working days after Mon 2 March 2026 (no holiday): Mon 30 March.
      expect(detail.clocks.answerDue).toBe('2026-03-30');
      expect(detail.clocks.explanation.length).toBeGreaterThan(2);
      expect(detail.letters.map((l: { kind: string }) => l.kind)).toEqual(['receipt']);
      const text = await docxText(office, detail.letters[0].downloadUrl);
      expect(text).toContain('受理回执');
      expect(text).toContain(detail.caseNumber);
      expect(text).toContain('2026年3月30日');
    });

    it('rejects invalid ID numbers and phones with Chinese errors and saves nothing', async () => {
      const before = (
        await t.container.ctx.db
          .selectFrom('request_cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      const bad = await office.post('/api/requests', intake({ idNumber: BAD_ID }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('invalid_id_number');
      expect(bad.json().detail).toContain('身份证号码无效');
      const badPhone = await office.post('/api/requests', intake({ phone: '123' }));
      expect(badPhone.json().code).toBe('invalid_phone');
      const after = (
        await t.container.ctx.db
          .selectFrom('request_cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      expect(Number(after)).toBe(Number(before));
    });

    it('needs the 签收日 for registered mail and keeps e-mail waiting for 双方确认', async () => {
      const noSign = await office.post('/api/requests', intake({ channel: 'registered_mail' }));
      expect(noSign.json().code).toBe('receipt_not_signed');
      const { case: mail } = await newCase({
        channel: 'registered_mail',
        submittedAt: '2026-02-26',
        signedForOn: '2026-02-27',
      });
      expect((await office.get(`/api/requests/${mail.id}`)).json().receivedOn).toBe('2026-02-27');
      const { case: email } = await newCase({ channel: 'email', submittedAt: '2026-02-28T09:00:00+08:00' });
      expect(email.stage).toBe('awaiting_confirmation');
      expect(email.clocks).toBeNull();
      const early = await office.post(`/api/requests/${email.id}/confirm`, { confirmedOn: '2026-02-27' });
      expect(early.json().code).toBe('receipt_before_submission');
      const ok = await office.post(`/api/requests/${email.id}/confirm`, { confirmedOn: '2026-03-02' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().stage).toBe('registered');
      expect(ok.json().receivedOn).toBe('2026-03-02');
      const again = await office.post(`/api/requests/${email.id}/confirm`, { confirmedOn: '2026-03-02' });
      expect(again.json().code).toBe('wrong_stage');
    });

    it('walks the stages: assign → draft → 保密审查 → sign-off → reply → archive, with permission checks', async () => {
      const { case: c } = await newCase();
      expect(
        (await clerk.post(`/api/requests/${c.id}/assign`, { divisionId, handlerId: clerkId })).statusCode,
      ).toBe(403);
      const draftEarly = await clerk.request('PUT', `/api/requests/${c.id}/outcome`, {
        outcomeCode: 'provided',
        reason: '提供电子文本',
      });
      expect(draftEarly.json().code).toBe('not_assigned');
      expect(
        (await office.post(`/api/requests/${c.id}/assign`, { divisionId, handlerId: clerkId })).json().stage,
      ).toBe('assigned');
      const noBasis = await clerk.request('PUT', `/api/requests/${c.id}/outcome`, {
        outcomeCode: 'other',
        reason: '其他处理说明',
      });
      expect(noBasis.json().code).toBe('legal_basis_required');
      const unknown = await clerk.request('PUT', `/api/requests/${c.id}/outcome`, {
        outcomeCode: 'nonsense',
      });
      expect(unknown.json().code).toBe('unknown_outcome');
      const noParts = await clerk.request('PUT', `/api/requests/${c.id}/outcome`, {
        outcomeCode: 'partially_provided',
        reason: '部分内容涉及个人隐私',
      });
      expect(noParts.json().code).toBe('withheld_parts_required');
      const replyTooEarly = await office.post(`/api/requests/${c.id}/reply`, { date: '2026-03-02' });
      expect(replyTooEarly.json().code).toBe('outcome_missing');
      const draft = await clerk.request('PUT', `/api/requests/${c.id}/outcome`, {
        outcomeCode: 'partially_provided',
        reason: '已作区分处理。',
        withheldParts: [
          { part: '企业负责人身份证号码', ground: 'withheld_third_party', reason: '属于个人隐私' },
        ],
      });
      expect(draft.statusCode, draft.body).toBe(200);
      expect(draft.json().stage).toBe('drafting');
      expect((await clerk.post(`/api/requests/${c.id}/submit`)).json().stage).toBe('review');
      expect((await leader.post(`/api/requests/${c.id}/sign-off`, { approved: true })).json().code).toBe(
        'wrong_stage',
      );
      expect((await reviewer.post(`/api/requests/${c.id}/review`, { passed: true })).json().stage).toBe(
        'sign_off',
      );
      expect((await clerk.post(`/api/requests/${c.id}/sign-off`, { approved: true })).statusCode).toBe(403);
      expect((await office.post(`/api/requests/${c.id}/reply`, { date: '2026-03-02' })).json().code).toBe(
        'not_signed_off',
      );
      expect((await leader.post(`/api/requests/${c.id}/sign-off`, { approved: true })).statusCode).toBe(200);
      const before = await office.post(`/api/requests/${c.id}/reply`, { date: '2026-02-20' });
      expect(before.json().code).toBe('reply_before_receipt');
      const future = await office.post(`/api/requests/${c.id}/reply`, { date: '2026-03-09' });
      expect(future.json().code).toBe('date_in_future');
      const replied = await office.post(`/api/requests/${c.id}/reply`, { date: '2026-03-02' });
      expect(replied.statusCode, replied.body).toBe(200);
      const d = replied.json();
      expect(d.stage).toBe('replied');
      expect(d.outcome.table3Row).toBe('r2');
      const reply = d.letters.find((l: { kind: string }) => l.kind === 'reply');
      const text = await docxText(office, reply.downloadUrl);
      expect(text).toContain('条例第三十七条');
      expect(text).toContain('企业负责人身份证号码');
      expect(text).toContain('60日内');
      expect(text).toContain('6个月内');
      expect((await office.post(`/api/requests/${c.id}/notes`, { text: 'x' })).statusCode).toBe(200);
      const late = await clerk.post(`/api/requests/${c.id}/supplement-request`, {
        date: '2026-03-02',
        items: ['x'],
      });
      expect(late.json().code).toBe('wrong_stage');
      expect((await office.post(`/api/requests/${c.id}/archive`)).json().stage).toBe('archived');
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', c.id)
        .execute();
      const actions = audit.map((a) => a.action);
      for (const a of [
        'request.received',
        'request.assigned',
        'request.outcome_drafted',
        'request.review_passed',
        'request.signed_off',
        'request.answered',
        'request.archived',
      ])
        expect(actions).toContain(a);
    });

    it('allows one 补正 and one extension only, and extension needs the office head', async () => {
      const { case: c } = await newCase({ submittedAt: '2026-02-09' });
      // received Mon 9 Feb 2026, before the Spring Festival break (15–23 Feb).
      const s1 = await clerk.post(`/api/requests/${c.id}/supplement-request`, {
        date: '2026-02-10',
        items: ['请说明信息形成时间'],
      });
      expect(s1.statusCode, s1.body).toBe(200);
      const s2 = await clerk.post(`/api/requests/${c.id}/supplement-request`, {
        date: '2026-02-11',
        items: ['再补充'],
      });
      expect(s2.json().code).toBe('supplement_already_requested');
      expect(s1.json().letters.map((l: { kind: string }) => l.kind)).toContain('supplement');
      // 补正 arrives on Saturday 28 Feb (a 调休 working day in 2026): the clock restarts from it.
      const got = await clerk.post(`/api/requests/${c.id}/supplement-received`, { date: '2026-02-28' });
      expect(got.json().clocks.clockStart).toBe('2026-02-28');
      expect(
        (
          await clerk.post(`/api/requests/${c.id}/extension`, {
            date: '2026-03-02',
            workdays: 10,
            reason: '需检索',
          })
        ).statusCode,
      ).toBe(403);
      const tooLong = await leader.post(`/api/requests/${c.id}/extension`, {
        date: '2026-03-02',
        workdays: 21,
        reason: '需检索',
      });
      expect(tooLong.json().code).toBe('extension_too_long');
      const ext = await leader.post(`/api/requests/${c.id}/extension`, {
        date: '2026-03-02',
        workdays: 10,
        reason: '需检索',
      });
      expect(ext.statusCode, ext.body).toBe(200);
      expect(ext.json().clocks.extensionState).toBe('pending_notice');
      const ext2 = await leader.post(`/api/requests/${c.id}/extension`, {
        date: '2026-03-02',
        workdays: 5,
        reason: '再延',
      });
      expect(ext2.json().code).toBe('deadline_already_extended');
      const n = await clerk.post(`/api/requests/${c.id}/extension/notify`, { date: '2026-03-02' });
      expect(n.json().clocks.extensionState).toBe('effective');
      const letter = n.json().letters.find((l: { kind: string }) => l.kind === 'extension');
      const text = await docxText(clerk, letter.downloadUrl);
      expect(text).toContain('延长10个工作日');
      expect(text).toContain(n.json().clocks.answerDue.slice(0, 4));
      // Nothing half-saved: a failed second extension left no event.
      const exts = n.json().events.filter((e: { type: string }) => e.type === 'extension_approved');
      expect(exts).toHaveLength(1);
    });

    it('charges a fee on one basis, and abandonment when unpaid closes in row （六）2', async () => {
      const { case: c } = await newCase({ submittedAt: '2026-01-05', itemCount: 15 });
      await office.post(`/api/requests/${c.id}/assign`, { divisionId, handlerId: clerkId });
      const notice = await clerk.post(`/api/requests/${c.id}/fee-notice`, {
        date: '2026-01-06',
        basis: 'per_item',
        quantity: 15,
      });
      expect(notice.statusCode, notice.body).toBe(200);
      expect(notice.json().fee.amountFen).toBe(500_00);
      expect(notice.json().fee.paymentDue).toBeTruthy();
      const second = await clerk.post(`/api/requests/${c.id}/fee-notice`, {
        date: '2026-01-07',
        basis: 'per_page',
        quantity: 50,
      });
      expect(second.json().code).toBe('fee_basis_conflict');
      const wrong = await office.post(`/api/requests/${c.id}/fee-payment`, {
        date: '2026-01-08',
        amountFen: 100,
      });
      expect(wrong.json().code).toBe('fee_amount_mismatch');
      const early = await clerk.post(`/api/requests/${c.id}/fee-expired`, { date: '2026-01-08' });
      expect(early.json().code).toBe('fee_not_expired');
      const expired = await clerk.post(`/api/requests/${c.id}/fee-expired`, { date: '2026-02-27' });
      expect(expired.statusCode, expired.body).toBe(200);
      expect(expired.json().outcome.table3Row).toBe('r6_2');
      expect(expired.json().stage).toBe('replied');
      const { case: p } = await newCase({
        submittedAt: '2026-03-02',
        applicantName: '付费人',
        idNumber: '11010519491231002X',
      });
      const n2 = await clerk.post(`/api/requests/${p.id}/fee-notice`, {
        date: '2026-03-02',
        basis: 'per_page',
        quantity: 40,
      });
      expect(n2.json().fee.amountFen).toBe(100_00);
      const paid = await office.post(`/api/requests/${p.id}/fee-payment`, {
        date: '2026-03-02',
        amountFen: 100_00,
        paymentRef: 'P-1',
      });
      expect(paid.json().fee.state).toBe('paid');
      const ledger = (await office.get('/api/requests/fees?year=2026')).json();
      expect(ledger.collectedFen).toBeGreaterThanOrEqual(100_00);
      const q = (
        await office.post('/api/requests/fees/quote', {
          basis: 'per_item',
          quantity: 5,
          priorItemsThisMonth: 28,
        })
      ).json();
      expect(q.amountFen).toBe(2 * 100_00 + 3 * 200_00);
    });

    it('records consultations as excluded intervals with a third-party letter not shown to the applicant', async () => {
      const { case: c, queryCode } = await newCase({ submittedAt: '2026-02-02' });
      const sent = await clerk.post(`/api/requests/${c.id}/consultations`, {
        kind: 'third_party',
        date: '2026-02-03',
        party: '某化工公司',
        matter: '生产工艺',
      });
      expect(sent.statusCode, sent.body).toBe(200);
      const d = sent.json();
      expect(d.clocks.consultationsDue[0].consultationId).toBe('C1');
      const tp = d.letters.find((l: { kind: string }) => l.kind === 'third_party');
      expect(tp.public).toBe(false);
      const rep = await clerk.post(`/api/requests/${c.id}/consultations/C1/reply`, {
        date: '2026-02-26',
        opinion: 'disagree',
      });
      expect(rep.statusCode, rep.body).toBe(200);
      expect(rep.json().clocks.excludedIntervals[0].workdaysExcluded).toBeGreaterThan(0);
      const track = await t.app.inject({
        method: 'POST',
        url: '/track',
        payload: { caseNumber: c.caseNumber, queryCode },
      });
      expect(track.body).not.toContain('某化工公司');
      expect(track.body).not.toContain(tp.id);
    });

    it('withdrawal closes in row （六）3 without a reply letter; Art. 35 deferral needs a later date', async () => {
      const { case: c } = await newCase();
      const bad = await leader.post(`/api/requests/${c.id}/deferral`, {
        date: '2026-03-02',
        newDueDate: '2026-03-10',
        reason: '数量过大',
      });
      expect(bad.json().code).toBe('invalid_deferral_date');
      const ok = await leader.post(`/api/requests/${c.id}/deferral`, {
        date: '2026-03-02',
        newDueDate: '2026-05-29',
        reason: '数量过大',
      });
      expect(ok.json().clocks.answerDue).toBe('2026-05-29');
      const w = await office.post(`/api/requests/${c.id}/withdraw`, {
        date: '2026-03-02',
        note: '申请人书面撤回',
      });
      expect(w.json().outcome.table3Row).toBe('r6_3');
      expect(w.json().letters.filter((l: { kind: string }) => l.kind === 'reply')).toHaveLength(0);
    });

    it('unmasks the ID number only for the office, and audits it', async () => {
      const { case: c } = await newCase();
      expect((await clerk.post(`/api/requests/${c.id}/unmask`, { reason: '核对' })).statusCode).toBe(403);
      const res = await office.post(`/api/requests/${c.id}/unmask`, { reason: '核对身份' });
      expect(res.json().idNumber).toBe(VALID_ID);
      const stored = await t.container.ctx.db
        .selectFrom('request_cases')
        .select('id_number_enc')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(stored.id_number_enc).not.toContain(VALID_ID);
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('target_id', '=', c.id)
        .where('action', '=', 'request.id_unmask')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).not.toContain(VALID_ID);
    });

    it('records appeals and reports table 三/四 facts that satisfy 一+二=三（七）+四 per column', async () => {
      const list = (await office.get('/api/requests?stage=replied')).json();
      const target = list.items[0];
      const a = await office.post(`/api/requests/${target.id}/appeals`, {
        kind: 'litigation_after_review',
        filedOn: '2026-03-02',
        bodyName: '示例市中级人民法院',
      });
      expect(a.statusCode, a.body).toBe(200);
      const upd = await t.app.inject({
        method: 'PATCH',
        url: `/api/request-appeals/${a.json().id}`,
        payload: { outcome: 'corrected' },
        headers: { cookie: '' },
      });
      expect(upd.statusCode).toBeGreaterThanOrEqual(400);
      const noDate = await office.patch(`/api/request-appeals/${a.json().id}`, { outcome: 'corrected' });
      expect(noDate.json().code).toBe('appeal_decided_on_required');
      for (const year of [2025, 2026]) {
        const f = (await office.get(`/api/requests/report-facts?year=${year}`)).json();
        for (const col of [
          'natural',
          'commercial',
          'research',
          'publicInterest',
          'legalService',
          'other',
          'total',
        ])
          expect(f.table3.new[col].count + f.table3.carried[col].count, `${year} ${col}`).toBe(
            f.table3.r7[col].count + f.table3.next[col].count,
          );
        const rows = Object.keys(f.table3).filter((r) => /^r\d/.test(r) && r !== 'r7');
        expect(rows.reduce((s, r) => s + f.table3[r].total.count, 0)).toBe(f.table3.r7.total.count);
      }
      const f26 = (await office.get('/api/requests/report-facts?year=2026')).json();
      expect(f26.table4.suitAfterReview_pending.count).toBeGreaterThanOrEqual(1);
    });

    it('lists the board, reminders and 第四十四条 candidates', async () => {
      const volume = (await office.get('/api/requests/applicants/volume?month=2026-03')).json();
      const mine = volume.items.find((i: { applicantName: string }) => i.applicantName === '测试申请人');
      expect(mine.count).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(volume)).not.toContain(VALID_ID);
      const board = (await office.get('/api/requests/board')).json();
      expect(board.counts.open).toBeGreaterThan(0);
      expect(board.counts.awaitingConfirmation).toBeGreaterThan(0);
      const { generateReminders } = await import('./requests.service.js');
      const n1 = await generateReminders(t.container.ctx);
      const n2 = await generateReminders(t.container.ctx);
      expect(n2).toBe(0);
      const rem = (await clerk.get('/api/requests/reminders')).json();
      expect(rem.items.length).toBe(n1 + 0 * n2 + (rem.items.length - n1));
      const promo = (await office.get('/api/requests/promotions?windowDays=3650')).json();
      expect(promo.candidates.length).toBeGreaterThanOrEqual(1);
      const created = await office.post('/api/requests/promotions', {
        descriptionKey: promo.candidates[0].descriptionKey,
      });
      expect(created.statusCode, created.body).toBe(200);
      const columns = await t.container.ctx.db
        .selectFrom('catalog_columns' as never)
        .select('id' as never)
        .execute()
        .catch(() => []);
      if (columns.length > 0) {
        expect(created.json().state).toBe('draft_created');
        expect(created.json().catalogItemId).toBeTruthy();
      } else expect(created.json().state).toBe('proposed');
      expect((await office.get('/api/requests/promotions?windowDays=3650')).json().promotedCount).toBe(1);
    });

    it('names the 复议机关 and the court the office set in every later reply letter', async () => {
      expect((await office.get('/api/requests/settings')).json()).toEqual({ reviewBody: null, court: null });
      const put = await office.request('PUT', '/api/requests/settings', {
        reviewBody: '示例市人民政府',
        court: '示例市中级人民法院',
      });
      expect(put.statusCode, put.body).toBe(200);
      expect((await office.get('/api/requests/settings')).json()).toEqual({
        reviewBody: '示例市人民政府',
        court: '示例市中级人民法院',
      });
      const tooLong = await office.request('PUT', '/api/requests/settings', { reviewBody: 'x'.repeat(201) });
      expect(tooLong.statusCode).toBe(400);
    });

    it('files released with a reply: staff attach them, the applicant downloads them from /track after the reply', async () => {
      const { case: c, queryCode } = await newCase();
      await office.post(`/api/requests/${c.id}/assign`, { divisionId, handlerId: clerkId });
      await clerk.request('PUT', `/api/requests/${c.id}/outcome`, {
        outcomeCode: 'provided',
        reason: '见附件。',
      });
      const upload = (name: string, content: string) => {
        const boundary = '----gk' + Math.random().toString(16).slice(2);
        const body = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          Buffer.from(content),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return clerk.request('POST', `/api/requests/${c.id}/reply-files`, body, {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        });
      };
      const pdf = '%PDF-1.4 2026年安全生产执法检查计划';
      const added = await upload('2026年执法检查计划.pdf', pdf);
      expect(added.statusCode, added.body).toBe(201);
      const file = added.json<{ id: string; fileName: string; downloadUrl: string }>();
      expect(file.fileName).toBe('2026年执法检查计划.pdf');
      expect((await upload('run.exe', 'MZ')).json()).toMatchObject({ code: 'reply_file_type' });
      expect((await clerk.get(`/api/requests/${c.id}/reply-files`)).json().items).toHaveLength(1);
      expect((await office.get(file.downloadUrl)).body).toBe(pdf);

      const track = (cookie?: string) =>
        t.app.inject({ url: `/track/files/${file.id}`, headers: cookie ? { cookie } : {} });
      const tracked = async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/track',
          payload: { caseNumber: c.caseNumber, queryCode },
        });
        const cookie = String(res.headers['set-cookie']).split(';')[0]!;
        return { body: res.body, cookie };
      };
      // Before the reply is sent the applicant sees no file, and the link answers 404.
      const early = await tracked();
      expect(early.body).not.toContain('答复附件');
      expect((await track(early.cookie)).statusCode).toBe(404);

      await clerk.post(`/api/requests/${c.id}/submit`);
      await reviewer.post(`/api/requests/${c.id}/review`, { passed: true });
      await leader.post(`/api/requests/${c.id}/sign-off`, { approved: true });
      expect((await office.post(`/api/requests/${c.id}/reply`, { date: '2026-03-02' })).statusCode).toBe(200);
      expect((await upload('迟到的.pdf', '%PDF')).json()).toMatchObject({ code: 'reply_files_closed' });

      const after = await tracked();
      expect(after.body).toContain('答复附件（提供的政府信息）');
      expect(after.body).toContain(`href="/track/files/${file.id}"`);
      const download = await track(after.cookie);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.body).toBe(pdf);
      // Without the signed tracking cookie, or with another case's, nothing is served.
      expect((await track()).statusCode).toBe(403);
      const other = await newCase();
      const otherCookie = String(
        (
          await t.app.inject({
            method: 'POST',
            url: '/track',
            payload: { caseNumber: other.case.caseNumber, queryCode: other.queryCode },
          })
        ).headers['set-cookie'],
      ).split(';')[0]!;
      expect((await track(otherCookie)).statusCode).toBe(404);
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', c.id)
        .execute();
      expect(audit.map((a) => a.action)).toContain('request.reply_file_add');
    });

    it('letter templates: the console gets labels, placeholders and settings; unusable placeholders are refused', async () => {
      const list = (await clerk.get('/api/requests/templates')).json();
      const receipt = list.items.find((i: { kind: string }) => i.kind === 'receipt');
      expect(receipt).toMatchObject({ kindLabel: '受理回执', customised: false });
      expect(list.items.find((i: { outcomeCode: string }) => i.outcomeCode === 'provided').outcomeLabel).toBe(
        '予以公开',
      );
      expect(list.placeholders.find((p: { name: string }) => p.name === '补正期限')).toMatchObject({
        kinds: ['supplement'],
      });
      expect(list.settings).toHaveProperty('reviewBody');
      const wrongKind = await office.request('PUT', '/api/requests/templates', {
        kind: 'receipt',
        title: '受理回执',
        body: '{{申请人}}：请于{{补正期限}}前补正。',
      });
      expect(wrongKind.statusCode).toBe(400);
      expect(wrongKind.json()).toMatchObject({ code: 'unknown_placeholder', field: 'body' });
      expect(wrongKind.json().detail).toContain('{{补正期限}}');
      const open = await office.request('PUT', '/api/requests/templates', {
        kind: 'receipt',
        title: '受理回执',
        body: '{{申请人：您好。',
      });
      expect(open.json()).toMatchObject({ code: 'malformed_placeholder' });
      const ok = await office.request('PUT', '/api/requests/templates', {
        kind: 'receipt',
        title: '政府信息公开申请受理回执',
        body: '{{申请人}}：\n\n本机关于{{收到日期}}收到您的申请，受理编号{{受理编号}}。',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(
        (await clerk.request('PUT', '/api/requests/templates', { kind: 'receipt', title: 'x', body: 'y' }))
          .statusCode,
      ).toBe(403);
      expect((await office.request('DELETE', '/api/requests/templates?kind=receipt')).statusCode).toBe(200);
    });

    describe('portal', () => {
      it('applies without JavaScript: captcha required, errors re-render with input kept, then 受理编号 + 查询码', async () => {
        captchaFactory.create = () => ({
          text: 'AB3D',
          data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        });
        const form = await t.app.inject({ method: 'GET', url: '/apply' });
        expect(form.statusCode).toBe(200);
        expect(form.body).toContain('<label for="f-idNumber">');
        const captchaId = /name="captchaId" value="([^"]+)"/.exec(form.body)![1]!;
        const fields = {
          applicantType: 'natural',
          applicantName: '网上申请人',
          idDocType: 'resident_id',
          idNumber: VALID_ID,
          phone: '13800138000',
          description: '2026年示例市安全生产执法检查计划',
          requestedForm: 'electronic',
          deliveryMethod: 'online',
        };
        const noCaptcha = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...fields, captchaId, captcha: 'ZZZZ' },
        });
        expect(noCaptcha.statusCode).toBe(400);
        expect(noCaptcha.body).toContain('验证码不正确');
        expect(noCaptcha.body).toContain('2026年示例市安全生产执法检查计划');
        const both = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...fields, idNumber: BAD_ID },
        });
        expect(both.body).toContain('请输入验证码');
        expect(both.body).toContain('身份证号码无效');
        const id2 = /name="captchaId" value="([^"]+)"/.exec(noCaptcha.body)![1]!;
        const badId = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...fields, idNumber: BAD_ID, captchaId: id2, captcha: 'ab3d' },
        });
        expect(badId.statusCode).toBe(400);
        expect(badId.body).toContain('身份证号码无效');
        expect(badId.body).toContain('value="网上申请人"');
        const id3 = /name="captchaId" value="([^"]+)"/.exec(badId.body)![1]!;
        const ok = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...fields, captchaId: id3, captcha: 'AB3D' },
        });
        expect(ok.statusCode, ok.body).toBe(201);
        const caseNumber = /class="req-code">([^<]+)</.exec(ok.body)![1]!;
        const code = [...ok.body.matchAll(/class="req-code">([^<]+)</g)][1]![1]!;
        expect(caseNumber).toMatch(/^SHILI-YJJ-2026-\d{5}$/);
        const reuse = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...fields, captchaId: id3, captcha: 'AB3D' },
        });
        expect(reuse.body).toContain('验证码已过期');

        const wrong = await t.app.inject({
          method: 'POST',
          url: '/track',
          payload: { caseNumber, queryCode: 'WRONGCOD' },
        });
        expect(wrong.statusCode).toBe(404);
        expect(wrong.body).toContain('受理编号或查询码不正确');
        const unknown = await t.app.inject({
          method: 'POST',
          url: '/track',
          payload: { caseNumber: 'NOPE-1', queryCode: code },
        });
        expect(unknown.body).toContain('受理编号或查询码不正确');
        const tracked = await t.app.inject({
          method: 'POST',
          url: '/track',
          payload: { caseNumber, queryCode: code },
        });
        expect(tracked.statusCode).toBe(200);
        expect(tracked.body).toContain('待工作机构确认收到');
        expect(tracked.body).not.toContain('网上申请人');
        expect(tracked.body).not.toContain(VALID_ID);
        expect(tracked.body).not.toContain('13800138000');
      });

      it('refreshes the captcha without JavaScript keeping what was typed, and offers a text question', async () => {
        captchaFactory.question = () => ({ question: '四加三等于几？', answer: '7' });
        const typed = {
          applicantName: '保留的姓名',
          description: '保留的申请内容描述文字',
          captchaId: 'x',
          captcha: '',
        };
        const img = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...typed, captchaRefresh: 'image' },
        });
        expect(img.statusCode).toBe(200);
        expect(img.body).toContain('value="保留的姓名"');
        expect(img.body).toContain('保留的申请内容描述文字');
        expect(img.body).not.toContain('提交未成功');
        const text = await t.app.inject({
          method: 'POST',
          url: '/apply',
          payload: { ...typed, captchaRefresh: 'text' },
        });
        expect(text.body).toContain('四加三等于几？');
        expect(text.body).toContain('value="保留的姓名"');
        const js = await t.app.inject({ method: 'GET', url: '/captcha/new?purpose=apply&kind=text' });
        expect(js.statusCode).toBe(200);
        expect(js.json()).toMatchObject({ kind: 'text', question: '四加三等于几？' });
        expect(
          (await t.app.inject({ method: 'GET', url: '/captcha/captcha.js' })).headers['content-type'],
        ).toContain('javascript');
      });

      it('rate-limits portal submissions per IP', async () => {
        const codes: number[] = [];
        for (let i = 0; i < 12; i++)
          codes.push(
            (await t.app.inject({ method: 'POST', url: '/apply', payload: { applicantName: 'x' } }))
              .statusCode,
          );
        expect(codes).toContain(429);
      });
    });
  },
  { seeded: true },
);
