/**
 * Chinese tokenization for the search index. Both engines index exactly these tokens (FTS5 over
 * space-joined tokens, PostgreSQL as a hand-built tsvector), so they match the same documents.
 *
 * - jieba's dictionary segmentation in search mode: each word plus its dictionary 2- and 3-character
 *   sub-words (应急管理局 → 应急, 管理, 管理局), so two-character words match inside longer words.
 * - Runs of characters the dictionary does not know (names such as 鑫达 in 示例市鑫达化工有限公司)
 *   come out of the dictionary pass as single characters; they are indexed as overlapping character
 *   bigrams (市鑫, 鑫达), so any two-character part of a name matches. jieba's HMM guessing is off on
 *   purpose: it glues unknown characters to their neighbours (市鑫达) differently in a query and in a
 *   document, and bigrams make that guessing unnecessary.
 * - One normal form (NFKC, lower case); tokens keep only letters and digits.
 */
import type { Jieba } from '@node-rs/jieba';
import { jiebaSegmenter } from '../../platform/jieba.js';

let jieba: Jieba | undefined;

/** The process-wide segmenter (loading the dictionary takes ~0.3 s, so it is loaded once, lazily). */
function segmenter(): Jieba {
  jieba ??= jiebaSegmenter();
  return jieba;
}

/** Longest token kept (credit codes are 18; longer runs are noise such as base64 or URLs). */
const MAX_TOKEN_LENGTH = 64;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const HAN_CHAR = /^\p{Script=Han}$/u;

/** NFKC (full-width → half-width) and lower case: the one normal form for indexing and matching. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function clean(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of raw) {
    for (const part of token.split(NON_WORD)) {
      if (part && part.length <= MAX_TOKEN_LENGTH) out.push(part);
    }
  }
  return out;
}

/** A unit of meaning: a dictionary word, or the bigrams of a run of unknown characters. */
type Unit = { word: string } | { bigrams: string[] };

/**
 * Groups consecutive single Han characters into runs; a run of one stays a word (的, 法), longer runs
 * become bigrams. Other tokens pass through as words.
 */
function units(tokens: readonly string[]): Unit[] {
  const out: Unit[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) out.push({ word: run[0]! });
    else if (run.length > 1) {
      const bigrams: string[] = [];
      for (let i = 0; i + 1 < run.length; i++) bigrams.push(run[i]! + run[i + 1]!);
      out.push({ bigrams });
    }
    run = [];
  };
  for (const t of tokens) {
    if (HAN_CHAR.test(t)) run.push(t);
    else {
      flush();
      out.push({ word: t });
    }
  }
  flush();
  return out;
}

/** Tokens of a text as the index stores them, in order (positions matter for phrases). */
export function indexTokens(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const u of units(clean(segmenter().cutForSearch(normalizeText(text), false)))) {
    if ('word' in u) out.push(u.word);
    else out.push(...u.bigrams);
  }
  return out;
}

/**
 * What a query chunk means, as units the index can match: each entry is one token (a word) or
 * several tokens that must be adjacent (the bigrams of an unknown name).
 */
export function queryUnits(text: string): string[][] {
  if (!text) return [];
  return units(clean(segmenter().cut(normalizeText(text), false))).map((u) =>
    'word' in u ? [u.word] : u.bigrams,
  );
}

/**
 * The 2-character dictionary sub-words of a longer word, in order (消防安全 → 消防, 安全), used to
 * match the word when the document's context segmented it differently (消防/安全隐患).
 */
export function twoCharParts(word: string): string[] {
  if (word.length < 3) return [];
  return clean(segmenter().cutForSearch(word, false)).filter((t) => t !== word && t.length === 2);
}
