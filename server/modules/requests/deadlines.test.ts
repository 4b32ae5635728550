import { describe, it, expect } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { computeClocks, remindersDue, validateEvent, DEFAULT_CLOCK_RULES } from './deadlines.js';
import type { ClockEvent } from './deadlines.js';

const cal = new WorkCalendar();
const rules = DEFAULT_CLOCK_RULES;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

/** Validates then appends each event, as the service will. */
function build(events: ClockEvent[]): ClockEvent[] {
  const log: ClockEvent[] = [];
  for (const e of events) {
    validateEvent(log, e, cal);
    log.push(e);
  }
  return log;
}

// Case A: received Mon 2025-01-20, across 2025 春节 (1/28–2/4 off; 1/26 日、2/8 六 上班).
const caseA: ClockEvent[] = [{ type: 'received', date: '2025-01-20', channel: 'in_person' }];

describe('answer clock across 2025 春节', () => {
  it('computes 补正 and answer deadlines', () => {
    // 补正: 1/21(1) 1/22(2) 1/23(3) 1/24(4) 1/26 日 调休(5) 1/27(6), 1/28–2/4 off, 2/5(7) → 2025-02-05
    // Answer: … 2/5(7) 2/6(8) 2/7(9) 2/8 六 调休(10) 2/10–2/14 (11–15) 2/17–2/21 (16–20) → 2025-02-21
    const c = computeClocks(caseA, cal, rules, '2025-02-10');
    expect(c.supplementNoticeDue).toBe('2025-02-05');
    expect(c.answerDueBase).toBe('2025-02-21');
    expect(c.answerDue).toBe('2025-02-21');
    expect(c.status).toBe('running');
    expect(c.dueDateFinal).toBe(true);
    // (2/10, 2/21]: 2/11 2/12 2/13 2/14 2/17 2/18 2/19 2/20 2/21 = 9
    expect(c.workdaysLeft).toBe(9);
    expect(c.dueSoon).toBe(false);
    expect(c.overdue).toBe(false);
    expect(c.estimated).toBe(false);
    const final = c.explanation.find((s) => s.code === 'answer_due');
    expect(final?.countedDays).toHaveLength(20);
    expect(final?.skippedDays?.map((d) => d.date)).toContain('2025-01-31');
    expect(final?.textZh).toContain('答复截止日：2025-02-21');
    expect(c.explanation[0]?.textZh).toContain('第二百零一条');
  });

  it('T-5, T-1 and overdue reminders', () => {
    // (2/14, 2/21] = 2/17 2/18 2/19 2/20 2/21 → 5 left on Fri 2/14
    const t5 = computeClocks(caseA, cal, rules, '2025-02-14');
    expect(t5.workdaysLeft).toBe(5);
    expect(t5.dueSoon).toBe(true);
    expect(remindersDue(t5, cal).map((r) => r.kind)).toEqual(['T-5']);
    // Sat 2/15 also has 5 left but is not a working day: no reminder.
    expect(remindersDue(computeClocks(caseA, cal, rules, '2025-02-15'), cal)).toEqual([]);
    const t1 = computeClocks(caseA, cal, rules, '2025-02-20');
    expect(t1.workdaysLeft).toBe(1);
    expect(remindersDue(t1, cal).map((r) => r.kind)).toEqual(['T-1']);
    expect(remindersDue(computeClocks(caseA, cal, rules, '2025-02-18'), cal)).toEqual([]);
    // Mon 2/24: (2/21, 2/24] = 1 working day late
    const late = computeClocks(caseA, cal, rules, '2025-02-24');
    expect(late).toMatchObject({ overdue: true, workdaysLeft: -1, dueSoon: false });
    expect(remindersDue(late, cal)[0]).toMatchObject({
      kind: 'overdue',
      messageZh: expect.stringContaining('已逾期1个工作日'),
    });
  });

  it('an answered case is frozen and records lateness', () => {
    const onTime = computeClocks(
      [...caseA, { type: 'answered', date: '2025-02-21' }],
      cal,
      rules,
      '2025-06-01',
    );
    expect(onTime).toMatchObject({
      status: 'answered',
      answeredLate: false,
      overdue: false,
      asOf: '2025-02-21',
      workdaysLeft: 0,
    });
    const late = computeClocks(
      [...caseA, { type: 'answered', date: '2025-02-24' }],
      cal,
      rules,
      '2025-06-01',
    );
    expect(late).toMatchObject({ status: 'answered', answeredLate: true, overdue: false });
    expect(remindersDue(late, cal)).toEqual([]);
    expect(
      computeClocks([...caseA, { type: 'withdrawn', date: '2025-01-22' }], cal, rules, '2025-06-01').status,
    ).toBe('closed');
  });

  it('第三十五条 deferral replaces the computed date', () => {
    const log = build([
      ...caseA,
      { type: 'deferred', date: '2025-02-10', newDueDate: '2025-03-31', reason: '申请数量明显超过合理范围' },
    ]);
    const c = computeClocks(log, cal, rules, '2025-02-28');
    expect(c.answerDue).toBe('2025-03-31');
    expect(c.deferredTo).toBe('2025-03-31');
    expect(c.overdue).toBe(false);
  });
});

