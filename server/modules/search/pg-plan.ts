/**
 * PostgreSQL: how to answer a search query, chosen per query from the planner's own lexeme
 * statistics (pg_stats.most_common_elems of the tsv column, kept by ANALYZE/autovacuum).
 *
 * - "walk": newest first along a b-tree ((org_id, sort_key), or (org_id, column_id | publisher,
 *   sort_key) when that filter is set), testing each row's tsvector and stopping at LIMIT. Cost is
 *   the rows visited ≈ rows needed ÷ share of rows that match: cheap for frequent words. The walk
 *   is bounded (`bound` rows); when it ends short, the GIN plan answers instead.
 * - "gin": the GIN index yields every match as a bitmap; a page then visits and sorts all of them,
 *   a count stops after `cap` rows. Cost grows with postings and matches: the plan for rare words.
 *
 * Measured at 1M documents (docs/perf/search.md): a walked row costs ~5 µs, a GIN match on a page
 * ~10 µs (a random heap visit), a posting in the bitmap ~1 µs. PostgreSQL's planner picks the walk
 * for frequent words by itself, but not for phrases (it rechecks the positions of every document
 * holding all the phrase's words) nor for counts, so the engine decides and writes the query so that
 * only the chosen plan fits.
 */
import { tsvStatistics } from './search.repository.js';
import type { ParsedQuery, QueryNode } from './query.js';
import type { Db, SearchFilters } from './search.index.js';

/** What the statistics say: share of documents holding each common lexeme, and the table size. */
export interface LexemeStats {
  rows: number;
  /** Share of rows per lexeme among the most common ones. */
  freq: Map<string, number>;
  /** Lexemes not in `freq` are rarer than this. */
  floor: number;
}

export type PgPlan = { kind: 'walk'; bound: number } | { kind: 'gin' };

/** A page goes straight to GIN when a count found at most this many matches (~10 ms of heap visits). */
const GIN_PAGE_MATCHES = 1_000;
/** Rows a walk may visit: at least this many (~10 ms), at most this many (~0.1 s). */
const MIN_BOUND = 2_000;
const MAX_BOUND = 20_000;
/**
 * A count's GIN costs in walked rows: reading a posting (~70 ns), inserting a match into the
 * bitmap (~0.8 µs), visiting a counted row (~2 µs).
 */
const GIN_POSTING = 0.015;
const GIN_MATCH = 0.16;
const GIN_ROW = 0.4;
/** A full count (MAX_PAGES pages) is cheap below this many walked rows or GIN postings. */
const CHEAP_COUNT_ROWS = 4_000;
const CHEAP_COUNT_POSTINGS = 20_000;
/** A phrase's share relative to its rarest word: words jieba split off one compound are adjacent. */
const PHRASE_SHARE = 0.8;

function termShare(token: string, stats: LexemeStats): number {
  // Not among the common lexemes: rarer than the floor, usually by far.
  return stats.freq.get(token) ?? stats.floor / 4;
}

/**
 * Estimated share of documents matching `node`. Items of the top-level AND that came from one
 * typed word (`groups`, see ParsedQuery) are taken to occur together (the rarest counts), typed
 * words to occur independently (shares multiply).
 */
export function matchShare(node: QueryNode, stats: LexemeStats, groups: readonly number[] = []): number {
  switch (node.type) {
    case 'term':
      return termShare(node.token, stats);
    case 'phrase':
      return Math.min(...node.tokens.map((t) => termShare(t, stats))) * PHRASE_SHARE;
    case 'and': {
      const byGroup = new Map<number, number>();
      node.items.forEach((n, i) => {
        const g = groups[i] ?? -1 - i;
        byGroup.set(g, Math.min(byGroup.get(g) ?? 1, matchShare(n, stats)));
      });
      return [...byGroup.values()].reduce((p, s) => p * s, 1);
    }
    case 'or':
      return Math.min(
        1,
        node.items.reduce((s, n) => s + matchShare(n, stats), 0),
      );
  }
}

function postings(node: QueryNode, stats: LexemeStats): number {
  switch (node.type) {
    case 'term':
      return termShare(node.token, stats) * stats.rows;
    case 'phrase':
      return node.tokens.reduce((s, t) => s + termShare(t, stats) * stats.rows, 0);
    default:
      return node.items.reduce((s, n) => s + postings(n, stats), 0);
  }
}

/**
 * Share of the walked rows a filter lets through beyond the walk's own index range (a single
 * column, a publisher and a year are ranges of an index; validity, kind and several columns are
 * tested row by row: guesses).
 */
function postFilterShare(filters: SearchFilters): number {
  let share = 1;
  if (filters.validity) share *= 0.7; // most documents are 有效
  if (filters.kind) share *= 0.5;
  if (filters.columnIds && filters.columnIds.length > 1) share *= 0.5;
  if (filters.publisher && (filters.columnId || filters.columnIds?.length === 1)) share *= 0.5;
  return share;
}

