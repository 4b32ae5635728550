/**
 * Read queries of the catalog's public pages. Public means: the item's status is 'published' (a
 * withdrawn or scheduled item is never shown) and its column belongs to the agency. Only public
 * fields are selected: no drafter, reviewer or approver names ever reach a portal page.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { toNumber } from '../../../db/dialect.js';
import type { Column } from '../catalog.repository.js';
import { orderTree } from '../catalog.service.js';

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

function listQuery(db: Db, orgId: string, f: ItemListFilter) {
  let q = db.selectFrom('catalog_items').where('org_id', '=', orgId).where('status', '=', 'published');
  if (f.columnIds) q = f.columnIds.length ? q.where('column_id', 'in', f.columnIds) : q.where('id', '=', '');
  if (f.topic) q = q.where('topic', '=', f.topic);
  if (f.validity) q = q.where('validity', '=', f.validity as 'valid');
  if (f.year) {
    q = q.where('published_on', '>=', `${f.year}-01-01`).where('published_on', '<', `${f.year + 1}-01-01`);
  }
  return q;
}

/** Published items newest first, one page of them. */
export async function publicItems(
  db: Db,
  orgId: string,
  f: ItemListFilter,
  limit: number,
  offset = 0,
): Promise<PublicItemSummary[]> {
  return listQuery(db, orgId, f)
    .select([...SUMMARY_FIELDS])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPublicItems(db: Db, orgId: string, f: ItemListFilter): Promise<number> {
  const row = await listQuery(db, orgId, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
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

/** Distinct 主题分类 among published items (目录 filter). */
export async function publicTopics(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_items')
    .select('topic')
    .distinct()
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('topic', 'is not', null)
    .orderBy('topic')
    .execute();
  return rows.map((r) => r.topic!).filter(Boolean);
}

/** Distinct 发布年份 among published items, newest first. */
export async function publicYears(db: Db, orgId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('catalog_items')
    .select('published_on')
    .distinct()
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('published_on', 'is not', null)
    .execute();
  const years = new Set(rows.map((r) => Number(r.published_on!.slice(0, 4))));
  return [...years].sort((a, b) => b - a);
}

/** Distinct 发布机构 among published items (search filter). */
export async function publicPublishers(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_items')
    .select('publisher')
    .distinct()
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .orderBy('publisher')
    .execute();
  return rows.map((r) => r.publisher);
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
