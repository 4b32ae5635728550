/**
 * The two engines behind SearchIndex. Both index the same jieba tokens (tokenize.ts) and receive the
 * same parsed query (query.ts); they differ only in where tokens live and in query syntax.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from '../../db/database.js';
import { toFts5, toTsquery, toTsvectorLiteral } from './query.js';
import { indexTokens } from './tokenize.js';
import { countIsCheap, countPlan, lexemeStats, pagePlan } from './pg-plan.js';
import {
  KyselySearchIndex,
  type Db,
  type EngineQuery,
  type IndexEntry,
  type SearchDocumentRow,
  type SearchEngine,
  type SearchIndex,
} from './search.index.js';

/** Columns of search_documents a hit needs (never the PostgreSQL tsv column). */
const COLUMNS = sql.raw(
  [
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
  ]
    .map((c) => `d.${c}`)
    .join(', '),
);

/** Visibility and filters as one SQL condition over `d` (search_documents). */
function conditions(spec: EngineQuery): RawBuilder<unknown> {
  const f = spec.filters;
  const parts: RawBuilder<unknown>[] = [
    sql`d.org_id IN (${sql.join(spec.orgIds)})`,
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
  const range = walkMonthRange(f.walkMonth) ?? (f.year ? yearSortKeyRange(f.year) : null);
  if (range) parts.push(sql`d.sort_key >= ${range[0]} AND d.sort_key < ${range[1]}`);
  if (f.publisher) parts.push(sql`d.publisher = ${f.publisher}`);
  if (f.validity) parts.push(sql`d.validity = ${f.validity}`);
  return sql.join(parts, sql` AND `);
}

const DAY_MS = 86_400_000;

/** sort_keys of documents published in a year (with one day of margin each side). */
export function yearSortKeyRange(year: number): [number, number] {
  return [(Date.UTC(year, 0, 1) - DAY_MS) * 1024, (Date.UTC(year + 1, 0, 1) + DAY_MS) * 1024];
}

/** sort_keys of documents published in a month 'YYYY-MM' (a day of margin each side), or null. */
export function walkMonthRange(month: string | undefined): [number, number] | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? '');
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return [(Date.UTC(y, mo - 1, 1) - DAY_MS) * 1024, (Date.UTC(y, mo, 1) + DAY_MS) * 1024];
}

/**
 * The same range on the FTS5 rowid, so the virtual table seeks to it in its doclists. The bounds are
 * cast because better-sqlite3 binds JavaScript numbers as REAL, and FTS5 does not seek by a REAL
 * rowid bound: it walks every posting from the newest down to the year instead (59 ms instead of
 * 2.6 ms for 安全 in 2015 at 1M documents).
 */
function ftsRowidRange(spec: EngineQuery): RawBuilder<unknown> {
  // The narrower of the month walk bound and the year.
  const range =
    walkMonthRange(spec.filters.walkMonth) ??
    (spec.filters.year ? yearSortKeyRange(spec.filters.year) : null);
  if (!range) return sql`1 = 1`;
  const [from, to] = range;
  return sql`search_fts.rowid >= CAST(${from} AS INTEGER) AND search_fts.rowid < CAST(${to} AS INTEGER)`;
}

