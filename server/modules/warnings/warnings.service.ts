import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  enqueueMany,
  notifyStaff,
  notifyPrefsOf,
  validateEmail,
  validateMobile,
  type RecipientKind,
} from '../notify/index.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import { listEnterpriseContactsForWarning } from '../enterprises/index.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as userRepo from '../users/users.repository.js';
import * as repo from './warnings.repository.js';
import {
  ackSignature,
  isAckReply,
  verifyAck,
  warningProblems,
  warningTitle,
  type WarningInput,
} from './warnings.rules.js';
import type { RecipientGroup, WarningMsgType } from './warnings.tables.js';

/** Where links point and how they are signed (from the configuration). */
export interface WarningEnv {
  secret: string;
  baseUrl: string;
}

declare module '../../platform/providers.js' {
  interface Providers {
    /** The warnings module's link signing and base URL (wired from the configuration; the demo uses it). */
    'warnings.env': WarningEnv;
  }
}

export interface CreateInput extends WarningInput {
  groups: RecipientGroup[];
  enterpriseFilter?: { regionCodes?: string[]; industryCodes?: string[] } | null;
}

const APPROVER_ROLES = ['leader', 'principal_leader'];
const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function ownOrg(actor: Actor): string {
  if (!actor.orgId) throw forbidden();
  return actor.orgId;
}

async function load(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.Warning> {
  const w = await repo.findWarning(db, id);
  if (!w || w.org_id !== actor.orgId) throw notFound('warning', '预警信息不存在');
  return w;
}

function checkInput(input: CreateInput): void {
  const problems = warningProblems(input);
  if (input.groups.length === 0) problems.groups = '请至少选择一类接收对象';
  const fields = Object.keys(problems);
  if (fields.length)
    throw new DomainError('warnings.invalid', Object.values(problems).join('；'), {
      field: fields[0],
      errors: fields.map((f) => ({ field: f, message: problems[f] })),
    });
}

/** Records a warning (draft), or an update of a published one (`refId`), optionally submitting it at once. */
export async function createWarning(
  ctx: Ctx,
  actor: Actor,
  input: CreateInput & { refId?: string | null; submit?: boolean },
): Promise<repo.Warning> {
  const orgId = ownOrg(actor);
  checkInput(input);
  return inTransaction(ctx, async (trx) => {
    let msgType: WarningMsgType = 'alert';
    let rootId: string | null = null;
    if (input.refId) {
      const ref = await load(trx, actor, input.refId);
      if (ref.status !== 'published') throw conflict('warnings.not_published', '只能更新正在生效的预警');
      msgType = 'update';
      rootId = ref.root_id;
    }
    const id = newId();
    const now = nowIso(ctx.clock);
    const row: repo.Warning = {
      id,
      org_id: orgId,
      kind: input.kind,
      event: input.event.trim(),
      level: input.level,
      title: warningTitle(input.kind, input.event.trim(), input.level, msgType),
      area: input.area.trim(),
      effective_at: new Date(input.effectiveAt).toISOString(),
      expires_at: new Date(input.expiresAt).toISOString(),
      source: input.source.trim(),
      content: input.content.trim(),
      actions: input.actions.trim(),
      msg_type: msgType,
      ref_id: input.refId ?? null,
      root_id: rootId ?? id,
      status: input.submit ? 'pending' : 'draft',
      groups: JSON.stringify([...new Set(input.groups)]),
      enterprise_filter: input.enterpriseFilter ? JSON.stringify(input.enterpriseFilter) : null,
      ack_minutes: input.ackMinutes,
      created_by: actor.userId,
      approved_by: null,
      reject_reason: null,
      created_at: now,
      submitted_at: input.submit ? now : null,
      published_at: null,
      ended_at: null,
      updated_at: now,
    };
    await repo.insertWarning(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'warnings.create',
      targetType: 'warning',
      targetId: id,
      after: row,
    });
    if (input.submit) await askApproval(ctx, trx, row);
    return row;
  });
}

