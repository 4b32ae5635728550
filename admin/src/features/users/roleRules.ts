import { SYSTEM_ROLES, type Role } from '../../api/types';

/** Mirrors roleSetProblem on the server: 三员分立 — system roles are exclusive. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少分配一个角色';
  const system = roles.filter((r) => SYSTEM_ROLES.includes(r));
  if (system.length > 1) return '系统管理员、安全管理员、安全审计员须由不同人员担任';
  if (system.length === 1 && roles.length > 1) return '系统角色不得与业务角色兼任';
  return null;
}

/** Roles an agency's 政务公开办 may not hand out (only the system administrator may). */
export const SYSTEM_ASSIGNED: readonly Role[] = [...SYSTEM_ROLES, 'supervisor'];
