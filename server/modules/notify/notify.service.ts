import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { displayNames } from '../users/users.repository.js';
import {
  DEFAULT_QUIET_HOURS,
  isClockTime,
  normaliseMobile,
  placeholdersIn,
  quietUntil,
  renderTemplate,
  templateProblems,
  textToHtml,
  validateEmail,
  validateMobile,
  type NotifyChannel,
  type NotifyTemplateDefault,
  type QuietHours,
  type RecipientKind,
} from './notify.rules.js';
import { NOTIFY_TEMPLATES, templateId } from './notify.templates.js';
import * as repo from './notify.repository.js';

export interface NotifyRequest {
  orgId: string;
  channel: NotifyChannel;
  to: string;
  recipientKind: RecipientKind;
  /** template key, e.g. 'requests.receipt' */
  template: string;
  /** placeholder values */
  data: Record<string, string>;
  /** the same key is enqueued once */
  idempotencyKey: string;
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
  source?: { module: string; id: string };
  /** Sent at once even in quiet hours (warnings). */
  urgent?: boolean;
  /** Quiet hours to apply instead of the recipient kind's default (a staff member's own). */
  quietHours?: QuietHours | null;
  /** E-mail only: extra list headers (List-Unsubscribe, List-Unsubscribe-Post); other names are refused. */
  headers?: Record<string, string>;
}

/** Mail headers a module may add: the list headers of RFC 2369 / RFC 8058 only. */
const ALLOWED_HEADERS = new Set(['List-Unsubscribe', 'List-Unsubscribe-Post', 'List-Id']);

function checkedHeaders(channel: NotifyChannel, headers?: Record<string, string>): string | null {
  if (!headers || Object.keys(headers).length === 0) return null;
  if (channel !== 'email') throw new DomainError('notify.bad_headers', '只有邮件可以携带邮件头');
  for (const [k, v] of Object.entries(headers))
    if (!ALLOWED_HEADERS.has(k) || /[\r\n]/.test(v) || v.length > 900)
      throw new DomainError('notify.bad_headers', `不允许的邮件头：${k}`);
  return JSON.stringify(headers);
}

// ── template defaults: read from the module list (GongkaiModule.notifyTemplates) ──

let defaultsMemo: Map<string, NotifyTemplateDefault> | undefined;

/**
 * Every default template: the notify module's own plus each module's `notifyTemplates`. The module
 * list is read on first use (a dynamic import, so there is no import cycle and no registration at
 * import time); `setTemplateDefaults` replaces it in tests.
 */
export async function templateDefaults(): Promise<Map<string, NotifyTemplateDefault>> {
  if (!defaultsMemo) {
    const { modules } = await import('../index.js');
    const all = [...NOTIFY_TEMPLATES, ...modules.flatMap((m) => m.notifyTemplates ?? [])];
    defaultsMemo = new Map(all.map((t) => [templateId(t.key, t.channel), t]));
  }
  return defaultsMemo;
}

/** Replaces the default templates (tests; null = read the module list again). */
export function setTemplateDefaults(list: NotifyTemplateDefault[] | null): void {
  defaultsMemo = list
    ? new Map([...NOTIFY_TEMPLATES, ...list].map((t) => [templateId(t.key, t.channel), t]))
    : undefined;
}

/** Throws the address's problem as a field error (`to`), else returns it normalised. */
export function checkAddress(channel: NotifyChannel, to: string, field = 'to'): string {
  if (channel === 'sms') {
    const p = validateMobile(to);
    if (p) throw invalidField(field, 'notify.invalid_mobile', p);
    return normaliseMobile(to);
  }
  const p = validateEmail(to);
  if (p) throw invalidField(field, 'notify.invalid_email', p);
  return to.trim();
}

/**
 * Puts one message on the sending queue inside the caller's transaction: it is sent only if that
 * transaction commits, and a second call with the same idempotency key returns the first message.
 */
