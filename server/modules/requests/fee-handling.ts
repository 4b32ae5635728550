/**
 * Fees of a case: notice, payment, abandonment when unpaid (《政府信息公开信息处理费管理办法》).
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { conflict, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { formatFen, quoteInformationFee } from './fees.js';
import * as repo from './requests.repository.js';
import { type CaseDetail } from './case-views.js';
import { appendClockEvent, dateZh, issueLetter, need, write } from './case-writes.js';
import { terminate } from './supplement.js';

export async function sendFeeNotice(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; basis: 'per_item' | 'per_page'; quantity: number; receivedOn?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    if (c.fee_basis && c.fee_basis !== input.basis)
      throw conflict(
        'fee_basis_conflict',
        '同一件申请只能选择按件或按量一种标准计收（《信息处理费管理办法》第三条）',
      );
    const prior = input.basis === 'per_item' ? await repo.priorItemsInMonth(t.db, c) : 0;
    const quote = quoteInformationFee(
      input.basis === 'per_item'
        ? { perItem: { priorItemsThisMonth: prior, itemsInThisApplication: input.quantity } }
        : { perPage: { pages: input.quantity } },
    );
    if (quote.amountFen <= 0)
      throw conflict('fee_not_applicable', '按《信息处理费管理办法》标准，本件申请不收费，无需发出收费通知');
    const clocks = await appendClockEvent(
      t,
      c,
      {
        type: 'fee_notice_sent',
        date: input.date,
        ...(input.receivedOn ? { receivedOn: input.receivedOn } : {}),
      },
      { basis: input.basis, quantity: input.quantity, amountFen: quote.amountFen },
    );
    await repo.insertFee(t.db, {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      basis: input.basis,
      quantity: input.quantity,
      prior_items_this_month: prior,
      amount_fen: quote.amountFen,
      quote: JSON.stringify(quote),
      notice_sent_on: input.date,
      notice_received_on: input.receivedOn ?? null,
      state: 'noticed',
      paid_on: null,
      paid_amount_fen: null,
      payment_ref: null,
      abandoned_on: null,
      created_by: t.actor.userId,
      created_at: t.now,
      updated_at: t.now,
    });
    await repo.updateCase(t.db, c.id, { fee_basis: input.basis, updated_at: t.now });
    const standard = quote.lines
      .filter((l) => l.unitFen > 0)
      .map(
        (l) =>
          `第${l.from}—${l.to}${input.basis === 'per_item' ? '件' : '页'}，每${input.basis === 'per_item' ? '件' : '页'}${formatFen(l.unitFen)}，计${formatFen(l.subtotalFen)}`,
      )
      .join('；');
    await issueLetter(t, c, 'fee_notice', input.date, {
      收费依据:
        input.basis === 'per_item'
          ? `《政府信息公开信息处理费管理办法》第四条（按件计收；本月此前已申请${prior}件）`
          : '《政府信息公开信息处理费管理办法》第五条（按量计收）',
      收费标准: standard,
      收费金额: formatFen(quote.amountFen),
      缴费期限: dateZh(clocks.feePaymentDue),
    });
  });
}

export async function recordFeePayment(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; amountFen: number; paymentRef?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    const fee = await repo.feeOf(t.db, c.id);
    if (fee && input.amountFen !== fee.amount_fen)
      throw invalidField('amountFen', 'fee_amount_mismatch', `缴费金额应为${formatFen(fee.amount_fen)}`);
    await appendClockEvent(
      t,
      c,
      { type: 'fee_paid', date: input.date },
      { amountFen: input.amountFen, paymentRef: input.paymentRef ?? null },
    );
    await repo.updateFee(t.db, c.id, {
      state: 'paid',
      paid_on: input.date,
      paid_amount_fen: input.amountFen,
      payment_ref: input.paymentRef ?? null,
      updated_at: t.now,
    });
  });
}

export async function expireFee(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, { type: 'fee_expired', date: input.date });
    const fee = await repo.feeOf(t.db, c.id);
    await repo.updateFee(t.db, c.id, { state: 'abandoned', abandoned_on: input.date, updated_at: t.now });
    await terminate(t, c, 'fee_not_paid', input.date, '申请人逾期未按收费通知要求缴纳费用。', {
      收费通知日期: dateZh(fee?.notice_sent_on),
    });
  });
}

// Answer: draft → (保密审查) → sign-off → reply → archive