function share(parsed: ParsedQuery, stats: LexemeStats): number {
  return matchShare(parsed.node!, stats, parsed.groups);
}

function usable(stats: LexemeStats | null): stats is LexemeStats {
  return !!stats && stats.rows >= 10_000 && stats.freq.size > 0;
}

let override: PgPlan['kind'] | null = null;

/** Tests: answer every query with one plan (null: choose again). */
export function forcePlan(kind: PgPlan['kind'] | null): void {
  override = kind;
}

function forced(): PgPlan | null {
  if (override === 'walk') return { kind: 'walk', bound: MAX_BOUND };
  if (override === 'gin') return { kind: 'gin' };
  return null;
}

/**
 * How to read the newest `need` matches (a page, or the relevance window). `exactTotal` is the
 * number of matches when a count already found them all. A page walks first (bounded) unless the
 * matches are known to be few: a word's estimated share can be far off (words that always occur
 * together, words below the statistics' floor), and the walk's bound caps what a wrong guess
 * costs, while sorting a bitmap of unexpectedly many matches has no bound.
 */
export function pagePlan(
  parsed: ParsedQuery,
  filters: SearchFilters,
  need: number,
  stats: LexemeStats | null,
  exactTotal: number | null = null,
): PgPlan {
  const f = forced();
  if (f) return f;
  if (exactTotal !== null && exactTotal <= GIN_PAGE_MATCHES) return { kind: 'gin' };
  // Without statistics the table is new or small: GIN is never terrible there.
  if (!usable(stats)) return { kind: 'gin' };
  const walk = need / Math.max(1e-9, share(parsed, stats) * postFilterShare(filters));
  return { kind: 'walk', bound: Math.round(Math.min(MAX_BOUND, Math.max(MIN_BOUND, 5 * walk))) };
}

/**
 * How to count up to `cap` matches: the cheaper of walking (cap ÷ share rows) and the GIN bitmap
 * (every posting of every word is read, every match inserted, then `cap` rows visited). A year
 * narrows the walk but not the bitmap. The walk stops at twice its estimate and hands over to GIN.
 */
export function countPlan(
  parsed: ParsedQuery,
  filters: SearchFilters,
  cap: number,
  stats: LexemeStats | null,
): PgPlan {
  const f = forced();
  if (f) return f;
  if (!usable(stats)) return { kind: 'gin' };
  const matchShareAll = share(parsed, stats);
  const walk = cap / Math.max(1e-9, matchShareAll * postFilterShare(filters));
  const gin =
    postings(parsed.node!, stats) * GIN_POSTING + matchShareAll * stats.rows * GIN_MATCH + cap * GIN_ROW;
  if (gin < walk) return { kind: 'gin' };
  return { kind: 'walk', bound: Math.round(Math.min(MAX_BOUND, Math.max(MIN_BOUND, 2 * walk))) };
}

/**
 * Whether counting `cap` matches is cheap on PostgreSQL: for very frequent words (a short walk) or
 * rare ones (a small bitmap). Words in between (a few per cent of documents) cost tens of
 * milliseconds to count to 1,000 either way, so the index counts them only a few pages ahead.
 */
export function countIsCheap(
  parsed: ParsedQuery,
  filters: SearchFilters,
  cap: number,
  stats: LexemeStats | null,
): boolean {
  if (!usable(stats)) return true;
  const walk = cap / Math.max(1e-9, share(parsed, stats) * postFilterShare(filters));
  return walk <= CHEAP_COUNT_ROWS || postings(parsed.node!, stats) <= CHEAP_COUNT_POSTINGS;
}

const TTL_MS = 5 * 60_000;
let cached: { at: number; stats: LexemeStats | null } | null = null;

/**
 * The tsv column's lexeme statistics, read at most every five minutes (they change only with
 * ANALYZE). Null when the table has not been analyzed yet. One cache per process: a process serves
 * one database (tests with several only get a less apt plan, never other results).
 */
export async function lexemeStats(db: Db, now = Date.now()): Promise<LexemeStats | null> {
  if (cached && now - cached.at < TTL_MS) return cached.stats;
  const r = await tsvStatistics(db);
  let stats: LexemeStats | null = null;
  if (r?.elems && r.freqs && r.elems.length > 0) {
    const freqs = r.freqs.map(Number);
    const freq = new Map<string, number>();
    r.elems.forEach((e, i) => freq.set(e, freqs[i]!));
    // After the per-lexeme frequencies come their minimum, maximum and the share of empty values.
    stats = { rows: Math.max(0, Number(r.reltuples)), freq, floor: freqs[r.elems.length] ?? 0 };
  }
  cached = { at: now, stats };
  return stats;
}

/** Forgets the cached statistics (tests, after ANALYZE). */
export function resetLexemeStats(): void {
  cached = null;
}
