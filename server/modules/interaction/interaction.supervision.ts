/**
 * Read-only supervision facts of the interaction module (互动交流) for the supervision boards and the
 * scorecards (issue 19). Callers pass the agencies they may read (orgs.readableAgencyIds); no access
 * checks here, no writes.
 *
 * Clocks are never stored (interaction.rules.ts computeClock): each fact reads the open (or answered)
 * items of ALL the given agencies in one query and their kind settings in one more, then derives the
 * clocks with the same computeClock the console's boards use.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { compareIso } from '../../platform/calendar/iso-date.js';
import {
  computeClock,
  DEFAULT_SETTINGS,
  KIND_LABELS,
  type ClockInput,
  type ItemClock,
  type KindSettings,
} from './interaction.rules.js';
import type { InteractionKind, InteractionStatus } from './interaction.tables.js';
import * as repo from './interaction.supervision.repository.js';

type Db = Kysely<DB>;

export interface AsOf {
  today: string;
  calendar: WorkCalendar;
}

type Limits = Pick<KindSettings, 'acceptWorkdays' | 'answerWorkdays'>;

/** Accept/answer limits per agency and kind (the agency's settings, else the defaults). */
async function limitsOf(db: Db, ids: string[]): Promise<(orgId: string, kind: InteractionKind) => Limits> {
  const rows = await repo.kindLimits(db, ids);
  const by = new Map(
    rows.map((r) => [
      `${r.org_id}|${r.kind}`,
      { acceptWorkdays: Number(r.accept_workdays), answerWorkdays: Number(r.answer_workdays) },
    ]),
  );
  return (orgId, kind) => by.get(`${orgId}|${kind}`) ?? DEFAULT_SETTINGS[kind];
}

export interface InteractionFacts {
  orgId: string;
  open: number;
  /** Open and past the accept (while received) or answer due date. */
  overdue: number;
  dueSoon: number;
}

export interface InteractionItemFact {
  id: string;
  orgId: string;
  number: string;
  kind: InteractionKind;
  kindLabel: string;
  status: InteractionStatus;
  subject: string;
  receivedOn: string;
  /** The due date that runs now: accept due while received, else answer due. */
  due: string;
  workdaysLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
  divisionId: string | null;
}

/** What the boards and scorecards read of an item's clock (not its explanation text). */
export type ItemDeadlines = Pick<
  ItemClock,
  'acceptDue' | 'answerDue' | 'workdaysLeft' | 'dueSoon' | 'overdue' | 'acceptedLate' | 'answeredLate'
>;

/**
 * computeClock for many items as of one day. The due dates depend only on the receipt, a restart, an
 * external (12345) due date, the status and the kind's limits — not on when the item was accepted or
 * answered — so items sharing those (most of a period's thousands) share one computation, which also walks
 * the calendar twice and builds the explanation text; whether an item was accepted or answered late is then
 * one comparison with the shared due dates. Equal to computeClock's fields (tested).
 */
export function clocksAsOf(asOf: AsOf): (item: ClockInput, limits: Limits) => ItemDeadlines {
  const memo = new Map<string, ItemClock>();
  return (i, l) => {
    const key = [
      i.status,
      i.received_on,
      i.external_due_on,
      i.answer_restart_on,
      l.acceptWorkdays,
      l.answerWorkdays,
    ].join('|');
    let c = memo.get(key);
    if (!c)
      memo.set(
        key,
        (c = computeClock({ ...i, accepted_on: null, replied_on: null }, l, asOf.calendar, asOf.today)),
      );
    return {
      acceptDue: c.acceptDue,
      answerDue: c.answerDue,
      workdaysLeft: c.workdaysLeft,
      dueSoon: c.dueSoon,
      overdue: c.overdue,
      acceptedLate: i.accepted_on !== null && compareIso(i.accepted_on, c.acceptDue) > 0,
      answeredLate: i.replied_on !== null && compareIso(i.replied_on, c.answerDue) > 0,
    };
  };
}

async function openWithClocks(db: Db, orgIds: readonly string[], asOf: AsOf): Promise<InteractionItemFact[]> {
  if (orgIds.length === 0) return [];
  const ids = [...orgIds];
  const [items, limits] = await Promise.all([repo.clockItems(db, ids), limitsOf(db, ids)]);
  const clock = clocksAsOf(asOf);
  return items.map((i) => {
    const c = clock(i, limits(i.org_id, i.kind));
    return {
      id: i.id,
      orgId: i.org_id,
      number: i.number,
      kind: i.kind,
      kindLabel: KIND_LABELS[i.kind],
      status: i.status,
      subject: i.subject,
      receivedOn: i.received_on,
      due: i.status === 'received' ? c.acceptDue : c.answerDue,
      workdaysLeft: c.workdaysLeft,
      overdue: c.overdue,
      dueSoon: c.dueSoon,
      divisionId: i.division_id,
    };
  });
}

