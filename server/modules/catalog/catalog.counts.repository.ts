/** SQL of the published-item counters and facets (catalog.counts.ts keeps them in step). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { Validity } from './catalog.tables.js';

type Db = Kysely<DB>;

/** One row of catalog_public_counts. */
export interface CountKey {
  org_id: string;
  column_id: string;
  year: number;
  validity: Validity;
  topic: string;
}
/** One row of catalog_public_facets. */
export interface FacetKey {
  org_id: string;
  facet: 'year' | 'topic' | 'publisher';
  value: string;
}

export async function incrementCount(trx: Db, k: CountKey): Promise<void> {
  await trx
    .insertInto('catalog_public_counts')
    .values({ ...k, n: 1 })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'column_id', 'year', 'validity', 'topic'])
        .doUpdateSet({ n: sql<number>`catalog_public_counts.n + 1` }),
    )
    .execute();
}

/** Takes one off the counter and drops its row at zero. */
export async function decrementCount(trx: Db, k: CountKey): Promise<void> {
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

export async function incrementFacet(trx: Db, k: FacetKey): Promise<void> {
  await trx
    .insertInto('catalog_public_facets')
    .values({ ...k, n: 1 })
    .onConflict((oc) =>
      oc.columns(['org_id', 'facet', 'value']).doUpdateSet({ n: sql<number>`catalog_public_facets.n + 1` }),
    )
    .execute();
}

/** Takes one off the facet value and drops its row at zero. */
export async function decrementFacet(trx: Db, k: FacetKey): Promise<void> {
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
