import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../test/http.js';
import { bumpContentVersion } from '../modules/portal/portal.cache.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Varies per response by design; everything else must be the same however a page is served. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'x-portal-cache', 'connection', 'keep-alive']);
const comparable = (r: RawResponse) =>
  Object.fromEntries(Object.entries(r.headers).filter(([k]) => !PER_RESPONSE.has(k)));

describeEachDialect(
  'page-cache hits before routing',
  (getDatabase) => {
    let t: TestApp;
    let base: string;
    let queries: () => number;
    let fakeNow = 0;

    /** A request over a real socket: the early hits sit in front of Fastify's handler, not under inject. */
    const send = (method: string, path: string, headers: Record<string, string> = {}) =>
      new Promise<RawResponse>((resolve, reject) => {
        const req = request(
          `${base}${path}`,
          { method, headers: { accept: 'text/html', ...headers } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const get = (path: string, headers?: Record<string, string>) => send('GET', path, headers);
    const early = () => t.app.portalPages.earlyHits;

    beforeAll(async () => {
      t = await createTestApp(getDatabase(), { seed: false }); // seeded template
      // Freshness of the in-memory agency/version lookups follows this clock, not the machine's speed.
      t.app.portalPages.lookups.now = () => fakeNow;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const spy = vi.spyOn(t.container.ctx.db.getExecutor(), 'executeQuery');
      queries = () => spy.mock.calls.length;
    }, 240_000);

    afterAll(async () => {
      await t.app.close();
    });

    it('serves a repeated anonymous page without routing and without a database query', async () => {
      const first = await get('/columns/tzgg');
      expect(first.status).toBe(200);
      expect(first.headers['x-portal-cache']).toBe('miss');
      const [hitsBefore, queriesBefore] = [early(), queries()];
      const again = await get('/columns/tzgg');
      const third = await get('/columns/tzgg');
      expect(early() - hitsBefore).toBe(2);
      expect(queries()).toBe(queriesBefore);
      expect(again.status).toBe(200);
      expect(again.headers['x-portal-cache']).toBe('hit');
      expect(again.body).toBe(first.body);
      expect(third.body).toBe(first.body);
    });

    it('finds a page with several parameters or an encoded space however the URL orders and spells them', async () => {
      const q = encodeURIComponent('安全 生产'); // %20 for the space; the stored key spells it +
      const first = await get(`/search?q=${q}&page=2`);
      expect(first.status).toBe(200);
      const [hitsBefore, queriesBefore] = [early(), queries()];
      const spellings = [`/search?q=${q}&page=2`, `/search?page=2&q=${q}`, `/search?page=2&q=${q}&column=`];
      for (const url of spellings) expect((await get(url)).body).toBe(first.body);
      expect(early() - hitsBefore).toBe(spellings.length);
      expect(queries()).toBe(queriesBefore);
      // A parameter the page ignores: answered from the cache by the routed path, not before routing.
      const junk = await get(`/search?q=${q}&page=2&utm=x`);
      expect(junk.headers['x-portal-cache']).toBe('hit');
      expect(junk.body).toBe(first.body);
      expect(early() - hitsBefore).toBe(spellings.length);
    });

    it('sends the same headers as the routed response, for 200, HEAD and 304', async () => {
      const routedMiss = await get('/guide');
      const hit = await get('/guide');
      // A session cookie always takes the routed path; a public page is the same page for it.
      const routedHit = await get('/guide', { cookie: 'gk_session=not-a-session' });
      expect(routedHit.headers['x-portal-cache']).toBe('hit');
      expect(comparable(hit)).toEqual(comparable(routedMiss));
      expect(comparable(hit)).toEqual(comparable(routedHit));
      expect(hit.headers['x-request-id']).toMatch(/^[\w-]{8,64}$/);
      expect(hit.headers['x-request-id']).not.toBe(routedHit.headers['x-request-id']);
      expect(hit.headers['content-security-policy']).toContain("default-src 'self'");

      const given = await get('/guide', { 'x-request-id': 'trace-12345678' });
      expect(given.headers['x-request-id']).toBe('trace-12345678');

      const hitsBefore = early();
      const head = await send('HEAD', '/guide');
      const routedHead = await send('HEAD', '/guide', { cookie: 'gk_session=x' });
      expect(early() - hitsBefore).toBe(1);
      expect(head.body).toBe('');
      expect(comparable(head)).toEqual(comparable(routedHead));

      const etag = hit.headers.etag as string;
      const notModified = await get('/guide', { 'if-none-match': etag });
      const routedNotModified = await get('/guide', { 'if-none-match': `W/${etag}`, cookie: 'gk_session=x' });
      expect(early() - hitsBefore).toBe(2);
      expect(notModified.status).toBe(304);
      expect(notModified.body).toBe('');
      expect(routedNotModified.status).toBe(304);
      expect(comparable(notModified)).toEqual(comparable(routedNotModified));
      expect((await get('/guide', { 'if-none-match': '"v0-stale"' })).status).toBe(200);
    });

    it('leaves signed-in visitors, other methods and other display preferences to the routed path', async () => {
      await get('/catalog');
      const hitsBefore = early();
      await get('/catalog', { cookie: 'a=1; gk_session=abc' });
      const post = await send('POST', '/catalog');
      // A known path with the wrong method: 405 with Allow, never the cached page.
      expect(post.status).toBe(405);
      expect(post.headers.allow).toContain('GET');
      expect(post.body).not.toContain('政府信息公开目录');
      const options = await send('OPTIONS', '/catalog');
      expect(options.body).not.toContain('政府信息公开目录');
      expect(early()).toBe(hitsBefore);

      const large = await get('/catalog', { cookie: 'gk_view=large' });
      expect(large.headers['x-portal-cache']).toBe('miss');
      expect(large.body).toContain('large-font');
      const largeAgain = await get('/catalog', { cookie: 'other=1; gk_view=large' });
      expect(early()).toBe(hitsBefore + 1);
      expect(largeAgain.body).toBe(large.body);
      const plain = await get('/catalog');
      expect(plain.body).not.toContain('large-font');
    });

    it('re-renders at once after content changes in this process, and within the freshness window after another process', async () => {
      const first = await get('/');
      const etag = first.headers.etag as string;
      expect((await get('/')).headers.etag).toBe(etag);

      // Withdrawing an item bumps the content version in its transaction.
      const office = await signedIn(t.app, 'office');
      // The demo's titles follow today's date, so take the newest notice of the column, whatever it is.
      const hit = /href="\/items\/([0-9a-f-]{36})">([^<]+)</.exec((await get('/columns/tzgg')).body)!;
      const notice = hit[1]!;
      const noticeTitle = hit[2]!;
      expect((await get(`/items/${notice}`)).status).toBe(200);
      const hitsBefore = early();
      const w = await office.post(`/api/catalog/items/${notice}/withdraw`, { reason: '内容需更新' });
      expect(w.statusCode, w.body).toBe(200);
      const after = await get('/', { 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect(after.headers['x-portal-cache']).toBe('miss');
      expect(after.headers.etag).not.toBe(etag);
      expect(after.body).not.toContain(noticeTitle);
      expect((await get(`/items/${notice}`)).status).toBe(404);
      expect(early()).toBe(hitsBefore);

      const current = await get('/');
      expect((await get('/')).headers.etag).toBe(current.headers.etag);
      const orgId = (
        await t.container.ctx.db
          .selectFrom('orgs')
          .select('id')
          .where('code', '=', 'shili-yjj')
          .executeTakeFirstOrThrow()
      ).id;

      // Another process bumps the version (a direct write, not through bumpContentVersion): the page
      // is re-rendered once the in-memory version is older than the freshness window (1 s).
      await t.container.ctx.db
        .updateTable('portal_content_versions')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('org_id', '=', orgId)
        .execute();
      expect((await get('/')).headers.etag).toBe(current.headers.etag);
      fakeNow += 1000;
      const elsewhere = await get('/');
      expect(elsewhere.headers['x-portal-cache']).toBe('miss');
      expect(elsewhere.headers.etag).not.toBe(current.headers.etag);

      // bumpContentVersion records the bump in this process at once: the next request re-reads.
      await t.container.ctx.db.transaction().execute((trx) => bumpContentVersion(trx, t.clock, orgId));
      const bumped = await get('/');
      expect(bumped.headers['x-portal-cache']).toBe('miss');
      expect(bumped.headers.etag).not.toBe(elsewhere.headers.etag);
    });

    it('sees an agency change made through the API at once (host mapping)', async () => {
      const sysadmin = await signedIn(t.app, 'sysadmin');
      const orgs = (await sysadmin.get('/api/orgs')).json().items as {
        id: string;
        code: string;
        kind: string;
      }[];
      const parent = orgs.find((o) => o.code === 'shili-yjj')!;
      const other = await sysadmin.post('/api/orgs', {
        parentId: null,
        kind: parent.kind,
        code: 'early-hit-test',
        name: '早答测试局',
      });
      expect(other.statusCode, other.body).toBe(201);
      const host = { host: 'zaoda.example.gov.cn' };
      expect((await get('/', host)).body).not.toContain('早答测试局');
      expect((await get('/', host)).body).not.toContain('早答测试局');
      const set = await sysadmin.patch(`/api/orgs/${other.json().id}`, {
        portalHost: 'zaoda.example.gov.cn',
      });
      expect(set.statusCode, set.body).toBe(200);
      const moved = await get('/', host);
      expect(moved.status).toBe(200);
      expect(moved.body).toContain('早答测试局');
    });
  },
  { seeded: true },
);
