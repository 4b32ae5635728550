/**
 * Late-publication counters (第二十六条) per agency and month of 发布日期 (catalog_timeliness_counts, see
 * catalog.tables.ts): what the supervision board and the scorecards read instead of scanning every item
 * of a 12-month window. An item counts when it is published with a 成文日期; it is late when published
 * after latestOnTimeDay(calendar, 成文日期). The counters are kept in the transaction of every write that
 * moves an item in or out of them (catalog.publishing.ts, next to adjustPublicCounts) and rebuilt inside
 * a calendar change (catalog.module.ts) and by `gongkai catalog recount`. Until built (the marker row) the
 * readers count the items themselves.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { latestOnTimeDay } from './catalog.rules.js';
import type { CatalogItemsTable } from './catalog.tables.js';

type Db = Kysely<DB>;

/** The item fields that decide whether, where and how an item is counted. */
export type TimedItem = Pick<CatalogItemsTable, 'org_id' | 'status' | 'published_on' | 'generated_on'>;

const BUILT = { org_id: '', month: 'built' } as const;

interface Key {
  org_id: string;
  month: string;
  late: 0 | 1;
}

function keyOf(item: TimedItem | null | undefined, calendar: WorkCalendar): Key | null {
  if (!item || item.status !== 'published' || !item.published_on || !item.generated_on) return null;
  return {
    org_id: item.org_id,
    month: item.published_on.slice(0, 7),
    late: item.published_on > latestOnTimeDay(calendar, item.generated_on) ? 1 : 0,
  };
}

/**
 * Serializes rebuilds with each other and with the writers' adjustments (PostgreSQL; SQLite has one writer
 * at a time anyway): two rebuilds running side by side would each delete what they can see and then add
 * their sums onto the other's rows. EXCLUSIVE mode still lets readers read; a writer's adjustment waits
 * until the rebuild commits and then lands on the rebuilt rows. Call inside the rebuild's transaction.
 */
async function lockTimelinessCounts(trx: Db): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`LOCK TABLE catalog_timeliness_counts IN EXCLUSIVE MODE`.execute(trx);
}

/**
 * Builds the counters if they have not been built yet (a database upgraded to this release, or loaded in
 * bulk); a no-op once built. Run by the worker at start, so no operator step is needed after an upgrade.
 * Inside one transaction: the lock first, then the check, so two workers starting together build once.
 */
export async function buildTimelinessCountsIfMissing(
  trx: Db,
  loadCalendar: () => Promise<WorkCalendar>,
): Promise<{ built: boolean; rows: number }> {
  await lockTimelinessCounts(trx);
  if (await timelinessCountsBuilt(trx)) return { built: false, rows: 0 };
  const { rows } = await rebuild(trx, await loadCalendar());
  return { built: true, rows };
}

/** Whether the counters have been built (else readers count the items). */
export async function timelinessCountsBuilt(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('catalog_timeliness_counts')
    .select('org_id')
    .where('org_id', '=', BUILT.org_id)
    .where('month', '=', BUILT.month)
    .executeTakeFirst();
  return row !== undefined;
}

async function add(trx: Db, k: Key, d: 1 | -1): Promise<void> {
  await trx
    .insertInto('catalog_timeliness_counts')
    .values({ org_id: k.org_id, month: k.month, published: d, late: d * k.late })
    .onConflict((oc) =>
      oc.columns(['org_id', 'month']).doUpdateSet({
        published: sql<number>`catalog_timeliness_counts.published + ${d}`,
        late: sql<number>`catalog_timeliness_counts.late + ${d * k.late}`,
      }),
    )
    .execute();
}

/**
 * Moves an item's contribution from `before` to `after` (either may be null or not counted). Call inside
 * the transaction that writes the item, with the calendar in force. Rows are touched in key order so two
 * concurrent publications cannot lock the same two rows in opposite orders (PostgreSQL).
 */
export async function adjustTimelinessCounts(
  trx: Db,
  calendar: WorkCalendar,
  before: TimedItem | null | undefined,
  after: TimedItem | null | undefined,
): Promise<void> {
  const b = keyOf(before, calendar);
  const a = keyOf(after, calendar);
  if (b && a && b.org_id === a.org_id && b.month === a.month && b.late === a.late) return;
  const ops = [...(b ? [{ k: b, d: -1 as const }] : []), ...(a ? [{ k: a, d: 1 as const }] : [])].sort(
    (x, y) => (x.k.org_id + x.k.month < y.k.org_id + y.k.month ? -1 : 1),
  );
  for (const { k, d } of ops) await add(trx, k, d);
}

/**
 * Rebuilds every counter from the items table with the given calendar and marks them built. Run it inside
 * one transaction (the caller's) so readers see either the old or the new numbers.
 */
export async function recountTimelinessCounts(trx: Db, calendar: WorkCalendar): Promise<{ rows: number }> {
  await lockTimelinessCounts(trx);
  return rebuild(trx, calendar);
}

/** recountTimelinessCounts without taking the lock (its callers hold it). */
async function rebuild(trx: Db, calendar: WorkCalendar): Promise<{ rows: number }> {
  await trx.deleteFrom('catalog_timeliness_counts').execute();
  const days = await trx
    .selectFrom('catalog_items')
    .select('generated_on')
    .distinct()
    .where('status', '=', 'published')
    .where('published_on', 'is not', null)
    .where('generated_on', 'is not', null)
    .execute();
  const pairs = days.flatMap((r) =>
    r.generated_on ? [[r.generated_on, latestOnTimeDay(calendar, r.generated_on)]] : [],
  );
  const month = sql`substr(i.published_on, 1, 7)`;
  // One pass per chunk of 成文日期 (bound parameters stay under every engine's limit), summed by the upsert.
  for (let i = 0; i < pairs.length; i += 4000) {
    const chunk = pairs.slice(i, i + 4000);
    const d = sql.join(
      chunk.map(([g, due]) => sql`(cast(${g} as varchar(10)), cast(${due} as varchar(10)))`),
    );
    await sql`INSERT INTO catalog_timeliness_counts (org_id, month, published, late)
      SELECT org_id, m, published, late FROM (
        WITH d(g, due) AS (VALUES ${d})
        SELECT i.org_id AS org_id, ${month} AS m, count(*) AS published,
               sum(CASE WHEN i.published_on > d.due THEN 1 ELSE 0 END) AS late
        FROM catalog_items i JOIN d ON d.g = i.generated_on
        WHERE i.status = 'published' AND i.published_on IS NOT NULL
        GROUP BY i.org_id, ${month}) x
      WHERE true
      ON CONFLICT (org_id, month) DO UPDATE SET
        published = catalog_timeliness_counts.published + excluded.published,
        late = catalog_timeliness_counts.late + excluded.late`.execute(trx);
  }
  const n = await trx
    .selectFrom('catalog_timeliness_counts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('catalog_timeliness_counts')
    .values({ ...BUILT, published: 0, late: 0 })
    .execute();
  return { rows: toNumber(n.n) };
}

/** Per agency: published and late items of the months [fromMonth, toMonth] ('YYYY-MM'), from the counters. */
export async function timelinessMonths(
  db: Db,
  ids: string[],
  fromMonth: string,
  toMonth: string,
): Promise<Map<string, { published: number; late: number }>> {
  const rows = await db
    .selectFrom('catalog_timeliness_counts')
    .select([
      'org_id',
      (eb) => eb.fn.sum<number>('published').as('published'),
      (eb) => eb.fn.sum<number>('late').as('late'),
    ])
    .where('org_id', 'in', ids)
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, { published: toNumber(r.published), late: toNumber(r.late) }]));
}
