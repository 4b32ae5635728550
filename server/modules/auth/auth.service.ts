import type { Actor } from '../../platform/actor.js';
import { can, userActor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { newId, randomToken, sha256 } from '../../platform/ids.js';
import {
  clientKey,
  memoryBackoffStore,
  retryAfterMs,
  type BackoffStore,
} from '../../platform/rate-limit/login-backoff.js';
import { recordAudit } from '../audit/audit.service.js';
import { passwordProblem } from '../users/password-policy.js';
import * as users from '../users/users.repository.js';
import { hashPassword, toUserView, verifyPassword, type UserView } from '../users/users.service.js';
import * as repo from './auth.repository.js';

/** Failures of one account (from any address) that lock it; per-address backoff starts at 5 (login-backoff.ts). */
export const MAX_FAILED_ATTEMPTS = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Refreshing last_seen_at on every request would make every read a write; a minute's slack is enough. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

// A real hash of a random password, so unknown usernames (and accounts still waiting for their first
// password) cost one argon2 verification like a wrong password does.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(randomToken(12)));

/** Backoff counters of a process that was not given a shared store (CLI, unit tests). */
let localBackoff: BackoffStore | null = null;
const processBackoff = () => (localBackoff ??= memoryBackoffStore());

/**
 * The one answer to every failed sign-in (unknown user, wrong password, locked account): the same
 * status, code and text, so the answer never tells whether an account exists or is locked.
 */
export function invalidCredentials(): DomainError {
  return new DomainError(
    'invalid_credentials',
    '用户名或密码错误。连续多次错误后账号将暂时锁定，如需帮助请联系安全管理员',
    undefined,
    'unauthenticated',
  );
}

/**
 * Verifies credentials and opens a database-backed session. Every attempt is recorded in login_events
 * for the security admin. Three layers, in this order:
 * 1. the client address's backoff across all accounts (5 free failures, then 30 s doubling to 15 min:
 *    429 `login_backoff` before anything is looked up, whatever the username);
 * 2. one argon2 verification on every path (a dummy hash for unknown users), one answer for every failure;
 * 3. the account lock (10 failures → 15 minutes) — which does not hold against an address with no recent
 *    failure giving the right password, so nobody can keep a leader locked out from elsewhere.
 * A disabled account is named only to someone who gave its right password.
 */
export async function login(
  ctx: Ctx,
  username: string,
  password: string,
  client: ClientInfo,
  backoff: BackoffStore = processBackoff(),
): Promise<{ token: string; user: UserView }> {
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const ipKey = clientKey(client.ip);
  const name = username.trim();
  const event = (userId: string | null, orgId: string | null, success: boolean, reason: string) =>
    repo.insertLoginEvent(ctx.db, {
      id: newId(),
      user_id: userId,
      username: username.slice(0, 64),
      org_id: orgId,
      success: success ? 1 : 0,
      reason,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      at: now.toISOString(),
    });

  const past = await backoff.read(ipKey, nowMs);
  const waitMs = retryAfterMs(past, nowMs);
  if (waitMs > 0) {
    await event(null, null, false, 'backoff');
    const seconds = Math.ceil(waitMs / 1000);
    throw new DomainError(
      'login_backoff',
      `登录失败次数过多，请${seconds >= 60 ? `${Math.ceil(seconds / 60)}分钟` : `${seconds}秒`}后再试`,
      { retryAfterSeconds: seconds },
      'too_many',
    );
  }

  const user = name ? await users.findByUsername(ctx.db, name) : undefined;
  const usable = user?.password_hash.startsWith('$argon2') === true;
  const verified = await verifyPassword(usable ? user.password_hash : await dummy(), password);
  const ok = usable && verified;
  if (!user) {
    await backoff.fail(ipKey, nowMs);
    await event(null, null, false, 'unknown_user');
    throw invalidCredentials();
  }
  const locked = user.locked_until !== null && new Date(user.locked_until) > now;
  // A clean address (no failure within the backoff window) with the right password passes a lock.
  if (locked && !(ok && past === null)) {
    if (!ok) await backoff.fail(ipKey, nowMs);
    await event(user.id, user.org_id, false, 'locked');
    throw invalidCredentials();
  }
  if (!ok) {
    await backoff.fail(ipKey, nowMs);
    const attempts = await users.incrementFailedAttempts(ctx.db, user.id);
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(nowMs + LOCKOUT_MS).toISOString();
      await users.update(ctx.db, user.id, { locked_until: until, failed_attempts: 0 });
      await event(user.id, user.org_id, false, 'locked');
    } else await event(user.id, user.org_id, false, usable ? 'bad_password' : 'no_password');
    throw invalidCredentials();
  }
  if (user.disabled) {
    await event(user.id, user.org_id, false, 'disabled');
    throw new DomainError('account_disabled', '账号已停用，请联系管理员', undefined, 'forbidden');
  }
  const token = randomToken();
  const iso = now.toISOString();
  await inTransaction(ctx, async (trx) => {
    await users.update(trx, user.id, { failed_attempts: 0, locked_until: null, last_login_at: iso });
    await repo.insertSession(trx, {
      id: sha256(token),
      user_id: user.id,
      created_at: iso,
      last_seen_at: iso,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    });
    await repo.insertLoginEvent(trx, {
      id: newId(),
      user_id: user.id,
      username: user.username,
      org_id: user.org_id,
      success: 1,
      reason: locked ? 'ok_despite_lock' : 'ok',
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      at: iso,
    });
  });
  return { token, user: toUserView({ ...user, last_login_at: iso, locked_until: null, failed_attempts: 0 }) };
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
  const session = await repo.findSession(ctx.db, id);
  if (!session) return null;
  const now = ctx.clock.now();
  const idle = now.getTime() - new Date(session.last_seen_at).getTime();
  const user = await users.findById(ctx.db, session.user_id);
  if (!user || user.disabled || idle > IDLE_TIMEOUT_MS) {
    await repo.deleteSession(ctx.db, id);
    if (user && idle > IDLE_TIMEOUT_MS)
      await repo.insertLoginEvent(ctx.db, {
        id: newId(),
        user_id: user.id,
        username: user.username,
        org_id: user.org_id,
        success: 0,
        reason: 'timeout',
        ip: client.ip,
        user_agent: null,
        at: now.toISOString(),
      });
    return null;
  }
  if (idle > TOUCH_INTERVAL_MS) await repo.touchSession(ctx.db, id, now.toISOString());
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
  const session = await repo.findSession(ctx.db, id);
  if (!session) return;
  const user = await users.findById(ctx.db, session.user_id);
  await repo.deleteSession(ctx.db, id);
  if (user)
    await repo.insertLoginEvent(ctx.db, {
      id: newId(),
      user_id: user.id,
      username: user.username,
      org_id: user.org_id,
      success: 1,
      reason: 'logout',
      ip: client.ip,
      user_agent: client.userAgent,
      at: nowIso(ctx.clock),
    });
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
    await users.update(trx, user.id, {
      password_hash: passwordHash,
      must_change_password: 0,
      password_changed_at: now,
      updated_at: now,
    });
    await repo.deleteOtherSessions(trx, user.id, currentSessionId);
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
  const { rows, total } = await repo.listLoginEvents(ctx.db, filter, page);
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
    total,
  };
}
