/** JSON API of 互动交流: one service call per route, schemas from contract/interaction.ts. */
import { createWriteStream, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { App } from '../../http/app.js';
import { PUBLIC, needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import { routeSchema } from '../../../contract/common.js';
import * as C from '../../../contract/interaction.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { systemActor } from '../../platform/actor.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { forTarget } from '../audit/audit.repository.js';
import { formatOf } from '../enforcement/enforcement.import.js';
import { agencyIdOf, itemFor } from './interaction.common.js';
import * as intake from './intake.js';
import * as triage from './triage.js';
import * as handling from './handling.js';
import * as publication from './publication.js';
import * as consultation from './consultation.js';
import * as settings from './settings.js';
import * as stats from './stats.js';
import { convertItem, type ConvertInput } from './convert.js';
import {
  CHANNEL_LABELS,
  KINDS,
  KIND_LABELS,
  ORDER_COLUMNS,
  RATINGS,
  RATING_LABELS,
  STAFF_CHANNELS,
  STATUS_LABELS,
  type KindSettings,
} from './interaction.rules.js';

const labelled = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((value) => ({ value, label: labels[value] }));

export async function interactionApiRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  const read = needs('business.read');
  const handle = needs('interaction.handle');
  const admin = needs('interaction.admin');

  app.get(
    '/api/interaction/meta',
    { config: { access: read }, schema: routeSchema(C.getMeta) },
    async () => ({
      kinds: labelled(KINDS, KIND_LABELS),
      channels: labelled(Object.keys(CHANNEL_LABELS) as (keyof typeof CHANNEL_LABELS)[], CHANNEL_LABELS),
      staffChannels: labelled(STAFF_CHANNELS, CHANNEL_LABELS),
      statuses: labelled(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[], STATUS_LABELS),
      ratings: labelled(RATINGS, RATING_LABELS),
    }),
  );

  app.get(
    '/api/interaction/items',
    { config: { access: read }, schema: routeSchema(C.listItems) },
    async (req) => handling.listItems(ctx, req.actor, req.query as handling.ListQuery),
  );
  app.get(
    '/api/interaction/board',
    { config: { access: read }, schema: routeSchema(C.getBoard) },
    async (req) => handling.board(ctx, req.actor),
  );
  app.post(
    '/api/interaction/items',
    { config: { access: handle }, schema: routeSchema(C.createItem) },
    async (req, reply) => reply.status(201).send(await intake.staffEntry(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/interaction/items/:id',
    { config: { access: read }, schema: routeSchema(C.getItem) },
    async (req) => handling.getItem(ctx, req.actor, req.params.id),
  );
  app.get(
    '/api/interaction/items/:id/history',
    { config: { access: read }, schema: routeSchema(C.getHistory) },
    async (req) => {
      agencyIdOf(req.actor, 'business.read');
      const item = await itemFor(ctx.db, req.actor, req.params.id);
      return (await forTarget(ctx.db, 'interaction_item', item.id)).map((r) => ({
        at: r.at,
        actorName: r.actor_name,
        action: r.action,
        summary: r.summary,
      }));
    },
  );

  const post = <B>(
    url: string,
    contract: Parameters<typeof routeSchema>[0],
    access: ReturnType<typeof needs>,
    fn: (actor: Parameters<typeof triage.acceptItem>[1], id: string, body: B) => Promise<unknown>,
  ) =>
    app.post(url, { config: { access }, schema: routeSchema(contract) }, async (req) =>
      fn(req.actor, (req.params as { id: string }).id, (req.body ?? {}) as B),
    );

  post('/api/interaction/items/:id/accept', C.acceptItem, admin, (a, id) => triage.acceptItem(ctx, a, id));
  post<{ reason: string }>('/api/interaction/items/:id/not-accept', C.notAcceptItem, admin, (a, id, b) =>
    triage.notAcceptItem(ctx, a, id, b),
  );
  post<{ toOrgId: string; reason: string }>(
    '/api/interaction/items/:id/transfer',
    C.transferItem,
    admin,
    (a, id, b) => triage.transferItem(ctx, a, id, b),
  );
  post<ConvertInput>('/api/interaction/items/:id/convert', C.convertItem, admin, (a, id, b) =>
    convertItem(ctx, a, id, b),
  );
  post<{ intoNumber: string }>('/api/interaction/items/:id/merge', C.mergeItem, admin, (a, id, b) =>
    triage.mergeItem(ctx, a, id, b),
  );
  post<{ divisionId: string; handlerId: string }>(
    '/api/interaction/items/:id/assign',
    C.assignItem,
    admin,
    (a, id, b) => handling.assignItem(ctx, a, id, b),
  );
  post<{ text: string }>('/api/interaction/items/:id/draft', C.saveDraft, handle, (a, id, b) =>
    handling.saveDraft(ctx, a, id, b),
  );
  post<{ note: string }>('/api/interaction/items/:id/confirm-scan', C.confirmScan, handle, (a, id, b) =>
    handling.confirmScan(ctx, a, id, b),
  );
  post('/api/interaction/items/:id/submit-sign-off', C.submitSignOff, handle, (a, id) =>
    handling.submitForSignOff(ctx, a, id),
  );
  post<{ approve: boolean; note?: string | null }>(
    '/api/interaction/items/:id/sign-off',
    C.signOff,
    needs('interaction.approve'),
    (a, id, b) => handling.signOff(ctx, a, id, b),
  );
  post<{ repliedOn?: string | null }>('/api/interaction/items/:id/send', C.sendReply, handle, (a, id, b) =>
    handling.sendReply(ctx, a, id, b),
  );
  post('/api/interaction/items/:id/archive', C.archiveItem, handle, (a, id) =>
    handling.archiveItem(ctx, a, id),
  );
  post<{ reference: string }>('/api/interaction/items/:id/file-case', C.fileCase, handle, (a, id, b) =>
    handling.fileCase(ctx, a, id, b),
  );
  post<{ reason: string }>(
    '/api/interaction/items/:id/unmask',
    C.unmaskIdentity,
    needs('interaction.unmask'),
    (a, id, b) => handling.unmaskIdentity(ctx, a, id, b),
  );
  post('/api/interaction/items/:id/reset-query-code', C.resetQueryCode, admin, (a, id) =>
    intake.resetQueryCode(ctx, a, id),
  );
  type Edits = { subject?: string | null; question?: string | null; reply?: string | null };
  post<Edits>('/api/interaction/items/:id/publication-preview', C.previewPublication, admin, (a, id, b) =>
    publication.previewPublication(ctx, a, id, b),
  );
  post<Edits>('/api/interaction/items/:id/publish', C.publishItem, admin, (a, id, b) =>
    publication.publishItem(ctx, a, id, b),
  );
  post<{ reason: string }>('/api/interaction/items/:id/unpublish', C.unpublishItem, admin, (a, id, b) =>
    publication.unpublishItem(ctx, a, id, b),
  );

  app.get(
    '/api/interaction/transfer-targets',
    { config: { access: admin }, schema: routeSchema(C.listTransferTargets) },
    async (req) => triage.transferTargets(ctx, req.actor),
  );

  // ---------------------------------------------------------------- settings, snippets
  app.get(
    '/api/interaction/settings',
    { config: { access: read }, schema: routeSchema(C.getSettings) },
    async (req) => settings.getSettings(ctx, req.actor),
  );
  app.put(
    '/api/interaction/settings',
    { config: { access: admin }, schema: routeSchema(C.putSettings) },
    async (req) => settings.putSettings(ctx, req.actor, req.body as KindSettings),
  );
  app.get(
    '/api/interaction/snippets',
    { config: { access: read }, schema: routeSchema(C.listSnippets) },
    async (req) => settings.listSnippets(ctx, req.actor),
  );
  app.post(
    '/api/interaction/snippets',
    { config: { access: admin }, schema: routeSchema(C.saveSnippet) },
    async (req) => settings.saveSnippet(ctx, req.actor, req.body),
  );
  app.delete(
    '/api/interaction/snippets/:id',
    { config: { access: admin }, schema: routeSchema(C.deleteSnippet) },
    async (req) => settings.deleteSnippet(ctx, req.actor, req.params.id),
  );

  // ---------------------------------------------------------------- statistics
  app.get(
    '/api/interaction/stats',
    { config: { access: read }, schema: routeSchema(C.getStats) },
    async (req) => stats.staffStats(ctx, req.actor, req.query),
  );

  // ---------------------------------------------------------------- 12345
  app.post(
    '/api/interaction/orders/import',
    { config: { access: handle }, schema: routeSchema(C.importOrders) },
    async (req) => {
      const file = await req.file();
      if (!file) throw new DomainError('file_required', '请选择要导入的文件', { field: 'file' });
      const format = formatOf(file.filename);
      const dir = path.join(c.config.dataDir, 'imports');
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `12345-${newId()}.${format}`);
      try {
        await pipeline(file.file, createWriteStream(target));
        if (file.file.truncated)
          throw new DomainError('file_too_large', '文件超过50MB，请拆分后导入', { field: 'file' });
        return await intake.importOrders(ctx, req.actor, { path: target, fileName: file.filename });
      } finally {
        await unlink(target).catch(() => {});
      }
    },
  );
  app.get(
    '/api/interaction/orders/template.csv',
    { config: { access: handle }, schema: routeSchema(C.orderTemplate) },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="12345-template.csv"; filename*=UTF-8''${encodeURIComponent('12345工单导入模板.csv')}`,
        )
        .send('\uFEFF' + ORDER_COLUMNS.map((c) => c.header).join(',') + '\r\n'),
  );
  app.get(
    '/api/interaction/inbound-token',
    { config: { access: admin }, schema: routeSchema(C.getInboundToken) },
    async (req) => intake.inboundTokenInfo(ctx, req.actor),
  );
  app.post(
    '/api/interaction/inbound-token',
    { config: { access: admin }, schema: routeSchema(C.rotateInboundToken) },
    async (req) => intake.rotateInboundToken(ctx, req.actor),
  );
  // The city platform authenticates with the agency's bearer token: outside /api/ because it has no
  // session and so no CSRF token (the auth plugin checks CSRF on every /api/ write).
  app.post(
    '/inbound/12345/orders',
    {
      config: { access: PUBLIC, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: routeSchema(C.receiveOrder),
    },
    async (req, reply) => {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
      const orgId = await intake.agencyOfToken(ctx, token);
      if (!orgId)
        throw new DomainError('invalid_token', '接口令牌无效或已更换', undefined, 'unauthenticated');
      const org = await orgRepo.findById(ctx.db, orgId);
      const r = await intake.inboundOrder(
        ctx,
        {
          ...systemActor('12345平台推送', orgId),
          ip: req.ip,
          requestId: req.id,
          name: `12345平台（${org?.name ?? ''}）`,
        },
        orgId,
        req.body,
      );
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );

  // ---------------------------------------------------------------- consultations
  app.get(
    '/api/interaction/consultations',
    { config: { access: read }, schema: routeSchema(C.listConsultations) },
    async (req) => consultation.listConsultations(ctx, req.actor),
  );
  app.post(
    '/api/interaction/consultations',
    { config: { access: admin }, schema: routeSchema(C.createConsultation) },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await consultation.createConsultation(ctx, req.actor, req.body as consultation.ConsultationInput),
        ),
  );
  app.get(
    '/api/interaction/consultations/:id',
    { config: { access: read }, schema: routeSchema(C.getConsultation) },
    async (req) => consultation.getConsultation(ctx, req.actor, req.params.id),
  );
  app.post(
    '/api/interaction/consultations/:id/publish',
    { config: { access: admin }, schema: routeSchema(C.publishConsultation) },
    async (req) => consultation.publishConsultation(ctx, req.actor, req.params.id),
  );
  app.post(
    '/api/interaction/consultations/:id/result',
    { config: { access: admin }, schema: routeSchema(C.publishConsultationResult) },
    async (req) => consultation.publishResult(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/interaction/comments/:id/moderate',
    { config: { access: admin }, schema: routeSchema(C.moderateComment) },
    async (req) => consultation.moderateComment(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/interaction/comments/:id/adoption',
    { config: { access: admin }, schema: routeSchema(C.adoptComment) },
    async (req) => consultation.adoptComment(ctx, req.actor, req.params.id, req.body),
  );
}
