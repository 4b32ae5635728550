/**
 * The search module's SQL, on its own tables only (search_documents, the SQLite FTS5 table search_fts and
 * the PostgreSQL tsv column; portal_content_versions for the portal's page cache; portal_pages, the
 * editable page texts of catalog/portal/guide.ts). search.index.ts keeps the key allocation and paging rules, search.engines.ts
 * which of these queries runs (pg-plan.ts chooses a walk or GIN on PostgreSQL); nothing else here decides.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PortalPagesTable, SearchDocumentsTable } from './search.tables.js';
import { walkMonthRange, yearSortKeyRange } from './search.ranges.js';

type Db = Kysely<DB>;
type SearchDocumentRow = Selectable<SearchDocumentsTable>;

/** What the queries need to know of a search (search.index.ts EngineQuery satisfies it). */
export interface QuerySpec {
  orgIds: readonly string[];
  now: string;
  limit: number;
  offset: number;
  filters: {
    kind?: string;
    columnId?: string;
    columnIds?: string[];
    year?: number;
    walkMonth?: string;
    publisher?: string;
    validity?: string;
  };
}

/** Columns of search_documents a hit needs (never the PostgreSQL tsv column). */
const HIT_COLUMNS = [
  'sort_key',
  'doc_key',
  'kind',
  'source_id',
  'org_id',
  'title',
  'body',
  'extra',
  'url',
  'label',
  'column_id',
  'year',
  'publisher',
  'validity',
  'published_at',
  'visible_until',
  'indexed_at',
] as const;
const COLUMNS = sql.raw(HIT_COLUMNS.map((c) => `d.${c}`).join(', '));

/** Columns written on insert (PostgreSQL adds tsv). */
export const ROW_COLUMNS = HIT_COLUMNS;
const INSERT_HEAD = sql.raw(`INSERT INTO search_documents (${ROW_COLUMNS.join(', ')}`);

/** The sort_key range a year or the narrower month walk bound allows (null: no bound). */
function walkRange(f: QuerySpec['filters']): [number, number] | null {
  return walkMonthRange(f.walkMonth) ?? (f.year ? yearSortKeyRange(f.year) : null);
}

/** Visibility and filters as one SQL condition over `d` (search_documents). */
function conditions(spec: QuerySpec): RawBuilder<unknown> {
  const f = spec.filters;
  const parts: RawBuilder<unknown>[] = [
    sql`d.org_id IN (${sql.join([...spec.orgIds])})`,
    sql`(d.visible_until IS NULL OR d.visible_until > ${spec.now})`,
  ];
  if (f.kind) parts.push(sql`d.kind = ${f.kind}`);
  if (f.columnId) parts.push(sql`d.column_id = ${f.columnId}`);
  if (f.columnIds) {
    parts.push(f.columnIds.length ? sql`d.column_id IN (${sql.join(f.columnIds)})` : sql`1 = 0`);
  }
  if (f.year) parts.push(sql`d.year = ${f.year}`);
  // The year (or the narrower month walk bound) as a sort_key range too, with a day of margin for the China
  // date: FTS5 then walks only that stretch of its doclists by rowid, PostgreSQL only that stretch of its
  // (org_id, sort_key) index.
  const range = walkRange(f);
  if (range) parts.push(sql`d.sort_key >= ${range[0]} AND d.sort_key < ${range[1]}`);
  if (f.publisher) parts.push(sql`d.publisher = ${f.publisher}`);
  if (f.validity) parts.push(sql`d.validity = ${f.validity}`);
  return sql.join(parts, sql` AND `);
}

/**
 * The same range on the FTS5 rowid, so the virtual table seeks to it in its doclists. The bounds are
 * cast because better-sqlite3 binds JavaScript numbers as REAL, and FTS5 does not seek by a REAL
 * rowid bound: it walks every posting from the newest down to the year instead (59 ms instead of
 * 2.6 ms for 安全 in 2015 at 1M documents).
 */
function ftsRowidRange(spec: QuerySpec): RawBuilder<unknown> {
  const range = walkRange(spec.filters);
  if (!range) return sql`1 = 1`;
  const [from, to] = range;
  return sql`search_fts.rowid >= CAST(${from} AS INTEGER) AND search_fts.rowid < CAST(${to} AS INTEGER)`;
}

