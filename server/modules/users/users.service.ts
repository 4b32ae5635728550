import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { deleteUserSessions } from '../auth/auth.repository.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import { generatePassword, passwordProblem } from './password-policy.js';
import { BUSINESS_ROLES, isRole, roleSetProblem, SYSTEM_ROLES, type Role } from './roles.js';
import {
  credentialProblem,
  lifecycleProblem,
  roleChangeProblem,
  type SeparationProblem,
} from './separation.js';
import * as repo from './users.repository.js';
import type { UserWithRoles } from './users.repository.js';

/** What the API shows of a user (never the hash). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  divisionId: string | null;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  /** No password yet: created by the system administrator, waiting for the office (or the operator) to issue one. */
  passwordPending: boolean;
}

/** The hash of an account nobody can sign in to yet (never an argon2 string, so no password matches). */
export const PENDING_PASSWORD_HASH = '!pending';

const separation = (p: SeparationProblem, field?: string) =>
  new DomainError(p.code, p.messageZh, field ? { field } : undefined, 'forbidden');

export function toUserView(u: UserWithRoles): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    divisionId: u.division_id,
    roles: u.roles,
    disabled: u.disabled === 1,
    mustChangePassword: u.must_change_password === 1,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    passwordPending: !u.password_hash.startsWith('$argon2'),
  };
}

// The argon2 addon (~10 MB resident) loads with the first password hashed or checked, not at server start.
const argon2 = () => import('@node-rs/argon2');

/** argon2id with the library's defaults (memory-hard; @node-rs/argon2 defaults to Argon2id). */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await argon2();
  return verify(passwordHash, password).catch(() => false);
}

/** Which users the actor administers: sysadmins all; the office its agency; the secadmin reads all to unlock. */
async function managedOrgIds(ctx: Ctx, actor: Actor): Promise<string[] | 'all'> {
  if (actor.kind === 'system' || can(actor, 'user.manage.system') || can(actor, 'security.read'))
    return 'all';
  if (can(actor, 'user.manage.agency') && actor.orgId) return [actor.orgId];
  throw forbidden();
}

/** Throws unless the actor may assign these roles in this agency. */
function assertMayAssign(actor: Actor, orgId: string, roles: Role[]): void {
  const problem = roleSetProblem(roles);
  if (problem) throw new DomainError('invalid_roles', problem, { field: 'roles' });
  if (actor.kind === 'system' || can(actor, 'user.manage.system')) return;
  if (!can(actor, 'user.manage.agency') || actor.orgId !== orgId) throw forbidden('只能管理本机关的用户');
  if (roles.some((r) => SYSTEM_ROLES.includes(r))) throw forbidden('系统角色只能由系统管理员分配');
  if (roles.includes('supervisor')) throw forbidden('上级监督角色只能由系统管理员分配');
}

export async function listUsers(
  ctx: Ctx,
  actor: Actor,
  filter: { orgId?: string; q?: string; role?: string },
  page: { limit: number; offset: number },
) {
  const managed = await managedOrgIds(ctx, actor);
  let orgIds: string[] | 'all' = managed;
  if (filter.orgId) {
    if (managed !== 'all' && !managed.includes(filter.orgId)) throw forbidden();
    orgIds = [filter.orgId];
  }
  const role = filter.role && isRole(filter.role) ? filter.role : undefined;
  const { rows, total } = await repo.list(ctx.db, { orgIds, q: filter.q, role }, page);
  return { items: rows.map(toUserView), total };
}

export async function getUser(ctx: Ctx, actor: Actor, id: string): Promise<UserView> {
  const user = await repo.findById(ctx.db, id);
  if (!user) throw notFound('user', '用户不存在');
  const managed = await managedOrgIds(ctx, actor);
  if (managed !== 'all' && !managed.includes(user.org_id)) throw forbidden();
  return toUserView(user);
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  orgId: string;
  divisionId?: string | null;
  roles: string[];
  /**
   * When absent an initial password is generated and returned once — to the operator (CLI) or the
   * agency's office only; an account the system administrator creates waits for one (passwordPending).
   */
  password?: string;
  /** Demo accounts keep their printed password; everyone else must change the initial one. */
  mustChangePassword?: boolean;
}

