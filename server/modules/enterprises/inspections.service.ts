/**
 * 双随机一公开: the agency's 执法人员 (inspector pool), the yearly plan (published on the portal), seeded
 * random draws (draw.rules.ts; seed and sorted pools recorded; a second draw of a batch needs a reason and
 * is audited), inspection records and the publication of their results within N working days (plan
 * setting, default 20) on the shared working-day calendar.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import { regionPrefix } from './codes.js';
import { DRAW_ALGORITHM, drawProblem, runDraw, type DrawAssignment } from './draw.rules.js';
import { CATEGORIES, isIsoDate } from './enterprises.rules.js';
import * as repo from './enterprises.repository.js';
import type { Inspection } from './enterprises.repository.js';
import * as irepo from './inspections.repository.js';
import { managedAgency } from './enterprises.service.js';
import type {
  EntDrawsTable,
  EntInspectionPlansTable,
  InspectionResult,
  SupervisionCategory,
} from './enterprises.tables.js';

export const DEFAULT_PUBLISH_WORKDAYS = 20;

// ---------- inspectors ----------

export async function listInspectors(ctx: Ctx, actor: Actor) {
  const orgId = managedAgency(actor);
  const rows = await irepo.inspectorsOf(ctx.db, orgId);
  return rows.map((r) => ({ id: r.id, name: r.name, certNo: r.cert_no, active: r.active === 1 }));
}

export async function addInspector(ctx: Ctx, actor: Actor, input: { name: string; certNo: string }) {
  const orgId = managedAgency(actor);
  const name = input.name.trim();
  const certNo = input.certNo.trim();
  if (!name) throw new DomainError('required', '姓名不能为空', { field: 'name' });
  if (!/^[0-9A-Za-z-]{4,50}$/.test(certNo))
    throw new DomainError('invalid_cert_no', '执法证号应为4—50位数字、字母或连字符', { field: 'certNo' });
  return inTransaction(ctx, async (trx) => {
    const dup = await irepo.inspectorWithCertNo(trx, orgId, certNo);
    if (dup) throw conflict('duplicate_inspector', '该执法证号已登记', { field: 'certNo' });
    const row = {
      id: newId(),
      org_id: orgId,
      name,
      cert_no: certNo,
      active: 1,
      created_at: nowIso(ctx.clock),
    };
    await irepo.insertInspector(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.inspector.add',
      targetType: 'ent_inspector',
      targetId: row.id,
      orgId,
      after: { name, certNo },
    });
    return { id: row.id, name, certNo, active: true };
  });
}

export async function setInspectorActive(ctx: Ctx, actor: Actor, id: string, active: boolean) {
  const orgId = managedAgency(actor);
  return inTransaction(ctx, async (trx) => {
    const r = await irepo.findInspector(trx, id);
    if (!r || r.org_id !== orgId) throw notFound('inspector', '执法人员不存在');
    await irepo.setInspectorActiveFlag(trx, id, active);
    await recordAudit(trx, ctx.clock, actor, {
      action: active ? 'enterprises.inspector.activate' : 'enterprises.inspector.deactivate',
      targetType: 'ent_inspector',
      targetId: id,
      orgId,
    });
    return { id, name: r.name, certNo: r.cert_no, active };
  });
}

// ---------- plans ----------

export function toPlanView(p: EntInspectionPlansTable) {
  return {
    id: p.id,
    year: p.year,
    title: p.title,
    content: p.content,
    publishWorkdays: p.publish_workdays,
    publishedAt: p.published_at,
  };
}

export async function createPlan(
  ctx: Ctx,
  actor: Actor,
  input: { year: number; title: string; content: string; publishWorkdays?: number },
) {
  const orgId = managedAgency(actor);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new DomainError('invalid_year', '年度无效', { field: 'year' });
  if (!input.title.trim() || !input.content.trim())
    throw new DomainError('required', '计划标题和内容不能为空', { field: 'title' });
  const days = input.publishWorkdays ?? DEFAULT_PUBLISH_WORKDAYS;
  if (!Number.isInteger(days) || days < 1 || days > 60)
    throw new DomainError('invalid_workdays', '结果公开时限应为1—60个工作日', { field: 'publishWorkdays' });
  return inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    const row: EntInspectionPlansTable = {
      id: newId(),
      org_id: orgId,
      year: input.year,
      title: input.title.trim(),
      content: input.content.trim(),
      publish_workdays: days,
      published_at: null,
      created_at: now,
      updated_at: now,
    };
    await irepo.insertPlan(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.plan.create',
      targetType: 'ent_inspection_plan',
      targetId: row.id,
      orgId,
      after: { year: row.year, title: row.title },
    });
    return toPlanView(row);
  });
}

export async function publishPlan(ctx: Ctx, actor: Actor, id: string) {
  const orgId = managedAgency(actor);
  return inTransaction(ctx, async (trx) => {
    const p = await irepo.findPlan(trx, id);
    if (!p || p.org_id !== orgId) throw notFound('plan', '检查计划不存在');
    if (p.published_at) throw conflict('already_published', '计划已公开');
    const now = nowIso(ctx.clock);
    await irepo.markPlanPublished(trx, id, now);
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.plan.publish',
      targetType: 'ent_inspection_plan',
      targetId: id,
      orgId,
    });
    return toPlanView({ ...p, published_at: now });
  });
}

export async function listPlans(ctx: Ctx, orgId: string, publishedOnly: boolean) {
  return (await irepo.plansOf(ctx.db, orgId, publishedOnly)).map(toPlanView);
}

// ---------- draws ----------

export interface DrawCriteria {
  categories: SupervisionCategory[];
  regionPrefixes: string[];
  enterpriseCount: number;
  inspectorsPerEnterprise: number;
}

export function toDrawView(d: EntDrawsTable) {
  return {
    id: d.id,
    planId: d.plan_id,
    batch: d.batch,
    seq: d.seq,
    seed: d.seed,
    algorithm: d.algorithm,
    criteria: JSON.parse(d.criteria_json) as DrawCriteria,
    enterprisePoolSize: (JSON.parse(d.enterprise_pool_json) as string[]).length,
    inspectorPoolSize: (JSON.parse(d.inspector_pool_json) as string[]).length,
    result: JSON.parse(d.result_json) as DrawAssignment[],
    reason: d.reason,
    createdAt: d.created_at,
  };
}

/**
 * Makes a draw of a plan's batch. The seed is 128 random bits unless given (a public ceremony may announce
 * one); the candidate pools are read and sorted now and stored with the result. A batch drawn before needs
 * a reason: the earlier draw stays on record and the redraw is audited with the reason.
 */
