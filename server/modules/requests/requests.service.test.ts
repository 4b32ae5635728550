import { beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { putYear } from '../calendar/calendar.service.js';
import { createColumn, getItem } from '../catalog/catalog.service.js';
import * as service from './requests.service.js';
import { createCaseFromInteraction } from './index.js';
import { inTransaction } from '../../platform/context.js';
import {
  descriptionKey,
  fillTemplate,
  maskIdNumber,
  validateApplicant,
  validateOutcomeDraft,
} from './requests.rules.js';
import { requestReportFacts } from './requests.report.js';

const ID = (() => {
  const first17 = '37030219800505002';
  return first17 + idCardCheckChar(first17);
})();

describe('requests rules (pure)', () => {
  const base = {
    applicantType: 'natural',
    applicantName: '张三',
    idDocType: 'resident_id',
    idNumber: ID,
    phone: '0533-2345678',
    description: '某项政府信息的名称',
    requestedForm: 'paper',
    deliveryMethod: 'post',
    address: '示例市某路1号',
  };

  it('validates 第二十九条 content and lists every problem at once', () => {
    expect(validateApplicant(base, '2026-03-02').idNumber).toBe(ID);
    try {
      validateApplicant(
        { ...base, idNumber: '123', phone: '', address: '', description: '短' },
        '2026-03-02',
      );
      expect.unreachable();
    } catch (e) {
      const err = e as { code: string; details: { fields: Record<string, string> } };
      expect(err.code).toBe('invalid_application');
      expect(Object.keys(err.details.fields).sort()).toEqual(
        ['address', 'description', 'idNumber', 'phone'].sort(),
      );
    }
    expect(() =>
      validateApplicant(
        { ...base, applicantType: 'commercial', idDocType: 'credit_code', idNumber: '91370300MA3C0000' },
        '2026-03-02',
      ),
    ).toThrow(/统一社会信用代码/);
  });

  it('requires legal basis, reasons and withheld parts where the statute does', () => {
    expect(() => validateOutcomeDraft({ outcomeCode: '' })).toThrow(/法律依据/);
    expect(() => validateOutcomeDraft({ outcomeCode: 'other', reason: '其他情形说明' })).toThrow(
      /法律、法规条款/,
    );
    expect(
      validateOutcomeDraft({ outcomeCode: 'other', reason: '其他情形说明', legalBasis: '某条' })
        .legalBasisRef,
    ).toBe('某条');
    expect(() => validateOutcomeDraft({ outcomeCode: 'withheld_state_secret' })).toThrow(/说明理由/);
    expect(() =>
      validateOutcomeDraft({
        outcomeCode: 'provided',
        withheldParts: [{ part: 'x', ground: 'withheld_third_party', reason: 'y' }],
      }),
    ).toThrow(/部分公开/);
    expect(validateOutcomeDraft({ outcomeCode: 'provided' }).outcome.row2021).toBe('r1');
  });

  it('normalises descriptions, masks numbers and fills templates', () => {
    expect(descriptionKey('2025年 危险化学品，名单。')).toBe(descriptionKey('２０２５年危险化学品名单'));
    expect(maskIdNumber(ID)).toBe(`${ID.slice(0, 4)}**********${ID.slice(-4)}`);
    expect(fillTemplate('{{申请人}}：{{未知}}', { 申请人: '张三' })).toBe('张三：{{未知}}');
  });
});

describeEachDialect(
  'requests service',
  (getDb) => {
    let t: TestApp;
    let office: Actor;
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-14T02:00:00Z' });
      const u = await t.container.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'office')
        .executeTakeFirstOrThrow();
      office = userActor({
        userId: u.id,
        name: u.display_name,
        orgId: u.org_id,
        divisionId: u.division_id,
        roles: ['office'],
      });
    }, 60_000);

    const intake = (over: Partial<service.IntakeInput> = {}): service.IntakeInput => ({
      channel: 'in_person',
      applicantType: 'natural',
      applicantName: '李四',
      idDocType: 'resident_id',
      idNumber: ID,
      phone: '13800138000',
      description: '年末申请的某项信息',
      requestedForm: 'electronic',
      deliveryMethod: 'pickup',
      submittedAt: '2026-12-14',
      ...over,
    });

    it('flags a deadline that runs into a year without an official schedule, and records the recompute when it arrives', async () => {
      const { case: c } = await service.createCase(t.container.ctx, office, intake());
      expect(c.clocks?.estimated).toBe(true);
      expect(c.clocks?.estimateNotice).toBe('截止日期为预估：2027年放假安排尚未发布');
      expect(c.estimateNotice).toBe('截止日期为预估：2027年放假安排尚未发布');
      const dueBefore = c.clocks!.answerDue;
      // The 2027 notice arrives. The estimate already skips the statutory 元旦 (1/1); a notice that also
      // gives Monday 1/4 off moves the deadline by one more working day.
      const result = await putYear(t.container.ctx, systemActor('测试'), 2027, {
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'],
        adjustedWorkdays: [],
        source: '测试用放假安排',
      });
      expect(result.recomputed.find((r) => r.module === 'requests')?.affected).toBeGreaterThanOrEqual(1);
      const after = await service.getCase(t.container.ctx, office, c.id);
      expect(after.clocks?.estimated).toBe(false);
      expect(after.clocks!.answerDue > dueBefore).toBe(true);
      const ev = after.events.find((e) => e.type === 'deadline_recomputed');
      expect(ev?.payload).toMatchObject({ before: dueBefore, after: after.clocks!.answerDue });
    });

    it('keeps nothing of a failed write (one transaction per action)', async () => {
      const { case: c } = await service.createCase(t.container.ctx, office, intake());
      await service.requestSupplement(t.container.ctx, office, c.id, {
        date: '2026-12-14',
        items: ['说明时间'],
      });
      const before = await service.getCase(t.container.ctx, office, c.id);
      await expect(
        service.requestSupplement(t.container.ctx, office, c.id, { date: '2026-12-14', items: ['再说明'] }),
      ).rejects.toMatchObject({ code: 'supplement_already_requested' });
      // receiveSupplement appends its event first and then rejects the too-short new description:
      // the whole action must roll back.
      await expect(
        service.receiveSupplement(t.container.ctx, office, c.id, { date: '2026-12-14', description: '短' }),
      ).rejects.toMatchObject({ code: 'description_required' });
      const after = await service.getCase(t.container.ctx, office, c.id);
      expect(after.events.length).toBe(before.events.length);
      expect(after.letters.length).toBe(before.letters.length);
      expect(after.clocks?.pausedBy).toContain('supplement');
      const audits = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', c.id)
        .execute();
      expect(audits.filter((a) => a.action === 'request.supplement_received')).toHaveLength(0);
    });

    it('marks the case whose clock an event moved, in the same transaction as the event (clock_moved)', async () => {
      const flag = async (id: string) =>
        (
          await t.container.ctx.db
            .selectFrom('request_cases')
            .select('clock_moved')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).clock_moved;
      const { case: plain } = await service.createCase(t.container.ctx, office, intake());
      const { case: paused } = await service.createCase(t.container.ctx, office, intake());
      expect([await flag(plain.id), await flag(paused.id)]).toEqual([0, 0]);
      await service.requestSupplement(t.container.ctx, office, paused.id, {
        date: '2026-12-14',
        items: ['说明时间'],
      });
      expect([await flag(plain.id), await flag(paused.id)]).toEqual([0, 1]);
      // A refused clock event leaves the plain case as it was.
      await expect(
        service.receiveSupplement(t.container.ctx, office, plain.id, {
          date: '2026-12-14',
          description: '补正后的申请内容说明',
        }),
      ).rejects.toBeTruthy();
      expect(await flag(plain.id)).toBe(0);
    });

    it('uses the agency template the office edited', async () => {
      await service.putTemplate(t.container.ctx, office, {
        kind: 'receipt',
        title: '受理通知（本局格式）',
        body: '{{申请人}}：\n\n您的申请已登记，编号{{受理编号}}。\n\n本局联系电话{{联系电话}}。',
      });
      const { case: c } = await service.createCase(t.container.ctx, office, intake());
      const letter = c.letters[0]!;
      expect(letter.title).toBe('受理通知（本局格式）');
      const file = await service.letterFile(t.container.ctx, office, letter.id);
      const { value } = await mammoth.extractRawText({ buffer: file.bytes });
      expect(value).toContain(`您的申请已登记，编号${c.caseNumber}。`);
      expect(value).toContain('本局联系电话0533-1234567');
      const list = await service.listTemplates(t.container.ctx, office);
      expect(list.items.find((i) => i.kind === 'receipt')?.customised).toBe(true);
      expect(list.items.filter((i) => i.kind === 'reply')).toHaveLength(24);
      await service.resetTemplate(t.container.ctx, office, { kind: 'receipt' });
    });

    it('converts an interaction item: original arrival date, 第三十一条 receipt for its channel, link kept', async () => {
      const ctx = t.container.ctx;
      const base = {
        orgId: office.orgId!,
        applicant: {
          type: 'natural',
          name: '王五',
          idDocType: 'resident_id',
          idNumber: ID,
          phone: '13800138000',
        },
        content: '请公开本局2026年安全生产执法检查计划',
        actor: office,
      };
      // Online mailbox letter at 01:30 China time on 12 December: submitted that China day, waits for 双方确认.
      const online = await inTransaction(ctx, (trx) =>
        createCaseFromInteraction(trx, ctx, {
          ...base,
          channel: 'online',
          arrivedAt: '2026-12-11T17:30:00Z',
          sourceRef: { module: 'interaction', id: 'itm-1', number: 'HD-2026-00001' },
        }),
      );
      expect(online.number).toMatch(/-2026-\d{5}$/);
      const c1 = await service.getCase(ctx, office, online.caseId);
      expect(c1.stage).toBe('awaiting_confirmation');
      expect(c1.events[0]).toMatchObject({ type: 'submitted', date: '2026-12-12' });
      expect(c1.events[0]!.payload).toMatchObject({
        source: { module: 'interaction', number: 'HD-2026-00001' },
      });
      // A registered letter signed for on 10 December: received that day (第三十一条（二）), clocks running.
      const post = await inTransaction(ctx, (trx) =>
        createCaseFromInteraction(trx, ctx, {
          ...base,
          channel: 'registered_mail',
          arrivedAt: '2026-12-09T03:00:00Z',
          signedForOn: '2026-12-10',
          sourceRef: { module: 'interaction', id: 'itm-2', number: 'HD-2026-00002' },
        }),
      );
      const c2 = await service.getCase(ctx, office, post.caseId);
      expect(c2.receivedOn).toBe('2026-12-10');
      expect(c2.stage).toBe('registered');
      // Bad input is refused with the field, nothing saved.
      await expect(
        inTransaction(ctx, (trx) =>
          createCaseFromInteraction(trx, ctx, {
            ...base,
            applicant: { ...base.applicant, notifyBy: 'sms', phone: '0533-2345678' },
            channel: 'email',
            arrivedAt: '2026-12-09T03:00:00Z',
            sourceRef: { module: 'interaction', id: 'itm-3', number: 'HD-2026-00003' },
          }),
        ),
      ).rejects.toMatchObject({ code: 'mobile_required' });
    });

    it('validates the notice channel the applicant chose (mobile number for SMS, address for e-mail)', () => {
      const a = { ...intake(), notifyBy: 'sms', phone: '0533-2345678' };
      expect(() => validateApplicant(a, '2026-12-14')).toThrow();
      try {
        validateApplicant(a, '2026-12-14');
      } catch (e) {
        expect((e as { details: { fields: Record<string, string> } }).details.fields.phone).toContain(
          '11位手机号码',
        );
      }
      expect(validateApplicant({ ...a, phone: '138 0013 8000' }, '2026-12-14').notifyBy).toBe('sms');
      expect(() => validateApplicant({ ...intake(), notifyBy: 'email' }, '2026-12-14')).toThrow(/电子邮箱/);
      expect(() => validateApplicant({ ...intake(), notifyBy: 'fax' }, '2026-12-14')).toThrow();
    });

    it('tells the applicant by the chosen channel (once per step) and reminds staff, escalating when overdue', async () => {
      const ctx = t.container.ctx;
      const { case: c, queryCode } = await service.createCase(
        ctx,
        office,
        intake({ notifyBy: 'sms', phone: '13800138000' }),
      );
      const msgs = await ctx.db
        .selectFrom('notify_messages')
        .selectAll()
        .where('source_id', '=', c.id)
        .execute();
      expect(msgs).toHaveLength(1);
      expect(msgs[0]).toMatchObject({ channel: 'sms', to_addr: '13800138000', template: 'requests.receipt' });
      expect(msgs[0]!.body_text).toContain(c.caseNumber);
      expect(msgs[0]!.body_text).toContain(queryCode);
      await service.regenerateReceipt(ctx, office, c.id);
      await service.requestSupplement(ctx, office, c.id, { date: '2026-12-14', items: ['说明年份'] });
      const after = await ctx.db
        .selectFrom('notify_messages')
        .select('template')
        .where('source_id', '=', c.id)
        .execute();
      expect(after.map((m) => m.template).sort()).toEqual(['requests.receipt', 'requests.supplement']);
      const none = await service.createCase(ctx, office, intake());
      expect(
        await ctx.db
          .selectFrom('notify_messages')
          .select('id')
          .where('source_id', '=', none.case.id)
          .execute(),
      ).toHaveLength(0);

      // Reminders: run twice, each reminder reaches staff once.
      t.clock.set('2027-01-20T02:00:00Z');
      try {
        const first = await service.generateReminders(ctx);
        expect(first).toBeGreaterThan(0);
        const inbox = await ctx.db.selectFrom('notify_inbox').select(['kind', 'user_id']).execute();
        expect(inbox.some((n) => n.kind === 'requests.overdue')).toBe(true);
        await service.generateReminders(ctx);
        const again = await ctx.db.selectFrom('notify_inbox').select('id').execute();
        expect(again).toHaveLength(inbox.length);
      } finally {
        t.clock.set('2026-12-14T02:00:00Z');
      }
    });

    it('counts each closed case in exactly one table 三 row', async () => {
      const orgId = office.orgId!;
      for (const year of [2025, 2026]) {
        const f = await requestReportFacts(t.container.ctx, orgId, year);
        const resultRows = Object.keys(f.table3).filter(
          (r) => /^r\d/.test(r) && r !== 'r7',
        ) as (keyof typeof f.table3)[];
        const ids = resultRows.flatMap((r) => f.table3[r].total.records);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(f.table3.r7.total.count);
        expect(f.answered).toBe(f.table3.r7.total.count);
      }
    });

    it('第四十四条: several applicants, same openable information → a draft catalog item', async () => {
      const column = await createColumn(t.container.ctx, office, {
        parentId: null,
        code: 'other-info',
        name: '其他主动公开信息',
        updateClass: 'static',
      });
      const { candidates } = await service.promotionCandidates(t.container.ctx, office, { windowDays: 3650 });
      const cand = candidates.find((c) => c.title.includes('安全生产标准化达标名单'));
      expect(cand?.applicantCount).toBe(2);
      const r = await service.promote(t.container.ctx, office, {
        descriptionKey: cand!.descriptionKey,
        columnId: column.id,
      });
      expect(r.state).toBe('draft_created');
      const item = (await getItem(t.container.ctx, office, r.catalogItemId!)) as unknown as Record<
        string,
        unknown
      >;
      expect(JSON.stringify(item)).toContain('第四十四条');
      await expect(
        service.promote(t.container.ctx, office, { descriptionKey: cand!.descriptionKey }),
      ).rejects.toMatchObject({ code: 'not_a_candidate' });
      const after = await service.promotionCandidates(t.container.ctx, office, { windowDays: 3650 });
      expect(after.promotedCount).toBe(1);
    });
  },
  { seeded: true },
);
