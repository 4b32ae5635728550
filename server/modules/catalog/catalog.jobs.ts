import { nowIso } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { Ctx } from '../../platform/context.js';
import { channelAdapter, type ChannelMessage, type ChannelResult } from './catalog.channels.js';
import * as repo from './catalog.repository.js';
import { nextAttemptDelayMs } from './catalog.rules.js';
import { publicItemPath } from './catalog.views.js';
import { publishDue } from './catalog.publishing.js';

/** Publishes every scheduled revision whose time has come. Returns how many went public. */
export async function runDuePublications(ctx: Ctx): Promise<number> {
  let published = 0;
  for (const rev of await repo.dueScheduled(ctx.db, nowIso(ctx.clock)))
    if (await publishDue(ctx, rev.id)) published += 1;
  return published;
}

/** How long a worker may hold a claimed outbox row before another worker may take it over. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
/** Most rows one run sends (the next run, 30 s later, continues). */
const OUTBOX_BATCH = 50;

/**
 * Sends pending outbox rows through their channel adapters. Each row is claimed atomically with a
 * lease (repo.claimDeliveries: several web/worker processes may run this at once and never send the
 * same row twice while a lease holds), sent, and settled in its own short update — never inside a
 * publishing transaction, so a slow gateway cannot hold database locks. One row is claimed at a time
 * so a lease only has to cover one send; a worker that dies mid-send leaves a lease that runs out,
 * and the row is retried (at-least-once, as a channel outbox must be).
 */
export async function runOutbox(ctx: Ctx, publicBaseUrl: string): Promise<number> {
  const workerId = newId();
  let settled = 0;
  for (let i = 0; i < OUTBOX_BATCH; i++) {
    const now = nowIso(ctx.clock);
    const leaseUntil = new Date(ctx.clock.now().getTime() + OUTBOX_LEASE_MS).toISOString();
    const [d] = await repo.claimDeliveries(ctx.db, ctx.dialect, { workerId, now, leaseUntil, limit: 1 });
    if (!d) break;
    const item = await repo.findItem(ctx.db, d.item_id);
    if (!item) {
      await repo.settleDelivery(ctx.db, d.id, workerId, {
        status: 'failed',
        last_error: '信息不存在',
        updated_at: now,
      });
      continue;
    }
    const org = await ctx.db
      .selectFrom('orgs')
      .select(['code'])
      .where('id', '=', d.org_id)
      .executeTakeFirst();
    const payload = JSON.parse(d.payload) as {
      title: string;
      summary: string;
      indexNumber: string | null;
      publishedAt: string;
    };
    const message: ChannelMessage = {
      deliveryId: d.id,
      orgId: d.org_id,
      itemId: d.item_id,
      channel: d.channel,
      title: payload.title,
      summary: payload.summary,
      url: `${publicBaseUrl}/a/${org?.code ?? ''}${publicItemPath(d.item_id)}`,
      publishedAt: payload.publishedAt,
      indexNumber: payload.indexNumber,
    };
    const adapter = channelAdapter(d.channel);
    let result: ChannelResult;
    if (!adapter) result = { outcome: 'failed', error: `渠道“${d.channel}”未配置发送接口`, retryable: false };
    else {
      try {
        result = await adapter.send(message);
      } catch (e) {
        result = { outcome: 'failed', error: e instanceof Error ? e.message : String(e), retryable: true };
      }
    }
    const done = nowIso(ctx.clock);
    const attempts = d.attempts + 1;
    if (result.outcome === 'failed') {
      const delay = result.retryable ? nextAttemptDelayMs(attempts) : null;
      await repo.settleDelivery(ctx.db, d.id, workerId, {
        attempts,
        status: delay === null ? 'failed' : 'pending',
        next_attempt_at: delay === null ? null : new Date(ctx.clock.now().getTime() + delay).toISOString(),
        last_error: result.error.slice(0, 1000),
        updated_at: done,
      });
    } else {
      await repo.settleDelivery(ctx.db, d.id, workerId, {
        attempts,
        status: result.outcome,
        next_attempt_at: null,
        last_error: null,
        external_ref: result.externalRef,
        completed_at: done,
        updated_at: done,
      });
    }
    settled += 1;
  }
  return settled;
}