export async function enqueueNotification(
  trx: Kysely<DB>,
  clock: Clock,
  req: NotifyRequest,
): Promise<{ id: string; duplicate: boolean }> {
  const existing = await repo.messageByKey(trx, req.idempotencyKey);
  if (existing) return { id: existing.id, duplicate: true };
  const to = checkAddress(req.channel, req.to);
  const defaults = await templateDefaults();
  const def = defaults.get(templateId(req.template, req.channel));
  const override = await repo.templateOverride(trx, req.orgId, req.template, req.channel);
  if (!def && !override)
    throw new DomainError(
      'notify.template_missing',
      `没有“${req.template}”的${req.channel === 'sms' ? '短信' : '邮件'}模板`,
      {
        template: req.template,
        channel: req.channel,
      },
    );
  const body = renderTemplate(override?.body ?? def!.body, req.data);
  const subject =
    req.channel === 'email'
      ? renderTemplate(override?.subject ?? def?.subject ?? def?.name ?? req.template, req.data)
      : null;
  const missing = [...body.missing, ...(subject?.missing ?? [])];
  if (missing.length)
    throw new DomainError(
      'notify.template_data_missing',
      `发送“${req.template}”缺少占位符的值：${missing.join('、')}`,
      {
        template: req.template,
        missing,
      },
    );
  const now = clock.now();
  const quiet = req.urgent
    ? null
    : req.quietHours !== undefined
      ? req.quietHours
      : DEFAULT_QUIET_HOURS[req.recipientKind];
  const until = quietUntil(now, quiet);
  const headers = checkedHeaders(req.channel, req.headers);
  const id = newId();
  const at = now.toISOString();
  const inserted = await repo.insertMessage(trx, {
    id,
    org_id: req.orgId,
    channel: req.channel,
    recipient_kind: req.recipientKind,
    to_addr: to,
    template: req.template,
    subject: subject?.text.replace(/[\r\n]+/g, ' ').slice(0, 300) ?? null,
    body_text: body.text,
    body_html: req.channel === 'email' ? textToHtml(body.text) : null,
    has_attachments: req.attachments?.length ? 1 : 0,
    idempotency_key: req.idempotencyKey,
    source_module: req.source?.module ?? null,
    source_id: req.source?.id ?? null,
    urgent: req.urgent ? 1 : 0,
    status: 'pending',
    attempts: 0,
    next_attempt_at: until ? until.toISOString() : null,
    claimed_by: null,
    claimed_until: null,
    external_ref: null,
    parts: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    sent_at: null,
    completed_at: null,
    link: null,
    headers,
  });
  if (!inserted) {
    const again = await repo.messageByKey(trx, req.idempotencyKey);
    return { id: again!.id, duplicate: true };
  }
  if (req.attachments?.length) {
    if (req.channel !== 'email')
      throw invalidField('attachments', 'notify.sms_attachment', '短信不能携带附件，请改用链接');
    await repo.insertAttachments(
      trx,
      req.attachments.map((a, i) => ({
        id: newId(),
        message_id: id,
        sort_order: i,
        filename: a.filename,
        content_type: a.contentType,
        content: Buffer.from(a.content).toString('base64'),
      })),
    );
  }
  return { id, duplicate: false };
}

/**
 * Tells staff something: a notice in each user's console notification centre, plus an e-mail and/or
 * SMS when the user asked for them in their preferences (and has not muted this kind), held back by
 * the user's own quiet hours. Idempotent per user and key.
 */
export async function notifyStaff(
  trx: Kysely<DB>,
  clock: Clock,
  n: {
    orgId: string;
    userIds: string[];
    kind: string;
    title: string;
    body: string;
    link?: string;
    idempotencyKey: string;
  },
): Promise<void> {
  const userIds = [...new Set(n.userIds)];
  if (userIds.length === 0) return;
  const now = nowIso(clock);
  const users = await displayNames(trx, userIds);
  const prefs = new Map((await repo.prefsOf(trx, userIds)).map((p) => [p.user_id, p]));
  for (const u of users) {
    const fresh = await repo.insertInbox(trx, {
      id: newId(),
      org_id: n.orgId,
      user_id: u.id,
      kind: n.kind,
      title: n.title.slice(0, 300),
      body: n.body,
      link: n.link ?? null,
      idempotency_key: n.idempotencyKey,
      read_at: null,
      created_at: now,
    });
    const p = prefs.get(u.id);
    if (!fresh || !p) continue;
    const muted = (JSON.parse(p.muted_kinds) as string[]).includes(n.kind);
    if (muted) continue;
    const quiet = p.quiet_start && p.quiet_end ? { start: p.quiet_start, end: p.quiet_end } : null;
    const data = { 姓名: u.display_name, 标题: n.title, 内容: n.body, 链接: n.link ?? '' };
    for (const [channel, on, to] of [
      ['email', p.email_enabled, p.email],
      ['sms', p.sms_enabled, p.mobile],
    ] as const)
      if (on && to)
        await enqueueNotification(trx, clock, {
          orgId: n.orgId,
          channel,
          to,
          recipientKind: 'staff',
          template: 'notify.staff',
          data,
          idempotencyKey: `staff:${n.idempotencyKey}:${u.id}:${channel}`,
          source: { module: 'notify', id: u.id },
          quietHours: quiet,
        });
  }
}

