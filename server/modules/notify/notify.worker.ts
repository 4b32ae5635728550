import type { Config } from '../../config.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { retryDelayMs, type DeliveryReceipt } from './notify.rules.js';
import * as repo from './notify.repository.js';
import type { QueueChannel } from './notify.tables.js';
import {
  RecordingTransport,
  SmppTransport,
  SmsRouter,
  SmtpTransport,
  type OutgoingMessage,
  type SendOutcome,
  type Transport,
} from './notify.transports.js';
import { PlatformTransport } from './notify.platforms.js';
import { announce, announceIds } from './notify.events.js';
import path from 'node:path';

/** How long a worker may hold a claimed message before it counts as interrupted. */
export const LEASE_MS = 5 * 60_000;

export type Transports = Map<QueueChannel, Transport>;

/** Token bucket per transport (per process): at most `ratePerSecond` hand-overs a second. */
class RateLimiter {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly rate: number) {
    this.tokens = rate;
  }
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.rate) * 1000)));
    }
  }
}
const limiters = new WeakMap<Transport, RateLimiter>();
function limiterOf(t: Transport): RateLimiter {
  let l = limiters.get(t);
  if (!l) limiters.set(t, (l = new RateLimiter(t.ratePerSecond)));
  return l;
}

/**
 * Sends due messages: claims a batch per channel (atomically, with a lease: several worker processes
 * never hand over the same message), hands each to its channel's transport within the channel's rate
 * limit and concurrency, and settles the outcome. Messages left `sending` by a vanished worker fail
 * visibly (never sent twice). Returns how many messages were settled.
 */
export async function runNotifyQueue(
  ctx: Ctx,
  transports: Transports,
  options: { maxMessages?: number; workerId?: string; publicBaseUrl?: string } = {},
): Promise<number> {
  const workerId = options.workerId ?? newId();
  const max = options.maxMessages ?? 500;
  await inTransaction(ctx, async (trx) =>
    announceIds(ctx, trx, await repo.failInterrupted(trx, nowIso(ctx.clock))),
  );
  let settled = 0;
  let progress = true;
  while (progress && settled < max) {
    progress = false;
    await Promise.all(
      [...transports.values()].map(async (t) => {
        // claim no more than the window: a killed worker leaves at most this many messages of unknown fate
        const limit = Math.min(t.concurrency, max - settled);
        if (limit <= 0) return;
        const now = nowIso(ctx.clock);
        const leaseUntil = new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString();
        const batch = await repo.claimMessages(ctx.db, ctx.dialect, {
          workerId,
          now,
          leaseUntil,
          limit,
          channels: [t.channel],
        });
        if (batch.length === 0) return;
        progress = true;
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(t.concurrency, batch.length) }, async () => {
            while (next < batch.length) {
              const m = batch[next++]!;
              await limiterOf(t).take();
              await sendOne(ctx, t, m, workerId, options.publicBaseUrl);
              settled += 1;
            }
          }),
        );
      }),
    );
  }
  return settled;
}

async function sendOne(
  ctx: Ctx,
  t: Transport,
  m: repo.Message,
  workerId: string,
  publicBaseUrl = '',
): Promise<void> {
  const attachments = m.has_attachments
    ? (await repo.attachmentsOf(ctx.db, m.id)).map((a) => ({
        filename: a.filename,
        contentType: a.content_type,
        content: Buffer.from(a.content, 'base64'),
      }))
    : [];
  const partsDone =
    m.channel === 'sms' && m.attempts > 1 ? (await repo.smsPartsOf(ctx.db, m.id)).map((p) => p.part_no) : [];
  const out: OutgoingMessage = {
    id: m.id,
    orgId: m.org_id,
    channel: m.channel,
    to: m.to_addr,
    subject: m.subject,
    text: m.body_text,
    html: m.body_html,
    attachments,
    partsDone,
    recipientKind: m.recipient_kind,
    url: m.link ? `${publicBaseUrl.replace(/\/$/, '')}${m.link}` : null,
    headers: m.headers ? (JSON.parse(m.headers) as Record<string, string>) : {},
  };
  let result: SendOutcome;
  try {
    result = await t.send(out);
  } catch (e) {
    result = { outcome: 'failed', error: e instanceof Error ? e.message : String(e), retryable: true };
  }
  await settle(ctx, m, workerId, result);
}