export async function makeDraw(
  ctx: Ctx,
  actor: Actor,
  planId: string,
  input: {
    batch: string;
    categories: string[];
    regions: string[];
    enterpriseCount: number;
    inspectorsPerEnterprise: number;
    seed?: string | null;
    reason?: string | null;
  },
) {
  const orgId = managedAgency(actor);
  const batch = input.batch.trim();
  if (!batch || batch.length > 100)
    throw new DomainError('required', '请填写抽查批次名称', { field: 'batch' });
  const categories = [...new Set(input.categories)];
  if (categories.some((c) => !(CATEGORIES as string[]).includes(c)))
    throw new DomainError('invalid_category', '监管类别无效', { field: 'categories' });
  const regionPrefixes: string[] = [];
  for (const r of input.regions) {
    const p = regionPrefix(r);
    if (!p)
      throw new DomainError('invalid_region_code', `行政区划代码“${r}”不在GB/T 2260代码表中`, {
        field: 'regions',
      });
    regionPrefixes.push(p);
  }
  const seed = input.seed?.trim() || randomBytes(16).toString('hex');
  if (seed.length > 128)
    throw new DomainError('invalid_seed', '随机种子不能超过128个字符', { field: 'seed' });
  return inTransaction(ctx, async (trx) => {
    const plan = await irepo.findPlan(trx, planId);
    if (!plan || plan.org_id !== orgId) throw notFound('plan', '检查计划不存在');
    if (!plan.published_at) throw conflict('plan_not_published', '检查计划公开后方可抽取');
    const seq = (await irepo.lastDrawSeq(trx, planId, batch)) + 1;
    const reason = input.reason?.trim() || null;
    if (seq > 1 && !reason)
      throw conflict(
        'redraw_reason_required',
        `批次“${batch}”已抽取过，重新抽取须说明理由（将记入审计日志）`,
        { field: 'reason' },
      );
    const enterprisePool = await repo.drawPool(
      trx,
      orgId,
      categories as SupervisionCategory[],
      regionPrefixes,
    );
    const inspectorPool = await irepo.activeInspectorIds(trx, orgId);
    const problem = drawProblem({
      enterprisePool: enterprisePool.length,
      inspectorPool: inspectorPool.length,
      enterpriseCount: input.enterpriseCount,
      inspectorsPerEnterprise: input.inspectorsPerEnterprise,
    });
    if (problem) throw new DomainError('invalid_draw', problem, { field: 'enterpriseCount' });
    const criteria: DrawCriteria = {
      categories: categories as SupervisionCategory[],
      regionPrefixes,
      enterpriseCount: input.enterpriseCount,
      inspectorsPerEnterprise: input.inspectorsPerEnterprise,
    };
    const result = runDraw({
      seed,
      enterprisePool,
      inspectorPool,
      enterpriseCount: criteria.enterpriseCount,
      inspectorsPerEnterprise: criteria.inspectorsPerEnterprise,
    });
    const row: EntDrawsTable = {
      id: newId(),
      org_id: orgId,
      plan_id: planId,
      seq,
      batch,
      seed,
      criteria_json: JSON.stringify(criteria),
      enterprise_pool_json: JSON.stringify(enterprisePool),
      inspector_pool_json: JSON.stringify(inspectorPool),
      result_json: JSON.stringify(result),
      algorithm: DRAW_ALGORITHM,
      reason,
      created_by: actor.userId ?? 'system',
      created_at: nowIso(ctx.clock),
    };
    await irepo.insertDraw(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: seq > 1 ? 'enterprises.draw.redraw' : 'enterprises.draw',
      targetType: 'ent_draw',
      targetId: row.id,
      orgId,
      after: { batch, seq, seed, pool: enterprisePool.length, selected: result.map((r) => r.enterpriseId) },
      ...(reason ? { note: reason } : {}),
    });
    return toDrawView(row);
  });
}

