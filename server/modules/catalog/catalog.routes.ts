import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app.js';
import { needs, PUBLIC } from '../../http/access.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import { invalidField } from '../../platform/errors.js';
import * as service from './index.js';
import { channelCountsFor, dashboard } from './catalog.dashboard.js';
import { metadataDocx, reviewFormDocx } from './catalog.documents.js';
import { runDuePublications, runOutbox } from './catalog.jobs.js';
import { eventView } from './catalog.views.js';
import { assertCan } from '../../platform/actor.js';

const TAG = ['主动公开'];
const Str = (max = 300) => Type.String({ maxLength: max });
const OptNullStr = (max = 300) => Type.Optional(Nullable(Str(max)));
const ItemIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const AttParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  attachmentId: Type.String({ maxLength: 64 }),
});
const LinkParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  linkId: Type.String({ maxLength: 64 }),
});

const ColumnBody = {
  name: Str(50),
  code: Str(32),
  art20Items: Type.Optional(Type.Array(Type.Integer(), { maxItems: 15 })),
  updateClass: Type.Union([Type.Literal('dynamic'), Type.Literal('periodic'), Type.Literal('static')]),
  secondApproval: Type.Optional(Type.Boolean()),
  channels: Type.Optional(Type.Array(Str(16), { maxItems: 4 })),
  description: OptNullStr(500),
};

const ItemFields = {
  columnId: Str(64),
  title: Str(300),
  summary: OptNullStr(2000),
  bodyHtml: Type.Optional(Type.String({ maxLength: 2_000_000 })),
  publisher: Type.Optional(Str(200)),
  generatedOn: OptNullStr(10),
  docNumber: OptNullStr(100),
  docKind: Type.Optional(
    Type.Union([Type.Literal('regulation'), Type.Literal('normative'), Type.Literal('other')]),
  ),
  topic: OptNullStr(100),
  disclosureMode: Type.Optional(Str(32)),
  art20Item: Type.Optional(Nullable(Type.Integer())),
  keywords: OptNullStr(300),
  publishAt: OptNullStr(40),
  changeNote: OptNullStr(500),
};

const OrgQuery = Type.Object({ orgId: Type.Optional(Str(64)) });

