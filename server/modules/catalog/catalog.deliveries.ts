/**
 * Channel deliveries of published items (outbox rows): the console list and manual retry.
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './catalog.repository.js';
import { deliveryView } from './catalog.views.js';
import { audit, readAgency } from './catalog.access.js';

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

/** Puts a failed delivery back in the outbox (the next run sends it). */
export async function retryDelivery(ctx: Ctx, actor: Actor, id: string) {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const d = await repo.findDelivery(trx, id);
    if (!d) throw notFound('delivery', '发布记录不存在');
    assertWritesAgency(actor, d.org_id);
    if (d.status !== 'failed')
      throw conflict('invalid_transition', '只有发送失败的记录可以重发', { from: d.status, action: 'retry' });
    const now = nowIso(ctx.clock);
    await repo.updateDelivery(trx, d.id, { status: 'pending', next_attempt_at: now, updated_at: now });
    await audit(trx, ctx, actor, d.org_id, 'catalog.delivery.retry', 'catalog_item', d.item_id, {
      note: `${d.channel} 重新发送（已尝试${d.attempts}次）`,
    });
    return deliveryView((await repo.findDelivery(trx, id))!);
  });
}
