/**
 * Registers the site group (站群) on the portal: the 部门导航 home block and navigation of a government,
 * its three group pages, the 上级政府门户 link and breadcrumb trail of every agency below a government,
 * and the pages' stylesheet.
 */
import { readFileSync } from 'node:fs';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { cachedPortalPage, portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import { renderDocument } from '../portal/portal.pages.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { provideSiteGroup } from '../portal/portal.site.js';
import { groupCatalogYears } from '../catalog/index.js';
import { pageParam, portalHome, queryParam, yearParam } from './sitegroup.rules.js';
import * as service from './sitegroup.service.js';
import { DirectoryPage, GroupCatalogPage, GroupSearchPage, PATHS } from './sitegroup.pages.js';

const CSS = readFileSync(new URL('./assets/sitegroup.css', import.meta.url));
/** The navigation group of the site-group pages (see portal.nav.ts). */
export const NAV_GROUP = '部门网站';
/** Departments listed in the home-page block (the rest are one click away on the 部门导航). */
const HOME_BLOCK_DEPARTMENTS = 12;

export async function sitegroupRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;

  provideSiteGroup(portal, async (orgId) => {
    const trail = await service.trailOf(ctx, orgId);
    return trail.superior || trail.trail.length > 0 ? trail : null;
  });

  portal.add({
    nav: (agency, base) =>
      agency.kind === 'government'
        ? [
            { href: `${base}${PATHS.directory}`, label: '部门导航', group: NAV_GROUP },
            { href: `${base}${PATHS.search}`, label: '站群检索', group: NAV_GROUP },
            { href: `${base}${PATHS.catalog}`, label: '站群公开目录', group: NAV_GROUP },
          ]
        : [],
    homeBlocks: async (agency, base) => {
      if (agency.kind !== 'government') return [];
      const departments = await service.departmentsOf(ctx, agency);
      return [
        {
          title: '部门导航',
          moreHref: `${base}${PATHS.directory}`,
          emptyText: '暂无所属部门网站',
          items: departments
            .slice(0, HOME_BLOCK_DEPARTMENTS)
            .map((d) => ({ href: portalHome(d), title: d.name })),
        },
      ];
    },
  });

  app.get('/static/sitegroup.css', {
    config: { access: PUBLIC },
    schema: { hide: true },
    handler: async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  });

  // The directory changes only with the org tree: cached like every portal page (settings changes show
  // within the cache's TTL).
  cachedPortalPage(
    app,
    c,
    portal,
    PATHS.directory,
    async (_req, page) => ({
      body: renderDocument(DirectoryPage({ ctx: page, sections: await service.directory(ctx, page.agency) })),
      contentType: 'text/html; charset=utf-8',
    }),
    { query: [] },
  );

  // Group pages read every member's content: not cached per agency (another agency's publication would
  // not refresh them); search is rate-limited like the agency's own.
  portalPage(
    app,
    PATHS.search,
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const query = req.query as Record<string, unknown>;
      const form = {
        q: queryParam(query.q, 100),
        agency: queryParam(query.agency, 64),
        year: yearParam(query.year),
        order: queryParam(query.order) === 'relevance' ? ('relevance' as const) : ('newest' as const),
      };
      const view = await service.groupSearch(ctx, page.agency, { ...form, page: pageParam(query.page) });
      const years = await groupCatalogYears(
        ctx,
        view.members.map((m) => m.id),
      );
      return sendHtml(reply, renderDocument(GroupSearchPage({ ctx: page, form, view, years })));
    },
    {},
    { rateLimit: { max: 60, timeWindow: '1 minute' } },
  );

  portalPage(app, PATHS.catalog, async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const query = req.query as Record<string, unknown>;
    const form = { agency: queryParam(query.agency, 64), year: yearParam(query.year) };
    const view = await service.groupCatalog(ctx, page.agency, { ...form, page: pageParam(query.page) });
    return sendHtml(reply, renderDocument(GroupCatalogPage({ ctx: page, form, view })));
  });
}