async function askApproval(ctx: Ctx, trx: Kysely<DB>, w: repo.Warning): Promise<void> {
  const approvers = await userRepo.activeWithRoles(trx, w.org_id, APPROVER_ROLES);
  await notifyStaff(trx, ctx.clock, {
    orgId: w.org_id,
    userIds: approvers.map((a) => a.id),
    kind: 'warnings.approval',
    title: `待审批：${w.title}`,
    body: `${w.area}｜${w.content.slice(0, 60)}`,
    link: `/admin/warnings/${w.id}`,
    idempotencyKey: `warnings.approval:${w.id}:${w.submitted_at}`,
  });
}

export async function submitWarning(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const w = await load(trx, actor, id);
    if (w.status !== 'draft') throw conflict('warnings.not_draft', '只有草稿可以提交审批');
    const now = nowIso(ctx.clock);
    await repo.updateWarning(trx, id, {
      status: 'pending',
      submitted_at: now,
      reject_reason: null,
      updated_at: now,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'warnings.submit',
      targetType: 'warning',
      targetId: id,
    });
    await askApproval(ctx, trx, { ...w, submitted_at: now });
  });
}

export async function rejectWarning(ctx: Ctx, actor: Actor, id: string, reason: string): Promise<void> {
  if (!reason.trim())
    throw new DomainError('warnings.reason_required', '退回须说明理由', { field: 'reason' });
  await inTransaction(ctx, async (trx) => {
    const w = await load(trx, actor, id);
    if (w.status !== 'pending') throw conflict('warnings.not_pending', '该预警不在待审批状态');
    await repo.updateWarning(trx, id, {
      status: 'draft',
      reject_reason: reason.trim(),
      updated_at: nowIso(ctx.clock),
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'warnings.reject',
      targetType: 'warning',
      targetId: id,
      note: reason,
    });
    if (w.created_by)
      await notifyStaff(trx, ctx.clock, {
        orgId: w.org_id,
        userIds: [w.created_by],
        kind: 'warnings.rejected',
        title: `已退回：${w.title}`,
        body: reason.trim(),
        link: `/admin/warnings/${w.id}`,
        idempotencyKey: `warnings.rejected:${w.id}:${nowIso(ctx.clock)}`,
      });
  });
}

interface Contact {
  group: RecipientGroup;
  name: string;
  mobile: string | null;
  email: string | null;
  userId: string | null;
}

/** Everyone a warning goes to, from its recipient groups. */
async function* contactsOf(ctx: Ctx, trx: Kysely<DB>, w: repo.Warning): AsyncIterable<Contact> {
  const groups = JSON.parse(w.groups) as RecipientGroup[];
  const ok = (m: string | null | undefined, check: (s: string) => string | null) =>
    m && !check(m) ? m : null;
  if (groups.includes('staff'))
    for (const s of await staffContacts(trx, w.org_id))
      yield {
        group: 'staff',
        name: s.display_name,
        mobile: ok(s.mobile, validateMobile),
        email: ok(s.email, validateEmail),
        userId: s.id,
      };
  if (groups.includes('unit'))
    for (const u of await orgRepo.activeSubordinates(trx, w.org_id))
      yield {
        group: 'unit',
        name: u.name,
        mobile: ok(u.phone, validateMobile),
        email: ok(u.email, validateEmail),
        userId: null,
      };
  if (groups.includes('enterprise')) {
    const f = w.enterprise_filter
      ? (JSON.parse(w.enterprise_filter) as { regionCodes?: string[]; industryCodes?: string[] })
      : {};
    let list: AsyncIterable<{ name: string; mobile?: string; email?: string }>;
    try {
      list = listEnterpriseContactsForWarning({ ...ctx, db: trx }, { orgId: w.org_id, ...f });
      for await (const e of list)
        yield {
          group: 'enterprise',
          name: e.name,
          mobile: ok(e.mobile, validateMobile),
          email: ok(e.email, validateEmail),
          userId: null,
        };
    } catch (e) {
      if (e instanceof RangeError)
        throw new DomainError('warnings.bad_filter', `企业筛选条件无效：${e.message}`, {
          field: 'enterpriseFilter',
        });
      throw e;
    }
  }
}

