/** SQL of the 双公示 statistics facts (enforcement.statistics.ts). Read-only. */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { DecisionKind } from './enforcement.tables.js';

type Db = Kysely<DB>;

const KINDS: readonly DecisionKind[] = ['license', 'penalty', 'coercion'];

/** Decisions dated in [from, to] per agency and kind, with how many are on the portal or were. */
export async function decisionGroups(db: Db, orgIds: readonly string[], from: string, to: string) {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('enforcement_decisions')
    .select([
      'org_id',
      'kind',
      (eb) => eb.fn.countAll().as('n'),
      sql<number | string>`sum(case when published_at is not null then 1 else 0 end)`.as('published'),
    ])
    .where('org_id', 'in', orgIds)
    .where('kind', 'in', KINDS)
    .where('decision_date', '>=', from)
    .where('decision_date', '<=', to)
    .groupBy(['org_id', 'kind'])
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    kind: r.kind,
    count: toNumber(r.n),
    published: toNumber(r.published),
  }));
}
