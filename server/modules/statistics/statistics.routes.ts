/** JSON API of the statistics module: schemas from contract/statistics.ts, one service call per route. */
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import { routeSchema } from '../../../contract/common.js';
import * as C from '../../../contract/statistics.js';
import { consoleStatistics, consoleTable } from './statistics.service.js';
import { tableCsv } from './statistics.rules.js';

/** Staff of an agency read its own figures; supervisors also those of the agencies below (read-only). */
const READ = needs('business.read', 'supervise.read');

export async function statisticsRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  app.get('/api/statistics', { config: { access: READ }, schema: routeSchema(C.getStatistics) }, (req) =>
    consoleStatistics(ctx, req.actor, req.query),
  );
  app.get(
    '/api/statistics/csv/:table',
    { config: { access: READ }, schema: routeSchema(C.exportStatisticsTable) },
    async (req, reply) => {
      const { view, table } = await consoleTable(ctx, req.actor, req.query, req.params.table);
      const name = `${table.key}-${view.period.from}-${view.period.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(tableCsv(table));
    },
  );
}
