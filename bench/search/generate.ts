/**
 * Search benchmark data: N public documents of realistic Chinese bureau text (sentences of the seeds
 * and of real 应急管理 sites, bench/generate/vocab.ts), deterministic for a seed. Document i has the
 * same text whatever N is; its publication time is spread over the same eleven years for every N.
 */
import { rngFor, type Rng } from '../generate/prng.js';
import {
  DOC_TYPES,
  PLACES,
  TITLE_TEMPLATE_COUNT,
  TOPICS,
  sentencePool,
  titleFor,
} from '../generate/vocab.js';
import type { SearchDocument } from '../../server/modules/search/search.index.js';

export const COLUMN_COUNT = 24;
export const PUBLISHERS = [
  '示例市应急管理局',
  '示例市人民政府',
  '示例市安全生产委员会办公室',
  '示例市减灾委员会',
  '示例市防汛抗旱指挥部',
];
const ENTERPRISES = [
  '鑫达化工有限公司',
  '恒泰安全科技有限公司',
  '顺通物流有限公司',
  '永盛金属制品有限公司',
  '华泰精细化工有限公司',
];
/** 2015-01-01 … 2026-01-01: documents are spread evenly, newest last. */
const START_MS = Date.UTC(2015, 0, 1);
const END_MS = Date.UTC(2026, 0, 1);

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.int(list.length)]!;
}

/** The i-th document of a dataset of `n` (its publication time depends on n: evenly spread). */
export function benchDocument(seed: number, i: number, n: number, orgId: string): SearchDocument {
  const rng = rngFor(seed, 'search-doc', i);
  const sentences = sentencePool();
  const topic = pick(rng, TOPICS);
  const place = pick(rng, PLACES);
  const step = (END_MS - START_MS) / n;
  // Distinct milliseconds per document (step ≥ 1 ms up to ~300M documents).
  const ms = Math.floor(START_MS + i * step + rng.next() * Math.max(0, step - 1));
  const year = new Date(ms).getUTCFullYear();
  const title = titleFor(rng.int(TITLE_TEMPLATE_COUNT), topic, place, pick(rng, DOC_TYPES), year);
  const count = rng.between(4, 12);
  const body: string[] = [];
  for (let k = 0; k < count; k++) body.push(pick(rng, sentences));
  if (rng.next() < 0.5) body.splice(rng.int(body.length), 0, `关于${topic}工作，${place}将持续加强监督检查`);
  const extra = [`示应急〔${year}〕${rng.between(1, 200)}号`];
  if (rng.next() < 0.15) extra.push(`${place}${pick(rng, ENTERPRISES)}`);
  const v = rng.next();
  return {
    kind: 'item',
    sourceId: `bench-${i}`,
    orgId,
    title,
    body: body.join('。') + '。',
    extra: extra.join('\n'),
    url: `/items/bench-${i}`,
    label: `栏目${i % COLUMN_COUNT}`,
    columnId: `col-${rng.int(COLUMN_COUNT)}`,
    year,
    publisher: PUBLISHERS[rng.int(10) < 6 ? 0 : 1 + rng.int(PUBLISHERS.length - 1)]!,
    validity: v < 0.9 ? 'valid' : v < 0.97 ? 'invalid' : 'repealed',
    publishedAt: new Date(ms).toISOString(),
  };
}
