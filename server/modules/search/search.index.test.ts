import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { newId } from '../../platform/ids.js';
import type { Db, SearchDocument } from './search.index.js';
import { LOOKAHEAD_PAGES, MAX_PAGES, RANK_PAGES } from './search.index.js';
import { searchIndexFor } from './search.engines.js';
import { forcePlan } from './pg-plan.js';

const NOW = '2026-03-02T02:00:00.000Z';

async function insertOrg(db: Db, code: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('orgs')
    .values({
      id,
      parent_id: null,
      kind: 'department',
      code,
      name: code,
      short_name: null,
      credit_code: null,
      address: null,
      postcode: null,
      office_hours: null,
      phone: null,
      fax: null,
      email: null,
      portal_host: null,
      footer_sponsor: null,
      site_code: null,
      icp_number: null,
      police_record_number: null,
      is_default: 0,
      sort_order: 0,
      retired_at: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

function doc(orgId: string, n: number, over: Partial<SearchDocument> = {}): SearchDocument {
  return {
    kind: 'item',
    sourceId: `s${n}`,
    orgId,
    title: `标题${n}`,
    body: '正文',
    url: `/items/s${n}`,
    publishedAt: `2025-01-${String(n).padStart(2, '0')}T01:00:00.000Z`,
    year: 2025,
    ...over,
  };
}

describeEachDialect('search index', (getDatabase, dialect) => {
  let db: Db;
  let org: string;
  let other: string;
  const index = searchIndexFor(dialect);
  const search = (q: string, extra: Partial<Parameters<typeof index.search>[1]> = {}) =>
    index.search(db, { q, orgIds: [org], now: NOW, ...extra });

  beforeAll(async () => {
    db = getDatabase().db;
    org = await insertOrg(db, `o-${dialect}`);
    other = await insertOrg(db, `x-${dialect}`);
    const docs: SearchDocument[] = [
      doc(org, 1, {
        title: '关于开展安全生产大检查的通知',
        body: '各区县应急管理局：为深入开展安全生产大检查，现将有关事项通知如下。',
        extra: '示例应急〔2025〕1号',
        columnId: 'col-notice',
        publisher: '示例市应急管理局',
        validity: '有效',
      }),
      doc(org, 2, {
        title: '示例市地震应急预案',
        body: '本预案适用于本市行政区域内地震灾害的应对工作。应急预案由市应急管理局负责解释。',
        columnId: 'col-plan',
        publisher: '示例市人民政府',
        validity: '有效',
      }),
      doc(org, 3, {
        title: '消防安全隐患排查整治工作方案',
        body: '重点排查消防安全隐患，落实整改措施。<script>alert(1)</script> 注意 A&B 公司。',
        columnId: 'col-notice',
        publisher: '示例市应急管理局',
        validity: '失效',
        year: 2024,
        publishedAt: '2024-12-31T01:00:00.000Z',
      }),
      doc(other, 4, { title: '安全生产工作要点（其他机关）', body: '安全生产' }),
      doc(org, 5, {
        kind: 'decision',
        title: '行政处罚决定书',
        body: '对某某化工有限公司未按规定开展安全培训的行为处以罚款。',
        extra: '某某化工有限公司 91370300MA3C5XXX01 示例市鑫达化工有限公司',
        url: '/enforcement/d5',
        label: '行政处罚决定',
      }),
      doc(org, 6, {
        title: '预案修订与演练安排',
        body: '这里预案和应急分开出现：预案修订，应急演练。',
        publishedAt: '2025-01-06T01:00:00.000Z',
      }),
    ];
    for (const d of docs) await index.upsert(db, d, NOW);
  });

  it('matches two-character words (安全, 应急) newest first', async () => {
    const r = await search('安全');
    expect(r.hits.map((h) => h.sourceId)).toEqual(['s5', 's1', 's3']);
    const r2 = await search('应急');
    expect(r2.hits.map((h) => h.sourceId)).toEqual(['s6', 's2', 's1']);
    expect(r2.total).toBe(3);
  });

  it('ANDs words and matches sub-words of longer words', async () => {
    expect((await search('应急 预案')).hits.map((h) => h.sourceId)).toEqual(['s6', 's2']);
    expect((await search('管理局')).hits.map((h) => h.sourceId)).toEqual(['s2', 's1']);
    expect((await search('消防安全')).hits.map((h) => h.sourceId)).toEqual(['s3']);
    expect((await search('地震 安全')).hits).toEqual([]);
  });

  it('matches quoted phrases only when adjacent', async () => {
    expect((await search('"应急预案"')).hits.map((h) => h.sourceId)).toEqual(['s2']);
    expect((await search('“应急预案”')).hits.map((h) => h.sourceId)).toEqual(['s2']);
    expect((await search('"预案 应急"')).hits).toEqual([]);
  });

  it('searches 文号, enterprise names and credit codes in the extra text', async () => {
    expect((await search('示例应急〔2025〕1号')).hits.map((h) => h.sourceId)).toEqual(['s1']);
    expect((await search('某某化工有限公司')).hits.map((h) => h.sourceId)).toEqual(['s5']);
    expect((await search('鑫达')).hits.map((h) => h.sourceId)).toEqual(['s5']);
    expect((await search('91370300ma3c5xxx01')).hits.map((h) => h.sourceId)).toEqual(['s5']);
    expect((await search('９１３７０３００ＭＡ３Ｃ５ＸＸＸ０１')).hits.map((h) => h.sourceId)).toEqual([
      's5',
    ]);
  });

  it('applies filters', async () => {
    expect(
      (await search('安全', { filters: { columnId: 'col-notice' } })).hits.map((h) => h.sourceId),
    ).toEqual(['s1', 's3']);
    expect((await search('安全', { filters: { year: 2024 } })).hits.map((h) => h.sourceId)).toEqual(['s3']);
    expect((await search('安全', { filters: { year: 2025 } })).hits.map((h) => h.sourceId)).toEqual([
      's5',
      's1',
    ]);
    expect((await search('安全', { filters: { year: 2023 } })).hits).toEqual([]);
    expect((await search('安全', { filters: { validity: '有效' } })).hits.map((h) => h.sourceId)).toEqual([
      's1',
    ]);
    expect(
      (await search('应急', { filters: { publisher: '示例市人民政府' } })).hits.map((h) => h.sourceId),
    ).toEqual(['s2']);
    expect((await search('安全', { filters: { kind: 'decision' } })).hits.map((h) => h.sourceId)).toEqual([
      's5',
    ]);
    expect(
      (await search('"应急预案"', { filters: { columnIds: ['col-plan', 'col-x'] } })).hits.map(
        (h) => h.sourceId,
      ),
    ).toEqual(['s2']);
    expect((await search('安全', { filters: { columnIds: [] } })).hits).toEqual([]);
  });

  it('scopes to the given agencies', async () => {
    expect((await search('安全生产')).hits.map((h) => h.sourceId)).toEqual(['s1']);
    const both = await search('安全生产', { orgIds: [org, other] });
    expect(both.hits.map((h) => h.sourceId)).toEqual(['s4', 's1']);
    expect((await search('安全生产', { orgIds: [] })).hits).toEqual([]);
  });

  it('escapes HTML in snippets and titles and marks matches', async () => {
    const r = await search('消防');
    const hit = r.hits[0]!;
    expect(hit.titleHtml).toBe('<mark>消防</mark>安全隐患排查整治工作方案');
    expect(hit.snippetHtml).toContain('<mark>消防</mark>');
    expect(hit.snippetHtml).toContain('&lt;script&gt;');
    expect(hit.snippetHtml).toContain('A&amp;B');
    expect(hit.snippetHtml).not.toContain('<script>');
  });

  it('removes withdrawn documents and keeps the rest', async () => {
    await index.upsert(db, doc(org, 7, { title: '临时发布的安全提示' }), NOW);
    expect((await search('提示')).total).toBe(1);
    expect(await index.remove(db, 'item', 's7')).toBe(true);
    expect((await search('提示')).total).toBe(0);
    expect(await index.remove(db, 'item', 's7')).toBe(false);
    expect((await search('安全')).hits.map((h) => h.sourceId)).toEqual(['s5', 's1', 's3']);
  });

  it('replaces a re-published document without duplicating it', async () => {
    await index.upsert(db, doc(org, 8, { title: '防汛紧急通知' }), NOW);
    await index.upsert(db, doc(org, 8, { title: '新标题：防汛抗旱通知' }), NOW);
    const r = await search('防汛');
    expect(r.hits.map((h) => h.title)).toEqual(['新标题：防汛抗旱通知']);
    expect((await search('紧急')).total).toBe(0);
    // A new publication instant moves it.
    await index.upsert(
      db,
      doc(org, 8, { title: '新标题：防汛抗旱通知', publishedAt: '2025-02-01T00:00:00Z' }),
      NOW,
    );
    expect((await search('防汛')).total).toBe(1);
    await index.remove(db, 'item', 's8');
  });

  it('hides documents past visible_until', async () => {
    await index.upsert(
      db,
      doc(org, 9, { title: '过期公示的处罚决定', visibleUntil: '2026-01-01T00:00:00Z' }),
      NOW,
    );
    expect((await search('过期公示')).total).toBe(0);
    expect(
      (await index.search(db, { q: '过期公示', orgIds: [org], now: '2025-06-01T00:00:00Z' })).total,
    ).toBe(1);
    await index.remove(db, 'item', 's9');
  });

  it('reports unsearchable queries', async () => {
    expect((await search('')).notice).toBeNull();
    expect((await search('！！，。')).notice).toMatch(/关键词/);
  });

  it('ranks by relevance within the candidate window when asked', async () => {
    const r = await search('应急', { order: 'relevance' });
    expect(r.hits.map((h) => h.sourceId).sort()).toEqual(['s1', 's2', 's6']);
    // The title match with several occurrences in the body outranks a body-only match.
    expect(r.hits[0]!.sourceId).toBe('s2');
  });

  describe('paging', () => {
    beforeAll(async () => {
      for (let i = 0; i < 45; i++) {
        await index.upsert(
          db,
          doc(org, 100 + i, {
            sourceId: `p${i}`,
            title: `森林防火检查第${i}期`,
            publishedAt: new Date(Date.UTC(2025, 5, 1, 0, 0, i)).toISOString(),
          }),
          NOW,
        );
      }
    });

    it('pages newest first and caps deep pages with a Chinese notice', async () => {
      const p1 = await search('森林防火', { pageSize: 10 });
      expect(p1.total).toBe(45);
      expect(p1.pageCount).toBe(5);
      expect(p1.hits[0]!.sourceId).toBe('p44');
      const p5 = await search('森林防火', { pageSize: 10, page: 5 });
      expect(p5.hits.map((h) => h.sourceId)).toEqual(['p4', 'p3', 'p2', 'p1', 'p0']);
      const p9 = await search('森林防火', { pageSize: 10, page: 9 });
      expect(p9.page).toBe(5);
      expect(p9.notice).toMatch(/最后一页/);
      const deep = await search('森林防火', { pageSize: 10, page: MAX_PAGES + 1 });
      expect(deep.page).toBe(5);
      expect(deep.notice).toMatch(/最后一页/);
    });

    it('caps the count at MAX_PAGES × page size', async () => {
      const r = await search('森林防火', { pageSize: 1 });
      expect(r.total).toBe(45);
      expect(r.totalCapped).toBe(false);
      // With page size 1 the cap is 50 → still exact; shrink further with a tighter query cap:
      for (let i = 0; i < 10; i++) {
        await index.upsert(
          db,
          doc(org, 200 + i, {
            sourceId: `q${i}`,
            title: `森林防火宣传${i}`,
            publishedAt: new Date(Date.UTC(2025, 6, 1, 0, 0, i)).toISOString(),
          }),
          NOW,
        );
      }
      const capped = await search('森林防火', { pageSize: 1 });
      expect(capped.total).toBe(MAX_PAGES);
      expect(capped.totalCapped).toBe(true);
      expect(capped.pageCount).toBe(MAX_PAGES);
      const deep = await search('森林防火', { pageSize: 1, page: MAX_PAGES + 1 });
      expect(deep.page).toBe(MAX_PAGES);
      expect(deep.hits).toHaveLength(1);
      expect(deep.notice).toMatch(/最多显示前 50 页/);
    });
  });

  describe('bounded counts', () => {
    // Runs after 'paging': 55 documents match 森林防火.
    it('counts a costly query (phrase, filter) only a few pages past the requested page', async () => {
      const p1 = await search('"森林防火"', { pageSize: 1 });
      expect(p1.total).toBe(1 + LOOKAHEAD_PAGES);
      expect(p1.totalCapped).toBe(true);
      expect(p1.pageCount).toBe(1 + LOOKAHEAD_PAGES);
      expect(p1.maxPages).toBe(MAX_PAGES);
      expect(p1.hits[0]!.sourceId).toBe('q9');
      const p20 = await search('"森林防火"', { pageSize: 1, page: 20 });
      expect(p20.page).toBe(20);
      expect(p20.pageCount).toBe(20 + LOOKAHEAD_PAGES);
      expect(p20.notice).toBeNull();
      const deep = await search('"森林防火"', { pageSize: 1, page: MAX_PAGES + 10 });
      expect(deep.page).toBe(MAX_PAGES);
      expect(deep.notice).toMatch(/最多显示前 50 页/);
      const filtered = await search('森林防火', { pageSize: 1, filters: { validity: '有效' } });
      expect(filtered.total).toBe(0);
      const byYear = await search('森林防火', { pageSize: 1, filters: { year: 2025 } });
      expect(byYear.total).toBe(MAX_PAGES);
      // Exact when everything fits in the window.
      const few = await search('"森林防火"', { pageSize: 20 });
      expect(few.total).toBe(55);
      expect(few.totalCapped).toBe(false);
    });

    it('ranks only the newest RANK_PAGES pages in relevance order', async () => {
      const r = await search('森林防火', { pageSize: 2, order: 'relevance' });
      expect(r.total).toBe(2 * RANK_PAGES);
      expect(r.totalCapped).toBe(true);
      expect(r.maxPages).toBe(RANK_PAGES);
      const deep = await search('森林防火', { pageSize: 2, order: 'relevance', page: RANK_PAGES + 1 });
      expect(deep.page).toBe(RANK_PAGES);
      expect(deep.hits).toHaveLength(2);
      expect(deep.notice).toMatch(/按相关度排序时最多显示前 10 页/);
    });
  });

  describe('upsertMany', () => {
    const many = (n: number, over: (i: number) => Partial<SearchDocument> = () => ({})) =>
      Array.from({ length: n }, (_, i) =>
        doc(org, 300 + i, {
          sourceId: `m${i}`,
          title: `批量导入的危化品台账${i}`,
          body: `第${i}号台账的正文`,
          columnId: i % 2 ? 'col-odd' : 'col-even',
          // Several documents in the same millisecond: they must get distinct slots.
          publishedAt: new Date(Date.UTC(2025, 7, 1, 0, 0, Math.floor(i / 3))).toISOString(),
          ...over(i),
        }),
      );

    it('indexes a batch larger than one multi-row statement, newest first', async () => {
      await index.upsertMany(db, many(450), NOW);
      const r = await search('台账', { pageSize: 50 });
      expect(r.total).toBe(450);
      expect(r.hits).toHaveLength(50);
      const times = r.hits.map((h) => h.publishedAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect((await search('台账', { filters: { columnId: 'col-odd' }, pageSize: 50 })).total).toBe(225);
      const { rows } = await sql<{
        n: number | string;
        d: number | string;
      }>`SELECT count(*) AS n, count(DISTINCT sort_key) AS d FROM search_documents WHERE doc_key LIKE 'item:m%'`.execute(
        db,
      );
      expect(Number(rows[0]!.n)).toBe(450);
      expect(Number(rows[0]!.d)).toBe(450);
    });

    it('replaces documents already in the index, in place or moved, and lets a later duplicate win', async () => {
      const batch = many(450, (i) =>
        i < 10
          ? { title: `地震危化品台账${i}` }
          : i < 20
            ? { title: `改期的危化品台账${i}`, publishedAt: '2025-09-01T00:00:00.000Z' }
            : {},
      );
      batch.push({ ...batch[0]!, title: '防汛危化品台账0' });
      await index.upsertMany(db, batch, NOW);
      expect((await search('台账', { pageSize: 50 })).total).toBe(450);
      expect((await search('地震 台账')).total).toBe(9);
      expect((await search('防汛 台账')).total).toBe(1);
      const moved = await search('改期', { pageSize: 50 });
      expect(moved.total).toBe(10);
      expect(new Set(moved.hits.map((h) => h.publishedAt))).toEqual(new Set(['2025-09-01T00:00:00.000Z']));
      // Ten documents in one millisecond: ten different keys in that instant's slots.
      const { rows } = await sql<{ n: number | string }>`SELECT count(DISTINCT sort_key) AS n
        FROM search_documents WHERE published_at = '2025-09-01T00:00:00.000Z'`.execute(db);
      expect(Number(rows[0]!.n)).toBe(10);
    });

    it("runs inside the caller's transaction (rolled back with it)", async () => {
      await expect(
        db.transaction().execute(async (trx) => {
          await index.upsertMany(trx, [doc(org, 9, { sourceId: 'rb', title: '回滚的批量文档' })], NOW);
          expect((await index.search(trx, { q: '回滚', orgIds: [org], now: NOW })).total).toBe(1);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect((await search('回滚')).total).toBe(0);
      await index.upsertMany(db, [], NOW);
    });

    it('removes the batch again', async () => {
      for (let i = 0; i < 450; i++) await index.remove(db, 'item', `m${i}`);
      expect((await search('危化品台账')).total).toBe(0);
    });
  });

  it('removeKind empties one kind only', async () => {
    const before = await index.countKind(db, 'item');
    expect(await index.removeKind(db, 'decision')).toBe(1);
    expect(await index.countKind(db, 'decision')).toBe(0);
    expect(await index.countKind(db, 'item')).toBe(before);
    expect((await search('某某化工')).total).toBe(0);
  });

  if (dialect === 'postgres') {
    it('answers the same through the newest-first walk as through GIN', async () => {
      const cases: [string, Partial<Parameters<typeof index.search>[1]>][] = [
        ['安全', {}],
        ['应急 预案', {}],
        ['"应急预案"', {}],
        ['安全', { filters: { columnId: 'col-notice' } }],
        ['应急', { filters: { publisher: '示例市人民政府' } }],
        ['安全', { filters: { year: 2025, validity: '有效' } }],
        ['森林防火', { pageSize: 10, page: 3 }],
        ['"森林防火"', { pageSize: 1, page: 7 }],
        ['应急', { order: 'relevance' }],
        ['安全生产', { orgIds: [org, other] }],
      ];
      const answer = async (plan: 'walk' | 'gin') => {
        forcePlan(plan);
        try {
          return await Promise.all(
            cases.map(async ([q, extra]) => {
              const r = await search(q, extra);
              return { total: r.total, capped: r.totalCapped, ids: r.hits.map((h) => h.sourceId) };
            }),
          );
        } finally {
          forcePlan(null);
        }
      };
      const gin = await answer('gin');
      expect(gin.some((r) => r.ids.length > 0)).toBe(true);
      expect(await answer('walk')).toEqual(gin);
    });
  }

  if (dialect === 'sqlite') {
    it('walks the FTS index newest first (FTS5 is the outer loop)', async () => {
      const { rows } = await sql<{ detail: string }>`EXPLAIN QUERY PLAN
        SELECT d.sort_key FROM search_fts CROSS JOIN search_documents d ON d.sort_key = search_fts.rowid
        WHERE search_fts MATCH '"安全"' AND d.org_id IN ('x') ORDER BY search_fts.rowid DESC LIMIT 20`.execute(
        db,
      );
      const plan = rows.map((r) => r.detail).join('\n');
      expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    });
  }
});
