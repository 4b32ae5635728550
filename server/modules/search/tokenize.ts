/**
 * Chinese tokenization for the search index: jieba `cutForSearch` (each word plus its dictionary
 * 2- and 3-character sub-words, so 应急管理局 also yields 应急, 管理, 管理局), then one normal form
 * (NFKC, lower case) and only letters and digits in each token. Both engines index exactly these
 * tokens (FTS5 over space-joined tokens, PostgreSQL as a hand-built tsvector), so they match the same.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** The process-wide segmenter (loading the dictionary takes ~0.3 s, so it is loaded once, lazily). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Longest token kept (credit codes are 18; longer runs are noise such as base64 or URLs). */
const MAX_TOKEN_LENGTH = 64;
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** NFKC (full-width → half-width) and lower case: the one normal form for indexing and matching. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function clean(raw: string[]): string[] {
  const out: string[] = [];
  for (const token of raw) {
    for (const part of token.split(NON_WORD)) {
      if (part && part.length <= MAX_TOKEN_LENGTH) out.push(part);
    }
  }
  return out;
}

/** Tokens of a text as the index stores them, in order (positions matter for phrases). */
export function indexTokens(text: string): string[] {
  if (!text) return [];
  return clean(segmenter().cutForSearch(normalizeText(text), true));
}

/** Precise-mode words of a query chunk (what the visitor meant as words, no sub-words). */
export function queryWords(text: string): string[] {
  if (!text) return [];
  return clean(segmenter().cut(normalizeText(text), true));
}

/**
 * The 2-character dictionary sub-words of a longer word, in order (消防安全 → 消防, 安全), used to
 * match the word when the document's context segmented it differently (消防/安全隐患).
 */
export function twoCharParts(word: string): string[] {
  if (word.length < 3) return [];
  return clean(segmenter().cutForSearch(word, true)).filter((t) => t !== word && t.length === 2);
}
