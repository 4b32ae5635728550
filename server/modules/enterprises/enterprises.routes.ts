/**
 * HTTP routes of the 智慧安监 module: one service call each, schemas from contract/enterprises.ts.
 * Agency routes need enterprises.manage (writes) or business.read (reads); enterprise-area routes need
 * enterprise.self and resolve the caller's own enterprise (accounts.service.ts enterpriseOf).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as C from '../../../contract/enterprises.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs, PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { todayInChina } from '../../platform/clock.js';
import { DomainError, notFound } from '../../platform/errors.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import * as accounts from './accounts.service.js';
import * as credit from './credit.service.js';
import * as imports from './enterprises.import.js';
import * as registry from './enterprises.service.js';
import * as repo from './enterprises.repository.js';
import * as inspections from './inspections.service.js';
import { drawOrgId } from './inspections.repository.js';
import * as self from './selfservice.service.js';
import { enterpriseStats } from './enterprises.report.js';
import { enterprisesPortal } from './enterprises.portal.js';

const MANAGE = needs('enterprises.manage');
const READ = needs('business.read', 'enterprises.manage');
const SELF = needs('enterprise.self');

export function jobView(j: imports.ImportJob) {
  return {
    id: j.id,
    fileName: j.file_name,
    mode: j.mode,
    status: j.status,
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

export async function enterprisesRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;

  // ---- registry ----
  app.get(
    '/api/enterprises',
    { config: { access: READ }, schema: routeSchema(C.listEnterprises) },
    async (req) => registry.listEnterprises(ctx, req.actor, req.query),
  );
  app.post(
    '/api/enterprises',
    { config: { access: MANAGE }, schema: routeSchema(C.createEnterprise) },
    async (req, reply) => reply.status(201).send(await registry.createEnterprise(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/enterprises/licences/expiring',
    { config: { access: READ }, schema: routeSchema(C.listExpiringLicences) },
    async (req) => registry.expiringLicences(ctx, req.actor),
  );
  app.get(
    '/api/enterprises/:id',
    { config: { access: READ }, schema: routeSchema(C.getEnterprise) },
    async (req) => enterpriseDetail(req.actor, req.params.id),
  );
  app.put(
    '/api/enterprises/:id',
    { config: { access: MANAGE }, schema: routeSchema(C.updateEnterprise) },
    async (req) => registry.updateEnterprise(ctx, req.actor, req.params.id, req.body),
  );

  async function enterpriseDetail(actor: Parameters<typeof registry.loadAgencyEnterprise>[1], id: string) {
    const e = await registry.loadAgencyEnterprise(ctx, actor, id);
    const today = todayInChina(ctx.clock);
    const [licences, links, reports, insp, listings, rating] = await Promise.all([
      repo.licencesOf(ctx.db, e.id),
      registry.linkedRecords(ctx, e, false),
      repo.hazardReportsOf(ctx.db, e.id, 50),
      repo.inspectionsOf(ctx.db, e.id, false),
      repo.listingsOf(ctx.db, e.id),
      credit.creditOf(ctx, e),
    ]);
    return {
      enterprise: registry.toEnterpriseView(e),
      licences: licences.map((l) => registry.toLicenceView(l, today)),
      links,
      hazardReports: reports.map((r) => self.toHazardView(r, today)),
      inspections: insp.map(inspections.toInspectionView),
      listings: listings.map(credit.toListingView),
      credit: rating,
    };
  }

  // ---- import ----
  app.get(
    '/api/enterprises/imports/template.csv',
    { config: { access: MANAGE }, schema: routeSchema(C.importTemplateCsv) },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('企业名录导入模板.csv')}`,
        )
        .send(imports.templateCsv()),
  );
  app.get(
    '/api/enterprises/imports/template.xlsx',
    { config: { access: MANAGE }, schema: routeSchema(C.importTemplateXlsx) },
    async (_req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('企业名录导入模板.xlsx')}`,
        )
        .send(await imports.templateXlsx()),
  );
  app.post(
    '/api/enterprises/imports',
    { config: { access: MANAGE }, schema: routeSchema(C.startImport) },
    async (req, reply) => {
      const file = await req.file();
      if (!file) throw new DomainError('file_required', '请选择要导入的文件', { field: 'file' });
      const job = await imports.createImportJob(ctx, req.actor, {
        fileName: file.filename,
        mode: req.query.mode,
      });
      const dir = path.join(c.config.dataDir, 'imports');
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `ent-${job.id}.${job.format}`);
      await pipeline(file.file, createWriteStream(target));
      if (file.file.truncated) {
        await unlink(target).catch(() => {});
        throw new DomainError(
          'file_too_large',
          '文件超过50MB，请拆分后导入，或使用命令行 gongkai import enterprises',
          { field: 'file' },
        );
      }
      const actor = req.actor;
      void imports
        .runImport(ctx, actor, job, target)
        .catch((err: unknown) => req.log.error({ err }, 'enterprise import failed'))
        .finally(() => unlink(target).catch(() => {}));
      return reply.status(202).send(jobView(job));
    },
  );
  app.get(
    '/api/enterprises/imports/:id',
    { config: { access: MANAGE }, schema: routeSchema(C.getImport) },
    async (req) => jobView(await imports.getImportJob(ctx, req.actor, req.params.id)),
  );
  app.get(
    '/api/enterprises/imports/:id/errors.csv',
    { config: { access: MANAGE }, schema: routeSchema(C.getImportErrors) },
    async (req, reply) => {
      const job = await imports.getImportJob(ctx, req.actor, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`导入错误报告-${job.file_name}.csv`)}`,
        )
        .send(Readable.from(imports.errorReportCsv(ctx, job)));
    },
  );
  app.get(
    '/api/enterprises/imports/:id/errors.xlsx',
    { config: { access: MANAGE }, schema: routeSchema(C.getImportErrorsXlsx) },
    async (req, reply) => {
      const job = await imports.getImportJob(ctx, req.actor, req.params.id);
      const out = new PassThrough();
      void imports.writeErrorReportXlsx(ctx, job, out).catch((err: unknown) => out.destroy(err as Error));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`导入错误报告-${job.file_name}.xlsx`)}`,
        )
        .send(out);
    },
  );

  // ---- accounts, change requests, notices, self-reports (agency side) ----
  app.get(
    '/api/enterprises/accounts',
    { config: { access: MANAGE }, schema: routeSchema(C.listAccounts) },
    async (req) => accounts.listAccounts(ctx, req.actor, req.query.status),
  );
  app.post(
    '/api/enterprises/accounts',
    { config: { access: MANAGE }, schema: routeSchema(C.createAccount) },
    async (req, reply) => reply.status(201).send(await accounts.createAccount(ctx, req.actor, req.body)),
  );
  app.post(
    '/api/enterprises/accounts/:id/decision',
    { config: { access: MANAGE }, schema: routeSchema(C.decideAccount) },
    async (req) => accounts.decideAccount(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/enterprise-accounts/register',
    {
      config: { access: PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: routeSchema(C.registerAccount),
    },
    async (req, reply) => {
      const agency = await resolvePortalAgency(ctx, undefined, req.body.agencyCode);
      if (!agency) throw notFound('agency', '监管机关不存在');
      return reply
        .status(201)
        .send(await accounts.registerAccount(ctx, req.actor, { ...req.body, agencyId: agency.id }));
    },
  );
  app.get(
    '/api/enterprises/change-requests',
    { config: { access: MANAGE }, schema: routeSchema(C.listChangeRequests) },
    async (req) => ({
      items: await self.listChangeRequests(ctx, req.actor),
    }),
  );
  app.post(
    '/api/enterprises/change-requests/:id/decision',
    { config: { access: MANAGE }, schema: routeSchema(C.decideChangeRequest) },
    async (req) => self.decideChangeRequest(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/enterprises/notices',
    { config: { access: MANAGE }, schema: routeSchema(C.sendNotice) },
    async (req, reply) => reply.status(201).send(await self.sendNotice(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/enterprises/hazard-reports',
    { config: { access: MANAGE }, schema: routeSchema(C.listHazardReports) },
    async (req) => ({
      items: await self.agencyHazardReports(ctx, req.actor, req.query),
    }),
  );
  app.post(
    '/api/enterprises/hazard-reports/:id/escalate',
    { config: { access: MANAGE }, schema: routeSchema(C.escalateHazard) },
    async (req, reply) =>
      reply.status(201).send(await self.escalateHazard(ctx, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/enterprises/files/:id',
    {
      config: { access: needs('enterprises.manage', 'enterprise.self') },
      schema: routeSchema(C.getHazardFile),
    },
    async (req, reply) => {
      const { file, bytes } = await self.readFile(ctx, req.actor, req.params.id);
      return reply
        .type(file.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
  app.get(
    '/api/enterprises/stats',
    { config: { access: needs('business.read', 'report.edit') }, schema: routeSchema(C.enterpriseStats) },
    async (req) => {
      if (!req.actor.orgId) throw new DomainError('no_agency', '当前账号不属于任何机关');
      return enterpriseStats(ctx, req.actor.orgId, req.query.year);
    },
  );

  // ---- inspections ----
  app.get(
    '/api/inspections/inspectors',
    { config: { access: MANAGE }, schema: routeSchema(C.listInspectors) },
    async (req) => ({
      items: await inspections.listInspectors(ctx, req.actor),
    }),
  );
  app.post(
    '/api/inspections/inspectors',
    { config: { access: MANAGE }, schema: routeSchema(C.addInspector) },
    async (req, reply) => reply.status(201).send(await inspections.addInspector(ctx, req.actor, req.body)),
  );
  app.post(
    '/api/inspections/inspectors/:id/active',
    { config: { access: MANAGE }, schema: routeSchema(C.setInspectorActive) },
    async (req) => inspections.setInspectorActive(ctx, req.actor, req.params.id, req.body.active),
  );
  app.get(
    '/api/inspections/plans',
    { config: { access: READ }, schema: routeSchema(C.listPlans) },
    async (req) => ({
      items: await inspections.listPlans(ctx, registry.readableAgency(req.actor), false),
    }),
  );
  app.post(
    '/api/inspections/plans',
    { config: { access: MANAGE }, schema: routeSchema(C.createPlan) },
    async (req, reply) => reply.status(201).send(await inspections.createPlan(ctx, req.actor, req.body)),
  );
  app.post(
    '/api/inspections/plans/:id/publish',
    { config: { access: MANAGE }, schema: routeSchema(C.publishPlan) },
    async (req) => inspections.publishPlan(ctx, req.actor, req.params.id),
  );
  app.post(
    '/api/inspections/plans/:id/draws',
    { config: { access: MANAGE }, schema: routeSchema(C.makeDraw) },
    async (req, reply) =>
      reply.status(201).send(await inspections.makeDraw(ctx, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/inspections/draws',
    { config: { access: READ }, schema: routeSchema(C.listDraws) },
    async (req) => ({
      items: await inspections.listDraws(ctx, registry.readableAgency(req.actor), req.query.planId),
    }),
  );
  app.get(
    '/api/inspections',
    { config: { access: READ }, schema: routeSchema(C.listInspections) },
    async (req) => ({
      items: await inspections.listInspections(ctx, registry.readableAgency(req.actor)),
    }),
  );
  app.post(
    '/api/inspections',
    { config: { access: MANAGE }, schema: routeSchema(C.recordInspection) },
    async (req, reply) =>
      reply.status(201).send(await inspections.recordInspection(ctx, req.actor, req.body)),
  );
  app.post(
    '/api/inspections/:id/publish',
    { config: { access: MANAGE }, schema: routeSchema(C.publishInspection) },
    async (req) => inspections.publishInspection(ctx, req.actor, req.params.id),
  );

  // ---- credit ----
  app.get(
    '/api/credit/rules',
    { config: { access: READ }, schema: routeSchema(C.getCreditRules) },
    async (req) => ({
      rules: await credit.creditRules(ctx, registry.readableAgency(req.actor)),
    }),
  );
  app.put(
    '/api/credit/rules',
    { config: { access: MANAGE }, schema: routeSchema(C.updateCreditRules) },
    async (req) => ({
      rules: await credit.updateCreditRules(ctx, req.actor, req.body.rules),
    }),
  );
  app.get(
    '/api/credit/listings',
    { config: { access: READ }, schema: routeSchema(C.listListings) },
    async (req) => ({
      items: await credit.listListings(ctx, registry.readableAgency(req.actor)),
    }),
  );
  app.post(
    '/api/credit/listings',
    { config: { access: MANAGE }, schema: routeSchema(C.noticeListing) },
    async (req, reply) => reply.status(201).send(await credit.noticeListing(ctx, req.actor, req.body)),
  );
  app.post(
    '/api/credit/listings/:id/statement',
    { config: { access: MANAGE }, schema: routeSchema(C.recordStatement) },
    async (req) =>
      credit.recordStatement(
        ctx,
        req.actor,
        registry.managedAgency(req.actor),
        req.params.id,
        req.body.statement,
      ),
  );
  app.post(
    '/api/credit/listings/:id/decision',
    { config: { access: MANAGE }, schema: routeSchema(C.decideListing) },
    async (req) => credit.decideListing(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/credit/listings/:id/end',
    { config: { access: MANAGE }, schema: routeSchema(C.endListing) },
    async (req) => credit.endListing(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/credit/listings/:id/restore',
    { config: { access: MANAGE }, schema: routeSchema(C.restoreListing) },
    async (req) => credit.restoreListing(ctx, req.actor, req.params.id, req.body),
  );

  // ---- enterprise area ----
  app.get(
    '/api/enterprise/me',
    { config: { access: SELF }, schema: routeSchema(C.getMyEnterprise) },
    async (req) => {
      const e = await self.myEnterprise(ctx, req.actor);
      const today = todayInChina(ctx.clock);
      const [licences, links, rating, listings] = await Promise.all([
        repo.licencesOf(ctx.db, e.id),
        registry.linkedRecords(ctx, e, true),
        credit.creditOf(ctx, e),
        repo.listingsOf(ctx.db, e.id),
      ]);
      return {
        enterprise: registry.toEnterpriseView(e),
        licences: licences.map((l) => registry.toLicenceView(l, today)),
        links,
        credit: rating,
        listings: listings.map(credit.toListingView),
      };
    },
  );
  app.get(
    '/api/enterprise/change-requests',
    { config: { access: SELF }, schema: routeSchema(C.listMyChangeRequests) },
    async (req) => ({
      items: await self.myChangeRequests(ctx, req.actor),
    }),
  );
  app.post(
    '/api/enterprise/change-requests',
    { config: { access: SELF }, schema: routeSchema(C.requestChange) },
    async (req, reply) => reply.status(201).send(await self.requestChange(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/enterprise/hazards',
    { config: { access: SELF }, schema: routeSchema(C.listMyHazards) },
    async (req) => ({
      items: await self.myHazardReports(ctx, req.actor),
    }),
  );
  app.post(
    '/api/enterprise/hazards',
    { config: { access: SELF }, schema: routeSchema(C.reportHazard) },
    async (req, reply) => reply.status(201).send(await self.createHazardReport(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/enterprise/hazards/:id',
    { config: { access: SELF }, schema: routeSchema(C.getMyHazard) },
    async (req) => self.myHazardReport(ctx, req.actor, req.params.id),
  );
  app.post(
    '/api/enterprise/hazards/:id/rectify',
    { config: { access: SELF }, schema: routeSchema(C.rectifyHazard) },
    async (req) => self.rectifyHazard(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/enterprise/hazards/:id/files',
    { config: { access: SELF }, schema: routeSchema(C.attachHazardFile) },
    async (req, reply) => {
      const file = await req.file();
      if (!file) throw new DomainError('file_required', '请选择文件', { field: 'file' });
      const bytes = await file.toBuffer();
      return reply.status(201).send(
        await self.attachFile(ctx, req.actor, req.params.id, {
          kind: req.query.kind,
          fileName: file.filename,
          bytes,
        }),
      );
    },
  );
  app.get(
    '/api/enterprise/monthly-reports',
    { config: { access: SELF }, schema: routeSchema(C.listMonthly) },
    async (req) => ({
      items: await self.myMonthlyReports(ctx, req.actor),
    }),
  );
  app.post(
    '/api/enterprise/monthly-reports',
    { config: { access: SELF }, schema: routeSchema(C.submitMonthly) },
    async (req, reply) => reply.status(201).send(await self.submitMonthly(ctx, req.actor, req.body)),
  );
  app.get(
    '/api/enterprise/notices',
    { config: { access: SELF }, schema: routeSchema(C.listMyNotices) },
    async (req) => ({
      items: await self.myNotices(ctx, req.actor),
    }),
  );
  app.post(
    '/api/enterprise/listings/:id/statement',
    { config: { access: SELF }, schema: routeSchema(C.myStatement) },
    async (req) => {
      const { enterprise } = await accounts.enterpriseOf(ctx, req.actor);
      return credit.recordStatement(
        ctx,
        req.actor,
        enterprise.org_id,
        req.params.id,
        req.body.statement,
        enterprise.id,
      );
    },
  );

  // Public: anyone may re-run a recorded draw (the seed and pools are on record).
  app.get(
    '/api/inspections/draws/:id/verify',
    { config: { access: PUBLIC }, schema: routeSchema(C.verifyDraw) },
    async (req) => {
      const orgId = await drawOrgId(ctx.db, req.params.id);
      if (!orgId) throw notFound('draw', '抽取记录不存在');
      return inspections.verifyDraw(ctx, orgId, req.params.id);
    },
  );

  await enterprisesPortal(app, c, portal);
}
