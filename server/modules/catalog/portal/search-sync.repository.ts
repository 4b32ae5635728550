/**
 * The catalog reads of the search sync (search-sync.ts): a column's name and the published items with
 * their attachments' text, in id order, for `gongkai search reindex`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { CatalogItemsTable } from '../catalog.tables.js';

export async function columnName(db: Kysely<DB>, columnId: string): Promise<string | null> {
  const row = await db
    .selectFrom('catalog_columns')
    .select('name')
    .where('id', '=', columnId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Up to `limit` published items after `afterId` (id order), each with its column's name. */
export async function publishedItemsAfter(
  db: Kysely<DB>,
  afterId: string,
  limit: number,
): Promise<(Selectable<CatalogItemsTable> & { column_name: string | null })[]> {
  return db
    .selectFrom('catalog_items as i')
    .leftJoin('catalog_columns as c', 'c.id', 'i.column_id')
    .selectAll('i')
    .select('c.name as column_name')
    .where('i.status', '=', 'published')
    .where('i.id', '>', afterId)
    .orderBy('i.id')
    .limit(limit)
    .execute();
}

/** The extracted text of the revisions' attachments (in attachment order), by revision id. */
export async function attachmentTextsByRevision(
  db: Kysely<DB>,
  revisionIds: readonly string[],
): Promise<Map<string, string[]>> {
  const texts = new Map<string, string[]>();
  if (revisionIds.length === 0) return texts;
  const atts = await db
    .selectFrom('catalog_attachments')
    .select(['revision_id', 'extracted_text'])
    .where('revision_id', 'in', revisionIds)
    .orderBy('sort_order')
    .execute();
  for (const a of atts) {
    if (!a.extracted_text) continue;
    const list = texts.get(a.revision_id) ?? [];
    list.push(a.extracted_text);
    texts.set(a.revision_id, list);
  }
  return texts;
}
