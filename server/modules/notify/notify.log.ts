import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { yearStartUtc } from '../catalog/catalog.dashboard.js';
import { announceIds } from './notify.events.js';
import { STATUS_LABELS } from './notify.rules.js';
import * as repo from './notify.repository.js';
import type { QueueChannel } from './notify.tables.js';

/** The delivery log and the honest per-channel counts (console, annual report). */

function orgOf(actor: Actor): string {
  if (!actor.orgId) throw forbidden();
  return actor.orgId;
}

export async function listMessages(
  ctx: Ctx,
  actor: Actor,
  q: {
    page?: number;
    pageSize?: number;
    channel?: QueueChannel;
    status?: string;
    sourceModule?: string;
    sourceId?: string;
  },
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, total] = await repo.listMessages(
    ctx.db,
    {
      orgId: orgOf(actor),
      channel: q.channel,
      status: q.status,
      sourceModule: q.sourceModule,
      sourceId: q.sourceId,
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return {
    items: rows.map((m) => ({
      id: m.id,
      channel: m.channel,
      recipientKind: m.recipient_kind,
      to: m.to_addr,
      template: m.template,
      subject: m.subject,
      status: m.status,
      statusLabel: STATUS_LABELS[m.status] ?? m.status,
      attempts: m.attempts,
      parts: m.parts,
      externalRef: m.external_ref,
      lastError: m.last_error,
      nextAttemptAt: m.next_attempt_at,
      source: m.source_module ? `${m.source_module}:${m.source_id ?? ''}` : null,
      createdAt: m.created_at,
      completedAt: m.completed_at,
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}

/** Puts a failed message back on the queue (the office checked it was not received). */
export async function retryMessage(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const orgId = orgOf(actor);
  await inTransaction(ctx, async (trx) => {
    const m = await requeueFailed(ctx, trx, id);
    if (m.org_id !== orgId) throw notFound('notify_message', '消息不存在');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notify.message.retry',
      targetType: 'notify_message',
      targetId: id,
      orgId,
      note: m.last_error ?? undefined,
    });
  });
}

/**
 * A failed message (a dead letter) back to `pending` with fresh attempts, inside the caller's transaction;
 * the caller checks the agency and writes the audit row. Anything but `failed` is refused.
 */
export async function requeueFailed(ctx: Ctx, trx: Kysely<DB>, id: string): Promise<repo.Message> {
  const m = await repo.messageById(trx, id);
  if (!m) throw notFound('notify_message', '消息不存在');
  if (m.status !== 'failed') throw conflict('notify.not_failed', '只有发送失败的消息可以重发');
  await repo.updateMessage(trx, id, {
    status: 'pending',
    attempts: 0,
    next_attempt_at: null,
    updated_at: nowIso(ctx.clock),
    completed_at: null,
  });
  await announceIds(ctx, trx, [id]);
  return m;
}

export const CHANNEL_LABELS: Record<QueueChannel, string> = {
  email: '电子邮件',
  sms: '短信',
  wechat: '政务微信公众号',
  weibo: '政务微博',
};

export interface ChannelYearCounts {
  channel: QueueChannel;
  label: string;
  published: number;
  sent: number;
  delivered: number;
  failed: number;
  recorded: number;
  pending: number;
}

/**
 * Per channel, messages and posts of one year (China time) by outcome: every queue message — e-mail,
 * SMS and the catalog's channel releases (posts), which go through the same queue. `published` counts
 * only what reached people or the platform: delivered (receipt, platform returned the post's id).
 * Recorded-only ones are never in it.
 */
export async function channelYearCounts(ctx: Ctx, orgId: string, year: number): Promise<ChannelYearCounts[]> {
  const from = yearStartUtc(year);
  const to = yearStartUtc(year + 1);
  const out = new Map<QueueChannel, ChannelYearCounts>(
    (['wechat', 'weibo', 'sms', 'email'] as const).map((c) => [
      c,
      {
        channel: c,
        label: CHANNEL_LABELS[c],
        published: 0,
        sent: 0,
        delivered: 0,
        failed: 0,
        recorded: 0,
        pending: 0,
      },
    ]),
  );
  const add = (channel: string, status: string, n: number) => {
    const row = out.get(channel as QueueChannel);
    if (!row) return;
    if (status === 'delivered') row.delivered += n;
    else if (status === 'sent') row.sent += n;
    else if (status === 'failed') row.failed += n;
    else if (status === 'recorded') row.recorded += n;
    else if (status === 'pending' || status === 'sending') row.pending += n;
  };
  for (const r of await repo.countsByChannel(ctx.db, orgId, from, to)) add(r.channel, r.status, Number(r.n));
  for (const row of out.values()) row.published = row.delivered;
  return [...out.values()];
}

export async function channelStats(ctx: Ctx, actor: Actor, year: number) {
  return { year, channels: await channelYearCounts(ctx, orgOf(actor), year) };
}
