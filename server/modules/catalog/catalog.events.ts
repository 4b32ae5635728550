import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { CatalogItemsTable } from './catalog.tables.js';

/**
 * Publishing hooks. Other modules (search) subscribe at import time; the catalog service calls every
 * listener INSIDE the transaction that publishes, changes or withdraws the item, passing that transaction
 * as `ctx.db`, so an index update commits or rolls back with the publication. A listener that throws
 * aborts the publication (nothing half-published).
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

type Listener<E> = (event: E) => Promise<void> | void;

const publishedListeners: Listener<PublishedItemEvent>[] = [];
const withdrawnListeners: Listener<WithdrawnItemEvent>[] = [];

/** Subscribe to publications; returns an unsubscribe function. */
export function onItemPublished(listener: Listener<PublishedItemEvent>): () => void {
  publishedListeners.push(listener);
  return () => remove(publishedListeners, listener);
}

/** Subscribe to withdrawals; returns an unsubscribe function. */
export function onItemWithdrawn(listener: Listener<WithdrawnItemEvent>): () => void {
  withdrawnListeners.push(listener);
  return () => remove(withdrawnListeners, listener);
}

function remove<E>(list: Listener<E>[], listener: Listener<E>): void {
  const i = list.indexOf(listener);
  if (i >= 0) list.splice(i, 1);
}

/** Called by the catalog service inside the publishing transaction. */
export async function emitItemPublished(
  ctx: Ctx,
  trx: Kysely<DB>,
  event: Omit<PublishedItemEvent, 'ctx'>,
): Promise<void> {
  for (const l of [...publishedListeners]) await l({ ...event, ctx: { ...ctx, db: trx } });
}

/** Called by the catalog service inside the withdrawing transaction. */
export async function emitItemWithdrawn(
  ctx: Ctx,
  trx: Kysely<DB>,
  event: Omit<WithdrawnItemEvent, 'ctx'>,
): Promise<void> {
  for (const l of [...withdrawnListeners]) await l({ ...event, ctx: { ...ctx, db: trx } });
}
