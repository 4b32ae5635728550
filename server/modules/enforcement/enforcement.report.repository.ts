/**
 * SQL of the annual report's table 二 facts (enforcement.report.ts): one agency's decisions dated in
 * [from, to], counted over the (org_id, kind, decision_date) index. Read-only.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DecisionKind } from './enforcement.tables.js';

type Db = Kysely<DB>;

const inPeriod = (db: Db, orgId: string, from: string, to: string) =>
  db
    .selectFrom('enforcement_decisions')
    .where('org_id', '=', orgId)
    .where('decision_date', '>=', from)
    .where('decision_date', '<=', to);

/** Decisions per kind; `kind in (…)` lets both engines walk one index range per kind. */
export async function decisionCountsByKind(
  db: Db,
  orgId: string,
  from: string,
  to: string,
  kinds: readonly DecisionKind[],
) {
  return inPeriod(db, orgId, from, to)
    .select(['kind', (eb) => eb.fn.countAll().as('n')])
    .where('kind', 'in', kinds)
    .groupBy('kind')
    .execute();
}

/** The first `limit` decisions of one kind by date (then id): the drill-down's record ids. */
export async function firstDecisionIds(
  db: Db,
  orgId: string,
  from: string,
  to: string,
  kind: DecisionKind,
  limit: number,
) {
  return inPeriod(db, orgId, from, to)
    .select('id')
    .where('kind', '=', kind)
    .orderBy('decision_date')
    .orderBy('id')
    .limit(limit)
    .execute();
}
