/**
 * Handling (issue 16 item 4): assign to a division and a handler → draft the reply (common-reply
 * snippets) with the 保密审查 scan → leader sign-off where the kind requires it → reply sent and the
 * correspondent notified → rating (不满意 reopens once) → archived; 立案 link for complaints; boards.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { compareIso, isIsoDate } from '../../platform/calendar/iso-date.js';
import { conflict, forbidden, invalidField } from '../../platform/errors.js';
import { todayInChina } from '../../platform/clock.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as userRepo from '../users/users.repository.js';
import { enqueueNotification, notifyStaff } from '../notify/index.js';
import * as repo from './interaction.repository.js';
import type { ItemRow } from './interaction.repository.js';
import {
  agencyIdOf,
  audit,
  calendarOf,
  clockOf,
  dataKey,
  itemFor,
  loadDetail,
  openIdentity,
  settingsFor,
  summaryOf,
  tx,
  type ItemDetail,
  type ItemSummary,
  type Trx,
} from './interaction.common.js';
import { move } from './triage.js';
import {
  KIND_LABELS,
  LIMITS,
  assertTransition,
  checkText,
  fieldsError,
  scanReply,
} from './interaction.rules.js';

export async function assignItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { divisionId: string; handlerId: string },
): Promise<ItemDetail> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'assign');
    const division = await orgRepo.findById(t.db, body.divisionId);
    if (!division || division.parent_id !== orgId || division.kind !== 'division')
      throw invalidField('divisionId', 'invalid_division', '请选择本机关的承办科室');
    const handler = await userRepo.findById(t.db, body.handlerId);
    if (!handler || handler.org_id !== orgId || handler.disabled)
      throw invalidField('handlerId', 'invalid_handler', '请选择本机关的承办人');
    const next = await move(t, item, {
      status: 'assigned',
      division_id: division.id,
      handler_id: handler.id,
    });
    await audit(t, actor, 'assigned', next, { division: division.name, handler: handler.display_name });
    await notifyStaff(t.db, t.clock, {
      orgId,
      userIds: [handler.id],
      kind: 'interaction.assigned',
      title: `请办理${KIND_LABELS[item.kind]}：${item.subject}`,
      body: `编号${item.number}，已分办至${division.name}。`,
      link: `/admin/interaction/items/${item.id}`,
      idempotencyKey: `interaction:assigned:${item.id}:${t.now}`,
    });
    return next;
  });
  return loadDetail(ctx, item);
}

/** The handler (or the office) works on an assigned item. */
function assertHandles(actor: Actor, item: ItemRow): void {
  if (can(actor, 'interaction.admin')) return;
  if (
    !can(actor, 'interaction.handle') ||
    (item.handler_id !== actor.userId && item.division_id !== actor.divisionId)
  )
    throw forbidden('只有承办人或政务公开办可以办理此件');
}

/** Saves the draft reply and scans it (保密审查 pre-scan: ID numbers, mobiles, bank cards, 密级 marks). */
export async function saveDraft(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { text: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.handle');
  const errors: Record<string, string> = {};
  const text = checkText(errors, 'text', '答复内容', body.text, LIMITS.reply, true);
  if (errors.text) throw fieldsError(errors);
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'draft');
    assertHandles(actor, item);
    const findings = scanReply(text);
    const next = await move(t, item, {
      draft_reply: text,
      draft_scan: JSON.stringify(
        findings.map((f) => ({ kind: f.kind, labelZh: f.labelZh, masked: f.masked, severity: f.severity })),
      ),
      scan_passed_at: findings.length === 0 ? t.now : null,
      signed_by: null,
      signed_at: null,
    });
    await audit(t, actor, 'drafted', next, { length: [...text].length, findings: findings.length });
    return next;
  });
  return loadDetail(ctx, item);
}

/** Resolves the scan when a reviewer has checked each finding (e.g. a public hotline number). */
export async function confirmScan(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { note: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.handle');
  if (!can(actor, 'catalog.review') && !can(actor, 'interaction.admin'))
    throw forbidden('只有保密审查员或政务公开办可以确认审查结果');
  const errors: Record<string, string> = {};
  const note = checkText(errors, 'note', '审查意见', body.note, LIMITS.reason, true);
  if (errors.note) throw fieldsError(errors);
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'draft');
    if (!item.draft_reply) throw conflict('no_draft', '尚未拟写答复');
    const blocking = (JSON.parse(item.draft_scan ?? '[]') as { severity: string }[]).some(
      (f) => f.severity === 'block',
    );
    if (blocking) throw conflict('scan_blocked', '答复中含有密级标志等不得公开的内容，请修改答复后重新保存');
    const next = await move(t, item, { scan_passed_at: t.now });
    await audit(t, actor, 'scan_confirmed', next, { note });
    return next;
  });
  return loadDetail(ctx, item);
}