const KIND_OF_GROUP: Record<RecipientGroup, RecipientKind> = {
  staff: 'staff',
  unit: 'unit',
  enterprise: 'enterprise',
};

/** Approves and publishes (one leader): banner, page, CAP, and push to every recipient with a signed 签收 link. */
export async function approveWarning(
  ctx: Ctx,
  actor: Actor,
  id: string,
  env: WarningEnv,
): Promise<{ recipients: number; messages: number }> {
  return inTransaction(ctx, async (trx) => {
    const w = await load(trx, actor, id);
    if (w.status !== 'pending') throw conflict('warnings.not_pending', '该预警不在待审批状态');
    const now = nowIso(ctx.clock);
    if (w.msg_type === 'update') await repo.endChain(trx, w.root_id, 'superseded', now);
    await repo.updateWarning(trx, id, {
      status: 'published',
      approved_by: actor.userId,
      published_at: now,
      updated_at: now,
    });
    const published = { ...w, status: 'published' as const, approved_by: actor.userId, published_at: now };
    const r = await pushToRecipients(ctx, trx, published, env, 'warnings.alert');
    await bumpContentVersion(trx, ctx.clock, w.org_id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'warnings.publish',
      targetType: 'warning',
      targetId: id,
      after: { title: w.title, recipients: r.recipients, messages: r.messages },
    });
    return r;
  });
}

async function orgName(trx: Kysely<DB>, orgId: string): Promise<string> {
  return (await orgRepo.findById(trx, orgId))?.name ?? '';
}

/** Staff of an agency with their notification contacts (their notify preferences). */
async function staffContacts(trx: Kysely<DB>, orgId: string) {
  const staff = await userRepo.activeStaff(trx, orgId);
  const prefs = new Map(
    (
      await notifyPrefsOf(
        trx,
        staff.map((s) => s.id),
      )
    ).map((p) => [p.user_id, p] as const),
  );
  return staff.map((s) => ({
    ...s,
    mobile: prefs.get(s.id)?.mobile ?? null,
    email: prefs.get(s.id)?.email ?? null,
  }));
}

async function pushToRecipients(
  ctx: Ctx,
  trx: Kysely<DB>,
  w: repo.Warning,
  env: WarningEnv,
  template: 'warnings.alert' | 'warnings.lifted',
): Promise<{ recipients: number; messages: number }> {
  const agency = await orgName(trx, w.org_id);
  const now = nowIso(ctx.clock);
  let recipients = 0;
  let messages = 0;
  let buffer: (Contact & { id: string })[] = [];
  const staffIds: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    await repo.insertRecipients(
      trx,
      buffer.map((c) => ({
        id: c.id,
        warning_id: w.id,
        group_kind: c.group,
        name: c.name.slice(0, 200),
        mobile: c.mobile,
        email: c.email,
        user_id: c.userId,
        // a lifting needs no acknowledgement
        acked_at: template === 'warnings.lifted' ? now : null,
        ack_via: template === 'warnings.lifted' ? 'none' : null,
        escalated_at: null,
        created_at: now,
      })),
    );
    const data = (c: Contact & { id: string }) => ({
      机关名称: agency,
      标题: w.title,
      区域: w.area,
      内容: w.content,
      防御指引: w.actions,
      生效时间: chinaTime(w.effective_at),
      失效时间: chinaTime(w.expires_at),
      签收链接: ackLink(env, c.id),
      接收对象: c.name,
    });
    for (const channel of ['sms', 'email'] as const) {
      const items = buffer
        .filter((c) => (channel === 'sms' ? c.mobile : c.email))
        .map((c) => ({
          to: (channel === 'sms' ? c.mobile : c.email)!,
          recipientKind: KIND_OF_GROUP[c.group],
          data: data(c),
          idempotencyKey: `${template}:${w.id}:${c.id}:${channel}`,
        }));
      if (items.length)
        messages += (
          await enqueueMany(
            trx,
            ctx.clock,
            { orgId: w.org_id, channel, template, urgent: true, source: { module: 'warnings', id: w.id } },
            items,
          )
        ).enqueued;
    }
    recipients += buffer.length;
    buffer = [];
  };
  for await (const c of contactsOf(ctx, trx, w)) {
    buffer.push({ ...c, id: newId() });
    if (c.userId) staffIds.push(c.userId);
    if (buffer.length >= 1000) await flush();
  }
  await flush();
  if (staffIds.length)
    await notifyStaff(trx, ctx.clock, {
      orgId: w.org_id,
      userIds: staffIds,
      kind: template,
      title: w.title,
      body: `${w.area}｜${w.content.slice(0, 80)}`,
      link: `/admin/warnings/${w.id}`,
      idempotencyKey: `${template}:${w.id}`,
    });
  return { recipients, messages };
}

