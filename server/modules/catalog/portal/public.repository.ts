/**
 * The SQL of the catalog's public pages (read-only). Public means: the item's status is 'published' (a
 * withdrawn or scheduled item is never shown) and its column belongs to the agency. Only public
 * fields are selected: no drafter, reviewer or approver names ever reach a portal page.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Column } from '../catalog.repository.js';
import { countPublished, publishedFacet } from '../catalog.counts.repository.js';
import { orderTree } from '../catalog.columns.js';

type Db = Kysely<DB>;

/** Item fields a public page may show. */
export const PUBLIC_ITEM_FIELDS = [
  'id',
  'org_id',
  'column_id',
  'index_number',
  'title',
  'summary',
  'publisher',
  'generated_on',
  'doc_number',
  'topic',
  'disclosure_mode',
  'art20_item',
  'validity',
  'validity_date',
  'replaced_by_item_id',
  'published_on',
  'published_at',
  'content_updated_at',
  'published_revision_id',
] as const;

export interface PublicItemSummary {
  id: string;
  column_id: string;
  index_number: string | null;
  title: string;
  summary: string | null;
  publisher: string;
  generated_on: string | null;
  doc_number: string | null;
  topic: string | null;
  validity: string;
  published_on: string | null;
  published_at: string | null;
  content_updated_at: string | null;
}

const SUMMARY_FIELDS = [
  'id',
  'column_id',
  'index_number',
  'title',
  'summary',
  'publisher',
  'generated_on',
  'doc_number',
  'topic',
  'validity',
  'published_on',
  'published_at',
  'content_updated_at',
] as const;

/** The agency's current (not retired) columns, depth-first. */
export async function publicColumns(db: Db, orgId: string): Promise<Column[]> {
  const rows = await db
    .selectFrom('catalog_columns')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('retired_at', 'is', null)
    .execute();
  return orderTree(rows);
}

/** A column and all columns below it (ids), from a depth-first list. */
export function subtreeIds(columns: readonly Column[], rootId: string): string[] {
  const ids = new Set([rootId]);
  for (const c of columns) if (c.parent_id && ids.has(c.parent_id)) ids.add(c.id);
  return [...ids];
}

export interface ItemListFilter {
  columnIds?: string[];
  topic?: string;
  year?: number;
  validity?: string;
}

/** UTC bounds of a China (UTC+8) calendar year: 发布日期 is the China date of published_at. */
function chinaYearBounds(year: number): [string, string] {
  return [`${year - 1}-12-31T16:00:00.000Z`, `${year}-12-31T16:00:00.000Z`];
}

/** Published items of the agency, one column (or none) and the filters; no ORDER BY yet. */
function listQuery(db: Db, orgId: string, f: ItemListFilter, columnId?: string) {
  let q = db.selectFrom('catalog_items').where('status', '=', 'published');
  // A column belongs to one agency (the ids come from the agency's own column list), so a column
  // query names the column only: every condition is then in (column_id, status, published_at, id) and
  // the page is read from the index alone, with no table row per skipped entry.
  q = columnId ? q.where('column_id', '=', columnId) : q.where('org_id', '=', orgId);
  if (f.topic) q = q.where('topic', '=', f.topic);
  if (f.validity) q = q.where('validity', '=', f.validity as 'valid');
  if (f.year) {
    // published_on decides; the equivalent published_at range makes the year an index range.
    const [from, to] = chinaYearBounds(f.year);
    q = q
      .where('published_on', '>=', `${f.year}-01-01`)
      .where('published_on', '<', `${f.year + 1}-01-01`)
      .where('published_at', '>=', from)
      .where('published_at', '<', to);
  }
  return q;
}

type Direction = 'asc' | 'desc';

/** Pages of a column with sub-columns up to this depth (offset + limit) merge per-column index ranges. */
export const LIST_TUNING = { mergeWindow: 1000 };

/** Ids of one page in list order, read from a list index alone (no table rows). */
async function pageIds(
  db: Db,
  orgId: string,
  f: ItemListFilter,
  dir: Direction,
  limit: number,
  offset: number,
): Promise<string[]> {
  const ordered = (columnId?: string, n = limit, skip = offset) =>
    listQuery(db, orgId, f, columnId)
      .select(['id', 'published_at'])
      .orderBy('published_at', dir)
      .orderBy('id', dir)
      .limit(n)
      .offset(skip);
  const columns = f.columnIds;
  if (columns && columns.length === 0) return [];
  if (!columns || columns.length === 1) return (await ordered(columns?.[0]).execute()).map((r) => r.id);
  // A column with sub-columns. `column_id IN (…)` on the column index would read and sort the whole
  // subtree. Near the top, take the first offset+limit of each column (each an ordered index range)
  // and merge those; deeper, walk the agency's list index in order and filter on its column_id,
  // which costs at most the agency's list (publicItems reads the far half from the other end).
  // `column_id || ''` keeps the planner off the column index for that walk.
  if (offset + limit <= LIST_TUNING.mergeWindow) {
    const parts = columns.map((id, i) =>
      db.selectFrom(ordered(id, offset + limit, 0).as(`c${i}`)).select(['id', 'published_at']),
    );
    let union = parts[0]!;
    for (const p of parts.slice(1)) union = union.unionAll(p);
    const rows = await db
      .selectFrom(union.as('u'))
      .select(['u.id', 'u.published_at'])
      .orderBy('u.published_at', dir)
      .orderBy('u.id', dir)
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => r.id);
  }
  const rows = await ordered()
    .where(sql<string>`column_id || ''`, 'in', columns)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Rows fetched by id are read through the primary key, and their agency and state are checked here on
 * the few rows read. As conditions of the query they let SQLite's sampled statistics pick the (agency,
 * state) index instead and walk all of an agency's items: 330 ms for a page of 20 at 100,000 items, on
 * one regenerated data set and not on another.
 */