async function assertDivision(ctx: Ctx, orgId: string, divisionId: string | null | undefined): Promise<void> {
  if (!divisionId) return;
  const division = await orgRepo.findById(ctx.db, divisionId);
  if (!division || division.kind !== 'division' || division.parent_id !== orgId)
    throw new DomainError('invalid_division', '所选科室不属于该机关', { field: 'divisionId' });
}

/** Creates a user; returns the initial password when one was generated (shown once, never stored in clear). */
export async function createUser(
  ctx: Ctx,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: UserView; initialPassword: string | null }> {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(username))
    throw new DomainError('invalid_username', '用户名为3–64位字母、数字、点、下划线或连字符', {
      field: 'username',
    });
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 100)
    throw new DomainError('invalid_display_name', '姓名不能为空且不超过100字', { field: 'displayName' });
  const roles = [...new Set(input.roles)];
  const bad = roles.find((r) => !isRole(r));
  if (bad) throw new DomainError('invalid_roles', `未知角色：${bad}`, { field: 'roles' });
  const org = await orgRepo.findById(ctx.db, input.orgId);
  if (!org || !isAgencyKind(org.kind))
    throw new DomainError('invalid_org', '用户必须属于一个机关（非内设科室）', { field: 'orgId' });
  assertMayAssign(actor, org.id, roles as Role[]);
  await assertDivision(ctx, org.id, input.divisionId);
  // 三员分立: a credential reaches only its owner, through the operator or the agency's office.
  const notYours = credentialProblem(actor, { id: '', orgId: org.id, roles: roles as Role[] });
  if (notYours && input.password !== undefined) throw separation(notYours, 'password');
  const password = notYours ? null : (input.password ?? generatePassword());
  const problem = password === null ? null : passwordProblem(password, username);
  if (problem) throw new DomainError('weak_password', problem, { field: 'password' });
  const passwordHash = password === null ? PENDING_PASSWORD_HASH : await hashPassword(password);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findByUsername(trx, username))
      throw conflict('username_taken', '用户名已存在', { field: 'username' });
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: org.id,
      division_id: input.divisionId ?? null,
      username,
      display_name: displayName,
      password_hash: passwordHash,
      must_change_password: input.mustChangePassword === false ? 0 : 1,
      disabled: 0,
      failed_attempts: 0,
      locked_until: null,
      last_login_at: null,
      password_changed_at: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insert(trx, row, roles as Role[]);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      orgId: org.id,
      after: {
        username,
        displayName,
        roles,
        password: password === null ? 'pending' : input.password ? 'set_by_creator' : 'generated',
      },
    });
    return {
      user: toUserView({ ...row, roles: roles as Role[] }),
      initialPassword: input.password ? null : password,
    };
  });
}

async function loadManaged(ctx: Ctx, trx: Ctx['db'], actor: Actor, id: string): Promise<UserWithRoles> {
  const user = await repo.findById(trx, id);
  if (!user) throw notFound('user', '用户不存在');
  const managed = await managedOrgIds(ctx, actor);
  if (managed !== 'all' && !managed.includes(user.org_id)) throw forbidden();
  return user;
}

