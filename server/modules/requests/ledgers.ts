/**
 * Fee ledger and calculator; monthly volume per applicant.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { DomainError, invalidField } from '../../platform/errors.js';
import { assertReadsAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import { quoteInformationFee, type FeeQuote } from './fees.js';
import * as repo from './requests.repository.js';
import { requestReportFacts } from './requests.report.js';
import type { CaseRow } from './requests.repository.js';
import { feeView } from './case-views.js';

// ---------------------------------------------------------------------------------------------
// Fee ledger and calculator

export function quoteFee(input: {
  basis: 'per_item' | 'per_page';
  quantity: number;
  priorItemsThisMonth?: number;
}): FeeQuote {
  return quoteInformationFee(
    input.basis === 'per_item'
      ? {
          perItem: {
            priorItemsThisMonth: input.priorItemsThisMonth ?? 0,
            itemsInThisApplication: input.quantity,
          },
        }
      : { perPage: { pages: input.quantity } },
  );
}

export async function feeLedger(ctx: Ctx, actor: Actor, year: number) {
  const rows = await repo.feesInYear(ctx.db, await readableAgencyIds(ctx, actor), year);
  const items = rows.map((f) => ({ ...feeView(f, null), caseId: f.case_id, caseNumber: f.case_number }));
  return {
    items,
    collectedFen: rows
      .filter((f) => f.paid_on?.startsWith(String(year)))
      .reduce((s, f) => s + (f.paid_amount_fen ?? 0), 0),
    noticedFen: rows
      .filter((f) => f.notice_sent_on.startsWith(String(year)))
      .reduce((s, f) => s + f.amount_fen, 0),
    abandonedCount: rows.filter((f) => f.abandoned_on?.startsWith(String(year))).length,
  };
}

/** 同一申请人月度申请量: the basis of 按件计收 and of 第三十五条 judgements. */
export async function monthlyVolume(ctx: Ctx, actor: Actor, month: string) {
  if (!/^\d{4}-\d{2}$/.test(month)) throw invalidField('month', 'invalid_month', '月份格式应为YYYY-MM');
  const orgIds = await readableAgencyIds(ctx, actor);
  const rows = (await repo.listCases(ctx.db, { orgIds }, 'like')).filter((r) =>
    r.received_on?.startsWith(month),
  );
  const groups = new Map<string, CaseRow[]>();
  for (const r of rows) groups.set(r.id_number_hmac, [...(groups.get(r.id_number_hmac) ?? []), r]);
  return {
    items: [...groups.entries()]
      .map(([key, list]) => ({
        applicantKey: key.slice(0, 16),
        applicantName: list[0]!.applicant_name,
        idNumberMasked: list[0]!.id_number_masked,
        count: list.reduce((s, r) => s + r.item_count, 0),
        caseNumbers: list.map((r) => r.case_number),
      }))
      .sort((a, b) => b.count - a.count),
  };
}

/** Table 三/四 and fee facts of the actor's agency for a year (what the annual report will use). */
export async function reportFactsFor(ctx: Ctx, actor: Actor, year: number) {
  const orgId = actor.orgId;
  if (!orgId) throw new DomainError('forbidden', '无权查看', undefined, 'forbidden');
  await assertReadsAgency(ctx, actor, orgId);
  return requestReportFacts(ctx, orgId, year);
}
