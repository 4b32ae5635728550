/**
 * The two engines behind SearchIndex. Both index the same jieba tokens (tokenize.ts) and receive the
 * same parsed query (query.ts); they differ only in where tokens live and in query syntax. The SQL is in
 * search.repository.ts; here is which query runs.
 */
import type { DialectName } from '../../db/database.js';
import { toFts5, toTsquery, toTsvectorLiteral } from './query.js';
import { indexTokens } from './tokenize.js';
import { countIsCheap, countPlan, lexemeStats, pagePlan } from './pg-plan.js';
import * as repo from './search.repository.js';
import {
  KyselySearchIndex,
  type Db,
  type EngineQuery,
  type IndexEntry,
  type SearchEngine,
  type SearchIndex,
} from './search.index.js';

export { walkMonthRange, yearSortKeyRange } from './search.ranges.js';

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
  return repo.ROW_COLUMNS.map((c) => r[c]);
}

/**
 * SQLite: a contentless FTS5 table whose rowid is the document's sort_key, walked newest first by
 * rowid and stopped at LIMIT.
 */
export const sqliteEngine: SearchEngine = {
  async insertDocuments(db: Db, entries: readonly IndexEntry[]) {
    for (const batch of insertBatches(entries))
      await repo.sqliteInsertBatch(
        db,
        batch.map((e) => ({
          sortKey: e.sortKey,
          values: rowValues(e),
          title: indexTokens(e.doc.title).join(' '),
          body: indexTokens(e.doc.body).join(' '),
          extra: indexTokens(e.doc.extra ?? '').join(' '),
        })),
      );
  },
  async deleteTokens(db: Db, sortKeys: number[]) {
    await repo.deleteFtsTokens(db, sortKeys);
  },
  async page(db: Db, spec: EngineQuery) {
    return repo.sqlitePage(db, spec, toFts5(spec.parsed.node!));
  },
  async count(db: Db, spec: EngineQuery, cap: number) {
    return repo.sqliteCount(db, spec, toFts5(spec.parsed.node!), cap);
  },
  async countByOrg(db: Db, spec: EngineQuery, cap: number) {
    return repo.sqliteCountByOrg(db, spec, toFts5(spec.parsed.node!), cap);
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
    for (const batch of insertBatches(entries))
      await repo.postgresInsertBatch(
        db,
        batch.map((e) => ({
          values: rowValues(e),
          tsv: toTsvectorLiteral([
            { tokens: indexTokens(e.doc.title), weight: 'A' },
            { tokens: indexTokens(e.doc.extra ?? ''), weight: 'B' },
            { tokens: indexTokens(e.doc.body), weight: 'D' },
          ]),
        })),
      );
  },
  async deleteTokens() {
    // The tokens live in the row itself.
  },
  async page(db: Db, spec: EngineQuery) {
    const tsq = toTsquery(spec.parsed.node!);
    const exact = spec.counted && !spec.counted.capped ? spec.counted.n : null;
    const plan = pagePlan(spec.parsed, spec.filters, spec.offset + spec.limit, await lexemeStats(db), exact);
    if (plan.kind === 'walk') {
      const rows = await repo.postgresWalkPage(db, spec, tsq, plan.bound);
      // A short page: the walk ran out of rows (or the matches ended); GIN knows which.
      if (rows.length === spec.limit) return rows;
    }
    return repo.postgresGinPage(db, spec, tsq);
  },
  async count(db: Db, spec: EngineQuery, cap: number) {
    const tsq = toTsquery(spec.parsed.node!);
    const plan = countPlan(spec.parsed, spec.filters, cap, await lexemeStats(db));
    if (plan.kind === 'walk') {
      const n = await repo.postgresWalkCount(db, spec, tsq, plan.bound, cap);
      if (n === cap) return n;
    }
    return repo.postgresGinCount(db, spec, tsq, cap);
  },
  async countIsCheap(db: Db, spec: EngineQuery, cap: number) {
    return countIsCheap(spec.parsed, spec.filters, cap, await lexemeStats(db));
  },
  async countByOrg(db: Db, spec: EngineQuery, cap: number) {
    return repo.postgresCountByOrg(db, spec, toTsquery(spec.parsed.node!), cap);
  },
};

const indexes: Partial<Record<DialectName, SearchIndex>> = {};

/** The search index for the database engine in use. */
export function searchIndexFor(dialect: DialectName): SearchIndex {
  return (indexes[dialect] ??= new KyselySearchIndex(
    dialect,
    dialect === 'sqlite' ? sqliteEngine : postgresEngine,
  ));
}
