import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import { computeClock, STATUS_LABELS, type ClockInput } from './interaction.rules.js';
import { clocksAsOf } from './interaction.supervision.js';
import type { InteractionKind, InteractionStatus } from './interaction.tables.js';

/**
 * The boards and scorecards share one clock per receipt, restart, external due date, status and limits,
 * and judge an item's acceptance and answer against it: every field they read must equal computeClock's
 * for the item itself, whatever its dates.
 */
describe('interaction clocks for many items (boards, scorecards)', () => {
  const calendar = new WorkCalendar();
  const today = '2026-12-07';
  const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const item: fc.Arbitrary<ClockInput> = fc.record({
    kind: fc.constantFrom<InteractionKind>('mailbox', 'consult', 'complaint', 'hotline', 'site_error'),
    status: fc.constantFrom(...(Object.keys(STATUS_LABELS) as InteractionStatus[])),
    received_on: day('2026-01-01', 330),
    accepted_on: maybe(day('2026-01-01', 340)),
    replied_on: maybe(day('2026-01-01', 340)),
    external_due_on: maybe(day('2026-01-10', 340)),
    answer_restart_on: maybe(day('2026-02-01', 300)),
  });
  const limits = fc.record({
    acceptWorkdays: fc.integer({ min: 1, max: 10 }),
    answerWorkdays: fc.integer({ min: 1, max: 30 }),
  });

  it('equals computeClock field by field', () => {
    const clock = clocksAsOf({ today, calendar });
    fc.assert(
      fc.property(item, limits, (i, l) => {
        const full = computeClock(i, l, calendar, today);
        expect(clock(i, l)).toEqual({
          acceptDue: full.acceptDue,
          answerDue: full.answerDue,
          workdaysLeft: full.workdaysLeft,
          dueSoon: full.dueSoon,
          overdue: full.overdue,
          acceptedLate: full.acceptedLate,
          answeredLate: full.answeredLate,
        });
      }),
      { numRuns: 1000 },
    );
  });
});