/** Re-runs a recorded draw from its seed and pools; `matches` says whether it gives the recorded result. */
export async function verifyDraw(ctx: Ctx, orgId: string, id: string) {
  const d = await irepo.findDraw(ctx.db, id);
  if (!d || d.org_id !== orgId) throw notFound('draw', '抽取记录不存在');
  const criteria = JSON.parse(d.criteria_json) as DrawCriteria;
  const rerun = runDraw({
    seed: d.seed,
    enterprisePool: JSON.parse(d.enterprise_pool_json) as string[],
    inspectorPool: JSON.parse(d.inspector_pool_json) as string[],
    enterpriseCount: criteria.enterpriseCount,
    inspectorsPerEnterprise: criteria.inspectorsPerEnterprise,
  });
  return { id, matches: JSON.stringify(rerun) === d.result_json, result: rerun };
}

export async function listDraws(ctx: Ctx, orgId: string, planId?: string) {
  return (await irepo.drawsOf(ctx.db, orgId, planId)).map(toDrawView);
}

// ---------- inspections ----------

export function toInspectionView(i: Inspection) {
  return {
    id: i.id,
    drawId: i.draw_id,
    enterpriseId: i.enterprise_id,
    inspectedOn: i.inspected_on,
    inspectorIds: JSON.parse(i.inspector_ids) as string[],
    itemsChecked: i.items_checked,
    findings: i.findings,
    hazardsFound: i.hazards_found,
    measures: i.measures,
    result: i.result,
    penaltyDecisionNumber: i.penalty_decision_number,
    publishDue: i.publish_due,
    publishedAt: i.published_at,
  };
}

export interface InspectionInput {
  drawId?: string | null;
  enterpriseId: string;
  inspectedOn: string;
  inspectorIds: string[];
  itemsChecked: string;
  findings: string;
  hazardsFound: number;
  measures?: string | null;
  result: InspectionResult;
  penaltyDecisionNumber?: string | null;
}

