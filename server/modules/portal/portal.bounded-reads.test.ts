/**
 * Issue 14 item 8: an uncached portal page must not cost more as the registers grow. Every public page
 * kind is rendered with the page cache cleared while every SQL statement is recorded; an aggregate over
 * a register (count, sum, group by) must either be capped (a LIMIT inside it, so it stops after a fixed
 * number of rows) or read a maintained counter. An exact `count(*)` over a filtered register — what the
 * home page's 双公示 block and /shuanggongshi did — fails here whatever the data size.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CompiledQuery, type KyselyPlugin } from 'kysely';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';
import type { Database } from '../../db/database.js';

/** The same database, with every statement's SQL recorded in `log` while `recording` is set. */
function recorded(database: Database): {
  database: Database;
  log: string[];
  params: (readonly unknown[])[];
  recording: { on: boolean };
} {
  const log: string[] = [];
  const params: (readonly unknown[])[] = [];
  const recording = { on: false };
  const executor = database.db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (recording.on) {
        const compiled = executor.compileQuery(args.node, args.queryId);
        log.push(compiled.sql);
        params.push(compiled.parameters);
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { database: { ...database, db: database.db.withPlugin(plugin) }, log, params, recording };
}

/** Tables that are maintained counters: summing them costs what the page shows, not the register. */
const COUNTER_TABLES = new Set(['catalog_public_counts', 'catalog_public_facets']);

/** The tables a statement reads (FROM and JOIN), unquoted. */
function tablesOf(statement: string): string[] {
  return [...statement.matchAll(/\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)"?/gi)].map((m) =>
    m[1]!.toLowerCase(),
  );
}

/**
 * Aggregates that read every row they match: no LIMIT anywhere in the statement (a capped count stops
 * after its cap) and some table read that is not a maintained counter.
 */
export function unboundedAggregate(statement: string): boolean {
  const s = statement.toLowerCase();
  const aggregates = /\b(count|sum|avg|total)\s*\(|\bgroup\s+by\b/.test(s);
  if (!aggregates) return false;
  if (/\blimit\b/.test(s)) return false;
  return tablesOf(s).some((t) => !COUNTER_TABLES.has(t));
}

/**
 * Aggregates still unbounded, each a known gap of issue 14 item 8 reported in docs/performance.md: the
 * test fails when one disappears (remove it here) or a new one appears.
 */
const KNOWN_GAPS: { page: RegExp; statement: RegExp; why: string }[] = [
  {
    page: /^\/hudong(\/consultations)?$/,
    statement: /from "interaction_comments" where "consultation_id" in/,
    why: 'comment tallies of the ≤ 20 consultations shown: bounded by their comments, not a counter',
  },
  {
    page: /^\/tongji$/,
    statement: /group by/,
    why: 'the statistics page aggregates a year of items, cases and decisions (needs monthly counters)',
  },
];

export const PAGES = [
  '/',
  '/?x=1',
  '/shuanggongshi',
  '/shuanggongshi?kind=penalty',
  '/shuanggongshi?year=2026',
  '/shuanggongshi?name=化工',
  '/shuanggongshi?page=3',
  '/shigu',
  '/guapai',
  '/columns/gzdt',
  '/search?q=安全',
  '/search?q=安全&page=2',
  '/catalog',
  '/hudong',
  '/hudong/letters',
  '/hudong/consultations',
  '/fabu',
  '/jianyi',
  '/qiye',
  '/qiye/shixin',
  '/qiye/choucha',
  '/yujing',
  '/tongji',
  '/reports',
];

describeEachDialect(
  'uncached portal pages read bounded rows (issue 14 item 8)',
  (getDatabase) => {
    let t: TestApp;
    let rec: ReturnType<typeof recorded>;
    beforeAll(async () => {
      rec = recorded(getDatabase());
      t = await createTestApp(rec.database, { seed: false });
    }, 120_000);
    afterAll(async () => {
      await t?.app.close();
    });

    it.each(PAGES)('%s', async (url) => {
      t.app.portalPages.clear();
      rec.log.length = 0;
      rec.recording.on = true;
      const res = await t.app.inject({ method: 'GET', url });
      rec.recording.on = false;
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
      const unbounded = rec.log.filter(unboundedAggregate);
      const known = KNOWN_GAPS.filter((g) => g.page.test(url));
      expect(unbounded.filter((st) => !known.some((g) => g.statement.test(st)))).toEqual([]);
      for (const g of known)
        expect(
          unbounded.some((st) => g.statement.test(st)),
          g.why,
        ).toBe(true);
    });

    it.each(['/shuanggongshi', '/shuanggongshi?kind=penalty', '/shuanggongshi?kind=license&year=2026'])(
      '%s reads the register through an index, its capped count from the index alone (SQLite plan)',
      async (url) => {
        if (getDatabase().dialect !== 'sqlite') return; // PostgreSQL plans by data size: the bench measures it
        t.app.portalPages.clear();
        rec.log.length = 0;
        rec.params.length = 0;
        rec.recording.on = true;
        expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
        rec.recording.on = false;
        const statements = rec.log
          .map((st, i) => ({ st, params: rec.params[i]! }))
          .filter(({ st }) => /from "enforcement_decisions"/.test(st) && !/"id" = \?/.test(st));
        expect(statements.length).toBeGreaterThan(0);
        for (const { st, params } of statements) {
          const { rows } = await getDatabase().db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${st}`, [...params]),
          );
          const plan = rows.map((r) => r.detail).join('\n');
          expect(plan, st).not.toMatch(/SCAN enforcement_decisions/);
          // The capped count of a kind-filtered list (was: every matched row read to check its state).
          if (/count\(/i.test(st) && /"kind" = /.test(st)) expect(plan, st).toMatch(/COVERING INDEX/);
        }
      },
    );

    it.each([
      ['/', '/?x=1'],
      ['/shuanggongshi?kind=penalty', '/shuanggongshi?utm=a&kind=penalty&x=1'],
      ['/columns/gzdt', '/columns/gzdt?nocache=1'],
      ['/hudong/letters?q=安全', '/hudong/letters?q=安全&r=12345'],
    ])('%s and %s share one cache entry: junk parameters force no render', async (first, junk) => {
      t.app.portalPages.clear();
      const a = await t.app.inject({ method: 'GET', url: first });
      expect(a.headers['x-portal-cache']).toBe('miss');
      rec.log.length = 0;
      rec.recording.on = true;
      const b = await t.app.inject({ method: 'GET', url: junk });
      rec.recording.on = false;
      expect(b.headers['x-portal-cache']).toBe('hit');
      expect(b.body).toBe(a.body);
      expect(rec.log.filter((st) => /^select/i.test(st) && !/portal_content_versions|orgs/.test(st))).toEqual(
        [],
      );
    });
  },
  { seeded: true },
);
