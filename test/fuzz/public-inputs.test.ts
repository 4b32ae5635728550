/**
 * Fuzzer over every public (anonymous) route of the running app, on SQLite and PostgreSQL (issue 14,
 * item 1). Routes come from the app itself (`app.publicRoutes()`, recorded by the text guard), query
 * parameters from each route's schema plus the portal pages' own filters; values are arbitrary bytes
 * (percent-encoded, so invalid UTF-8 and NUL reach the server), arbitrary UTF-16 (lone surrogates in
 * JSON bodies) and long strings. Every answer must be below 500, and every 4xx must be a Chinese
 * problem+json document (or, for the portal's own HTML forms, a Chinese page).
 *
 * Bounded in time: each dialect gets FUZZ_BUDGET_MS (default 30 s) spread over the routes; raise
 * FUZZ_RUNS / FUZZ_BUDGET_MS locally for a longer hunt.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestDatabase, DIALECTS } from '../each-dialect.js';
import { createTestApp, type TestApp } from '../http.js';
import type { Database } from '../../server/db/database.js';
import { countPublicItems } from '../../server/modules/catalog/portal/public.repository.js';

const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 30_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

/** Query parameters the portal pages read without declaring a schema (they parse req.query themselves). */
const PORTAL_QUERY: Record<string, string[]> = {
  '/': ['large', 'contrast'],
  '/prefs': ['large', 'contrast', 'back'],
  '/catalog': ['column', 'topic', 'year', 'validity', 'page'],
  '/search': ['q', 'column', 'year', 'publisher', 'validity', 'scope', 'order', 'page'],
  '/columns/:column': ['page'],
  '/shuanggongshi': ['kind', 'year', 'name', 'code', 'page'],
  '/shuanggongshi/open-data.csv': ['kind', 'year'],
  '/shuanggongshi/open-data.json': ['kind', 'year'],
  '/shigu': ['level', 'year', 'page'],
  '/guapai': ['status', 'year', 'q', 'page'],
  '/track': ['caseNumber', 'queryCode'],
  '/apply': [],
};

/** Public form posts and their fields. */
const FORMS: Record<string, string[]> = {
  '/apply': [
    'applicantType',
    'applicantName',
    'contactPerson',
    'idDocType',
    'idNumber',
    'phone',
    'email',
    'address',
    'postcode',
    'description',
    'purpose',
    'requestedForm',
    'deliveryMethod',
  ],
  '/track': ['caseNumber', 'queryCode'],
  '/api/auth/login': ['username', 'password'],
};

const SKIP = /^\/(static|admin|api\/docs)|\/static\/|^\/api\/openapi\.json$|^\/healthz$|^\/readyz$|\*/;

/** Field names a public form posts, read from the page that renders it (inputs, selects, text areas). */
function formFieldNames(html: string): string[] {
  const names = new Set<string>();
  for (const form of html.matchAll(/<form\b[\s\S]*?<\/form>/gi))
    for (const m of form[0].matchAll(/\bname="([A-Za-z_][\w.-]{0,60})"/g)) names.add(m[1]!);
  return [...names];
}

/** Field names used when a form's page cannot be read (a path parameter the fuzzer cannot guess). */
const COMMON_FIELDS = ['name', 'phone', 'email', 'subject', 'body', 'content', 'comment', 'kind', 'rating'];

/** Strings that break naive handling, mixed into random text. */
const NASTY = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\u0001',
  '\u001b',
  '%',
  '%00',
  '&',
  '=',
  '+',
  '#',
  '?',
  '/',
  '\\',
  "'",
  '"',
  '<script>',
  '安全',
  '𠀀',
  ' ',
  '\r\n',
  '../',
  '1e308',
  '-1',
  '0',
  '99999999999999999999',
  '2026',
];

