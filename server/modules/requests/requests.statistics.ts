/**
 * Read-only 依申请公开 facts for the statistics module (server/modules/statistics), with the annual
 * report's definitions (requests.report.ts): received = 收到申请之日 in the period; answered = closed
 * (reply or terminating notice sent) in the period with an outcome, each in exactly one outcome.
 *
 * Lateness is judged by the statutory clock (deadlines.ts computeClocks over the case's events, with
 * pauses, extension and 第三十五条 deferral), computed only for cases answered more than 20 calendar
 * days after receipt: a faster answer is never late, so the cost follows the slow cases.
 */
import type { Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import {
  ANSWER_WORKDAYS,
  computeClocks,
  DEFAULT_CLOCK_RULES,
  plainAnswerDue,
  type ClockEvent,
} from './deadlines.js';
import { calendarFor } from './case-views.js';
import { groupEvents } from './requests.supervision.js';
import { eventsOfCases } from './requests.supervision.repository.js';
import * as repo from './requests.statistics.repository.js';

export interface RequestStatistics {
  received: { orgId: string; channel: string; applicantType: string; count: number }[];
  /** answered cases per agency, outcome code, 收到申请之日 and answer day (durations come from the pairs) */
  answered: {
    orgId: string;
    outcomeCode: string;
    receivedOn: string | null;
    closedOn: string;
    count: number;
  }[];
  /** answered cases per agency whose answer came after the statutory due date */
  late: { orgId: string; count: number }[];
}

/** Request facts of the agencies for [from, to] (China dates, inclusive). */
export async function requestStatistics(
  ctx: Ctx,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<RequestStatistics> {
  const [received, answered, slow] = await Promise.all([
    repo.receivedGroups(ctx.db, orgIds, from, to),
    repo.answeredGroups(ctx.db, orgIds, from, to),
    repo.slowAnswered(ctx.db, orgIds, from, to),
  ]);
  const lateBy = new Map<string, number>();
  if (slow.length > 0) {
    const calendar = await calendarFor(ctx);
    const today = todayInChina(ctx.clock);
    // Most slow cases have a plain clock (received → answered): due 20 working days after receipt,
    // computed once per receipt day. The others (pause, extension, deferral …: clockMoved) get the full clock.
    const events = groupEvents(
      await eventsOfCases(
        ctx.db,
        slow.filter((s) => s.clockMoved).map((s) => s.id),
      ),
    );
    for (const s of slow) {
      const late = s.clockMoved
        ? isLate(s, events.get(s.id) ?? [], calendar, today)
        : s.closedOn > plainAnswerDue(calendar, s.receivedOn);
      if (late) lateBy.set(s.orgId, (lateBy.get(s.orgId) ?? 0) + 1);
    }
  }
  return {
    received,
    answered,
    late: [...lateBy.entries()].map(([orgId, count]) => ({ orgId, count })),
  };
}

function isLate(
  c: { receivedOn: string; closedOn: string },
  rows: { type: string; event_date: string; payload: string }[],
  calendar: Awaited<ReturnType<typeof calendarFor>>,
  today: string,
): boolean {
  const events = rows.map(
    (r) => ({ ...(JSON.parse(r.payload) as object), type: r.type, date: r.event_date }) as ClockEvent,
  );
  // A case without its timeline (imported history): the plain 20 working days from receipt.
  if (!events.some((e) => e.type === 'received'))
    return calendar.workdaysBetween(c.receivedOn, c.closedOn) > ANSWER_WORKDAYS;
  try {
    const clocks = computeClocks(
      events,
      calendar,
      DEFAULT_CLOCK_RULES,
      today < c.closedOn ? c.closedOn : today,
    );
    return clocks.answeredLate ?? c.closedOn > clocks.answerDue;
  } catch {
    return calendar.workdaysBetween(c.receivedOn, c.closedOn) > ANSWER_WORKDAYS;
  }
}
