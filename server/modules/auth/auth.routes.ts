import { Type } from 'typebox';
import type { App } from '../../http/app.js';
import { needs, PUBLIC } from '../../http/access.js';
import { clientOf, SESSION_COOKIE } from '../../http/plugins/auth.js';
import { Nullable, PageQuery, toLimitOffset } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import { permissionsOf } from '../users/roles.js';
import { UserView } from '../users/users.routes.js';
import { DomainError } from '../../platform/errors.js';
import { backoffStoreFor } from '../../platform/rate-limit/login-backoff.js';
import * as service from './auth.service.js';

const SessionView = Type.Object({
  user: Nullable(UserView),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String(),
});

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
    schema: {
      tags: ['登录'],
      summary: '当前会话与CSRF令牌（控制台启动时调用）',
      response: { 200: SessionView },
    },
    handler: async (req, reply) => ({
      user: req.session?.user ?? null,
      permissions: req.session ? [...permissionsOf(req.session.user.roles as never)] : [],
      csrfToken: reply.generateCsrf(),
    }),
  });

  app.post('/api/auth/login', {
    config: { access: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['登录'],
      summary: '登录（失败时不区分账号是否存在；同一地址多次失败后须等待，429 login_backoff）',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Type.String({ minLength: 1, maxLength: 128 }),
      }),
      response: { 200: Type.Object({ user: UserView, permissions: Type.Array(Type.String()) }) },
    },
    handler: async (req, reply) => {
      const { token, user } = await service
        .login(c.ctx, req.body.username, req.body.password, clientOf(req), backoff)
        .catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'login_backoff')
            void reply.header('retry-after', String(err.details?.retryAfterSeconds ?? 60));
          throw err;
        });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { user, permissions: [...permissionsOf(user.roles)] };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: PUBLIC },
    schema: { tags: ['登录'], response: { 204: Type.Null() } },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await service.logout(c.ctx, token, clientOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/password', {
    config: { access: { authenticated: true, allowPendingPasswordChange: true } },
    schema: {
      tags: ['登录'],
      summary: '修改本人密码',
      body: Type.Object({
        oldPassword: Type.String({ minLength: 1, maxLength: 128 }),
        newPassword: Type.String({ minLength: 1, maxLength: 128 }),
      }),
      response: { 204: Type.Null() },
    },
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
    schema: {
      tags: ['安全'],
      summary: '登录日志（安全管理员）',
      querystring: Type.Intersect([
        PageQuery,
        Type.Object({
          username: Type.Optional(Type.String({ maxLength: 64 })),
          success: Type.Optional(Type.Boolean()),
        }),
      ]),
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              id: Type.String(),
              username: Type.String(),
              userId: Nullable(Type.String()),
              success: Type.Boolean(),
              reason: Type.String(),
              ip: Nullable(Type.String()),
              userAgent: Nullable(Type.String()),
              at: Type.String(),
            }),
          ),
          total: Type.Integer(),
        }),
      },
    },
    handler: async (req) => service.loginHistory(c.ctx, req.actor, req.query, toLimitOffset(req.query)),
  });
}
