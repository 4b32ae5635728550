/**
 * Public e-mail subscriptions (no account needed) to a column (栏目) or to saved search words: double
 * opt-in (a confirmation link is mailed; nothing else is sent until it is opened), one-click
 * unsubscribe through a signed link in every mail (in its text and in its List-Unsubscribe header, which
 * mail programs POST to: RFC 8058), and a periodic digest of newly published items.
 * Links are signed with the server's secret (notify.rules `subscriptionSignature`), never stored.
 */
import { systemActor } from '../../platform/actor.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, DomainError, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { listItems, listPublishedColumns } from '../catalog/index.js';
import { agencyOf } from '../orgs/orgs.service.js';
import { publicSearch } from '../search/search.service.js';
import * as repo from './notify.repository.js';
import {
  searchWordsProblem,
  subscriptionSignature,
  validateEmail,
  verifySubscriptionSignature,
} from './notify.rules.js';
import { enqueueNotification } from './notify.service.js';

/** Where links point and the key they are signed with (from the configuration). */
export interface SubscriptionEnv {
  secret: string;
  baseUrl: string;
}

export type SubscriptionKind = 'column' | 'search';

export interface SubscribeInput {
  orgId: string;
  email: string;
  /** column code (when subscribing to a column) */
  column?: string;
  /** search words (when subscribing to a saved search) */
  words?: string;
}

export function confirmLink(env: SubscriptionEnv, id: string): string {
  return `${env.baseUrl}/subscriptions/confirm/${id}/${subscriptionSignature(env.secret, 'confirm', id)}`;
}
export function unsubscribeLink(env: SubscriptionEnv, id: string): string {
  return `${env.baseUrl}/subscriptions/unsubscribe/${id}/${subscriptionSignature(env.secret, 'unsubscribe', id)}`;
}

/**
 * RFC 2369 / RFC 8058 headers of every subscription mail: mail programs show an 退订 button, and a
 * one-click POST (body `List-Unsubscribe=One-Click`) to the signed link unsubscribes without a page.
 */
