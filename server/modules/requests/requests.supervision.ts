/**
 * Read-only supervision facts of the requests module (依申请公开) for the supervision boards and the
 * scorecards (issue 19). Callers pass the agencies they may read (orgs.readableAgencyIds) — these
 * functions do no access checks of their own and never write.
 *
 * The statutory clocks are never stored (deadlines.ts): each fact reads the cases of ALL the given agencies
 * in one query and the events of only those whose clock something moved (requests.supervision.repository.ts;
 * no per-agency round trip), then derives the clocks with the same computeClocks the case pages use.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { DomainError } from '../../platform/errors.js';
import { toClockEvents } from './case-views.js';
import {
  computeClocks,
  DEFAULT_CLOCK_RULES,
  plainAnswerDue,
  type ClockEvent,
  type Clocks,
} from './deadlines.js';
import {
  caseExcerpts,
  closedCounts,
  DESCRIPTION_EXCERPT,
  openCasesWithEvents,
  receiptEvent,
  slowClosedCasesWithEvents,
  type ClockEventRow,
  type ClosedCase,
  type SupervisedCase,
} from './requests.supervision.repository.js';
import { STAGE_LABELS } from './requests.rules.js';
import type { RequestStage } from './requests.tables.js';

type Db = Kysely<DB>;

/** The as-of day and the working-day calendar in force (load it once per board). */
export interface AsOf {
  today: string;
  calendar: WorkCalendar;
}

export interface RequestCaseFacts {
  orgId: string;
  /** Cases in an open stage (registered … sign_off). */
  open: number;
  /** Open, not overdue, ≤ 5 working days left (deadlines.ts DUE_SOON_WORKDAYS). */
  dueSoon: number;
  /** Open and past the answer due date. */
  overdue: number;
  /** Open with the clock paused (补正, consultation, fee notice). */
  paused: number;
}

export interface RequestCaseFactRow {
  id: string;
  orgId: string;
  caseNumber: string;
  stage: RequestStage;
  stageLabel: string;
  receivedOn: string | null;
  answerDue: string | null;
  /** Working days in (today, due]; negative when overdue. */
  workdaysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  divisionId: string | null;
  descriptionExcerpt: string;
}

type Which = 'open' | 'due_soon' | 'overdue';

const excerpt = (d: string) => (d.length > DESCRIPTION_EXCERPT ? `${d.slice(0, DESCRIPTION_EXCERPT)}…` : d);

async function openCasesWithClocks(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
): Promise<{ row: SupervisedCase; clocks: Clocks | null }[]> {
  const { cases, events } = await openCasesWithEvents(db, orgIds);
  const byCase = groupEvents(events);
  const memo = new Map<string, Clocks | undefined>();
  // As of a past day (scorecards), a case received later did not exist yet.
  return cases
    .filter((row) => !row.received_on || row.received_on <= asOf.today)
    .flatMap((row) => {
      const events = byCase.get(row.id);
      const receipt = receiptEvent(row);
      // A case without events beyond its receipt: its receipt from the case's columns.
      const clockEvents = events ? toClockEvents(events) : receipt ? [receipt] : [];
      const clocks = clocksAsOf(row, clockEvents, asOf.calendar, asOf.today, memo);
      return clocks === undefined ? [] : [{ row, clocks }];
    });
}

/**
 * The clocks as of `today`; undefined when the case had not been received by then (receipt_missing).
 * computeClocks is pure, so cases with the same clock events (most open cases: a receipt and nothing that
 * moves the clock) share one computation through `memo` — what keeps a board over thousands of open
 * cases fast.
 */
function clocksAsOf(
  row: SupervisedCase,
  events: ClockEvent[],
  calendar: WorkCalendar,
  today: string,
  memo: Map<string, Clocks | undefined>,
): Clocks | null | undefined {
  if (!row.received_on) return null;
  return clocksOfEvents(events, calendar, today, memo);
}

function clocksOfEvents(
  clockEvents: ClockEvent[],
  calendar: WorkCalendar,
  today: string,
  memo: Map<string, Clocks | undefined>,
): Clocks | null | undefined {
  if (!clockEvents.some((e) => e.type === 'received')) return null;
  const key = `${today}\u0000${JSON.stringify(clockEvents)}`;
  if (memo.has(key)) return memo.get(key);
  let clocks: Clocks | undefined;
  try {
    clocks = computeClocks(clockEvents, calendar, DEFAULT_CLOCK_RULES, today);
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'receipt_missing')) throw e;
    clocks = undefined;
  }
  memo.set(key, clocks);
  return clocks;
}

