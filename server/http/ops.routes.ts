import { sql } from 'kysely';
import * as ops from '../../contract/ops.js';
import { routeSchema } from '../../contract/common.js';
import { PROBLEM_TYPES, problemTypeUri } from '../../contract/problems.js';
import type { Container } from '../container.js';
import { notFound } from '../platform/errors.js';
import { PUBLIC } from './access.js';
import type { App } from './app.js';
import { problem } from './plugins/errors.js';

const problemView = (code: string) => {
  const p = PROBLEM_TYPES[code];
  if (!p) throw notFound('problem_type', `未登记的错误码：${code}`);
  return { code, type: problemTypeUri(code), ...p };
};

/** Liveness, readiness, the OpenAPI document and the problem-type registry (all public). */
export async function opsRoutes(app: App, c: Container): Promise<void> {
  app.get('/healthz', { config: { access: PUBLIC }, schema: routeSchema(ops.healthz) }, async () => ({
    status: 'ok' as const,
  }));
  app.get('/readyz', { config: { access: PUBLIC }, schema: routeSchema(ops.readyz) }, async (req, reply) => {
    try {
      await sql`select 1`.execute(c.ctx.db);
      return { status: 'ready' as const, database: c.database.dialect };
    } catch (err) {
      req.log.error({ err }, 'database not reachable');
      return reply
        .status(503)
        .type('application/problem+json; charset=utf-8')
        .send(problem(req, 503, 'service_unavailable', '数据库暂时无法访问'));
    }
  });
  app.get(
    '/api/openapi.json',
    { config: { access: PUBLIC }, schema: routeSchema(ops.openapi) },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
  app.get(
    '/api/problems',
    { config: { access: PUBLIC }, schema: routeSchema(ops.listProblems) },
    async () => ({
      items: Object.keys(PROBLEM_TYPES).sort().map(problemView),
    }),
  );
  app.get(
    '/api/problems/:code',
    { config: { access: PUBLIC }, schema: routeSchema(ops.getProblem) },
    async (req) => problemView(req.params.code),
  );
}
