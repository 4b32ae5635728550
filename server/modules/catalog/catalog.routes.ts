/** JSON API of the catalog module (主动公开): schemas from contract/catalog.ts, one use-case call per route. */
import type { FastifyReply } from 'fastify';
import * as api from '../../../contract/catalog.js';
import { IdParams, routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs, PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { invalidField } from '../../platform/errors.js';
import * as service from './index.js';
import { channelCountsFor, dashboard } from './catalog.dashboard.js';
import { runDuePublications } from './catalog.jobs.js';
import { releaseQueue } from './catalog.channels.js';
import { eventView } from './catalog.views.js';
import { assertCan } from '../../platform/actor.js';

// The Word documents load docx: loaded on the first download, not at start-up (issue 12).
const documents = () => import('./catalog.documents.js');

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendFile(reply: FastifyReply, bytes: Buffer, fileName: string, mime: string): FastifyReply {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export async function catalogRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  const detail = (req: { actor: Parameters<typeof service.getItem>[1] }, id: string) =>
    service.getItem(ctx, req.actor, id);

  // ── columns ──
  app.get('/api/catalog/columns', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.listColumns),
    handler: async (req) => ({ columns: await service.listColumns(ctx, req.actor, req.query) }),
  });
  app.post('/api/catalog/columns', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.createColumn),
    handler: async (req, reply) =>
      reply.status(201).send(await service.createColumn(ctx, req.actor, req.body)),
  });
  app.patch('/api/catalog/columns/:id', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.updateColumn),
    handler: async (req) => service.updateColumn(ctx, req.actor, req.params.id, req.body),
  });
  app.post('/api/catalog/columns/:id/move', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.moveColumn),
    handler: async (req) => ({ columns: await service.moveColumn(ctx, req.actor, req.params.id, req.body) }),
  });
  app.post('/api/catalog/columns/:id/retire', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.retireColumn),
    handler: async (req) => service.retireColumn(ctx, req.actor, req.params.id),
  });
  app.post('/api/catalog/columns/:id/restore', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.restoreColumn),
    handler: async (req) => service.restoreColumn(ctx, req.actor, req.params.id),
  });

  // ── settings ──
  app.get('/api/catalog/settings', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.getSettings),
    handler: async (req) => service.getSettings(ctx, req.actor, req.query.orgId),
  });
  app.put('/api/catalog/settings', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.updateSettings),
    handler: async (req) => service.updateSettings(ctx, req.actor, req.body),
  });

  // ── items ──
  app.get('/api/catalog/items', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.listItems),
    handler: async (req) => service.listItems(ctx, req.actor, req.query),
  });
  app.post('/api/catalog/items', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.createItem),
    handler: async (req, reply) => {
      const id = await service.createItem(ctx, req.actor, req.body);
      return reply.status(201).send(await detail(req, id));
    },
  });
  app.get('/api/catalog/items/:id', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.getItem),
    handler: async (req) => detail(req, req.params.id),
  });
  app.patch('/api/catalog/items/:id', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.updateDraft),
    handler: async (req) => {
      await service.updateDraft(ctx, req.actor, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });

  // Workflow steps: one use-case call, then the item as it is afterwards.
  const DRAFT = needs('catalog.draft');
  const REVIEW = needs('catalog.review');
  const APPROVE = needs('catalog.approve', 'catalog.approve.principal');
  const ADMIN = needs('catalog.admin');
  app.post('/api/catalog/items/:id/revisions', {
    config: { access: DRAFT },
    schema: routeSchema(api.openRevision),
    handler: async (req) => {
      await service.openRevision(ctx, req.actor, req.params.id, req.body.changeNote ?? null);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/discard', {
    config: { access: DRAFT },
    schema: routeSchema(api.discardDraft),
    handler: async (req) => {
      await service.discardDraft(ctx, req.actor, req.params.id);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/submit', {
    config: { access: DRAFT },
    schema: routeSchema(api.submitItem),
    handler: async (req) => {
      await service.submit(ctx, req.actor, req.params.id);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/recall', {
    config: { access: DRAFT },
    schema: routeSchema(api.recallItem),
    handler: async (req) => {
      await service.recall(ctx, req.actor, req.params.id);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/review/start', {
    config: { access: REVIEW },
    schema: routeSchema(api.startReview),
    handler: async (req) => {
      await service.startReview(ctx, req.actor, req.params.id);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/review', {
    config: { access: REVIEW },
    schema: routeSchema(api.reviewItem),
    handler: async (req) => {
      await service.review(ctx, req.actor, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/approve', {
    config: { access: APPROVE },
    schema: routeSchema(api.approveItem),
    handler: async (req) => {
      await service.approve(ctx, req.actor, req.params.id, req.body.opinion ?? null);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/reject', {
    config: { access: APPROVE },
    schema: routeSchema(api.rejectItem),
    handler: async (req) => {
      await service.reject(ctx, req.actor, req.params.id, req.body.opinion);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/withdraw', {
    config: { access: ADMIN },
    schema: routeSchema(api.withdrawItem),
    handler: async (req) => {
      await service.withdraw(ctx, req.actor, req.params.id, req.body.reason);
      return detail(req, req.params.id);
    },
  });
  app.post('/api/catalog/items/:id/validity', {
    config: { access: ADMIN },
    schema: routeSchema(api.setValidity),
    handler: async (req) => {
      await service.setValidity(ctx, req.actor, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });

  app.post('/api/catalog/items/:id/scan', {
    config: { access: needs('catalog.draft', 'catalog.review') },
    schema: routeSchema(api.scanItem),
    handler: async (req) => service.scanItem(ctx, req.actor, req.params.id),
  });

  app.post('/api/catalog/scan', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.scanText),
    handler: async (req) => service.scanDraftText(ctx, req.actor, req.body),
  });

  app.post('/api/catalog/items/:id/attachments', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.addAttachment),
    handler: async (req, reply) => {
      if (!req.isMultipart())
        throw invalidField('file', 'multipart_required', '请以 multipart/form-data 上传附件');
      const file = await req.file();
      if (!file) throw invalidField('file', 'file_required', '请选择要上传的文件');
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch {
        throw invalidField('file', 'attachment_too_large', '附件不能超过50MB');
      }
      const att = await service.addAttachment(ctx, req.actor, req.params.id, {
        fileName: file.filename,
        bytes,
      });
      return reply.status(201).send(att);
    },
  });
  app.delete('/api/catalog/items/:id/attachments/:attachmentId', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.removeAttachment),
    handler: async (req, reply) => {
      await service.removeAttachment(ctx, req.actor, req.params.id, req.params.attachmentId);
      return reply.status(204).send(null);
    },
  });
  app.get('/api/catalog/items/:id/attachments/:attachmentId', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.downloadAttachment),
    handler: async (req, reply) => {
      const { attachment, bytes } = await service.readAttachment(
        ctx,
        req.actor,
        req.params.id,
        req.params.attachmentId,
      );
      return sendFile(reply, bytes, attachment.file_name, attachment.mime_type);
    },
  });
  app.get('/files/catalog/:id', {
    config: { access: PUBLIC },
    schema: { hide: true, params: IdParams },
    handler: async (req, reply) => {
      const { attachment, bytes } = await service.readPublicAttachment(ctx, req.params.id);
      return reply
        .header('content-type', attachment.mime_type)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`,
        )
        .header('etag', `"${attachment.sha256.slice(0, 32)}"`)
        .header('cache-control', 'public, max-age=300')
        .send(bytes);
    },
  });

  app.post('/api/catalog/items/:id/links', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.addLink),
    handler: async (req, reply) =>
      reply.status(201).send(await service.addLink(ctx, req.actor, req.params.id, req.body)),
  });
  app.delete('/api/catalog/items/:id/links/:linkId', {
    config: { access: needs('catalog.draft') },
    schema: routeSchema(api.removeLink),
    handler: async (req, reply) => {
      await service.removeLink(ctx, req.actor, req.params.id, req.params.linkId);
      return reply.status(204).send(null);
    },
  });
  app.get('/api/catalog/items/:id/history', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.itemHistory),
    handler: async (req) => ({
      events: (await service.history(ctx, req.actor, req.params.id)).map(eventView),
    }),
  });
  app.get('/api/catalog/items/:id/review-form.docx', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.reviewFormDocx),
    handler: async (req, reply) => {
      const doc = await (await documents()).reviewFormDocx(ctx, req.actor, req.params.id, req.query.reviewId);
      return sendFile(reply, doc.buffer, doc.fileName, DOCX_MIME);
    },
  });
  app.get('/api/catalog/items/:id/metadata.docx', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.metadataDocx),
    handler: async (req, reply) => {
      const doc = await (await documents()).metadataDocx(ctx, req.actor, req.params.id);
      return sendFile(reply, doc.buffer, doc.fileName, DOCX_MIME);
    },
  });

  // ── queues, dashboard, deliveries ──
  app.get('/api/catalog/queues', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.queues),
    handler: async (req) => ({ queues: await service.queues(ctx, req.actor, req.query.orgId) }),
  });
  app.get('/api/catalog/dashboard', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.dashboard),
    handler: async (req) => dashboard(ctx, req.actor, req.query.orgId),
  });
  app.get('/api/catalog/channel-counts', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.channelCounts),
    handler: async (req) => ({
      year: req.query.year,
      counts: await channelCountsFor(ctx, req.actor, req.query.year, req.query.orgId),
    }),
  });
  app.get('/api/catalog/deliveries', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.listDeliveries),
    handler: async (req) => ({ deliveries: await service.listDeliveries(ctx, req.actor, req.query) }),
  });
  app.post('/api/catalog/deliveries/:id/retry', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.retryDelivery),
    handler: async (req) => service.retryDelivery(ctx, req.actor, req.params.id),
  });
  app.post('/api/catalog/run-due', {
    config: { access: needs('catalog.admin') },
    schema: routeSchema(api.runDue),
    handler: async (req) => {
      assertCan(req.actor, 'catalog.admin');
      const published = await runDuePublications(ctx);
      // channel releases are sent by the notify queue: run it now (all due messages, releases included)
      const deliveries = await releaseQueue(ctx).runNow();
      return { published, deliveries };
    },
  });
}
