import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/each-dialect.js';
import { Client, createTestApp, signedIn, type TestApp } from '../../test/http.js';

describeEachDialect(
  'HTTP platform',
  (getDb) => {
    let t: TestApp;
    beforeAll(async () => {
      // The database comes seeded with the demo agency (test/global-setup.ts template).
      t = await createTestApp(getDb(), { seed: false });
    });

    it('gives every registered route an explicit access rule', () => {
      const missing = t.app.routeInventory.filter((r) => !r.hasAccess).map((r) => `${r.method} ${r.url}`);
      expect(missing).toEqual([]);
      expect(t.app.routeInventory.length).toBeGreaterThan(20);
    });

    it('rejects malformed, oversized and mistyped bodies with 400/413 and an error code', async () => {
      const client = await signedIn(t.app, 'office');
      const malformed = await client.request('POST', '/api/users', '{"username": ', {
        'content-type': 'application/json',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'malformed_json' });
      expect(malformed.headers['content-type']).toContain('application/problem+json');

      const huge = await client.request(
        'POST',
        '/api/users',
        JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024) }),
        { 'content-type': 'application/json' },
      );
      expect(huge.statusCode).toBe(413);
      expect(huge.json().code).toBe('payload_too_large');

      const wrongType = await client.post('/api/users', {
        username: 42,
        displayName: '张三',
        orgId: 'x',
        roles: ['clerk'],
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json()).toMatchObject({ code: 'validation_failed' });
      expect(wrongType.json().errors[0].field).toBe('username');
    });

    it('answers failed sign-ins alike and backs the address off after 5 failures (details: modules/auth/login.test.ts)', async () => {
      const session = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
      const headers = {
        cookie: session.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': session.json<{ csrfToken: string }>().csrfToken,
      };
      const login = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '192.0.2.50',
          headers,
          payload: { username: 'leader', password },
        });
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push((await login('Wrong@pass1')).json().code);
      expect(codes).toEqual(Array(5).fill('invalid_credentials'));
      const backoff = await login('Gongkai@2026');
      expect(backoff.statusCode).toBe(429);
      expect(backoff.json().detail).toContain('登录失败次数过多');
      // After the wait the right password works again.
      t.clock.advance(31 * 1000);
      expect((await login('Gongkai@2026')).statusCode).toBe(200);
      const secadmin = await signedIn(t.app, 'secadmin');
      const history = (await secadmin.get('/api/security/logins?username=leader')).json();
      expect(history.items.map((i: { reason: string }) => i.reason)).toEqual(
        expect.arrayContaining(['bad_password', 'backoff', 'ok']),
      );
    });

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const client = await signedIn(t.app, 'office');
      const orgs = (await client.get('/api/orgs')).json().items;
      const agency = orgs.find((o: { code: string }) => o.code === 'shili-yjj');
      const res = await client.request(
        'PATCH',
        `/api/orgs/${agency.id}`,
        { phone: '0533-7654321' },
        { 'x-csrf-token': '' },
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_invalid');
      const ok = await client.patch(`/api/orgs/${agency.id}`, { phone: '0533-7654321' });
      expect(ok.statusCode).toBe(200);
    });

    it('names the field when a 统一社会信用代码 is invalid, and keeps the old value', async () => {
      const client = await signedIn(t.app, 'office');
      const agency = (await client.get('/api/orgs'))
        .json()
        .items.find((o: { code: string }) => o.code === 'shili-yjj');
      const res = await client.patch(`/api/orgs/${agency.id}`, { creditCode: '113703000MB158465C' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_credit_code', field: 'creditCode' });
      expect(res.json().detail).toContain('统一社会信用代码');
      expect((await client.get(`/api/orgs/${agency.id}`)).json().creditCode).toBe('113703000MB158465B');
    });

    it('lets the office create a clerk who must change the initial password before working', async () => {
      const office = await signedIn(t.app, 'office');
      const orgs = (await office.get('/api/orgs')).json().items;
      const agency = orgs.find((o: { code: string }) => o.code === 'shili-yjj');
      const division = orgs.find((o: { name: string }) => o.name === '应急救援科');
      const created = await office.post('/api/users', {
        username: 'clerk-new',
        displayName: '新信息员',
        orgId: agency.id,
        divisionId: division.id,
        roles: ['clerk'],
      });
      expect(created.statusCode).toBe(201);
      const { initialPassword, user } = created.json();
      expect(user.mustChangePassword).toBe(true);

      const clerk = new Client(t.app);
      expect((await clerk.login('clerk-new', initialPassword)).statusCode).toBe(200);
      expect((await clerk.get('/api/orgs')).json().code).toBe('password_change_required');
      const weak = await clerk.post('/api/auth/password', {
        oldPassword: initialPassword,
        newPassword: 'abcdefgh',
      });
      expect(weak.json()).toMatchObject({ code: 'weak_password', field: 'newPassword' });
      expect(
        (await clerk.post('/api/auth/password', { oldPassword: initialPassword, newPassword: 'Rescue#2026' }))
          .statusCode,
      ).toBe(204);
      expect((await clerk.get('/api/orgs')).statusCode).toBe(200);

      const auditor = await signedIn(t.app, 'auditor');
      const audit = (await auditor.get(`/api/audit?targetType=user&targetId=${user.id}`)).json();
      expect(audit.items.map((i: { action: string }) => i.action)).toEqual([
        'user.change_password',
        'user.create',
      ]);
      expect(audit.items[1].actorName).toBe('王政务');
    });

    it('denies by default: clerks cannot manage users, system roles cannot read business data, the office cannot grant system roles', async () => {
      const clerk = await signedIn(t.app, 'clerk');
      expect((await clerk.get('/api/users')).statusCode).toBe(403);
      expect((await clerk.get('/api/audit')).statusCode).toBe(403);
      const office = await signedIn(t.app, 'office');
      const agency = (await office.get('/api/orgs'))
        .json()
        .items.find((o: { code: string }) => o.code === 'shili-yjj');
      const grab = await office.post('/api/users', {
        username: 'evil',
        displayName: '越权',
        orgId: agency.id,
        roles: ['auditor'],
      });
      expect(grab.statusCode).toBe(403);
      const mixed = await (
        await signedIn(t.app, 'sysadmin')
      ).post('/api/users', {
        username: 'mix',
        displayName: '兼任',
        orgId: agency.id,
        roles: ['auditor', 'clerk'],
      });
      expect(mixed.json().code).toBe('invalid_roles');
      const anonymous = new Client(t.app);
      expect((await anonymous.get('/api/users')).json().code).toBe('unauthenticated');
    });

    it('ends a session after 30 idle minutes', async () => {
      const client = await signedIn(t.app, 'reviewer');
      expect((await client.get('/api/orgs')).statusCode).toBe(200);
      t.clock.advance(31 * 60 * 1000);
      const res = await client.get('/api/orgs');
      expect(res.statusCode).toBe(401);
    });

    it('serves the portal shell with the statutory footer, a display-mode switch and Chinese 404 pages', async () => {
      const home = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('示例市应急管理局');
      expect(home.body).toContain('网站标识码：3703000012');
      expect(home.body).toContain('鲁ICP备00000000号-1');
      expect(home.body).toContain('鲁公网安备');
      expect(home.body).not.toContain('<script');
      const byCode = await t.app.inject({ url: '/a/shili-gov/', headers: { accept: 'text/html' } });
      expect(byCode.body).toContain('示例市人民政府');
      const prefs = await t.app.inject({ url: '/prefs?large=1&back=/a/shili-gov/' });
      expect(prefs.statusCode).toBe(303);
      expect(prefs.headers.location).toBe('/a/shili-gov/');
      const large = await t.app.inject({
        url: '/',
        headers: { accept: 'text/html', cookie: `gk_view=${prefs.cookies[0]!.value}` },
      });
      expect(large.body).toContain('class="large-font"');
      const evil = await t.app.inject({ url: '/prefs?large=1&back=//evil.example' });
      expect(evil.headers.location).toBe('/');
      const missing = await t.app.inject({ url: '/a/no-such-agency/', headers: { accept: 'text/html' } });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('页面不存在');
    });

    it('publishes health, readiness and the OpenAPI document', async () => {
      expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await t.app.inject({ url: '/readyz' })).json().status).toBe('ready');
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toContain('/api/users');
    });
  },
  { seeded: true },
);

