import type { Ctx } from '../../platform/context.js';
import { toNumber } from '../../db/dialect.js';
import type { CatalogReportFacts, Counted } from '../annual-report/sources.js';
import * as repo from './catalog.repository.js';
import * as reportRepo from './catalog.report.repository.js';
import type { Fact } from './catalog.report.repository.js';
import { channelCounts } from './catalog.dashboard.js';
import { orderTree } from './catalog.columns.js';
import type { DocKind } from './catalog.tables.js';

const CAP = 1000;

const FACTS: readonly Fact[] = ['issued', 'published', 'repealed', 'inForce'];
const KINDS = [
  ['regulation', 'regulation'],
  ['normativeDoc', 'normative'],
] as const satisfies readonly (readonly [keyof CatalogReportFacts['documents'], DocKind])[];

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
  const [counts, perColumn, columns, publishedByChannel] = await Promise.all([
    reportRepo.docFactCounts(ctx.db, orgId, from, to),
    reportRepo.publishedPerColumn(ctx.db, orgId, from, to),
    repo.listColumns(ctx.db, orgId, true).then(orderTree),
    channelCounts(ctx, orgId, year),
  ]);

  const ids = async (kind: DocKind, fact: Fact, count: number): Promise<string[]> =>
    count === 0 ? [] : reportRepo.docIdsWith(ctx.db, orgId, kind, fact, { from, to }, CAP);
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
