import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { adjustPublicCounts, recountPublicCounts } from './catalog.counts.js';
import * as q from './portal/public.repository.js';
import type { CatalogItemsTable } from './catalog.tables.js';

const ORG = '00000000-0000-7000-8000-0000000000a1';
const OTHER = '00000000-0000-7000-8000-0000000000a2';
const col = (n: number) => `00000000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
// Column tree: 1 (parent) → 2, 3; 4 on its own; 5 belongs to the other agency.
const COLUMNS = [
  { id: col(1), org: ORG, parent: null, code: 'p' },
  { id: col(2), org: ORG, parent: col(1), code: 'a' },
  { id: col(3), org: ORG, parent: col(1), code: 'b' },
  { id: col(4), org: ORG, parent: null, code: 'c' },
  { id: col(5), org: OTHER, parent: null, code: 'x' },
];
const TOPICS = ['安全生产', '防汛抗旱', null];
const VALIDITY = ['valid', 'valid', 'invalid', 'repealed'] as const;
const STATUS = ['published', 'published', 'published', 'published', 'withdrawn', 'unpublished'] as const;

type ItemRow = CatalogItemsTable;

function itemRow(i: number): ItemRow {
  const column = COLUMNS[i % 5]!;
  // Several items share a published_at, so the id decides their order (the ORDER BY's second key).
  const ms = Date.UTC(2019, 0, 1) + Math.floor(i / 3) * 9 * 86_400_000 + (i % 7 === 0 ? 16 * 3_600_000 : 0);
  const at = new Date(ms).toISOString();
  const status = STATUS[i % STATUS.length]!;
  const published = status !== 'unpublished';
  return {
    id: `00000000-0000-7000-8000-${String(100000 + ((i * 7919) % 100000)).padStart(12, '0')}`,
    org_id: column.org,
    column_id: column.id,
    status,
    working_revision_id: null,
    published_revision_id: null,
    index_number: null,
    title: `信息${i}`,
    summary: null,
    body_html: '',
    body_text: '',
    publisher: i % 4 === 0 ? '示例市人民政府' : '示例市应急管理局',
    generated_on: null,
    doc_number: null,
    doc_kind: 'other',
    topic: TOPICS[i % 3]!,
    disclosure_mode: '主动公开',
    art20_item: null,
    keywords: null,
    validity: VALIDITY[i % 4]!,
    validity_date: null,
    replaced_by_item_id: null,
    // 发布日期 is the China date of published_at (16:00Z and later is the next day in China).
    published_on: published ? new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10) : null,
    published_at: published ? at : null,
    content_updated_at: null,
    scheduled_at: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    created_by: null,
    created_at: at,
    updated_at: at,
  };
}

const N = 240;

/** What the list shows, computed naively in memory. */
function naive(rows: ItemRow[], orgId: string, f: q.ItemListFilter): ItemRow[] {
  return rows
    .filter(
      (r) =>
        r.org_id === orgId &&
        r.status === 'published' &&
        (!f.columnIds || f.columnIds.includes(r.column_id)) &&
        (!f.topic || r.topic === f.topic) &&
        (!f.validity || r.validity === f.validity) &&
        (!f.year || r.published_on!.startsWith(`${f.year}-`)),
    )
    .sort((a, b) =>
      a.published_at! === b.published_at!
        ? a.id < b.id
          ? 1
          : -1
        : a.published_at! < b.published_at!
          ? 1
          : -1,
    );
}

async function tableContents(db: Kysely<DB>) {
  const counts = await db
    .selectFrom('catalog_public_counts')
    .selectAll()
    .orderBy('org_id')
    .orderBy('column_id')
    .orderBy('year')
    .orderBy('validity')
    .orderBy('topic')
    .execute();
  const facets = await db
    .selectFrom('catalog_public_facets')
    .selectAll()
    .orderBy('org_id')
    .orderBy('facet')
    .orderBy('value')
    .execute();
  const norm = <T extends { n: number }>(rows: T[]) => rows.map((r) => ({ ...r, n: Number(r.n) }));
  return { counts: norm(counts), facets: norm(facets) };
}

describeEachDialect('catalog public counters and list pages', (getDb) => {
  let db: Kysely<DB>;
  const rows = Array.from({ length: N }, (_, i) => itemRow(i));

  beforeAll(async () => {
    db = getDb().db;
    const now = '2026-01-01T00:00:00.000Z';
    for (const [id, code] of [
      [ORG, 'cnt-a'],
      [OTHER, 'cnt-b'],
    ] as const)
      await db
        .insertInto('orgs')
        .values({
          id,
          parent_id: null,
          kind: 'department',
          code,
          name: code,
          is_default: 0,
          sort_order: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    for (const c of COLUMNS)
      await db
        .insertInto('catalog_columns')
        .values({
          id: c.id,
          org_id: c.org,
          parent_id: c.parent,
          code: c.code,
          name: c.code,
          depth: c.parent ? 2 : 1,
          sort_order: 0,
          art20_items: '[]',
          update_class: 'static',
          second_approval: 0,
          channels: '["portal"]',
          description: null,
          retired_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    for (let i = 0; i < rows.length; i += 60)
      await db
        .insertInto('catalog_items')
        .values(rows.slice(i, i + 60))
        .execute();
    await db.transaction().execute((trx) => recountPublicCounts(trx));
  });

  const filters: [string, q.ItemListFilter][] = [
    ['all', {}],
    ['one column', { columnIds: [col(2)] }],
    ['a column with sub-columns', { columnIds: [col(1), col(2), col(3)] }],
    ['year', { year: 2020 }],
    ['topic + validity', { topic: '安全生产', validity: 'valid' }],
    ['sub-columns + year + topic', { columnIds: [col(1), col(2), col(3)], year: 2019, topic: '防汛抗旱' }],
    ['no columns', { columnIds: [] }],
  ];

  it('counts every filter combination like a COUNT(*) would', async () => {
    for (const [label, f] of filters)
      expect(await q.countPublicItems(db, ORG, f), label).toBe(naive(rows, ORG, f).length);
    expect(await q.countPublicItems(db, OTHER, {})).toBe(naive(rows, OTHER, {}).length);
  });

  it('pages through every list in order, from either end and through the merge or the walk', async () => {
    for (const window of [1000, 10]) {
      q.LIST_TUNING.mergeWindow = window;
      try {
        for (const [label, f] of filters) {
          const expected = naive(rows, ORG, f).map((r) => r.id);
          const total = await q.countPublicItems(db, ORG, f);
          for (const withTotal of [true, false]) {
            const seen: string[] = [];
            for (let offset = 0; offset < Math.max(total, 1); offset += 7) {
              const page = await q.publicItems(db, ORG, f, 7, offset, withTotal ? total : undefined);
              seen.push(...page.map((p) => p.id));
            }
            expect(seen, `${label} window ${window} total ${withTotal}`).toEqual(expected);
          }
        }
      } finally {
        q.LIST_TUNING.mergeWindow = 1000;
      }
    }
  });

  it('lists years, topics and publishers of published items only', async () => {
    const pub = rows.filter((r) => r.org_id === ORG && r.status === 'published');
    expect(await q.publicYears(db, ORG)).toEqual(
      [...new Set(pub.map((r) => Number(r.published_on!.slice(0, 4))))].sort((a, b) => b - a),
    );
    expect(new Set(await q.publicTopics(db, ORG))).toEqual(
      new Set(pub.map((r) => r.topic).filter((t): t is string => Boolean(t))),
    );
    expect(new Set(await q.publicPublishers(db, ORG))).toEqual(new Set(pub.map((r) => r.publisher)));
  });

  it('moves counts with every change and ends where a recount does', async () => {
    const changes: ((r: ItemRow) => Partial<ItemRow>)[] = [
      () => ({ status: 'withdrawn' }), // 撤回
      () => ({ validity: 'repealed' }), // 废止
      () => ({ column_id: col(4), topic: '防汛抗旱' }), // a new revision moved it
      (r) => ({
        status: 'published',
        published_on: r.published_on ?? '2026-01-05',
        published_at: r.published_at ?? '2026-01-05T02:00:00.000Z',
        publisher: '新的发布机构',
      }),
      () => ({ topic: null }),
    ];
    for (let i = 0; i < 60; i++) {
      const before = rows[i]!;
      if (before.org_id !== ORG) continue;
      const after = { ...before, ...changes[i % changes.length]!(before) };
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('catalog_items').set(after).where('id', '=', before.id).execute();
        await adjustPublicCounts(trx, before, after);
      });
      rows[i] = after;
    }
    const maintained = await tableContents(db);
    expect(await q.publicPublishers(db, ORG)).toContain('新的发布机构');
    for (const [label, f] of filters)
      expect(await q.countPublicItems(db, ORG, f), label).toBe(naive(rows, ORG, f).length);
    await db.transaction().execute((trx) => recountPublicCounts(trx, ORG));
    expect(await tableContents(db)).toEqual(maintained);
    // No row is left at zero.
    expect(maintained.counts.every((r) => r.n > 0) && maintained.facets.every((r) => r.n > 0)).toBe(true);
  });
});
