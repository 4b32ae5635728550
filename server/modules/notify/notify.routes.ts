import type { App } from '../../http/app.js';
import { needs, SIGNED_IN } from '../../http/access.js';
import type { Container } from '../../container.js';
import { routeSchema } from '../../../contract/common.js';
import * as C from '../../../contract/notify.js';
import * as service from './notify.service.js';
import { channelStats, listMessages, retryMessage } from './notify.log.js';

/** Staff notification centre, preferences, templates, delivery log and honest counts. */
export async function notifyRoutes(app: App, c: Container, runQueue: () => Promise<number>): Promise<void> {
  const ctx = c.ctx;
  app.get(
    '/api/notify/inbox',
    { config: { access: SIGNED_IN }, schema: routeSchema(C.listInbox) },
    async (req) =>
      service.myInbox(ctx, req.actor, {
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
        unreadOnly: req.query.unreadOnly ?? false,
      }),
  );
  app.get(
    '/api/notify/inbox/unread',
    { config: { access: SIGNED_IN }, schema: routeSchema(C.countUnread) },
    async (req) => ({
      unread: await service.unread(ctx, req.actor),
    }),
  );
  app.post(
    '/api/notify/inbox/read',
    { config: { access: SIGNED_IN }, schema: routeSchema(C.markRead) },
    async (req) => ({
      updated: await service.markInboxRead(ctx, req.actor, req.body.ids),
    }),
  );
  app.get(
    '/api/notify/prefs',
    { config: { access: SIGNED_IN }, schema: routeSchema(C.getPrefs) },
    async (req) => service.myPrefs(ctx, req.actor),
  );
  app.post(
    '/api/notify/prefs',
    { config: { access: SIGNED_IN }, schema: routeSchema(C.savePrefs) },
    async (req) => service.savePrefs(ctx, req.actor, req.body),
  );
  app.get(
    '/api/notify/templates',
    { config: { access: needs('org.settings') }, schema: routeSchema(C.listTemplates) },
    async (req) => ({
      items: await service.listTemplates(ctx, req.actor),
    }),
  );
  app.post(
    '/api/notify/templates/:key/:channel',
    { config: { access: needs('org.settings') }, schema: routeSchema(C.saveTemplate) },
    async (req) => {
      await service.saveTemplate(ctx, req.actor, {
        ...req.params,
        subject: req.body.subject,
        body: req.body.body,
      });
      return { ok: true };
    },
  );
  app.delete(
    '/api/notify/templates/:key/:channel',
    { config: { access: needs('org.settings') }, schema: routeSchema(C.resetTemplate) },
    async (req) => {
      await service.resetTemplate(ctx, req.actor, req.params.key, req.params.channel);
      return { ok: true };
    },
  );
  app.get(
    '/api/notify/messages',
    { config: { access: needs('business.read') }, schema: routeSchema(C.listMessages) },
    async (req) => listMessages(ctx, req.actor, req.query),
  );
  app.post(
    '/api/notify/messages/:id/retry',
    { config: { access: needs('org.settings') }, schema: routeSchema(C.retryMessage) },
    async (req) => {
      await retryMessage(ctx, req.actor, req.params.id);
      return { ok: true };
    },
  );
  app.post(
    '/api/notify/run',
    { config: { access: needs('org.settings') }, schema: routeSchema(C.runQueue) },
    async () => ({
      sent: await runQueue(),
    }),
  );
  app.get(
    '/api/notify/stats',
    { config: { access: needs('business.read') }, schema: routeSchema(C.channelStats) },
    async (req) => channelStats(ctx, req.actor, req.query.year),
  );
}
