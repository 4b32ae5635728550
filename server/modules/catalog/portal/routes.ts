/**
 * The catalog's public pages, registered on the portal shell. Every page goes through the rendered
 * page cache (portal.cache.ts): the catalog's publish/withdraw listeners bump the agency's content
 * version in the publishing transaction (search-sync.ts), so the next request renders afresh.
 */
import type { App } from '../../../http/app.js';
import type { Container } from '../../../container.js';
import { notFound } from '../../../platform/errors.js';
import { chinaDateOf } from '../../../platform/clock.js';
import type { Org } from '../../orgs/orgs.repository.js';
import * as orgRepo from '../../orgs/orgs.repository.js';
import { cachedPortalPage } from '../../portal/portal.routes.js';
import { renderDocument, type HomeBlock } from '../../portal/portal.pages.js';
import type { PageContext } from '../../portal/portal.layout.js';
import type { PortalRegistry } from '../../portal/portal.service.js';
import type { RenderedPage } from '../../portal/portal.cache.js';
import { publicSearch } from '../../search/search.service.js';
import type { Column } from '../catalog.repository.js';
import * as q from './public.repository.js';
import { positiveInt, queryText, rssXml } from './portal.format.js';
import {
  CatalogPage,
  ColumnPage,
  GuidePage,
  ItemPage,
  SearchPage,
  columnHref,
  type SearchForm,
} from './pages.js';
import { portalPageRoutes, readPortalPage } from './guide.js';
import { ITEM_KIND } from './search-sync.js';
import { VALIDITY_LABELS } from './portal.format.js';
import { itemNotices } from '../catalog.item-notices.js';

export const COLUMN_PAGE_SIZE = 20;
export const CATALOG_PAGE_SIZE = 20;
const HOME_BLOCK_COLUMNS = 6;
const ID_PATTERN = /^[0-9a-f-]{36}$/i;

const html = (body: string): RenderedPage => ({ body, contentType: 'text/html; charset=utf-8' });

function findByName(columns: readonly Column[], part: string): Column | undefined {
  return columns.find((c) => c.name.includes(part));
}

/** Top-level columns that get their own home block and nav entry (not the 指南/制度/年报 columns). */
function mainColumns(columns: readonly Column[]): Column[] {
  return columns.filter((c) => c.parent_id === null && !/指南|年报|公开制度/.test(c.name));
}

async function homeBlocks(c: Container, agency: Org, base: string): Promise<HomeBlock[]> {
  const db = c.ctx.db;
  const columns = await q.publicColumns(db, agency.id);
  const ctx = { base } as PageContext;
  const quick: HomeBlock = {
    title: '政府信息公开',
    emptyText: '',
    items: [
      { href: `${base}/guide`, title: '政府信息公开指南' },
      { href: `${base}/catalog`, title: '政府信息公开目录' },
      { href: `${base}/reports`, title: '政府信息公开年报' },
      { href: `${base}/apply`, title: '依申请公开（在线申请）' },
      { href: `${base}/search`, title: '站内检索' },
    ],
  };
  const blocks: HomeBlock[] = [quick];
  const notices = findByName(columns, '通知公告');
  const chosen = [...(notices ? [notices] : []), ...mainColumns(columns).filter((x) => x !== notices)].slice(
    0,
    HOME_BLOCK_COLUMNS,
  );
  for (const column of chosen) {
    const items = await q.publicItems(db, agency.id, { columnIds: q.subtreeIds(columns, column.id) }, 7);
    blocks.push({
      title: column.name,
      moreHref: columnHref(ctx, column),
      emptyText: '暂无信息',
      items: items.map((i) => ({
        href: `${base}/items/${i.id}`,
        title: i.validity === 'valid' ? i.title : `${i.title}（${VALIDITY_LABELS[i.validity]}）`,
        date: i.published_on ?? undefined,
      })),
    });
  }
  return blocks;
}

async function nav(c: Container, agency: Org, base: string) {
  const columns = await q.publicColumns(c.ctx.db, agency.id);
  const ctx = { base } as PageContext;
  // 政务公开: the guide, the catalog and the static/periodic columns; 政务动态: dynamic columns and notices.
  return [
    { href: `${base}/guide`, label: '公开指南', group: '政务公开' },
    { href: `${base}/catalog`, label: '公开目录', group: '政务公开' },
    ...mainColumns(columns).map((col) => ({
      href: columnHref(ctx, col),
      label: col.name,
      group: col.update_class === 'dynamic' || col.name.includes('通知公告') ? '政务动态' : '政务公开',
    })),
    { href: `${base}/search`, label: '站内检索' },
  ];
}

