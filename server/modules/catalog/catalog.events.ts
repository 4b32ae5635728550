import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { CatalogItemsTable } from './catalog.tables.js';

/**
 * Publishing events on the container's bus (platform/events.ts): subscribers (the search/portal-cache sync,
 * wired in catalog.module.ts) run INSIDE the transaction that publishes, changes or withdraws the item,
 * with that transaction as `ctx.db`, so an index update commits or rolls back with the publication. A
 * subscriber that throws aborts the publication (nothing half-published). Nothing subscribes at import.
 */
export interface PublishedItemEvent {
  /** ctx whose `db` is the publishing transaction. */
  ctx: Ctx;
  /** The item row as it is now public (status 'published'), with the published revision's content. */
  item: CatalogItemsTable;
  /** Plain text of the published revision's attachments, for full-text indexing. */
  attachmentText: string;
  /** 'first' on first publication, 'revision' when a new revision replaced the public content, 'validity' on 失效/废止. */
  reason: 'first' | 'revision' | 'validity';
}

export interface WithdrawnItemEvent {
  ctx: Ctx;
  item: CatalogItemsTable;
  reason: string;
}

declare module '../../platform/events.js' {
  interface DomainEvents {
    'catalog.itemPublished': PublishedItemEvent;
    'catalog.itemWithdrawn': WithdrawnItemEvent;
  }
}

/** Called by the catalog service inside the publishing transaction. */
export async function emitItemPublished(
  ctx: Ctx,
  trx: Kysely<DB>,
  event: Omit<PublishedItemEvent, 'ctx'>,
): Promise<void> {
  await ctx.events?.publish('catalog.itemPublished', { ...event, ctx: { ...ctx, db: trx } });
}

/** Called by the catalog service inside the withdrawing transaction. */
export async function emitItemWithdrawn(
  ctx: Ctx,
  trx: Kysely<DB>,
  event: Omit<WithdrawnItemEvent, 'ctx'>,
): Promise<void> {
  await ctx.events?.publish('catalog.itemWithdrawn', { ...event, ctx: { ...ctx, db: trx } });
}
