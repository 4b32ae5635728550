/**
 * Published-item counters and filter facets for the portal (docs/performance.md findings 3 and 5).
 *
 * A column list page shows an exact total and page count, and the 公开目录/检索 pages offer the years,
 * 主题分类 and 发布机构 that occur among published items. Counting or DISTINCT-scanning the items table
 * for that grows with the catalog (≈1 s for a 294k-item column, ≈20 s of filter lists per uncached
 * search page at 1M items). Both only change when an item is published, changed, withdrawn or declared
 * 失效/废止, so the service keeps two small tables in step inside those transactions:
 *
 * - `catalog_public_counts`: one row per (agency, column, 发布年份, 有效性, 主题分类) with n published
 *   items; every list filter of the portal is a combination of these keys, so any total is a SUM over
 *   at most a few thousand rows.
 * - `catalog_public_facets`: per agency the distinct years, topics and publishers with their counts.
 *
 * `recountPublicCounts` rebuilds both from the items table (CLI `gongkai catalog recount`, after bulk
 * loads that bypass the service such as the benchmark generator).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CatalogItemsTable } from './catalog.tables.js';
import * as repo from './catalog.counts.repository.js';
import type { CountKey, FacetKey } from './catalog.counts.repository.js';

export {
  countPublished,
  publishedFacet,
  recountPublicCounts,
  type CountFilter,
} from './catalog.counts.repository.js';

type Db = Kysely<DB>;

/** The item fields that decide whether and where an item is counted. */
export type CountedItem = Pick<
  CatalogItemsTable,
  'org_id' | 'column_id' | 'status' | 'published_on' | 'validity' | 'topic' | 'publisher'
>;

function countKeyOf(item: CountedItem | null | undefined): CountKey | null {
  if (!item || item.status !== 'published' || !item.published_on) return null;
  return {
    org_id: item.org_id,
    column_id: item.column_id,
    year: Number(item.published_on.slice(0, 4)),
    validity: item.validity,
    topic: item.topic ?? '',
  };
}

function facetKeysOf(item: CountedItem | null | undefined): FacetKey[] {
  if (!item || item.status !== 'published' || !item.published_on) return [];
  const keys: FacetKey[] = [
    { org_id: item.org_id, facet: 'year', value: item.published_on.slice(0, 4) },
    { org_id: item.org_id, facet: 'publisher', value: item.publisher },
  ];
  if (item.topic) keys.push({ org_id: item.org_id, facet: 'topic', value: item.topic });
  return keys;
}

const countId = (k: CountKey) => JSON.stringify([k.org_id, k.column_id, k.year, k.validity, k.topic]);
const facetId = (k: FacetKey) => JSON.stringify([k.org_id, k.facet, k.value]);

/** Keys in `a` but not in `b` (by id). */
function minus<K>(a: K[], b: K[], id: (k: K) => string): K[] {
  const other = new Set(b.map(id));
  return a.filter((k) => !other.has(id(k)));
}

/**
 * Moves an item's contribution from its `before` row to its `after` row (either may be null or not
 * published). Call inside the transaction that writes the item. Rows are touched in key order so two
 * concurrent publications cannot lock the same two counters in opposite orders (PostgreSQL).
 */
export async function adjustPublicCounts(
  trx: Db,
  before: CountedItem | null | undefined,
  after: CountedItem | null | undefined,
): Promise<void> {
  const b = countKeyOf(before);
  const a = countKeyOf(after);
  const countOps = [
    ...minus(b ? [b] : [], a ? [a] : [], countId).map((k) => ({ k, d: -1 })),
    ...minus(a ? [a] : [], b ? [b] : [], countId).map((k) => ({ k, d: 1 })),
  ].sort((x, y) => (countId(x.k) < countId(y.k) ? -1 : 1));
  for (const { k, d } of countOps) await (d > 0 ? repo.incrementCount(trx, k) : repo.decrementCount(trx, k));
  const fb = facetKeysOf(before);
  const fa = facetKeysOf(after);
  const facetOps = [
    ...minus(fb, fa, facetId).map((k) => ({ k, d: -1 })),
    ...minus(fa, fb, facetId).map((k) => ({ k, d: 1 })),
  ].sort((x, y) => (facetId(x.k) < facetId(y.k) ? -1 : 1));
  for (const { k, d } of facetOps) await (d > 0 ? repo.incrementFacet(trx, k) : repo.decrementFacet(trx, k));
}
