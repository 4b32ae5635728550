/** JSON API of user management: schemas from contract/users.ts, one service call per route. */
import * as api from '../../../contract/users.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import { toLimitOffset } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import * as service from './users.service.js';
import { ROLE_LABELS, ROLES } from './roles.js';

const managers = needs('user.manage.agency', 'user.manage.system', 'security.read');
const writers = needs('user.manage.agency', 'user.manage.system');

export async function userRoutes(app: App, c: Container): Promise<void> {
  app.get('/api/roles', {
    config: { access: { authenticated: true, allowPendingPasswordChange: true } },
    schema: routeSchema(api.listRoles),
    handler: async () => ({ items: ROLES.map((role) => ({ role, label: ROLE_LABELS[role] })) }),
  });

  app.get('/api/users', {
    config: { access: managers },
    schema: routeSchema(api.listUsers),
    handler: async (req) => service.listUsers(c.ctx, req.actor, req.query, toLimitOffset(req.query)),
  });

  app.get('/api/users/:id', {
    config: { access: managers },
    schema: routeSchema(api.getUser),
    handler: async (req) => service.getUser(c.ctx, req.actor, req.params.id),
  });

  app.post('/api/users', {
    config: { access: writers },
    schema: routeSchema(api.createUser),
    handler: async (req, reply) =>
      reply.status(201).send(await service.createUser(c.ctx, req.actor, req.body)),
  });

  app.patch('/api/users/:id', {
    config: { access: writers },
    schema: routeSchema(api.updateUser),
    handler: async (req) => service.updateUser(c.ctx, req.actor, req.params.id, req.body),
  });

  app.post('/api/users/:id/disable', {
    config: { access: writers },
    schema: routeSchema(api.disableUser),
    handler: async (req) => service.setUserDisabled(c.ctx, req.actor, req.params.id, true),
  });

  app.post('/api/users/:id/enable', {
    config: { access: writers },
    schema: routeSchema(api.enableUser),
    handler: async (req) => service.setUserDisabled(c.ctx, req.actor, req.params.id, false),
  });

  app.post('/api/users/:id/reset-password', {
    config: { access: writers },
    schema: routeSchema(api.resetPassword),
    handler: async (req) => service.resetPassword(c.ctx, req.actor, req.params.id),
  });

  app.post('/api/users/:id/unlock', {
    config: { access: needs('security.read') },
    schema: routeSchema(api.unlockUser),
    handler: async (req, reply) => {
      await service.unlockUser(c.ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