export function ackLink(env: WarningEnv, recipientId: string): string {
  return `${env.baseUrl}/warnings/ack/${recipientId}/${ackSignature(env.secret, recipientId)}`;
}

/** 解除: a new message linked to the chain, published at once by a leader; the banner goes. */
export async function liftWarning(
  ctx: Ctx,
  actor: Actor,
  id: string,
  note: string,
  env: WarningEnv,
): Promise<repo.Warning> {
  return inTransaction(ctx, async (trx) => {
    const w = await load(trx, actor, id);
    if (w.status !== 'published') throw conflict('warnings.not_published', '只能解除正在生效的预警');
    const now = nowIso(ctx.clock);
    await repo.endChain(trx, w.root_id, 'lifted', now);
    const lift: repo.Warning = {
      ...w,
      id: newId(),
      msg_type: 'cancel',
      title: warningTitle(w.kind, w.event, w.level, 'cancel'),
      content: note.trim() || `${w.area}${w.event}${w.title.includes('预警') ? '' : '预警'}风险已解除。`,
      ref_id: w.id,
      status: 'published',
      expires_at: now > w.expires_at ? now : w.expires_at,
      effective_at: now,
      created_by: actor.userId,
      approved_by: actor.userId,
      reject_reason: null,
      created_at: now,
      submitted_at: now,
      published_at: now,
      ended_at: null,
      updated_at: now,
    };
    await repo.insertWarning(trx, lift);
    await pushToRecipients(ctx, trx, lift, env, 'warnings.lifted');
    await bumpContentVersion(trx, ctx.clock, w.org_id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'warnings.lift',
      targetType: 'warning',
      targetId: w.id,
      after: { liftId: lift.id },
      note,
    });
    return lift;
  });
}

/** 签收 through the signed link; false when already acknowledged. A forged signature is refused. */
export async function ackByLink(ctx: Ctx, recipientId: string, sig: string, secret: string) {
  if (!verifyAck(secret, recipientId, sig))
    throw new DomainError(
      'warnings.bad_link',
      '签收链接无效（可能被改动），请使用短信或邮件中的原始链接',
      undefined,
      'forbidden',
    );
  return inTransaction(ctx, async (trx) => {
    const r = await repo.findRecipient(trx, recipientId);
    if (!r) throw notFound('warning_recipient', '签收链接已失效');
    const w = await repo.findWarning(trx, r.warning_id);
    const fresh = await repo.ack(trx, r.id, 'link', nowIso(ctx.clock));
    if (fresh)
      await recordAudit(trx, ctx.clock, systemActor('预警签收', w?.org_id ?? null), {
        action: 'warnings.ack',
        targetType: 'warning_recipient',
        targetId: r.id,
        note: `${r.name} 通过链接签收`,
      });
    return { recipient: r, warning: w!, fresh };
  });
}

