/**
 * 补正 (第三十条, once), the terminations it and withdrawal lead to.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { outcomeByCode, type OutcomeCode } from './outcomes.js';
import { descriptionKey } from './requests.rules.js';
import * as repo from './requests.repository.js';
import type { CaseRow } from './requests.repository.js';
import { type CaseDetail } from './case-views.js';
import { type Trx, appendClockEvent, dateZh, issueLetter, need, setStage, write } from './case-writes.js';

export async function requestSupplement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; items: string[]; supplementDeadline?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const items = (input.items ?? []).map((i) => i.trim()).filter(Boolean);
    await appendClockEvent(t, c, {
      type: 'supplement_requested',
      date: input.date,
      items,
      ...(input.supplementDeadline ? { supplementDeadline: input.supplementDeadline } : {}),
    });
    await issueLetter(t, c, 'supplement', input.date, {
      补正事项: items.map((s, i) => `${i + 1}. ${s}`).join('\n'),
      补正期限: input.supplementDeadline ? dateZh(input.supplementDeadline) : '合理期限内',
    });
  });
}

export async function receiveSupplement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; note?: string; description?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const description = (input.description ?? '').trim();
    await appendClockEvent(
      t,
      c,
      { type: 'supplement_received', date: input.date },
      { note: input.note ?? null, descriptionChanged: Boolean(description) },
    );
    if (description) {
      if (description.length < 5)
        throw invalidField('description', 'description_required', '补正后的信息描述至少5个字');
      await repo.updateCase(t.db, c.id, {
        description,
        description_key: descriptionKey(description),
        updated_at: t.now,
      });
    }
  });
}

/** Closes the case with an outcome without the drafting workflow (逾期不补正、逾期未缴费、撤回). */
export async function terminate(
  t: Trx,
  c: CaseRow,
  outcomeCode: OutcomeCode,
  date: string,
  reason: string,
  letterValues: Record<string, string>,
): Promise<void> {
  const o = outcomeByCode(outcomeCode);
  await repo.upsertOutcome(t.db, {
    id: newId(),
    org_id: c.org_id,
    case_id: c.id,
    outcome_code: o.code,
    table3_row: o.row2021,
    legal_basis_ref: o.basisRef,
    legal_basis_text: o.basisTextZh,
    reason,
    withheld_parts: '[]',
    referral_agency: null,
    review_passed_by: null,
    review_passed_at: null,
    approved_by: t.actor.userId,
    approved_at: t.now,
    drafted_by: t.actor.userId,
    created_at: t.now,
    updated_at: t.now,
  });
  await setStage(t, c, 'replied', { outcome_code: o.code, closed_on: date });
  if (o.issuesReply)
    await issueLetter(
      t,
      c,
      'reply',
      date,
      { 办理结果: o.labelZh, 法律依据: o.basisRef, 依据条文: o.basisTextZh, 理由: reason, ...letterValues },
      { outcomeCode: o.code },
    );
}

export async function expireSupplement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, { type: 'supplement_expired', date: input.date });
    const req = (await repo.eventsOf(t.db, c.id)).find((e) => e.type === 'supplement_requested');
    await terminate(t, c, 'supplement_not_provided', input.date, '申请人无正当理由逾期不补正。', {
      补正告知日期: dateZh(req?.event_date),
    });
  });
}

export async function withdraw(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, { type: 'withdrawn', date: input.date }, { note: input.note ?? null });
    await terminate(t, c, 'withdrawn', input.date, input.note?.trim() || '申请人主动撤回申请。', {});
  });
}