describe('补正 (第三十条) restarts the clock', () => {
  // Received Mon 2025-09-15; 补正 notice due: 9/16(1) 9/17(2) 9/18(3) 9/19(4) 9/22(5) 9/23(6) 9/24(7) → 2025-09-24
  const base: ClockEvent[] = [
    { type: 'received', date: '2025-09-15', channel: 'online' },
    {
      type: 'supplement_requested',
      date: '2025-09-19',
      items: ['请明确所需文件名称或文号'],
      supplementDeadline: '2025-09-30',
    },
  ];

  it('while awaiting 补正 the clock is paused and the due date provisional', () => {
    const c = computeClocks(build(base), cal, rules, '2025-09-22');
    expect(c.supplementNoticeDue).toBe('2025-09-24');
    expect(c.status).toBe('paused');
    expect(c.pausedBy).toEqual(['supplement']);
    expect(c.supplementDue).toBe('2025-09-30');
    // As if the 补正 arrived today (Mon 9/22): 9/23–9/26 (1–4) 9/28 日 调休(5) 9/29(6) 9/30(7), 10/1–10/8 off,
    // 10/9(8) 10/10(9) 10/11 六 调休(10) 10/13–10/17 (11–15) 10/20–10/24 (16–20) → 2025-10-24
    expect(c.answerDue).toBe('2025-10-24');
    expect(c.dueDateFinal).toBe(false);
    expect(remindersDue(c, cal)).toEqual([]);
  });

  it('补正 received on a Saturday restarts from that Saturday', () => {
    const log = build([...base, { type: 'supplement_received', date: '2025-09-27' }]);
    const c = computeClocks(log, cal, rules, '2025-10-09');
    // Start Sat 9/27 (not counted). 9/28 日 调休(1) 9/29(2) 9/30(3), 10/1–10/8 off, 10/9(4) 10/10(5)
    // 10/11 六 调休(6), 10/13–10/17 (7–11), 10/20–10/24 (12–16), 10/27(17) 10/28(18) 10/29(19) 10/30(20) → 2025-10-30
    expect(c.clockStart).toBe('2025-09-27');
    expect(c.answerDue).toBe('2025-10-30');
    expect(c.status).toBe('running');
    expect(c.explanation.some((s) => s.code === 'supplement_restart')).toBe(true);
  });

  it('逾期不补正 closes the case', () => {
    const log = build([...base, { type: 'supplement_expired', date: '2025-10-09' }]);
    expect(computeClocks(log, cal, rules, '2025-10-20').status).toBe('closed');
    expect(codeOf(() => validateEvent(base, { type: 'supplement_expired', date: '2025-09-30' }, cal))).toBe(
      'supplement_not_expired',
    );
  });

  it('rejects a second 补正, a late 补正 and a 补正 received before the request', () => {
    expect(
      codeOf(() =>
        validateEvent(base, { type: 'supplement_requested', date: '2025-09-22', items: ['x'] }, cal),
      ),
    ).toBe('supplement_already_requested');
    const rec: ClockEvent[] = [{ type: 'received', date: '2025-01-20', channel: 'in_person' }];
    // due 2025-02-05 (see case A); 2/5 is fine, 2/6 is late
    expect(
      codeOf(() =>
        validateEvent(rec, { type: 'supplement_requested', date: '2025-02-05', items: ['x'] }, cal),
      ),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        validateEvent(rec, { type: 'supplement_requested', date: '2025-02-06', items: ['x'] }, cal),
      ),
    ).toBe('supplement_notice_late');
    expect(
      codeOf(() => validateEvent(rec, { type: 'supplement_requested', date: '2025-01-21', items: [] }, cal)),
    ).toBe('supplement_items_required');
    expect(codeOf(() => validateEvent(rec, { type: 'supplement_received', date: '2025-01-22' }, cal))).toBe(
      'supplement_before_request',
    );
    expect(codeOf(() => validateEvent(base, { type: 'supplement_received', date: '2025-09-18' }, cal))).toBe(
      'supplement_before_request',
    ); // 9/18 is before the 9/19 request
  });
});

