import { SPREADSHEET_SAFE_CAST } from '../../platform/csv.js';
import { Readable } from 'node:stream';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import { toLimitOffset } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import * as api from '../../../contract/audit.js';
import { routeSchema } from '../../../contract/common.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './audit.repository.js';
import { verifyAuditChain } from './audit.service.js';
import { checkpointOverview, readCheckpointFile } from './audit.checkpoints.js';
import type { AuditLogTable } from './audit.tables.js';

/** API shape of an audit row. */
export function toEntryView(r: AuditLogTable): api.AuditEntryT {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    orgId: r.org_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    summary: JSON.parse(r.summary) as api.AuditEntryT['summary'],
    ip: r.ip,
    requestId: r.request_id,
    hash: r.hash,
  };
}

function toFilter(q: {
  orgId?: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}): repo.AuditFilter {
  // `to` is an inclusive calendar date; the column holds timestamps, so compare against the next day.
  const to = q.to ? new Date(Date.parse(q.to) + 86400000).toISOString().slice(0, 10) : undefined;
  return {
    orgIds: q.orgId ? [q.orgId] : null,
    actorId: q.actorId,
    action: q.action,
    targetType: q.targetType,
    targetId: q.targetId,
    from: q.from,
    to,
  };
}

export async function auditRoutes(app: App, c: Container): Promise<void> {
  app.get('/api/audit', {
    config: { access: needs('audit.read') },
    schema: routeSchema(api.listAudit),
    handler: async (req) => {
      const { rows, total } = await repo.list(c.ctx.db, toFilter(req.query), toLimitOffset(req.query));
      return { items: rows.map(toEntryView), total };
    },
  });

  app.get('/api/audit/export.csv', {
    config: { access: needs('audit.read') },
    schema: routeSchema(api.exportAudit),
    handler: async (req, reply) => {
      // csv-stringify is loaded on the first export, not at start-up (issue 12).
      const { stringify } = await import('csv-stringify');
      const rows = Readable.from(
        (async function* () {
          for await (const r of repo.iterate(c.ctx.db, toFilter(req.query))) {
            yield [
              r.seq,
              r.at,
              r.actor_name,
              r.actor_id ?? '',
              r.org_id ?? '',
              r.action,
              r.target_type,
              r.target_id ?? '',
              r.summary,
              r.ip ?? '',
              r.request_id ?? '',
              r.hash,
            ];
          }
        })(),
      );
      const csv = rows.pipe(
        stringify({
          bom: true,
          header: true,
          // Names and summaries are typed by users: a leading = + - @ must not run as a formula.
          cast: SPREADSHEET_SAFE_CAST,
          columns: [
            '序号',
            '时间',
            '操作人',
            '操作人ID',
            '机关ID',
            '操作',
            '对象类型',
            '对象ID',
            '摘要',
            'IP',
            '请求编号',
            '哈希',
          ],
        }),
      );
      reply.header(
        'content-disposition',
        `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      );
      return reply.type('text/csv; charset=utf-8').send(csv);
    },
  });

  app.get('/api/audit/verify', {
    config: { access: needs('audit.read') },
    schema: routeSchema(api.verifyAudit),
    handler: async () => {
      const r = await verifyAuditChain(c.ctx.db);
      return { ok: r.ok, checked: r.checked, firstBreak: r.firstBreak };
    },
  });

  // Signed checkpoints: the auditor checks them and keeps copies off the machine. Like the log itself
  // (三员分立), neither the system nor the security administrator reads them.
  const CHECKPOINTS = needs('audit.read');
  app.get(
    '/api/audit/checkpoints',
    { config: { access: CHECKPOINTS }, schema: routeSchema(api.listCheckpoints) },
    () => checkpointOverview(c.ctx.db, c.config.hardening.auditCheckpointMinutes),
  );
  app.get(
    '/api/audit/checkpoints/:file',
    { config: { access: CHECKPOINTS }, schema: routeSchema(api.downloadCheckpoint) },
    async (req, reply) => {
      const text = readCheckpointFile(req.params.file);
      if (text === null) throw notFound('audit_checkpoint', '检查点文件不存在');
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.file}"`)
        .header('cache-control', 'no-store')
        .send(text);
    },
  );
}
