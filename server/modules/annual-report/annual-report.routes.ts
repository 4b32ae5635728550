/**
 * API of the annual report (report.edit / report.approve / supervise.read) and the portal column
 * 政府信息公开年报 (public: published versions only).
 */
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import * as api from '../../../contract/annual-report.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import { chinaDateOf, todayInChina } from '../../platform/clock.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import { renderDocument } from '../portal/portal.pages.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import type { ReportRow, VersionRow } from './annual-report.repository.js';
import * as service from './annual-report.service.js';
import { ReportListPage, ReportPage, REPORTS_LABEL, REPORTS_PATH } from './annual-report.portal.js';
import { checkReport } from './checker/check-report.js';
import { formatById } from './formats/registry.js';
import { findingKey, recordSourceOf } from './generator.js';
import { STATUS_LABELS, blockingErrors, daysBetween, deadlineOf, type Override } from './lifecycle.js';
import { renderTexts } from './narrative-draft.js';
import { OUTPUT_KINDS, renderOutput, type OutputKind } from './render/index.js';
import { renderChartSvg } from './render/chart.js';
import { reportSources } from './report-sources.js';
import type { Finding } from './types.js';

const READ = needs('report.edit', 'report.approve', 'supervise.read');
const KindT = Type.Union(OUTPUT_KINDS.map((k) => Type.Literal(k)));

const parse = <T>(s: string): T => JSON.parse(s) as T;

function versionView(v: VersionRow): api.ReportViewT['versions'][number] {
  return {
    version: v.version,
    publishedAt: v.published_at,
    correctionReason: v.correction_reason,
    files: parse<Record<string, string>>(v.files_json),
  };
}

/** The full view of a working report, as the console editor needs it. */
async function reportView(ctx: Ctx, row: ReportRow): Promise<api.ReportViewT> {
  const format = formatById(row.format_id);
  const context = parse<{ variables: Record<string, string> }>(row.context_json);
  const texts = parse<{ one: string; five: string; six: string }>(row.texts_json);
  const findings = parse<Finding[]>(row.findings_json);
  const overrides = parse<Record<string, Override>>(row.overrides_json);
  const drill = parse<Record<string, string[]>>(row.drill_json);
  const today = todayInChina(ctx.clock);
  return {
    id: row.id,
    orgId: row.org_id,
    year: row.year,
    formatId: format.id,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    version: row.version,
    correctionReason: row.correction_reason,
    publishedVersion: row.published_version,
    generatedAt: row.generated_at,
    checkedAt: row.checked_at,
    approvedAt: row.approved_at,
    updatedAt: row.updated_at,
    deadline: deadlineOf(row.year),
    daysLeft: daysBetween(today, deadlineOf(row.year)),
    format,
    tables: parse(row.tables_json),
    drill: Object.fromEntries(
      Object.entries(drill).map(([k, ids]) => [k, { source: recordSourceOf(k), ids }]),
    ),
    variables: context.variables,
    texts,
    rendered: renderTexts(texts, context.variables),
    findings: findings.map((f) => ({ ...f, key: findingKey(f), override: overrides[findingKey(f)] ?? null })),
    blocking: blockingErrors(findings, overrides).length,
    versions: (await service.versions(ctx, row.id)).map(versionView),
  };
}

function summary(row: ReportRow): api.ReportSummaryT {
  const findings = parse<Finding[]>(row.findings_json);
  const overrides = parse<Record<string, Override>>(row.overrides_json);
  return {
    id: row.id,
    orgId: row.org_id,
    year: row.year,
    formatId: formatById(row.format_id).id,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    version: row.version,
    publishedVersion: row.published_version,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    blocking: blockingErrors(findings, overrides).length,
    deadline: deadlineOf(row.year),
    updatedAt: row.updated_at,
  };
}