/** Clock events by case, in the order read. */
export function groupEvents(events: ClockEventRow[]): Map<string, ClockEventRow[]> {
  const out = new Map<string, ClockEventRow[]>();
  for (const e of events) {
    const list = out.get(e.case_id);
    if (list) list.push(e);
    else out.set(e.case_id, [e]);
  }
  return out;
}

/** Open / due-soon / overdue / paused case counts per agency (a row for every given agency, zeros included). */
export async function requestCaseFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
): Promise<RequestCaseFacts[]> {
  const out = new Map<string, RequestCaseFacts>(
    orgIds.map((orgId) => [orgId, { orgId, open: 0, dueSoon: 0, overdue: 0, paused: 0 }]),
  );
  for (const { row, clocks } of await openCasesWithClocks(db, orgIds, asOf)) {
    const f = out.get(row.org_id);
    if (!f) continue;
    f.open++;
    if (clocks?.overdue) f.overdue++;
    else if (clocks?.dueSoon) f.dueSoon++;
    if (clocks?.status === 'paused') f.paused++;
  }
  return [...out.values()];
}

/** The cases behind a count (drill-down), earliest due first. */
export async function requestCaseList(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  which: Which,
): Promise<RequestCaseFactRow[]> {
  return listedCases(db, await openCasesWithClocks(db, orgIds, asOf), which);
}

/**
 * The open cases per agency and the overdue ones among them (scorecards: the base of the indicator and the
 * records behind its points), from one read of the open cases. `listPerOrg` bounds the overdue cases
 * listed per agency (earliest due first; their descriptions are read); `overdueByOrg` counts them all.
 */
export async function requestOpenDetail(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  opts: { listPerOrg?: number } = {},
): Promise<{
  openByOrg: Map<string, number>;
  overdueByOrg: Map<string, number>;
  overdue: RequestCaseFactRow[];
}> {
  const open = await openCasesWithClocks(db, orgIds, asOf);
  const openByOrg = new Map<string, number>();
  const overdueByOrg = new Map<string, number>();
  for (const { row, clocks } of open) {
    openByOrg.set(row.org_id, (openByOrg.get(row.org_id) ?? 0) + 1);
    if (clocks?.overdue) overdueByOrg.set(row.org_id, (overdueByOrg.get(row.org_id) ?? 0) + 1);
  }
  return { openByOrg, overdueByOrg, overdue: await listedCases(db, open, 'overdue', opts.listPerOrg) };
}

async function listedCases(
  db: Db,
  open: { row: SupervisedCase; clocks: Clocks | null }[],
  which: Which,
  perOrgCap = Number.POSITIVE_INFINITY,
): Promise<RequestCaseFactRow[]> {
  const listed = open
    .filter(({ clocks }) =>
      which === 'open' ? true : which === 'overdue' ? Boolean(clocks?.overdue) : Boolean(clocks?.dueSoon),
    )
    .sort(
      (a, b) =>
        (a.clocks?.answerDue ?? '9999').localeCompare(b.clocks?.answerDue ?? '9999') ||
        a.row.case_number.localeCompare(b.row.case_number),
    );
  // At most perOrgCap per agency, earliest due first (a scorecard keeps 500 records per indicator).
  const taken = new Map<string, number>();
  const kept = listed.filter(({ row }) => {
    const n = taken.get(row.org_id) ?? 0;
    taken.set(row.org_id, n + 1);
    return n < perOrgCap;
  });
  // The description is read only for the cases listed (the open cases come from an index without it).
  const excerpts = await caseExcerpts(
    db,
    kept.map(({ row }) => row.id),
  );
  return kept.map(({ row, clocks }) => ({
    id: row.id,
    orgId: row.org_id,
    caseNumber: row.case_number,
    stage: row.stage,
    stageLabel: STAGE_LABELS[row.stage],
    receivedOn: row.received_on,
    answerDue: clocks?.answerDue ?? null,
    workdaysLeft: clocks ? clocks.workdaysLeft : null,
    dueSoon: clocks?.dueSoon ?? false,
    overdue: clocks?.overdue ?? false,
    divisionId: row.division_id,
    descriptionExcerpt: excerpt(excerpts.get(row.id)?.description ?? ''),
  }));
}

export interface RequestPeriodFacts {
  orgId: string;
  /** Cases closed (reply or terminating notice sent, closed_on) within the period. */
  closed: number;
  /** Of those, answered after the statutory due date (deadlines.ts answeredLate). */
  closedLate: number;
}

/** A case closed in the period after its statutory due date (the records behind closedLate). */
export interface LateAnswerFact {
  id: string;
  orgId: string;
  caseNumber: string;
  receivedOn: string | null;
  answerDue: string | null;
  closedOn: string | null;
  descriptionExcerpt: string;
}

/**
 * Cases closed in [from, to] more than 20 calendar days after receipt — the only ones that can be late —
 * with their clocks (lateness does not depend on the as-of day).
 */
