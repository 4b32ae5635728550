import { permissionsOf, type Permission, type Role } from '../modules/users/roles.js';
import { forbidden } from './errors.js';

/** Who is acting: a signed-in user, the public, or the system itself (jobs, CLI, seeding). */
export interface Actor {
  kind: 'user' | 'public' | 'system';
  userId: string | null;
  name: string;
  /** The actor's agency; null for the public and for deployment-wide system work. */
  orgId: string | null;
  divisionId: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  ip: string | null;
  requestId: string | null;
}

/** A user actor with permissions derived from roles. */
export function userActor(input: {
  userId: string;
  name: string;
  orgId: string;
  divisionId: string | null;
  roles: readonly Role[];
  ip?: string | null;
  requestId?: string | null;
}): Actor {
  return {
    kind: 'user',
    userId: input.userId,
    name: input.name,
    orgId: input.orgId,
    divisionId: input.divisionId,
    roles: input.roles,
    permissions: permissionsOf(input.roles),
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
  };
}

/** An explicit system actor: callers say why, and it is recorded in the audit log (never an implicit bypass). */
export function systemActor(reason: string, orgId: string | null = null): Actor {
  return {
    kind: 'system',
    userId: null,
    name: `系统（${reason}）`,
    orgId,
    divisionId: null,
    roles: [],
    permissions: new Set(),
    ip: null,
    requestId: null,
  };
}

/** The anonymous public (portal visitors). */
export function publicActor(ip: string | null, requestId: string | null): Actor {
  return {
    kind: 'public',
    userId: null,
    name: '公众',
    orgId: null,
    divisionId: null,
    roles: [],
    permissions: new Set(),
    ip,
    requestId,
  };
}

/** Whether the actor holds a permission; the system actor holds all by explicit design. */
export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || actor.permissions.has(permission);
}

/** Throws forbidden unless the actor holds the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}