async function settle(ctx: Ctx, m: repo.Message, workerId: string, r: SendOutcome): Promise<void> {
  const now = nowIso(ctx.clock);
  await inTransaction(ctx, async (trx) => {
    if (r.smsParts?.length)
      await repo.insertSmsParts(
        trx,
        r.smsParts.map((p) => ({
          smsc_id: p.smscId,
          message_id: m.id,
          part_no: p.partNo,
          status: 'sent',
          updated_at: now,
        })),
      );
    if (r.outcome === 'failed') {
      const delay = r.retryable ? retryDelayMs(m.attempts) : null;
      const patch = {
        status: delay === null ? ('failed' as const) : ('pending' as const),
        next_attempt_at: delay === null ? null : new Date(ctx.clock.now().getTime() + delay).toISOString(),
        last_error: (delay === null && r.retryable
          ? `已重试${m.attempts}次仍失败：${r.error}`
          : r.error
        ).slice(0, 1000),
        parts: r.parts ?? m.parts,
        updated_at: now,
        completed_at: delay === null ? now : null,
      };
      if (await repo.settleMessage(trx, m.id, workerId, patch)) await announce(ctx, trx, { ...m, ...patch });
      return;
    }
    const ref =
      r.outcome === 'sent' && m.channel === 'sms' && m.external_ref && r.externalRef
        ? `${m.external_ref},${r.externalRef}`
        : (r.externalRef ?? m.external_ref);
    const patch = {
      status: r.outcome,
      next_attempt_at: null,
      last_error: null,
      external_ref: ref?.slice(0, 300) ?? null,
      parts: r.parts ?? m.parts,
      sent_at: r.outcome === 'recorded' ? null : now,
      completed_at: r.outcome === 'sent' ? null : now,
      updated_at: now,
    };
    if (await repo.settleMessage(trx, m.id, workerId, patch)) await announce(ctx, trx, { ...m, ...patch });
  });
}

/**
 * Applies an SMPP delivery receipt: the part becomes delivered/failed; the message is `delivered` when
 * every part is, `failed` when any part finally failed. false when the part is not known (yet).
 */
export async function applyReceipt(ctx: Ctx, r: DeliveryReceipt): Promise<boolean> {
  if (!r.final) return true;
  return inTransaction(ctx, async (trx) => {
    const part = await repo.smsPart(trx, r.id);
    if (!part) return false;
    // receipts of one message's parts may be applied concurrently: serialise them on the message row
    await repo.lockMessage(trx, ctx.dialect, part.message_id);
    const now = nowIso(ctx.clock);
    await repo.setSmsPart(trx, r.id, r.delivered ? 'delivered' : 'failed', now);
    const m = await repo.messageById(trx, part.message_id);
    if (!m || (m.status !== 'sent' && m.status !== 'pending')) return true;
    const parts = await repo.smsPartsOf(trx, m.id);
    const states = parts.map((p) => (p.smsc_id === r.id ? (r.delivered ? 'delivered' : 'failed') : p.status));
    if (states.includes('failed') && m.status === 'sent') {
      const patch = {
        status: 'failed' as const,
        last_error: `短信未送达（回执状态 ${r.stat}${r.err ? `，错误码 ${r.err}` : ''}）`,
        completed_at: now,
        updated_at: now,
      };
      await repo.updateMessage(trx, m.id, patch);
      await announce(ctx, trx, { ...m, ...patch });
    } else if (
      m.status === 'sent' &&
      states.length >= (m.parts ?? 1) &&
      states.every((s) => s === 'delivered')
    ) {
      const patch = { status: 'delivered' as const, completed_at: now, updated_at: now };
      await repo.updateMessage(trx, m.id, patch);
      await announce(ctx, trx, { ...m, ...patch });
    }
    return true;
  });
}

/** Passes an SMS reply to the modules' onSmsReply hooks until one handles it. */
export async function dispatchSmsReply(ctx: Ctx, from: string, text: string): Promise<boolean> {
  const { modules } = await import('../index.js');
  const mobile = from.replace(/^\+?86/, '');
  for (const m of modules) if (m.onSmsReply && (await m.onSmsReply(ctx, mobile, text))) return true;
  return false;
}

/** Retries applying a receipt that arrived before its message was settled (up to ~15 s). */
export async function applyReceiptSoon(ctx: Ctx, r: DeliveryReceipt): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await applyReceipt(ctx, r)) return;
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** The transports of this process from the configuration: real gateways where configured, else recording. */
export function buildTransports(
  ctx: Ctx,
  config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'smppUrl' | 'dataDir' | 'publicBaseUrl'>,
): Transports {
  const outbox = path.join(config.dataDir, 'outbox');
  const host = new URL(config.publicBaseUrl).hostname || 'localhost';
  const from = config.smtpFrom ?? `政务公开 <noreply@${host}>`;
  const map: Transports = new Map();
  map.set(
    'email',
    config.smtpUrl
      ? new SmtpTransport(config.smtpUrl, from, host)
      : new RecordingTransport('email', outbox, from),
  );
  map.set(
    'sms',
    new SmsRouter(
      config.smppUrl
        ? new SmppTransport(config.smppUrl, {
            onReceipt: (r) => applyReceiptSoon(ctx, r),
            onMobileOriginated: async (f, text) => void (await dispatchSmsReply(ctx, f, text)),
          })
        : new RecordingTransport('sms', outbox),
      new RecordingTransport('sms', outbox),
    ),
  );
  map.set('wechat', new PlatformTransport(ctx, 'wechat', outbox));
  map.set('weibo', new PlatformTransport(ctx, 'weibo', outbox));
  return map;
}

export async function closeTransports(t: Transports): Promise<void> {
  await Promise.all([...t.values()].map((x) => x.close()));
}