function visible(rowOrg: string, status: string, orgId: string): boolean {
  return rowOrg === orgId && status === 'published';
}

/**
 * Published items newest first, one page of them. With `total` (the exact count of the filter),
 * pages past the middle are read from the oldest end, so the deepest page walks at most half the list.
 */
export async function publicItems(
  db: Db,
  orgId: string,
  f: ItemListFilter,
  limit: number,
  offset = 0,
  total?: number,
): Promise<PublicItemSummary[]> {
  let ids: string[];
  if (total !== undefined && offset >= total) return [];
  if (total !== undefined && offset > total / 2) {
    const n = Math.min(limit, total - offset);
    ids = (await pageIds(db, orgId, f, 'asc', n, total - offset - n)).reverse();
  } else ids = await pageIds(db, orgId, f, 'desc', limit, offset);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_items')
    .select([...SUMMARY_FIELDS, 'org_id', 'status'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(
    rows.flatMap(({ org_id, status, ...r }) => (visible(org_id, status, orgId) ? [[r.id, r]] : [])),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Number of published items matching the filter: from the maintained counters (catalog.counts.ts). */
export async function countPublicItems(db: Db, orgId: string, f: ItemListFilter): Promise<number> {
  return countPublished(db, orgId, f);
}

/** One published item of the agency, or undefined. */
export async function publicItem(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('catalog_items')
    .select([...PUBLIC_ITEM_FIELDS, 'body_html'])
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .executeTakeFirst();
}
export type PublicItem = NonNullable<Awaited<ReturnType<typeof publicItem>>>;

/** Attachments of the public revision. */
export async function publicAttachments(db: Db, revisionId: string | null) {
  if (!revisionId) return [];
  return db
    .selectFrom('catalog_attachments')
    .select(['id', 'file_name', 'mime_type', 'size_bytes'])
    .where('revision_id', '=', revisionId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}
export type PublicAttachment = Awaited<ReturnType<typeof publicAttachments>>[number];

export interface PublicLink {
  kind: 'interprets' | 'replaces';
  direction: 'out' | 'in';
  itemId: string;
  title: string;
}

/** 政策解读 and replacement links to other PUBLISHED items, both directions. */
export async function publicLinks(db: Db, itemId: string): Promise<PublicLink[]> {
  const out = await db
    .selectFrom('catalog_item_links as l')
    .innerJoin('catalog_items as i', 'i.id', 'l.to_item_id')
    .select(['l.kind', 'i.id', 'i.title'])
    .where('l.from_item_id', '=', itemId)
    .where('i.status', '=', 'published')
    .execute();
  const inbound = await db
    .selectFrom('catalog_item_links as l')
    .innerJoin('catalog_items as i', 'i.id', 'l.from_item_id')
    .select(['l.kind', 'i.id', 'i.title'])
    .where('l.to_item_id', '=', itemId)
    .where('i.status', '=', 'published')
    .execute();
  return [
    ...out.map((r) => ({ kind: r.kind, direction: 'out' as const, itemId: r.id, title: r.title })),
    ...inbound.map((r) => ({ kind: r.kind, direction: 'in' as const, itemId: r.id, title: r.title })),
  ];
}

/** Title of a published item (the replacing item of a 废止 notice). */
export async function publicItemTitle(db: Db, orgId: string, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('catalog_items')
    .select('title')
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row?.title;
}

/** Distinct 主题分类 among published items (目录 filter), from the maintained facets. */
export async function publicTopics(db: Db, orgId: string): Promise<string[]> {
  return publishedFacet(db, orgId, 'topic');
}

/** Distinct 发布年份 among published items, newest first. */
export async function publicYears(db: Db, orgId: string): Promise<number[]> {
  const years = (await publishedFacet(db, orgId, 'year')).map(Number);
  return years.sort((a, b) => b - a);
}

/** Distinct 发布机构 among published items (search filter). */
export async function publicPublishers(db: Db, orgId: string): Promise<string[]> {
  return publishedFacet(db, orgId, 'publisher');
}

/** Newest published item per column id (column freshness on list pages, sitemap lastmod). */
export async function sitemapItems(db: Db, orgId: string, limit = 45_000) {
  return db
    .selectFrom('catalog_items')
    .select(['id', 'published_at', 'content_updated_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}

/** The first characters of the published text of some items (RSS descriptions where there is no summary). */
export async function bodyExcerpts(
  db: Db,
  orgId: string,
  ids: string[],
  chars = 200,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('catalog_items')
    .select(['id', 'org_id', 'status', sql<string>`substr(body_text, 1, ${sql.lit(chars)})`.as('head')])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.flatMap((r) => (visible(r.org_id, r.status, orgId) ? [[r.id, r.head ?? '']] : [])));
}
