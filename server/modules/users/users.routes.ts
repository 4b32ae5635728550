import { Type } from 'typebox';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import { IdParams, Nullable, PageQuery, toLimitOffset } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import * as service from './users.service.js';
import { ROLE_LABELS, ROLES } from './roles.js';

export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  divisionId: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
  passwordPending: Type.Boolean({
    description: '尚无密码：系统管理员新建的账号，待政务公开办（或运维人员）发放初始密码',
  }),
});
const RoleT = Type.Union(ROLES.map((r) => Type.Literal(r)));
const managers = needs('user.manage.agency', 'user.manage.system', 'security.read');
const writers = needs('user.manage.agency', 'user.manage.system');

export async function userRoutes(app: App, c: Container): Promise<void> {
  app.get('/api/roles', {
    config: { access: { authenticated: true, allowPendingPasswordChange: true } },
    schema: {
      tags: ['用户'],
      summary: '角色清单',
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ role: Type.String(), label: Type.String() })) }),
      },
    },
    handler: async () => ({ items: ROLES.map((role) => ({ role, label: ROLE_LABELS[role] })) }),
  });

  app.get('/api/users', {
    config: { access: managers },
    schema: {
      tags: ['用户'],
      querystring: Type.Intersect([
        PageQuery,
        Type.Object({
          orgId: Type.Optional(Type.String()),
          q: Type.Optional(Type.String({ maxLength: 64 })),
          role: Type.Optional(Type.String()),
        }),
      ]),
      response: { 200: Type.Object({ items: Type.Array(UserView), total: Type.Integer() }) },
    },
    handler: async (req) => service.listUsers(c.ctx, req.actor, req.query, toLimitOffset(req.query)),
  });

  app.get('/api/users/:id', {
    config: { access: managers },
    schema: { tags: ['用户'], params: IdParams, response: { 200: UserView } },
    handler: async (req) => service.getUser(c.ctx, req.actor, req.params.id),
  });

  app.post('/api/users', {
    config: { access: writers },
    schema: {
      tags: ['用户'],
      summary:
        '新建用户；未指定密码时生成初始密码（仅返回一次，首次登录须修改）。三员分立：系统管理员新建的账号不设密码、不返回密码，由本机关政务公开办（系统角色账号由运维人员）发放',
      body: Type.Object({
        username: Type.String({ minLength: 3, maxLength: 64 }),
        displayName: Type.String({ minLength: 1, maxLength: 100 }),
        orgId: Type.String(),
        divisionId: Type.Optional(Nullable(Type.String())),
        roles: Type.Array(RoleT, { minItems: 1, maxItems: 9 }),
        password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      }),
      response: { 201: Type.Object({ user: UserView, initialPassword: Nullable(Type.String()) }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createUser(c.ctx, req.actor, req.body)),
  });

  app.patch('/api/users/:id', {
    config: { access: writers },
    schema: {
      tags: ['用户'],
      params: IdParams,
      body: Type.Object({
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        divisionId: Type.Optional(Nullable(Type.String())),
        roles: Type.Optional(Type.Array(RoleT, { minItems: 1, maxItems: 9 })),
      }),
      response: { 200: UserView },
    },
    handler: async (req) => service.updateUser(c.ctx, req.actor, req.params.id, req.body),
  });

  app.post('/api/users/:id/disable', {
    config: { access: writers },
    schema: { tags: ['用户'], params: IdParams, response: { 200: UserView } },
    handler: async (req) => service.setUserDisabled(c.ctx, req.actor, req.params.id, true),
  });

  app.post('/api/users/:id/enable', {
    config: { access: writers },
    schema: { tags: ['用户'], params: IdParams, response: { 200: UserView } },
    handler: async (req) => service.setUserDisabled(c.ctx, req.actor, req.params.id, false),
  });

  app.post('/api/users/:id/reset-password', {
    config: { access: writers },
    schema: {
      tags: ['用户'],
      summary: '重置密码（生成新的初始密码）：仅本机关政务公开办对本机关业务账号；系统管理员不能重置他人密码',
      params: IdParams,
      response: { 200: Type.Object({ initialPassword: Type.String() }) },
    },
    handler: async (req) => service.resetPassword(c.ctx, req.actor, req.params.id),
  });

  app.post('/api/users/:id/unlock', {
    config: { access: needs('security.read') },
    schema: {
      tags: ['用户'],
      summary: '解除登录锁定（安全管理员）',
      params: IdParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await service.unlockUser(c.ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
