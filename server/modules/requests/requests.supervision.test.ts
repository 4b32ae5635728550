import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { buildCase, buildOrg, buildRequestEvent } from '../../../test/factories.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import { computeClocks, DEFAULT_CLOCK_RULES, type ClockEvent, type Clocks } from './deadlines.js';
import { RECEIPT_CHANNELS } from './receipt-date.js';
import {
  closedLateness,
  requestCaseFacts,
  requestCaseList,
  requestOpenDetail,
  requestPeriodDetail,
} from './requests.supervision.js';
import type { ClockEventRow } from './requests.supervision.repository.js';
import { insertEvents } from './requests.repository.js';

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

/**
 * The board's open-case facts read the events only of cases whose clock has more than the receipt and
 * rebuild the receipt of the others from the case row: every open case must get exactly the clocks
 * computeClocks gives over its full timeline, on both engines.
 */
describeEachDialect('open-case facts (board and scorecards)', (getDb) => {
  const A = buildOrg({ name: '甲局', code: 'sup-a' });
  const B = buildOrg({ name: '乙局', code: 'sup-b' });
  const today = '2026-04-10';
  const calendar = new WorkCalendar();
  const timelines = new Map<string, ClockEvent[]>();
  function closedCase(received: string, closed: string) {
    return buildCase({ org_id: A.id, received_on: received, stage: 'replied', closed_on: closed });
  }
  const cases = {
    plain: buildCase({ org_id: A.id, received_on: '2026-03-02', channel: 'online' }),
    soon: buildCase({ org_id: A.id, received_on: '2026-03-16', channel: 'in_person' }), // due 14 April
    paused: buildCase({ org_id: A.id, received_on: '2026-03-02', stage: 'assigned' }),
    extended: buildCase({ org_id: A.id, received_on: '2026-03-02', stage: 'drafting' }),
    consulted: buildCase({ org_id: A.id, received_on: '2026-03-09', stage: 'review' }),
    unconfirmed: buildCase({ org_id: A.id, received_on: null }),
    answered: buildCase({
      org_id: A.id,
      received_on: '2026-03-02',
      stage: 'replied',
      closed_on: '2026-03-20',
    }),
    other: buildCase({ org_id: B.id, received_on: '2026-03-02' }),
    // Closed in the period more than 20 calendar days after receipt (the ones lateness is judged for).
    lateAnswer: closedCase('2026-03-02', '2026-04-08'),
    slowOnTime: closedCase('2026-03-09', '2026-04-02'),
    extendedAnswer: closedCase('2026-03-02', '2026-04-08'),
    withdrawnLate: closedCase('2026-03-02', '2026-04-08'),
  };

  beforeAll(async () => {
    const { db } = getDb();
    await db.insertInto('orgs').values([A, B]).execute();
    await db.insertInto('request_cases').values(Object.values(cases)).execute();
    const received = (c: { received_on: string | null; channel: string }) =>
      ({ type: 'received', date: c.received_on!, channel: c.channel }) as ClockEvent;
    timelines.set(cases.plain.id, [received(cases.plain)]);
    timelines.set(cases.soon.id, [received(cases.soon)]);
    timelines.set(cases.paused.id, [
      received(cases.paused),
      { type: 'supplement_requested', date: '2026-03-04', items: ['申请内容不明确'] },
    ]);
    timelines.set(cases.extended.id, [
      received(cases.extended),
      { type: 'extension_approved', date: '2026-03-25', workdays: 20, approvedBy: '负责人' },
      { type: 'extension_notified', date: '2026-03-26' },
    ]);
    timelines.set(cases.consulted.id, [
      received(cases.consulted),
      { type: 'third_party_consultation_sent', date: '2026-03-12', consultationId: 'k1' },
      { type: 'third_party_consultation_replied', date: '2026-03-27', consultationId: 'k1' },
    ]);
    timelines.set(cases.answered.id, [received(cases.answered), { type: 'answered', date: '2026-03-20' }]);
    timelines.set(cases.other.id, [received(cases.other)]);
    const answered = (c: { closed_on: string | null }) => ({ type: 'answered', date: c.closed_on! }) as const;
    timelines.set(cases.lateAnswer.id, [received(cases.lateAnswer), answered(cases.lateAnswer)]);
    timelines.set(cases.slowOnTime.id, [received(cases.slowOnTime), answered(cases.slowOnTime)]);
    timelines.set(cases.extendedAnswer.id, [
      received(cases.extendedAnswer),
      { type: 'extension_approved', date: '2026-03-25', workdays: 20, approvedBy: '负责人' },
      { type: 'extension_notified', date: '2026-03-26' },
      answered(cases.extendedAnswer),
    ]);
    timelines.set(cases.withdrawnLate.id, [
      received(cases.withdrawnLate),
      { type: 'withdrawn', date: '2026-04-08' },
    ]);
    const rows = [...timelines].flatMap(([caseId, events]) =>
      events.map((e, i) =>
        buildRequestEvent(
          Object.values(cases).find((x) => x.id === caseId)!,
          i + 1,
          e,
        ),
      ),
    );
    await insertEvents(db, rows);
  });

  it('gives every open case the clocks of its full timeline, and counts them per agency', async () => {
    const { db } = getDb();
    const list = await requestCaseList(db, [A.id], { today, calendar }, 'open');
    // Open: all but the answered one and B's; the unconfirmed one (no 收到申请之日) has no clocks.
    expect(list.map((r) => r.orgId)).toEqual(Array(6).fill(A.id));
    expect(list.find((r) => r.id === cases.unconfirmed.id)).toMatchObject({
      answerDue: null,
      overdue: false,
    });
    const overdue: boolean[] = [];
    for (const r of list.filter((x) => x.id !== cases.unconfirmed.id)) {
      const clocks = computeClocks(timelines.get(r.id)!, calendar, DEFAULT_CLOCK_RULES, today);
      expect(r).toMatchObject({
        answerDue: clocks.answerDue,
        workdaysLeft: clocks.workdaysLeft,
        overdue: clocks.overdue,
        dueSoon: clocks.dueSoon,
      });
      overdue.push(clocks.overdue);
    }
    // The cases cover each verdict: overdue (plain), due soon, paused, extended and consulted on time.
    expect(overdue.filter(Boolean)).toHaveLength(1);
    const [facts] = await requestCaseFacts(db, [A.id], { today, calendar });
    expect(facts).toEqual({ orgId: A.id, open: 6, overdue: 1, dueSoon: 1, paused: 1 });
    const detail = await requestOpenDetail(db, [A.id, B.id], { today, calendar });
    expect(Object.fromEntries(detail.openByOrg)).toEqual({ [A.id]: 6, [B.id]: 1 });
    expect(detail.overdue.map((r) => r.id).sort()).toEqual(
      [...list.filter((r) => r.overdue).map((r) => r.id), cases.other.id].sort(),
    );
    expect(Object.fromEntries(detail.overdueByOrg)).toEqual({ [A.id]: 1, [B.id]: 1 });
    // Listing bounded per agency: the counts stay whole, only the listed records (and their reads) shrink.
    const bounded = await requestOpenDetail(db, [A.id, B.id], { today, calendar }, { listPerOrg: 0 });
    expect(bounded.overdue).toEqual([]);
    expect(bounded.overdueByOrg).toEqual(detail.overdueByOrg);
  });

  it('judges the closed cases of the period late exactly as computeClocks over their full timelines', async () => {
    const { db } = getDb();
    const period = { from: '2026-03-01', to: today };
    const { facts, lateAnswers } = await requestPeriodDetail(db, [A.id], { today, calendar }, period);
    const expected = [cases.lateAnswer, cases.slowOnTime, cases.extendedAnswer, cases.withdrawnLate]
      .filter((c) => computeClocks(timelines.get(c.id)!, calendar, DEFAULT_CLOCK_RULES, today).answeredLate)
      .map((c) => c.id);
    expect(expected).toEqual([cases.lateAnswer.id]); // extended in time, slow but on time, withdrawn: not late
    expect(lateAnswers.map((l) => l.id)).toEqual(expected);
    expect(lateAnswers[0]).toMatchObject({
      caseNumber: cases.lateAnswer.case_number,
      answerDue: computeClocks(timelines.get(cases.lateAnswer.id)!, calendar, DEFAULT_CLOCK_RULES, today)
        .answerDue,
      closedOn: '2026-04-08',
    });
    expect(facts).toEqual([{ orgId: A.id, closed: 5, closedLate: 1 }]);
  });
});
