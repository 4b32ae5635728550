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
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { CatalogItemsTable, Validity } from './catalog.tables.js';

type Db = Kysely<DB>;

/** The item fields that decide whether and where an item is counted. */
export type CountedItem = Pick<
  CatalogItemsTable,
  'org_id' | 'column_id' | 'status' | 'published_on' | 'validity' | 'topic' | 'publisher'
>;

interface CountKey {
  org_id: string;
  column_id: string;
  year: number;
  validity: Validity;
  topic: string;
}
interface FacetKey {
  org_id: string;
  facet: 'year' | 'topic' | 'publisher';
  value: string;
}

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
  for (const { k, d } of countOps) {
    if (d > 0)
      await trx
        .insertInto('catalog_public_counts')
        .values({ ...k, n: 1 })
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'column_id', 'year', 'validity', 'topic'])
            .doUpdateSet({ n: sql<number>`catalog_public_counts.n + 1` }),
        )
        .execute();
    else {
      await trx
        .updateTable('catalog_public_counts')
        .set({ n: sql<number>`n - 1` })
        .where('org_id', '=', k.org_id)
        .where('column_id', '=', k.column_id)
        .where('year', '=', k.year)
        .where('validity', '=', k.validity)
        .where('topic', '=', k.topic)
        .execute();
      await trx
        .deleteFrom('catalog_public_counts')
        .where('org_id', '=', k.org_id)
        .where('column_id', '=', k.column_id)
        .where('year', '=', k.year)
        .where('validity', '=', k.validity)
        .where('topic', '=', k.topic)
        .where('n', '<=', 0)
        .execute();
    }
  }
  const fb = facetKeysOf(before);
  const fa = facetKeysOf(after);
  const facetOps = [
    ...minus(fb, fa, facetId).map((k) => ({ k, d: -1 })),
    ...minus(fa, fb, facetId).map((k) => ({ k, d: 1 })),
  ].sort((x, y) => (facetId(x.k) < facetId(y.k) ? -1 : 1));
  for (const { k, d } of facetOps) {
    if (d > 0)
      await trx
        .insertInto('catalog_public_facets')
        .values({ ...k, n: 1 })
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'facet', 'value'])
            .doUpdateSet({ n: sql<number>`catalog_public_facets.n + 1` }),
        )
        .execute();
    else {
      await trx
        .updateTable('catalog_public_facets')
        .set({ n: sql<number>`n - 1` })
        .where('org_id', '=', k.org_id)
        .where('facet', '=', k.facet)
        .where('value', '=', k.value)
        .execute();
      await trx
        .deleteFrom('catalog_public_facets')
        .where('org_id', '=', k.org_id)
        .where('facet', '=', k.facet)
        .where('value', '=', k.value)
        .where('n', '<=', 0)
        .execute();
    }
  }
}

/**
 * Rebuilds the counters and facets of one agency (or all) from the items table. Run it inside one
 * transaction (the caller's) so readers see either the old or the new numbers.
 */
export async function recountPublicCounts(trx: Db, orgId?: string): Promise<{ rows: number }> {
  const only = orgId ? sql`AND org_id = ${orgId}` : sql``;
  let del = trx.deleteFrom('catalog_public_counts');
  if (orgId) del = del.where('org_id', '=', orgId);
  await del.execute();
  let delF = trx.deleteFrom('catalog_public_facets');
  if (orgId) delF = delF.where('org_id', '=', orgId);
  await delF.execute();
  const year = sql`CAST(substr(published_on, 1, 4) AS integer)`;
  const published = sql`status = 'published' AND published_on IS NOT NULL ${only}`;
  await sql`INSERT INTO catalog_public_counts (org_id, column_id, year, validity, topic, n)
    SELECT org_id, column_id, ${year}, validity, COALESCE(topic, ''), COUNT(*)
    FROM catalog_items WHERE ${published}
    GROUP BY org_id, column_id, ${year}, validity, COALESCE(topic, '')`.execute(trx);
  await sql`INSERT INTO catalog_public_facets (org_id, facet, value, n)
    SELECT org_id, 'year', substr(published_on, 1, 4), COUNT(*)
    FROM catalog_items WHERE ${published}
    GROUP BY org_id, substr(published_on, 1, 4)`.execute(trx);
  await sql`INSERT INTO catalog_public_facets (org_id, facet, value, n)
    SELECT org_id, 'topic', topic, COUNT(*)
    FROM catalog_items WHERE ${published} AND topic IS NOT NULL AND topic <> ''
    GROUP BY org_id, topic`.execute(trx);
  await sql`INSERT INTO catalog_public_facets (org_id, facet, value, n)
    SELECT org_id, 'publisher', publisher, COUNT(*)
    FROM catalog_items WHERE ${published}
    GROUP BY org_id, publisher`.execute(trx);
  let q = trx.selectFrom('catalog_public_counts').select((eb) => eb.fn.countAll().as('n'));
  if (orgId) q = q.where('org_id', '=', orgId);
  return { rows: toNumber((await q.executeTakeFirstOrThrow()).n) };
}

export interface CountFilter {
  columnIds?: string[];
  topic?: string;
  year?: number;
  validity?: string;
}

/** Number of published items of the agency matching the portal list filter. */
export async function countPublished(db: Db, orgId: string, f: CountFilter): Promise<number> {
  if (f.columnIds && f.columnIds.length === 0) return 0;
  let q = db
    .selectFrom('catalog_public_counts')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('org_id', '=', orgId);
  if (f.columnIds) q = q.where('column_id', 'in', f.columnIds);
  if (f.year) q = q.where('year', '=', f.year);
  if (f.validity) q = q.where('validity', '=', f.validity as Validity);
  if (f.topic) q = q.where('topic', '=', f.topic);
  const row = await q.executeTakeFirst();
  return toNumber(row?.n);
}

/** Distinct values of one facet among the agency's published items, in text order. */
export async function publishedFacet(
  db: Db,
  orgId: string,
  facet: 'year' | 'topic' | 'publisher',
): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_public_facets')
    .select('value')
    .where('org_id', '=', orgId)
    .where('facet', '=', facet)
    .where('n', '>', 0)
    .orderBy('value')
    .execute();
  return rows.map((r) => r.value);
}
