/**
 * SQL of the supervision facts (catalog.supervision.ts). Every function reads all the given agencies in
 * one query.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';

type Db = Kysely<DB>;

export interface Window {
  from: string;
  to: string;
}

/**
 * 成文日期 → last on-time 发布日期 for every day from `start` on (catalog.supervision.ts onTimeTable); an
 * item whose 成文日期 is before `start` is late for any publication in the window.
 */
export interface OnTimeTable {
  start: string;
  pairs: readonly (readonly [string, string])[];
}

function dueTable(pairs: OnTimeTable['pairs']) {
  return sql.join(pairs.map(([g, due]) => sql`(cast(${g} as varchar(10)), cast(${due} as varchar(10)))`));
}

/**
 * The window's items with a 成文日期 in two parts: those whose 成文日期 is in the table, joined to their
 * last on-time day (CROSS JOIN keeps catalog_items the outer loop on SQLite — an index range read from the
 * index alone, the due day found through an automatic index on the small `d`; PostgreSQL hash-joins), and
 * those whose 成文日期 is outside it: before it (late whatever the day) or after the window (not late).
 */
function windowItems(ids: string[], w: Window) {
  return sql`i.org_id IN (${sql.join(ids)}) AND i.status = 'published'
    AND i.published_on >= ${w.from} AND i.published_on <= ${w.to}`;
}

/**
 * Per agency: items published in the window with a 成文日期 and those published after the last on-time
 * day of their 成文日期 — one grouped query over every agency (catalog_items_supervision_window when
 * every agency is asked, catalog_items_supervision_gen for a few).
 */
export async function lateCounts(
  db: Db,
  ids: string[],
  w: Window,
  table: OnTimeTable,
): Promise<Map<string, { published: number; late: number }>> {
  const out = new Map<string, { published: number; late: number }>();
  const rows = await sql<{ org_id: string; published: unknown; late: unknown }>`
    WITH d(g, due) AS (VALUES ${dueTable(table.pairs)})
    SELECT org_id, sum(published) AS published, sum(late) AS late FROM (
      SELECT i.org_id AS org_id, count(*) AS published,
             sum(CASE WHEN i.published_on > d.due THEN 1 ELSE 0 END) AS late
      FROM catalog_items i CROSS JOIN d
      WHERE i.generated_on = d.g AND ${windowItems(ids, w)}
      GROUP BY i.org_id
      UNION ALL
      SELECT i.org_id AS org_id, count(*) AS published,
             sum(CASE WHEN i.generated_on < ${table.start} THEN 1 ELSE 0 END) AS late
      FROM catalog_items i
      WHERE ${windowItems(ids, w)} AND (i.generated_on < ${table.start} OR i.generated_on > ${w.to})
      GROUP BY i.org_id) x
    GROUP BY org_id`.execute(db);
  for (const r of rows.rows)
    out.set(r.org_id, { published: toNumber(r.published), late: toNumber(r.late ?? 0) });
  return out;
}

export interface LateItemRow {
  id: string;
  org_id: string;
  column_id: string;
  title: string;
  index_number: string | null;
  generated_on: string;
  published_on: string;
}

/**
 * The late items themselves, latest first, at most `limit`: judged and ordered from the index
 * catalog_items_supervision_window alone (it holds the id), then only the rows listed are read.
 */
export async function lateItems(
  db: Db,
  ids: string[],
  w: Window,
  table: OnTimeTable,
  limit: number,
): Promise<LateItemRow[]> {
  const rows = await sql<LateItemRow>`
    WITH d(g, due) AS (VALUES ${dueTable(table.pairs)}),
    late AS (
      SELECT i.id AS id, i.published_on AS published_on
      FROM catalog_items i CROSS JOIN d
      WHERE i.generated_on = d.g AND ${windowItems(ids, w)} AND i.published_on > d.due
      UNION ALL
      SELECT i.id AS id, i.published_on AS published_on
      FROM catalog_items i
      WHERE ${windowItems(ids, w)} AND i.generated_on < ${table.start}
      ORDER BY published_on DESC, id DESC
      LIMIT ${limit})
    SELECT i.id, i.org_id, i.column_id, i.title, i.index_number, i.generated_on, i.published_on
    FROM late JOIN catalog_items i ON i.id = late.id
    ORDER BY i.published_on DESC, i.id DESC`.execute(db);
  return rows.rows;
}

/**
 * Live (not retired) columns of the agencies, each with the last 发布日期 of its own published items: one
 * query, the last date an index seek per column (catalog_items_supervision_col) rather than a scan of
 * every published item.
 */
export async function liveColumnsWithLast(db: Db, ids: string[]) {
  const rows = await db
    .selectFrom('catalog_columns as c')
    .select([
      'c.id',
      'c.org_id',
      'c.parent_id',
      'c.code',
      'c.name',
      'c.update_class',
      'c.sort_order',
      'c.depth',
    ])
    .select((eb) =>
      eb
        .selectFrom('catalog_items as i')
        .select((e) => e.fn.max('i.published_on').as('m'))
        .whereRef('i.column_id', '=', 'c.id')
        .where('i.status', '=', 'published')
        .as('last'),
    )
    .where('c.org_id', 'in', ids)
    .where('c.retired_at', 'is', null)
    .orderBy('c.org_id')
    .orderBy('c.depth')
    .orderBy('c.sort_order')
    .orderBy('c.name')
    .execute();
  const lastByColumn = new Map<string, string>();
  for (const r of rows) if (r.last) lastByColumn.set(r.id, r.last);
  return { columns: rows.map(({ last: _last, ...c }) => c), lastByColumn };
}
