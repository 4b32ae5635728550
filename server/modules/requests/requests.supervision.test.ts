import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import { computeClocks, DEFAULT_CLOCK_RULES, type ClockEvent, type Clocks } from './deadlines.js';
import { RECEIPT_CHANNELS } from './receipt-date.js';
import { closedLateness } from './requests.supervision.js';
import type { ClockEventRow } from './requests.supervision.repository.js';

const row = (e: ClockEvent): ClockEventRow => {
  const { type, date, ...payload } = e;
  return { case_id: 'c', type, event_date: date, payload: JSON.stringify(payload) };
};

/**
 * The scorecards judge a closed case by closedLateness, which skips the full clocks of a case answered with
 * nothing in between: it must say exactly what computeClocks says, for every receipt channel, receipt day
 * (weekends and holidays included) and answer day, and for cases with other clock events.
 */
describe('closedLateness (scorecards: answered late?)', () => {
  const calendar = new WorkCalendar();
  const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2025-01-01', n));

  it('equals computeClocks for cases answered with no clock event in between', () => {
    const memo = new Map<string, Clocks | undefined>();
    fc.assert(
      fc.property(
        day,
        fc.constantFrom(...RECEIPT_CHANNELS),
        fc.integer({ min: 0, max: 60 }),
        (received, channel, after) => {
          const events: ClockEvent[] = [
            { type: 'received', date: received, channel },
            { type: 'answered', date: addDays(received, after) },
          ];
          const asOf = '2026-12-07';
          const full = computeClocks(events, calendar, DEFAULT_CLOCK_RULES, asOf);
          const fast = closedLateness(
            { received_on: received },
            events.map((e) => row(e)),
            calendar,
            asOf,
            memo,
          );
          // (An answer after the as-of day is not seen yet: both leave answeredLate unset.)
          expect({ answerDue: fast?.answerDue, answeredLate: fast?.answeredLate }).toEqual({
            answerDue: full.answerDue,
            answeredLate: full.answeredLate,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the full clocks when something moved the clock (an extension notified in time)', () => {
    const received = '2026-03-02';
    const events: ClockEvent[] = [
      { type: 'received', date: received, channel: 'online' },
      { type: 'extension_approved', date: '2026-03-20', workdays: 20, approvedBy: '负责人' },
      { type: 'extension_notified', date: '2026-03-23' },
      { type: 'answered', date: '2026-04-20' },
    ];
    const full = computeClocks(events, calendar, DEFAULT_CLOCK_RULES, '2026-12-07');
    const fast = closedLateness(
      { received_on: received },
      events.map((e) => row(e)),
      calendar,
      '2026-12-07',
      new Map(),
    );
    expect(fast?.answerDue).toBe(full.answerDue);
    expect(fast?.answeredLate).toBe(full.answeredLate);
    expect(fast?.answeredLate).toBe(false); // late without the extension, on time with it
    const without = computeClocks([events[0]!, events[3]!], calendar, DEFAULT_CLOCK_RULES, '2026-12-07');
    expect(without.answeredLate).toBe(true);
  });

  it('has no lateness for a case never received', () => {
    expect(closedLateness({ received_on: null }, [], calendar, '2026-12-07', new Map())).toBeNull();
  });
});