describe('consultations (第三十二条、第三十四条) as excluded intervals', () => {
  // Received Mon 2025-09-15. Base: 9/16–9/19 (1–4) 9/22–9/26 (5–9) 9/28 日 调休(10) 9/29(11) 9/30(12),
  // 10/1–10/8 off, 10/9(13) 10/10(14) 10/11 六 调休(15) 10/13–10/17 (16–20) → 2025-10-17
  const rec: ClockEvent = { type: 'received', date: '2025-09-15', channel: 'in_person' };
  const sent: ClockEvent = {
    type: 'third_party_consultation_sent',
    date: '2025-09-26',
    consultationId: 'TP-1',
  };

  it('a third-party pause spanning 国庆 shifts the due date by the working days in (sent, replied]', () => {
    const log = build([
      rec,
      sent,
      { type: 'third_party_consultation_replied', date: '2025-10-10', consultationId: 'TP-1' },
    ]);
    const c = computeClocks(log, cal, rules, '2025-10-13');
    expect(c.answerDueBase).toBe('2025-10-17');
    // Excluded (9/26, 10/10]: 9/28(调休) 9/29 9/30 10/9 10/10 = 5 WD; 9/26 itself still counts.
    expect(c.excludedIntervals).toEqual([
      {
        kind: 'third_party_consultation',
        from: '2025-09-26',
        to: '2025-10-10',
        workdaysExcluded: 5,
        state: 'closed',
        ref: 'TP-1',
        excludedDays: ['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10'],
      },
    ]);
    // Counted 9/16–9/26 = 9; then 10/11 六 调休(10) 10/13–10/17 (11–15) 10/20–10/24 (16–20) → 2025-10-24 (= 10/17 + 5 WD)
    expect(c.answerDue).toBe('2025-10-24');
    expect(c.status).toBe('running');
    // Third party's own window: 15 WD from 9/26: 9/28 9/29 9/30 10/9 10/10 10/11 10/13–10/17 10/20–10/23 → 2025-10-23
    expect(c.consultationsDue).toEqual([
      expect.objectContaining({
        consultationId: 'TP-1',
        kind: 'third_party',
        replyDue: '2025-10-23',
        repliedOn: '2025-10-10',
        state: 'replied',
      }),
    ]);
    const step = c.explanation.find((s) => s.code === 'interval_third_party_consultation');
    expect(step?.textZh).toContain('第三十二条');
    expect(step?.excludedDays).toHaveLength(5);
  });

  it('an open pause is provisional: computed as if it ended today', () => {
    const c = computeClocks(build([rec, sent]), cal, rules, '2025-10-09');
    // (9/26, 10/9]: 9/28 9/29 9/30 10/9 = 4 → 10/17 + 4 WD = 10/23
    expect(c).toMatchObject({
      status: 'paused',
      pausedBy: ['third_party_consultation'],
      answerDue: '2025-10-23',
      dueDateFinal: false,
    });
    expect(c.excludedIntervals[0]).toMatchObject({ to: null, state: 'open', workdaysExcluded: 4 });
  });

  it('silence: the pause ends at the 15-working-day reply deadline', () => {
    const c = computeClocks(build([rec, sent]), cal, rules, '2025-10-27');
    // Lapsed at 10/23: excluded (9/26, 10/23] = 9/28 9/29 9/30 10/9 10/10 10/11 10/13–10/17 10/20–10/23 = 15 WD.
    // Counted 9 through 9/26, then 10/24(10) 10/27–10/31 (11–15) 11/3–11/7 (16–20) → 2025-11-07
    expect(c.excludedIntervals[0]).toMatchObject({ to: '2025-10-23', state: 'lapsed', workdaysExcluded: 15 });
    expect(c.consultationsDue[0]?.state).toBe('lapsed');
    expect(c.answerDue).toBe('2025-11-07');
    expect(c.status).toBe('running');
    // Without the cap the pause stays open until today.
    const uncapped = computeClocks(
      build([rec, sent]),
      cal,
      { ...rules, capConsultationPauseAtReplyDeadline: false },
      '2025-10-27',
    );
    expect(uncapped.status).toBe('paused');
  });

  it('overlapping third-party and agency consultations exclude each day once', () => {
    const log = build([
      rec,
      sent,
      { type: 'agency_consultation_sent', date: '2025-10-09', consultationId: 'AG-1' },
      { type: 'third_party_consultation_replied', date: '2025-10-10', consultationId: 'TP-1' },
      { type: 'agency_consultation_replied', date: '2025-10-14', consultationId: 'AG-1' },
    ]);
    const c = computeClocks(log, cal, rules, '2025-10-20');
    // TP (9/26, 10/10] = 5; AG (10/9, 10/14] = 10/10 10/11 10/13 10/14 = 4; union = 8 (10/10 shared).
    expect(c.excludedIntervals.map((i) => i.workdaysExcluded)).toEqual([5, 4]);
    // Counted 9 through 9/26; 10/15(10) 10/16(11) 10/17(12) 10/20–10/24 (13–17) 10/27(18) 10/28(19) 10/29(20) → 2025-10-29
    expect(c.answerDue).toBe('2025-10-29');
    expect(c.explanation.find((s) => s.code === 'answer_due')?.excludedDays).toHaveLength(8);
  });

  it('rejects replies before sending or to unknown consultations', () => {
    const log = build([rec, sent]);
    expect(
      codeOf(() =>
        validateEvent(
          log,
          { type: 'third_party_consultation_replied', date: '2025-09-25', consultationId: 'TP-1' },
          cal,
        ),
      ),
    ).toBe('consultation_reply_before_sent');
    expect(
      codeOf(() =>
        validateEvent(
          log,
          { type: 'third_party_consultation_replied', date: '2025-10-09', consultationId: 'TP-2' },
          cal,
        ),
      ),
    ).toBe('consultation_not_sent');
    expect(
      codeOf(() =>
        validateEvent(
          log,
          { type: 'agency_consultation_replied', date: '2025-10-09', consultationId: 'TP-1' },
          cal,
        ),
      ),
    ).toBe('consultation_not_sent');
    expect(codeOf(() => validateEvent(log, { ...sent, date: '2025-09-29' }, cal))).toBe(
      'consultation_duplicate',
    );
    expect(
      codeOf(() =>
        validateEvent(
          log,
          { type: 'third_party_consultation_replied', date: '2025-09-12', consultationId: 'TP-1' },
          cal,
        ),
      ),
    ).toBe('event_before_receipt');
  });
});

