/**
 * Channel releases of published items (the release ledger; the sending is the notify queue's): the
 * console list and manual retry of a failed release (a dead letter of the queue).
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './catalog.repository.js';
import { deliveryView, publicItemPath } from './catalog.views.js';
import { audit, readAgency } from './catalog.access.js';
import { releaseQueue } from './catalog.channels.js';

// ───────────────────────── deliveries ─────────────────────────

export async function listDeliveries(
  ctx: Ctx,
  actor: Actor,
  q: { orgId?: string; status?: string; channel?: string },
) {
  const orgId = await readAgency(ctx, actor, q.orgId);
  const rows = await repo.listDeliveries(ctx.db, {
    orgId,
    limit: 200,
    ...(q.status ? { status: q.status } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
  });
  return rows.map((d) => ({ ...deliveryView(d), itemId: d.item_id, itemTitle: d.item_title }));
}

/**
 * Puts a failed release back on the sending queue (the next run sends it). A release that failed
 * before the queue carried the catalog's releases has no queue message: it gets one now.
 */
export async function retryDelivery(ctx: Ctx, actor: Actor, id: string) {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const d = await repo.findDelivery(trx, id);
    if (!d) throw notFound('delivery', '发布记录不存在');
    assertWritesAgency(actor, d.org_id);
    if (d.status !== 'failed' || d.channel === 'portal')
      throw conflict('invalid_transition', '只有发送失败的记录可以重发', { from: d.status, action: 'retry' });
    const queue = releaseQueue(ctx);
    if (d.message_id) await queue.retry(trx, d.message_id);
    else {
      const payload = JSON.parse(d.payload) as { title: string; summary: string };
      const org = (await orgRepo.findById(trx, d.org_id))!;
      const { messageId } = await queue.enqueue(trx, ctx.clock, {
        orgId: d.org_id,
        itemId: d.item_id,
        deliveryId: d.id,
        channel: d.channel,
        title: payload.title,
        summary: payload.summary,
        path: `/a/${org.code}${publicItemPath(d.item_id)}`,
      });
      await repo.updateDelivery(trx, d.id, {
        message_id: messageId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: null,
        updated_at: nowIso(ctx.clock),
      });
    }
    await audit(trx, ctx, actor, d.org_id, 'catalog.delivery.retry', 'catalog_item', d.item_id, {
      note: `${d.channel} 重新发送（已尝试${d.attempts}次）`,
    });
    return deliveryView((await repo.findDelivery(trx, id))!);
  });
}
