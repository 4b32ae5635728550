import { createWriteStream, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type, type Static, type TSchema } from 'typebox';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import type { Actor } from '../../platform/actor.js';
import { DomainError } from '../../platform/errors.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import * as service from './enforcement.service.js';
import {
  createImportJob,
  formatOf,
  getImportJob,
  listImportJobs,
  runImport,
  templateCsv,
  templateXlsx,
  writeErrorReport,
  type ImportJob,
} from './enforcement.import.js';
import { enforcementReportFacts } from './enforcement.report.js';
import { WORKFLOW_ACTIONS } from './workflow.rules.js';
import { enforcementPortal } from './enforcement.portal.js';
import type { Accident, Hazard } from './enforcement.repository.js';

const Kind = Type.Union([Type.Literal('license'), Type.Literal('penalty'), Type.Literal('coercion')]);
const PubStateT = Type.Union(
  ['draft', 'review', 'approval', 'published', 'taken_down'].map((s) => Type.Literal(s)),
);
const Str = (max = 2000) => Type.String({ maxLength: max });
const OptStr = (max = 2000) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const OptInt = Type.Optional(Nullable(Type.Integer()));

const DecisionBody = Type.Object({
  kind: Kind,
  decisionNumber: Str(100),
  decisionDate: Str(10),
  itemName: OptStr(300),
  counterpartyType: Type.Union([
    Type.Literal('legal_person'),
    Type.Literal('individual_business'),
    Type.Literal('natural_person'),
  ]),
  counterpartyName: Str(200),
  creditCode: OptStr(30),
  legalRepresentative: OptStr(100),
  legalBasis: Str(4000),
  content: Str(20000),
  fineFen: OptInt,
  confiscationFen: OptInt,
  validFrom: OptStr(10),
  validTo: OptStr(10),
  handlingDivision: OptStr(100),
});
type DecisionBodyT = Static<typeof DecisionBody>;

const ListQuery = Type.Object({
  orgId: Type.Optional(Type.String({ maxLength: 64 })),
  kind: Type.Optional(Kind),
  pubState: Type.Optional(PubStateT),
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  queue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

const TransitionBody = Type.Object({
  action: Type.Union(WORKFLOW_ACTIONS.map((a) => Type.Literal(a))),
  reason: OptStr(1000),
});

const ItemBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  kind: Kind,
  code: OptStr(64),
  name: Str(300),
  basis: OptStr(4000),
});

const AccidentBody = Type.Object({
  title: Str(300),
  level: Type.Union([
    Type.Literal('general'),
    Type.Literal('larger'),
    Type.Literal('major'),
    Type.Literal('especially_major'),
  ]),
  occurredOn: Str(10),
  place: Str(300),
  enterpriseName: OptStr(200),
  creditCode: OptStr(30),
  deaths: Type.Integer({ minimum: 0 }),
  injuries: Type.Integer({ minimum: 0 }),
  directLossFen: Type.Integer({ minimum: 0 }),
  summary: Str(20000),
  conclusions: Str(20000),
  responsibilityHandling: Str(20000),
  approvedOn: OptStr(10),
});

const HazardBody = Type.Object({
  title: Str(300),
  enterpriseName: Str(200),
  creditCode: OptStr(30),
  description: Str(20000),
  listedOn: Str(10),
  deadline: Str(10),
  responsibleUnit: Str(200),
  measures: OptStr(20000),
  rectificationStatus: Type.Union([
    Type.Literal('pending'),
    Type.Literal('in_progress'),
    Type.Literal('rectified'),
    Type.Literal('delisted'),
  ]),
  delistedOn: OptStr(10),
});

const SettingsBody = Type.Object({
  publishWorkdays: Type.Integer({ minimum: 1, maximum: 60 }),
  licensePublicMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120 })),
  penaltyPublicMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120 })),
  coercionPublicMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120 })),
});

const LegalStatusBody = Type.Object({
  status: Type.Union([Type.Literal('corrected'), Type.Literal('revoked'), Type.Literal('withdrawn')]),
  reason: Str(2000),
  changes: Type.Optional(DecisionBody),
});

