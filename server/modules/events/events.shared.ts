/** Helpers shared by the module's use-case files: agency scope, rule errors, audit. */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { Permission } from '../users/roles.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';

/** The agency an actor writes for (its own; an explicit one must be writable by the actor). */
export function writableAgency(actor: Actor, permission: Permission, orgId?: string | null): string {
  if (!can(actor, permission)) throw forbidden('没有维护新闻发布、听证和建议提案办理的权限');
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('当前账号不属于任何机关');
  assertWritesAgency(actor, id);
  return id;
}

export { rule } from '../../platform/rule-violation.js';

export { auditTarget as audit } from '../audit/audit.service.js';
