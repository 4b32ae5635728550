import { beforeAll, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { describeEachDialect } from '../../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../../test/http.js';
import { reindex, searchIndex } from '../../search/search.service.js';

/** Strict XML well-formedness (saxes throws on the first error); returns element names in order. */
function parseXml(xml: string): string[] {
  const names: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => names.push(t.local));
  parser.write(xml).close();
  return names;
}

const DEMO_PEOPLE = ['王政务', '李信息', '赵保密', '孙分管', '周局长', '吴督查'];

describeEachDialect(
  'catalog portal pages',
  (getDatabase) => {
    let t: TestApp;
    let itemId: string;
    let itemTitle: string;
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

    beforeAll(async () => {
      // Seeding the demo agency runs the whole publishing workflow: slow on PGlite.
      t = await createTestApp(getDatabase(), { seed: false });
      const row = await t.container.ctx.db
        .selectFrom('catalog_items')
        .select(['id', 'title'])
        .where('status', '=', 'published')
        .where('title', 'like', '%举报奖励办法（修订）》的通知')
        .executeTakeFirstOrThrow();
      itemId = row.id;
      itemTitle = row.title;
    }, 240_000);

    it('serves every page with its content, at / and at /a/<code>/', async () => {
      const pages: [string, RegExp][] = [
        ['/', /政府信息公开指南[\s\S]*通知公告/],
        ['/columns/zcwj', /政策文件[\s\S]*共 \d+ 条信息/],
        ['/columns/tzgg', /烟花爆竹/],
        [
          `/items/${itemId}`,
          /索引号[\s\S]*113703000MB158465B\/2025-\d{5}[\s\S]*成文日期[\s\S]*文号[\s\S]*发布日期[\s\S]*有效性/,
        ],
        ['/catalog', /政府信息公开目录[\s\S]*<th scope="col">索引号<\/th>/],
        ['/guide', /政府信息的分类与编排体系[\s\S]*0533-1234568[\s\S]*yjj@shili\.example\.gov\.cn/],
        ['/search', /站内检索/],
      ];
      for (const [url, content] of pages) {
        for (const prefix of ['', '/a/shili-yjj']) {
          const res = await get(prefix + url);
          expect(res.statusCode, prefix + url).toBe(200);
          expect(res.headers['content-type']).toMatch(/text\/html/);
          expect(res.body, prefix + url).toMatch(content);
          if (prefix) expect(res.body).toContain('href="/a/shili-yjj/');
          for (const name of DEMO_PEOPLE) expect(res.body, `${url} leaks ${name}`).not.toContain(name);
        }
      }
    });

    it('shows the item page with links, and 404s for unknown or malformed ids and columns', async () => {
      const res = await get(`/items/${itemId}`);
      expect(res.body).toContain(`<h1 id="item-title" class="item-title">${itemTitle}</h1>`);
      expect(res.body).toContain('政策解读：');
      expect(res.body).toContain('公开方式');
      expect(res.body).toMatch(/《条例》第二十条（[一二三四五六七八九十]+）|<td>—<\/td>/);
      expect((await get('/items/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
      expect((await get('/items/not-an-id')).statusCode).toBe(404);
      const missing = await get('/columns/no-such-column');
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('页面不存在');
      expect((await get('/a/nope/catalog')).statusCode).toBe(404);
    });

    it('paginates column lists and the 目录, and filters the 目录', async () => {
      const all = await get('/catalog');
      const total = Number(/共 (\d+) 条/.exec(all.body)![1]);
      expect(total).toBeGreaterThan(20);
      expect(all.body).toContain('aria-label="分页"');
      const p2 = await get('/catalog?page=2');
      expect(p2.body).toContain('<span aria-current="page"><span class="visually-hidden">第</span>2');
      const filtered = await get(`/catalog?column=zcwj&validity=repealed`);
      expect(filtered.body).toMatch(/共 1 条/);
      expect(filtered.body).toContain('废止');
      const y = await get('/catalog?year=1999');
      expect(y.body).toMatch(/共 0 条/);
      expect(y.body).toContain('没有符合条件的信息');
      // Junk parameters do not break the page.
      expect((await get('/catalog?page=abc&year=x&column=%3Cb%3E')).statusCode).toBe(200);
      expect((await get('/columns/zcwj?page=999')).statusCode).toBe(200);
    });

    it('searches two-character words with highlighted, escaped results', async () => {
      const res = await get(`/search?q=${encodeURIComponent('应急')}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/找到与“<strong>应急<\/strong>”相关的信息 \d+ 条/);
      expect(res.body).toContain('<mark>应急</mark>');
      const evil = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script>"安全"')}`);
      expect(evil.statusCode).toBe(200);
      expect(evil.body).not.toContain('<script');
      expect(evil.body).toContain('<strong>&lt;script>alert(1)&lt;/script>&quot;安全&quot;</strong>');
      const filtered = await get(`/search?q=${encodeURIComponent('安全')}&column=tzgg`);
      expect(filtered.body).toContain('烟花爆竹');
      expect(filtered.body).not.toContain('举报奖励');
      const phrase = await get(`/search?q=${encodeURIComponent('"节假日期间烟花爆竹"')}`);
      expect(phrase.body).toMatch(/相关的信息 1 条/);
    });

    it('answers 304 for a current ETag and changes it when content is withdrawn', async () => {
      const first = await get('/');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"v\d+-/);
      expect(first.headers['cache-control']).toBe('public, no-cache');
      const again = await get('/', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.headers['x-portal-cache']).toBe('hit');
      const columnPage = await get('/columns/tzgg');
      const notice = /href="\/items\/([0-9a-f-]{36})">关于节假日期间烟花爆竹安全管理的通告/.exec(
        columnPage.body,
      )![1]!;
      expect((await get(`/search?q=${encodeURIComponent('烟花爆竹')}`)).body).toContain('节假日期间');

      const office = await signedIn(t.app, 'office');
      const w = await office.post(`/api/catalog/items/${notice}/withdraw`, { reason: '内容需更新' });
      expect(w.statusCode, w.body).toBe(200);

      const after = await get('/', { 'if-none-match': etag });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(after.body).not.toContain('节假日期间烟花爆竹');
      expect((await get(`/items/${notice}`)).statusCode).toBe(404);
      expect((await get('/columns/tzgg')).body).not.toContain('节假日期间');
      expect((await get(`/search?q=${encodeURIComponent('烟花爆竹')}`)).body).not.toContain('节假日期间');
      expect((await get('/sitemap.xml')).body).not.toContain(notice);
    });

    it('publishes valid RSS 2.0 per column and a sitemap', async () => {
      const rss = await get('/columns/zcwj/rss.xml');
      expect(rss.statusCode).toBe(200);
      expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
      const names = parseXml(rss.body);
      expect(names.slice(0, 2)).toEqual(['rss', 'channel']);
      expect(names.filter((n) => n === 'item').length).toBeGreaterThan(2);
      expect(rss.body).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
      expect(rss.body).toContain(`<link>http://localhost:3000/items/${itemId}</link>`);

      const sitemap = await get('/a/shili-yjj/sitemap.xml');
      expect(sitemap.headers['content-type']).toMatch(/application\/xml/);
      const urls = parseXml(sitemap.body).filter((n) => n === 'url').length;
      expect(urls).toBeGreaterThan(30);
      expect(sitemap.body).toContain(`/a/shili-yjj/items/${itemId}</loc>`);
      expect((await get('/columns/nope/rss.xml')).statusCode).toBe(404);
    });

    it('indexes every published item, and `search reindex` rebuilds the same set', async () => {
      const ctx = t.container.ctx;
      const published = await ctx.db
        .selectFrom('catalog_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const before = await searchIndex(ctx).countKind(ctx.db, 'item');
      expect(before).toBe(Number(published.n));
      const [r] = await reindex(ctx, { kinds: ['item'] });
      expect(r).toMatchObject({ removed: before, indexed: before });
      expect((await get(`/search?q=${encodeURIComponent('举报奖励')}`)).body).toContain('<mark>举报</mark>');
    });

    it('keeps cached pages apart per display mode', async () => {
      const normal = await get('/guide');
      const large = await get('/guide', { cookie: 'gk_view=large' });
      expect(normal.body).not.toContain('class="large-font"');
      expect(large.body).toContain('class="large-font"');
      expect(large.headers.etag).not.toBe(normal.headers.etag);
      expect(large.headers.vary).toMatch(/Cookie/);
    });

    it('lets the office edit the 指南 text (sanitized, audited) and refuses others', async () => {
      const clerk = await signedIn(t.app, 'clerk');
      expect(
        (await clerk.request('PUT', '/api/portal/pages/guide', { bodyHtml: '<p>x</p>' })).statusCode,
      ).toBe(403);
      const office = await signedIn(t.app, 'office');
      const saved = await office.request('PUT', '/api/portal/pages/guide', {
        bodyHtml:
          '<p>政务公开专区设在市民服务中心一楼</p><script>alert(1)</script><img src=x onerror=alert(1)>',
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().bodyHtml).not.toMatch(/script|onerror/);
      const page = await get('/guide');
      expect(page.body).toContain('政务公开专区设在市民服务中心一楼');
      expect(page.body).not.toContain('alert(1)');
      const read = await office.get('/api/portal/pages/guide');
      expect(read.json().bodyHtml).toContain('政务公开专区');
      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'portal.page.save')
        .execute();
      expect(audit).toHaveLength(1);
    });
  },
  { seeded: true },
);
