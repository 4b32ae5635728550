/**
 * Read-only supervision facts of the enforcement module (双公示), SQL and mapping together (entry: enforcement.supervision.ts), for the boards and the
 * scorecards (issue 19). Callers pass the agencies they may read (orgs.readableAgencyIds); no access
 * checks here, no writes.
 *
 * The 7-working-day publication deadline is stored per decision (`publish_due`, enforcement.rules.ts
 * publishDue, recomputed when the calendar changes); overdue is derived as in isPublicationOverdue: not
 * published, not taken down, and today after publish_due. One aggregated query per fact.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import { KIND_LABELS } from './enforcement.rules.js';
import type { DecisionKind, PubState } from './enforcement.tables.js';

type Db = Kysely<DB>;

const UNPUBLISHED: PubState[] = ['draft', 'review', 'approval'];

export interface EnforcementFacts {
  orgId: string;
  /** Decisions not yet public whose 7-working-day deadline has passed. */
  overdue: number;
  /** Decisions not yet public, deadline still ahead (today included). */
  pending: number;
}

/** Overdue and pending unpublished decisions per agency (a row for every given agency). */
export async function enforcementFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: { today: string },
): Promise<EnforcementFacts[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('enforcement_decisions')
    .select((eb) => [
      'org_id',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.case().when('publish_due', '<', asOf.today).then(1).else(0).end()).as('overdue'),
    ])
    .where('org_id', 'in', [...orgIds])
    .where('pub_state', 'in', UNPUBLISHED)
    .groupBy('org_id')
    .execute();
  const by = new Map(rows.map((r) => [r.org_id, r]));
  return orgIds.map((orgId) => {
    const r = by.get(orgId);
    const n = r ? toNumber(r.n) : 0;
    const overdue = r ? toNumber(r.overdue ?? 0) : 0;
    return { orgId, overdue, pending: n - overdue };
  });
}

export interface OverdueDecisionFact {
  id: string;
  orgId: string;
  kind: DecisionKind;
  decisionNumber: string;
  decisionDate: string;
  publishDue: string;
  pubState: PubState;
  itemName: string | null;
}

/** The overdue decisions behind a count (drill-down), longest overdue first; at most `limit`. */
export async function enforcementOverdueList(
  db: Db,
  orgIds: readonly string[],
  asOf: { today: string },
  limit = 500,
): Promise<OverdueDecisionFact[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('enforcement_decisions')
    .select([
      'id',
      'org_id',
      'kind',
      'decision_number',
      'decision_date',
      'publish_due',
      'pub_state',
      'item_name',
    ])
    .where('org_id', 'in', [...orgIds])
    .where('pub_state', 'in', UNPUBLISHED)
    .where('publish_due', '<', asOf.today)
    .orderBy('publish_due')
    .orderBy('decision_number')
    .limit(Math.min(Math.max(limit, 1), 5000))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    publishDue: r.publish_due,
    pubState: r.pub_state,
    itemName: r.item_name,
  }));
}

export interface EnforcementPeriodFacts {
  orgId: string;
  /** Decisions dated within the period. */
  decisions: number;
  /** Of those, published by the end (China time) of their publish_due day. */
  publishedOnTime: number;
  /** Published after publish_due. */
  publishedLate: number;
  /** Not published and publish_due already passed (as of today). */
  overdueUnpublished: number;
}

/**
 * 7-working-day compliance of the decisions dated in [from, to] (scorecards). `published_at` is a UTC
 * timestamp: published on time means before 16:00 UTC of publish_due (= the end of that China day).
 */
export async function enforcementPeriodFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: { today: string },
  period: { from: string; to: string },
): Promise<EnforcementPeriodFacts[]> {
  if (orgIds.length === 0) return [];
  const endOfDue = sql<string>`publish_due || 'T16:00:00.000Z'`;
  const rows = await db
    .selectFrom('enforcement_decisions')
    .select((eb) => [
      'org_id',
      eb.fn.countAll().as('n'),
      eb.fn
        .sum(
          eb
            .case()
            .when(eb.and([eb('published_at', 'is not', null), eb('published_at', '<', endOfDue)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('on_time'),
      eb.fn
        .sum(
          eb
            .case()
            .when(eb.and([eb('published_at', 'is not', null), eb('published_at', '>=', endOfDue)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('late'),
      eb.fn
        .sum(
          eb
            .case()
            .when(eb.and([eb('pub_state', 'in', UNPUBLISHED), eb('publish_due', '<', asOf.today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
    .where('org_id', 'in', [...orgIds])
    .where('decision_date', '>=', period.from)
    .where('decision_date', '<=', period.to)
    .groupBy('org_id')
    .execute();
  const by = new Map(rows.map((r) => [r.org_id, r]));
  return orgIds.map((orgId) => {
    const r = by.get(orgId);
    return {
      orgId,
      decisions: r ? toNumber(r.n) : 0,
      publishedOnTime: r ? toNumber(r.on_time ?? 0) : 0,
      publishedLate: r ? toNumber(r.late ?? 0) : 0,
      overdueUnpublished: r ? toNumber(r.overdue ?? 0) : 0,
    };
  });
}

export interface LateDecisionFact {
  id: string;
  orgId: string;
  kind: DecisionKind;
  decisionNumber: string;
  decisionDate: string;
  publishDue: string;
  /** Null while still unpublished (and past publish_due as of today). */
  publishedAt: string | null;
  itemName: string | null;
  kindLabel: string;
}

/**
 * The decisions dated in [from, to] that missed the 7-working-day deadline — published after publish_due
 * or still unpublished past it — the records behind enforcementPeriodFacts' failures (scorecards);
 * earliest deadline first, at most `limit`.
 */
export async function enforcementPeriodLateList(
  db: Db,
  orgIds: readonly string[],
  asOf: { today: string },
  period: { from: string; to: string },
  limit = 500,
): Promise<LateDecisionFact[]> {
  if (orgIds.length === 0) return [];
  const endOfDue = sql<string>`publish_due || 'T16:00:00.000Z'`;
  // The late decisions are found and ordered from enforcement_decisions_supervision alone; only the
  // rows listed are read.
  const late = db
    .selectFrom('enforcement_decisions')
    .select('id')
    .where('org_id', 'in', [...orgIds])
    .where('decision_date', '>=', period.from)
    .where('decision_date', '<=', period.to)
    .where((eb) =>
      eb.or([
        eb.and([eb('published_at', 'is not', null), eb('published_at', '>=', endOfDue)]),
        eb.and([eb('pub_state', 'in', UNPUBLISHED), eb('publish_due', '<', asOf.today)]),
      ]),
    )
    .orderBy('publish_due')
    .orderBy('decision_number')
    .limit(Math.min(Math.max(limit, 1), 5000));
  const rows = await db
    .with('late', () => late)
    .selectFrom('late')
    .innerJoin('enforcement_decisions as d', 'd.id', 'late.id')
    .select([
      'd.id',
      'd.org_id',
      'd.kind',
      'd.decision_number',
      'd.decision_date',
      'd.publish_due',
      'd.published_at',
      'd.item_name',
    ])
    .orderBy('d.publish_due')
    .orderBy('d.decision_number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    publishDue: r.publish_due,
    publishedAt: r.published_at,
    itemName: r.item_name,
    kindLabel: KIND_LABELS[r.kind] ?? r.kind,
  }));
}