function fixRow(r: SearchDocumentRow): SearchDocumentRow {
  // pg returns bigint as text.
  return { ...r, sort_key: Number(r.sort_key) };
}

const countsByOrg = (rows: { org_id: string; n: number | string }[]) =>
  new Map(rows.map((r) => [r.org_id, Number(r.n)]));

// ---- document rows (both engines) ----

/** sort_key of each given document key that is in the index. */
export async function sortKeysOfDocs(db: Db, docKeys: readonly string[]): Promise<Map<string, number>> {
  if (docKeys.length === 0) return new Map();
  const rows = await db
    .selectFrom('search_documents')
    .select(['doc_key', 'sort_key'])
    .where('doc_key', 'in', [...docKeys])
    .execute();
  return new Map(rows.map((r) => [r.doc_key, Number(r.sort_key)]));
}

/** Of the given sort_keys, those taken; with `range`, every sort_key taken in [from, to). */
export async function takenSortKeys(
  db: Db,
  which: { keys: readonly number[] } | { from: number; to: number },
): Promise<Set<number>> {
  let q = db.selectFrom('search_documents').select('sort_key');
  if ('keys' in which) {
    if (which.keys.length === 0) return new Set();
    q = q.where('sort_key', 'in', [...which.keys]);
  } else q = q.where('sort_key', '>=', which.from).where('sort_key', '<', which.to);
  return new Set((await q.execute()).map((r) => Number(r.sort_key)));
}

/** Deletes document rows by sort_key (the engine's tokens first: deleteFtsTokens on SQLite). */
export async function deleteDocumentRows(db: Db, sortKeys: readonly number[]): Promise<void> {
  if (sortKeys.length === 0) return;
  await db
    .deleteFrom('search_documents')
    .where('sort_key', 'in', [...sortKeys])
    .execute();
}

/**
 * sort_keys of documents of a kind (optionally of one agency), `limit` at a time; with `docKey`, the one
 * document's key.
 */
export async function sortKeysOf(
  db: Db,
  which: { docKey: string } | { kind: string; orgId?: string; limit: number },
): Promise<number[]> {
  let q = db.selectFrom('search_documents').select('sort_key');
  if ('docKey' in which) q = q.where('doc_key', '=', which.docKey);
  else {
    q = q.where('kind', '=', which.kind).limit(which.limit);
    if (which.orgId) q = q.where('org_id', '=', which.orgId);
  }
  return (await q.execute()).map((r) => Number(r.sort_key));
}

/** Documents of a kind in the index. */
export async function countOfKind(db: Db, kind: string): Promise<number> {
  const row = await db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- SQLite: a contentless FTS5 table whose rowid is the document's sort_key ----

export interface FtsRow {
  sortKey: number;
  values: unknown[];
  title: string;
  body: string;
  extra: string;
}

/** One multi-row insert of documents and one of their FTS5 tokens (space-joined jieba tokens). */
export async function sqliteInsertBatch(db: Db, batch: readonly FtsRow[]): Promise<void> {
  await sql`${INSERT_HEAD}) VALUES ${sql.join(batch.map((e) => sql`(${sql.join(e.values)})`))}`.execute(db);
  await sql`INSERT INTO search_fts(rowid, title, body, extra) VALUES ${sql.join(
    batch.map((e) => sql`(${e.sortKey}, ${e.title}, ${e.body}, ${e.extra})`),
  )}`.execute(db);
}

export async function deleteFtsTokens(db: Db, sortKeys: readonly number[]): Promise<void> {
  if (sortKeys.length === 0) return;
  await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join([...sortKeys])})`.execute(db);
}

/**
 * A page newest first. CROSS JOIN keeps FTS5 as the outer loop so it walks matches by rowid DESC
 * (newest first) and stops at LIMIT.
 */
export async function sqlitePage(db: Db, spec: QuerySpec, match: string): Promise<SearchDocumentRow[]> {
  const { rows } = await sql<SearchDocumentRow>`
    SELECT ${COLUMNS} FROM search_fts CROSS JOIN search_documents d ON d.sort_key = search_fts.rowid
    WHERE search_fts MATCH ${match} AND ${ftsRowidRange(spec)} AND ${conditions(spec)}
    ORDER BY search_fts.rowid DESC LIMIT ${spec.limit} OFFSET ${spec.offset}`.execute(db);
  return rows.map(fixRow);
}

/** min(matches, cap). */
export async function sqliteCount(db: Db, spec: QuerySpec, match: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM search_fts CROSS JOIN search_documents d ON d.sort_key = search_fts.rowid
      WHERE search_fts MATCH ${match} AND ${ftsRowidRange(spec)} AND ${conditions(spec)} LIMIT ${cap}
    ) t`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Matches per agency among the newest `cap` matches (one walk of the doclists, newest first). */
