/**
 * Keeps the search index and the portal's content version in step with the catalog: listeners run
 * INSIDE the catalog's publishing/withdrawing transaction (catalog.events.ts), so an item is
 * searchable exactly when its publication commits and gone when its withdrawal commits. Also the
 * reindex provider for `gongkai search reindex`.
 */
import type { Ctx } from '../../../platform/context.js';
import type { CatalogItemsTable } from '../catalog.tables.js';
import type { Container } from '../../../container.js';
import { attachmentTextsByRevision, columnName, publishedItemsAfter } from './search-sync.repository.js';
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

/**
 * Wires the sync on one container (catalog.module.ts `wire`): subscribes to the catalog's publishing
 * events on the container's bus and registers the reindex provider. Every process that builds a
 * container (server, worker, CLI, demo seed, tests) gets it; nothing happens at import time.
 */
export function wireCatalogSearchSync(c: Pick<Container, 'events' | 'providers'>): void {
  c.events.subscribe('catalog.itemPublished', 'search', async ({ ctx, item, attachmentText }) => {
    if (item.status !== 'published') return;
    await indexDocument(ctx, itemDocument(item, await columnName(ctx.db, item.column_id), attachmentText));
    await bumpContentVersion(ctx.db, ctx.clock, item.org_id);
  });
  c.events.subscribe('catalog.itemWithdrawn', 'search', async ({ ctx, item }) => {
    await unindexDocument(ctx, ITEM_KIND, item.id);
    await bumpContentVersion(ctx.db, ctx.clock, item.org_id);
  });
  registerReindexProvider(c, {
    kind: ITEM_KIND,
    label: '主动公开信息',
    documents: publishedItemBatches,
  });
}

/** Every published item with its column name and the text of its public attachments, 200 at a time. */
async function* publishedItemBatches(ctx: Ctx): AsyncIterable<SearchDocument[]> {
  let after = '';
  for (;;) {
    const items = await publishedItemsAfter(ctx.db, after, 200);
    if (items.length === 0) return;
    const texts = await attachmentTextsByRevision(
      ctx.db,
      items.map((i) => i.published_revision_id).filter((x): x is string => Boolean(x)),
    );
    yield items.map((i) =>
      itemDocument(i, i.column_name, (texts.get(i.published_revision_id ?? '') ?? []).join('\n')),
    );
    after = items[items.length - 1]!.id;
  }
}
