/** Helpers shared by the 双公示 use cases (permission shorthand, writing agency, decision history) and the agency's publicity settings. */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './enforcement.repository.js';
import { DEFAULT_SETTINGS, type FieldProblem, type PublicitySettings } from './enforcement.rules.js';

export const SEARCH_KIND = 'decision';

// ---------- shared helpers ----------

export function has(actor: Actor) {
  return (p: Parameters<typeof can>[1]) => can(actor, p);
}

/** The agency an actor writes for: its own (users belong to an agency; divisions are separate). */
export function actorAgency(actor: Actor, orgId?: string | null): string {
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('当前账号不属于任何机关');
  assertWritesAgency(actor, id);
  return id;
}

export function firstProblem(problems: FieldProblem[]): DomainError {
  const p = problems[0]!;
  return new DomainError(p.code, p.message, { field: p.field, problems });
}

export async function history(
  trx: repo.Db,
  ctx: Ctx,
  actor: Actor,
  d: { id: string; org_id: string },
  action: string,
  fromState: string | null,
  toState: string | null,
  note: string | null = null,
  before: unknown = null,
): Promise<void> {
  await repo.insertHistory(trx, {
    id: newId(),
    decision_id: d.id,
    org_id: d.org_id,
    at: nowIso(ctx.clock),
    actor_name: actor.name,
    action,
    from_state: fromState,
    to_state: toState,
    note,
    before_json: before === null ? null : JSON.stringify(before),
  });
}

// ---------- settings ----------

export async function getSettings(ctx: Pick<Ctx, 'db'>, orgId: string): Promise<PublicitySettings> {
  const row = await repo.findSettings(ctx.db, orgId);
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    publishWorkdays: row.publish_workdays,
    licensePublicMonths: row.license_public_months,
    penaltyPublicMonths: row.penalty_public_months,
    coercionPublicMonths: row.coercion_public_months,
  };
}

/** Changes the agency's publication deadline and publicity periods (政务公开办). */
export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  input: PublicitySettings,
  orgId?: string,
): Promise<PublicitySettings> {
  if (!can(actor, 'org.settings') && !can(actor, 'catalog.admin'))
    throw forbidden('只有政务公开办可以修改公示设置');
  const agency = actorAgency(actor, orgId);
  if (!Number.isInteger(input.publishWorkdays) || input.publishWorkdays < 1 || input.publishWorkdays > 60)
    throw new DomainError('invalid_publish_workdays', '公示时限应为1—60个工作日', {
      field: 'publishWorkdays',
    });
  for (const key of ['licensePublicMonths', 'penaltyPublicMonths', 'coercionPublicMonths'] as const) {
    const v = input[key];
    if (v !== null && (!Number.isInteger(v) || v < 1 || v > 120))
      throw new DomainError('invalid_public_months', '公示期应为1—120个月，或留空表示长期公示', {
        field: key,
      });
  }
  return inTransaction(ctx, async (trx) => {
    const before = await getSettings({ db: trx }, agency);
    await repo.upsertSettings(trx, {
      org_id: agency,
      publish_workdays: input.publishWorkdays,
      license_public_months: input.licensePublicMonths,
      penalty_public_months: input.penaltyPublicMonths,
      coercion_public_months: input.coercionPublicMonths,
      updated_at: nowIso(ctx.clock),
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.settings',
      targetType: 'enforcement_settings',
      targetId: agency,
      orgId: agency,
      before,
      after: input,
    });
    return input;
  });
}