const WORKFLOW_PERMS = needs('enforcement.manage', 'catalog.review', 'catalog.approve', 'catalog.admin');
const TAGS = ['双公示'];

/** API shape of an import job. */
export function toJobView(j: ImportJob) {
  return {
    id: j.id,
    fileName: j.file_name,
    format: j.format,
    mode: j.mode,
    status: j.status,
    phase: j.phase,
    processedRows: j.processed_rows,
    totalRows: j.total_rows,
    insertedRows: j.inserted_rows,
    updatedRows: j.updated_rows,
    unchangedRows: j.unchanged_rows,
    errorRows: j.error_rows,
    message: j.message,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}

function accidentView(a: Accident) {
  return {
    id: a.id,
    orgId: a.org_id,
    title: a.title,
    level: a.level,
    occurredOn: a.occurred_on,
    place: a.place,
    enterpriseName: a.enterprise_name,
    creditCode: a.credit_code,
    deaths: a.deaths,
    injuries: a.injuries,
    directLossFen: a.direct_loss_fen,
    summary: a.summary,
    conclusions: a.conclusions,
    responsibilityHandling: a.responsibility_handling,
    approvedOn: a.approved_on,
    pubState: a.pub_state,
    publishedAt: a.published_at,
    returnReason: a.return_reason,
    updatedAt: a.updated_at,
  };
}

function hazardView(h: Hazard) {
  return {
    id: h.id,
    orgId: h.org_id,
    title: h.title,
    enterpriseName: h.enterprise_name,
    creditCode: h.credit_code,
    description: h.description,
    listedOn: h.listed_on,
    deadline: h.deadline,
    responsibleUnit: h.responsible_unit,
    measures: h.measures,
    rectificationStatus: h.rectification_status,
    delistedOn: h.delisted_on,
    pubState: h.pub_state,
    publishedAt: h.published_at,
    returnReason: h.return_reason,
    updatedAt: h.updated_at,
  };
}

const toInput = (b: DecisionBodyT) => b;

export async function enforcementRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;

  // ---- decisions ----
  app.get('/api/enforcement/decisions', {
    config: { access: needs('business.read') },
    schema: { tags: TAGS, summary: '双公示决定列表（queue=true 为本人待审队列）', querystring: ListQuery },
    handler: async (req) => {
      const r = await service.listDecisions(ctx, req.actor, req.query);
      return { ...r, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 };
    },
  });
  app.post('/api/enforcement/decisions', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '登记决定（草稿）', body: DecisionBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createDecision(ctx, req.actor, toInput(req.body))),
  });
  app.get('/api/enforcement/decisions/:id', {
    config: { access: needs('business.read') },
    schema: { tags: TAGS, summary: '决定详情、历史与公告', params: IdParams },
    handler: async (req) => service.getDecision(ctx, req.actor, req.params.id),
  });
  app.patch('/api/enforcement/decisions/:id', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '修改草稿', params: IdParams, body: DecisionBody },
    handler: async (req) => service.updateDecision(ctx, req.actor, req.params.id, toInput(req.body)),
  });
  app.delete('/api/enforcement/decisions/:id', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '删除从未公开的草稿', params: IdParams },
    handler: async (req, reply) => {
      await service.deleteDraft(ctx, req.actor, req.params.id);
      return reply.status(204).send();
    },
  });
  app.post('/api/enforcement/decisions/:id/transition', {
    config: { access: WORKFLOW_PERMS },
    schema: {
      tags: TAGS,
      summary: '公开流程：提交、撤回、保密审查、审批、退回、撤下',
      params: IdParams,
      body: TransitionBody,
    },
    handler: async (req) =>
      service.transitionDecision(ctx, req.actor, req.params.id, req.body.action, req.body.reason),
  });
  app.post('/api/enforcement/decisions/:id/legal-status', {
    config: { access: needs('enforcement.manage') },
    schema: {
      tags: TAGS,
      summary: '更正、撤销或撤回决定（已公开的同时发布公告）',
      params: IdParams,
      body: LegalStatusBody,
    },
    handler: async (req) =>
      service.changeLegalStatus(ctx, req.actor, req.params.id, {
        status: req.body.status,
        reason: req.body.reason,
        changes: req.body.changes,
      }),
  });

  // ---- settings ----
  app.get('/api/enforcement/settings', {
    config: { access: needs('business.read') },
    schema: { tags: TAGS, summary: '本机关公示时限与公示期' },
    handler: async (req) => {
      if (!req.actor.orgId) throw new DomainError('no_agency', '当前账号不属于任何机关');
      return service.getSettings(ctx, req.actor.orgId);
    },
  });
  app.put('/api/enforcement/settings', {
    config: { access: needs('org.settings', 'catalog.admin') },
    schema: { tags: TAGS, summary: '修改公示时限与公示期', body: SettingsBody },
    handler: async (req) => service.updateSettings(ctx, req.actor, req.body),
  });

  // ---- 权责清单 事项 ----
  app.get('/api/enforcement/items', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAGS,
      summary: '权责清单事项',
      querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
    },
    handler: async (req) => ({ items: await service.listItems(ctx, req.actor, req.query.year) }),
  });
  app.post('/api/enforcement/items', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '新增事项', body: ItemBody },
    handler: async (req, reply) => reply.status(201).send(await service.createItem(ctx, req.actor, req.body)),
  });
  app.patch('/api/enforcement/items/:id', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '修改事项', params: IdParams, body: ItemBody },
    handler: async (req) => service.updateItem(ctx, req.actor, req.params.id, req.body),
  });
  app.delete('/api/enforcement/items/:id', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '删除事项', params: IdParams },
    handler: async (req, reply) => {
      await service.deleteItem(ctx, req.actor, req.params.id);
      return reply.status(204).send();
    },
  });

  // ---- accident reports and hazards ----
  const PageQ = {
    year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  };
  /** Create, read, edit and workflow routes of accident reports or hazards: the same for both kinds. */
  // The body is validated against spec.body; the type provider cannot resolve Static<B> for a generic B.
  function recordRoutes<B extends TSchema, R extends Accident | Hazard, V>(spec: {
    kind: service.RecordKind;
    path: string;
    createSummary: string;
    body: B;
    view: (r: R) => V;
    save: (actor: Actor, id: string | null, input: Static<B>) => Promise<R>;
  }): void {
    const { kind, path, view } = spec;
    app.post(path, {
      config: { access: needs('enforcement.manage') },
      schema: { tags: TAGS, summary: spec.createSummary, body: spec.body },
      handler: async (req, reply) =>
        reply.status(201).send(view(await spec.save(req.actor, null, req.body as Static<B>))),
    });
    app.get(`${path}/:id`, {
      config: { access: needs('business.read') },
      schema: { tags: TAGS, params: IdParams },
      handler: async (req) => {
        const r = await service.getRecord(ctx, req.actor, kind, req.params.id);
        return { ...view(r as R), allowedActions: r.allowedActions };
      },
    });
    app.patch(`${path}/:id`, {
      config: { access: needs('enforcement.manage') },
      schema: { tags: TAGS, params: IdParams, body: spec.body },
      handler: async (req) => view(await spec.save(req.actor, req.params.id, req.body as Static<B>)),
    });
    app.post(`${path}/:id/transition`, {
      config: { access: WORKFLOW_PERMS },
      schema: { tags: TAGS, params: IdParams, body: TransitionBody },
      handler: async (req) =>
        view(
          (await service.transitionRecord(
            ctx,
            req.actor,
            kind,
            req.params.id,
            req.body.action,
            req.body.reason,
          )) as R,
        ),
    });
  }
  app.get('/api/enforcement/accidents', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAGS,
      summary: '事故调查报告',
      querystring: Type.Object({ ...PageQ, level: Type.Optional(Str(20)) }),
    },
    handler: async (req) => {
      const r = await service.listAccidents(ctx, req.actor, req.query);
      return { items: r.items.map(accidentView), total: r.total };
    },
  });
  recordRoutes({
    kind: 'accident',
    path: '/api/enforcement/accidents',
    createSummary: '登记事故调查报告',
    body: AccidentBody,
    view: accidentView,
    save: (actor, id, input) => service.saveAccident(ctx, actor, id, input),
  });
  app.get('/api/enforcement/hazards', {
    config: { access: needs('business.read') },
    schema: {
      tags: TAGS,
      summary: '挂牌督办隐患',
      querystring: Type.Object({ ...PageQ, status: Type.Optional(Str(20)), q: Type.Optional(Str(100)) }),
    },
    handler: async (req) => {
      const r = await service.listHazards(ctx, req.actor, req.query);
      return { items: r.items.map(hazardView), total: r.total };
    },
  });
  recordRoutes({
    kind: 'hazard',
    path: '/api/enforcement/hazards',
    createSummary: '登记挂牌督办隐患',
    body: HazardBody,
    view: hazardView,
    save: (actor, id, input) => service.saveHazard(ctx, actor, id, input),
  });

  // ---- bulk import ----
  app.get('/api/enforcement/imports/template.xlsx', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '下载导入模板（Excel）' },
    handler: async (_req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('双公示决定导入模板.xlsx')}`,
        )
        .send(await templateXlsx()),
  });
  app.get('/api/enforcement/imports/template.csv', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '下载导入模板（CSV）' },
    handler: async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('双公示决定导入模板.csv')}`,
        )
        .send(templateCsv()),
  });
  app.get('/api/enforcement/imports', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '最近的导入任务' },
    handler: async (req) => ({ items: (await listImportJobs(ctx, req.actor)).map(toJobView) }),
  });
  app.post('/api/enforcement/imports', {
    config: { access: needs('enforcement.manage') },
    schema: {
      tags: TAGS,
      summary:
        '上传 .xlsx/.csv 批量导入（multipart 字段 file）；返回任务，进度见 GET /api/enforcement/imports/:id',
      querystring: Type.Object({ mode: Type.Union([Type.Literal('all'), Type.Literal('valid')]) }),
    },
    handler: async (req, reply) => {
      const file = await req.file();
      if (!file) throw new DomainError('file_required', '请选择要导入的文件', { field: 'file' });
      formatOf(file.filename);
      const job = await createImportJob(ctx, req.actor, { fileName: file.filename, mode: req.query.mode });
      const dir = path.join(c.config.dataDir, 'imports');
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `${job.id}.${job.format}`);
      await pipeline(file.file, createWriteStream(target));
      if (file.file.truncated) {
        await unlink(target).catch(() => {});
        throw new DomainError(
          'file_too_large',
          '文件超过50MB，请拆分后导入，或使用命令行 gongkai import decisions',
          {
            field: 'file',
          },
        );
      }
      const actor = req.actor;
      // Runs after the reply; the console polls the job for progress.
      void runImport(ctx, actor, job, target)
        .catch((err: unknown) => req.log.error({ err }, 'import failed'))
        .finally(() => unlink(target).catch(() => {}));
      return reply.status(202).send(toJobView(job));
    },
  });
  app.get('/api/enforcement/imports/:id', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '导入任务进度与结果', params: IdParams },
    handler: async (req) => toJobView(await getImportJob(ctx, req.actor, req.params.id)),
  });
  app.get('/api/enforcement/imports/:id/errors.xlsx', {
    config: { access: needs('enforcement.manage') },
    schema: { tags: TAGS, summary: '下载错误报告（行号、列、原因）', params: IdParams },
    handler: async (req, reply) => {
      const job = await getImportJob(ctx, req.actor, req.params.id);
      const out = new PassThrough();
      void writeErrorReport(ctx, job, out).catch((err: unknown) => out.destroy(err as Error));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`导入错误报告-${job.file_name}.xlsx`)}`,
        )
        .send(out);
    },
  });

  // ---- annual report feed ----
  app.get('/api/enforcement/report-facts', {
    config: { access: needs('report.edit', 'business.read') },
    schema: {
      tags: TAGS,
      summary: '年报表二：本年处理决定数量与事项数',
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
    },
    handler: async (req) => {
      if (!req.actor.orgId) throw new DomainError('no_agency', '当前账号不属于任何机关');
      return enforcementReportFacts(ctx, req.actor.orgId, req.query.year);
    },
  });

  await enforcementPortal(app, c, portal);
}
