import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '@contract/users.roles';
import { rolesApi } from '../../api/endpoints';
import type { Role, RoleOption } from '../../api/types';

/** Used until /api/roles answers (and if it fails), so a label never flashes as a code: the contract's labels. */
export const FALLBACK_ROLE_LABELS: Record<Role, string> = ROLE_LABELS;

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
