/** Helpers shared by the module's use-case files: agency scope, rule errors, audit. */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import type { Permission } from '../users/roles.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import { RuleViolation } from './events.rules.js';
import type { Db } from './events.repository.js';

/** The agency an actor writes for (its own; an explicit one must be writable by the actor). */
export function writableAgency(actor: Actor, permission: Permission, orgId?: string | null): string {
  if (!can(actor, permission)) throw forbidden('没有维护新闻发布、听证和建议提案办理的权限');
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('当前账号不属于任何机关');
  assertWritesAgency(actor, id);
  return id;
}

/** Runs a pure rule and turns its violation into a DomainError with the field named. */
export function rule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RuleViolation)
      throw new DomainError(err.code, err.messageZh, err.field ? { field: err.field } : undefined);
    throw err;
  }
}

/** Records an audit entry in the same transaction as the change. */
export async function audit(
  trx: Db,
  clock: Clock,
  actor: Actor,
  action: string,
  target: { type: string; id: string; orgId: string },
  after?: unknown,
  before?: unknown,
): Promise<void> {
  await recordAudit(trx, clock, actor, {
    action,
    targetType: target.type,
    targetId: target.id,
    orgId: target.orgId,
    ...(after === undefined ? {} : { after }),
    ...(before === undefined ? {} : { before }),
  });
}