/** 签收 by replying to the SMS (签收/收到/QS/1): every open warning sent to that number. */
export async function ackBySms(ctx: Ctx, mobile: string, text: string): Promise<boolean> {
  if (!isAckReply(text)) return false;
  return inTransaction(ctx, async (trx) => {
    const open = await repo.openByMobile(trx, mobile);
    const now = nowIso(ctx.clock);
    for (const o of open) {
      await repo.ack(trx, o.id, 'sms', now);
      await recordAudit(trx, ctx.clock, systemActor('预警签收', o.org_id), {
        action: 'warnings.ack',
        targetType: 'warning_recipient',
        targetId: o.id,
        note: `短信回复签收（${mobile.slice(0, 3)}****${mobile.slice(-4)}）`,
      });
    }
    return open.length > 0;
  });
}

/**
 * The warnings job: escalates recipients who have not acknowledged within the warning's time (a
 * reminder to them, a notice to the drafter and the approving leader), and ends expired warnings
 * (their banner goes; the pages of the agency are re-rendered).
 */
export async function runWarningJobs(
  ctx: Ctx,
  env: WarningEnv,
): Promise<{ escalated: number; expired: number }> {
  const now = nowIso(ctx.clock);
  let escalated = 0;
  for (const w of await repo.publishedAlerts(ctx.db)) {
    if (!w.published_at || Date.parse(w.published_at) + w.ack_minutes * 60_000 > ctx.clock.now().getTime())
      continue;
    escalated += await inTransaction(ctx, async (trx) => {
      const warning = (await repo.findWarning(trx, w.id))!;
      const due = await repo.toEscalate(trx, w.id, 5000);
      if (due.length === 0) return 0;
      await repo.markEscalated(
        trx,
        due.map((d) => d.id),
        now,
      );
      const agency = await orgName(trx, w.org_id);
      for (const channel of ['sms', 'email'] as const) {
        const items = due
          .filter((d) => (channel === 'sms' ? d.mobile : d.email))
          .map((d) => ({
            to: (channel === 'sms' ? d.mobile : d.email)!,
            recipientKind: KIND_OF_GROUP[d.group_kind],
            data: {
              机关名称: agency,
              标题: warning.title,
              区域: warning.area,
              内容: warning.content,
              防御指引: warning.actions,
              生效时间: chinaTime(warning.effective_at),
              失效时间: chinaTime(warning.expires_at),
              签收链接: ackLink(env, d.id),
              接收对象: d.name,
            },
            idempotencyKey: `warnings.escalation:${w.id}:${d.id}:${channel}`,
          }));
        if (items.length)
          await enqueueMany(
            trx,
            ctx.clock,
            {
              orgId: w.org_id,
              channel,
              template: 'warnings.escalation',
              urgent: true,
              source: { module: 'warnings', id: w.id },
            },
            items,
          );
      }
      const bosses = [w.created_by, w.approved_by].filter((x): x is string => !!x);
      await notifyStaff(trx, ctx.clock, {
        orgId: w.org_id,
        userIds: bosses,
        kind: 'warnings.escalation',
        title: `${warning.title}：${due.length}个接收对象逾${w.ack_minutes}分钟未签收`,
        body: `已再次提醒：${due
          .slice(0, 10)
          .map((d) => d.name)
          .join('、')}${due.length > 10 ? '等' : ''}`,
        link: `/admin/warnings/${w.id}`,
        idempotencyKey: `warnings.escalation:${w.id}:${now}`,
      });
      await recordAudit(trx, ctx.clock, systemActor('预警未签收催办', w.org_id), {
        action: 'warnings.escalate',
        targetType: 'warning',
        targetId: w.id,
        after: { recipients: due.length },
      });
      return due.length;
    });
  }
  const expired = await repo.expiredPublished(ctx.db, now);
  for (const e of expired)
    await inTransaction(ctx, async (trx) => {
      await repo.updateWarning(trx, e.id, { status: 'expired', ended_at: now, updated_at: now });
      await bumpContentVersion(trx, ctx.clock, e.org_id);
    });
  return { escalated, expired: expired.length };
}
