/**
 * Query plans of the registry searches (issue 18 benchmark): each search shape must be answered by walking an
 * index in id order — no sort of every match, no walk of the whole registry. Plans, not timings: a timing test
 * on a shared machine proves nothing, a plan that sorts or scans is wrong at any load.
 *
 * The registry holds a few thousand enterprises over 4 cities and 7 categories (statistics refreshed), so the
 * planners choose between real alternatives. On PostgreSQL sequential scans and sorts are priced out
 * (`enable_seqscan`/`enable_sort` off, in the test's own transaction): a query shape whose predicate no index
 * matches still gets a Sort or Seq Scan node and fails.
 */
import { beforeAll, expect, it } from 'vitest';
import { sql, type Compilable } from 'kysely';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { newId } from '../../platform/ids.js';
import type { Db } from './enterprises.repository.js';
import { cappedMatches, filterQuery, listEnterprises, tokenQuery } from './enterprises.repository.js';
import { enterpriseTokens, searchTokens } from './enterprises.service.js';
import { vacuumAnalyzeRegistry } from './enterprises.import.repository.js';
import type { SupervisionCategory } from './enterprises.tables.js';

const NOW = '2026-03-02T02:00:00.000Z';
const CITIES = ['3701', '3703', '3704'];
/** City 3702 is rare (1 row in 40), as one city of a province-wide registry is; the rest cycle. */
const cityOf = (i: number) => (i % 40 === 1 ? '3702' : CITIES[i % CITIES.length]!);
const CATEGORIES: SupervisionCategory[] = [
  'hazchem_production',
  'hazchem_business',
  'hazchem_use',
  'fireworks',
  'non_coal_mine',
  'metallurgy_trade',
  'other',
];
const WORDS = ['鑫达', '恒安', '宏泰', '瑞丰', '金源', '昌盛', '永顺', '德隆'];
const ROWS = 4000;

