import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { indexTokens } from '../../server/modules/search/tokenize.js';
import { searchIndexFor } from '../../server/modules/search/search.engines.js';
import { Rng, rngFor, seededUuid7 } from './prng.js';
import {
  buildCase,
  buildColumns,
  buildDecision,
  buildItem,
  buildOrgs,
  caseSecrets,
  caseYear,
  checksum,
  columnWeights,
  OUTCOME_CODES,
} from './rows.js';
import { specOf, GENERATED_AT } from './spec.js';
import { generateDataset, tokensOf } from './write.js';
import { countPublicItems } from '../../server/modules/catalog/portal/public.repository.js';

const spec = specOf(7, 200, 120, 200, 3);
const staff = { id: '00000000-0000-7000-8000-000000000001', name: '测试' };

function sample(seed: number) {
  const s = { ...spec, seed };
  const orgs = buildOrgs(s);
  const main = orgs.agencies[0]!;
  const weights = columnWeights(buildColumns(s, main).columns);
  const secrets = caseSecrets(s);
  return {
    orgs: orgs.orgRows,
    items: Array.from({ length: 50 }, (_, i) => buildItem(s, main, weights, staff, i)),
    decisions: Array.from({ length: 50 }, (_, i) => buildDecision(s, main, staff, i)),
    cases: Array.from({ length: 50 }, (_, i) => buildCase(s, main, secrets, staff, i)),
  };
}

describe('generator determinism', () => {
  it('gives the same rows for the same seed and different rows for another', () => {
    const a = sample(7);
    const b = sample(7);
    const c = sample(8);
    expect(checksum([a.orgs, a.items, a.decisions, a.cases])).toBe(
      checksum([b.orgs, b.items, b.decisions, b.cases]),
    );
    expect(checksum(a.items)).not.toBe(checksum(c.items));
    expect(checksum(a.cases)).not.toBe(checksum(c.cases));
  });

  it('draws each row from its own stream (independent of what was generated before)', () => {
    const s = { ...spec };
    const main = buildOrgs(s).agencies[0]!;
    const weights = columnWeights(buildColumns(s, main).columns);
    const direct = buildItem(s, main, weights, staff, 42);
    for (let i = 0; i < 42; i++) buildItem(s, main, weights, staff, i);
    expect(buildItem(s, main, weights, staff, 42)).toEqual(direct);
  });

  it('makes time-ordered UUIDv7-shaped ids and unique sort keys', () => {
    const id = seededUuid7(Date.parse('2025-01-01T00:00:00Z'), new Rng(1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededUuid7(1000, new Rng(1)) < seededUuid7(2000, new Rng(1))).toBe(true);
    const { items, decisions } = sample(7);
    const keys = [...items, ...decisions].map((r) => r.sortKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rngFor(1, 'x', 1).next()).toBe(rngFor(1, 'x', 1).next());
  });

  it('covers every outcome of the requests module and numbers cases per year', () => {
    const s = specOf(7, 10, 400, 10, 1);
    const main = buildOrgs(s).agencies[0]!;
    const secrets = caseSecrets(s);
    const codes = new Set(
      Array.from({ length: 400 }, (_, i) => buildCase(s, main, secrets, staff, i).c.outcome_code).filter(
        Boolean,
      ),
    );
    for (const code of OUTCOME_CODES) expect(codes).toContain(code);
    expect(caseYear(0, 100)).toEqual({ year: 2023, seq: 1 });
    expect(caseYear(15, 100)).toEqual({ year: 2024, seq: 1 });
    const numbers = Array.from(
      { length: 400 },
      (_, i) => buildCase(s, main, secrets, staff, i).c.case_number,
    );
    expect(new Set(numbers).size).toBe(400);
  });

  it('tokenizes sentences exactly as the search module does', () => {
    const s = '各企业要严格落实安全生产主体责任，建立健全隐患排查治理制度';
    expect(tokensOf(s)).toEqual([
      ...indexTokens('各企业要严格落实安全生产主体责任'),
      ...indexTokens('建立健全隐患排查治理制度'),
    ]);
  });
});

describe('generated database', () => {
  it('fills the real tables identically twice, and the search module finds the items', async () => {
    const sums: string[] = [];
    for (let run = 0; run < 2; run++) {
      const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
      await migrateToLatest(database);
      const stats = await generateDataset(database, spec, { passwordHash: 'x', batch: 64 });
      expect(stats.rows.catalog_items).toBe(200 + 2 * 20);
      const items = await database.db.selectFrom('catalog_items').selectAll().orderBy('id').execute();
      const cases = await database.db.selectFrom('request_cases').selectAll().orderBy('id').execute();
      const audit = await database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      sums.push(checksum([items, cases, audit]));
      const main = await database.db
        .selectFrom('orgs')
        .select('id')
        .where('is_default', '=', 1)
        .executeTakeFirstOrThrow();
      const found = await searchIndexFor('sqlite').search(database.db, {
        q: '安全',
        orgIds: [main.id],
        now: GENERATED_AT,
      });
      expect(found.total).toBeGreaterThan(0);
      // The portal's list counters were built for the generated items.
      expect(await countPublicItems(database.db, main.id, {})).toBe(
        items.filter((i) => i.org_id === main.id && i.status === 'published').length,
      );
      await database.close();
    }
    expect(sums[0]).toBe(sums[1]);
  });
});
