/** JSON API of sign-in and the login log: schemas from contract/auth.ts, one service call per route. */
import * as api from '../../../contract/auth.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs, PUBLIC } from '../../http/access.js';
import { clientOf, SESSION_COOKIE } from '../../http/plugins/auth.js';
import { toLimitOffset } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import { permissionsOf } from '../users/roles.js';
import { DomainError } from '../../platform/errors.js';
import { backoffStoreFor } from '../../platform/rate-limit/login-backoff.js';

import * as service from './auth.service.js';

/** Seconds for Retry-After: the backoff's wait, or a minute if it named none. */
const retryAfter = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 60);

export async function authRoutes(app: App, c: Container): Promise<void> {
  // Failed sign-ins per client address, shared by every process like the rate limits (login-backoff.ts).
  const backoff = backoffStoreFor(c.config.hardening, c.ctx.db);
  app.addHook('onClose', () => backoff.close());
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    // Secure whenever the public origin is HTTPS (behind a TLS-terminating proxy set TRUST_PROXY=1).
    secure: c.config.publicBaseUrl.startsWith('https://'),
  };

  app.get('/api/auth/session', {
    config: { access: PUBLIC },
    schema: routeSchema(api.getSession),
    handler: async (req, reply) => ({
      user: req.session?.user ?? null,
      permissions: req.session ? [...permissionsOf(req.session.user.roles)] : [],
      csrfToken: reply.generateCsrf(),
    }),
  });

  app.post('/api/auth/login', {
    config: { access: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: routeSchema(api.login),
    handler: async (req, reply) => {
      const { token, user } = await service
        .login(c.ctx, req.body.username, req.body.password, clientOf(req), backoff)
        .catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'login_backoff')
            void reply.header('retry-after', String(retryAfter(err.details?.retryAfterSeconds)));
          throw err;
        });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { user, permissions: [...permissionsOf(user.roles)] };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: PUBLIC },
    schema: routeSchema(api.logout),
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await service.logout(c.ctx, token, clientOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/password', {
    config: { access: { authenticated: true, allowPendingPasswordChange: true } },
    schema: routeSchema(api.changePassword),
    handler: async (req, reply) => {
      await service.changePassword(
        c.ctx,
        req.actor,
        req.session!.sessionId,
        req.body.oldPassword,
        req.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  });

  app.get('/api/security/logins', {
    config: { access: needs('security.read') },
    schema: routeSchema(api.listLogins),
    handler: async (req) => service.loginHistory(c.ctx, req.actor, req.query, toLimitOffset(req.query)),
  });
}
