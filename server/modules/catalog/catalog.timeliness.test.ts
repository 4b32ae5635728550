import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { buildCatalogItem } from '../../../test/factories.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import {
  adjustTimelinessCounts,
  buildTimelinessCountsIfMissing,
  recountTimelinessCounts,
  timelinessCountsBuilt,
} from './catalog.timeliness.repository.js';
import { catalogTimelinessFacts, splitWindow } from './catalog.supervision.js';
import type { CatalogItemsTable } from './catalog.tables.js';

const ORGS = ['00000000-0000-7000-8000-0000000007a1', '00000000-0000-7000-8000-0000000007a2'];
const COLS = ['00000000-0000-7000-8000-0000000007c1', '00000000-0000-7000-8000-0000000007c2'];
const calendar = new WorkCalendar();

async function counters(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('catalog_timeliness_counts')
    .selectAll()
    .where('month', '<>', 'built')
    .orderBy('org_id')
    .orderBy('month')
    .execute();
  // A counter moved back to zero may stay as a row; a recount writes none.
  return rows
    .map((r) => ({ ...r, published: Number(r.published), late: Number(r.late) }))
    .filter((r) => r.published !== 0 || r.late !== 0);
}

it('splits a window into whole months and partial edges', () => {
  expect(splitWindow({ from: '2025-12-07', to: '2026-12-07' })).toEqual({
    months: ['2026-01', '2026-11'],
    edges: [
      { from: '2025-12-07', to: '2025-12-31' },
      { from: '2026-12-01', to: '2026-12-07' },
    ],
  });
  expect(splitWindow({ from: '2026-10-01', to: '2026-12-31' })).toEqual({
    months: ['2026-10', '2026-12'],
    edges: [],
  });
  expect(splitWindow({ from: '2026-02-03', to: '2026-02-20' })).toEqual({
    months: null,
    edges: [{ from: '2026-02-03', to: '2026-02-20' }],
  });
});

describeEachDialect('catalog late-publication counters', (getDb) => {
  let db: Kysely<DB>;
  // mulberry32: the same random writes on every run and engine.
  let seed = 19;
  const rng = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const day = (lo: string, span: number) => addDays(lo, Math.floor(rng() * span));
  const items: CatalogItemsTable[] = [];

  /** A random state of an item: published or not, any 发布日期, a 成文日期 0–60 days before or none. */
  function randomState(base: CatalogItemsTable): CatalogItemsTable {
    const published_on = day('2025-10-01', 450);
    return {
      ...base,
      org_id: base.org_id,
      status: pick(['published', 'published', 'published', 'withdrawn', 'unpublished'] as const),
      published_on,
      generated_on: rng() < 0.15 ? null : addDays(published_on, -Math.floor(rng() * 60)),
    };
  }

  beforeAll(async () => {
    db = getDb().db;
    const now = '2026-01-01T00:00:00.000Z';
    for (const [i, id] of ORGS.entries())
      await db
        .insertInto('orgs')
        .values({
          id,
          parent_id: null,
          kind: 'department',
          code: `tl-${i}`,
          name: `tl-${i}`,
          is_default: 0,
          sort_order: i,
          created_at: now,
          updated_at: now,
        })
        .execute();
    for (const [i, id] of COLS.entries())
      await db
        .insertInto('catalog_columns')
        .values({
          id,
          org_id: ORGS[i]!,
          parent_id: null,
          code: `c${i}`,
          name: `c${i}`,
          depth: 1,
          sort_order: 0,
          art20_items: '[]',
          update_class: 'dynamic',
          second_approval: 0,
          channels: '["portal"]',
          description: null,
          retired_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    for (let i = 0; i < 150; i++) {
      const org = i % 2;
      items.push(randomState(buildCatalogItem({ org_id: ORGS[org]!, column_id: COLS[org]! })));
    }
    await db.insertInto('catalog_items').values(items).execute();
  });

  it('equal a recount after random writes, and the board reads the same numbers from them as from the items', async () => {
    const asOf = { today: '2026-12-07', calendar };
    const fromItems = await catalogTimelinessFacts(db, ORGS, asOf);
    expect(await timelinessCountsBuilt(db)).toBe(false);
    await db.transaction().execute((trx) => recountTimelinessCounts(trx, calendar));
    expect(await timelinessCountsBuilt(db)).toBe(true);
    expect(await catalogTimelinessFacts(db, ORGS, asOf)).toEqual(fromItems);
    expect(fromItems.some((f) => f.late > 0 && f.published > f.late)).toBe(true);

    // Random writes — publish, withdraw, move the 发布日期 or 成文日期, another agency — each with its
    // counter adjustment in the write's transaction, as catalog.publishing.ts does.
    for (let n = 0; n < 200; n++) {
      const i = Math.floor(rng() * items.length);
      const before = items[i]!;
      const after = randomState(before);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('catalog_items')
          .set({ status: after.status, published_on: after.published_on, generated_on: after.generated_on })
          .where('id', '=', before.id)
          .execute();
        await adjustTimelinessCounts(trx, calendar, before, after);
      });
      items[i] = after;
    }
    const maintained = await counters(db);
    const board = await catalogTimelinessFacts(db, ORGS, asOf);
    await db.transaction().execute((trx) => recountTimelinessCounts(trx, calendar));
    expect(maintained).toEqual(await counters(db));
    expect(board).toEqual(await catalogTimelinessFacts(db, ORGS, asOf));
    // And the same as counting the items themselves (a quarter window: whole months + a partial one).
    const quarter = { from: '2026-10-01', to: '2026-12-07' };
    const counted = await catalogTimelinessFacts(db, ORGS, asOf, quarter);
    await db.deleteFrom('catalog_timeliness_counts').execute();
    expect(await catalogTimelinessFacts(db, ORGS, asOf, quarter)).toEqual(counted);
  });

  it('are built once by workers starting side by side (an upgraded database needs no recount step)', async () => {
    await db.deleteFrom('catalog_timeliness_counts').execute();
    expect(await timelinessCountsBuilt(db)).toBe(false);
    // Each build waits in its calendar load until all three have arrived there (or 300 ms passed), so
    // unserialized builds would overlap for sure instead of finishing one before the next connects.
    let arrived = 0;
    const barrier = async () => {
      arrived += 1;
      for (let t = 0; arrived < 3 && t < 30; t++) await new Promise((r) => setTimeout(r, 10));
      return calendar;
    };
    const build = () => db.transaction().execute((trx) => buildTimelinessCountsIfMissing(trx, barrier));
    const results = await Promise.all([build(), build(), build()]);
    expect(results.filter((r) => r.built)).toHaveLength(1);
    expect(results.find((r) => r.built)!.rows).toBeGreaterThan(0);
    const built = await counters(db);
    await db.transaction().execute((trx) => recountTimelinessCounts(trx, calendar));
    expect(built).toEqual(await counters(db));
    // Once built, nothing is recounted (a counter kept on write stays as it is).
    await db
      .updateTable('catalog_timeliness_counts')
      .set({ published: 999 })
      .where('month', '<>', 'built')
      .execute();
    expect(await build()).toEqual({ built: false, rows: 0 });
    expect((await counters(db)).every((r) => r.published === 999)).toBe(true);
  });
});
