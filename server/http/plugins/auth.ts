import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, publicActor, type Actor } from '../../platform/actor.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import { resumeSession, type SessionInfo } from '../../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'gk_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: SessionInfo | null;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Client IP as Fastify resolved it (honours TRUST_PROXY). */
export function clientOf(req: FastifyRequest) {
  return {
    ip: req.ip ?? null,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
  };
}

/**
 * Enforces each route's access rule before anything else of the request runs (deny by default): the hook
 * is `onRequest`, so an anonymous call to a protected route gets 401 before its body is parsed, checked
 * for bad text or validated (issue 14, item 6) — nobody learns a staff route's schema without a session.
 * The session is resolved only for routes that need one (public pages never touch the session table);
 * every API write must carry the CSRF token (checked after the session on protected routes, so the
 * anonymous answer is always 401).
 */
export function registerAuth(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (!access) {
      req.log.error({ url: req.routeOptions.url }, 'route has no access rule');
      throw forbidden();
    }
    const apiWrite = WRITE_METHODS.has(req.method) && req.url.startsWith('/api/');
    if ('public' in access) {
      if (apiWrite) await verifyCsrf(app, req, reply);
      req.actor = publicActor(req.ip ?? null, req.id);
      const token = req.cookies[SESSION_COOKIE];
      // Public routes may still show the signed-in user (e.g. /api/auth/session) without requiring one.
      if (token && req.routeOptions.url?.startsWith('/api/')) {
        req.session = await resumeSession(ctx, token, clientOf(req));
        if (req.session) req.actor = req.session.actor;
      }
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await resumeSession(ctx, token, clientOf(req)) : null;
    if (!session)
      throw new DomainError('unauthenticated', '请先登录（或登录已超时）', undefined, 'unauthenticated');
    if (apiWrite) await verifyCsrf(app, req, reply);
    req.session = session;
    req.actor = session.actor;
    if (session.user.mustChangePassword && !('authenticated' in access && access.allowPendingPasswordChange))
      throw new DomainError(
        'password_change_required',
        '首次登录或密码已重置，请先修改密码',
        undefined,
        'forbidden',
      );
    if ('anyOf' in access && !access.anyOf.some((p) => can(session.actor, p))) throw forbidden();
  });
}

function verifyCsrf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
  });
}
