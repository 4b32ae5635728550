/**
 * Site group (站群) pages at scale (issue 19 item 1): a government with N agencies (default 500) and M
 * published catalog items (default 200,000) spread over them and 2025–2026, loaded through Kysely into a
 * fresh migrated database of each engine (counters rebuilt with recountPublicCounts, every item in the
 * search index); then the service calls behind the group pages are timed: the 部门导航, the group 目录
 * (all agencies page 1 and page 50, one agency page 1 and its last page) and the group search (a frequent
 * and a rare word, all agencies with the per-agency facet, and one agency).
 *
 *   node --import tsx bench/sitegroup/run.ts [--agencies 500] [--items 200000] [--iterations 5] [--no-pg] [--no-sqlite]
 *     [--dir /tmp/gk-bench-sitegroup] [--pg postgres://postgres@127.0.0.1:5432]
 *
 * Prints a Markdown table and writes bench/sitegroup/results-<engine>-<items>.json.
 */
import type { Ctx } from '../../server/platform/context.js';
import { newId } from '../../server/platform/ids.js';
import { recountPublicCounts } from '../../server/modules/catalog/catalog.counts.js';
import { searchIndex } from '../../server/modules/search/search.service.js';
import type { SearchDocument } from '../../server/modules/search/search.index.js';
import {
  directory,
  FACET_COUNT_CAP,
  groupCatalog,
  groupSearch,
} from '../../server/modules/sitegroup/sitegroup.service.js';
import { buildCatalogItem, buildOrg } from '../../test/factories.js';
import { rngFor } from '../generate/prng.js';
import { benchMain, engineBenchArgs, type BenchCase } from '../lib/engine-bench.js';

const args = engineBenchArgs('sitegroup', { items: 200_000 });
const AGENCIES = args.agencies;
const ITEMS = args.items;
const NOW = '2026-12-07T02:00:00.000Z';
const BATCH = 500;
const DAY0 = Date.UTC(2025, 0, 1);
const DAYS = 705;
const day = (n: number) => new Date(DAY0 + n * 86400_000).toISOString().slice(0, 10);
const WORDS = [
  '安全生产',
  '道路运输',
  '环境监测',
  '行政许可',
  '财政预算',
  '政策解读',
  '应急预案',
  '人事任免',
];

async function load(ctx: Ctx, log: (s: string) => void) {
  const db = ctx.db;
  const started = Date.now();
  const gov = buildOrg({ kind: 'government', name: '基准市人民政府', code: 'bench-gov' });
  const orgs = [gov];
  for (let i = 1; i < AGENCIES; i++)
    orgs.push(buildOrg({ parent_id: gov.id, name: `基准市第${i}局`, code: `bench-${i}`, sort_order: i }));
  for (let i = 0; i < orgs.length; i += BATCH)
    await db
      .insertInto('orgs')
      .values(orgs.slice(i, i + BATCH))
      .execute();
  const columns = orgs.map((o) => ({
    id: newId(),
    org_id: o.id,
    parent_id: null,
    code: 'tzgg',
    name: '通知公告',
    depth: 1,
    sort_order: 0,
    update_class: 'periodic' as const,
    art20_items: '[15]',
    second_approval: 0,
    channels: '["portal"]',
    description: null,
    retired_at: null,
    created_at: NOW,
    updated_at: NOW,
  }));
  for (let i = 0; i < columns.length; i += BATCH)
    await db
      .insertInto('catalog_columns')
      .values(columns.slice(i, i + BATCH))
      .execute();
  const index = searchIndex(ctx);
  for (let i = 0; i < ITEMS; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, ITEMS - i) }, (_, k) => {
      const r = rngFor(19, 'sitegroup', i + k);
      const col = columns[r.int(columns.length)]!;
      const p = r.int(DAYS);
      const word = WORDS[r.int(WORDS.length)]!;
      // One item in 5,000 carries the rare word.
      const rare = (i + k) % 5000 === 0 ? '站群基准罕见词' : '';
      return buildCatalogItem({
        org_id: col.org_id,
        column_id: col.id,
        status: 'published',
        generated_on: day(Math.max(0, p - 3)),
        published_on: day(p),
        published_at: `${day(p)}T02:00:00.000Z`,
        title: `关于${word}工作的通知${rare}（${i + k}）`,
      });
    });
    const docs: SearchDocument[] = rows.map((r) => ({
      kind: 'item',
      sourceId: r.id,
      orgId: r.org_id,
      title: r.title,
      body: `${r.title}。请各单位认真贯彻落实。`,
      url: `/items/${r.id}`,
      label: '通知公告',
      columnId: r.column_id,
      year: Number(r.published_on!.slice(0, 4)),
      publishedAt: r.published_at!,
    }));
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('catalog_items').values(rows).execute();
      await index.upsertMany(trx, docs, NOW);
    });
    if ((i / BATCH) % 40 === 0) log(`items: ${i}/${ITEMS} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.transaction().execute((trx) => recountPublicCounts(trx));
  return { gov, orgs, loadSeconds: (Date.now() - started) / 1000 };
}

benchMain({
  name: 'sitegroup',
  scriptUrl: import.meta.url,
  args,
  now: NOW,
  async setup(ctx, log) {
    const { gov, orgs, loadSeconds } = await load(ctx, log);
    const one = orgs[7]!.code;
    const lastPage = 10_000; // clamped to the agency's last page
    const cases: BenchCase[] = [
      ['部门导航 (directory)', () => directory(ctx, gov)],
      [`目录: all ${orgs.length} agencies, page 1`, () => groupCatalog(ctx, gov, { agency: '', page: 1 })],
      [`目录: all agencies, page 50 (deepest)`, () => groupCatalog(ctx, gov, { agency: '', page: 50 })],
      ['目录: one agency, page 1', () => groupCatalog(ctx, gov, { agency: one, page: 1 })],
      ['目录: one agency, last page', () => groupCatalog(ctx, gov, { agency: one, page: lastPage })],
      [
        `search 安全生产: all agencies + facet counts of ${orgs.length} agencies (≤ ${FACET_COUNT_CAP} matches)`,
        () => groupSearch(ctx, gov, { q: '安全生产', agency: '', order: 'newest', page: 1 }),
      ],
      [
        'search 安全生产: one agency + facet counts',
        () => groupSearch(ctx, gov, { q: '安全生产', agency: one, order: 'newest', page: 1 }),
      ],
      [
        'search rare word: all agencies + facet counts',
        () => groupSearch(ctx, gov, { q: '站群基准罕见词', agency: '', order: 'newest', page: 1 }),
      ],
    ];
    return { loadSeconds, cases };
  },
});
