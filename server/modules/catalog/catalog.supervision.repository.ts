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
      FROM catalog_items i JOIN d ON i.generated_on = d.g
      WHERE i.org_id IN (${sql.join(ids)}) AND i.status = 'published'
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
      FROM catalog_items i JOIN d ON i.generated_on = d.g
      WHERE i.org_id IN (${sql.join(ids)}) AND i.status = 'published'
        AND i.published_on >= ${w.from} AND i.published_on <= ${w.to} AND i.published_on > d.due
      ORDER BY i.published_on DESC, i.id DESC
      LIMIT ${limit}`.execute(db);
    out.push(...rows.rows);
  }
  return out;
}

/** Live (not retired) columns of the agencies. */
export function liveColumns(db: Db, ids: string[]) {
  return db
    .selectFrom('catalog_columns')
    .select(['id', 'org_id', 'parent_id', 'code', 'name', 'update_class', 'sort_order', 'depth'])
    .where('org_id', 'in', ids)
    .where('retired_at', 'is', null)
    .orderBy('org_id')
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/** Last 发布日期 per column of the agencies (published items only). */
export async function lastPublishedByColumn(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('catalog_items')
    .select(['column_id', (eb) => eb.fn.max('published_on').as('last')])
    .where('org_id', 'in', ids)
    .where('status', '=', 'published')
    .groupBy('column_id')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (r.last) out.set(r.column_id, r.last);
  return out;
}