export function listUnsubscribeHeaders(env: SubscriptionEnv, id: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeLink(env, id)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/**
 * Field problems of a subscription form (Chinese), empty when it may be saved. The column must be one
 * of the agency's published columns.
 */
export async function subscriptionProblems(
  ctx: Ctx,
  input: SubscribeInput,
): Promise<{ errors: Record<string, string>; kind?: SubscriptionKind; target?: string; label?: string }> {
  const errors: Record<string, string> = {};
  const emailProblem = validateEmail(input.email);
  if (emailProblem) errors.email = emailProblem;
  const column = (input.column ?? '').trim();
  const words = (input.words ?? '').trim();
  if (column && words) errors.column = '请选择一个栏目或填写检索词（二者选一）';
  else if (!column && !words) errors.column = '请选择要订阅的栏目，或填写要订阅的检索词';
  else if (column) {
    const c = (await listPublishedColumns(ctx, input.orgId)).find((x) => x.code === column);
    if (!c) errors.column = '所选栏目不存在，请从列表中选择';
    else if (!Object.keys(errors).length) return { errors, kind: 'column', target: c.code, label: c.name };
  } else {
    const p = searchWordsProblem(words);
    if (p) errors.words = p;
    else if (!Object.keys(errors).length)
      return { errors, kind: 'search', target: words, label: `检索“${words}”` };
  }
  return { errors };
}

/**
 * Records a pending subscription and mails the confirmation link. Asking again for a pending one
 * mails the link again (at most once a day); for an active one nothing is sent — the answer is the same
 * either way, so the form does not tell strangers whether an address is subscribed.
 */
export async function subscribe(ctx: Ctx, env: SubscriptionEnv, input: SubscribeInput): Promise<void> {
  const checked = await subscriptionProblems(ctx, input);
  const [field, message] = Object.entries(checked.errors)[0] ?? [];
  if (field)
    throw invalidField(
      field,
      field === 'email' ? 'notify.invalid_email' : 'notify.subscription_target',
      message!,
    );
  const email = input.email.trim().toLowerCase();
  const agency = await agencyOf(ctx, input.orgId);
  await inTransaction(ctx, async (trx) => {
    let sub = await repo.liveSubscription(trx, input.orgId, email, checked.kind!, checked.target!);
    if (sub?.status === 'active') return;
    const now = nowIso(ctx.clock);
    if (!sub) {
      sub = {
        id: newId(),
        org_id: input.orgId,
        email,
        target_kind: checked.kind!,
        target: checked.target!,
        label: checked.label!,
        status: 'pending',
        last_sent_at: null,
        created_at: now,
        confirmed_at: null,
        unsubscribed_at: null,
      };
      await repo.insertSubscription(trx, sub);
      await recordAudit(trx, ctx.clock, systemActor('公众订阅', input.orgId), {
        action: 'notify.subscription.create',
        targetType: 'notify_subscription',
        targetId: sub.id,
        orgId: input.orgId,
        after: { kind: sub.target_kind, target: sub.target, email: maskEmail(email) },
      });
    }
    await enqueueNotification(trx, ctx.clock, {
      orgId: input.orgId,
      channel: 'email',
      to: email,
      recipientKind: 'public',
      template: 'notify.subscription.confirm',
      data: { 机关名称: agency.name, 订阅内容: sub.label, 确认链接: confirmLink(env, sub.id) },
      // one confirmation mail per subscription and day: the form cannot be used to flood an inbox
      idempotencyKey: `notify.subscription.confirm:${sub.id}:${todayInChina(ctx.clock)}`,
      source: { module: 'notify', id: sub.id },
      urgent: true,
    });
  });
}

function badLink(): DomainError {
  return new DomainError(
    'notify.bad_link',
    '链接无效（可能被改动或不完整），请使用邮件中的原始链接',
    undefined,
    'forbidden',
  );
}

/** The subscription a signed link names; a forged or altered signature is refused. */
export async function subscriptionOfLink(
  ctx: Ctx,
  secret: string,
  purpose: 'confirm' | 'unsubscribe',
  id: string,
  sig: string,
) {
  if (!verifySubscriptionSignature(secret, purpose, id, sig)) throw badLink();
  const sub = await repo.findSubscription(ctx.db, id);
  if (!sub) throw notFound('notify_subscription', '该订阅不存在或已删除');
  return sub;
}

/** Double opt-in: the confirmation link turns a pending subscription active (mails start from now). */
export async function confirmSubscription(ctx: Ctx, secret: string, id: string, sig: string) {
  const sub = await subscriptionOfLink(ctx, secret, 'confirm', id, sig);
  if (sub.status === 'unsubscribed')
    throw conflict('notify.subscription_ended', '该订阅已退订；如需继续接收，请重新订阅');
  if (sub.status === 'active') return { ...sub, fresh: false };
  const now = nowIso(ctx.clock);
  await inTransaction(ctx, async (trx) => {
    await repo.updateSubscription(trx, id, { status: 'active', confirmed_at: now, last_sent_at: now });
    await recordAudit(trx, ctx.clock, systemActor('公众订阅', sub.org_id), {
      action: 'notify.subscription.confirm',
      targetType: 'notify_subscription',
      targetId: id,
      orgId: sub.org_id,
    });
  });
  return { ...sub, status: 'active', fresh: true };
}

/** One-click unsubscribe through the signed link of any mail; idempotent. */
export async function unsubscribe(ctx: Ctx, secret: string, id: string, sig: string) {
  const sub = await subscriptionOfLink(ctx, secret, 'unsubscribe', id, sig);
  if (sub.status === 'unsubscribed') return { ...sub, fresh: false };
  const now = nowIso(ctx.clock);
  await inTransaction(ctx, async (trx) => {
    await repo.updateSubscription(trx, id, { status: 'unsubscribed', unsubscribed_at: now });
    await recordAudit(trx, ctx.clock, systemActor('公众退订', sub.org_id), {
      action: 'notify.subscription.unsubscribe',
      targetType: 'notify_subscription',
      targetId: id,
      orgId: sub.org_id,
    });
  });
  return { ...sub, status: 'unsubscribed', fresh: true };
}

/** How often a process looks for new items for the subscriptions (the worker ticks every 2 s). */
const DIGEST_INTERVAL_MS = 10 * 60_000;
const lastDigestRun = new WeakMap<object, number>();

/**
 * Mails each active subscription the items published since its last mail (one digest per subscription
 * and newest item: a re-run never mails twice). Runs at most every 10 minutes per process unless
 * `force` (tests, the console's "run now").
 */
export async function runSubscriptionDigests(
  ctx: Ctx,
  env: SubscriptionEnv,
  options: { force?: boolean } = {},
): Promise<number> {
  const now = ctx.clock.now().getTime();
  if (!options.force && now - (lastDigestRun.get(ctx.db) ?? 0) < DIGEST_INTERVAL_MS) return 0;
  lastDigestRun.set(ctx.db, now);
  let mailed = 0;
  for (const sub of await repo.activeSubscriptions(ctx.db, 2000)) {
    const since = sub.last_sent_at ?? sub.confirmed_at ?? sub.created_at;
    const agency = await agencyOf(ctx, sub.org_id);
    const base = `${env.baseUrl}${agency.is_default ? '' : `/a/${agency.code}`}`;
    const fresh = (await newItems(ctx, sub, base)).filter((i) => i.publishedAt > since);
    if (fresh.length === 0) continue;
    const newest = fresh
      .map((i) => i.publishedAt)
      .sort()
      .at(-1)!;
    await inTransaction(ctx, async (trx) => {
      await enqueueNotification(trx, ctx.clock, {
        orgId: sub.org_id,
        channel: 'email',
        to: sub.email,
        recipientKind: 'public',
        template: 'notify.subscription.digest',
        data: {
          订阅内容: sub.label,
          条数: String(fresh.length),
          信息列表: fresh.map((i) => `${i.title}\n${i.url}`).join('\n\n'),
          退订链接: unsubscribeLink(env, sub.id),
        },
        idempotencyKey: `notify.subscription.digest:${sub.id}:${newest}`,
        source: { module: 'notify', id: sub.id },
        headers: listUnsubscribeHeaders(env, sub.id),
      });
      await repo.updateSubscription(trx, sub.id, { last_sent_at: newest });
    });
    mailed += 1;
  }
  return mailed;
}

async function newItems(
  ctx: Ctx,
  sub: repo.Subscription,
  base: string,
): Promise<{ title: string; url: string; publishedAt: string }[]> {
  if (sub.target_kind === 'column') {
    const column = (await listPublishedColumns(ctx, sub.org_id)).find((c) => c.code === sub.target);
    if (!column) return [];
    const { items } = await listItems(ctx, systemActor('订阅推送', sub.org_id), {
      orgId: sub.org_id,
      columnId: column.id,
      status: 'published',
      pageSize: 50,
    });
    return items
      .filter((i) => i.publishedAt)
      .map((i) => ({ title: i.title, url: `${base}/items/${i.id}`, publishedAt: i.publishedAt! }));
  }
  const page = await publicSearch(ctx, {
    q: sub.target,
    orgIds: [sub.org_id],
    order: 'newest',
    pageSize: 20,
  });
  return page.hits.map((h) => ({ title: h.title, url: `${base}${h.url}`, publishedAt: h.publishedAt }));
}

/** a***@example.com: the audit log need not hold the whole address. */
function maskEmail(e: string): string {
  const at = e.indexOf('@');
  return at > 1 ? `${e[0]}***${e.slice(at)}` : `***${e.slice(at)}`;
}