describeEachDialect('enterprise search plans', (getDatabase, dialect) => {
  let db: Db;
  let org: string;

  async function plan(q: Compilable): Promise<string> {
    const c = q.compile();
    if (dialect === 'sqlite') {
      // EXPLAIN QUERY PLAN takes the query's parameters as the query itself would.
      const res = await db.executeQuery({ ...c, sql: `EXPLAIN QUERY PLAN ${c.sql}` });
      return (res.rows as { detail: string }[]).map((r) => r.detail).join('\n');
    }
    return db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_sort = off`.execute(trx);
      const res = await trx.executeQuery({ ...c, sql: `EXPLAIN ${c.sql}` });
      return (res.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  beforeAll(async () => {
    db = getDatabase().db;
    org = newId();
    await db
      .insertInto('orgs')
      .values({
        id: org,
        code: `plans-${dialect}`,
        name: '计划测试局',
        parent_id: null,
        kind: 'department',
        is_default: 0,
        sort_order: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    for (let start = 0; start < ROWS; start += 200) {
      const ents = [];
      const toks = [];
      for (let i = start; i < start + 200; i++) {
        const id = newId();
        const name = `示例市${WORDS[i % WORDS.length]}${i}号化工有限公司`;
        ents.push({
          id,
          org_id: org,
          credit_code: `91${String(i).padStart(16, '0')}`,
          name,
          former_names: '[]',
          legal_representative: '王某',
          registered_address: '示例路1号',
          operating_address: null,
          region_code: `${cityOf(i)}${String(1 + (i % 5)).padStart(2, '0')}`,
          industry_code: '2614',
          category: CATEGORIES[i % CATEGORIES.length]!,
          scale: 'small' as const,
          supervising_unit: '示例区应急管理局',
          contact_name: null,
          contact_mobile: null,
          contact_email: null,
          content_hash: 'x',
          import_job_id: null,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        });
        for (const token of enterpriseTokens(name, [])) toks.push({ org_id: org, token, enterprise_id: id });
      }
      await db.insertInto('ent_enterprises').values(ents).execute();
      await db.insertInto('ent_name_tokens').values(toks).execute();
    }
    // What the import runs after a bulk load on PostgreSQL (VACUUM cannot run inside a transaction).
    if (dialect === 'postgres') await vacuumAnalyzeRegistry(db);
    await sql`ANALYZE`.execute(db);
  }, 120_000);

  const page = { limit: 20, offset: 0 };

  it('city + category walks ent_enterprises_category_city in id order (no sort)', async () => {
    const p = await plan(
      filterQuery(db, { orgId: org, regionPrefix: '3703', category: 'fireworks', ...page }),
    );
    expect(p).toMatch(/ent_enterprises_category_city/);
    expect(p).not.toMatch(dialect === 'sqlite' ? /TEMP B-TREE/ : /Sort|Seq Scan/);
  });

  it('a city alone walks ent_enterprises_city in id order (no sort)', async () => {
    const p = await plan(filterQuery(db, { orgId: org, regionPrefix: '3702', ...page }));
    expect(p).toMatch(/ent_enterprises_city\b/);
    expect(p).not.toMatch(dialect === 'sqlite' ? /TEMP B-TREE/ : /Sort|Seq Scan/);
  });

  it('a county is an equality on ent_enterprises_region, in id order (no sort)', async () => {
    const p = await plan(filterQuery(db, { orgId: org, regionPrefix: '370301', ...page }));
    expect(p).toMatch(/ent_enterprises_region/);
    expect(p).not.toMatch(dialect === 'sqlite' ? /TEMP B-TREE/ : /Sort|Seq Scan/);
  });

  it('a county + category is an equality on ent_enterprises_category, in id order (no sort)', async () => {
    const p = await plan(
      filterQuery(db, { orgId: org, regionPrefix: '370402', category: 'hazchem_use', ...page }),
    );
    expect(p).toMatch(/ent_enterprises_category\b/);
    expect(p).not.toMatch(dialect === 'sqlite' ? /TEMP B-TREE/ : /Sort|Seq Scan/);
  });

  it('counts a city, a city + category and a county from the index alone (no table visit per match)', async () => {
    for (const f of [
      { regionPrefix: '3702' },
      { regionPrefix: '3703', category: 'fireworks' as SupervisionCategory },
      { regionPrefix: '370301' },
    ]) {
      const p = await plan(cappedMatches(db, { orgId: org, ...f }));
      expect(p).toMatch(dialect === 'sqlite' ? /USING COVERING INDEX/ : /Index Only Scan/);
      expect(p).not.toMatch(/Seq Scan|SCAN e\b/);
    }
  });

  it('a name word is driven by its token postings, the enterprise a primary-key probe per posting', async () => {
    const base = tokenQuery(db, dialect, { orgId: org }, '恒安', []);
    const p = await plan(base.selectAll('e').orderBy('t.enterprise_id', 'desc').limit(20));
    const lines = p.split('\n');
    // The outer loop is the token index, read in enterprise-id order; the registry is only probed.
    const tokenLine = lines.findIndex((l) => /ent_name_tokens/.test(l));
    const entLine = lines.findIndex((l) => /ent_enterprises/.test(l));
    expect(tokenLine).toBeGreaterThanOrEqual(0);
    expect(entLine).toBeGreaterThan(tokenLine);
    expect(p).not.toMatch(dialect === 'sqlite' ? /TEMP B-TREE|SCAN e\b/ : /Sort|Seq Scan/);
    if (dialect === 'postgres') {
      expect(lines[tokenLine]).toMatch(/Index (Only )?Scan Backward using ent_name_tokens_pk/);
      expect(p).toMatch(/Index Scan using ent_enterprises_pkey/);
    } else {
      expect(lines[tokenLine]).toMatch(/SEARCH t USING (COVERING )?INDEX/);
      expect(lines[entLine]).toMatch(/SEARCH e USING INTEGER PRIMARY KEY|SEARCH e USING INDEX .*autoindex/);
    }
  });

  it('answers the same rows whichever shape the engine runs', async () => {
    const r = await listEnterprises(db, dialect, {
      orgId: org,
      tokens: searchTokens('恒安'),
      regionPrefix: '3702',
      ...page,
    });
    expect(r.items.length).toBeGreaterThan(0);
    for (const e of r.items) {
      expect(e.name).toContain('恒安');
      expect(e.region_code.slice(0, 4)).toBe('3702');
    }
    const ids = r.items.map((e) => e.id);
    // A name search without other filters is counted on the postings alone: the same total.
    const named = await listEnterprises(db, dialect, { orgId: org, tokens: searchTokens('恒安'), ...page });
    const holding = Array.from(
      { length: ROWS },
      (_, i) => `示例市${WORDS[i % WORDS.length]}${i}号化工有限公司`,
    ).filter((name) => enterpriseTokens(name, []).includes('恒安')).length;
    expect(holding).toBeGreaterThan(20);
    expect(named.total).toBe(Math.min(holding, 1000));
    expect(ids).toEqual([...ids].sort().reverse());
    const city = await listEnterprises(db, dialect, {
      orgId: org,
      regionPrefix: '3703',
      category: 'fireworks',
      ...page,
    });
    expect(city.items.length).toBe(20);
    expect(city.items.every((e) => e.region_code.startsWith('3703') && e.category === 'fireworks')).toBe(
      true,
    );
    expect(city.total).toBe(
      Array.from({ length: ROWS }, (_, i) => i).filter(
        (i) => cityOf(i) === '3703' && CATEGORIES[i % CATEGORIES.length] === 'fireworks',
      ).length,
    );
  });
});