describe('extension (第三十三条第二款) across 2026 春节', () => {
  // Received Mon 2026-01-26. Base: 1/27–1/30 (1–4) 2/2–2/6 (5–9) 2/9–2/13 (10–14) 2/14 六 调休(15),
  // 2/15–2/23 春节 off, 2/24(16) 2/25(17) 2/26(18) 2/27(19) 2/28 六 调休(20) → 2026-02-28 (a working Saturday)
  const rec: ClockEvent = { type: 'received', date: '2026-01-26', channel: 'registered_mail' };
  const approved: ClockEvent = {
    type: 'extension_approved',
    date: '2026-02-25',
    workdays: 20,
    approvedBy: '张主任',
  };

  it('adds up to 20 working days once approved and notified before the original deadline', () => {
    expect(computeClocks([rec], cal, rules, '2026-02-02').answerDue).toBe('2026-02-28');
    const log = build([rec, approved, { type: 'extension_notified', date: '2026-02-26' }]);
    const c = computeClocks(log, cal, rules, '2026-03-02');
    // From 2/28 + 20 WD: 3/2–3/6 (1–5) 3/9–3/13 (6–10) 3/16–3/20 (11–15) 3/23–3/27 (16–20) → 2026-03-27
    expect(c).toMatchObject({
      answerDueBase: '2026-02-28',
      answerDueBeforeExtension: '2026-02-28',
      extensionDays: 20,
      extensionState: 'effective',
      answerDue: '2026-03-27',
    });
    expect(c.explanation.find((s) => s.code === 'extension')?.textZh).toContain('张主任');
  });

  it('an approved but un-notified extension is pending, then lapses at the original deadline', () => {
    const log = build([rec, approved]);
    expect(computeClocks(log, cal, rules, '2026-02-26')).toMatchObject({
      extensionState: 'pending_notice',
      answerDue: '2026-03-27',
      dueDateFinal: false,
    });
    expect(computeClocks(log, cal, rules, '2026-03-02')).toMatchObject({
      extensionState: 'ineffective',
      answerDue: '2026-02-28',
      overdue: true,
    });
  });

  it('rejects a second extension, one over 20 working days, and a late notice', () => {
    const log = build([rec, approved]);
    expect(codeOf(() => validateEvent(log, { ...approved, date: '2026-02-26', workdays: 5 }, cal))).toBe(
      'deadline_already_extended',
    );
    expect(codeOf(() => validateEvent([rec], { ...approved, workdays: 21 }, cal))).toBe('extension_too_long');
    expect(codeOf(() => validateEvent([rec], { ...approved, workdays: 0 }, cal))).toBe('invalid_extension');
    expect(codeOf(() => validateEvent([rec], { ...approved, approvedBy: '' }, cal))).toBe(
      'extension_approver_required',
    );
    expect(codeOf(() => validateEvent([rec], { ...approved, date: '2026-03-02' }, cal))).toBe(
      'extension_late',
    );
    // Original deadline 2/28; a notice on Mon 3/2 is too late.
    expect(codeOf(() => validateEvent(log, { type: 'extension_notified', date: '2026-03-02' }, cal))).toBe(
      'extension_notice_late',
    );
    expect(codeOf(() => validateEvent(log, { type: 'extension_notified', date: '2026-02-24' }, cal))).toBe(
      'extension_notice_before_approval',
    );
    expect(codeOf(() => validateEvent([rec], { type: 'extension_notified', date: '2026-02-24' }, cal))).toBe(
      'extension_not_approved',
    );
  });
});