function sendFile(reply: FastifyReply, bytes: Buffer, fileName: string, mime: string): FastifyReply {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function catalogRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  const detail = (req: { actor: Parameters<typeof service.getItem>[1] }, id: string) =>
    service.getItem(ctx, req.actor, id);

  // ── columns ──
  app.get('/api/catalog/columns', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAG,
      summary: '栏目树',
      querystring: Type.Object({
        orgId: Type.Optional(Str(64)),
        includeRetired: Type.Optional(Type.Boolean()),
      }),
    },
    handler: async (req) => ({ columns: await service.listColumns(ctx, req.actor, req.query) }),
  });
  app.post('/api/catalog/columns', {
    config: { access: needs('catalog.admin') },
    schema: {
      tags: TAG,
      summary: '新建栏目',
      body: Type.Object({ parentId: Nullable(Str(64)), ...ColumnBody }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createColumn(ctx, req.actor, req.body)),
  });
  app.patch('/api/catalog/columns/:id', {
    config: { access: needs('catalog.admin') },
    schema: {
      tags: TAG,
      summary: '修改栏目（改名、事项、更新类别、二级审批、渠道）',
      params: IdParams,
      body: Type.Partial(Type.Object(ColumnBody)),
    },
    handler: async (req) => service.updateColumn(ctx, req.actor, req.params.id, req.body),
  });
  app.post('/api/catalog/columns/:id/move', {
    config: { access: needs('catalog.admin') },
    schema: {
      tags: TAG,
      summary: '移动或排序栏目',
      params: IdParams,
      body: Type.Object({
        parentId: Nullable(Str(64)),
        position: Type.Integer({ minimum: 0, maximum: 1000 }),
      }),
    },
    handler: async (req) => ({ columns: await service.moveColumn(ctx, req.actor, req.params.id, req.body) }),
  });
  app.post('/api/catalog/columns/:id/retire', {
    config: { access: needs('catalog.admin') },
    schema: { tags: TAG, summary: '停用栏目', params: IdParams },
    handler: async (req) => service.retireColumn(ctx, req.actor, req.params.id),
  });
  app.post('/api/catalog/columns/:id/restore', {
    config: { access: needs('catalog.admin') },
    schema: { tags: TAG, summary: '启用栏目', params: IdParams },
    handler: async (req) => service.restoreColumn(ctx, req.actor, req.params.id),
  });

  // ── settings ──
  app.get('/api/catalog/settings', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '索引号模板', querystring: OrgQuery },
    handler: async (req) => service.getSettings(ctx, req.actor, req.query.orgId),
  });
  app.put('/api/catalog/settings', {
    config: { access: needs('catalog.admin') },
    schema: {
      tags: TAG,
      summary: '设置索引号模板',
      body: Type.Object({ indexTemplate: Nullable(Str(100)) }),
    },
    handler: async (req) => service.updateSettings(ctx, req.actor, req.body),
  });

  // ── items ──
  app.get('/api/catalog/items', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAG,
      summary: '信息列表',
      querystring: Type.Object({
        orgId: Type.Optional(Str(64)),
        columnId: Type.Optional(Str(64)),
        status: Type.Optional(Str(16)),
        state: Type.Optional(Str(24)),
        q: Type.Optional(Str(100)),
        mine: Type.Optional(Type.Boolean()),
        // 发布日期's year; for never-published items the year they were drafted (API.md).
        year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
    },
    handler: async (req) => service.listItems(ctx, req.actor, req.query),
  });
  app.post('/api/catalog/items', {
    config: { access: needs('catalog.draft') },
    schema: { tags: TAG, summary: '起草信息', body: Type.Object(ItemFields) },
    handler: async (req, reply) => {
      const id = await service.createItem(ctx, req.actor, req.body);
      return reply.status(201).send(await detail(req, id));
    },
  });
  app.get('/api/catalog/items/:id', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '信息详情', params: ItemIdParams },
    handler: async (req) => detail(req, req.params.id),
  });
  app.patch('/api/catalog/items/:id', {
    config: { access: needs('catalog.draft') },
    schema: {
      tags: TAG,
      summary: '修改草稿',
      params: ItemIdParams,
      body: Type.Partial(Type.Object(ItemFields)),
    },
    handler: async (req) => {
      await service.updateDraft(ctx, req.actor, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });

  const simple = (
    path: string,
    perms: Parameters<typeof needs>,
    summary: string,
    run: (
      actor: Parameters<typeof service.getItem>[1],
      id: string,
      body: Record<string, unknown>,
    ) => Promise<unknown>,
    body = Type.Object({}),
  ) =>
    app.post(`/api/catalog/items/:id/${path}`, {
      config: { access: needs(...perms) },
      schema: { tags: TAG, summary, params: ItemIdParams, body },
      handler: async (req) => {
        await run(req.actor, req.params.id, req.body as Record<string, unknown>);
        return detail(req, req.params.id);
      },
    });

  simple(
    'revisions',
    ['catalog.draft'],
    '修订已发布信息（新版本须重新审查）',
    (a, id, b) => service.openRevision(ctx, a, id, (b.changeNote as string | undefined) ?? null),
    Type.Object({ changeNote: Type.Optional(Str(500)) }),
  );
  simple('discard', ['catalog.draft'], '放弃草稿', (a, id) => service.discardDraft(ctx, a, id));
  simple('submit', ['catalog.draft'], '提交保密审查', (a, id) => service.submit(ctx, a, id));
  simple('recall', ['catalog.draft'], '撤回提交', (a, id) => service.recall(ctx, a, id));
  simple('review/start', ['catalog.review'], '开始保密审查', (a, id) => service.startReview(ctx, a, id));
  const Check = Type.Object({ involved: Type.Boolean(), note: Type.Optional(Str(500)) });
  simple(
    'review',
    ['catalog.review'],
    '填写保密审查记录（通过或退回）',
    (a, id, b) => service.review(ctx, a, id, b as unknown as service.ReviewInput),
    Type.Object({
      checklist: Type.Object({
        stateSecret: Type.Optional(Check),
        workSecret: Type.Optional(Check),
        commercialSecret: Type.Optional(Check),
        privacy: Type.Optional(Check),
        sensitive: Type.Optional(Check),
      }),
      opinion: Str(2000),
      decision: Type.Union([Type.Literal('pass'), Type.Literal('reject')]),
      overrides: Type.Optional(
        Type.Array(Type.Object({ fingerprint: Str(120), reason: Str(500) }), { maxItems: 200 }),
      ),
    }),
  );
  simple(
    'approve',
    ['catalog.approve', 'catalog.approve.principal'],
    '领导审批通过',
    (a, id, b) => service.approve(ctx, a, id, (b.opinion as string | undefined) ?? null),
    Type.Object({ opinion: Type.Optional(Str(2000)) }),
  );
  simple(
    'reject',
    ['catalog.approve', 'catalog.approve.principal'],
    '领导审批退回',
    (a, id, b) => service.reject(ctx, a, id, b.opinion as string),
    Type.Object({ opinion: Str(2000) }),
  );
  simple(
    'withdraw',
    ['catalog.admin'],
    '撤回已发布信息',
    (a, id, b) => service.withdraw(ctx, a, id, b.reason as string),
    Type.Object({ reason: Str(500) }),
  );
  simple(
    'validity',
    ['catalog.admin'],
    '标注失效或废止',
    (a, id, b) =>
      service.setValidity(
        ctx,
        a,
        id,
        b as {
          validity: 'invalid' | 'repealed';
          date: string;
          replacedByItemId?: string | null;
          note?: string | null;
        },
      ),
    Type.Object({
      validity: Type.Union([Type.Literal('invalid'), Type.Literal('repealed')]),
      date: Str(10),
      replacedByItemId: OptNullStr(64),
      note: OptNullStr(500),
    }),
  );

  app.post('/api/catalog/items/:id/scan', {
    config: { access: needs('catalog.draft', 'catalog.review') },
    schema: { tags: TAG, summary: '敏感信息扫描', params: ItemIdParams, body: Type.Object({}) },
    handler: async (req) => service.scanItem(ctx, req.actor, req.params.id),
  });

  app.post('/api/catalog/scan', {
    config: { access: needs('catalog.draft') },
    schema: {
      tags: TAG,
      summary: '敏感信息扫描（未保存的内容，不写入）',
      body: Type.Object({
        title: Type.Optional(Str(300)),
        summary: OptNullStr(2000),
        bodyHtml: Type.Optional(Type.String({ maxLength: 2_000_000 })),
        attachmentIds: Type.Optional(Type.Array(Str(64), { maxItems: 20 })),
        itemId: OptNullStr(64),
      }),
    },
    handler: async (req) => service.scanDraftText(ctx, req.actor, req.body),
  });

  app.post('/api/catalog/items/:id/attachments', {
    config: { access: needs('catalog.draft') },
    schema: { tags: TAG, summary: '上传附件（multipart，字段 file）', params: ItemIdParams },
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
    schema: { tags: TAG, summary: '删除附件', params: AttParams },
    handler: async (req, reply) => {
      await service.removeAttachment(ctx, req.actor, req.params.id, req.params.attachmentId);
      return reply.status(204).send();
    },
  });
  app.get('/api/catalog/items/:id/attachments/:attachmentId', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '下载附件', params: AttParams },
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
    schema: {
      tags: TAG,
      summary: '关联政策解读或替代文件',
      params: ItemIdParams,
      body: Type.Object({
        toItemId: Str(64),
        kind: Type.Union([Type.Literal('interprets'), Type.Literal('replaces')]),
      }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.addLink(ctx, req.actor, req.params.id, req.body)),
  });
  app.delete('/api/catalog/items/:id/links/:linkId', {
    config: { access: needs('catalog.draft') },
    schema: { tags: TAG, summary: '删除关联', params: LinkParams },
    handler: async (req, reply) => {
      await service.removeLink(ctx, req.actor, req.params.id, req.params.linkId);
      return reply.status(204).send();
    },
  });
  app.get('/api/catalog/items/:id/history', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '办理记录', params: ItemIdParams },
    handler: async (req) => ({
      events: (await service.history(ctx, req.actor, req.params.id)).map(eventView),
    }),
  });
  app.get('/api/catalog/items/:id/review-form.docx', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAG,
      summary: '信息发布保密审查表（Word）',
      params: ItemIdParams,
      querystring: Type.Object({ reviewId: Type.Optional(Str(64)) }),
    },
    handler: async (req, reply) => {
      const doc = await reviewFormDocx(ctx, req.actor, req.params.id, req.query.reviewId);
      return sendFile(reply, doc.buffer, doc.fileName, DOCX);
    },
  });
  app.get('/api/catalog/items/:id/metadata.docx', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '目录信息（Word）', params: ItemIdParams },
    handler: async (req, reply) => {
      const doc = await metadataDocx(ctx, req.actor, req.params.id);
      return sendFile(reply, doc.buffer, doc.fileName, DOCX);
    },
  });

  // ── queues, dashboard, deliveries ──
  app.get('/api/catalog/queues', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '各环节待办', querystring: OrgQuery },
    handler: async (req) => ({ queues: await service.queues(ctx, req.actor, req.query.orgId) }),
  });
  app.get('/api/catalog/dashboard', {
    config: { access: needs('business.read') },
    schema: { tags: TAG, summary: '时效看板：超期发布、栏目更新、待办时长', querystring: OrgQuery },
    handler: async (req) => dashboard(ctx, req.actor, req.query.orgId),
  });
  app.get('/api/catalog/channel-counts', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAG,
      summary: '各渠道年度发布条数',
      querystring: Type.Object({
        orgId: Type.Optional(Str(64)),
        year: Type.Integer({ minimum: 2000, maximum: 2100 }),
      }),
    },
    handler: async (req) => ({
      year: req.query.year,
      counts: await channelCountsFor(ctx, req.actor, req.query.year, req.query.orgId),
    }),
  });
  app.get('/api/catalog/deliveries', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAG,
      summary: '渠道发布记录',
      querystring: Type.Object({
        orgId: Type.Optional(Str(64)),
        status: Type.Optional(Str(16)),
        channel: Type.Optional(Str(16)),
      }),
    },
    handler: async (req) => ({ deliveries: await service.listDeliveries(ctx, req.actor, req.query) }),
  });
  app.post('/api/catalog/deliveries/:id/retry', {
    config: { access: needs('catalog.admin') },
    schema: { tags: TAG, summary: '重新发送', params: IdParams, body: Type.Object({}) },
    handler: async (req) => service.retryDelivery(ctx, req.actor, req.params.id),
  });
  app.post('/api/catalog/run-due', {
    config: { access: needs('catalog.admin') },
    schema: { tags: TAG, summary: '立即执行定时发布与渠道发送', body: Type.Object({}) },
    handler: async (req) => {
      assertCan(req.actor, 'catalog.admin');
      const published = await runDuePublications(ctx);
      const deliveries = await runOutbox(ctx, c.config.publicBaseUrl);
      return { published, deliveries };
    },
  });
}