function assertReadyToSend(item: ItemRow): string {
  if (!item.draft_reply) throw conflict('no_draft', '尚未拟写答复');
  if (!item.scan_passed_at) throw conflict('scan_pending', '答复尚未通过保密审查扫描，请处理扫描发现的问题');
  return item.draft_reply;
}

/** Sends the draft to a leader for sign-off (kinds that require it). */
export async function submitForSignOff(ctx: Ctx, actor: Actor, id: string): Promise<ItemDetail> {
  const orgId = agencyIdOf(actor, 'interaction.handle');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'submit_sign_off');
    assertHandles(actor, item);
    const settings = (await settingsFor(t.db, item.org_id))[item.kind];
    if (!settings.signOffRequired) throw conflict('sign_off_not_required', '该类别无需领导签发，可直接答复');
    assertReadyToSend(item);
    const next = await move(t, item, { status: 'sign_off' });
    await audit(t, actor, 'submitted_for_sign_off', next);
    const leaders = await userRepo.idsWithRoles(t.db, orgId, ['leader', 'principal_leader']);
    await notifyStaff(t.db, t.clock, {
      orgId,
      userIds: leaders.map((l) => l.id),
      kind: 'interaction.sign_off',
      title: `请签发${KIND_LABELS[item.kind]}答复：${item.subject}`,
      body: `编号${item.number}`,
      link: `/admin/interaction/items/${item.id}`,
      idempotencyKey: `interaction:sign_off:${item.id}:${t.now}`,
    });
    return next;
  });
  return loadDetail(ctx, item);
}

/** The reply goes out: recorded, the correspondent notified (SMS/e-mail as they chose). */
async function sendIn(t: Trx, actor: Actor, item: ItemRow, repliedOn: string): Promise<ItemRow> {
  const reply = assertReadyToSend(item);
  if (compareIso(repliedOn, item.received_on) < 0)
    throw invalidField(
      'repliedOn',
      'reply_before_receipt',
      `答复日期（${repliedOn}）不能早于收到日期（${item.received_on}）`,
    );
  if (compareIso(repliedOn, t.today) > 0)
    throw invalidField('repliedOn', 'reply_in_future', `答复日期（${repliedOn}）不能晚于今天`);
  const division = item.division_id ? await orgRepo.findById(t.db, item.division_id) : undefined;
  const agency = await orgRepo.findById(t.db, item.org_id);
  const unit = division ? `${agency?.name ?? ''}${division.name}` : (agency?.name ?? '');
  const next = await move(t, item, {
    status: 'replied',
    reply,
    reply_unit: unit,
    replied_on: repliedOn,
    replied_at: t.now,
  });
  await audit(t, actor, 'replied', next, { repliedOn, unit });
  if (item.identity_enc && item.notify_by) {
    const identity = openIdentity(await dataKey(t.db, t.now), item.identity_enc);
    const to = item.notify_by === 'sms' ? identity.phone : identity.email;
    if (to)
      await enqueueNotification(t.db, t.clock, {
        orgId: item.org_id,
        channel: item.notify_by === 'sms' ? 'sms' : 'email',
        to,
        recipientKind: 'correspondent',
        template: 'interaction.replied',
        data: { 机关: agency?.name ?? '', 编号: item.number, 标题: item.subject, 日期: repliedOn },
        idempotencyKey: `interaction:replied:${item.id}:${Number(item.reopen_count)}`,
        source: { module: 'interaction', id: item.id },
      });
  }
  return next;
}

/** Leader sign-off: approve (the reply is sent) or return it to the handler with a note. */
export async function signOff(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { approve: boolean; note?: string | null },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.approve');
  const errors: Record<string, string> = {};
  const note = checkText(errors, 'note', '签发意见', body.note ?? '', LIMITS.reason, !body.approve);
  if (errors.note) throw fieldsError(errors);
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'sign_off');
    if (!body.approve) {
      const back = await move(t, item, { status: 'assigned' });
      await audit(t, actor, 'sign_off_returned', back, { note });
      return back;
    }
    const signed = await move(t, item, { signed_by: actor.name, signed_at: t.now });
    await audit(t, actor, 'signed_off', signed, { note: note || null });
    return sendIn(t, actor, signed, t.today);
  });
  return loadDetail(ctx, item);
}

