/**
 * Extension (第三十三条第二款) and its notice; 第三十五条 deferral.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import * as repo from './requests.repository.js';
import { type CaseDetail } from './case-views.js';
import { appendClockEvent, dateZh, issueLetter, need, write } from './case-writes.js';

export async function approveExtension(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; workdays: number; reason: string },
): Promise<CaseDetail> {
  need(actor, 'requests.approve');
  return write(ctx, actor, id, async (t, c) => {
    if (!input.reason?.trim()) throw invalidField('reason', 'reason_required', '请填写延期理由');
    await appendClockEvent(
      t,
      c,
      { type: 'extension_approved', date: input.date, workdays: input.workdays, approvedBy: actor.name },
      { reason: input.reason.trim(), approverId: actor.userId },
    );
  });
}

export async function notifyExtension(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const approved = (await repo.eventsOf(t.db, c.id)).find((e) => e.type === 'extension_approved');
    const clocks = await appendClockEvent(t, c, { type: 'extension_notified', date: input.date });
    const p = approved ? (JSON.parse(approved.payload) as { workdays?: number; reason?: string }) : {};
    await issueLetter(t, c, 'extension', input.date, {
      延长天数: String(p.workdays ?? ''),
      延期理由: p.reason ?? '',
      延长后期限: dateZh(clocks.answerDue),
    });
  });
}

export async function deferAnswer(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; newDueDate: string; reason: string },
): Promise<CaseDetail> {
  need(actor, 'requests.approve');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, {
      type: 'deferred',
      date: input.date,
      newDueDate: input.newDueDate,
      reason: (input.reason ?? '').trim(),
    });
  });
}

// Fees (信息处理费)
