import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { notFound } from '../../platform/errors.js';
import type { PageContext } from './portal.layout.js';
import { HomePage, renderDocument } from './portal.pages.js';
import { pageContextFor, parsePrefs, serialisePrefs, type PortalRegistry } from './portal.service.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import { PortalLookups, VIEW_COOKIE, acceptedPageKey, sendPage, type RenderedPage } from './portal.cache.js';
import { siteIdentityOf, siteRoutes } from './portal.site.js';

export { VIEW_COOKIE };
/** Static portal assets: bytes, type and an ETag each, read once. */
const ASSETS = new Map(
  (
    [
      ['portal.css', 'text/css; charset=utf-8'],
      ['portal-print.css', 'text/css; charset=utf-8'],
      ['police-badge.svg', 'image/svg+xml'],
      ['portal-tools.js', 'text/javascript; charset=utf-8'],
    ] as const
  ).map(([name, type]) => {
    const bytes = readFileSync(new URL(`./assets/${name}`, import.meta.url));
    return [name, { bytes, type, etag: `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"` }];
  }),
);

/** Resolves the page context or throws 404 (an unknown agency code renders the Chinese 404 page). */
export async function requirePortal(
  c: Container,
  registry: PortalRegistry,
  req: FastifyRequest,
): Promise<PageContext> {
  const { code } = req.params as { code?: string };
  const { agency } = await portalAgency(c, registry, req);
  if (!agency) throw notFound('agency', '该机关网站不存在');
  return pageContextFor(registry, agency, {
    code,
    path: req.url.split('?')[0] ?? '/',
    prefsCookie: req.cookies[VIEW_COOKIE],
  });
}

/** The agency a portal request is for (by `/a/:code` or by host), from memory while fresh (portal.cache.ts). */
async function portalAgency(
  c: Container,
  registry: PortalRegistry,
  req: FastifyRequest,
): Promise<{ agency: Org | undefined; agencyKey: string }> {
  const { code } = req.params as { code?: string };
  const agencyKey = PortalLookups.agencyKey(req.hostname, code);
  const agency = await registry.pageCache.lookups.agency(agencyKey, () =>
    resolvePortalAgency(c.ctx, req.hostname, code),
  );
  return { agency, agencyKey };
}

/** Sends a rendered HTML page. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
}

/**
 * Registers a public portal page both for the agency at the site root (`/path`) and for every agency
 * by code (`/a/:code/path`), so a site group (站群) serves each agency by its own path or host.
 */
export function portalPage(
  app: App,
  path: string,
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  schema: Record<string, unknown> = {},
  config: Record<string, unknown> = {},
): void {
  const routeSchema = { hide: true, ...schema };
  const routeConfig = { ...config, access: PUBLIC };
  app.get(path, { config: routeConfig, schema: routeSchema }, handler);
  app.get(`/a/:code${path === '/' ? '/' : path}`, { config: routeConfig, schema: routeSchema }, handler);
}

/** The parameter names of a querystring schema (a TypeBox/JSON-schema object), else none. */
export function acceptedParams(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

/**
 * A portal page served from the rendered-page cache (portal.cache.ts): a hit costs no database read
 * (agency and content version come from memory; anonymous hits are even answered before routing, see
 * http/app.ts) and answers 304 when the browser's ETag is current.
 * `render` must depend only on the agency's public content, the URL and the display preferences.
 */
export function cachedPortalPage(
  app: App,
  c: Container,
  registry: PortalRegistry,
  path: string,
  render: (req: FastifyRequest, page: PageContext) => Promise<RenderedPage>,
  options: {
    schema?: Record<string, unknown>;
    config?: Record<string, unknown>;
    /**
     * The query parameters the page reads; the cache key keeps only these (others are ignored: `/?x=1`
     * is served from the entry of `/`, so junk parameters cannot force renders). When absent, the
     * properties of the querystring schema; without one, the page accepts no parameters.
     */
    query?: readonly string[];
  } = {},
): void {
  const accepted = options.query ?? acceptedParams(options.schema?.querystring);
  portalPage(
    app,
    path,
    async (req, reply) => {
      const code = (req.params as { code?: string }).code;
      const cache = registry.pageCache;
      const { agency, agencyKey } = await portalAgency(c, registry, req);
      if (!agency) throw notFound('agency', '该机关网站不存在');
      const version = await cache.lookups.version(c.ctx.db, agency.id);
      const key = acceptedPageKey(req.headers, req.url, accepted);
      const cached = cache.current(key, agency.id, version);
      if (cached) return sendPage(req, reply, cached, 'hit');
      // Concurrent misses of one key share one render (the key holds everything the page reads).
      const entry = await cache.renderOnce(key, version, async () => {
        const page = await pageContextFor(registry, agency, {
          code,
          path: req.url.split('?')[0] ?? '/',
          prefsCookie: req.cookies[VIEW_COOKIE],
        });
        return cache.set(key, await render(req, page), version, { orgId: agency.id, agencyKey });
      });
      return sendPage(req, reply, entry, 'miss');
    },
    options.schema,
    options.config,
  );
}

export async function portalRoutes(app: App, c: Container, registry: PortalRegistry): Promise<void> {
  // Absolute links (RSS, sitemap, SiteDomain) come from configuration, never from the Host header.
  registry.origin = c.config.publicBaseUrl.replace(/\/$/, '');
  registry.siteIdentity = (agency) => siteIdentityOf(c, registry, agency.id);
  cachedPortalPage(
    app,
    c,
    registry,
    '/',
    async (_req, page) => {
      const blocks = await registry.homeBlocks(page.agency, page.base);
      return {
        body: renderDocument(HomePage({ ctx: page, blocks })),
        contentType: 'text/html; charset=utf-8',
      };
    },
    { query: [] },
  );

  app.get('/a/:code', { config: { access: PUBLIC }, schema: { hide: true } }, async (req, reply) =>
    reply.redirect(`/a/${(req.params as { code: string }).code}/`),
  );

  app.get('/prefs', {
    config: { access: PUBLIC },
    schema: {
      hide: true,
      querystring: Type.Object({
        large: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
        contrast: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
        back: Type.Optional(Type.String({ maxLength: 500 })),
      }),
    },
    handler: async (req, reply) => {
      const prefs = parsePrefs(req.cookies[VIEW_COOKIE]);
      if (req.query.large) prefs.largeFont = req.query.large === '1';
      if (req.query.contrast) prefs.highContrast = req.query.contrast === '1';
      reply.setCookie(VIEW_COOKIE, serialisePrefs(prefs), {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 86400,
        httpOnly: true,
      });
      // Only same-site relative paths: an open redirect here would be a phishing aid.
      const back = req.query.back && /^\/(?!\/)[^\\]*$/.test(req.query.back) ? req.query.back : '/';
      return reply.redirect(back, 303);
    },
  });

  for (const [name, asset] of ASSETS)
    app.get(`/static/${name}`, {
      config: { access: PUBLIC },
      schema: { hide: true },
      handler: async (req, reply) => {
        reply.header('etag', asset.etag).header('cache-control', 'public, max-age=3600');
        if (req.headers['if-none-match'] === asset.etag) return reply.status(304).send();
        return reply.type(asset.type).send(asset.bytes);
      },
    });

  await siteRoutes(app, c, registry);
}