// ── templates as the office edits them ──

export interface TemplateView {
  key: string;
  channel: NotifyChannel;
  name: string;
  subject: string | null;
  body: string;
  defaultSubject: string | null;
  defaultBody: string;
  placeholders: { name: string; description: string }[];
  customised: boolean;
  updatedAt: string | null;
}

function ownOrg(actor: Actor, orgId?: string): string {
  const id = orgId ?? actor.orgId;
  if (!id || (actor.orgId !== id && !actor.permissions.has('supervise.read'))) throw forbidden();
  return id;
}

export async function listTemplates(ctx: Ctx, actor: Actor): Promise<TemplateView[]> {
  const orgId = ownOrg(actor);
  const overrides = new Map(
    (await repo.templateOverrides(ctx.db, orgId)).map((o) => [templateId(o.template, o.channel), o]),
  );
  return [...(await templateDefaults()).values()]
    .sort((a, b) => (a.key === b.key ? a.channel.localeCompare(b.channel) : a.key.localeCompare(b.key)))
    .map((d) => {
      const o = overrides.get(templateId(d.key, d.channel));
      return {
        key: d.key,
        channel: d.channel,
        name: d.name,
        subject: d.channel === 'email' ? (o?.subject ?? d.subject ?? null) : null,
        body: o?.body ?? d.body,
        defaultSubject: d.channel === 'email' ? (d.subject ?? null) : null,
        defaultBody: d.body,
        placeholders: Object.entries(d.placeholders).map(([name, description]) => ({ name, description })),
        customised: !!o,
        updatedAt: o?.updated_at ?? null,
      };
    });
}

/** Saves the office's wording of a template; unknown placeholders are refused with the list of known ones. */
export async function saveTemplate(
  ctx: Ctx,
  actor: Actor,
  input: { key: string; channel: NotifyChannel; subject?: string | null; body: string },
): Promise<void> {
  const orgId = ownOrg(actor);
  const def = (await templateDefaults()).get(templateId(input.key, input.channel));
  if (!def) throw notFound('notify_template', '没有这个消息模板');
  const known = Object.keys(def.placeholders);
  if (input.body.trim() === '') throw invalidField('body', 'notify.template_empty', '模板正文不能为空');
  const bodyProblems = templateProblems(input.body, known);
  if (bodyProblems.length)
    throw invalidField('body', 'notify.template_unknown_placeholder', bodyProblems.join('；'));
  const subject = input.channel === 'email' ? (input.subject ?? '').trim() || null : null;
  if (subject) {
    const sp = templateProblems(subject, known);
    if (sp.length) throw invalidField('subject', 'notify.template_unknown_placeholder', sp.join('；'));
  }
  await inTransaction(ctx, async (trx) => {
    const before = await repo.templateOverride(trx, orgId, input.key, input.channel);
    await repo.upsertTemplate(trx, {
      org_id: orgId,
      template: input.key,
      channel: input.channel,
      subject,
      body: input.body,
      updated_at: nowIso(ctx.clock),
      updated_by: actor.userId,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notify.template.save',
      targetType: 'notify_template',
      targetId: templateId(input.key, input.channel),
      orgId,
      before: before ? { subject: before.subject, body: before.body } : undefined,
      after: { subject, body: input.body, placeholders: placeholdersIn(input.body) },
    });
  });
}

/** Goes back to the module's default wording. */
export async function resetTemplate(
  ctx: Ctx,
  actor: Actor,
  key: string,
  channel: NotifyChannel,
): Promise<void> {
  const orgId = ownOrg(actor);
  await inTransaction(ctx, async (trx) => {
    await repo.deleteTemplate(trx, orgId, key, channel);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notify.template.reset',
      targetType: 'notify_template',
      targetId: templateId(key, channel),
      orgId,
    });
  });
}

// ── staff preferences and inbox ──

export interface PrefsInput {
  email: string | null;
  mobile: string | null;
  emailEnabled: boolean;
  smsEnabled: boolean;
  mutedKinds: string[];
  quietStart: string | null;
  quietEnd: string | null;
}

