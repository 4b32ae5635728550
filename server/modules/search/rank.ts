/**
 * Relevance order (按相关度) within a window of the newest matches. Pure, and the same on both engines:
 * a BM25F-style score from how often the visitor's words occur in the stored text, computed in the
 * application from the rows the page query already reads.
 *
 * Why not the engines' own ranking: FTS5's bm25() counts every document containing each term to get
 * its IDF on every query, which grows with the index (27 ms at 1M documents for 安全, before any
 * candidate is ranked); ts_rank on PostgreSQL needs every candidate's tsvector detoasted. Within a
 * window of candidates that all match the query, IDF would only weigh one word against another; the
 * words are weighted equally instead, which keeps the cost independent of the index size.
 */
import type { SearchDocumentRow } from './search.index.js';
import { normalizeText } from './tokenize.js';

/** Field weights: a word in the title counts as ten in the body; 文号/attachments/names three. */
const WEIGHTS = { title: 10, extra: 3, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/** Occurrences counted per word and field: more add nothing after saturation. */
const MAX_OCCURRENCES = 20;

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0 && n < MAX_OCCURRENCES; at = text.indexOf(word, at + word.length))
    n++;
  return n;
}

/** Scores for `rows` (same order) by the highlight strings of the parsed query. */
export function relevanceScores(rows: readonly SearchDocumentRow[], words: readonly string[]): number[] {
  const texts = rows.map((r) => ({
    title: normalizeText(r.title),
    extra: normalizeText(r.extra),
    body: normalizeText(r.body),
  }));
  const lengths = texts.map((t) => t.title.length + t.extra.length + t.body.length);
  const avg = Math.max(1, lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length));
  return texts.map((t, i) => {
    const norm = 1 - B + (B * lengths[i]!) / avg;
    let score = 0;
    for (const w of words) {
      if (!w) continue;
      const tf =
        WEIGHTS.title * occurrences(t.title, w) +
        WEIGHTS.extra * occurrences(t.extra, w) +
        WEIGHTS.body * occurrences(t.body, w);
      score += (tf * (K1 + 1)) / (tf + K1 * norm);
    }
    return score;
  });
}

/** `rows` (newest first) reordered by relevance; ties keep the newest first. */
export function rankByRelevance(
  rows: readonly SearchDocumentRow[],
  words: readonly string[],
): SearchDocumentRow[] {
  const scores = relevanceScores(rows, words);
  return rows
    .map((row, i) => ({ row, i, score: scores[i]! }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.row);
}
