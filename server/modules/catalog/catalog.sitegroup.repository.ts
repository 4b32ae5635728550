/**
 * Queries of the site group's public 目录 facts (catalog.sitegroup.ts): published items of several
 * agencies at once. Public fields only; status 'published' is in every query.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';

type Db = Kysely<DB>;

/** UTC bounds of a China (UTC+8) calendar year (发布日期 is the China date of published_at). */
function chinaYearBounds(year: number): [string, string] {
  return [`${year - 1}-12-31T16:00:00.000Z`, `${year}-12-31T16:00:00.000Z`];
}

/** Published items per agency (from the maintained counters), optionally of one 发布年份. */
export async function publishedCountsByOrg(
  db: Db,
  orgIds: readonly string[],
  year?: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (orgIds.length === 0) return out;
  let q = db
    .selectFrom('catalog_public_counts')
    .select(['org_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('org_id', 'in', [...orgIds])
    .groupBy('org_id');
  if (year) q = q.where('year', '=', year);
  for (const r of await q.execute()) out.set(r.org_id, toNumber(r.n));
  return out;
}

/** 发布年份 with published items in any of the agencies, newest first (from the maintained facets). */
export async function publishedYears(db: Db, orgIds: readonly string[]): Promise<number[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_public_facets')
    .select('value')
    .distinct()
    .where('org_id', 'in', [...orgIds])
    .where('facet', '=', 'year')
    .where('n', '>', 0)
    .execute();
  return rows.map((r) => Number(r.value)).sort((a, b) => b - a);
}

/**
 * Ids of one page of the agencies' published items, newest first (published_at DESC, id DESC), walked on
 * catalog_items_status_pub_org from its newest end with the agency checked in the index.
 */
export async function newestPublishedIds(
  db: Db,
  orgIds: readonly string[],
  year: number | undefined,
  limit: number,
  offset: number,
): Promise<string[]> {
  if (orgIds.length === 0 || limit <= 0) return [];
  let q = db
    .selectFrom('catalog_items')
    .select('id')
    .where('status', '=', 'published')
    .where('org_id', 'in', [...orgIds]);
  if (year) {
    const [from, to] = chinaYearBounds(year);
    q = q
      .where('published_at', '>=', from)
      .where('published_at', '<', to)
      .where('published_on', '>=', `${year}-01-01`)
      .where('published_on', '<', `${year + 1}-01-01`);
  }
  const rows = await q
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => r.id);
}

/** The public summary of published items by id (any order), with their column's name. */
export async function publishedSummaries(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('catalog_items as i')
    .leftJoin('catalog_columns as c', 'c.id', 'i.column_id')
    .select([
      'i.id',
      'i.org_id',
      'i.title',
      'i.index_number',
      'i.publisher',
      'i.doc_number',
      'i.validity',
      'i.published_on',
      'i.published_at',
      'c.name as column_name',
    ])
    .where('i.id', 'in', [...ids])
    .where('i.status', '=', 'published')
    .execute();
}
