/**
 * Administrative review and litigation (table 四).
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { compareIso } from '../../platform/calendar/iso-date.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableAgencyIds } from '../orgs/orgs.service.js';
import { assertPastDate } from './requests.rules.js';
import * as repo from './requests.repository.js';
import * as records from './records.repository.js';
import type { AppealKind, AppealOutcome } from './requests.tables.js';
import { type AppealView, appealView } from './case-views.js';
import { caseForWrite, need, txOf } from './case-writes.js';

// ---------------------------------------------------------------------------------------------
// Appeals (table 四)

const APPEAL_KINDS: readonly AppealKind[] = ['review', 'litigation_direct', 'litigation_after_review'];
const APPEAL_OUTCOMES: readonly AppealOutcome[] = ['upheld', 'corrected', 'other', 'pending'];

export async function recordAppeal(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  input: {
    kind: AppealKind;
    filedOn: string;
    bodyName: string;
    reference?: string;
    outcome?: AppealOutcome;
    decidedOn?: string;
    note?: string;
  },
): Promise<AppealView> {
  need(actor, 'requests.admin');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, caseId);
    if (!APPEAL_KINDS.includes(input.kind))
      throw invalidField('kind', 'invalid_appeal_kind', '请选择行政复议、直接起诉或复议后起诉');
    const outcome = input.outcome ?? 'pending';
    if (!APPEAL_OUTCOMES.includes(outcome))
      throw invalidField('outcome', 'invalid_appeal_outcome', '审理结果无效');
    assertPastDate(input.filedOn, 'filedOn', t.today);
    if (!c.received_on || compareIso(input.filedOn, c.received_on) < 0)
      throw invalidField('filedOn', 'appeal_before_receipt', '复议或诉讼日期不能早于收到申请之日');
    if (!input.bodyName?.trim())
      throw invalidField('bodyName', 'appeal_body_required', '请填写复议机关或人民法院');
    if (outcome !== 'pending' && !input.decidedOn)
      throw invalidField('decidedOn', 'appeal_decided_on_required', '已审结的请填写审结日期');
    if (input.decidedOn) {
      assertPastDate(input.decidedOn, 'decidedOn', t.today);
      if (compareIso(input.decidedOn, input.filedOn) < 0)
        throw invalidField('decidedOn', 'appeal_decided_before_filed', '审结日期不能早于立案日期');
    }
    const row = {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      kind: input.kind,
      filed_on: input.filedOn,
      body_name: input.bodyName.trim(),
      reference: input.reference?.trim() || null,
      outcome,
      decided_on: outcome === 'pending' ? null : (input.decidedOn ?? null),
      note: input.note?.trim() || null,
      created_by: actor.userId,
      created_at: t.now,
      updated_at: t.now,
    };
    await records.insertAppeal(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.appeal_record',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      after: { kind: row.kind, filedOn: row.filed_on, outcome: row.outcome },
    });
    return appealView(row, c.case_number);
  });
}

export async function updateAppeal(
  ctx: Ctx,
  actor: Actor,
  appealId: string,
  input: { outcome: AppealOutcome; decidedOn?: string; reference?: string; note?: string },
): Promise<AppealView> {
  need(actor, 'requests.admin');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const a = await repo.findAppeal(trx, appealId);
    if (!a) throw notFound('appeal', '复议诉讼记录不存在');
    const c = await caseForWrite(t, a.case_id);
    if (!APPEAL_OUTCOMES.includes(input.outcome))
      throw invalidField('outcome', 'invalid_appeal_outcome', '审理结果无效');
    if (input.outcome !== 'pending') {
      if (!input.decidedOn)
        throw invalidField('decidedOn', 'appeal_decided_on_required', '已审结的请填写审结日期');
      assertPastDate(input.decidedOn, 'decidedOn', t.today);
      if (compareIso(input.decidedOn, a.filed_on) < 0)
        throw invalidField('decidedOn', 'appeal_decided_before_filed', '审结日期不能早于立案日期');
    }
    const patch = {
      outcome: input.outcome,
      decided_on: input.outcome === 'pending' ? null : (input.decidedOn ?? null),
      reference: input.reference?.trim() || a.reference,
      note: input.note?.trim() || a.note,
      updated_at: t.now,
    };
    await records.updateAppeal(trx, a.id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.appeal_update',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      before: { outcome: a.outcome, decidedOn: a.decided_on },
      after: { outcome: patch.outcome, decidedOn: patch.decided_on },
    });
    return appealView({ ...a, ...patch }, c.case_number);
  });
}

export async function listAppeals(ctx: Ctx, actor: Actor, year?: number) {
  const rows = await repo.listAppeals(ctx.db, await readableAgencyIds(ctx, actor), year);
  return { items: rows.map((r) => appealView(r, r.case_number)) };
}