async function closedCasesWithClocks(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  period: { from: string; to: string },
): Promise<{ row: ClosedCase; clocks: Lateness | null | undefined }[]> {
  if (orgIds.length === 0) return [];
  const { cases, events } = await slowClosedCasesWithEvents(db, orgIds, period);
  const byCase = groupEvents(events);
  const memo = new Map<string, Clocks | undefined>();
  return cases.map((row) => {
    // Never compute before the case's closing: its answer is what is judged.
    const day = row.closed_on && row.closed_on > asOf.today ? row.closed_on : asOf.today;
    const events = byCase.get(row.id);
    // No events read: received on received_on, answered on closed_on and nothing in between
    // (slowClosedCasesWithEvents).
    const clocks = events
      ? closedLateness(row, events, asOf.calendar, day, memo)
      : row.received_on && row.closed_on
        ? plainLateness(asOf.calendar, row.received_on, row.closed_on)
        : null;
    return { row, clocks };
  });
}

/** What the scorecards judge of a closed case: its due date and whether the answer came after it. */
export type Lateness = Pick<Clocks, 'answerDue' | 'answeredLate'>;

/**
 * The lateness of a closed case. Most cases have no clock event between their receipt and their answer
 * (no 补正, consultation, extension, fee or deferral): they were due on plainAnswerDue (remembered per
 * receipt day, as the statistics judge them) — the full clocks of every case (explanations, day lists) took
 * most of a scorecard's time. Other cases get their full clocks, shared through `memo`. Equal to
 * computeClocks (tested).
 */
export function closedLateness(
  row: Pick<ClosedCase, 'received_on'>,
  events: ClockEventRow[],
  calendar: WorkCalendar,
  day: string,
  memo: Map<string, Clocks | undefined>,
): Lateness | null | undefined {
  if (!row.received_on) return null;
  const clockEvents = toClockEvents(events);
  const [received, answered] = clockEvents;
  if (
    clockEvents.length !== 2 ||
    received?.type !== 'received' ||
    answered?.type !== 'answered' ||
    answered.date > day // not yet answered as of that day
  )
    return clocksOfEvents(clockEvents, calendar, day, memo);
  return plainLateness(calendar, received.date, answered.date);
}

/** A case received and answered with nothing in between: due plainAnswerDue after its receipt. */
function plainLateness(calendar: WorkCalendar, receivedOn: string, answeredOn: string): Lateness {
  const answerDue = plainAnswerDue(calendar, receivedOn);
  return { answerDue, answeredLate: answeredOn > answerDue };
}
/** Cases closed in [from, to] per agency and how many of them were answered late (scorecards). */
export async function requestPeriodFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  period: { from: string; to: string },
): Promise<RequestPeriodFacts[]> {
  return (await requestPeriodDetail(db, orgIds, asOf, period)).facts;
}

/**
 * requestPeriodFacts plus the late-answered cases behind closedLate (scorecards: every point traceable),
 * latest closing first, from one read of the period's cases.
 */
export async function requestPeriodDetail(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  period: { from: string; to: string },
): Promise<{ facts: RequestPeriodFacts[]; lateAnswers: LateAnswerFact[] }> {
  if (orgIds.length === 0) return { facts: [], lateAnswers: [] };
  const out = new Map<string, RequestPeriodFacts>(
    orgIds.map((orgId) => [orgId, { orgId, closed: 0, closedLate: 0 }]),
  );
  const lateAnswers: LateAnswerFact[] = [];
  const [closed, slow] = await Promise.all([
    closedCounts(db, orgIds, period),
    closedCasesWithClocks(db, orgIds, asOf, period),
  ]);
  for (const [orgId, n] of closed) {
    const f = out.get(orgId);
    if (f) f.closed = n;
  }
  const late = slow.filter(({ row, clocks }) => out.has(row.org_id) && clocks?.answeredLate);
  const excerpts = await caseExcerpts(
    db,
    late.map(({ row }) => row.id),
  );
  for (const { row, clocks } of late) {
    out.get(row.org_id)!.closedLate++;
    const listed = excerpts.get(row.id);
    lateAnswers.push({
      id: row.id,
      orgId: row.org_id,
      caseNumber: listed?.caseNumber ?? '',
      receivedOn: row.received_on,
      answerDue: clocks?.answerDue ?? null,
      closedOn: row.closed_on,
      descriptionExcerpt: excerpt(listed?.description ?? ''),
    });
  }
  lateAnswers.sort(
    (a, b) => (b.closedOn ?? '').localeCompare(a.closedOn ?? '') || a.caseNumber.localeCompare(b.caseNumber),
  );
  return { facts: [...out.values()], lateAnswers };
}