/** Sends the reply of a kind without sign-off (optionally dated earlier, e.g. answered by phone). */
export async function sendReply(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { repliedOn?: string | null },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.handle');
  if (body.repliedOn && !isIsoDate(body.repliedOn))
    throw invalidField('repliedOn', 'invalid_date', '答复日期无效');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'send');
    assertHandles(actor, item);
    const settings = (await settingsFor(t.db, item.org_id))[item.kind];
    if (settings.signOffRequired && !item.signed_at)
      throw conflict('sign_off_required', '该类别的答复须经领导签发后发出');
    if (item.status === 'sign_off') throw conflict('sign_off_pending', '答复正在等待领导签发');
    return sendIn(t, actor, item, body.repliedOn ?? t.today);
  });
  return loadDetail(ctx, item);
}

export async function archiveItem(ctx: Ctx, actor: Actor, id: string): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.handle');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'archive');
    const next = await move(t, item, { status: 'archived', archived_on: t.today });
    await audit(t, actor, 'archived', next);
    return next;
  });
  return loadDetail(ctx, item);
}

/** 立案: a complaint that became an enforcement case keeps the link (case number or URL). */
export async function fileCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { reference: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.handle');
  const errors: Record<string, string> = {};
  const reference = checkText(errors, 'reference', '立案编号', body.reference, 200, true);
  if (errors.reference) throw fieldsError(errors);
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    if (item.kind !== 'complaint' && item.kind !== 'hotline')
      throw conflict('not_a_complaint', '只有投诉举报和12345工单可以立案');
    assertTransition(item.status, 'file_case');
    const next = await move(t, item, { enforcement_ref: reference });
    await audit(t, actor, 'case_filed', next, { reference });
    return next;
  });
  return loadDetail(ctx, item);
}

/** Shows the correspondent's identity (whistle-blower protection: every view is audited). */
export async function unmaskIdentity(ctx: Ctx, actor: Actor, id: string, body: { reason: string }) {
  agencyIdOf(actor, 'interaction.unmask');
  const errors: Record<string, string> = {};
  const reason = checkText(errors, 'reason', '查看理由', body.reason, LIMITS.reason, true);
  if (errors.reason) throw fieldsError(errors);
  return tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    if (!item.identity_enc) throw conflict('anonymous', '该件为匿名提交，没有身份信息');
    const identity = openIdentity(await dataKey(t.db, t.now), item.identity_enc);
    await audit(t, actor, 'identity_viewed', item, { reason });
    return identity;
  });
}

// ------------------------------------------------------------------ lists and boards

export interface ListQuery {
  kind?: ItemRow['kind'];
  status?: ItemRow['status'];
  mine?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export async function listItems(ctx: Ctx, actor: Actor, q: ListQuery) {
  const orgId = agencyIdOf(actor, 'business.read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listItems(ctx.db, {
    orgId,
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status ? { statuses: [q.status] } : {}),
    ...(q.mine && actor.userId ? { handlerId: actor.userId } : {}),
    ...(q.q ? { q: q.q } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const settings = await settingsFor(ctx.db, orgId);
  const calendar = await calendarOf(ctx);
  const today = todayInChina(ctx.clock);
  return {
    items: rows.map((r) => summaryOf(r, clockOf(r, settings[r.kind], calendar, today))),
    total,
    page,
    pageSize,
  };
}

export async function getItem(ctx: Ctx, actor: Actor, id: string): Promise<ItemDetail> {
  agencyIdOf(actor, 'business.read');
  return loadDetail(ctx, await itemFor(ctx.db, actor, id));
}

/** Overdue and due-soon boards (computed on read from the calendar; nothing stored). */
export async function board(
  ctx: Ctx,
  actor: Actor,
): Promise<{ overdue: ItemSummary[]; dueSoon: ItemSummary[]; open: number }> {
  const orgId = agencyIdOf(actor, 'business.read');
  const rows = await repo.openItems(ctx.db, orgId);
  const settings = await settingsFor(ctx.db, orgId);
  const calendar = await calendarOf(ctx);
  const today = todayInChina(ctx.clock);
  const all = rows.map((r) => summaryOf(r, clockOf(r, settings[r.kind], calendar, today)));
  const byLeft = (a: ItemSummary, b: ItemSummary) => (a.workdaysLeft ?? 0) - (b.workdaysLeft ?? 0);
  return {
    overdue: all.filter((s) => s.overdue).sort(byLeft),
    dueSoon: all.filter((s) => s.dueSoon).sort(byLeft),
    open: all.length,
  };
}
