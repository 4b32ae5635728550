import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import type { HomeBlock } from './portal.pages.js';
import type { Banner, NavItem, PageContext, SiteIdentity, ViewPrefs } from './portal.layout.js';
import { arrangeNav } from './portal.nav.js';
import { RenderedPageCache } from './portal.cache.js';

/**
 * Modules contribute to every agency's portal through these hooks (navigation entries, home-page
 * blocks), so the shell knows nothing of catalog, requests or reports.
 */
export interface PortalContributor {
  nav?(agency: Org, base: string): Promise<NavItem[]> | NavItem[];
  homeBlocks?(agency: Org, base: string): Promise<HomeBlock[]> | HomeBlock[];
  /**
   * Public pages this module adds to /sitemap.xml and the HTML 网站地图 (paths start with `base`).
   * Navigation entries are listed already; contribute the detail pages and sections below them.
   */
  sitemap?(agency: Org, base: string): Promise<SitemapEntry[]> | SitemapEntry[];
  /** Notices shown at the top of every page of the agency while they apply (risk warnings in force). */
  banners?(agency: Org, base: string): Promise<Banner[]> | Banner[];
}

/** One public page for the sitemap: a path under the agency's base, its last change, an optional title. */
export interface SitemapEntry {
  path: string;
  lastmod?: string | null;
  /** Shown on the HTML 网站地图 when given (detail pages usually have none and are left to the XML). */
  title?: string;
  /** Heading the page is listed under on the HTML 网站地图. */
  section?: string;
}

export class PortalRegistry {
  private readonly contributors: PortalContributor[] = [];
  /** PUBLIC_BASE_URL without a trailing slash; RSS, sitemap and SiteDomain take it, never the Host header. */
  origin = 'http://localhost:3000';
  /** Per-agency site identity (党政机关网站标识), loaded by the portal routes. */
  siteIdentity: (agency: Org) => Promise<SiteIdentity> = () =>
    Promise.resolve({ conacImageUrl: null, conacLinkUrl: null });
  /** Rendered public pages of this app (see portal.cache.ts), bounded in bytes (config PAGE_CACHE_MB). */
  readonly pageCache: RenderedPageCache;

  constructor(options: { pageCacheBytes?: number } = {}) {
    this.pageCache = new RenderedPageCache(
      options.pageCacheBytes === undefined ? {} : { maxBytes: options.pageCacheBytes },
    );
  }

  add(contributor: PortalContributor): void {
    this.contributors.push(contributor);
  }

  async nav(agency: Org, base: string): Promise<NavItem[]> {
    const items: NavItem[] = [{ href: `${base}/`, label: '首页' }];
    for (const c of this.contributors) if (c.nav) items.push(...(await c.nav(agency, base)));
    return arrangeNav(items, base);
  }

  /** Every contributed sitemap entry (navigation pages are added by the sitemap routes). */
  async sitemap(agency: Org, base: string): Promise<SitemapEntry[]> {
    const out: SitemapEntry[] = [];
    for (const c of this.contributors) if (c.sitemap) out.push(...(await c.sitemap(agency, base)));
    return out;
  }

  async banners(agency: Org, base: string): Promise<Banner[]> {
    const out: Banner[] = [];
    for (const c of this.contributors) if (c.banners) out.push(...(await c.banners(agency, base)));
    return out;
  }

  async homeBlocks(agency: Org, base: string): Promise<HomeBlock[]> {
    const blocks: HomeBlock[] = [];
    for (const c of this.contributors) if (c.homeBlocks) blocks.push(...(await c.homeBlocks(agency, base)));
    return blocks;
  }
}

/** Parses the `gk_view` cookie ("large,contrast"). */
export function parsePrefs(cookie: string | undefined): ViewPrefs {
  const parts = new Set((cookie ?? '').split(','));
  return { largeFont: parts.has('large'), highContrast: parts.has('contrast') };
}

export function serialisePrefs(p: ViewPrefs): string {
  return [p.largeFont ? 'large' : '', p.highContrast ? 'contrast' : ''].filter(Boolean).join(',');
}

/** Resolves the agency for a portal request and builds the page context; undefined when there is none. */
export async function portalContext(
  ctx: Ctx,
  registry: PortalRegistry,
  input: { host?: string; code?: string; path: string; prefsCookie?: string },
): Promise<PageContext | undefined> {
  const agency = await resolvePortalAgency(ctx, input.host, input.code);
  if (!agency) return undefined;
  return pageContextFor(registry, agency, input);
}

/** The page context for an agency already resolved (navigation comes from the contributors). */
export async function pageContextFor(
  registry: PortalRegistry,
  agency: Org,
  input: { code?: string; path: string; prefsCookie?: string },
): Promise<PageContext> {
  const base = input.code ? `/a/${agency.code}` : '';
  return {
    agency,
    base,
    nav: await registry.nav(agency, base),
    banners: await registry.banners(agency, base),
    prefs: parsePrefs(input.prefsCookie),
    path: input.path,
    origin: registry.origin,
    site: await registry.siteIdentity(agency),
  };
}