/** Plain-text excerpt for feeds and descriptions. */
function excerpt(text: string | null | undefined, max = 160): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Sitemap entries: every public column and every published item (with its last change). */
async function sitemap(c: Container, agency: Org, base: string) {
  const ctx = { base } as PageContext;
  const columns = await q.publicColumns(c.ctx.db, agency.id);
  const items = await q.sitemapItems(c.ctx.db, agency.id);
  return [
    ...columns.map((col) => ({
      path: columnHref(ctx, col),
      title: col.name,
      section: col.update_class === 'dynamic' || col.name.includes('通知公告') ? '政务动态' : '政务公开',
    })),
    ...items.map((i) => ({ path: `${base}/items/${i.id}`, lastmod: i.content_updated_at ?? i.published_at })),
  ];
}

/** Registers the catalog's portal pages, navigation and home blocks, and the 指南 text API. */
export async function registerCatalogPortal(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const db = c.ctx.db;
  portal.add({
    nav: (agency, base) => nav(c, agency, base),
    sitemap: (agency, base) => sitemap(c, agency, base),
    homeBlocks: (agency, base) => homeBlocks(c, agency, base),
  });

  const columnOf = async (page: PageContext, code: string) => {
    const columns = await q.publicColumns(db, page.agency.id);
    const column = columns.find((x) => x.code === code);
    if (!column) throw notFound('column', '栏目不存在');
    return { columns, column };
  };

  cachedPortalPage(
    app,
    c,
    portal,
    '/columns/:column',
    async (req, page) => {
      const { columns, column } = await columnOf(page, (req.params as { column: string }).column);
      const filter = { columnIds: q.subtreeIds(columns, column.id) };
      const total = await q.countPublicItems(db, page.agency.id, filter);
      const pageCount = Math.max(1, Math.ceil(total / COLUMN_PAGE_SIZE));
      const n = Math.min(positiveInt((req.query as Record<string, unknown>).page, 1), pageCount);
      const items = await q.publicItems(
        db,
        page.agency.id,
        filter,
        COLUMN_PAGE_SIZE,
        (n - 1) * COLUMN_PAGE_SIZE,
        total,
      );
      return html(
        renderDocument(ColumnPage({ ctx: page, columns, column, items, total, page: n, pageCount })),
      );
    },
    { query: ['page'] },
  );

  cachedPortalPage(
    app,
    c,
    portal,
    '/columns/:column/rss.xml',
    async (req, page) => {
      const { columns, column } = await columnOf(page, (req.params as { column: string }).column);
      const items = await q.publicItems(
        db,
        page.agency.id,
        { columnIds: q.subtreeIds(columns, column.id) },
        30,
      );
      const site = (page.origin ?? '') + page.base;
      const heads = await q.bodyExcerpts(
        db,
        page.agency.id,
        items.filter((i) => !i.summary).map((i) => i.id),
      );
      const body = rssXml({
        title: `${column.name} - ${page.agency.name}`,
        link: `${site}/columns/${encodeURIComponent(column.code)}`,
        selfLink: `${site}/columns/${encodeURIComponent(column.code)}/rss.xml`,
        description: column.description ?? `${page.agency.name}“${column.name}”栏目最新信息`,
        lastBuildDate: items[0]?.content_updated_at ?? items[0]?.published_at ?? column.updated_at,
        items: items.map((i) => ({
          title: i.title,
          link: `${site}/items/${i.id}`,
          description: i.summary ?? excerpt(heads.get(i.id)),
          pubDate: i.published_at ?? `${i.published_on}T00:00:00Z`,
        })),
      });
      return { body, contentType: 'application/rss+xml; charset=utf-8' };
    },
    { query: [] },
  );

  cachedPortalPage(
    app,
    c,
    portal,
    '/items/:id',
    async (req, page) => {
      const id = (req.params as { id: string }).id;
      const item = ID_PATTERN.test(id) ? await q.publicItem(db, page.agency.id, id) : undefined;
      if (!item) throw notFound('item', '信息不存在或已撤回');
      const [columns, attachments, links, notices] = await Promise.all([
        q.publicColumns(db, page.agency.id),
        q.publicAttachments(db, item.published_revision_id),
        q.publicLinks(db, item.id),
        itemNotices(c.ctx, page.agency.id, item.id, page.base),
      ]);
      const replacedTitle = item.replaced_by_item_id
        ? await q.publicItemTitle(db, page.agency.id, item.replaced_by_item_id)
        : undefined;
      const replacedBy = replacedTitle ? { id: item.replaced_by_item_id!, title: replacedTitle } : null;
      return html(
        renderDocument(ItemPage({ ctx: page, columns, item, attachments, links, replacedBy, notices })),
      );
    },
    { query: [] },
  );

  cachedPortalPage(
    app,
    c,
    portal,
    '/catalog',
    async (req, page) => {
      const query = req.query as Record<string, unknown>;
      const [columns, topics, years] = await Promise.all([
        q.publicColumns(db, page.agency.id),
        q.publicTopics(db, page.agency.id),
        q.publicYears(db, page.agency.id),
      ]);
      const filters = {
        column: queryText(query.column, 64),
        topic: queryText(query.topic, 100),
        year: queryText(query.year, 4),
        validity: queryText(query.validity, 10),
      };
      const column = columns.find((x) => x.code === filters.column);
      const year = /^\d{4}$/.test(filters.year) ? Number(filters.year) : undefined;
      const filter: q.ItemListFilter = {
        columnIds: filters.column ? (column ? q.subtreeIds(columns, column.id) : []) : undefined,
        topic: filters.topic || undefined,
        year,
        validity: filters.validity in VALIDITY_LABELS ? filters.validity : undefined,
      };
      const total = await q.countPublicItems(db, page.agency.id, filter);
      const pageCount = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
      const n = Math.min(positiveInt(query.page, 1), pageCount);
      const items = await q.publicItems(
        db,
        page.agency.id,
        filter,
        CATALOG_PAGE_SIZE,
        (n - 1) * CATALOG_PAGE_SIZE,
        total,
      );
      return html(
        renderDocument(
          CatalogPage({ ctx: page, columns, topics, years, filters, items, total, page: n, pageCount }),
        ),
      );
    },
    { query: ['column', 'topic', 'year', 'validity', 'page'] },
  );

  cachedPortalPage(
    app,
    c,
    portal,
    '/guide',
    async (req, page) => {
      const columns = await q.publicColumns(db, page.agency.id);
      const text = await readPortalPage(c.ctx, page.agency.id, 'guide');
      return html(
        renderDocument(
          GuidePage({
            ctx: page,
            columns,
            extraHtml: text.bodyHtml || null,
            updatedOn: text.updatedAt ? chinaDateOf(text.updatedAt) : null,
            // One 政府信息公开年报 destination: the annual-report module's /reports.
            annualReportHref: `${page.base}/reports`,
            siteUrl: `${page.origin ?? ''}${page.base}/`,
          }),
        ),
      );
    },
    { query: [] },
  );

  cachedPortalPage(
    app,
    c,
    portal,
    '/search',
    async (req, page) => {
      const query = req.query as Record<string, unknown>;
      const form: SearchForm = {
        q: queryText(query.q, 100),
        column: queryText(query.column, 64),
        year: queryText(query.year, 4),
        publisher: queryText(query.publisher, 200),
        validity: queryText(query.validity, 10),
        scope: queryText(query.scope) === 'group' ? 'group' : 'agency',
        order: queryText(query.order) === 'relevance' ? 'relevance' : 'newest',
      };
      const [columns, years, publishers] = await Promise.all([
        q.publicColumns(db, page.agency.id),
        q.publicYears(db, page.agency.id),
        q.publicPublishers(db, page.agency.id),
      ]);
      const agencyNames = new Map<string, { name: string; base: string }>();
      let orgIds = [page.agency.id];
      if (form.scope === 'group') {
        const all = (await orgRepo.listAll(db)).filter((o) => !o.retired_at && o.kind !== 'division');
        orgIds = all.map((o) => o.id);
        for (const o of all) agencyNames.set(o.id, { name: o.name, base: `/a/${o.code}` });
      }
      const column = form.scope === 'agency' ? columns.find((x) => x.code === form.column) : undefined;
      const result = form.q
        ? await publicSearch(c.ctx, {
            q: form.q,
            orgIds,
            filters: {
              kind: undefined,
              columnIds: column ? q.subtreeIds(columns, column.id) : undefined,
              year: /^\d{4}$/.test(form.year) ? Number(form.year) : undefined,
              publisher: form.publisher || undefined,
              validity: form.validity in VALIDITY_LABELS ? form.validity : undefined,
            },
            page: positiveInt(query.page, 1, 10_000),
            order: form.order,
          })
        : null;
      return html(
        renderDocument(SearchPage({ ctx: page, form, columns, years, publishers, result, agencyNames })),
      );
    },
    // Searching is the one public read that costs real work per distinct query: rate-limit it.
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      query: ['q', 'column', 'year', 'publisher', 'validity', 'scope', 'order', 'page'],
    },
  );

  await portalPageRoutes(app, c);
}

export { ITEM_KIND };