/** Changes name, division or roles. */
export async function updateUser(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { displayName?: string; divisionId?: string | null; roles?: string[] },
): Promise<UserView> {
  return inTransaction(ctx, async (trx) => {
    const user = await loadManaged(ctx, trx, actor, id);
    if (
      SYSTEM_ROLES.some((r) => user.roles.includes(r)) &&
      !(actor.kind === 'system' || can(actor, 'user.manage.system'))
    )
      throw forbidden();
    const patch: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.displayName !== undefined && input.displayName.trim() !== user.display_name) {
      const name = input.displayName.trim();
      if (!name || name.length > 100)
        throw new DomainError('invalid_display_name', '姓名不能为空且不超过100字', { field: 'displayName' });
      patch.display_name = name;
      before.displayName = user.display_name;
      after.displayName = name;
    }
    if (input.divisionId !== undefined && input.divisionId !== user.division_id) {
      await assertDivision({ ...ctx, db: trx }, user.org_id, input.divisionId);
      patch.division_id = input.divisionId;
      before.divisionId = user.division_id;
      after.divisionId = input.divisionId;
    }
    let roles = user.roles;
    if (input.roles) {
      const bad = input.roles.find((r) => !isRole(r));
      if (bad) throw new DomainError('invalid_roles', `未知角色：${bad}`, { field: 'roles' });
      roles = [...new Set(input.roles)] as Role[];
      assertMayAssign(actor, user.org_id, roles);
      const changed = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));
      const roleProblem = changed
        ? roleChangeProblem(actor, { id, orgId: user.org_id, roles: user.roles }, roles)
        : null;
      if (roleProblem) throw separation(roleProblem, 'roles');
      await repo.setRoles(trx, id, roles);
      before.roles = user.roles;
      after.roles = roles;
    }
    if (Object.keys(patch).length) await repo.update(trx, id, { ...patch, updated_at: nowIso(ctx.clock) });
    if (Object.keys(after).length)
      await recordAudit(trx, ctx.clock, actor, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        orgId: user.org_id,
        before,
        after,
      });
    return toUserView({ ...user, ...patch, roles });
  });
}

/** Disables or re-enables an account; disabling ends its sessions. */
export async function setUserDisabled(
  ctx: Ctx,
  actor: Actor,
  id: string,
  disabled: boolean,
): Promise<UserView> {
  return inTransaction(ctx, async (trx) => {
    const user = await loadManaged(ctx, trx, actor, id);
    if (actor.userId === id) throw conflict('cannot_disable_self', '不能停用自己的账号');
    if (!(can(actor, 'user.manage.system') || can(actor, 'user.manage.agency') || actor.kind === 'system'))
      throw forbidden();
    const lifecycle = lifecycleProblem(actor, { id, orgId: user.org_id, roles: user.roles });
    if (lifecycle) throw separation(lifecycle);
    await repo.update(trx, id, { disabled: disabled ? 1 : 0, updated_at: nowIso(ctx.clock) });
    if (disabled) await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: id,
      orgId: user.org_id,
    });
    return toUserView({ ...user, disabled: disabled ? 1 : 0 });
  });
}

/**
 * Issues a new random initial password that must be changed at next login; ends the user's sessions.
 * Only the operator (CLI) and the agency's office over its business accounts may (三员分立: the system
 * administrator never learns anyone's password); it is also how an account waiting for its first
 * password gets one.
 */
export async function resetPassword(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ initialPassword: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (trx) => {
    const user = await loadManaged(ctx, trx, actor, id);
    if (!(can(actor, 'user.manage.system') || can(actor, 'user.manage.agency') || actor.kind === 'system'))
      throw forbidden();
    const notYours = credentialProblem(actor, { id, orgId: user.org_id, roles: user.roles });
    if (notYours) throw separation(notYours);
    await repo.update(trx, id, {
      password_hash: passwordHash,
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      updated_at: nowIso(ctx.clock),
    });
    await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.reset_password',
      targetType: 'user',
      targetId: id,
      orgId: user.org_id,
      after: { password: user.password_hash.startsWith('$argon2') ? 'reset' : 'first_issued' },
    });
  });
  return { initialPassword: password };
}

/** Clears a lockout (security admin). */
export async function unlockUser(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (!(actor.kind === 'system' || can(actor, 'security.read'))) throw forbidden();
  await inTransaction(ctx, async (trx) => {
    const user = await repo.findById(trx, id);
    if (!user) throw notFound('user', '用户不存在');
    await repo.update(trx, id, { failed_attempts: 0, locked_until: null, updated_at: nowIso(ctx.clock) });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.unlock',
      targetType: 'user',
      targetId: id,
      orgId: user.org_id,
    });
  });
}

export { BUSINESS_ROLES };
