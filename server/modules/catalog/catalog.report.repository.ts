/** SQL of the catalog's annual-report facts (catalog.report.ts). Read-only. */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CatalogReportFacts } from '../annual-report/sources.js';
import type { DocKind } from './catalog.tables.js';

type Db = Kysely<DB>;

export type Fact = keyof CatalogReportFacts['documents']['regulation'];

/**
 * The conditions of the four document facts over one catalog_items row (the row is already one
 * agency's published item of the kind). NULL dates make a comparison unknown, i.e. not counted, as
 * a missing 成文日期 or 失效日期 is not "in the year".
 */
function conditions(from: string, to: string): Record<Fact, RawBuilder<SqlBool>> {
  return {
    issued: sql<SqlBool>`(generated_on >= ${from} and generated_on <= ${to})`,
    published: sql<SqlBool>`(published_on >= ${from} and published_on <= ${to})`,
    repealed: sql<SqlBool>`(validity <> 'valid' and validity_date >= ${from} and validity_date <= ${to})`,
    inForce: sql<SqlBool>`(published_on <= ${to}
      and not (status = 'withdrawn' and withdrawn_at is not null and substr(withdrawn_at, 1, 10) <= ${to})
      and not (validity <> 'valid' and validity_date is not null and validity_date <= ${to}))`,
  };
}

/** The agency's published 规章 and 规范性文件. */
function docs(db: Db, orgId: string) {
  return db
    .selectFrom('catalog_items')
    .where('org_id', '=', orgId)
    .where('doc_kind', 'in', ['regulation', 'normative'])
    .where('published_on', 'is not', null);
}

/** Per document kind, how many of its items meet each fact in [from, to]. */
export function docFactCounts(db: Db, orgId: string, from: string, to: string) {
  const cond = conditions(from, to);
  const sumOf = (c: RawBuilder<SqlBool>) => sql<number | string>`sum(case when ${c} then 1 else 0 end)`;
  return docs(db, orgId)
    .select([
      'doc_kind',
      sumOf(cond.issued).as('issued'),
      sumOf(cond.published).as('published'),
      sumOf(cond.repealed).as('repealed'),
      sumOf(cond.inForce).as('inForce'),
    ])
    .groupBy('doc_kind')
    .execute();
}

/** Items published in [from, to] per column of the agency (retired columns too). */
export function publishedPerColumn(db: Db, orgId: string, from: string, to: string) {
  // one index range count per column (no sort of the year's items for a GROUP BY)
  return db
    .selectFrom('catalog_columns as c')
    .select((eb) => [
      'c.id as column_id',
      eb
        .selectFrom('catalog_items as i')
        .select(eb.fn.countAll().as('n'))
        .where('i.org_id', '=', orgId)
        .whereRef('i.column_id', '=', 'c.id')
        .where('i.published_on', '>=', from)
        .where('i.published_on', '<=', to)
        .as('n'),
    ])
    .where('c.org_id', '=', orgId)
    .execute();
}

/** The first `cap` ids (oldest first: published_on, id) of the kind's items that meet the fact. */
export async function docIdsWith(
  db: Db,
  orgId: string,
  kind: DocKind,
  fact: Fact,
  range: { from: string; to: string },
  cap: number,
): Promise<string[]> {
  const rows = await docs(db, orgId)
    .select('id')
    .where('doc_kind', '=', kind)
    .where(conditions(range.from, range.to)[fact])
    .orderBy('published_on')
    .orderBy('id')
    .limit(cap)
    .execute();
  return rows.map((r) => r.id);
}
