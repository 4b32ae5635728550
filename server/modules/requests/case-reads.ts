/**
 * Reads: one case, lists, the due/overdue board, unmasking an ID number (audited), new query codes.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { can, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import * as repo from './requests.repository.js';
import type { CaseRow } from './requests.repository.js';
import { openPii, piiKeyring, sealQueryCode } from './pii.js';
import type { RequestStage } from './requests.tables.js';
import {
  type CaseDetail,
  type CaseSummary,
  calendarFor,
  clocksOf,
  loadDetail,
  summary,
} from './case-views.js';
import { caseForWrite, newQueryCode, txOf } from './case-writes.js';

// ---------------------------------------------------------------------------------------------
// Reads

async function readableCase(ctx: Ctx, actor: Actor, id: string): Promise<CaseRow> {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw notFound('request_case', '申请不存在');
  await assertReadsAgency(ctx, actor, c.org_id);
  return c;
}

export async function getCase(ctx: Ctx, actor: Actor, id: string): Promise<CaseDetail> {
  return loadDetail(ctx, actor, await readableCase(ctx, actor, id));
}

export interface ListFilter {
  stage?: RequestStage;
  due?: 'soon' | 'overdue' | 'open';
  mine?: boolean;
  q?: string;
  year?: number;
  page?: number;
  pageSize?: number;
}

async function summaries(ctx: Ctx, rows: CaseRow[]): Promise<CaseSummary[]> {
  const calendar = await calendarFor(ctx);
  const today = todayInChina(ctx.clock);
  const events = await repo.eventsOfMany(
    ctx.db,
    rows.filter((r) => r.received_on).map((r) => r.id),
  );
  const names = await repo.names(
    ctx.db,
    rows.map((r) => r.handler_id ?? ''),
    rows.map((r) => r.division_id ?? ''),
  );
  return rows.map((r) => summary(r, clocksOf(r, events.get(r.id) ?? [], calendar, today), names));
}

export async function listCases(
  ctx: Ctx,
  actor: Actor,
  f: ListFilter,
): Promise<{ items: CaseSummary[]; total: number }> {
  const orgIds = await readableAgencyIds(ctx, actor);
  const stages: RequestStage[] | undefined = f.due ? repo.OPEN_STAGE_LIST : f.stage ? [f.stage] : undefined;
  const rows = await repo.listCases(
    ctx.db,
    {
      orgIds,
      ...(stages ? { stages } : {}),
      ...(f.mine && actor.userId ? { handlerId: actor.userId } : {}),
      ...(f.q ? { q: f.q } : {}),
      ...(f.year ? { year: f.year } : {}),
    },
    ctx.dialect === 'postgres' ? 'ilike' : 'like',
  );
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  if (f.due) {
    let all = await summaries(ctx, rows);
    if (f.due === 'soon') all = all.filter((s) => s.dueSoon);
    if (f.due === 'overdue') all = all.filter((s) => s.overdue);
    all.sort((a, b) => (a.answerDue ?? '9999').localeCompare(b.answerDue ?? '9999'));
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  }
  return {
    items: await summaries(ctx, rows.slice((page - 1) * pageSize, page * pageSize)),
    total: rows.length,
  };
}

/** The due-soon / overdue board: derived at read time from events and the calendar. */
export async function board(ctx: Ctx, actor: Actor) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const open = await summaries(ctx, await repo.openCases(ctx.db, orgIds));
  const waiting = await repo.listCases(ctx.db, { orgIds, stages: ['awaiting_confirmation'] }, 'like');
  const byDue = (a: CaseSummary, b: CaseSummary) => (a.answerDue ?? '').localeCompare(b.answerDue ?? '');
  const overdue = open.filter((s) => s.overdue).sort(byDue);
  const dueSoon = open.filter((s) => s.dueSoon).sort(byDue);
  const paused = open.filter((s) => s.clockStatus === 'paused').sort(byDue);
  const awaitingConfirmation = await summaries(ctx, waiting);
  return {
    overdue,
    dueSoon,
    paused,
    awaitingConfirmation,
    counts: {
      overdue: overdue.length,
      dueSoon: dueSoon.length,
      paused: paused.length,
      awaitingConfirmation: awaitingConfirmation.length,
      open: open.length,
    },
  };
}

/** The full document number, for roles that need it; every unmasking is audited. */
export async function unmaskIdNumber(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<{ idNumber: string }> {
  if (!can(actor, 'requests.admin')) throw forbidden('无权查看完整身份证明号码');
  if (!input.reason?.trim()) throw invalidField('reason', 'reason_required', '请说明查看完整号码的理由');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, id);
    const idNumber = openPii(await piiKeyring(trx), c.id_number_enc);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.id_unmask',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      note: `查看完整身份证明号码：${input.reason.trim()}`,
    });
    return { idNumber };
  });
}

/** Issues a new query code (the old one stops working). */
export async function regenerateQueryCode(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ queryCode: string }> {
  if (!can(actor, 'requests.admin')) throw forbidden();
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, id);
    const queryCode = newQueryCode();
    const keys = await piiKeyring(trx);
    await repo.updateCase(trx, c.id, { query_code_hash: sealQueryCode(keys, queryCode), updated_at: t.now });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.query_code_reset',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
    });
    return { queryCode };
  });
}
