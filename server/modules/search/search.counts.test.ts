import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { buildOrg } from '../../../test/factories.js';
import type { Db, SearchDocument } from './search.index.js';
import { searchIndexFor } from './search.engines.js';

const NOW = '2026-03-02T02:00:00.000Z';

describeEachDialect('search: hits per agency in one query (the site group facet)', (getDatabase, dialect) => {
  let db: Db;
  const index = searchIndexFor(dialect);
  /** 20 agencies (more than the 12 the facet used to count one search each); agency i holds i + 1 hits. */
  const orgs: string[] = [];

  beforeAll(async () => {
    db = getDatabase().db;
    for (let i = 0; i < 20; i++) {
      const o = buildOrg({ code: `cnt-${i}`, name: `计数机关${i}` });
      await db.insertInto('orgs').values(o).execute();
      orgs.push(o.id);
    }
    const docs: SearchDocument[] = [];
    let n = 0;
    orgs.forEach((orgId, i) => {
      for (let k = 0; k <= i; k++) {
        n++;
        docs.push({
          kind: 'item',
          sourceId: `c${n}`,
          orgId,
          title: `危化品安全检查通报${n}`,
          body: k % 2 === 0 ? '正文含尾矿库' : '正文',
          url: `/items/c${n}`,
          publishedAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
          year: 2025,
        });
      }
      // A document of the agency that does not match.
      docs.push({
        kind: 'item',
        sourceId: `x${i}`,
        orgId,
        title: '其他通知',
        body: '无关',
        url: `/items/x${i}`,
        publishedAt: '2025-06-01T01:00:00.000Z',
        year: 2025,
      });
    });
    await index.upsertMany(db, docs, NOW);
  });

  it('counts every agency exactly when the matches are under the cap', async () => {
    const r = await index.countByAgency(db, { q: '危化品', orgIds: orgs, now: NOW }, 1000);
    expect(r.capped).toBe(false);
    expect(r.counted).toBe(210);
    expect(orgs.map((id) => r.counts.get(id) ?? 0)).toEqual(orgs.map((_, i) => i + 1));
    // Filters and the agency list apply as in the search itself.
    const two = await index.countByAgency(
      db,
      { q: '危化品 尾矿库', orgIds: orgs.slice(0, 4), now: NOW },
      1000,
    );
    expect([...two.counts.entries()].sort()).toEqual(
      orgs
        .slice(0, 4)
        .map((id, i) => [id, Math.ceil((i + 1) / 2)] as const)
        .sort(),
    );
    const none = await index.countByAgency(
      db,
      { q: '危化品', orgIds: orgs, now: NOW, filters: { year: 2024 } },
      1000,
    );
    expect(none).toMatchObject({ counted: 0, capped: false });
    // The search's own total agrees.
    expect((await index.search(db, { q: '危化品', orgIds: orgs.slice(5, 6), now: NOW })).total).toBe(6);
  });

  it('stops at the cap and says so: each count is then a lower bound', async () => {
    const r = await index.countByAgency(db, { q: '危化品', orgIds: orgs, now: NOW }, 50);
    expect(r).toMatchObject({ capped: true, counted: 50, cap: 50 });
    const counts = orgs.map((id) => r.counts.get(id) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
    counts.forEach((c, i) => expect(c).toBeLessThanOrEqual(i + 1));
    // Exactly the cap: not capped.
    const exact = await index.countByAgency(db, { q: '危化品', orgIds: orgs, now: NOW }, 210);
    expect(exact).toMatchObject({ capped: false, counted: 210 });
  });

  it('answers nothing for an unsearchable query or no agencies', async () => {
    expect((await index.countByAgency(db, { q: '！！', orgIds: orgs, now: NOW }, 10)).counted).toBe(0);
    expect((await index.countByAgency(db, { q: '危化品', orgIds: [], now: NOW }, 10)).counted).toBe(0);
  });
});