/** Open / overdue / due-soon items per agency (a row for every given agency). */
export async function interactionFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
): Promise<InteractionFacts[]> {
  const out = new Map<string, InteractionFacts>(
    orgIds.map((orgId) => [orgId, { orgId, open: 0, overdue: 0, dueSoon: 0 }]),
  );
  for (const i of await openWithClocks(db, orgIds, asOf)) {
    const f = out.get(i.orgId);
    if (!f) continue;
    f.open++;
    if (i.overdue) f.overdue++;
    else if (i.dueSoon) f.dueSoon++;
  }
  return [...out.values()];
}

/** The open items behind a count (drill-down), earliest due first. */
export async function interactionItemList(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  which: 'open' | 'overdue' | 'due_soon',
): Promise<InteractionItemFact[]> {
  return (await openWithClocks(db, orgIds, asOf))
    .filter((i) => (which === 'open' ? true : which === 'overdue' ? i.overdue : i.dueSoon))
    .sort((a, b) => a.due.localeCompare(b.due) || a.number.localeCompare(b.number));
}

export interface InteractionPeriodFacts {
  orgId: string;
  /** Items answered (replied_on) within the period. */
  answered: number;
  /** Of those, answered by their due date (a 12345 order's own deadline, else the kind's limit). */
  answeredOnTime: number;
  /** Items rated within the period's answers. */
  rated: number;
  /** 满意 + 基本满意 among the rated. */
  satisfied: number;
}

/** One item answered in the period, as the scorecards count it. */
export interface InteractionAnsweredFact {
  id: string;
  orgId: string;
  number: string;
  kind: InteractionKind;
  kindLabel: string;
  subject: string;
  receivedOn: string;
  repliedOn: string;
  /** The answer due date (a 12345 order's own deadline, else the kind's limit). */
  answerDue: string;
  answeredLate: boolean;
  /** The public's rating of the answer, if any. */
  rating: string | null;
}

/**
 * The items answered in [from, to] with their lateness and rating (scorecards: the records behind the
 * on-time and satisfaction figures), answer order.
 */
export async function interactionAnsweredItems(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  period: { from: string; to: string },
): Promise<InteractionAnsweredFact[]> {
  if (orgIds.length === 0) return [];
  const ids = [...orgIds];
  const [items, limits] = await Promise.all([repo.clockItems(db, ids, period), limitsOf(db, ids)]);
  const clock = clocksAsOf(asOf);
  return items
    .map((i) => {
      const c = clock(i, limits(i.org_id, i.kind));
      return {
        id: i.id,
        orgId: i.org_id,
        number: i.number,
        kind: i.kind,
        kindLabel: KIND_LABELS[i.kind],
        subject: i.subject,
        receivedOn: i.received_on,
        repliedOn: i.replied_on ?? '',
        answerDue: c.answerDue,
        answeredLate: c.answeredLate,
        rating: i.rating ?? null,
      };
    })
    .sort((a, b) => a.repliedOn.localeCompare(b.repliedOn) || a.number.localeCompare(b.number));
}

/** Per-agency on-time reply and satisfaction of answered items (rows for every given agency). */
export function interactionPeriodSummary(
  orgIds: readonly string[],
  items: readonly InteractionAnsweredFact[],
): InteractionPeriodFacts[] {
  const out = new Map<string, InteractionPeriodFacts>(
    orgIds.map((orgId) => [orgId, { orgId, answered: 0, answeredOnTime: 0, rated: 0, satisfied: 0 }]),
  );
  for (const i of items) {
    const f = out.get(i.orgId);
    if (!f) continue;
    f.answered++;
    if (!i.answeredLate) f.answeredOnTime++;
    if (i.rating) {
      f.rated++;
      if (i.rating !== 'unsatisfied') f.satisfied++;
    }
  }
  return [...out.values()];
}

/** On-time reply and satisfaction of the items answered in [from, to] (scorecards). */
export async function interactionPeriodFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  period: { from: string; to: string },
): Promise<InteractionPeriodFacts[]> {
  if (orgIds.length === 0) return [];
  return interactionPeriodSummary(orgIds, await interactionAnsweredItems(db, orgIds, asOf, period));
}
