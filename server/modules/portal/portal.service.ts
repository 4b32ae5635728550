import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import type { HomeBlock } from './portal.pages.js';
import type { Banner, NavItem, PageContext, ViewPrefs } from './portal.layout.js';
import { RenderedPageCache } from './portal.cache.js';

/**
 * Modules contribute to every agency's portal through these hooks (navigation entries, home-page
 * blocks), so the shell knows nothing of catalog, requests or reports.
 */
export interface PortalContributor {
  nav?(agency: Org, base: string): Promise<NavItem[]> | NavItem[];
  homeBlocks?(agency: Org, base: string): Promise<HomeBlock[]> | HomeBlock[];
  /** Notices shown at the top of every page of the agency while they apply (risk warnings in force). */
  banners?(agency: Org, base: string): Promise<Banner[]> | Banner[];
}

export class PortalRegistry {
  private readonly contributors: PortalContributor[] = [];
  /** Rendered public pages of this app (see portal.cache.ts). */
  readonly pageCache = new RenderedPageCache();

  add(contributor: PortalContributor): void {
    this.contributors.push(contributor);
  }

  async nav(agency: Org, base: string): Promise<NavItem[]> {
    const items: NavItem[] = [{ href: `${base}/`, label: '首页' }];
    for (const c of this.contributors) if (c.nav) items.push(...(await c.nav(agency, base)));
    return items;
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
  };
}
