import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from '../container.js';
import { PUBLIC } from './access.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { frameworkErrors, registerTextGuard } from './plugins/text-guard.js';
import { registerRateLimit } from '../platform/rate-limit/rate-limit.js';
import { ProblemSchema } from './schemas.js';
import { installEarlyPageHits, requestIdOf } from './early-hits.js';
import { opsRoutes } from './ops.routes.js';
import {
  loadValidatorCompiler,
  serializerFactory,
  validatorCompiler,
  validatorReady,
  validatesRequest,
  type SchemaCompilation,
} from './lazy-schemas.js';
import { renderDocument, ErrorPage } from '../modules/portal/portal.pages.js';
import { PortalRegistry } from '../modules/portal/portal.service.js';
import type { RenderedPageCache } from '../modules/portal/portal.cache.js';
import { portalRoutes } from '../modules/portal/portal.routes.js';
import { orgRoutes } from '../modules/orgs/orgs.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { modules } from '../modules/index.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Tags of the operations the platform itself serves (modules' tags are named after the module). */
const PLATFORM_TAGS = [
  { name: 'ops', description: '运行状态、API 描述与错误类型' },
  { name: 'orgs', description: '机构树与机关设置' },
];

export interface BuildOptions {
  logger?: boolean | { level: string };
  /** Where the built admin console lives (default dist/admin). */
  adminDir?: string;
  /** Compile route validators/serializers on first use (default) or all at `ready()`. */
  schemas?: SchemaCompilation;
}

/** The project directory: the nearest ancestor with package.json (server/http in a checkout, dist/server/http when compiled). */
const ROOT = projectRoot(path.dirname(new URL(import.meta.url).pathname));
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}

/** Builds the whole HTTP application (portal, console, API) around a container. */
export async function buildApp(c: Container, options: BuildOptions = {}): Promise<App> {
  const schemas = options.schemas ?? 'lazy';
  const app = Fastify({
    logger: options.logger ?? { level: c.config.logLevel },
    genReqId: (req) => requestIdOf(req.headers),
    frameworkErrors,
    trustProxy: c.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    schemaController: { compilersFactory: { buildSerializer: serializerFactory(schemas) as never } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler(schemas));
  if (schemas === 'eager') await loadValidatorCompiler();
  else {
    // The validator compiler loads on first use (lazy-schemas.ts): routes that validate a request wait
    // for it once; the web process starts loading it as soon as it listens.
    app.addHook('onRoute', (r) => {
      if (!validatesRequest(r.schema)) return;
      const own = r.preValidation;
      r.preValidation = [...(Array.isArray(own) ? own : own ? [own] : []), validatorReady];
    });
    app.addHook('onListen', (done) => {
      loadValidatorCompiler().catch((err: unknown) =>
        app.log.error({ err }, 'validator compiler not loaded'),
      );
      done();
    });
  }

  // Every route is recorded so a test can prove each one declares an access rule.
  // Access is read lazily: scoped onRoute hooks (static files, API docs) add it after this hook runs.
  const routes: { method: string; url: string; readonly hasAccess: boolean }[] = [];
  app.decorate('routeInventory', routes);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods)
      routes.push({
        method,
        url: r.url,
        get hasAccess() {
          return Boolean((r.config as { access?: unknown } | undefined)?.access);
        },
      });
  });

  const https = c.config.publicBaseUrl.startsWith('https://');
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    done(null, payload);
  });
  // Portal pages read one value per query parameter; a repeated one (`?q=a&q=`, from a careless link or
  // a fuzzer) would reach them as an array and fail deep inside a page. Outside /api the last value
  // wins, for every page at once; API routes keep arrays, which their schemas may declare.
  app.addHook('preValidation', async (req) => {
    if (req.url.startsWith('/api/')) return;
    const query = req.query as Record<string, unknown> | undefined;
    if (!query || typeof query !== 'object') return;
    for (const [key, value] of Object.entries(query))
      if (Array.isArray(value)) query[key] = value[value.length - 1];
  });
  registerSecurityHeaders(app, https);
  registerErrorHandling(app, (req, status) => renderDocument(ErrorPage({ status, requestId: req.id })));
  await app.register(cookie, { secret: c.config.sessionSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: c.config.publicBaseUrl.startsWith('https://'),
    },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 10, fields: 50 } });
  // Rate limits apply only where a route opts in (login, search, submissions): see design.md on throughput.
  await registerRateLimit(app, c.config.hardening, c.ctx.db);
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Gongkai API',
        version: '0.1.0',
        description:
          '公开 · 政府信息公开平台 API。错误以 RFC 9457 problem+json 返回：`code` 为稳定的错误码，`type` 指向 /api/problems/<code> 的说明（错误码一览见 /api/problems）。',
        license: { name: 'MIT' },
      },
      servers: [{ url: '/', description: '本服务（门户、控制台与 API 同源）' }],
      tags: PLATFORM_TAGS,
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_session' } } },
      security: [{ session: [] }],
    },
    // Shared schemas keep their $id as the component name (#/components/schemas/Problem).
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    // Public routes need no session: say so per operation instead of inheriting the global requirement.
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: { public?: boolean } } | undefined)?.access;
      return { schema: access?.public && schema ? { ...schema, security: [] } : schema, url };
    },
  });
  // Refuses NUL, lone surrogates and over-long text before auth, validation or any database access.
  registerTextGuard(app);
  registerAuth(app, c.ctx);

  const portal = new PortalRegistry({ pageCacheBytes: c.config.pageCacheMb * 1024 * 1024 });
  app.decorate('portalPages', portal.pageCache);
  // Agencies change only through the orgs module (or another process, seen within a second): its
  // `org.changed` event, published after the commit, drops the portal's in-memory agency lookups at once.
  c.events.subscribe('org.changed', 'portal.lookups', () => portal.pageCache.lookups.forgetAgencies());
  await portalRoutes(app, c, portal);
  await orgRoutes(app, c);
  await userRoutes(app, c);
  await authRoutes(app, c);
  await auditRoutes(app, c);
  for (const m of modules) await m.routes?.(app, c, portal);
  await opsRoutes(app, c);
  await adminConsole(app, options.adminDir ?? path.join(ROOT, 'dist/admin'));
  await app.register(async (docs) => {
    docs.addHook('onRoute', (r) => {
      r.config = { ...(r.config as object), access: PUBLIC };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  });
  installEarlyPageHits(app, portal.pageCache, { https, trustProxy: Boolean(c.config.trustProxy) });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: { method: string; url: string; hasAccess: boolean }[];
    /** The rendered-page cache of the portal (tests and diagnostics). */
    portalPages: RenderedPageCache;
  }
}

