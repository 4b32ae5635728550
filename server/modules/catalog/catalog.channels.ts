/**
 * Release channels (政务微信, 政务微博, 短信): an item's first publication is released to the channels
 * its column lists. The portal release is the publication itself; the others are posts on the notify
 * module's sending queue — the one outbox of the platform, with its retries and backoff, leases held
 * across worker processes, dead letters (failed, retried from the console) and honest status (see
 * CHANNELS.md).
 *
 * Wiring is explicit, on the container: the notify module provides `catalog.releaseQueue` in its
 * `wire(c)` (catalog does not import notify), and `wireCatalogChannels(c)` keeps each ledger row
 * (catalog_deliveries) in step with its queue message through the bus event `notify.messageChanged`,
 * inside the transaction that changed the message.
 */
import type { Kysely } from 'kysely';
import type { Container } from '../../container.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import * as repo from './catalog.repository.js';
import type { ChannelName, DeliveryStatus } from './catalog.tables.js';

/** What is released to one channel. */
export interface ChannelRelease {
  orgId: string;
  itemId: string;
  /** The ledger row (catalog_deliveries.id): the queue's idempotency key is made of it. */
  deliveryId: string;
  channel: Exclude<ChannelName, 'portal'>;
  title: string;
  summary: string;
  /** Portal path of the item (`/a/<agency>/items/<id>`). */
  path: string;
}

/** The sending queue as the catalog needs it (provided by the notify module on the container). */
export interface ReleaseQueue {
  /** Enqueues a release in the caller's transaction; the same delivery is enqueued once. */
  enqueue(trx: Kysely<DB>, clock: Clock, release: ChannelRelease): Promise<{ messageId: string }>;
  /** Cancels the releases not handed over yet (withdrawn item); the ledger follows by the event. */
  cancel(trx: Kysely<DB>, clock: Clock, messageIds: string[], reason: string): Promise<void>;
  /** Puts a failed release (dead letter) back on the queue. */
  retry(trx: Kysely<DB>, messageId: string): Promise<void>;
  /**
   * Marks releases as recorded without sending (seeded demo data, which must not claim delivery),
   * only those still pending.
   */
  markRecorded(trx: Kysely<DB>, clock: Clock, messageIds: string[], note: string): Promise<void>;
  /** Sends what is due now (the console's 立即执行 and tests); returns how many were settled. */
  runNow(): Promise<number>;
}

declare module '../../platform/providers.js' {
  interface Providers {
    'catalog.releaseQueue': ReleaseQueue;
  }
}

/** The container's release queue; publishing to a channel without one is a wiring mistake. */
export function releaseQueue(ctx: Ctx): ReleaseQueue {
  const q = ctx.providers?.find('catalog.releaseQueue');
  if (!q)
    throw new Error('no release queue on this container (the notify module provides catalog.releaseQueue)');
  return q;
}

/** The queue's message status as the ledger states it ('sending' and 'sent' are not releases yet). */
export function ledgerStatus(status: string): DeliveryStatus {
  switch (status) {
    case 'delivered':
    case 'recorded':
    case 'failed':
    case 'cancelled':
      return status;
    default:
      return 'pending';
  }
}

/** Keeps the release ledger in step with the queue, inside the transaction that changed the message. */
export function wireCatalogChannels(c: Pick<Container, 'events'>): void {
  c.events.subscribe('notify.messageChanged', 'catalog', async ({ ctx, message: m }) => {
    if (m.sourceModule !== 'catalog') return;
    const d = await repo.deliveryByMessage(ctx.db, m.id);
    if (!d) return;
    const status = ledgerStatus(m.status);
    await repo.updateDelivery(ctx.db, d.id, {
      status,
      attempts: m.attempts,
      next_attempt_at: status === 'pending' ? m.nextAttemptAt : null,
      last_error: m.lastError,
      external_ref: m.externalRef?.slice(0, 200) ?? d.external_ref,
      completed_at: status === 'delivered' || status === 'recorded' ? (m.completedAt ?? m.updatedAt) : null,
      updated_at: m.updatedAt,
    });
  });
}
