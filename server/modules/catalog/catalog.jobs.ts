import { nowIso } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { channelAdapter, type ChannelMessage, type ChannelResult } from './catalog.channels.js';
import * as repo from './catalog.repository.js';
import { nextAttemptDelayMs } from './catalog.rules.js';
import { publicItemPath } from './catalog.views.js';
import { publishDue } from './catalog.service.js';

/** Publishes every scheduled revision whose time has come. Returns how many went public. */
export async function runDuePublications(ctx: Ctx): Promise<number> {
  let published = 0;
  for (const rev of await repo.dueScheduled(ctx.db, nowIso(ctx.clock)))
    if (await publishDue(ctx, rev.id)) published += 1;
  return published;
}

/**
 * Sends pending outbox rows through their channel adapters. Each row is claimed and settled in its own
 * short update (never inside a publishing transaction): a slow gateway cannot hold database locks.
 */
export async function runOutbox(ctx: Ctx, publicBaseUrl: string): Promise<number> {
  let settled = 0;
  for (const d of await repo.dueDeliveries(ctx.db, nowIso(ctx.clock))) {
    const item = await repo.findItem(ctx.db, d.item_id);
    if (!item) continue;
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
    const now = nowIso(ctx.clock);
    const attempts = d.attempts + 1;
    if (result.outcome === 'failed') {
      const delay = result.retryable ? nextAttemptDelayMs(attempts) : null;
      await repo.updateDelivery(ctx.db, d.id, {
        attempts,
        status: delay === null ? 'failed' : 'pending',
        next_attempt_at: delay === null ? null : new Date(ctx.clock.now().getTime() + delay).toISOString(),
        last_error: result.error.slice(0, 1000),
        updated_at: now,
      });
    } else {
      await repo.updateDelivery(ctx.db, d.id, {
        attempts,
        status: result.outcome,
        next_attempt_at: null,
        last_error: null,
        external_ref: result.externalRef,
        completed_at: now,
        updated_at: now,
      });
    }
    settled += 1;
  }
  return settled;
}
