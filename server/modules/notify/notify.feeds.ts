/**
 * Site feeds (RSS 2.0) for people who follow the portal without an account: the whole site's newest
 * published information (主动公开), 双公示 decisions and accident reports (生产安全事故). Column feeds are
 * the catalog's (`/columns/<code>/rss.xml`), warnings have their Atom/CAP feed (`/yujing/feed.xml`).
 */
import type { App } from '../../http/app.js';
import type { Container } from '../../container.js';
import { systemActor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { listItems } from '../catalog/index.js';
import { publicAccidents, publicDecisions } from '../enforcement/enforcement.service.js';
import { portalPage, requirePortal } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { rssFeed, type FeedItem } from './notify.rules.js';

const DECISION_KIND: Record<string, string> = {
  license: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
};
const ACCIDENT_LEVEL: Record<string, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};
const FEED_SIZE = 30;

/** The feeds every agency's portal offers, listed on the subscription page. */
export const SITE_FEEDS = [
  { path: '/rss.xml', label: '全站最新公开信息' },
  { path: '/shuanggongshi/rss.xml', label: '双公示（行政许可、行政处罚、行政强制）' },
  { path: '/shigu/rss.xml', label: '生产安全事故信息' },
  { path: '/yujing/feed.xml', label: '预警信息（Atom / CAP 1.2）' },
] as const;

export function notifyFeeds(app: App, c: Container, portal: PortalRegistry): void {
  const ctx = c.ctx;
  const origin = c.config.publicBaseUrl;
  const feed = (
    path: string,
    title: (agency: string) => string,
    description: string,
    items: (orgId: string, site: string) => Promise<FeedItem[]>,
  ) =>
    portalPage(app, path, async (req, reply) => {
      const pctx = await requirePortal(c, portal, req);
      const site = `${origin}${pctx.base}`;
      const xml = rssFeed({
        title: title(pctx.agency.name),
        link: `${site}${path.replace(/\/?rss\.xml$/, '') || '/'}`,
        selfLink: `${site}${path}`,
        description,
        items: await items(pctx.agency.id, site),
        now: nowIso(ctx.clock),
      });
      return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
    });

  feed(
    '/rss.xml',
    (a) => `${a}政府信息公开`,
    '本机关最新主动公开的政府信息',
    async (orgId, site) => {
      const { items } = await listItems(ctx, systemActor('订阅源', orgId), {
        orgId,
        status: 'published',
        pageSize: FEED_SIZE,
      });
      return items
        .filter((i) => i.publishedAt)
        .sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!))
        .map((i) => ({
          title: i.title,
          link: `${site}/items/${i.id}`,
          description: [i.columnName, i.docNumber, i.publisher].filter(Boolean).join('｜'),
          pubDate: i.publishedAt!,
        }));
    },
  );
  feed(
    '/shuanggongshi/rss.xml',
    (a) => `${a}双公示`,
    '行政许可、行政处罚、行政强制决定信息（公示期内）',
    async (orgId, site) =>
      (await publicDecisions(ctx, orgId, { pageSize: FEED_SIZE })).items.map((d) => ({
        title: `${DECISION_KIND[d.kind] ?? d.kind}：${d.counterparty_name}（${d.decision_number}）`,
        link: `${site}/shuanggongshi/${d.id}`,
        description: `决定日期 ${d.decision_date}${d.item_name ? `｜${d.item_name}` : ''}`,
        pubDate: d.published_at ?? `${d.decision_date}T00:00:00+08:00`,
      })),
  );
  feed(
    '/shigu/rss.xml',
    (a) => `${a}生产安全事故信息`,
    '生产安全事故调查报告与处理信息',
    async (orgId, site) =>
      (await publicAccidents(ctx, orgId, {})).items.map((a) => ({
        title: a.title,
        link: `${site}/shigu/${a.id}`,
        description: `${ACCIDENT_LEVEL[a.level] ?? ''}｜发生日期 ${a.occurred_on}${a.enterprise_name ? `｜${a.enterprise_name}` : ''}`,
        pubDate: a.published_at ?? `${a.occurred_on}T00:00:00+08:00`,
      })),
  );
}