export async function myPrefs(ctx: Ctx, actor: Actor): Promise<PrefsInput> {
  if (!actor.userId) throw forbidden();
  const [p] = await repo.prefsOf(ctx.db, [actor.userId]);
  return {
    email: p?.email ?? null,
    mobile: p?.mobile ?? null,
    emailEnabled: !!p?.email_enabled,
    smsEnabled: !!p?.sms_enabled,
    mutedKinds: p ? (JSON.parse(p.muted_kinds) as string[]) : [],
    quietStart: p?.quiet_start ?? null,
    quietEnd: p?.quiet_end ?? null,
  };
}

export async function savePrefs(ctx: Ctx, actor: Actor, input: PrefsInput): Promise<PrefsInput> {
  if (!actor.userId) throw forbidden();
  const email = input.email?.trim() ? checkAddress('email', input.email, 'email') : null;
  const mobile = input.mobile?.trim() ? checkAddress('sms', input.mobile, 'mobile') : null;
  if (input.emailEnabled && !email)
    throw invalidField('email', 'notify.email_required', '开启邮件提醒须填写电子邮箱');
  if (input.smsEnabled && !mobile)
    throw invalidField('mobile', 'notify.mobile_required', '开启短信提醒须填写手机号码');
  const qs = input.quietStart || null;
  const qe = input.quietEnd || null;
  if ((qs === null) !== (qe === null))
    throw invalidField('quietStart', 'notify.quiet_incomplete', '免打扰时段须同时填写开始和结束时间');
  if ((qs && !isClockTime(qs)) || (qe && !isClockTime(qe)))
    throw invalidField('quietStart', 'notify.quiet_invalid', '免打扰时间应为“时:分”，例如 22:00');
  const userId = actor.userId;
  await inTransaction(ctx, async (trx) => {
    await repo.upsertPrefs(trx, {
      user_id: userId,
      email,
      mobile,
      email_enabled: input.emailEnabled ? 1 : 0,
      sms_enabled: input.smsEnabled ? 1 : 0,
      muted_kinds: JSON.stringify([...new Set(input.mutedKinds)].slice(0, 50)),
      quiet_start: qs,
      quiet_end: qe,
      updated_at: nowIso(ctx.clock),
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notify.prefs.save',
      targetType: 'user',
      targetId: userId,
      after: {
        emailEnabled: input.emailEnabled,
        smsEnabled: input.smsEnabled,
        quiet: qs ? `${qs}-${qe}` : null,
      },
    });
  });
  return myPrefs(ctx, actor);
}

export async function myInbox(
  ctx: Ctx,
  actor: Actor,
  q: { page: number; pageSize: number; unreadOnly: boolean },
) {
  if (!actor.userId) throw forbidden();
  const [rows, total] = await repo.inboxOf(ctx.db, actor.userId, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    unreadOnly: q.unreadOnly,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      read: r.read_at !== null,
      createdAt: r.created_at,
    })),
    total: Number(total.n),
    unread: await repo.unreadCount(ctx.db, actor.userId),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function unread(ctx: Ctx, actor: Actor): Promise<number> {
  if (!actor.userId) return 0;
  return repo.unreadCount(ctx.db, actor.userId);
}

export async function markInboxRead(ctx: Ctx, actor: Actor, ids: string[] | 'all'): Promise<number> {
  if (!actor.userId) throw forbidden();
  const userId = actor.userId;
  return inTransaction(ctx, (trx) => repo.markRead(trx, userId, ids, nowIso(ctx.clock)));
}

/**
 * Enqueues many messages of one template and channel at once (warning fan-out): the template is looked
 * up once, rows are inserted in chunks, existing idempotency keys are skipped. Addresses must already
 * be valid (invalid ones are skipped and counted). Returns how many were enqueued.
 */