const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
/** Arbitrary UTF-16 text (may hold lone surrogates and controls), sometimes very long. */
const text = fc.oneof(
  { weight: 8, arbitrary: fc.array(unit, { maxLength: 20 }).map((a) => a.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('联', 'a', '\u0000', '1'), fc.integer({ min: 90, max: 25_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);
/** Raw bytes for URLs: any byte, percent-encoded (so invalid UTF-8 and NUL arrive as they would on the wire). */
const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b)),
  text.map((s) => Buffer.from(s, 'utf8')),
);
const pct = (b: Buffer) => [...b].map((x) => '%' + x.toString(16).padStart(2, '0')).join('');

function schemaKeys(schema: unknown): string[] {
  const s = schema as
    { properties?: Record<string, unknown>; allOf?: unknown[]; anyOf?: unknown[] } | undefined;
  if (!s) return [];
  return [
    ...Object.keys(s.properties ?? {}),
    ...(s.allOf ?? []).flatMap(schemaKeys),
    ...(s.anyOf ?? []).flatMap(schemaKeys),
  ];
}

function assertAnswer(res: LightMyRequestResponse, what: string): void {
  if (res.statusCode >= 500) throw new Error(`${what} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400) return;
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/problem+json')) {
    const body = res.json<{ code?: string; detail?: string; status?: number }>();
    if (!body.code || body.status !== res.statusCode || !/[\u4e00-\u9fff]/.test(body.detail ?? ''))
      throw new Error(`${what} → ${res.statusCode} without a Chinese problem: ${res.body.slice(0, 300)}`);
    return;
  }
  if (type.startsWith('text/html') && /[\u4e00-\u9fff]/.test(res.body)) return;
  throw new Error(
    `${what} → ${res.statusCode} ${type}: not a Chinese problem+json: ${res.body.slice(0, 200)}`,
  );
}

for (const dialect of DIALECTS) {
  describe(`public inputs [${dialect}]`, () => {
    let database: Database;
    let t: TestApp;
    let agencyCode = '';
    let csrf = { cookie: '', token: '' };

    beforeAll(async () => {
      database = await createTestDatabase(dialect, { seeded: true });
      t = await createTestApp(database, { seed: false });
      const agency = await database.db
        .selectFrom('orgs')
        .select('code')
        .where('kind', '!=', 'division')
        .orderBy('created_at')
        .executeTakeFirstOrThrow();
      agencyCode = agency.code;
      const s = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
      csrf = {
        cookie: s.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        token: s.json<{ csrfToken: string }>().csrfToken,
      };
    }, 120_000);
    /** A real row id for a route's `:id`, so the form behind it is reached (null: a guessed one). */
    const realId = async (url: string): Promise<string | null> => {
      if (!url.includes('/hudong/consultations/')) return null;
      const row = await database.db
        .selectFrom('interaction_consultations')
        .select('id')
        .orderBy('id')
        .executeTakeFirst();
      return row?.id ?? null;
    };
    afterAll(async () => {
      await t?.app.close();
      await database?.close();
    });

    it('a NUL in /catalog?topic= is refused at the edge with 400 invalid_text (it reached PostgreSQL before)', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/catalog?topic=a%00b' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'invalid_text', status: 400 });
      expect(res.json().detail).toContain('topic');
      const html = await t.app.inject({
        method: 'GET',
        url: '/catalog?topic=a%00b',
        headers: { accept: 'text/html' },
      });
      expect(html.statusCode).toBe(400);
      // Without the guard the value went straight into the count query: PostgreSQL refuses NUL in text
      // ("invalid byte sequence for encoding UTF8: 0x00", answered as 500), SQLite accepted it.
      const agency = await database.db
        .selectFrom('orgs')
        .select('id')
        .where('code', '=', agencyCode)
        .executeTakeFirstOrThrow();
      const direct = countPublicItems(database.db, agency.id, { topic: 'a\u0000b' });
      if (dialect === 'postgres')
        await expect(direct).rejects.toThrow(/0x00|invalid byte sequence|null character/i);
      else await expect(direct).resolves.toBe(0);
    });

    it('the same answers on both engines: lone surrogates, controls and over-long fields are 400', async () => {
      const login = (body: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
          payload: body,
        });
      for (const bad of ['"a\\ud800b"', '"a\\u0000"', '"\\u0007x"', '"\\udc00"']) {
        const res = await login(`{"username":${bad},"password":"x"}`);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json()).toMatchObject({ code: 'invalid_text', field: 'username' });
      }
      const long = await t.app.inject({ method: 'GET', url: `/search?q=${'安'.repeat(2001)}` });
      expect(long.statusCode).toBe(400);
      expect(long.json()).toMatchObject({ code: 'text_too_long' });
      const form = await t.app.inject({
        method: 'POST',
        url: '/track',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'caseNumber=%00&queryCode=1',
      });
      expect(form.statusCode).toBe(400);
      expect(form.json()).toMatchObject({ code: 'invalid_text', field: 'caseNumber' });
      // A repeated parameter on a page that reads req.query itself (found by the fuzzer once it read the
      // forms' field names: /qiye?region=&region= was a 500).
      for (const url of [
        '/qiye?region=&region=',
        '/qiye?region=3703&region=37',
        '/catalog?topic=a&topic=b',
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
      }
      // A surrogate pair (a character outside the BMP) is fine.
      const ok = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('𠀀安全')}` });
      expect(ok.statusCode).toBe(200);
    });

    it(
      'fuzz: every public route and query parameter answers < 500 with Chinese problems',
      async () => {
        const routes = t.app
          .publicRoutes()
          .filter((r) => (r.method === 'GET' || r.method === 'POST') && !SKIP.test(r.url));
        const gets = routes.filter((r) => r.method === 'GET');
        expect(gets.length).toBeGreaterThan(20);
        const deadline = Date.now() + BUDGET_MS;
        const perRoute = Math.max(500, Math.floor(BUDGET_MS / (gets.length + 3)));
        const params = { numRuns: RUNS, interruptAfterTimeLimit: perRoute, markInterruptAsFailure: false };
        let requests = 0;

        for (const r of gets) {
          if (Date.now() > deadline) break;
          const bare = r.url.replace(/^\/a\/:code/, '') || '/';
          const paramNames = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
          // The page's own search/filter forms name the parameters it reads without a schema.
          const page = paramNames.length
            ? null
            : await t.app.inject({ method: 'GET', url: r.url, headers: { accept: 'text/html' } });
          const scraped =
            page?.statusCode === 200 && String(page.headers['content-type']).startsWith('text/html')
              ? formFieldNames(page.body)
              : [];
          const keys = [
            ...new Set([...(PORTAL_QUERY[bare] ?? []), ...schemaKeys(r.schema?.querystring), ...scraped]),
          ];
          await fc.assert(
            fc.asyncProperty(
              fc.array(rawBytes, { minLength: paramNames.length, maxLength: paramNames.length }),
              fc.boolean(),
              fc.array(fc.tuple(fc.constantFrom(...keys, 'x', 'page'), rawBytes), { maxLength: 4 }),
              async (paramValues, realCode, query) => {
                let url = r.url;
                paramNames.forEach((name, i) => {
                  const value = name === 'code' && realCode ? agencyCode : pct(paramValues[i]!) || 'x';
                  url = url.replace(`:${name}`, value);
                });
                const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${pct(v)}`).join('&');
                const res = await t.app.inject({ method: 'GET', url: qs ? `${url}?${qs}` : url });
                requests++;
                assertAnswer(res, `GET ${url}?${qs}`);
              },
            ),
            params,
          );
        }

        // Every public POST route of the app (the portal forms of every module: 依申请公开, 互动交流 letters,
        // ratings and consultations, enterprise self-service registration, subscriptions, the 12345 inbound
        // endpoint …), its fields from FORMS, the route's body schema and the form on its own page.
        const posts = routes.filter((r) => r.method === 'POST');
        const fuzzedPosts: string[] = [];
        for (const r of posts) {
          let path = r.url;
          for (const name of [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!))
            path = path.replace(`:${name}`, name === 'code' ? agencyCode : (await realId(r.url)) || 'x');
          const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
          const scraped = page.statusCode === 200 ? formFieldNames(page.body) : [];
          const fields = [
            ...new Set([
              ...(FORMS[r.url.replace(/^\/a\/:code/, '')] ?? []),
              ...schemaKeys(r.schema?.body),
              ...scraped,
              ...(scraped.length === 0 ? COMMON_FIELDS : []),
            ]),
          ].filter((f) => f !== '_csrf');
          fuzzedPosts.push(r.url);
          const isApi = path.startsWith('/api/');
          await fc.assert(
            fc.asyncProperty(
              fc.dictionary(fc.constantFrom(...fields, 'captcha'), text, { maxKeys: fields.length + 1 }),
              fc.boolean(),
              async (values, asJson) => {
                // The portal forms check their captcha after the text guard, so an unsolved captcha still
                // exercises the guard and the form's own validation of every field.
                const body = { captchaId: '', ...values };
                const json = asJson || isApi;
                const payload = json
                  ? JSON.stringify(body)
                  : Object.entries(body)
                      .map(([k, v]) => `${encodeURIComponent(k)}=${pct(Buffer.from(v, 'utf8'))}`)
                      .join('&');
                const res = await t.app.inject({
                  method: 'POST',
                  url: path,
                  // A fresh address per request: the per-IP limits (10/min on /apply) would otherwise answer
                  // 429 before the form's own validation is reached.
                  remoteAddress: `198.51.100.${requests % 250}`,
                  headers: {
                    'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
                    ...(isApi ? { cookie: csrf.cookie, 'x-csrf-token': csrf.token } : {}),
                  },
                  payload,
                });
                requests++;
                assertAnswer(res, `POST ${path} ${payload.slice(0, 200)}`);
              },
            ),
            { ...params, numRuns: RUNS * 2 },
          );
        }
        // No public form is left out: the new modules' forms are fuzzed as soon as they are routed.
        expect(fuzzedPosts.sort()).toEqual(posts.map((r) => r.url).sort());
        expect(posts.map((r) => r.url)).toEqual(
          expect.arrayContaining(['/apply', '/track', '/hudong/track', '/api/enterprise-accounts/register']),
        );
        expect(requests).toBeGreaterThan(gets.length);
      },
      BUDGET_MS + 60_000,
    );
  });
}
