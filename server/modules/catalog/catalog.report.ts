import type { Ctx } from '../../platform/context.js';
import type { CatalogReportFacts, Counted } from '../annual-report/sources.js';
import * as repo from './catalog.repository.js';
import { channelCounts } from './catalog.dashboard.js';
import { orderTree } from './catalog.service.js';
import type { DocKind } from './catalog.tables.js';

const CAP = 1000;

function counted(ids: string[]): Counted {
  return { count: ids.length, records: ids.slice(0, CAP) };
}

/**
 * Catalog facts for the annual report (server/modules/annual-report/sources.ts). Only items that were
 * published count (a withdrawn item was published, so it counts for the year it went out):
 * - issued: 成文日期 in the year; published: first 发布日期 in the year;
 * - repealed: 失效/废止 dated in the year; inForce: published by 31 Dec, not withdrawn, and not
 *   失效/废止 on or before 31 Dec.
 */
export async function catalogReportFacts(ctx: Ctx, orgId: string, year: number): Promise<CatalogReportFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const items = await ctx.db
    .selectFrom('catalog_items')
    .select([
      'id',
      'column_id',
      'status',
      'doc_kind',
      'generated_on',
      'published_on',
      'validity',
      'validity_date',
      'withdrawn_at',
    ])
    .where('org_id', '=', orgId)
    .where('published_on', 'is not', null)
    .orderBy('published_on')
    .orderBy('id')
    .execute();
  const facts = (kind: DocKind) => {
    const docs = items.filter((i) => i.doc_kind === kind);
    return {
      issued: counted(
        docs
          .filter((i) => i.generated_on !== null && i.generated_on >= from && i.generated_on <= to)
          .map((i) => i.id),
      ),
      published: counted(
        docs.filter((i) => i.published_on! >= from && i.published_on! <= to).map((i) => i.id),
      ),
      repealed: counted(
        docs
          .filter(
            (i) =>
              i.validity !== 'valid' &&
              i.validity_date !== null &&
              i.validity_date >= from &&
              i.validity_date <= to,
          )
          .map((i) => i.id),
      ),
      inForce: counted(
        docs
          .filter(
            (i) =>
              i.published_on! <= to &&
              !(i.status === 'withdrawn' && i.withdrawn_at !== null && i.withdrawn_at.slice(0, 10) <= to) &&
              !(i.validity !== 'valid' && i.validity_date !== null && i.validity_date <= to),
          )
          .map((i) => i.id),
      ),
    };
  };
  const inYear = items.filter((i) => i.published_on! >= from && i.published_on! <= to);
  const columns = orderTree(await repo.listColumns(ctx.db, orgId, true));
  const byId = new Map(columns.map((c) => [c.id, c]));
  const topOf = (id: string): string => {
    let c = byId.get(id);
    while (c?.parent_id) c = byId.get(c.parent_id);
    return c?.id ?? id;
  };
  const perTop = new Map<string, number>();
  for (const i of inYear) perTop.set(topOf(i.column_id), (perTop.get(topOf(i.column_id)) ?? 0) + 1);
  return {
    documents: { regulation: facts('regulation'), normativeDoc: facts('normative') },
    publishedTotal: inYear.length,
    publishedByColumn: columns
      .filter((c) => c.parent_id === null)
      .map((c) => ({ columnId: c.id, name: c.name, count: perTop.get(c.id) ?? 0 })),
    publishedByChannel: await channelCounts(ctx, orgId, year),
  };
}