describe('fee notice pause across 2026 国庆 (configurable, [M])', () => {
  // Received Mon 2026-09-21 → base 2026-10-26 (see calendar test: 9/25–27 中秋, 10/1–7 国庆, 10/10 六 调休).
  const log: ClockEvent[] = [
    { type: 'received', date: '2026-09-21', channel: 'in_person' },
    { type: 'fee_notice_sent', date: '2026-09-24' },
    { type: 'fee_paid', date: '2026-10-12' },
  ];

  it('excludes (notice, payment] and derives the payment deadline', () => {
    const c = computeClocks(build(log), cal, rules, '2026-10-20');
    // Payment: 20 WD from 9/24: 9/28 9/29 9/30 10/8 10/9 10/10(六) 10/12–10/16 10/19–10/23 10/26 10/27 10/28 10/29 → 2026-10-29
    expect(c.feePaymentDue).toBe('2026-10-29');
    expect(c.feeState).toBe('paid');
    // Excluded (9/24, 10/12]: 9/28 9/29 9/30 10/8 10/9 10/10 10/12 = 7 → 10/26 + 7 WD: 10/27–10/30 (4) 11/2 11/3 11/4 → 2026-11-04
    expect(c.excludedIntervals[0]).toMatchObject({ kind: 'fee_notice', workdaysExcluded: 7 });
    expect(c.answerDue).toBe('2026-11-04');
    const noPause = computeClocks(build(log), cal, { ...rules, pauseDuringFeeNotice: false }, '2026-10-20');
    expect(noPause.answerDue).toBe('2026-10-26');
    expect(noPause.excludedIntervals).toEqual([]);
  });

  it('rejects late payment and early expiry', () => {
    const noticed = build(log.slice(0, 2));
    expect(codeOf(() => validateEvent(noticed, { type: 'fee_paid', date: '2026-10-30' }, cal))).toBe(
      'fee_payment_late',
    );
    expect(codeOf(() => validateEvent(noticed, { type: 'fee_expired', date: '2026-10-29' }, cal))).toBe(
      'fee_not_expired',
    );
    expect(
      codeOf(() => validateEvent(noticed, { type: 'fee_expired', date: '2026-10-30' }, cal)),
    ).toBeUndefined();
    expect(codeOf(() => validateEvent(log.slice(0, 1), { type: 'fee_paid', date: '2026-10-01' }, cal))).toBe(
      'fee_not_noticed',
    );
  });
});

