import { useEffect, useState } from 'react';
import { rolesApi } from '../../api/endpoints';
import type { Role, RoleOption } from '../../api/types';

/** Used until /api/roles answers (and if it fails), so a label never flashes as a code. */
export const FALLBACK_ROLE_LABELS: Record<Role, string> = {
  clerk: '信息员',
  reviewer: '保密审查员',
  leader: '分管领导',
  principal_leader: '主要领导',
  office: '政务公开办',
  supervisor: '上级监督',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
  enterprise: '企业用户',
};

/** Role options from GET /api/roles (the server's labels win over the fallback). */
export function useRoleOptions(): RoleOption[] {
  const [roles, setRoles] = useState<RoleOption[]>(() =>
    Object.entries(FALLBACK_ROLE_LABELS).map(([role, label]) => ({ role: role as Role, label })),
  );
  useEffect(() => {
    let live = true;
    rolesApi.list().then(
      (r) => live && setRoles(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return roles;
}

/** A function giving the Chinese label of a role. */
export function useRoleLabels(): (role: string) => string {
  const roles = useRoleOptions();
  return (role: string) =>
    roles.find((r) => r.role === role)?.label ?? FALLBACK_ROLE_LABELS[role as Role] ?? role;
}
