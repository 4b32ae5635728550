/**
 * 第四十四条: information requested by several applicants proposed for proactive disclosure.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { can, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as catalog from '../catalog/catalog.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableAgencyIds } from '../orgs/orgs.service.js';
import { outcomeByCode } from './outcomes.js';
import * as repo from './requests.repository.js';
import * as records from './records.repository.js';
import type { CaseRow } from './requests.repository.js';
import { need } from './case-writes.js';

// ---------------------------------------------------------------------------------------------
// 第四十四条: several applicants, same openable information → proactive disclosure

export async function promotionCandidates(
  ctx: Ctx,
  actor: Actor,
  opts: { windowDays?: number; minApplicants?: number } = {},
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const windowDays = opts.windowDays ?? 180;
  const minApplicants = opts.minApplicants ?? 2;
  const today = todayInChina(ctx.clock);
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - windowDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const rows = (await repo.listCases(ctx.db, { orgIds, stages: ['replied', 'archived'] }, 'like')).filter(
    (r) =>
      r.outcome_code && outcomeByCode(r.outcome_code).row2021 === 'r1' && r.closed_on && r.closed_on >= since,
  );
  const groups = new Map<string, CaseRow[]>();
  for (const r of rows)
    groups.set(`${r.org_id}|${r.description_key}`, [
      ...(groups.get(`${r.org_id}|${r.description_key}`) ?? []),
      r,
    ]);
  const proposals = await records.listPromotions(ctx.db, orgIds);
  const proposed = new Set(proposals.map((p) => `${p.org_id}|${p.description_key}`));
  const candidates = [...groups.entries()]
    .filter(
      ([k, list]) => !proposed.has(k) && new Set(list.map((r) => r.id_number_hmac)).size >= minApplicants,
    )
    .map(([, list]) => ({
      descriptionKey: list[0]!.description_key,
      title: list[0]!.description.slice(0, 100),
      caseIds: list.map((r) => r.id),
      caseNumbers: list.map((r) => r.case_number),
      applicantCount: new Set(list.map((r) => r.id_number_hmac)).size,
    }));
  return {
    candidates,
    proposals: proposals.map((p) => ({
      id: p.id,
      title: p.title,
      caseCount: p.case_count,
      state: p.state,
      catalogItemId: p.catalog_item_id,
      createdAt: p.created_at,
    })),
    promotedCount: proposals.filter((p) => p.state !== 'dismissed').length,
  };
}

/**
 * 第四十四条 promotion: creates a DRAFT catalog item (catalog.service createItem, which goes through the
 * catalog's own review and approval before anything is published) in the given column, or in a leaf
 * column chosen by name, and records the proposal with the cases behind it. When the actor cannot draft
 * catalog items or the agency has no column, only the proposal is stored (state 'proposed').
 * createItem runs its own transaction, so it is called before ours (never nested: SQLite would deadlock).
 */
export async function promote(
  ctx: Ctx,
  actor: Actor,
  input: { descriptionKey: string; title?: string; columnId?: string },
) {
  need(actor, 'requests.admin');
  const { candidates } = await promotionCandidates(ctx, actor, { windowDays: 3650, minApplicants: 2 });
  const cand = candidates.find((x) => x.descriptionKey === input.descriptionKey);
  if (!cand)
    throw conflict('not_a_candidate', '该信息尚不符合“多个申请人申请相同可公开信息”的条件，或已提出过');
  const title = (input.title ?? cand.title).trim().slice(0, 300);
  let catalogItemId: string | null = null;
  if (can(actor, 'catalog.draft')) {
    const columns = (await catalog.listColumns(ctx, actor)).filter((c) => !c.retired);
    const leaves = columns.filter((c) => !columns.some((x) => x.parentId === c.id));
    const column =
      (input.columnId ? columns.find((c) => c.id === input.columnId) : undefined) ??
      leaves.find((c) => /依申请|其他/.test(c.name)) ??
      leaves[0];
    if (input.columnId && !column) throw invalidField('columnId', 'column_not_found', '栏目不存在');
    if (column) {
      catalogItemId = await catalog.createItem(ctx, actor, {
        columnId: column.id,
        title,
        summary: `依《中华人民共和国政府信息公开条例》第四十四条，${cand.applicantCount}名申请人申请公开相同政府信息（受理编号：${cand.caseNumbers.join('、')}），拟纳入主动公开范围。`,
        bodyHtml: `<p>${title.replace(/[<>&]/g, '')}</p>`,
      });
    }
  }
  return inTransaction(ctx, async (trx) => {
    const row = {
      id: newId(),
      org_id: actor.orgId!,
      description_key: cand.descriptionKey,
      title,
      case_ids: JSON.stringify(cand.caseIds),
      case_count: cand.caseIds.length,
      state: catalogItemId ? ('draft_created' as const) : ('proposed' as const),
      catalog_item_id: catalogItemId,
      created_by: actor.userId,
      created_at: nowIso(ctx.clock),
      updated_at: nowIso(ctx.clock),
    };
    await records.insertPromotion(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.promotion_propose',
      targetType: 'request_promotion',
      targetId: row.id,
      orgId: row.org_id,
      after: { title: row.title, caseCount: row.case_count, catalogItemId },
    });
    return { id: row.id, state: row.state, catalogItemId };
  });
}
