import type { Actor } from '../../platform/actor.js';
import { can, userActor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { newId, randomToken, sha256 } from '../../platform/ids.js';
import { toNumber } from '../../db/dialect.js';
import { recordAudit } from '../audit/audit.service.js';
import { passwordProblem } from '../users/password-policy.js';
import * as users from '../users/users.repository.js';
import { hashPassword, toUserView, verifyPassword, type UserView } from '../users/users.service.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Refreshing last_seen_at on every request would make every read a write; a minute's slack is enough. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

// A real hash of a random password, so unknown usernames cost the same time as wrong passwords.
let dummyHash: Promise<string> | null = null;

/**
 * Verifies credentials with lockout (5 failures → 15 minutes) and opens a database-backed session.
 * Every attempt is recorded in login_events for the security admin.
 */
export async function login(
  ctx: Ctx,
  username: string,
  password: string,
  client: ClientInfo,
): Promise<{ token: string; user: UserView }> {
  const now = ctx.clock.now();
  const user = await users.findByUsername(ctx.db, username.trim());
  const event = async (success: boolean, reason: string) => {
    await ctx.db
      .insertInto('login_events')
      .values({
        id: newId(),
        user_id: user?.id ?? null,
        username: username.slice(0, 64),
        org_id: user?.org_id ?? null,
        success: success ? 1 : 0,
        reason,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        at: now.toISOString(),
      })
      .execute();
  };
  if (!user) {
    dummyHash ??= hashPassword(randomToken(12));
    await verifyPassword(await dummyHash, password);
    await event(false, 'unknown_user');
    throw new DomainError('invalid_credentials', '用户名或密码错误', undefined, 'unauthenticated');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await event(false, 'locked');
    throw new DomainError(
      'account_locked',
      `账号已锁定，请于${minutesLeft(user.locked_until, now)}分钟后重试或联系安全管理员`,
      { lockedUntil: user.locked_until },
      'locked',
    );
  }
  if (user.disabled) {
    await event(false, 'disabled');
    throw new DomainError('account_disabled', '账号已停用，请联系管理员', undefined, 'forbidden');
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    // Count failures atomically so parallel guesses cannot skip the lockout.
    const row = await ctx.db
      .updateTable('users')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', user.id)
      .returning('failed_attempts')
      .executeTakeFirstOrThrow();
    const attempts = toNumber(row.failed_attempts);
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
      await ctx.db
        .updateTable('users')
        .set({ locked_until: until, failed_attempts: 0 })
        .where('id', '=', user.id)
        .execute();
      await event(false, 'locked');
      throw new DomainError(
        'account_locked',
        '连续5次密码错误，账号已锁定15分钟',
        { lockedUntil: until },
        'locked',
      );
    }
    await event(false, 'bad_password');
    throw new DomainError(
      'invalid_credentials',
      `用户名或密码错误（还可尝试${MAX_FAILED_ATTEMPTS - attempts}次）`,
      { remainingAttempts: MAX_FAILED_ATTEMPTS - attempts },
      'unauthenticated',
    );
  }
  const token = randomToken();
  const iso = now.toISOString();
  await inTransaction(ctx, async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: iso })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: user.id,
        created_at: iso,
        last_seen_at: iso,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await trx
      .insertInto('login_events')
      .values({
        id: newId(),
        user_id: user.id,
        username: user.username,
        org_id: user.org_id,
        success: 1,
        reason: 'ok',
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        at: iso,
      })
      .execute();
  });
  return { token, user: toUserView({ ...user, last_login_at: iso }) };
}

function minutesLeft(until: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60000));
}

export interface SessionInfo {
  sessionId: string;
  user: UserView;
  actor: Actor;
}

/** Resolves a session token to its user, enforcing the 30-minute idle timeout. */
export async function resumeSession(
  ctx: Ctx,
  token: string,
  client: ClientInfo & { requestId: string | null },
): Promise<SessionInfo | null> {
  const id = sha256(token);
  const session = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const now = ctx.clock.now();
  const idle = now.getTime() - new Date(session.last_seen_at).getTime();
  const user = await users.findById(ctx.db, session.user_id);
  if (!user || user.disabled || idle > IDLE_TIMEOUT_MS) {
    await ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
    if (user && idle > IDLE_TIMEOUT_MS)
      await ctx.db
        .insertInto('login_events')
        .values({
          id: newId(),
          user_id: user.id,
          username: user.username,
          org_id: user.org_id,
          success: 0,
          reason: 'timeout',
          ip: client.ip,
          user_agent: null,
          at: now.toISOString(),
        })
        .execute();
    return null;
  }
  if (idle > TOUCH_INTERVAL_MS)
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  const actor = userActor({
    userId: user.id,
    name: user.display_name,
    orgId: user.org_id,
    divisionId: user.division_id,
    roles: user.roles,
    ip: client.ip,
    requestId: client.requestId,
  });
  return { sessionId: id, user: toUserView(user), actor };
}

/** Ends a session. */
export async function logout(ctx: Ctx, token: string, client: ClientInfo): Promise<void> {
  const id = sha256(token);
  const session = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return;
  const user = await users.findById(ctx.db, session.user_id);
  await ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
  if (user)
    await ctx.db
      .insertInto('login_events')
      .values({
        id: newId(),
        user_id: user.id,
        username: user.username,
        org_id: user.org_id,
        success: 1,
        reason: 'logout',
        ip: client.ip,
        user_agent: client.userAgent,
        at: nowIso(ctx.clock),
      })
      .execute();
}

/** Changes the actor's own password (policy checked; ends the user's other sessions). */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  currentSessionId: string,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  if (!actor.userId) throw forbidden();
  const user = await users.findById(ctx.db, actor.userId);
  if (!user) throw forbidden();
  if (!(await verifyPassword(user.password_hash, oldPassword)))
    throw new DomainError('wrong_password', '原密码不正确', { field: 'oldPassword' });
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw new DomainError('weak_password', problem, { field: 'newPassword' });
  if (newPassword === oldPassword)
    throw new DomainError('password_unchanged', '新密码不能与原密码相同', { field: 'newPassword' });
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: now,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .where('id', '!=', currentSessionId)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'user.change_password',
      targetType: 'user',
      targetId: user.id,
      orgId: user.org_id,
    });
  });
}

/** Login history for the security admin, newest first. */
export async function loginHistory(
  ctx: Ctx,
  actor: Actor,
  filter: { username?: string; success?: boolean },
  page: { limit: number; offset: number },
) {
  if (!(actor.kind === 'system' || can(actor, 'security.read'))) throw forbidden();
  let q = ctx.db.selectFrom('login_events');
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.success !== undefined) q = q.where('success', '=', filter.success ? 1 : 0);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      userId: r.user_id,
      success: r.success === 1,
      reason: r.reason,
      ip: r.ip,
      userAgent: r.user_agent,
      at: r.at,
    })),
    total: toNumber(total.n),
  };
}
