/**
 * Keeps the search index and the portal's content version in step with the catalog: listeners run
 * INSIDE the catalog's publishing/withdrawing transaction (catalog.events.ts), so an item is
 * searchable exactly when its publication commits and gone when its withdrawal commits. Also the
 * reindex provider for `gongkai search reindex`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Ctx } from '../../../platform/context.js';
import type { CatalogItemsTable } from '../catalog.tables.js';
import { onItemPublished, onItemWithdrawn } from '../catalog.events.js';
import { indexDocument, registerReindexProvider, unindexDocument } from '../../search/search.service.js';
import type { SearchDocument } from '../../search/search.index.js';
import { bumpContentVersion } from '../../portal/portal.cache.js';

export const ITEM_KIND = 'item';

/** The search document of a published item. */
export function itemDocument(
  item: Pick<
    CatalogItemsTable,
    | 'id'
    | 'org_id'
    | 'column_id'
    | 'title'
    | 'summary'
    | 'body_text'
    | 'publisher'
    | 'doc_number'
    | 'index_number'
    | 'topic'
    | 'keywords'
    | 'validity'
    | 'published_on'
    | 'published_at'
  >,
  columnName: string | null,
  attachmentText: string,
): SearchDocument {
  return {
    kind: ITEM_KIND,
    sourceId: item.id,
    orgId: item.org_id,
    title: item.title,
    body: [item.summary, item.body_text].filter(Boolean).join('\n'),
    extra: [item.doc_number, item.index_number, item.topic, item.keywords, attachmentText]
      .filter(Boolean)
      .join('\n'),
    url: `/items/${item.id}`,
    label: columnName,
    columnId: item.column_id,
    year: item.published_on ? Number(item.published_on.slice(0, 4)) : null,
    publisher: item.publisher,
    validity: item.validity,
    publishedAt: item.published_at ?? `${item.published_on}T00:00:00.000Z`,
  };
}

async function columnName(db: Kysely<DB>, columnId: string): Promise<string | null> {
  const row = await db
    .selectFrom('catalog_columns')
    .select('name')
    .where('id', '=', columnId)
    .executeTakeFirst();
  return row?.name ?? null;
}

let installed = false;

/** Subscribes once per process (module import). */
export function installCatalogSearchSync(): void {
  if (installed) return;
  installed = true;
  onItemPublished(async ({ ctx, item, attachmentText }) => {
    if (item.status !== 'published') return;
    await indexDocument(ctx, itemDocument(item, await columnName(ctx.db, item.column_id), attachmentText));
    await bumpContentVersion(ctx.db, ctx.clock, item.org_id);
  });
  onItemWithdrawn(async ({ ctx, item }) => {
    await unindexDocument(ctx, ITEM_KIND, item.id);
    await bumpContentVersion(ctx.db, ctx.clock, item.org_id);
  });
  registerReindexProvider({
    kind: ITEM_KIND,
    label: '主动公开信息',
    documents: publishedItemBatches,
  });
}

/** Every published item with its column name and the text of its public attachments, 200 at a time. */
async function* publishedItemBatches(ctx: Ctx): AsyncIterable<SearchDocument[]> {
  let after = '';
  for (;;) {
    const items = await ctx.db
      .selectFrom('catalog_items as i')
      .leftJoin('catalog_columns as c', 'c.id', 'i.column_id')
      .selectAll('i')
      .select('c.name as column_name')
      .where('i.status', '=', 'published')
      .where('i.id', '>', after)
      .orderBy('i.id')
      .limit(200)
      .execute();
    if (items.length === 0) return;
    const revisionIds = items.map((i) => i.published_revision_id).filter((x): x is string => Boolean(x));
    const texts = new Map<string, string[]>();
    if (revisionIds.length) {
      const atts = await ctx.db
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
    }
    yield items.map((i) =>
      itemDocument(i, i.column_name, (texts.get(i.published_revision_id ?? '') ?? []).join('\n')),
    );
    after = items[items.length - 1]!.id;
  }
}
