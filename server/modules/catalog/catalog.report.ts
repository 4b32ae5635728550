import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { toNumber } from '../../db/dialect.js';
import type { CatalogReportFacts, Counted } from '../annual-report/sources.js';
import * as repo from './catalog.repository.js';
import { channelCounts } from './catalog.dashboard.js';
import { orderTree } from './catalog.columns.js';
import type { DocKind } from './catalog.tables.js';

const CAP = 1000;

type Fact = keyof CatalogReportFacts['documents']['regulation'];
const FACTS: readonly Fact[] = ['issued', 'published', 'repealed', 'inForce'];
const KINDS = [
  ['regulation', 'regulation'],
  ['normativeDoc', 'normative'],
] as const satisfies readonly (readonly [keyof CatalogReportFacts['documents'], DocKind])[];

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

/**
 * Catalog facts for the annual report (server/modules/annual-report/sources.ts). Only items that were
 * published count (a withdrawn item was published, so it counts for the year it went out):
 * - issued: 成文日期 in the year; published: first 发布日期 in the year;
 * - repealed: 失效/废止 dated in the year; inForce: published by 31 Dec, not withdrawn, and not
 *   失效/废止 on or before 31 Dec.
 *
 * Everything is counted in SQL (indexes of migration 0013): the year's items per column as one
 * index range per column of (org_id, column_id, published_on), the 规章/规范性文件 facts from
 * (org_id, doc_kind, …) alone — so the cost follows the year's items and the agency's regulations,
 * not the whole catalog. publishedTotal is the sum over the agency's columns (an item is always in
 * a column of its own agency: catalog.service liveColumnOf). Only the ids behind the
 * 规章/规范性文件 cells are read, at most 1000 per cell, oldest first (published_on, id).
 */
export async function catalogReportFacts(ctx: Ctx, orgId: string, year: number): Promise<CatalogReportFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const cond = conditions(from, to);
  const docs = () =>
    ctx.db
      .selectFrom('catalog_items')
      .where('org_id', '=', orgId)
      .where('doc_kind', 'in', ['regulation', 'normative'])
      .where('published_on', 'is not', null);
  const sumOf = (c: RawBuilder<SqlBool>) => sql<number | string>`sum(case when ${c} then 1 else 0 end)`;

  const [counts, perColumn, columns, publishedByChannel] = await Promise.all([
    docs()
      .select([
        'doc_kind',
        sumOf(cond.issued).as('issued'),
        sumOf(cond.published).as('published'),
        sumOf(cond.repealed).as('repealed'),
        sumOf(cond.inForce).as('inForce'),
      ])
      .groupBy('doc_kind')
      .execute(),
    // one index range count per column (no sort of the year's items for a GROUP BY)
    ctx.db
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
      .execute(),
    repo.listColumns(ctx.db, orgId, true).then(orderTree),
    channelCounts(ctx, orgId, year),
  ]);

  const ids = async (kind: DocKind, fact: Fact, count: number): Promise<string[]> => {
    if (count === 0) return [];
    const rows = await docs()
      .select('id')
      .where('doc_kind', '=', kind)
      .where(cond[fact])
      .orderBy('published_on')
      .orderBy('id')
      .limit(CAP)
      .execute();
    return rows.map((r) => r.id);
  };
  const documents = {} as CatalogReportFacts['documents'];
  for (const [key, kind] of KINDS) {
    const row = counts.find((c) => c.doc_kind === kind);
    const entries = await Promise.all(
      FACTS.map(async (fact): Promise<[Fact, Counted]> => {
        const count = toNumber(row?.[fact]);
        return [fact, { count, records: await ids(kind, fact, count) }];
      }),
    );
    documents[key] = Object.fromEntries(entries) as Record<Fact, Counted>;
  }

  const byId = new Map(columns.map((c) => [c.id, c]));
  const topOf = (id: string): string => {
    let c = byId.get(id);
    while (c?.parent_id) c = byId.get(c.parent_id);
    return c?.id ?? id;
  };
  const perTop = new Map<string, number>();
  let publishedTotal = 0;
  for (const r of perColumn) {
    const n = toNumber(r.n);
    const top = topOf(r.column_id);
    perTop.set(top, (perTop.get(top) ?? 0) + n);
    publishedTotal += n;
  }
  return {
    documents,
    publishedTotal,
    publishedByColumn: columns
      .filter((c) => c.parent_id === null)
      .map((c) => ({ columnId: c.id, name: c.name, count: perTop.get(c.id) ?? 0 })),
    publishedByChannel,
  };
}
