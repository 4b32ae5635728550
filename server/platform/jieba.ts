/**
 * The one jieba segmenter of the process, shared by the search tokenizer (search/tokenize.ts) and the
 * 双公示 name tokens (enforcement/name-tokens.ts). Built from the package's default dictionary on first
 * use: the addon and the built dictionary take ~50 MB resident, so neither server start nor a second
 * caller pays for another copy.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

export function jiebaSegmenter(): Jieba {
  if (!jieba) {
    const { Jieba: Segmenter } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    jieba = Segmenter.withDict(dict);
  }
  return jieba;
}
