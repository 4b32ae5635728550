/**
 * The reply (答复送达), archiving, letters and their files.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { compareIso } from '../../platform/calendar/iso-date.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import { outcomeByCode } from './outcomes.js';
import { WITHHOLDING_GROUNDS, assertStage } from './requests.rules.js';
import * as repo from './requests.repository.js';
import { letterBytes } from './case-writes.js';
import { handOverPetition } from './petition-handover.js';
import type { WithheldPart } from './requests.tables.js';
import { type CaseDetail, type LetterView, calendarFor, letterView } from './case-views.js';
import {
  appendClockEvent,
  appendEvent,
  caseForWrite,
  issueLetter,
  need,
  setStage,
  txOf,
  write,
} from './case-writes.js';

export async function sendReply(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    if (c.received_on && typeof input.date === 'string' && compareIso(input.date, c.received_on) < 0)
      throw invalidField(
        'date',
        'reply_before_receipt',
        `答复日期（${input.date}）不能早于收到申请之日（${c.received_on}）`,
      );
    const outcome = await repo.findOutcome(t.db, c.id);
    if (!outcome) throw conflict('outcome_missing', '没有办理结果和法律依据，不能答复');
    assertStage(c.stage, ['sign_off'], '答复');
    if (!outcome.approved_at) throw conflict('not_signed_off', '答复须经负责人签发');
    if (!outcome.legal_basis_ref || outcome.legal_basis_ref === '—')
      throw conflict('legal_basis_required', '答复须载明法律依据');
    await appendClockEvent(
      t,
      c,
      { type: 'answered', date: input.date },
      { outcomeCode: outcome.outcome_code },
    );
    const o = outcomeByCode(outcome.outcome_code);
    const parts = JSON.parse(outcome.withheld_parts) as WithheldPart[];
    await setStage(t, c, 'replied', { outcome_code: outcome.outcome_code, closed_on: input.date });
    await issueLetter(
      t,
      c,
      'reply',
      input.date,
      {
        办理结果: o.labelZh,
        法律依据: outcome.legal_basis_ref,
        依据条文: outcome.legal_basis_text,
        理由: outcome.reason,
        转办机关: outcome.referral_agency ?? '—',
        不予公开部分: parts
          .map((p, i) => {
            const g = WITHHOLDING_GROUNDS.find((x) => x.code === p.ground);
            return `${i + 1}. ${p.part}：${g ? `${g.labelZh}（${g.basisRef}）` : ''}，${p.reason}`;
          })
          .join('\n'),
      },
      { outcomeCode: o.code },
    );
    // A complaint sent in as an application is answered here and handled as a complaint (第三十九条).
    if (o.code === 'petition_complaint') await handOverPetition(t, c, input.date);
  });
}

export async function archiveCase(ctx: Ctx, actor: Actor, id: string): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['replied'], '归档');
    await setStage(t, c, 'archived');
    await appendEvent(t, c, 'archived', t.today, {});
  });
}

export async function regenerateReceipt(ctx: Ctx, actor: Actor, id: string): Promise<LetterView> {
  need(actor, 'requests.handle');
  const calendar = await calendarFor(ctx);
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor, calendar);
    const c = await caseForWrite(t, id);
    if (!c.received_on) throw conflict('wrong_stage', '尚未确认收到申请，不能出具受理回执');
    return letterView(await issueLetter(t, c, 'receipt', t.today, {}));
  });
}

export async function letterFile(
  ctx: Ctx,
  actor: Actor,
  letterId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const l = await repo.findLetter(ctx.db, letterId);
  if (!l) throw notFound('letter', '文书不存在');
  await assertReadsAgency(ctx, actor, l.org_id);
  return { fileName: l.file_name, bytes: await letterBytes(ctx.db, l) };
}
