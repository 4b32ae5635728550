/**
 * The outcome (第三十六条 and table 三 rows), 保密审查 and the head's sign-off.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { can, type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { conflict, forbidden, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { outcomeByCode } from './outcomes.js';
import { assertStage, validateOutcomeDraft, type OutcomeDraftInput } from './requests.rules.js';
import * as repo from './requests.repository.js';
import type { CaseRow } from './requests.repository.js';
import { type CaseDetail } from './case-views.js';
import { type Trx, appendEvent, need, setStage, write } from './case-writes.js';

export async function draftOutcome(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: OutcomeDraftInput,
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    if (c.stage === 'registered') throw conflict('not_assigned', '请先分办到承办科室和承办人');
    assertStage(c.stage, ['assigned', 'drafting'], '拟定答复');
    if (!can(actor, 'requests.admin') && c.handler_id !== actor.userId)
      throw forbidden('只有承办人或政务公开办可以拟定答复');
    const v = validateOutcomeDraft(input);
    if (['supplement_not_provided', 'fee_not_paid', 'withdrawn'].includes(v.outcome.code))
      throw invalidField(
        'outcomeCode',
        'outcome_by_event',
        '逾期不补正、逾期未缴费和撤回须通过相应的办理事件登记',
      );
    if (v.outcome.code === 'unclear_after_supplement') {
      const types = new Set((await repo.eventsOf(t.db, c.id)).map((e) => e.type));
      if (!types.has('supplement_received'))
        throw conflict('supplement_not_received', '未经补正的申请不能以“补正后申请内容仍不明确”答复');
    }
    await repo.upsertOutcome(t.db, {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      outcome_code: v.outcome.code,
      table3_row: v.outcome.row2021,
      legal_basis_ref: v.legalBasisRef,
      legal_basis_text: v.legalBasisText,
      reason: v.reason,
      withheld_parts: JSON.stringify(v.withheldParts),
      referral_agency: v.referralAgency,
      review_passed_by: null,
      review_passed_at: null,
      approved_by: null,
      approved_at: null,
      drafted_by: actor.userId,
      created_at: t.now,
      updated_at: t.now,
    });
    await setStage(t, c, 'drafting');
    await appendEvent(t, c, 'outcome_drafted', t.today, {
      outcomeCode: v.outcome.code,
      legalBasis: v.legalBasisRef,
      withheldParts: v.withheldParts.length,
    });
  });
}

export async function submitForReview(ctx: Ctx, actor: Actor, id: string): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['drafting'], '提交审核');
    const outcome = await repo.findOutcome(t.db, c.id);
    if (!outcome) throw conflict('outcome_missing', '请先拟定办理结果及法律依据');
    const o = outcomeByCode(outcome.outcome_code);
    await setStage(t, c, o.releasesContent ? 'review' : 'sign_off');
    await appendEvent(t, c, 'submitted_for_review', t.today, {
      next: o.releasesContent ? 'review' : 'sign_off',
    });
  });
}

export async function reviewCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { passed: boolean; note?: string },
): Promise<CaseDetail> {
  need(actor, 'catalog.review', 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['review'], '保密审查');
    if (input.passed) {
      await repo.updateOutcome(t.db, c.id, {
        review_passed_by: actor.userId,
        review_passed_at: t.now,
        updated_at: t.now,
      });
      await setStage(t, c, 'sign_off');
      await appendEvent(t, c, 'review_passed', t.today, { note: input.note ?? null });
    } else {
      await returnToDrafting(t, c, 'review_failed', input.note);
    }
  });
}

/** Review and sign-off both send a draft back to its handler, and both must say why. */
async function returnToDrafting(
  t: Trx,
  c: CaseRow,
  event: 'review_failed' | 'sign_off_rejected',
  note: string | undefined,
): Promise<void> {
  if (!note?.trim()) throw invalidField('note', 'reason_required', '退回须说明理由');
  await setStage(t, c, 'drafting');
  await appendEvent(t, c, event, t.today, { note: note.trim() });
}

export async function signOff(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { approved: boolean; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.approve');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['sign_off'], '签发');
    const outcome = await repo.findOutcome(t.db, c.id);
    if (!outcome) throw conflict('outcome_missing', '尚未拟定办理结果');
    if (outcomeByCode(outcome.outcome_code).releasesContent && !outcome.review_passed_at)
      throw conflict('review_required', '公开内容须先通过保密审查');
    if (outcome.approved_at) throw conflict('already_signed_off', '已签发');
    if (input.approved) {
      await repo.updateOutcome(t.db, c.id, {
        approved_by: actor.userId,
        approved_at: t.now,
        updated_at: t.now,
      });
      await appendEvent(t, c, 'signed_off', t.today, { note: input.note ?? null });
    } else {
      await returnToDrafting(t, c, 'sign_off_rejected', input.note);
    }
  });
}
