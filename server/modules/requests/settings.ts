/**
 * Per-agency settings of 依申请公开: the 复议机关 and the competent court the remedy paragraph of every
 * reply names (条例第五十一条; 《行政复议法》、《行政诉讼法》).
 */
import { can, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { forbidden } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './requests.repository.js';

export interface RequestSettings {
  reviewBody: string | null;
  court: string | null;
}

/** The actor's agency settings (nulls when never set: letters then use the general wording). */
export async function getSettings(ctx: Ctx, actor: Actor): Promise<RequestSettings> {
  if (!actor.orgId) throw forbidden();
  await assertReadsAgency(ctx, actor, actor.orgId);
  const row = await repo.findSettings(ctx.db, actor.orgId);
  return { reviewBody: row?.review_body ?? null, court: row?.court ?? null };
}

/** Saves the settings with an audit row (政务公开办). */
export async function putSettings(
  ctx: Ctx,
  actor: Actor,
  input: { reviewBody?: string | null; court?: string | null },
): Promise<RequestSettings> {
  if (!can(actor, 'requests.admin') || !actor.orgId) throw forbidden();
  const orgId = actor.orgId;
  assertWritesAgency(actor, orgId);
  const next = { reviewBody: input.reviewBody?.trim() || null, court: input.court?.trim() || null };
  await inTransaction(ctx, async (trx) => {
    await repo.upsertSettings(trx, {
      org_id: orgId,
      review_body: next.reviewBody,
      court: next.court,
      updated_by: actor.userId,
      updated_at: nowIso(ctx.clock),
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.settings_update',
      targetType: 'org',
      targetId: orgId,
      orgId,
      after: next,
    });
  });
  return next;
}
