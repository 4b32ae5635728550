/**
 * SQL of the supervision facts (catalog.supervision.ts). Every function reads all the given agencies in
 * one query (late-publication counts: one per 4 000 distinct 成文日期, in practice one).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';

type Db = Kysely<DB>;

export interface Window {
  from: string;
  to: string;
}

/** Distinct 成文日期 of the items first published in the window. */
export async function generatedDays(db: Db, ids: string[], w: Window): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_items')
    .select('generated_on')
    .distinct()
    .where('org_id', 'in', ids)
    .where('status', '=', 'published')
    .where('published_on', '>=', w.from)
    .where('published_on', '<=', w.to)
    .where('generated_on', 'is not', null)
    .execute();
  return rows.map((d) => d.generated_on).filter((g): g is string => g !== null);
}

const CHUNK = 4000;

function dueTable(chunk: readonly (readonly [string, string])[]) {
  return sql.join(chunk.map(([g, due]) => sql`(cast(${g} as varchar(10)), cast(${due} as varchar(10)))`));
}

/**
 * CROSS JOIN keeps catalog_items the outer loop on SQLite (a range of catalog_items_supervision_gen read from
 * the index alone, the due day found through an automatic index on the small `d`); PostgreSQL plans it as an
 * ordinary (hash) join.
 *
 * Per agency: items published in the window with a 成文日期 and those published after the last on-time
 * day of their 成文日期 (`pairs`: 成文日期 → last on-time 发布日期).
 */
export async function lateCounts(
  db: Db,
  ids: string[],
  w: Window,
  pairs: readonly (readonly [string, string])[],
): Promise<Map<string, { published: number; late: number }>> {
  const out = new Map<string, { published: number; late: number }>();
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const rows = await sql<{ org_id: string; published: unknown; late: unknown }>`
      WITH d(g, due) AS (VALUES ${dueTable(pairs.slice(i, i + CHUNK))})
      SELECT i.org_id AS org_id, count(*) AS published,
             sum(CASE WHEN i.published_on > d.due THEN 1 ELSE 0 END) AS late
      FROM catalog_items i CROSS JOIN d
      WHERE i.generated_on = d.g AND i.org_id IN (${sql.join(ids)}) AND i.status = 'published'
        AND i.published_on >= ${w.from} AND i.published_on <= ${w.to}
      GROUP BY i.org_id`.execute(db);
    for (const r of rows.rows) {
      const prev = out.get(r.org_id) ?? { published: 0, late: 0 };
      out.set(r.org_id, {
        published: prev.published + toNumber(r.published),
        late: prev.late + toNumber(r.late ?? 0),
      });
    }
  }
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

/** The late items themselves, latest first, at most `limit` per chunk of 成文日期. */
export async function lateItems(
  db: Db,
  ids: string[],
  w: Window,
  pairs: readonly (readonly [string, string])[],
  limit: number,
): Promise<LateItemRow[]> {
  const out: LateItemRow[] = [];
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const rows = await sql<LateItemRow>`
      WITH d(g, due) AS (VALUES ${dueTable(pairs.slice(i, i + CHUNK))})
      SELECT i.id, i.org_id, i.column_id, i.title, i.index_number, i.generated_on, i.published_on
      FROM catalog_items i CROSS JOIN d
      WHERE i.generated_on = d.g AND i.org_id IN (${sql.join(ids)}) AND i.status = 'published'
        AND i.published_on >= ${w.from} AND i.published_on <= ${w.to} AND i.published_on > d.due
      ORDER BY i.published_on DESC, i.id DESC
      LIMIT ${limit}`.execute(db);
    out.push(...rows.rows);
  }
  return out;
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