describe('uncovered years', () => {
  it('flags a deadline in 2027 as estimated', () => {
    // 2026-12-21 + 20 WD, 2027 estimated (元旦 1/1 skipped as a statutory holiday) → 2027-01-19 (see calendar test)
    const c = computeClocks(
      [{ type: 'received', date: '2026-12-21', channel: 'in_person' }],
      cal,
      rules,
      '2026-12-22',
    );
    expect(c).toMatchObject({ answerDue: '2027-01-19', estimated: true, uncoveredYears: [2027] });
    expect(c.explanation[c.explanation.length - 1]?.textZh).toBe('截止日期为预估：2027年放假安排尚未发布');
    expect(
      remindersDue(
        computeClocks(
          [{ type: 'received', date: '2026-12-21', channel: 'in_person' }],
          cal,
          rules,
          '2027-01-12',
        ),
        cal,
      )[0]?.messageZh,
    ).toContain('预估');
  });
});

describe('event validation: ordering and closure', () => {
  const rec: ClockEvent = { type: 'received', date: '2025-03-03', channel: 'in_person' };
  it('requires a receipt first and only once', () => {
    expect(codeOf(() => validateEvent([], { type: 'answered', date: '2025-03-04' }, cal))).toBe(
      'receipt_missing',
    );
    expect(codeOf(() => validateEvent([rec], { ...rec }, cal))).toBe('already_received');
    expect(codeOf(() => computeClocks([], cal, rules, '2025-03-04'))).toBe('receipt_missing');
  });
  it('rejects events before receipt and after closure', () => {
    expect(codeOf(() => validateEvent([rec], { type: 'answered', date: '2025-03-02' }, cal))).toBe(
      'event_before_receipt',
    );
    const closed = build([rec, { type: 'answered', date: '2025-03-10' }]);
    expect(
      codeOf(() =>
        validateEvent(
          closed,
          { type: 'third_party_consultation_sent', date: '2025-03-11', consultationId: 'X' },
          cal,
        ),
      ),
    ).toBe('case_closed');
    const withdrawn = build([rec, { type: 'withdrawn', date: '2025-03-05' }]);
    expect(codeOf(() => validateEvent(withdrawn, { type: 'answered', date: '2025-03-06' }, cal))).toBe(
      'case_closed',
    );
  });
  it('rejects malformed dates and unknown event types', () => {
    expect(codeOf(() => validateEvent([rec], { type: 'answered', date: '2025-02-30' }, cal))).toBe(
      'invalid_date',
    );
    expect(
      codeOf(() => validateEvent([rec], { type: 'bogus', date: '2025-03-04' } as unknown as ClockEvent, cal)),
    ).toBe('invalid_event');
  });
  it('rejects a second deferral and one not later than the deadline', () => {
    const d: ClockEvent = {
      type: 'deferred',
      date: '2025-03-10',
      newDueDate: '2025-06-30',
      reason: '数量大',
    };
    const log = build([rec, d]);
    expect(codeOf(() => validateEvent(log, { ...d, date: '2025-03-11' }, cal))).toBe('already_deferred');
    // Base due for Mon 2025-03-03 (no March holidays): 3/4–3/7 (1–4) 3/10–3/14 (5–9) 3/17–3/21 (10–14) 3/24–3/28 (15–19) 3/31 (20)
    expect(codeOf(() => validateEvent([rec], { ...d, newDueDate: '2025-03-31' }, cal))).toBe(
      'invalid_deferral_date',
    );
  });
});