/** Columns written on insert (PostgreSQL adds tsv). */
const ROW_COLUMNS = [
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

/**
 * Rows per multi-row INSERT: 200 × 18 parameters stays far below SQLite's 32,766 and PostgreSQL's
 * 65,535; a statement also ends after ~4M characters of text so documents with long attachment
 * text do not build one huge statement.
 */
const INSERT_ROWS = 200;
const INSERT_CHARS = 4_000_000;

function insertBatches(entries: readonly IndexEntry[]): IndexEntry[][] {
  const out: IndexEntry[][] = [];
  let current: IndexEntry[] = [];
  let chars = 0;
  for (const e of entries) {
    const size = e.row.title.length + e.row.body.length + e.row.extra.length;
    if (current.length > 0 && (current.length >= INSERT_ROWS || chars + size > INSERT_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(e);
    chars += size;
  }
  if (current.length) out.push(current);
  return out;
}

function rowValues(e: IndexEntry): unknown[] {
  const r: Record<string, unknown> = { ...e.row, sort_key: e.sortKey };
  return ROW_COLUMNS.map((c) => r[c]);
}

const INSERT_HEAD = sql.raw(`INSERT INTO search_documents (${ROW_COLUMNS.join(', ')}`);

function fixRow(r: SearchDocumentRow): SearchDocumentRow {
  // pg returns bigint as text.
  return { ...r, sort_key: Number(r.sort_key) };
}

/**
 * SQLite: a contentless FTS5 table whose rowid is the document's sort_key. CROSS JOIN keeps FTS5 as
 * the outer loop so it walks matches by rowid DESC (newest first) and stops at LIMIT.
 */
export const sqliteEngine: SearchEngine = {
  async insertDocuments(db: Db, entries: readonly IndexEntry[]) {
    for (const batch of insertBatches(entries)) {
      await sql`${INSERT_HEAD}) VALUES ${sql.join(batch.map((e) => sql`(${sql.join(rowValues(e))})`))}`.execute(
        db,
      );
      await sql`INSERT INTO search_fts(rowid, title, body, extra) VALUES ${sql.join(
        batch.map(
          (e) =>
            sql`(${e.sortKey}, ${indexTokens(e.doc.title).join(' ')}, ${indexTokens(e.doc.body).join(' ')}, ${indexTokens(e.doc.extra ?? '').join(' ')})`,
        ),
      )}`.execute(db);
    }
  },
  async deleteTokens(db: Db, sortKeys: number[]) {
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(sortKeys)})`.execute(db);
  },
  async page(db: Db, spec: EngineQuery) {
    const match = toFts5(spec.parsed.node!);
    const { rows } = await sql<SearchDocumentRow>`
      SELECT ${COLUMNS} FROM search_fts CROSS JOIN search_documents d ON d.sort_key = search_fts.rowid
      WHERE search_fts MATCH ${match} AND ${ftsRowidRange(spec)} AND ${conditions(spec)}
      ORDER BY search_fts.rowid DESC LIMIT ${spec.limit} OFFSET ${spec.offset}`.execute(db);
    return rows.map(fixRow);
  },
  async count(db: Db, spec: EngineQuery, cap: number) {
    const match = toFts5(spec.parsed.node!);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM search_fts CROSS JOIN search_documents d ON d.sort_key = search_fts.rowid
        WHERE search_fts MATCH ${match} AND ${ftsRowidRange(spec)} AND ${conditions(spec)} LIMIT ${cap}
      ) t`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};

/**
 * PostgreSQL: a tsvector column built from our tokens (weights A title, B extra, D body) with a GIN
 * index; the query is tsquery text compiled from the same parse. No text-search parser or dictionary
 * is involved, so behaviour does not depend on the server's locale or configuration. Each page and
 * count walks newest first or goes through GIN, whichever the lexeme statistics say is cheaper
 * (pg-plan.ts).
 */
export const postgresEngine: SearchEngine = {
  async insertDocuments(db: Db, entries: readonly IndexEntry[]) {
    for (const batch of insertBatches(entries)) {
      const values = batch.map((e) => {
        const tsv = toTsvectorLiteral([
          { tokens: indexTokens(e.doc.title), weight: 'A' },
          { tokens: indexTokens(e.doc.extra ?? ''), weight: 'B' },
          { tokens: indexTokens(e.doc.body), weight: 'D' },
        ]);
        return sql`(${sql.join(rowValues(e))}, ${tsv}::tsvector)`;
      });
      await sql`${INSERT_HEAD}, tsv) VALUES ${sql.join(values)}`.execute(db);
    }
  },
  async deleteTokens() {
    // The tokens live in the row itself.
  },
  async page(db: Db, spec: EngineQuery) {
    const node = spec.parsed.node!;
    const tsq = toTsquery(node);
    const exact = spec.counted && !spec.counted.capped ? spec.counted.n : null;
    const plan = pagePlan(spec.parsed, spec.filters, spec.offset + spec.limit, await lexemeStats(db), exact);
    if (plan.kind === 'walk') {
      const { rows } = await sql<SearchDocumentRow>`
        SELECT ${COLUMNS} FROM (${newest(spec, plan.bound)}) d
        WHERE ts_match_vq(d.tsv, ${tsq}::tsquery)
        ORDER BY d.sort_key DESC LIMIT ${spec.limit} OFFSET ${spec.offset}`.execute(db);
      // A short page: the walk ran out of rows (or the matches ended); GIN knows which.
      if (rows.length === spec.limit) return rows.map(fixRow);
    }
    const { rows } = await bitmapOnly(db, (q) =>
      sql<SearchDocumentRow>`
        SELECT ${COLUMNS} FROM search_documents d
        WHERE d.tsv @@ ${tsq}::tsquery AND ${conditions(spec)}
        ORDER BY d.sort_key DESC LIMIT ${spec.limit} OFFSET ${spec.offset}`.execute(q),
    );
    return rows.map(fixRow);
  },
  async count(db: Db, spec: EngineQuery, cap: number) {
    const node = spec.parsed.node!;
    const tsq = toTsquery(node);
    const plan = countPlan(spec.parsed, spec.filters, cap, await lexemeStats(db));
    if (plan.kind === 'walk') {
      const { rows } = await sql<{ n: string | number }>`
        SELECT count(*) AS n FROM (
          SELECT 1 FROM (${newest(spec, plan.bound)}) d WHERE ts_match_vq(d.tsv, ${tsq}::tsquery) LIMIT ${cap}
        ) t`.execute(db);
      const n = Number(rows[0]?.n ?? 0);
      if (n === cap) return n;
    }
    const { rows } = await bitmapOnly(db, (q) =>
      sql<{ n: string | number }>`
        SELECT count(*) AS n FROM (
          SELECT 1 FROM search_documents d WHERE d.tsv @@ ${tsq}::tsquery AND ${conditions(spec)} LIMIT ${cap}
        ) t`.execute(q),
    );
    return Number(rows[0]?.n ?? 0);
  },
  async countIsCheap(db: Db, spec: EngineQuery, cap: number) {
    return countIsCheap(spec.parsed, spec.filters, cap, await lexemeStats(db));
  },
};

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

/**
 * The newest `bound` rows that pass the filters, walked along a b-tree ((org_id, sort_key), or the
 * column and publisher indexes of migration …_0010). The caller tests each row's tsvector with
 * ts_match_vq, the function behind @@: the GIN index serves only the operator, so it cannot turn
 * the walk into a bitmap scan that reads every match.
 */
function newest(spec: EngineQuery, bound: number): RawBuilder<unknown> {
  return sql`SELECT d.* FROM search_documents d WHERE ${conditions(spec)} ORDER BY d.sort_key DESC LIMIT ${bound}`;
}

const indexes: Partial<Record<DialectName, SearchIndex>> = {};

/** The search index for the database engine in use. */
export function searchIndexFor(dialect: DialectName): SearchIndex {
  return (indexes[dialect] ??= new KyselySearchIndex(
    dialect,
    dialect === 'sqlite' ? sqliteEngine : postgresEngine,
  ));
}
