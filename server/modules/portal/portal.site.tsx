/**
 * Site-wide pages of the portal shell: the HTML 网站地图 and /sitemap.xml (navigation pages plus what
 * each module contributes through the registry's `sitemap` hook), the site identity settings
 * (党政机关网站标识), the 联系我们 page and the 404 page drawn in the agency's layout with the visitor's display mode.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getSiteIdentity, putSiteIdentity } from '../../../contract/portal.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import { assertCan } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import { bumpContentVersion, VIEW_COOKIE } from './portal.cache.js';
import { Layout, type PageContext, type SiteIdentity } from './portal.layout.js';
import { renderDocument } from './portal.pages.js';
import * as repo from './portal.repository.js';
import { pageContextFor, type PortalRegistry, type SitemapEntry } from './portal.service.js';
import { cachedPortalPage } from './portal.routes.js';

/** Identity settings stay in memory this long (another process's change shows within it). */
const IDENTITY_TTL_MS = 30_000;
const identities = new WeakMap<PortalRegistry, Map<string, { at: number; value: SiteIdentity }>>();

/** The agency's place in the site group (站群): provided by the sitegroup module, none without it. */
export type SiteGroupProvider = (orgId: string) => Promise<SiteIdentity['group']>;
const groupProviders = new WeakMap<PortalRegistry, SiteGroupProvider>();

/** Lets the site-group module say where each agency sits (上级政府门户 link, breadcrumb trail). */
export function provideSiteGroup(registry: PortalRegistry, provider: SiteGroupProvider): void {
  groupProviders.set(registry, provider);
  identities.get(registry)?.clear();
}

export async function siteIdentityOf(
  c: Container,
  registry: PortalRegistry,
  orgId: string,
): Promise<SiteIdentity> {
  let memo = identities.get(registry);
  if (!memo) identities.set(registry, (memo = new Map<string, { at: number; value: SiteIdentity }>()));
  const hit = memo.get(orgId);
  if (hit && Date.now() - hit.at < IDENTITY_TTL_MS) return hit.value;
  const row = await repo.findSiteIdentity(c.ctx.db, orgId);
  const group = (await groupProviders.get(registry)?.(orgId)) ?? null;
  const value = {
    conacImageUrl: row?.conac_image_url ?? null,
    conacLinkUrl: row?.conac_link_url ?? null,
    group,
  };
  memo.set(orgId, { at: Date.now(), value });
  return value;
}

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!,
  );

/** Every public page of the agency: the navigation (grouped) and the contributed entries, deduplicated. */
async function sitemapEntries(registry: PortalRegistry, page: PageContext): Promise<SitemapEntry[]> {
  const seen = new Set<string>();
  const out: SitemapEntry[] = [];
  const add = (e: SitemapEntry) => {
    if (seen.has(e.path)) return;
    seen.add(e.path);
    out.push(e);
  };
  for (const n of page.nav) add({ path: n.href, title: n.label, section: n.group ?? '首页' });
  add({ path: `${page.base}/sitemap`, title: '网站地图', section: '首页' });
  add({ path: `${page.base}/contact`, title: '联系我们', section: '首页' });
  for (const e of await registry.sitemap(page.agency, page.base)) add(e);
  return out;
}

function SitemapPage({ ctx, entries }: { ctx: PageContext; entries: SitemapEntry[] }) {
  const sections = new Map<string, SitemapEntry[]>();
  for (const e of entries) {
    if (!e.title) continue;
    const key = e.section ?? '其他';
    sections.set(key, [...(sections.get(key) ?? []), e]);
  }
  return (
    <Layout
      ctx={ctx}
      title="网站地图"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/sitemap`, label: '网站地图' },
      ]}
      meta={{ columnName: '网站地图', description: `${ctx.agency.name}网站地图：本站全部栏目与页面` }}
    >
      <h1>网站地图</h1>
      <div class="sitemap-grid">
        {[...sections].map(([section, list]) => (
          <section class="card" aria-labelledby={`sm-${section}`}>
            <h2 id={`sm-${section}`}>{section}</h2>
            <ul class="item-list">
              {list.map((e) => (
                <li>
                  <a href={e.path}>{e.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p class="muted">
        本站另提供 <a href={`${ctx.base}/sitemap.xml`}>XML 格式网站地图</a>，供搜索引擎使用。
      </p>
    </Layout>
  );
}

/** 联系我们: the agency's contact details and where each kind of message goes (政府网站发展指引). */
function ContactPage({ ctx }: { ctx: PageContext }) {
  const a = ctx.agency;
  const rows: [string, string | null][] = [
    ['主办单位', a.footer_sponsor ?? a.name],
    ['办公地址', a.address],
    ['邮政编码', a.postcode],
    ['办公时间', a.office_hours],
    ['联系电话', a.phone],
    ['传真', a.fax],
    ['电子邮箱', a.email],
  ];
  return (
    <Layout
      ctx={ctx}
      title="联系我们"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/contact`, label: '联系我们' },
      ]}
      meta={{ columnName: '联系我们', description: `${a.name}联系方式：地址、电话、电子邮箱和办公时间` }}
    >
      <h1>联系我们</h1>
      <section class="card" aria-labelledby="contact-details">
        <h2 id="contact-details">{a.name}</h2>
        <dl class="meta">
          {rows
            .filter((r): r is [string, string] => Boolean(r[1]))
            .map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{k === '电子邮箱' ? <a href={`mailto:${v}`}>{v}</a> : v}</dd>
              </>
            ))}
        </dl>
      </section>
      <section class="card" aria-labelledby="contact-ways">
        <h2 id="contact-ways">办事与留言</h2>
        <ul class="item-list">
          <li>
            申请获取政府信息：<a href={`${ctx.base}/apply`}>在线提交政府信息公开申请</a>（另见
            <a href={`${ctx.base}/guide`}>政府信息公开指南</a>）
          </li>
          <li>
            咨询、建议、投诉：<a href={`${ctx.base}/hudong`}>互动交流</a>
          </li>
          <li>
            网站内容或功能有误：<a href={`${ctx.base}/hudong/zhaocuo`}>我为政府网站找错</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

function NotFoundPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="页面不存在" meta={{ columnName: '页面不存在' }}>
      <div class="error-page">
        <h1>404 页面不存在</h1>
        <p>您访问的页面不存在或已被移除。请检查网址，或通过以下方式查找所需信息：</p>
        <ul>
          <li>
            <a href={`${ctx.base}/`}>返回首页</a>
          </li>
          <li>
            <a href={`${ctx.base}/sitemap`}>查看网站地图</a>
          </li>
          <li>
            <a href={`${ctx.base}/search`}>站内检索</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

/** `/a/<code>/…` → code, else undefined (the agency served at the site root or by host). */
function codeOf(url: string): string | undefined {
  return /^\/a\/([^/?#]+)/.exec(url)?.[1];
}

export async function siteRoutes(app: App, c: Container, registry: PortalRegistry): Promise<void> {
  cachedPortalPage(
    app,
    c,
    registry,
    '/sitemap',
    async (_req, page) => ({
      body: renderDocument(SitemapPage({ ctx: page, entries: await sitemapEntries(registry, page) })),
      contentType: 'text/html; charset=utf-8',
    }),
    { query: [] },
  );

  cachedPortalPage(
    app,
    c,
    registry,
    '/contact',
    async (_req, page) => ({
      body: renderDocument(ContactPage({ ctx: page })),
      contentType: 'text/html; charset=utf-8',
    }),
    { query: [] },
  );

  cachedPortalPage(
    app,
    c,
    registry,
    '/sitemap.xml',
    async (_req, page) => {
      const entries = await sitemapEntries(registry, page);
      const urls = entries
        .map(
          (e) =>
            `<url><loc>${xmlEscape(registry.origin + e.path)}</loc>${
              e.lastmod ? `<lastmod>${xmlEscape(e.lastmod.slice(0, 10))}</lastmod>` : ''
            }</url>`,
        )
        .join('\n');
      return {
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`,
        contentType: 'application/xml; charset=utf-8',
      };
    },
    { query: [] },
  );

  app.get(
    '/api/portal/site-identity',
    { schema: routeSchema(getSiteIdentity), config: { access: needs('catalog.admin', 'org.settings') } },
    async (req) => {
      const orgId = req.actor.orgId;
      if (!orgId) throw forbidden('无所属机关');
      const row = await repo.findSiteIdentity(c.ctx.db, orgId);
      return {
        conacImageUrl: row?.conac_image_url ?? null,
        conacLinkUrl: row?.conac_link_url ?? null,
        updatedAt: row?.updated_at ?? null,
      };
    },
  );

  app.put(
    '/api/portal/site-identity',
    { schema: routeSchema(putSiteIdentity), config: { access: needs('org.settings') } },
    async (req) => {
      const actor = req.actor;
      assertCan(actor, 'org.settings');
      const orgId = actor.orgId;
      if (!orgId) throw forbidden('无所属机关');
      const row = {
        org_id: orgId,
        conac_image_url: req.body.conacImageUrl?.trim() || null,
        conac_link_url: req.body.conacLinkUrl?.trim() || null,
        updated_at: nowIso(c.ctx.clock),
      };
      await inTransaction(c.ctx, async (trx) => {
        await repo.upsertSiteIdentity(trx, row);
        await bumpContentVersion(trx, c.ctx.clock, orgId);
        await recordAudit(trx, c.ctx.clock, actor, {
          action: 'portal.site_identity.update',
          targetType: 'org',
          targetId: orgId,
          orgId,
          after: { conacImageUrl: row.conac_image_url, conacLinkUrl: row.conac_link_url },
        });
      });
      identities.get(registry)?.delete(orgId);
      return {
        conacImageUrl: row.conac_image_url,
        conacLinkUrl: row.conac_link_url,
        updatedAt: row.updated_at,
      };
    },
  );

  // The 404 page in the agency's layout (navigation, footer, large-font and contrast modes): the error
  // handler writes a plain page synchronously; for portal HTML requests it is replaced here.
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    if (reply.statusCode !== 404 || req.method !== 'GET') return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    if (req.url.startsWith('/api/') || req.url.startsWith('/admin') || req.url.startsWith('/static/'))
      return payload;
    try {
      const code = codeOf(req.url);
      const agency = await resolvePortalAgency(c.ctx, req.hostname, code);
      if (!agency) return payload;
      const page = await pageContextFor(registry, agency, {
        code,
        path: req.url.split('?')[0] ?? '/',
        prefsCookie: req.cookies[VIEW_COOKIE],
      });
      return renderDocument(NotFoundPage({ ctx: page }));
    } catch {
      return payload;
    }
  });
}