describe('access inventory catches a route without a rule', () => {
  it('marks such a route', async () => {
    const { openDatabase } = await import('../db/database.js');
    const { migrateToLatest } = await import('../db/migrate.js');
    const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    const t = await createTestApp(database, { seed: false });
    // Registering after ready() is impossible, so use a fresh, unready instance via the same builder.
    const { buildApp } = await import('./app.js');
    const app = await buildApp(t.container, { logger: false });
    app.get('/api/unguarded', async () => ({ leaked: true }));
    await app.ready();
    expect(app.routeInventory.filter((r) => !r.hasAccess).map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/unguarded',
      'HEAD /api/unguarded',
    ]);
    const res = await app.inject({ url: '/api/unguarded' });
    expect(res.statusCode).toBe(403);
    await database.close();
  });
});

describe('the built console under /admin (one route for its files, issue 12)', () => {
  it('serves each built file with its cache headers and every other /admin path as the SPA index', async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-admin-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><title>控制台</title>');
    writeFileSync(path.join(dir, 'assets', 'Page-abc123.js'), 'export const x = 1;\n');
    writeFileSync(path.join(dir, '.secret'), 'not served');
    const { openDatabase } = await import('../db/database.js');
    const { migrateToLatest } = await import('../db/migrate.js');
    const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    const t = await createTestApp(database, { seed: false });
    const { buildApp } = await import('./app.js');
    const app = await buildApp(t.container, { logger: false, adminDir: dir });
    await app.ready();
    try {
      for (const method of ['GET', 'HEAD'] as const) {
        const js = await app.inject({ method, url: '/admin/assets/Page-abc123.js?v=1' });
        expect(js.statusCode).toBe(200);
        expect(js.headers['content-type']).toBe('application/javascript; charset=utf-8');
        expect(js.headers['cache-control']).toBe('public, max-age=3600');
        expect(js.headers['content-length']).toBe('20');
        expect(js.headers.etag).toBeTruthy();
        expect(js.body).toBe(method === 'GET' ? 'export const x = 1;\n' : '');
        const indexFile = await app.inject({ method, url: '/admin/index.html' });
        expect(indexFile.headers['cache-control']).toBe('public, max-age=3600');
      }
      const cached = await app.inject({ url: '/admin/assets/Page-abc123.js' });
      const again = await app.inject({
        url: '/admin/assets/Page-abc123.js',
        headers: { 'if-none-match': String(cached.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      for (const url of [
        '/admin',
        '/admin/',
        '/admin/requests/1',
        '/admin/assets/missing.js',
        '/admin/.secret',
      ]) {
        const page = await app.inject({ url });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['cache-control'], url).toBe('no-cache');
        expect(page.body, url).toContain('控制台');
      }
      // One GET and one HEAD route per path pattern, not per file.
      expect(app.routeInventory.filter((r) => r.url.startsWith('/admin')).length).toBe(6);
    } finally {
      await app.close();
      await t.app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