/** Serves the built React console at /admin with SPA fallback to index.html. */
async function adminConsole(app: App, dir: string): Promise<void> {
  const index = path.join(dir, 'index.html');
  await app.register(async (scope) => {
    scope.addHook('onRoute', (r) => {
      r.config = { ...(r.config as object), access: PUBLIC };
    });
    if (existsSync(index)) {
      const html = readFileSync(index);
      // The console's files are listed once at start and served by the one /admin/* route, as
      // @fastify/static's `wildcard: false` would with a GET and a HEAD route per file (~250 routes,
      // ~0.15 s of start-up: issue 12); any other path under /admin is the SPA's index.html.
      const files = consoleFiles(dir);
      await scope.register(fastifyStatic, {
        root: dir,
        serve: false,
        index: false,
        maxAge: '1h',
        immutable: false,
      });
      const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) =>
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      scope.get('/admin', { schema: { hide: true } }, sendIndex);
      scope.get('/admin/', { schema: { hide: true } }, sendIndex);
      scope.get(
        '/admin/*',
        {
          schema: { hide: true },
          // As @fastify/static's own routes: a client gone mid-file closes the socket, no error reply.
          errorHandler: (error: { code?: string }, req, reply) => {
            if (error?.code === 'ERR_STREAM_PREMATURE_CLOSE') return void req.raw.destroy();
            return scope.errorHandler(error as Error, req, reply);
          },
        },
        async (req, reply) => {
          const file = (req.params as { '*': string })['*'];
          return files.has(file) ? reply.sendFile(`/${file}`) : sendIndex(req, reply);
        },
      );
    } else {
      const missing = async (_req: unknown, reply: import('fastify').FastifyReply) =>
        reply
          .status(503)
          .type('text/html; charset=utf-8')
          .send(
            '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>控制台未构建</title><p>管理控制台尚未构建。请在项目目录运行 <code>npm run build</code> 后重启服务。</p></html>',
          );
      scope.get('/admin', { schema: { hide: true } }, missing);
      scope.get('/admin/*', { schema: { hide: true } }, missing);
    }
  });
}

/** The console's files relative to `dir` (symbolic links followed, dot files left out, as a glob of **). */
function consoleFiles(dir: string, prefix = ''): Set<string> {
  const files = new Set<string>();
  for (const name of readdirSync(path.join(dir, prefix))) {
    if (name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = statSync(path.join(dir, rel), { throwIfNoEntry: false });
    if (stat?.isDirectory()) for (const f of consoleFiles(dir, rel)) files.add(f);
    else if (stat?.isFile()) files.add(rel);
  }
  return files;
}
