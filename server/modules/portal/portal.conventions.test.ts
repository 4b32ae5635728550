/**
 * Government-site conventions on the portal (issue 15): page metadata on every page kind, footer
 * identifiers, grouped navigation, the HTML 网站地图, origins from PUBLIC_BASE_URL (never Host), RSS
 * descriptions, the 404 page in the agency layout with the display mode, and the site-identity slot.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../test/http.js';

const PAGES = [
  '/',
  '/guide',
  '/catalog',
  '/columns/gzdt',
  '/search?q=应急',
  '/sitemap',
  '/reports',
  '/apply',
  '/contact',
];

describeEachDialect(
  'portal conventions',
  (getDb) => {
    let t: TestApp;
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url, headers: { accept: 'text/html', ...headers } });
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-06T02:00:00Z' });
    }, 180_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it('every page kind carries the site metadata; item pages the article metadata', async () => {
      const column = await get('/columns/gzdt');
      const itemHref = /href="(\/items\/[0-9a-f-]{36})"/.exec(column.body)![1]!;
      for (const url of [...PAGES, itemHref]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        for (const name of ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'Keywords', 'Description'])
          expect(res.body, `${url} ${name}`).toMatch(new RegExp(`<meta name="${name}" content="[^"]+"`));
        expect(res.body).toContain('<meta name="SiteName" content="示例市应急管理局"');
        expect(res.body).toContain('<meta name="SiteIDCode" content="3703000012"');
        expect(res.body).toContain('<meta name="SiteDomain" content="localhost:3000"');
      }
      const item = await get(itemHref);
      expect(item.body).toMatch(/<meta name="ArticleTitle" content="[^"]+"/);
      expect(item.body).toMatch(/<meta name="PubDate" content="\d{4}-\d{2}-\d{2}"/);
      expect(item.body).toContain('<meta name="ContentSource" content="示例市应急管理局"');
      expect(item.body).toContain('class="article-tools"');
      expect(item.body).toContain('data-print');
      expect(item.body).toContain('/static/portal-print.css');
    });

    it('footer: 网站地图, 我为政府网站找错, separated identifiers, 公安备案 linked with its icon', async () => {
      const res = await get('/');
      expect(res.body).toContain('href="/sitemap"');
      expect(res.body).toContain('href="/hudong/zhaocuo"');
      expect(res.body).toContain('href="/contact"');
      const contact = await get('/contact');
      expect(contact.statusCode).toBe(200);
      expect(contact.body).toContain('<h1>联系我们</h1>');
      expect(contact.body).toContain('主办单位');
      expect((await get('/sitemap')).body).toContain('href="/contact"');
      expect(res.body).toMatch(
        /网站标识码：3703000012<\/span><span class="sep" aria-hidden="true">\|<\/span>/,
      );
      expect(res.body).toContain('href="https://beian.mps.gov.cn/#/query/webSearch?code=37030002000001"');
      expect(res.body).toContain('src="/static/police-badge.svg"');
      expect((await t.app.inject({ url: '/static/police-badge.svg' })).statusCode).toBe(200);
    });

    it('navigation is grouped: the bar has at most 8 entries, every module entry sits in a group', async () => {
      const res = await get('/');
      const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(res.body)![0];
      const top = nav.match(/<ul class="wrap">([\s\S]*)<\/ul>/)![1]!;
      // Top-level <li> count: entries and groups.
      const depth = top.split(/(<li|<\/li>)/).reduce(
        (acc, part) => {
          if (part === '<li') {
            if (acc.d === 0) acc.n++;
            acc.d++;
          } else if (part === '</li>') acc.d--;
          return acc;
        },
        { d: 0, n: 0 },
      );
      expect(depth.n).toBeLessThanOrEqual(8);
      expect(nav).toContain('<summary');
      for (const label of ['公开目录', '依申请公开', '双公示', '政府信息公开年报'])
        expect(nav).toContain(label);
      expect((nav.match(/政府信息公开年报/g) ?? []).length).toBe(1);
    });

    it('the HTML 网站地图 and sitemap.xml list every page kind, with PUBLIC_BASE_URL whatever the Host', async () => {
      const html = await get('/sitemap');
      for (const label of ['公开指南', '工作动态', '双公示', '事故调查报告', '挂牌督办', '政府信息公开年报'])
        expect(html.body).toContain(label);
      const xml = await t.app.inject({ url: '/sitemap.xml', headers: { host: 'evil.example' } });
      expect(xml.statusCode).toBe(200);
      expect(xml.body).not.toContain('evil.example');
      for (const path of [
        '/guide',
        '/catalog',
        '/columns/gzdt',
        '/reports',
        '/shuanggongshi',
        '/shigu',
        '/guapai',
      ])
        expect(xml.body).toContain(`<loc>http://localhost:3000${path}</loc>`);
      expect(xml.body).toMatch(/<loc>http:\/\/localhost:3000\/items\/[0-9a-f-]{36}<\/loc><lastmod>/);
    });

    it('RSS links come from PUBLIC_BASE_URL and every item has a description', async () => {
      const rss = await t.app.inject({ url: '/columns/gzdt/rss.xml', headers: { host: 'evil.example' } });
      expect(rss.statusCode).toBe(200);
      expect(rss.body).not.toContain('evil.example');
      const items = rss.body.match(/<item>[\s\S]*?<\/item>/g) ?? [];
      expect(items.length).toBeGreaterThan(0);
      for (const i of items) expect(i).toMatch(/<description>[^<]+<\/description>/);
    });

    it('the 404 page has the agency layout and honours large-font and contrast modes', async () => {
      const res = await get('/no-such-page', { cookie: 'gk_view=large,contrast' });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('404 页面不存在');
      expect(res.body).toContain('class="site-nav"');
      expect(res.body).toContain('<body class="large-font high-contrast">');
      expect(res.body).toContain('href="/sitemap"');
      const api = await t.app.inject({ url: '/api/nothing-here' });
      expect(api.headers['content-type']).toContain('application/problem+json');
    });

    it('the 党政机关网站标识 slot shows the image and link the office configured', async () => {
      const office = await signedIn(t.app, 'office');
      const bad = await office.request('PUT', '/api/portal/site-identity', {
        conacImageUrl: 'javascript:alert(1)',
        conacLinkUrl: null,
      });
      expect(bad.statusCode).toBe(400);
      const ok = await office.request('PUT', '/api/portal/site-identity', {
        conacImageUrl: 'https://dcs.conac.cn/image/red.png',
        conacLinkUrl: 'https://bszs.conac.cn/sitename?method=show&id=ABC',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const res = await get('/');
      expect(res.body).toContain('<img src="https://dcs.conac.cn/image/red.png" alt="党政机关网站标识"');
      expect(res.body).toContain('href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC"');
      const clerk = await signedIn(t.app, 'clerk');
      expect(
        (await clerk.request('PUT', '/api/portal/site-identity', { conacImageUrl: null, conacLinkUrl: null }))
          .statusCode,
      ).toBe(403);
    });
  },
  { seeded: true },
);

describeEachDialect(
  'portal cache keys',
  (getDb) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-06T02:00:00Z' });
    }, 180_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it('parameters a page does not accept hit the same cache entry (no forced renders)', async () => {
      const first = await t.app.inject({ url: '/' });
      expect(first.statusCode).toBe(200);
      const sizeAfterFirst = t.app.portalPages.size;
      for (const junk of ['/?x=1', '/?x=2&y=3', '/?page=9']) {
        const res = await t.app.inject({ url: junk });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-portal-cache'], junk).toBe('hit');
        expect(res.body).toBe(first.body);
      }
      expect(t.app.portalPages.size).toBe(sizeAfterFirst);
      // Accepted parameters still make their own pages, in any order.
      await t.app.inject({ url: '/columns/gzdt?page=1' });
      const again = await t.app.inject({ url: '/columns/gzdt?utm=1&page=1' });
      expect(again.headers['x-portal-cache']).toBe('hit');
      const search1 = await t.app.inject({ url: `/search?q=${encodeURIComponent('应急')}&order=newest` });
      expect(search1.statusCode).toBe(200);
      const search2 = await t.app.inject({
        url: `/search?order=newest&junk=1&q=${encodeURIComponent('应急')}`,
      });
      expect(search2.headers['x-portal-cache']).toBe('hit');
    });
  },
  { seeded: true },
);
