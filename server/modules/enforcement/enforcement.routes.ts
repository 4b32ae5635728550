import { createWriteStream, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as api from '../../../contract/enforcement.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
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
import { enforcementPortal } from './enforcement.portal.js';
import type { Accident, Hazard } from './enforcement.repository.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (fileName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const WORKFLOW_PERMS = needs('enforcement.manage', 'catalog.review', 'catalog.approve', 'catalog.admin');

/** API shape of an import job. */
function toJobView(j: ImportJob): api.ImportJobViewT {
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

function accidentView(a: Accident): api.AccidentViewT {
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

function hazardView(h: Hazard): api.HazardViewT {
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

export async function enforcementRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  const agencyOf = (actor: { orgId: string | null }): string => {
    if (!actor.orgId) throw new DomainError('no_agency', '当前账号不属于任何机关');
    return actor.orgId;
  };

  // ---- decisions ----
  app.get('/api/enforcement/decisions', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.listDecisions),
    handler: async (req) => {
      const r = await service.listDecisions(ctx, req.actor, req.query);
      return { ...r, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 };
    },
  });
  app.post('/api/enforcement/decisions', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.createDecision),
    handler: async (req, reply) =>
      reply.status(201).send(await service.createDecision(ctx, req.actor, req.body)),
  });
  app.get('/api/enforcement/decisions/:id', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.getDecision),
    handler: async (req) => service.getDecision(ctx, req.actor, req.params.id),
  });
  app.patch('/api/enforcement/decisions/:id', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.updateDecision),
    handler: async (req) => service.updateDecision(ctx, req.actor, req.params.id, req.body),
  });
  app.delete('/api/enforcement/decisions/:id', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.deleteDecision),
    handler: async (req, reply) => {
      await service.deleteDraft(ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.post('/api/enforcement/decisions/:id/transition', {
    config: { access: WORKFLOW_PERMS },
    schema: routeSchema(api.transitionDecision),
    handler: async (req) =>
      service.transitionDecision(ctx, req.actor, req.params.id, req.body.action, req.body.reason),
  });
  app.post('/api/enforcement/decisions/:id/legal-status', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.changeLegalStatus),
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
    schema: routeSchema(api.getSettings),
    handler: async (req) => service.getSettings(ctx, agencyOf(req.actor)),
  });
  app.put('/api/enforcement/settings', {
    config: { access: needs('org.settings', 'catalog.admin') },
    schema: routeSchema(api.updateSettings),
    handler: async (req) => service.updateSettings(ctx, req.actor, req.body),
  });

  // ---- 权责清单 事项 ----
  app.get('/api/enforcement/items', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.listItems),
    handler: async (req) => ({ items: await service.listItems(ctx, req.actor, req.query.year) }),
  });
  app.post('/api/enforcement/items', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.createItem),
    handler: async (req, reply) => reply.status(201).send(await service.createItem(ctx, req.actor, req.body)),
  });
  app.patch('/api/enforcement/items/:id', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.updateItem),
    handler: async (req) => service.updateItem(ctx, req.actor, req.params.id, req.body),
  });
  app.delete('/api/enforcement/items/:id', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.deleteItem),
    handler: async (req, reply) => {
      await service.deleteItem(ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  });

  // ---- accident reports ----
  app.get('/api/enforcement/accidents', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.accidents.list),
    handler: async (req) => {
      const r = await service.listAccidents(ctx, req.actor, req.query);
      return { items: r.items.map(accidentView), total: r.total };
    },
  });
  app.post('/api/enforcement/accidents', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.accidents.create),
    handler: async (req, reply) =>
      reply.status(201).send(accidentView(await service.saveAccident(ctx, req.actor, null, req.body))),
  });
  app.get('/api/enforcement/accidents/:id', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.accidents.get),
    handler: async (req) => {
      const r = await service.getRecord(ctx, req.actor, 'accident', req.params.id);
      return { ...accidentView(r), allowedActions: r.allowedActions };
    },
  });
  app.patch('/api/enforcement/accidents/:id', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.accidents.update),
    handler: async (req) => accidentView(await service.saveAccident(ctx, req.actor, req.params.id, req.body)),
  });
  app.post('/api/enforcement/accidents/:id/transition', {
    config: { access: WORKFLOW_PERMS },
    schema: routeSchema(api.accidents.transition),
    handler: async (req) =>
      accidentView(
        await service.transitionRecord(
          ctx,
          req.actor,
          'accident',
          req.params.id,
          req.body.action,
          req.body.reason,
        ),
      ),
  });

  // ---- 挂牌督办 hazards ----
  app.get('/api/enforcement/hazards', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.hazards.list),
    handler: async (req) => {
      const r = await service.listHazards(ctx, req.actor, req.query);
      return { items: r.items.map(hazardView), total: r.total };
    },
  });
  app.post('/api/enforcement/hazards', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.hazards.create),
    handler: async (req, reply) =>
      reply.status(201).send(hazardView(await service.saveHazard(ctx, req.actor, null, req.body))),
  });
  app.get('/api/enforcement/hazards/:id', {
    config: { access: needs('business.read') },
    schema: routeSchema(api.hazards.get),
    handler: async (req) => {
      const r = await service.getRecord(ctx, req.actor, 'hazard', req.params.id);
      return { ...hazardView(r), allowedActions: r.allowedActions };
    },
  });
  app.patch('/api/enforcement/hazards/:id', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.hazards.update),
    handler: async (req) => hazardView(await service.saveHazard(ctx, req.actor, req.params.id, req.body)),
  });
  app.post('/api/enforcement/hazards/:id/transition', {
    config: { access: WORKFLOW_PERMS },
    schema: routeSchema(api.hazards.transition),
    handler: async (req) =>
      hazardView(
        await service.transitionRecord(
          ctx,
          req.actor,
          'hazard',
          req.params.id,
          req.body.action,
          req.body.reason,
        ),
      ),
  });

  // ---- bulk import ----
  app.get('/api/enforcement/imports/template.xlsx', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.importTemplateXlsx),
    handler: async (_req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachment('双公示决定导入模板.xlsx'))
        .send(await templateXlsx()),
  });
  app.get('/api/enforcement/imports/template.csv', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.importTemplateCsv),
    handler: async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('双公示决定导入模板.csv'))
        .send(templateCsv()),
  });
  app.get('/api/enforcement/imports', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.listImports),
    handler: async (req) => ({ items: (await listImportJobs(ctx, req.actor)).map(toJobView) }),
  });
  app.post('/api/enforcement/imports', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.startImport),
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
          { field: 'file' },
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
    schema: routeSchema(api.getImport),
    handler: async (req) => toJobView(await getImportJob(ctx, req.actor, req.params.id)),
  });
  app.get('/api/enforcement/imports/:id/errors.xlsx', {
    config: { access: needs('enforcement.manage') },
    schema: routeSchema(api.getImportErrorsXlsx),
    handler: async (req, reply) => {
      const job = await getImportJob(ctx, req.actor, req.params.id);
      const out = new PassThrough();
      void writeErrorReport(ctx, job, out).catch((err: unknown) =>
        out.destroy(err instanceof Error ? err : new Error(String(err))),
      );
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`导入错误报告-${job.file_name}.xlsx`))
        .send(out);
    },
  });

  // ---- annual report feed ----
  app.get('/api/enforcement/report-facts', {
    config: { access: needs('report.edit', 'business.read') },
    schema: routeSchema(api.reportFacts),
    handler: async (req) => enforcementReportFacts(ctx, agencyOf(req.actor), req.query.year),
  });

  await enforcementPortal(app, c, portal);
}