/** Records an inspection; the publication deadline counts working days from the inspection date. */
export async function recordInspection(ctx: Ctx, actor: Actor, input: InspectionInput) {
  const orgId = managedAgency(actor);
  const today = todayInChina(ctx.clock);
  if (!isIsoDate(input.inspectedOn))
    throw new DomainError('invalid_date', '检查日期格式应为YYYY-MM-DD', { field: 'inspectedOn' });
  if (input.inspectedOn > today)
    throw new DomainError('future_date', '检查日期不能晚于今天', { field: 'inspectedOn' });
  if (!input.itemsChecked.trim() || !input.findings.trim())
    throw new DomainError('required', '检查事项和检查情况不能为空', { field: 'itemsChecked' });
  if (!Number.isInteger(input.hazardsFound) || input.hazardsFound < 0)
    throw new DomainError('invalid_number', '发现隐患数应为不小于0的整数', { field: 'hazardsFound' });
  if (!['compliant', 'rectify', 'penalty'].includes(input.result))
    throw new DomainError('invalid_result', '检查结果无效', { field: 'result' });
  if (input.result === 'penalty' && !input.penaltyDecisionNumber?.trim())
    throw new DomainError('required', '检查结果为行政处罚的，请填写处罚决定文号', {
      field: 'penaltyDecisionNumber',
    });
  if (input.inspectorIds.length < 2)
    throw new DomainError('invalid_inspectors', '每次检查至少2名执法人员', { field: 'inspectorIds' });
  const calendar = await loadWorkCalendar(ctx);
  return inTransaction(ctx, async (trx) => {
    const e = await repo.findEnterprise(trx, input.enterpriseId);
    if (!e || e.org_id !== orgId) throw notFound('enterprise', '企业不存在');
    const inspectors = await irepo.inspectorsAmong(trx, orgId, input.inspectorIds);
    if (inspectors.length !== new Set(input.inspectorIds).size)
      throw new DomainError('invalid_inspectors', '执法人员不属于本机关', { field: 'inspectorIds' });
    let planDays = DEFAULT_PUBLISH_WORKDAYS;
    if (input.drawId) {
      const d = await irepo.findDraw(trx, input.drawId);
      if (!d || d.org_id !== orgId) throw notFound('draw', '抽取记录不存在');
      const drawn = (JSON.parse(d.result_json) as DrawAssignment[]).some((a) => a.enterpriseId === e.id);
      if (!drawn) throw new DomainError('not_drawn', '该企业不在此次抽取结果中', { field: 'enterpriseId' });
      planDays = (await irepo.planPublishWorkdays(trx, d.plan_id)) ?? planDays;
    }
    const due = calendar.addWorkdays(input.inspectedOn, planDays);
    const now = nowIso(ctx.clock);
    const row: Inspection = {
      id: newId(),
      org_id: orgId,
      draw_id: input.drawId ?? null,
      enterprise_id: e.id,
      inspected_on: input.inspectedOn,
      inspector_ids: JSON.stringify([...new Set(input.inspectorIds)]),
      items_checked: input.itemsChecked.trim(),
      findings: input.findings.trim(),
      hazards_found: input.hazardsFound,
      measures: input.measures?.trim() || null,
      result: input.result,
      penalty_decision_number: input.penaltyDecisionNumber?.trim() || null,
      publish_due: due.date,
      publish_due_estimated: due.estimated ? 1 : 0,
      published_at: null,
      created_by: actor.userId ?? 'system',
      created_at: now,
      updated_at: now,
    };
    await irepo.insertInspection(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.inspection.record',
      targetType: 'ent_inspection',
      targetId: row.id,
      orgId,
      after: { enterprise: e.credit_code, result: row.result },
    });
    return toInspectionView(row);
  });
}

export async function publishInspection(ctx: Ctx, actor: Actor, id: string) {
  const orgId = managedAgency(actor);
  return inTransaction(ctx, async (trx) => {
    const i = await irepo.findInspection(trx, id);
    if (!i || i.org_id !== orgId) throw notFound('inspection', '检查记录不存在');
    if (i.published_at) throw conflict('already_published', '检查结果已公开');
    const now = nowIso(ctx.clock);
    await irepo.markInspectionPublished(trx, id, now);
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.inspection.publish',
      targetType: 'ent_inspection',
      targetId: id,
      orgId,
      after: { late: todayInChina(ctx.clock) > i.publish_due },
    });
    return toInspectionView({ ...i, published_at: now });
  });
}

export async function listInspections(
  ctx: Ctx,
  orgId: string,
  f: { publishedOnly?: boolean; limit?: number } = {},
) {
  const rows = await irepo.inspectionsWithEnterprise(ctx.db, orgId, f);
  const today = todayInChina(ctx.clock);
  return rows.map((r) => ({
    ...toInspectionView(r),
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    overdue: !r.published_at && today > r.publish_due,
  }));
}

/** Inspector names by id (public pages show names, never certificate numbers … both are public in practice; names only here). */
export async function inspectorNames(ctx: Ctx, orgId: string): Promise<Map<string, string>> {
  const rows = await irepo.inspectorNameRows(ctx.db, orgId);
  return new Map(rows.map((r) => [r.id, r.name]));
}