export async function sqliteCountByOrg(
  db: Db,
  spec: QuerySpec,
  match: string,
  cap: number,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ org_id: string; n: number }>`
    SELECT t.org_id, count(*) AS n FROM (
      SELECT d.org_id FROM search_fts CROSS JOIN search_documents d ON d.sort_key = search_fts.rowid
      WHERE search_fts MATCH ${match} AND ${ftsRowidRange(spec)} AND ${conditions(spec)}
      ORDER BY search_fts.rowid DESC LIMIT ${cap}
    ) t GROUP BY t.org_id`.execute(db);
  return countsByOrg(rows);
}

// ---- PostgreSQL: a tsvector column (weights A title, B extra, D body) with a GIN index ----

/** One multi-row insert of documents with their tsvector literals. */
export async function postgresInsertBatch(
  db: Db,
  batch: readonly { values: unknown[]; tsv: string }[],
): Promise<void> {
  await sql`${INSERT_HEAD}, tsv) VALUES ${sql.join(
    batch.map((e) => sql`(${sql.join(e.values)}, ${e.tsv}::tsvector)`),
  )}`.execute(db);
}

/**
 * The newest `bound` rows that pass the filters, walked along a b-tree ((org_id, sort_key), or the
 * column and publisher indexes of migration …_0010). The caller tests each row's tsvector with
 * ts_match_vq, the function behind @@: the GIN index serves only the operator, so it cannot turn
 * the walk into a bitmap scan that reads every match.
 */
function newest(spec: QuerySpec, bound: number): RawBuilder<unknown> {
  return sql`SELECT d.* FROM search_documents d WHERE ${conditions(spec)} ORDER BY d.sort_key DESC LIMIT ${bound}`;
}

/** A page by walking the newest `bound` rows (may come back short: the walk ran out). */
export async function postgresWalkPage(
  db: Db,
  spec: QuerySpec,
  tsq: string,
  bound: number,
): Promise<SearchDocumentRow[]> {
  const { rows } = await sql<SearchDocumentRow>`
    SELECT ${COLUMNS} FROM (${newest(spec, bound)}) d
    WHERE ts_match_vq(d.tsv, ${tsq}::tsquery)
    ORDER BY d.sort_key DESC LIMIT ${spec.limit} OFFSET ${spec.offset}`.execute(db);
  return rows.map(fixRow);
}

/** A page through GIN (bitmap scans only). */
export async function postgresGinPage(db: Db, spec: QuerySpec, tsq: string): Promise<SearchDocumentRow[]> {
  const { rows } = await bitmapOnly(db, (q) =>
    sql<SearchDocumentRow>`
      SELECT ${COLUMNS} FROM search_documents d
      WHERE d.tsv @@ ${tsq}::tsquery AND ${conditions(spec)}
      ORDER BY d.sort_key DESC LIMIT ${spec.limit} OFFSET ${spec.offset}`.execute(q),
  );
  return rows.map(fixRow);
}

