import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { routeSchema } from '../../../contract/common.js';
import * as C from '../../../contract/warnings.js';
import * as repo from './warnings.repository.js';
import * as service from './warnings.service.js';
import type { RecipientGroup } from './warnings.tables.js';

async function view(c: Container, w: repo.Warning) {
  const n = await repo.recipientCounts(c.ctx.db, w.id);
  return {
    id: w.id,
    kind: w.kind,
    event: w.event,
    level: w.level,
    title: w.title,
    area: w.area,
    effectiveAt: w.effective_at,
    expiresAt: w.expires_at,
    source: w.source,
    content: w.content,
    actions: w.actions,
    msgType: w.msg_type,
    refId: w.ref_id,
    rootId: w.root_id,
    status: w.status,
    groups: JSON.parse(w.groups) as RecipientGroup[],
    ackMinutes: w.ack_minutes,
    rejectReason: w.reject_reason,
    createdAt: w.created_at,
    publishedAt: w.published_at,
    recipients: { total: Number(n.total), acked: Number(n.acked), escalated: Number(n.escalated) },
  };
}

/** Console API of risk warnings. */
export async function warningsRoutes(app: App, c: Container, runQueue: () => Promise<number>): Promise<void> {
  const ctx = c.ctx;
  const env = (): service.WarningEnv => ({ secret: c.config.sessionSecret, baseUrl: c.config.publicBaseUrl });
  const own = async (actor: Actor, id: string) => {
    const w = await repo.findWarning(ctx.db, id);
    if (!w || w.org_id !== actor.orgId) throw notFound('warning', '预警信息不存在');
    return w;
  };
  app.get(
    '/api/warnings',
    { config: { access: needs('business.read') }, schema: routeSchema(C.listWarnings) },
    async (req) => {
      if (!req.actor.orgId) throw forbidden();
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const [rows, total] = await repo.listWarnings(
        ctx.db,
        req.actor.orgId,
        { status: req.query.status },
        {
          limit: pageSize,
          offset: (page - 1) * pageSize,
        },
      );
      return {
        items: await Promise.all(rows.map((w) => view(c, w))),
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );
  app.get(
    '/api/warnings/:id',
    { config: { access: needs('business.read') }, schema: routeSchema(C.getWarning) },
    async (req) => {
      const w = await own(req.actor, req.params.id);
      const chain = await repo.chainOf(ctx.db, w.root_id);
      return { warning: await view(c, w), chain: await Promise.all(chain.map((m) => view(c, m))) };
    },
  );
  app.get(
    '/api/warnings/:id/recipients',
    { config: { access: needs('business.read') }, schema: routeSchema(C.listRecipients) },
    async (req) => {
      await own(req.actor, req.params.id);
      const pageSize = req.query.pageSize ?? 100;
      const rows = await repo.recipientsOf(ctx.db, req.params.id, {
        limit: pageSize,
        offset: ((req.query.page ?? 1) - 1) * pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          group: r.group_kind,
          name: r.name,
          mobile: r.mobile ? `${r.mobile.slice(0, 3)}****${r.mobile.slice(-4)}` : null,
          email: r.email,
          ackedAt: r.acked_at,
          ackVia: r.ack_via,
          escalatedAt: r.escalated_at,
        })),
      };
    },
  );
  app.post(
    '/api/warnings',
    { config: { access: needs('warnings.draft', 'warnings.approve') }, schema: routeSchema(C.createWarning) },
    async (req, reply) => {
      const w = await service.createWarning(ctx, req.actor, {
        ...req.body,
        enterpriseFilter: req.body.enterpriseFilter ?? null,
      });
      return reply.status(201).send({ id: w.id, status: w.status });
    },
  );
  app.post(
    '/api/warnings/:id/submit',
    { config: { access: needs('warnings.draft') }, schema: routeSchema(C.submitWarning) },
    async (req) => {
      await service.submitWarning(ctx, req.actor, req.params.id);
      return { ok: true };
    },
  );
  app.post(
    '/api/warnings/:id/approve',
    { config: { access: needs('warnings.approve') }, schema: routeSchema(C.approveWarning) },
    async (req) => service.approveWarning(ctx, req.actor, req.params.id, env()),
  );
  app.post(
    '/api/warnings/:id/reject',
    { config: { access: needs('warnings.approve') }, schema: routeSchema(C.rejectWarning) },
    async (req) => {
      await service.rejectWarning(ctx, req.actor, req.params.id, req.body.reason);
      return { ok: true };
    },
  );
  app.post(
    '/api/warnings/:id/lift',
    { config: { access: needs('warnings.approve') }, schema: routeSchema(C.liftWarning) },
    async (req) => {
      const lift = await service.liftWarning(ctx, req.actor, req.params.id, req.body.note, env());
      return { id: lift.id };
    },
  );
  app.post(
    '/api/warnings/run-jobs',
    { config: { access: needs('warnings.approve', 'org.settings') }, schema: routeSchema(C.runJobs) },
    async () => {
      const r = await service.runWarningJobs(ctx, env());
      return { ...r, sent: await runQueue() };
    },
  );
}
