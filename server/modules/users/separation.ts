/**
 * 三员分立 (等保 separation of duties) as pure rules, checked by the user-management use cases
 * (users.service.ts) and unit-tested on their own (separation.test.ts):
 *
 * - an account is a system account (exactly one of sysadmin / secadmin / auditor), an enterprise
 *   account, or a business account — never two at once (roles.ts roleSetProblem), and never turned
 *   from one into another: a person taking another duty gets another account;
 * - nobody changes their own roles (a sysadmin cannot make themselves secadmin or auditor);
 * - a credential reaches only its owner: the system administrator never sets, receives or resets a
 *   password of anyone. A business account's initial password is issued by its agency's 政务公开办
 *   (office); system accounts, and agencies that have no office account yet, get theirs from the
 *   operator at the server (`gongkai user reset-password`). Every such action is audited.
 * - system accounts are disabled or re-enabled only by the operator (`gongkai user disable|enable`), so
 *   the system administrator cannot silence the auditor or the security administrator.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { SYSTEM_ROLES, type Role } from './roles.js';

export type AccountClass = 'system' | 'enterprise' | 'business';

export function accountClass(roles: readonly Role[]): AccountClass {
  if (roles.some((r) => SYSTEM_ROLES.includes(r))) return 'system';
  if (roles.includes('enterprise')) return 'enterprise';
  return 'business';
}

export interface AccountFacts {
  id: string;
  orgId: string;
  roles: readonly Role[];
}

export interface SeparationProblem {
  code: 'credential_not_yours' | 'cannot_change_own_roles' | 'role_class_change' | 'system_account_operator';
  messageZh: string;
}

const OPERATOR_CLI = '须由运维人员在服务器上使用命令 gongkai user reset-password 重置';

/** The agency's office over one of its own non-system accounts. */
function isOfficeOf(actor: Actor, target: AccountFacts): boolean {
  return (
    can(actor, 'user.manage.agency') &&
    actor.orgId === target.orgId &&
    accountClass(target.roles) !== 'system'
  );
}

/**
 * Whether the actor may set a password for the target (reset, or an initial password it chooses or
 * receives): only the operator (system actor) and the target's agency office over business accounts.
 */
export function credentialProblem(actor: Actor, target: AccountFacts): SeparationProblem | null {
  if (actor.kind === 'system') return null;
  if (actor.userId === target.id)
    return { code: 'credential_not_yours', messageZh: '不能为自己重置密码，请使用“修改密码”' };
  if (accountClass(target.roles) === 'system')
    return { code: 'credential_not_yours', messageZh: `系统角色账号的密码${OPERATOR_CLI}` };
  if (isOfficeOf(actor, target)) return null;
  return {
    code: 'credential_not_yours',
    messageZh: '业务账号的密码只能由本机关政务公开办发放或重置，系统管理员不能设置或获知他人密码',
  };
}

/** Whether the actor may change the target's roles to `next` (role-set validity is roleSetProblem's). */
export function roleChangeProblem(
  actor: Actor,
  target: AccountFacts,
  next: readonly Role[],
): SeparationProblem | null {
  if (actor.kind !== 'system' && actor.userId === target.id)
    return { code: 'cannot_change_own_roles', messageZh: '不能修改自己的角色' };
  const before = accountClass(target.roles);
  const after = accountClass(next);
  const sameSystemRole =
    before !== 'system' ||
    (next.length === target.roles.length && next.every((r) => target.roles.includes(r)));
  if (before !== after || !sameSystemRole)
    return {
      code: 'role_class_change',
      messageZh:
        '系统管理员、安全管理员、安全审计员账号与业务账号不能互相转换，也不能互换系统角色；请为新的职责另建账号',
    };
  return null;
}

/** Whether the actor may disable or re-enable the target account. */
export function lifecycleProblem(actor: Actor, target: AccountFacts): SeparationProblem | null {
  if (actor.kind === 'system') return null;
  if (accountClass(target.roles) === 'system')
    return {
      code: 'system_account_operator',
      messageZh: '系统角色账号的停用与启用须由运维人员在服务器上使用命令 gongkai user disable|enable 办理',
    };
  return null;
}