export async function enqueueMany(
  trx: Kysely<DB>,
  clock: Clock,
  common: Pick<NotifyRequest, 'orgId' | 'channel' | 'template' | 'urgent'> & {
    source?: { module: string; id: string };
  },
  items: { to: string; recipientKind: RecipientKind; data: Record<string, string>; idempotencyKey: string }[],
): Promise<{ enqueued: number; invalid: number }> {
  const def = (await templateDefaults()).get(templateId(common.template, common.channel));
  const override = await repo.templateOverride(trx, common.orgId, common.template, common.channel);
  if (!def && !override) throw new DomainError('notify.template_missing', `没有“${common.template}”模板`);
  const bodyT = override?.body ?? def!.body;
  const subjT =
    common.channel === 'email' ? (override?.subject ?? def?.subject ?? def?.name ?? common.template) : null;
  const now = clock.now();
  const at = now.toISOString();
  let enqueued = 0;
  let invalid = 0;
  const rows: Parameters<typeof repo.insertMessages>[1] = [];
  for (const it of items) {
    const problem = common.channel === 'sms' ? validateMobile(it.to) : validateEmail(it.to);
    if (problem) {
      invalid += 1;
      continue;
    }
    const body = renderTemplate(bodyT, it.data);
    const subject = subjT ? renderTemplate(subjT, it.data) : null;
    if (body.missing.length || subject?.missing.length)
      throw new DomainError(
        'notify.template_data_missing',
        `发送“${common.template}”缺少占位符的值：${[...body.missing, ...(subject?.missing ?? [])].join('、')}`,
      );
    const until = common.urgent ? null : quietUntil(now, DEFAULT_QUIET_HOURS[it.recipientKind]);
    rows.push({
      id: newId(),
      org_id: common.orgId,
      channel: common.channel,
      recipient_kind: it.recipientKind,
      to_addr: common.channel === 'sms' ? normaliseMobile(it.to) : it.to.trim(),
      template: common.template,
      subject: subject?.text.replace(/[\r\n]+/g, ' ').slice(0, 300) ?? null,
      body_text: body.text,
      body_html: common.channel === 'email' ? textToHtml(body.text) : null,
      has_attachments: 0,
      idempotency_key: it.idempotencyKey,
      source_module: common.source?.module ?? null,
      source_id: common.source?.id ?? null,
      urgent: common.urgent ? 1 : 0,
      status: 'pending',
      attempts: 0,
      next_attempt_at: until ? until.toISOString() : null,
      claimed_by: null,
      claimed_until: null,
      external_ref: null,
      parts: null,
      last_error: null,
      created_at: at,
      updated_at: at,
      sent_at: null,
      completed_at: null,
    });
    if (rows.length >= 500) enqueued += await repo.insertMessages(trx, rows.splice(0));
  }
  if (rows.length) enqueued += await repo.insertMessages(trx, rows);
  return { enqueued, invalid };
}

/** Posts: releases to a channel (not to a person). `to_addr` names the channel for the delivery log. */
export const POST_ADDRESS: Record<'wechat' | 'weibo' | 'sms', string> = {
  wechat: '政务微信公众号',
  weibo: '政务微博',
  sms: '短信群发',
};

export interface PostRequest {
  orgId: string;
  channel: 'wechat' | 'weibo' | 'sms';
  title: string;
  /** The post's text (a summary); the link to the full text is added by the transport. */
  text: string;
  /** Portal path (`/a/<agency>/items/<id>`); the transport adds PUBLIC_BASE_URL when it sends. */
  link: string;
  /** The same key is enqueued once. */
  idempotencyKey: string;
  source: { module: string; id: string };
}

/**
 * Puts a release to a channel (WeChat 公众号 article, Weibo post, SMS group message) on the sending
 * queue inside the caller's transaction: the queue's retries, leases and dead letters apply, and the
 * delivery log shows it. Returns the message id (the first one's for a repeated key).
 */
export async function enqueuePost(
  trx: Kysely<DB>,
  clock: Clock,
  p: PostRequest,
): Promise<{ id: string; duplicate: boolean }> {
  const existing = await repo.messageByKey(trx, p.idempotencyKey);
  if (existing) return { id: existing.id, duplicate: true };
  const at = nowIso(clock);
  const id = newId();
  const title =
    p.title
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 300) || '政府信息公开';
  const inserted = await repo.insertMessage(trx, {
    id,
    org_id: p.orgId,
    channel: p.channel,
    recipient_kind: 'broadcast',
    to_addr: POST_ADDRESS[p.channel],
    template: `${p.source.module}.release`,
    subject: title,
    body_text: p.text.trim() || title,
    body_html: null,
    has_attachments: 0,
    idempotency_key: p.idempotencyKey,
    source_module: p.source.module,
    source_id: p.source.id,
    urgent: 0,
    status: 'pending',
    attempts: 0,
    next_attempt_at: null,
    claimed_by: null,
    claimed_until: null,
    external_ref: null,
    parts: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    sent_at: null,
    completed_at: null,
    link: p.link,
    headers: null,
  });
  if (!inserted) return { id: (await repo.messageByKey(trx, p.idempotencyKey))!.id, duplicate: true };
  return { id, duplicate: false };
}
