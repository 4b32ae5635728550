/** JSON API of the self-check: schemas from contract/selfcheck.ts, one service call per route. */
import * as api from '../../../contract/selfcheck.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import * as service from './selfcheck.service.js';
import { injectFetcher } from './selfcheck.fetch.js';

const READ = needs('business.read', 'supervise.read');
const RUN = needs('selfcheck.run');

export async function selfcheckRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  app.get(
    '/api/selfcheck/agencies',
    { config: { access: READ }, schema: routeSchema(api.listAgencies) },
    (req) => service.listAgencies(ctx, req.actor),
  );
  app.get(
    '/api/selfcheck/reports',
    { config: { access: READ }, schema: routeSchema(api.listReports) },
    (req) => service.listReports(ctx, req.actor, req.query),
  );
  app.get(
    '/api/selfcheck/reports/:id',
    { config: { access: READ }, schema: routeSchema(api.getReport) },
    (req) => service.getReport(ctx, req.actor, req.params.id),
  );
  app.get(
    '/api/selfcheck/reports/:id/csv',
    { config: { access: READ }, schema: routeSchema(api.exportReport) },
    async (req, reply) => {
      const file = await service.exportReportCsv(ctx, req.actor, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.csv);
    },
  );
  app.get('/api/selfcheck/trend', { config: { access: READ }, schema: routeSchema(api.trend) }, (req) =>
    service.trend(ctx, req.actor, req.query.orgId),
  );
  app.post(
    '/api/selfcheck/run',
    { config: { access: RUN }, schema: routeSchema(api.runNow) },
    async (req, reply) =>
      reply.status(201).send(await service.runNow(ctx, req.actor, injectFetcher(app), req.body.orgId)),
  );
}
