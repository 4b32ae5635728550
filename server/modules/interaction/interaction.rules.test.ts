import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { DomainError } from '../../platform/errors.js';
import {
  assertTransition,
  checkConsultationPeriod,
  checkOrder,
  computeClock,
  consultationState,
  maskContact,
  maskName,
  redactForPublication,
  summarize,
  validateSubmission,
  type ClockInput,
} from './interaction.rules.js';

const calendar = new WorkCalendar();
const item = (over: Partial<ClockInput> = {}): ClockInput => ({
  kind: 'mailbox',
  status: 'assigned',
  received_on: '2026-09-28',
  accepted_on: '2026-09-29',
  replied_on: null,
  external_due_on: null,
  answer_restart_on: null,
  ...over,
});

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.details?.fields as Record<string, string>;
  }
  throw new Error('expected a DomainError');
}

describe('clocks', () => {
  it('counts working days and skips the National Day holiday, with an explanation', () => {
    // Received Mon 2026-09-28; 10-01..10-07 are holidays (10-10 a 调休 working Saturday in the 2026 notice? no: ours from data).
    const c = computeClock(item(), { acceptWorkdays: 2, answerWorkdays: 15 }, calendar, '2026-09-29');
    expect(c.acceptDue).toBe(calendar.addWorkdays('2026-09-28', 2).date);
    expect(c.answerDue).toBe(calendar.addWorkdays('2026-09-28', 15).date);
    expect(c.answerDue > '2026-10-16').toBe(true); // the holiday week pushes it well past three calendar weeks
    expect(c.explanation.join('\n')).toMatch(/法定节假日/);
    expect(c.overdue).toBe(false);
  });

  it('is overdue after the due day while open, answered late when replied after it', () => {
    const due = calendar.addWorkdays('2026-03-02', 15).date;
    const after = calendar.addWorkdays(due, 1).date;
    const open = computeClock(
      item({ received_on: '2026-03-02' }),
      { acceptWorkdays: 2, answerWorkdays: 15 },
      calendar,
      after,
    );
    expect(open.overdue).toBe(true);
    expect(open.workdaysLeft).toBe(-1);
    const late = computeClock(
      item({ received_on: '2026-03-02', status: 'replied', replied_on: after }),
      { acceptWorkdays: 2, answerWorkdays: 15 },
      calendar,
      after,
    );
    expect(late.overdue).toBe(false);
    expect(late.answeredLate).toBe(true);
  });

  it('uses the accept clock while received, the 12345 deadline when given, a fresh period after reopening', () => {
    const received = computeClock(
      item({ status: 'received', received_on: '2026-03-02' }),
      { acceptWorkdays: 2, answerWorkdays: 15 },
      calendar,
      '2026-03-04',
    );
    expect(received.acceptDue).toBe('2026-03-04');
    expect(received.dueSoon).toBe(true);
    const order = computeClock(
      item({ kind: 'hotline', received_on: '2026-03-02', external_due_on: '2026-03-05' }),
      { acceptWorkdays: 1, answerWorkdays: 5 },
      calendar,
      '2026-03-02',
    );
    expect(order.answerDue).toBe('2026-03-05');
    const reopened = computeClock(
      item({ received_on: '2026-03-02', answer_restart_on: '2026-03-20' }),
      { acceptWorkdays: 2, answerWorkdays: 10 },
      calendar,
      '2026-03-20',
    );
    expect(reopened.answerDue).toBe(calendar.addWorkdays('2026-03-20', 10).date);
  });
});

describe('submissions', () => {
  it('requires subject, body, a name and a contact; reports every problem at once', () => {
    const f = fieldsOf(() => validateSubmission({ kind: 'consult', subject: '', body: '', name: '' }));
    expect(f).toMatchObject({ subject: '请填写标题', body: '请填写内容', name: '请填写姓名' });
  });

  it('refuses over-long text, scripts and a bad kind', () => {
    const f = fieldsOf(() =>
      validateSubmission({
        kind: 'x',
        subject: 'a'.repeat(101),
        body: '<img src=x onerror=alert(1)>',
        name: '甲',
        phone: '13905331234',
      }),
    );
    expect(f.kind).toBe('请选择留言类别');
    expect(f.subject).toContain('不能超过100个字');
    expect(f.body).toContain('脚本');
  });

  it('allows anonymity only for complaints and never publishes anonymous ones', () => {
    const ok = validateSubmission({
      kind: 'complaint',
      subject: '举报',
      body: '内容',
      anonymous: true,
      publishConsent: true,
    });
    expect(ok.identity).toBeNull();
    expect(ok.publishConsent).toBe(false);
    expect(
      fieldsOf(() => validateSubmission({ kind: 'mailbox', subject: 's', body: 'b', anonymous: true }))
        .anonymous,
    ).toBeDefined();
  });

  it('needs a mobile for SMS notification', () => {
    const f = fieldsOf(() =>
      validateSubmission({
        kind: 'consult',
        subject: 's',
        body: 'b',
        name: '甲',
        email: 'a@b.cn',
        notifyBy: 'sms',
      }),
    );
    expect(f.notifyBy).toBe('短信通知需要填写手机号码');
  });

  it('masks names and contacts', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(
      maskContact({ name: '张三', phone: '13905331234', email: 'zhang@example.cn', address: null }),
    ).toBe('139****1234 / z***@example.cn');
  });

  it('never accepts a text with markup whatever else it holds (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.constantFrom('<script>', '<iframe src=x>', 'javascript:alert(1)', '<svg onload=x>'),
        (s, bad) => {
          expect(() =>
            validateSubmission({
              kind: 'consult',
              subject: 't',
              body: s + bad,
              name: '甲',
              phone: '13905331234',
            }),
          ).toThrow(DomainError);
        },
      ),
    );
  });
});

