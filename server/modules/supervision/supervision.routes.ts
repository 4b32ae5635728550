/** JSON API of the supervision module: schemas from contract/supervision.ts, one use-case call per route. */
import * as api from '../../../contract/supervision.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import { DomainError } from '../../platform/errors.js';
import * as boards from './boards.js';
import * as tasks from './tasks.js';

const READ = needs('business.read');
const ISSUE = needs('supervision.issue');
const REPLY = needs('supervision.reply');

export async function supervisionRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  // ---------- boards (read-only) ----------
  app.get('/api/supervision/board', { config: { access: READ }, schema: routeSchema(api.board) }, (req) =>
    boards.board(ctx, req.actor, req.query),
  );
  app.get(
    '/api/supervision/agencies/:orgId/requests',
    { config: { access: READ }, schema: routeSchema(api.requestRows) },
    (req) => boards.requestRows(ctx, req.actor, req.params.orgId, req.query),
  );
  app.get(
    '/api/supervision/agencies/:orgId/late-items',
    { config: { access: READ }, schema: routeSchema(api.lateItems) },
    (req) => boards.lateItems(ctx, req.actor, req.params.orgId, req.query),
  );
  app.get(
    '/api/supervision/agencies/:orgId/columns',
    { config: { access: READ }, schema: routeSchema(api.columnRows) },
    (req) => boards.columnRows(ctx, req.actor, req.params.orgId, req.query),
  );
  app.get(
    '/api/supervision/agencies/:orgId/decisions',
    { config: { access: READ }, schema: routeSchema(api.decisionRows) },
    (req) => boards.decisionRows(ctx, req.actor, req.params.orgId, req.query),
  );
  app.get(
    '/api/supervision/agencies/:orgId/interaction',
    { config: { access: READ }, schema: routeSchema(api.interactionRows) },
    (req) => boards.interactionRows(ctx, req.actor, req.params.orgId, req.query),
  );

  // ---------- 督办 tasks ----------
  app.get('/api/supervision/tasks', { config: { access: READ }, schema: routeSchema(api.listTasks) }, (req) =>
    tasks.listTasks(ctx, req.actor, req.query),
  );
  app.get(
    '/api/supervision/targets',
    { config: { access: ISSUE }, schema: routeSchema(api.targets) },
    (req) => tasks.targets(ctx, req.actor),
  );
  app.post(
    '/api/supervision/tasks',
    { config: { access: ISSUE }, schema: routeSchema(api.issueTask) },
    async (req, reply) => reply.status(201).send(await tasks.issueTask(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/supervision/tasks/:id',
    { config: { access: READ }, schema: routeSchema(api.getTask) },
    (req) => tasks.getTask(ctx, req.actor, req.params.id),
  );
  app.post(
    '/api/supervision/tasks/:id/reply',
    { config: { access: REPLY }, schema: routeSchema(api.replyTask) },
    (req) => tasks.replyTask(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/supervision/tasks/:id/files',
    { config: { access: REPLY }, schema: routeSchema(api.attachFile) },
    async (req, reply) => {
      const file = await req.file();
      if (!file) throw new DomainError('supervision.file_invalid', '请选择文件', { field: 'file' });
      const bytes = await file.toBuffer();
      return reply
        .status(201)
        .send(await tasks.attachFile(ctx, req.actor, req.params.id, { fileName: file.filename, bytes }));
    },
  );
  app.get(
    '/api/supervision/tasks/:id/files/:fileId',
    { config: { access: READ }, schema: routeSchema(api.downloadFile) },
    async (req, reply) => {
      const f = await tasks.readFile(ctx, req.actor, req.params.id, req.params.fileId);
      return reply
        .type(f.mime)
        .header(
          'content-disposition',
          `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
  app.post(
    '/api/supervision/tasks/:id/accept',
    { config: { access: ISSUE }, schema: routeSchema(api.acceptTask) },
    (req) => tasks.acceptTask(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/supervision/tasks/:id/return',
    { config: { access: ISSUE }, schema: routeSchema(api.returnTask) },
    (req) => tasks.returnTask(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/supervision/tasks/:id/withdraw',
    { config: { access: ISSUE }, schema: routeSchema(api.withdrawTask) },
    (req) => tasks.withdrawTask(ctx, req.actor, req.params.id, req.body),
  );
}
