/** SQL of the annual report's 依申请公开 facts (requests.report.ts). Read-only. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/database.js';
import { toNumber } from '../../db/dialect.js';

type Db = Kysely<DB>;

/**
 * Table 三's groups: the cases in scope of [start, end] — received in it (`is_new` 1), or received
 * before it and not closed before it (0) — by applicant type and closing outcome (null = 结转下年度:
 * not closed with an outcome by `end`), each with its count and its ids joined by commas in id order.
 */
export function table3Groups(db: Db, dialect: DialectName, orgId: string, start: string, end: string) {
  // Closed in the year with an outcome → that outcome's row; anything else in scope → 结转下年度.
  const closing = sql<string | null>`case when closed_on <= ${end} and outcome_code is not null
    and outcome_code <> '' then outcome_code end`;
  const base = (isNew: 0 | 1) =>
    db
      .selectFrom('request_cases')
      .select(['id', 'applicant_type', sql<number>`${sql.lit(isNew)}`.as('is_new'), closing.as('closing')])
      .where('org_id', '=', orgId);
  // Three branches, not one OR, so each walks one index range.
  const scoped = base(1)
    .where('received_on', '>=', start)
    .where('received_on', '<=', end)
    .unionAll(base(0).where('closed_on', 'is', null).where('received_on', '<', start))
    .unionAll(base(0).where('closed_on', '>=', start).where('received_on', '<', start));
  const idList =
    dialect === 'postgres'
      ? sql<string>`string_agg(id, ',' order by id)`
      : sql<string>`group_concat(id, ',' order by id)`;
  return db
    .selectFrom(scoped.as('s'))
    .select(['is_new', 'applicant_type', 'closing', (eb) => eb.fn.countAll().as('n'), idList.as('ids')])
    .groupBy(['is_new', 'applicant_type', 'closing'])
    .execute();
}

/** Appeals filed in [start, end], in id order. */
export function appealsFiledIn(db: Db, orgId: string, start: string, end: string) {
  return db
    .selectFrom('request_appeals')
    .select(['id', 'kind', 'outcome', 'decided_on'])
    .where('org_id', '=', orgId)
    .where('filed_on', '>=', start)
    .where('filed_on', '<=', end)
    .orderBy('id')
    .execute();
}

/** 信息处理费 paid in [start, end], in fen. */
export async function feesPaidFen(db: Db, orgId: string, start: string, end: string): Promise<number> {
  const fees = await db
    .selectFrom('request_fees')
    .select(sql<number | string | null>`sum(paid_amount_fen)`.as('fen'))
    .where('org_id', '=', orgId)
    .where('paid_on', '>=', start)
    .where('paid_on', '<=', end)
    .executeTakeFirst();
  return toNumber(fees?.fen);
}