function sendFile(
  reply: FastifyReply,
  f: { fileName: string; contentType: string; bytes: Buffer },
  inline = false,
) {
  return reply
    .header('content-type', f.contentType)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="report.${f.fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

export async function annualReportRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  // The facts sources are wired on the container (annualReportModule.wire); tests swap them there.
  const sources = () => reportSources(ctx);
  const view = async (row: ReportRow) => reportView(ctx, row);

  app.get('/api/annual-reports', {
    config: { access: READ },
    schema: routeSchema(api.listReports),
    handler: async (req) => ({
      items: (await service.listReports(ctx, req.actor, req.query.orgId)).map(summary),
    }),
  });

  app.post('/api/annual-reports', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.generateReport),
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await view(await service.generate(ctx, req.actor, sources(), { year: req.body.year }))),
  });

  app.get('/api/annual-reports/countdown', {
    config: { access: needs('report.edit', 'report.approve') },
    schema: routeSchema(api.getCountdown),
    handler: async (req) => ({ countdown: await service.countdown(ctx, req.actor) }),
  });

  app.get('/api/annual-reports/supervision', {
    config: { access: needs('supervise.read') },
    schema: routeSchema(api.supervisionBoard),
    handler: async (req) => ({
      year: req.query.year,
      deadline: deadlineOf(req.query.year),
      items: await service.readiness(ctx, req.actor, req.query.year),
    }),
  });

  app.get('/api/annual-reports/consolidated', {
    config: { access: needs('supervise.read') },
    schema: routeSchema(api.consolidatedReport),
    handler: async (req, reply) => {
      const r = await service.consolidated(ctx, req.actor, req.query.year);
      const kind = req.query.format ?? 'json';
      if (kind === 'json')
        return {
          year: r.year,
          format: r.format,
          tables: r.tables,
          parts: r.parts,
          missing: r.missing,
          findings: r.findings,
        };
      return sendFile(reply, await renderOutput(r.document, kind));
    },
  });

  app.post('/api/annual-reports/check-file', {
    config: { access: READ },
    schema: routeSchema(api.checkFile),
    handler: async (req) => {
      if (!req.isMultipart())
        throw invalidField('file', 'multipart_required', '请以 multipart/form-data 上传文件');
      const file = await req.file({ limits: { fileSize: 20 * 1024 * 1024 } });
      if (!file) throw invalidField('file', 'file_required', '请选择年报文件');
      const bytes = await file.toBuffer();
      const name = file.filename || 'report';
      const ext = name.toLowerCase().split('.').pop() ?? '';
      const { decodeText } = await import('./checker/cli.js');
      if (ext === 'docx') return checkReport({ docx: bytes, fileName: name });
      if (ext === 'html' || ext === 'htm') return checkReport({ html: decodeText(bytes), fileName: name });
      if (ext === 'txt' || ext === 'text') return checkReport({ text: decodeText(bytes), fileName: name });
      throw invalidField(
        'file',
        'unsupported_file_type',
        '仅支持 .txt、.html、.docx 文件（PDF 请先用 pdftotext -layout 转为文本）',
      );
    },
  });

  app.get('/api/annual-reports/:id', {
    config: { access: READ },
    schema: routeSchema(api.getReport),
    handler: async (req) => view(await service.getReport(ctx, req.actor, req.params.id)),
  });

  app.post('/api/annual-reports/:id/regenerate', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.regenerateReport),
    handler: async (req) => {
      const row = await service.getReport(ctx, req.actor, req.params.id);
      return view(await service.generate(ctx, req.actor, sources(), { orgId: row.org_id, year: row.year }));
    },
  });

  app.patch('/api/annual-reports/:id/texts', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.updateTexts),
    handler: async (req) => view(await service.updateTexts(ctx, req.actor, req.params.id, req.body)),
  });

  app.post('/api/annual-reports/:id/check', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.checkReport),
    handler: async (req) => view(await service.check(ctx, req.actor, req.params.id)),
  });

  app.put('/api/annual-reports/:id/overrides', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.setOverride),
    handler: async (req) =>
      view(await service.setOverride(ctx, req.actor, req.params.id, req.body.key, req.body.reason)),
  });

  app.post('/api/annual-reports/:id/approve', {
    config: { access: needs('report.approve') },
    schema: routeSchema(api.approveReport),
    handler: async (req) => view(await service.approve(ctx, req.actor, req.params.id)),
  });

  app.post('/api/annual-reports/:id/reopen', {
    config: { access: needs('report.edit', 'report.approve') },
    schema: routeSchema(api.reopenReport),
    handler: async (req) => view(await service.reopen(ctx, req.actor, req.params.id, req.body.note ?? '')),
  });

  app.post('/api/annual-reports/:id/publish', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.publishReport),
    handler: async (req) => {
      await service.publish(ctx, req.actor, req.params.id);
      return view(await service.getReport(ctx, req.actor, req.params.id));
    },
  });

  app.post('/api/annual-reports/:id/correct', {
    config: { access: needs('report.edit') },
    schema: routeSchema(api.correctReport),
    handler: async (req) =>
      view(await service.startCorrection(ctx, req.actor, req.params.id, req.body.reason)),
  });

  app.get('/api/annual-reports/:id/files/:kind', {
    config: { access: READ },
    schema: routeSchema(api.downloadFile),
    handler: async (req, reply) =>
      sendFile(
        reply,
        await service.reportFile(ctx, req.actor, req.params.id, req.params.kind, req.query.version),
        req.params.kind === 'svg',
      ),
  });

  // ---------------------------------------------------------------------------------------------
  // Portal: 政府信息公开年报
  // ---------------------------------------------------------------------------------------------

  portal.add({
    nav: (_agency, base) => [{ href: `${base}${REPORTS_PATH}`, label: REPORTS_LABEL }],
    homeBlocks: async (agency, base) => [
      {
        title: REPORTS_LABEL,
        moreHref: `${base}${REPORTS_PATH}`,
        items: (await service.publishedList(ctx, agency.id)).slice(0, 5).map((v) => ({
          href: `${base}${REPORTS_PATH}/${v.year}`,
          title: `${agency.name}${v.year}年政府信息公开工作年度报告`,
          date: chinaDateOf(v.published_at),
        })),
        emptyText: '暂无已发布的年度报告',
      },
    ],
  });

  portalPage(app, REPORTS_PATH, async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const versions = await service.publishedList(ctx, page.agency.id);
    return sendHtml(reply, renderDocument(ReportListPage({ ctx: page, versions })));
  });

  const YearParams = Type.Object({
    year: Type.String({ pattern: '^\\d{4}$' }),
    code: Type.Optional(Type.String()),
  });
  const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) });

  portalPage(
    app,
    `${REPORTS_PATH}/:year`,
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const { year } = req.params as { year: string };
      const { version } = req.query as { version?: number };
      const found = await service.publishedOf(ctx, page.agency.id, Number(year), version);
      if (!found) throw notFound('annual_report', '该年度报告尚未发布');
      const doc = await service.documentOfVersion(ctx, found.version);
      return sendHtml(
        reply,
        renderDocument(
          ReportPage({
            ctx: page,
            doc,
            chartSvg: renderChartSvg(doc),
            version: found.version,
            history: found.history,
          }),
        ),
      );
    },
    { params: YearParams, querystring: VersionQuery },
  );

  portalPage(
    app,
    `${REPORTS_PATH}/:year/download/:kind`,
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const { year, kind } = req.params as { year: string; kind: OutputKind };
      const { version } = req.query as { version?: number };
      const found = await service.publishedOf(ctx, page.agency.id, Number(year), version);
      if (!found) throw notFound('annual_report', '该年度报告尚未发布');
      return sendFile(
        reply,
        await service.storedFile(ctx, found.version, kind),
        kind === 'svg' || kind === 'html',
      );
    },
    {
      params: Type.Object({
        year: Type.String({ pattern: '^\\d{4}$' }),
        kind: KindT,
        code: Type.Optional(Type.String()),
      }),
      querystring: VersionQuery,
    },
  );
}
