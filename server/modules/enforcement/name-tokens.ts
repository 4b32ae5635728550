/**
 * Search tokens for counterparty names. jieba's cut-for-search gives dictionary words (化工, 有限公司);
 * names often contain words jieba does not know and glues to a neighbour (示例市鑫达 → 市鑫达), so every
 * token longer than two characters also contributes its character bigrams. A query matches when each
 * of its own tokens is among a name's tokens — two-character words like 鑫达 or 化工 always match.
 */
import type { Jieba } from '@node-rs/jieba';
import { jiebaSegmenter } from '../../platform/jieba.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= jiebaSegmenter();
  return jieba;
}

const WORDLIKE = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Index tokens of a name (deduplicated, lower-cased, at most 100 characters each). */
export function nameTokens(name: string): string[] {
  const out = new Set<string>();
  for (const raw of segmenter().cutForSearch(name, true)) {
    const t = raw.trim().toLowerCase();
    if (!t || !WORDLIKE.test(t)) continue;
    const chars = [...t];
    if (chars.length >= 2) out.add(chars.slice(0, 100).join(''));
    if (chars.length === 1) out.add(t);
    if (chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/**
 * Tokens a query must all match. Runs of single characters that jieba could not join (鑫 达) become
 * their bigrams (鑫达), matching the bigrams indexed for names; a one-character query keeps its character.
 */
export function queryTokens(query: string): string[] {
  const words = segmenter()
    .cut(query.trim(), true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && WORDLIKE.test(w));
  const out: string[] = [];
  let run = '';
  const flush = () => {
    const chars = [...run];
    if (chars.length >= 2) for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    run = '';
  };
  for (const w of words) {
    if ([...w].length === 1) run += w;
    else {
      flush();
      out.push(w);
    }
  }
  const lone = run;
  flush();
  if (out.length === 0 && lone) out.push(lone);
  return [...new Set(out)].slice(0, 8);
}
