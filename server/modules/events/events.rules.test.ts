import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkFeedback,
  checkPhone,
  checkPublication,
  checkReply,
  dueStatus,
  nextEventState,
  proposalDeadline,
  registrationOpen,
  registrationProblem,
  RuleViolation,
} from './events.rules.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as RuleViolation).code;
  }
  return 'passed';
};

describe('event state machine', () => {
  const hearing = { kind: 'hearing' as const, state: 'planned' as const, eventDate: '2026-12-20' };
  it('announces a hearing only with text and a registration deadline before the hearing', () => {
    expect(code(() => nextEventState(hearing, 'announce', '2026-12-06'))).toBe('announcement_required');
    expect(code(() => nextEventState({ ...hearing, announcement: '公告' }, 'announce', '2026-12-06'))).toBe(
      'invalid_date',
    );
    expect(
      code(() =>
        nextEventState(
          { ...hearing, announcement: '公告', registrationDeadline: '2026-12-20' },
          'announce',
          '2026-12-06',
        ),
      ),
    ).toBe('registration_deadline_after_event');
    expect(
      code(() =>
        nextEventState(
          { ...hearing, announcement: '公告', registrationDeadline: '2026-12-05' },
          'announce',
          '2026-12-06',
        ),
      ),
    ).toBe('registration_deadline_past');
    expect(
      nextEventState(
        { ...hearing, announcement: '公告', registrationDeadline: '2026-12-10' },
        'announce',
        '2026-12-06',
      ),
    ).toBe('announced');
  });
  it('refuses to hold an unannounced hearing or an event in the future', () => {
    expect(code(() => nextEventState({ ...hearing, eventDate: '2026-12-01' }, 'hold', '2026-12-06'))).toBe(
      'announcement_missing',
    );
    expect(code(() => nextEventState({ ...hearing, state: 'announced' }, 'hold', '2026-12-06'))).toBe(
      'event_in_future',
    );
    expect(
      nextEventState({ kind: 'forum', state: 'planned', eventDate: '2026-12-06' }, 'hold', '2026-12-06'),
    ).toBe('held');
  });
  it('publishes a record only when held, and a hearing only with the handling of opinions', () => {
    expect(
      code(() =>
        nextEventState(
          { kind: 'forum', state: 'planned', eventDate: '2026-12-01', recordText: 'x' },
          'publish',
          '2026-12-06',
        ),
      ),
    ).toBe('event_state');
    expect(
      code(() => nextEventState({ ...hearing, state: 'held', recordText: '笔录' }, 'publish', '2026-12-30')),
    ).toBe('opinions_handling_required');
    expect(
      nextEventState(
        { ...hearing, state: 'held', recordText: '笔录', opinionsHandling: '采纳3条' },
        'publish',
        '2026-12-30',
      ),
    ).toBe('published');
  });
  it('cancels only with a reason and never after the event was held', () => {
    expect(code(() => nextEventState({ ...hearing }, 'cancel', '2026-12-06'))).toBe('reason_required');
    expect(
      code(() => nextEventState({ ...hearing, state: 'held', cancelReason: 'x' }, 'cancel', '2026-12-06')),
    ).toBe('event_state');
  });
});

describe('hearing registration window', () => {
  const e = { kind: 'hearing' as const, state: 'announced' as const, registrationDeadline: '2026-12-10' };
  it('is open through the deadline day and closed after it', () => {
    expect(registrationOpen(e, '2026-12-10')).toBe(true);
    expect(registrationOpen(e, '2026-12-11')).toBe(false);
    expect(registrationProblem(e, '2026-12-11')?.code).toBe('registration_closed');
    expect(registrationProblem({ ...e, kind: 'press_conference' }, '2026-12-01')?.code).toBe(
      'registration_not_open',
    );
  });
});

describe('proposal rules', () => {
  it('adds three calendar months, clamping at the month end', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(proposalDeadline('2026-03-15', 3)).toBe('2026-06-15');
    expect(code(() => proposalDeadline('2026-02-30', 3))).toBe('invalid_date');
    expect(code(() => proposalDeadline('2026-02-01', 13))).toBe('invalid_deadline_months');
  });
  const open = {
    state: 'assigned' as const,
    assignedOn: '2026-03-15',
    role: 'lead' as const,
    pendingCoOpinions: 0,
  };
  it('refuses a reply before assignment, in the future, outside A/B/C, or with 会办 opinions pending', () => {
    const ok = { repliedOn: '2026-05-01', replyClass: 'A', replyText: '答复' };
    expect(code(() => checkReply(open, { ...ok, repliedOn: '2026-03-14' }, '2026-06-01'))).toBe(
      'reply_before_assignment',
    );
    expect(code(() => checkReply(open, { ...ok, repliedOn: '2026-06-02' }, '2026-06-01'))).toBe(
      'reply_in_future',
    );
    expect(code(() => checkReply(open, { ...ok, replyClass: 'D' }, '2026-06-01'))).toBe(
      'invalid_reply_class',
    );
    expect(code(() => checkReply({ ...open, pendingCoOpinions: 2 }, ok, '2026-06-01'))).toBe(
      'co_opinions_pending',
    );
    expect(code(() => checkReply({ ...open, state: 'replied' }, ok, '2026-06-01'))).toBe('already_replied');
    expect(checkReply({ ...open, role: 'co', pendingCoOpinions: 1 }, ok, '2026-06-01')).toBe('A');
  });
  it('records feedback once, after the reply', () => {
    const replied = { state: 'replied' as const, repliedOn: '2026-05-01', feedback: null };
    expect(
      code(() =>
        checkFeedback(
          { ...replied, state: 'assigned', repliedOn: null },
          { feedback: 'satisfied', feedbackOn: '2026-05-02' },
          '2026-06-01',
        ),
      ),
    ).toBe('not_replied');
    expect(
      code(() => checkFeedback(replied, { feedback: 'satisfied', feedbackOn: '2026-04-30' }, '2026-06-01')),
    ).toBe('feedback_before_reply');
    expect(
      code(() =>
        checkFeedback(
          { ...replied, feedback: 'satisfied' },
          { feedback: 'satisfied', feedbackOn: '2026-05-02' },
          '2026-06-01',
        ),
      ),
    ).toBe('feedback_exists');
    expect(checkFeedback(replied, { feedback: 'dissatisfied', feedbackOn: '2026-05-02' }, '2026-06-01')).toBe(
      'dissatisfied',
    );
  });
  it('withholding publication needs a reason', () => {
    expect(code(() => checkPublication({ state: 'replied', replyText: 'x' }, { action: 'withhold' }))).toBe(
      'reason_required',
    );
    expect(code(() => checkPublication({ state: 'assigned', replyText: null }, { action: 'publish' }))).toBe(
      'not_replied',
    );
  });
  it('computes due status from the deadline and working days left', () => {
    expect(dueStatus({ deadline: '2026-06-15', finished: false }, '2026-06-16', -1, 10)).toBe('overdue');
    expect(dueStatus({ deadline: '2026-06-15', finished: false }, '2026-06-10', 3, 10)).toBe('due_soon');
    expect(dueStatus({ deadline: '2026-06-15', finished: false }, '2026-05-10', 25, 10)).toBe('on_track');
    expect(dueStatus({ deadline: '2026-06-15', finished: true }, '2026-07-10', 0, 10)).toBe('done');
  });
  it('accepts mobile and landline numbers and refuses others', () => {
    expect(checkPhone('139 0533 0001')).toBe('13905330001');
    expect(checkPhone('0533-1234567')).toBe('05331234567');
    expect(code(() => checkPhone('12345'))).toBe('invalid_phone');
  });
});