describe('publication redaction', () => {
  it('removes the name, mobiles, landlines, e-mails and ID numbers', () => {
    const r = redactForPublication(
      '我是张三丰，手机13905331234，座机0533-1234567，邮箱zsf@example.cn，身份证370302198503120012。',
      ['张三丰'],
    );
    expect(r.text).not.toContain('张三丰');
    expect(r.text).not.toContain('13905331234');
    expect(r.text).not.toContain('1234567');
    expect(r.text).not.toContain('zsf@example.cn');
    expect(r.text).not.toContain('198503120012');
    expect(r.text).toContain('[电话已隐去]');
    expect(r.text).not.toMatch(/\d{4}/);
    expect(r.removed.map((x) => x.kind)).toEqual(expect.arrayContaining(['姓名', '电子邮箱', '固定电话']));
  });

  it('blocks secrecy marks', () => {
    expect(redactForPublication('机密★1年\n内容', []).blocking.length).toBeGreaterThan(0);
  });
});

describe('12345 orders', () => {
  const raw = {
    orderNumber: 'GD1',
    receivedOn: '2026/3/1',
    subject: '标题',
    body: '内容',
    name: '',
    phone: '',
    dueOn: '',
  };
  it('normalises dates and accepts a minimal order', () => {
    expect(checkOrder(raw, '2026-03-02').value).toMatchObject({
      orderNumber: 'GD1',
      receivedOn: '2026-03-01',
      name: null,
      dueOn: null,
    });
  });
  it('names the column of each problem', () => {
    const r = checkOrder(
      { ...raw, orderNumber: '工单 1', receivedOn: '2026-03-09', phone: '12', dueOn: '2026-02-01' },
      '2026-03-02',
    );
    expect(r.value).toBeNull();
    expect(r.problems.map((p) => p.column)).toEqual(['工单编号', '转办日期', '联系电话', '办理时限']);
  });
});

describe('transitions and consultations', () => {
  it('refuses steps out of order in Chinese', () => {
    expect(() => assertTransition('received', 'send')).toThrow(/当前状态为“待受理”，不能答复/);
    expect(() => assertTransition('archived', 'rate')).toThrow(DomainError);
  });

  it('requires 30 days for major decisions unless a reason is given', () => {
    expect(() =>
      checkConsultationPeriod({ opensOn: '2026-03-01', closesOn: '2026-03-20', majorDecision: true }),
    ).toThrow(/不少于30日/);
    expect(() =>
      checkConsultationPeriod({
        opensOn: '2026-03-01',
        closesOn: '2026-03-20',
        majorDecision: true,
        shortPeriodReason: '紧急',
      }),
    ).not.toThrow();
    expect(() =>
      checkConsultationPeriod({ opensOn: '2026-03-01', closesOn: '2026-03-31', majorDecision: true }),
    ).not.toThrow();
  });

  it('derives the state from dates', () => {
    const c = {
      published_at: 'x',
      opens_on: '2026-03-01',
      closes_on: '2026-03-31',
      result_published_at: null,
    };
    expect(consultationState(c, '2026-02-28')).toBe('upcoming');
    expect(consultationState(c, '2026-03-31')).toBe('open');
    expect(consultationState(c, '2026-04-01')).toBe('closed');
    expect(consultationState({ ...c, result_published_at: 'y' }, '2026-04-01')).toBe('concluded');
    expect(consultationState({ ...c, published_at: null }, '2026-03-10')).toBe('draft');
  });
});

describe('statistics', () => {
  it('counts per month and kind with on-time answers, average working days and satisfaction', () => {
    const cells = summarize([
      {
        kind: 'mailbox',
        status: 'archived',
        received_on: '2026-03-02',
        replied_on: '2026-03-05',
        due_on: '2026-03-23',
        rating: 'satisfied',
        workdays: 3,
      },
      {
        kind: 'mailbox',
        status: 'archived',
        received_on: '2026-03-03',
        replied_on: '2026-03-30',
        due_on: '2026-03-24',
        rating: 'unsatisfied',
        workdays: 19,
      },
      {
        kind: 'mailbox',
        status: 'not_accepted',
        received_on: '2026-03-04',
        replied_on: null,
        due_on: '2026-03-25',
        rating: null,
        workdays: null,
      },
      {
        kind: 'consult',
        status: 'received',
        received_on: '2026-04-01',
        replied_on: null,
        due_on: '2026-04-15',
        rating: null,
        workdays: null,
      },
    ]);
    expect(cells).toEqual([
      {
        month: '2026-03',
        kind: 'mailbox',
        received: 3,
        accepted: 2,
        answered: 2,
        answeredOnTime: 1,
        avgWorkdays: 11,
        rated: 2,
        satisfied: 1,
        satisfactionRate: 50,
      },
      {
        month: '2026-04',
        kind: 'consult',
        received: 1,
        accepted: 0,
        answered: 0,
        answeredOnTime: 0,
        avgWorkdays: null,
        rated: 0,
        satisfied: 0,
        satisfactionRate: null,
      },
    ]);
  });
});
