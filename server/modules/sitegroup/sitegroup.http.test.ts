/**
 * The site group (站群) over HTTP on both engines, on the demo: 示例市人民政府 with 示例市应急管理局
 * (the default agency), 示例市交通运输局 and 示例市生态环境局 and their units.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../test/http.js';

const html = { accept: 'text/html' };
const enc = encodeURIComponent;

/** The text of the page without tags (entities of the demo's Chinese text are not escaped). */
function text(body: string): string {
  return body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describeEachDialect(
  'site group (站群) portal',
  (getDb) => {
    let t: TestApp;
    const get = (url: string) => t.app.inject({ url, headers: html });

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-06T02:00:00Z' });
    }, 300_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it('the government portal lists its departments (home block, 部门导航 with contact, portal, 公开 sections and units)', async () => {
      const home = await get('/a/shili-gov/');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('aria-label="部门导航"');
      for (const [name, href] of [
        ['示例市应急管理局', '/'],
        ['示例市交通运输局', '/a/shili-jtj/'],
        ['示例市生态环境局', '/a/shili-sthjj/'],
      ])
        expect(home.body).toContain(`<a href="${href}">${name}</a>`);
      expect(home.body).toContain('href="/a/shili-gov/bumen"');
      // The government's own statutory identifiers.
      expect(home.body).toContain('网站标识码：3703000001');
      expect(home.body).toContain('鲁ICP备00000000号-2');
      expect(home.body).toContain('鲁公网安备 37030002000002号');
      expect(home.body).not.toContain('上级政府门户');

      const dir = await get('/a/shili-gov/bumen');
      expect(dir.statusCode).toBe(200);
      const d = text(dir.body);
      expect(d).toContain('政府部门');
      expect(d).toContain('示例市人民路58号交通大厦');
      expect(d).toContain('0533-1236200');
      expect(dir.body).toContain('href="/a/shili-sthjj/catalog"');
      expect(dir.body).toContain('href="/a/shili-jtj/guide"');
      expect(dir.body).toContain('href="/reports"'); // the default agency's sections at the site root
      // Units under their department, in the department's card.
      const jt = dir.body.slice(
        dir.body.indexOf('示例市交通运输局'),
        dir.body.indexOf('示例市生态环境局</a>'),
      );
      expect(jt).toContain('示例市公路事业发展中心');
      expect(jt).toContain('所属单位');
      expect(jt).not.toContain('示例市生态环境监测中心');
      // Divisions (内设科室) have no portal and are not listed.
      expect(d).not.toContain('政策法规科');
      // Every link of the directory itself resolves.
      const main = /<main[^]*<\/main>/.exec(dir.body)?.[0] ?? '';
      for (const m of main.matchAll(/<a href="(\/[^"]*)"/g)) {
        const res = await get(m[1]!);
        expect([m[1], res.statusCode]).toEqual([m[1], 200]);
      }
    });

    it('each department portal links back: 上级政府门户 in header and footer, site-group breadcrumb, its own identifiers', async () => {
      const jt = await get('/a/shili-jtj/');
      expect(jt.statusCode).toBe(200);
      expect(jt.body).toContain('<a href="/a/shili-gov/">上级政府门户：示例市人民政府</a>');
      expect(jt.body).toContain('<a href="/a/shili-gov/">上级政府门户</a>');
      expect(jt.body).toContain('网站标识码：3703000021');
      expect(jt.body).toContain('鲁ICP备00000000号-3');
      expect(jt.body).toContain('主办单位：示例市交通运输局');
      expect(jt.body).not.toContain('部门导航'); // a department has no group pages
      const catalog = await get('/a/shili-jtj/catalog');
      const crumbs = /<nav class="wrap breadcrumbs"[^]*?<\/nav>/.exec(catalog.body)?.[0] ?? '';
      expect(crumbs.indexOf('示例市人民政府')).toBeGreaterThan(-1);
      expect(crumbs.indexOf('示例市人民政府')).toBeLessThan(crumbs.indexOf('首页'));
      // The default agency at the site root links back too.
      const root = await get('/');
      expect(root.body).toContain('上级政府门户：示例市人民政府');
      expect(root.body).toContain('网站标识码：3703000012');
      // A subordinate unit: back to the government, its department in the trail.
      const unit = await get('/a/shili-jtj-u1/catalog');
      expect(unit.statusCode).toBe(200);
      expect(unit.body).toContain('上级政府门户：示例市人民政府');
      const unitCrumbs = /<nav class="wrap breadcrumbs"[^]*?<\/nav>/.exec(unit.body)?.[0] ?? '';
      expect(unitCrumbs).toContain('<a href="/a/shili-jtj/">示例市交通运输局</a>');
    });

    it('group search finds another department’s item, counts per agency and filters by agency', async () => {
      const res = await get(`/a/shili-gov/zhanqun/search?q=${enc('排污口')}`);
      expect(res.statusCode).toBe(200);
      const hit = /<a href="(\/a\/shili-sthjj\/items\/[0-9a-f-]{36})">/.exec(res.body);
      expect(hit).not.toBeNull();
      expect((await get(hit![1]!)).statusCode).toBe(200);
      expect(text(res.body)).toMatch(/示例市生态环境局 1 条/);

      // 安全 is in two departments: the facet counts both, the filter narrows to one.
      const both = await get(`/a/shili-gov/zhanqun/search?q=${enc('安全')}`);
      const facet = /<nav class="card facet"[^]*?<\/nav>/.exec(both.body)?.[0] ?? '';
      expect(facet).toContain('示例市交通运输局');
      expect(facet).toContain('示例市应急管理局');
      const onlyJt = await get(`/a/shili-gov/zhanqun/search?q=${enc('安全')}&agency=shili-jtj`);
      const hits = [...onlyJt.body.matchAll(/<li class="hit">[^]*?<\/li>/g)].map((m) => m[0]);
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h).toContain('href="/a/shili-jtj/items/');
      const none = await get(`/a/shili-gov/zhanqun/search?q=${enc('排污口')}&agency=shili-yjj`);
      expect(none.body).not.toContain('/a/shili-sthjj/items/');
      expect(none.body).toContain('没有找到相关信息');
      const unknown = await get(`/a/shili-gov/zhanqun/search?q=${enc('排污口')}&agency=nope`);
      expect(unknown.statusCode).toBe(200);
      expect(unknown.body).toContain('所选机关不在本站群中');
      expect(unknown.body).not.toContain('/a/shili-sthjj/items/');
    });

    it('the group 目录 lists published items of every department, filters by agency, and pages', async () => {
      const all = await get('/a/shili-gov/zhanqun/catalog');
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain('市生态环境局开展入河排污口排查整治专项行动');
      expect(all.body).toContain('市交通运输局开展“两客一危”车辆安全隐患排查');
      expect(all.body).toContain('<a href="/a/shili-sthjj/">示例市生态环境局</a>');
      expect(all.body).toContain('下一页');
      // Newest first across agencies, and every row public and linked to its own agency's portal.
      const dates = [...all.body.matchAll(/<td class="nowrap">(\d{4}-\d{2}-\d{2})<\/td>/g)].map((m) => m[1]!);
      expect(dates.length).toBe(20);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(new Set([...all.body.matchAll(/href="(\/a\/[a-z-]+\/|\/)items\//g)].map((m) => m[1])).size).toBe(
        3,
      );
      const hb = await get('/a/shili-gov/zhanqun/catalog?agency=shili-sthjj');
      const rows = [...hb.body.matchAll(/<tr><td class="nowrap">[^]*?<\/tr>/g)].map((m) => m[0]);
      expect(rows).toHaveLength(6);
      for (const r of rows) expect(r).toContain('/a/shili-sthjj/items/');
      expect(text(hb.body)).toContain('共 6 条（示例市生态环境局）');
      const page2 = await get('/a/shili-gov/zhanqun/catalog?page=2');
      expect(page2.statusCode).toBe(200);
      expect(page2.body).toContain('aria-current="page"');
    });

    it('never shows an item that is not public (in review, then withdrawn)', async () => {
      for (const url of [
        `/a/shili-gov/zhanqun/search?q=${enc('土壤污染防治')}`,
        `/a/shili-gov/zhanqun/search?q=${enc('公交线路走向')}`,
        '/a/shili-gov/zhanqun/catalog?agency=shili-sthjj',
        '/a/shili-gov/zhanqun/catalog?agency=shili-jtj',
      ]) {
        const res = await get(url);
        expect(res.body).not.toContain('送审稿');
      }
      // The department's office withdraws a published item: it leaves the group search and 目录 at once.
      const hb = await signedIn(t.app, 'hb-office');
      const list = await hb.get(`/api/catalog/items?q=${enc('入河排污口')}`);
      expect(list.statusCode).toBe(200);
      const id = list.json<{ items: { id: string }[] }>().items[0]!.id;
      const withdrawn = await hb.post(`/api/catalog/items/${id}/withdraw`, {
        reason: '内容需要更正，暂时撤回。',
      });
      expect(withdrawn.statusCode).toBeLessThan(300);
      expect((await get(`/a/shili-gov/zhanqun/search?q=${enc('排污口')}`)).body).not.toContain(id);
      expect((await get('/a/shili-gov/zhanqun/catalog')).body).not.toContain(id);
    });

    it('answers 404 in Chinese for an unknown agency and for group pages of a department', async () => {
      for (const url of ['/a/no-such-agency/', '/a/no-such-agency/zhanqun/search', '/a/shili-jtj/bumen']) {
        const page = await get(url);
        expect([url, page.statusCode]).toEqual([url, 404]);
      }
      expect((await get('/a/no-such-agency/bumen')).body).toMatch(/页面不存在|机关网站不存在/);
      const dept = await get('/a/shili-jtj/zhanqun/catalog');
      expect(dept.body).toContain('页面不存在');
      const api = await t.app.inject({ url: '/a/no-such-agency/zhanqun/catalog' });
      expect(api.json()).toMatchObject({ status: 404, detail: '该机关网站不存在' });
      const deptApi = await t.app.inject({ url: '/a/shili-jtj/zhanqun/search' });
      expect(deptApi.json()).toMatchObject({ status: 404, detail: '该页面仅在人民政府门户网站提供' });
    });

    it('the departments’ office accounts sign in and see their own agency’s items only', async () => {
      for (const [username, own, other] of [
        ['jt-office', '两客一危', '排污口'],
        ['hb-office', '排污口', '两客一危'],
      ]) {
        const c = await signedIn(t.app, username!);
        const list = await c.get('/api/catalog/items?pageSize=100');
        expect(list.statusCode).toBe(200);
        const titles = list
          .json<{ items: { title: string }[] }>()
          .items.map((i) => i.title)
          .join('\n');
        expect(titles).toContain(own);
        expect(titles).not.toContain(other);
      }
    });
  },
  { seeded: true },
);