/** min(matches among the newest `bound` rows, cap). */
export async function postgresWalkCount(
  db: Db,
  spec: QuerySpec,
  tsq: string,
  bound: number,
  cap: number,
): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM (${newest(spec, bound)}) d WHERE ts_match_vq(d.tsv, ${tsq}::tsquery) LIMIT ${cap}
    ) t`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** min(matches, cap) through GIN. */
export async function postgresGinCount(db: Db, spec: QuerySpec, tsq: string, cap: number): Promise<number> {
  const { rows } = await bitmapOnly(db, (q) =>
    sql<{ n: string | number }>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM search_documents d WHERE d.tsv @@ ${tsq}::tsquery AND ${conditions(spec)} LIMIT ${cap}
      ) t`.execute(q),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Matches per agency among at most `cap` matches, through GIN (bitmap scans only, no order: which
 * matches are counted when there are more than `cap` is the heap order's choice).
 */
export async function postgresCountByOrg(
  db: Db,
  spec: QuerySpec,
  tsq: string,
  cap: number,
): Promise<Map<string, number>> {
  const { rows } = await bitmapOnly(db, (q) =>
    sql<{ org_id: string; n: string | number }>`
      SELECT t.org_id, count(*) AS n FROM (
        SELECT d.org_id FROM search_documents d WHERE d.tsv @@ ${tsq}::tsquery AND ${conditions(spec)} LIMIT ${cap}
      ) t GROUP BY t.org_id`.execute(q),
  );
  return countsByOrg(rows);
}

/**
 * Runs `query` with only bitmap scans allowed, so the GIN plan is what runs: with a LIMIT and no
 * ORDER BY, PostgreSQL's planner otherwise prefers a sequential scan for words in a few per cent of
 * documents and tests every row's tsvector on the way (126 ms instead of ~10 ms for 地震 at 100k).
 * The settings are local to the transaction (the caller's, restored afterwards, or one of its own).
 */
async function bitmapOnly<T>(db: Db, query: (db: Db) => Promise<T>): Promise<T> {
  const off = sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`;
  if (!db.isTransaction) {
    return db.transaction().execute(async (trx) => {
      await off.execute(trx);
      return query(trx);
    });
  }
  const { rows } = await sql<{
    s: string;
    i: string;
  }>`SELECT current_setting('enable_seqscan') AS s, current_setting('enable_indexscan') AS i`.execute(db);
  await off.execute(db);
  try {
    return await query(db);
  } finally {
    await sql`SELECT set_config('enable_seqscan', ${rows[0]!.s}, true), set_config('enable_indexscan', ${rows[0]!.i}, true)`.execute(
      db,
    );
  }
}

/** The tsv column's lexeme statistics as PostgreSQL keeps them (pg-plan.ts reads them). */
export async function tsvStatistics(db: Db): Promise<{
  reltuples: number | string;
  elems: string[] | null;
  freqs: (number | string)[] | null;
} | null> {
  const { rows } = await sql<{
    reltuples: number | string;
    elems: string[] | null;
    freqs: (number | string)[] | null;
  }>`SELECT c.reltuples, s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'tsv'
      WHERE c.oid = 'search_documents'::regclass`.execute(db);
  return rows[0] ?? null;
}

// ── portal content versions (the portal's page cache, server/modules/portal/portal.cache.ts) ──

/** The agency's stored public-content version, if it was ever bumped. */
export async function findContentVersion(db: Db, orgId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('portal_content_versions')
    .select('version')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

/** Adds one to the agency's public-content version (1 for the first bump); the new version. */
export async function incrementContentVersion(db: Db, orgId: string, at: string): Promise<number> {
  const row = await db
    .insertInto('portal_content_versions')
    .values({ org_id: orgId, version: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet((eb) => ({
        version: eb('portal_content_versions.version', '+', 1),
        updated_at: at,
      })),
    )
    .returning('version')
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

// ── portal page texts (catalog/portal/guide.ts: 政府信息公开指南 and the other editable pages) ──

export function findPortalPage(db: Db, orgId: string, slug: string) {
  return db
    .selectFrom('portal_pages')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** Inserts the page text or replaces the stored one. */
export async function upsertPortalPage(db: Db, row: PortalPagesTable): Promise<void> {
  const { org_id: _o, slug: _s, ...rest } = row;
  await db
    .insertInto('portal_pages')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'slug']).doUpdateSet(rest))
    .execute();
}
