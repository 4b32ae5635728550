/**
 * 401 before any input handling (issue 14, item 6): an anonymous call to any protected route gets 401
 * `unauthenticated`, whatever its body, query or path — never 400/413/415 from validation or parsing,
 * never 403 from the CSRF check — so nobody learns a staff route's schema without a session.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';

describeEachDialect(
  'access before validation',
  (getDb) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
    });

    const staffRoutes = () => {
      const pub = new Set(t.app.publicRoutes().map((r) => `${r.method} ${r.url}`));
      return t.app.routeInventory.filter(
        (r) =>
          r.hasAccess && !pub.has(`${r.method} ${r.url}`) && r.method !== 'HEAD' && r.method !== 'OPTIONS',
      );
    };
    // Path parameters filled with a value no schema accepts (a NUL; the router's own 414 above 200
    // characters comes before any route, so the value stays shorter), wildcards likewise.
    const concrete = (url: string) => url.replace(/:[A-Za-z_]+|\*/g, `%00${'x'.repeat(100)}`);

    it('lists the protected routes (the test covers every one of them)', () => {
      expect(staffRoutes().length).toBeGreaterThan(100);
    });

    it('answers every protected route 401 for an anonymous caller with an invalid body, query and path', async () => {
      const wrong: string[] = [];
      for (const r of staffRoutes()) {
        const url = `${concrete(r.url)}?limit=-5&page=%00&x=${'y'.repeat(3000)}`;
        const attempts =
          r.method === 'GET' || r.method === 'DELETE'
            ? [{ headers: {} as Record<string, string>, payload: undefined as string | undefined }]
            : [
                { headers: { 'content-type': 'application/json' }, payload: '{"broken": ' },
                {
                  headers: { 'content-type': 'application/json' },
                  payload: JSON.stringify({ a: '\u0000', b: 1 }),
                },
                { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=%00&b' },
                { headers: { 'content-type': 'text/x-unknown' }, payload: 'zzz' },
              ];
        for (const a of attempts) {
          const res = await t.app.inject({
            method: r.method as 'GET',
            url,
            headers: a.headers,
            ...(a.payload === undefined ? {} : { payload: a.payload }),
          });
          const code = String(res.headers['content-type'] ?? '').includes('json')
            ? res.json<{ code?: string }>().code
            : '';
          if (res.statusCode !== 401 || code !== 'unauthenticated')
            wrong.push(
              `${r.method} ${r.url} (${a.headers['content-type'] ?? '-'}): ${res.statusCode} ${code}`,
            );
        }
      }
      expect(wrong).toEqual([]);
    });

    it('still validates once signed in (the order changed, not the checks)', async () => {
      const { signedIn } = await import('../../../test/http.js');
      const office = await signedIn(t.app, 'office');
      const res = await office.post('/api/users', { username: 42 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      // A signed-in write without the CSRF token is refused after the session is known.
      const noCsrf = await office.request('POST', '/api/users', {}, { 'x-csrf-token': '' });
      expect(noCsrf.json().code).toBe('csrf_invalid');
    });
  },
  { seeded: true },
);
