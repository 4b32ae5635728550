/**
 * The wording check of the self-check (内容正确性): a pure scanner over page text for common errors in
 * official writing — a curated list of 错别字 (each wrong form unambiguous in any context, so no
 * dictionary or segmentation is needed), 严重表述错误 in the names of the state and its organs, and
 * agency names outdated by the 2018 机构改革 (安全生产监督管理局 / 安监局 → 应急管理局).
 *
 * Outdated names are NOT flagged (documented choice, see docs/manual/selfcheck.md):
 *   - inside 《…》 (the title of a document issued under the old name, e.g. 《国家安全生产监督管理总局令》);
 *   - right after 原 (原示例市安全生产监督管理局: the historical name said as such);
 *   - in a sentence that names a year before 2018 (2016年, 2017-05-01: an account of the past).
 * Offsets are UTF-16 indexes into the text given (what String.slice uses). Never throws.
 */

export type WordingRule = 'typo' | 'wording' | 'outdated_name';

export interface WordingHit {
  rule: WordingRule;
  /** [start, end) in the text. */
  start: number;
  end: number;
  found: string;
  suggestion: string;
  /** The text around the hit (up to 15 characters either side, whitespace collapsed). */
  excerpt: string;
}

interface Entry {
  wrong: string;
  right: string;
  rule: WordingRule;
}

/** 错别字: wrong forms that have no correct reading in any context. */
const TYPOS: readonly [string, string][] = [
  ['布署', '部署'],
  ['部暑', '部署'],
  ['惯彻', '贯彻'],
  ['贯切落实', '贯彻落实'],
  ['洛实', '落实'],
  ['安全声产', '安全生产'],
  ['安全生厂', '安全生产'],
  ['按全生产', '安全生产'],
  ['安全生产月活功', '安全生产月活动'],
  ['隐患排察', '隐患排查'],
  ['捡查', '检查'],
  ['安全检察', '安全检查'],
  ['应急予案', '应急预案'],
  ['演炼', '演练'],
  ['防讯', '防汛'],
  ['峻工', '竣工'],
  ['按排', '安排'],
  ['做为', '作为'],
  // 既/即: only the forms that are wrong in every context (既使 and 既便 are not: 既使用…又…, 既便于…又…).
  ['即然', '既然'],
  ['即往不咎', '既往不咎'],
  ['即成事实', '既成事实'],
  ['即得利益', '既得利益'],
  ['截止目前', '截至目前'],
  ['迫不急待', '迫不及待'],
  ['再接再励', '再接再厉'],
  ['一愁莫展', '一筹莫展'],
  ['默守成规', '墨守成规'],
  ['不径而走', '不胫而走'],
  ['谈笑风声', '谈笑风生'],
  ['松驰', '松弛'],
  ['渲泄', '宣泄'],
  ['决窍', '诀窍'],
  ['急燥', '急躁'],
  ['坐阵指挥', '坐镇指挥'],
];

/** 严重表述错误: wrong names of the state, the party and state organs. */
const WORDING: readonly [string, string][] = [
  ['中华人名共和国', '中华人民共和国'],
  ['中华人民共合国', '中华人民共和国'],
  ['中国共产觉', '中国共产党'],
  ['中国共产堂', '中国共产党'],
  ['人名政府', '人民政府'],
  ['人名代表大会', '人民代表大会'],
  ['国务院办工厅', '国务院办公厅'],
  ['社会主意', '社会主义'],
];

/** Names of the 安全生产监督管理 agencies, merged into 应急管理 bodies by the 2018 reform. */
const OUTDATED: readonly [string, string][] = [
  ['国家安全生产监督管理总局', '应急管理部'],
  ['安全生产监督管理总局', '应急管理部'],
  ['安全生产监督管理局', '应急管理局'],
  ['安监总局', '应急管理部'],
  ['安监局', '应急管理局'],
];

const ENTRIES: Entry[] = [
  ...TYPOS.map(([wrong, right]) => ({ wrong, right, rule: 'typo' as const })),
  ...WORDING.map(([wrong, right]) => ({ wrong, right, rule: 'wording' as const })),
  ...OUTDATED.map(([wrong, right]) => ({ wrong, right, rule: 'outdated_name' as const })),
];

const BY_WRONG = new Map(ENTRIES.map((e) => [e.wrong, e]));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so 国家安全生产监督管理总局 wins over 安全生产监督管理局 at the same place.
const PATTERN = new RegExp(
  [...BY_WRONG.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'gu',
);

/** The curated list (for the manual and the console). */
export function wordingList(): readonly Entry[] {
  return ENTRIES;
}

const SENTENCE_END = /[。！？!?；;\n]/;
const EXCERPT = 15;

function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && start - a < 200 && !SENTENCE_END.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && b - end < 200 && !SENTENCE_END.test(text[b]!)) b++;
  return text.slice(a, b);
}

/** Whether position `start` lies inside 《…》 (an open 《 before it on the same line with no 》 between). */
function insideTitle(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && start - i <= 120; i--) {
    const ch = text[i];
    if (ch === '》' || ch === '\n') return false;
    if (ch === '《') return true;
  }
  return false;
}

/** 原 before the name, possibly with a place name between (原示例市安全生产监督管理局). */
function afterYuan(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  return /原(?:[\u4e00-\u9fff]{0,10}(?:省|市|县|区|州|盟|旗|国家))?$/u.test(before);
}

/** A year before 2018 named in the sentence (2016年, 2017-05-01, 2017.5). */
function historicalSentence(sentence: string): boolean {
  for (const m of sentence.matchAll(/(?<!\d)((?:19|20)\d{2})(?=年|[-.／/]\d)/gu))
    if (Number(m[1]) < 2018) return true;
  return false;
}

function excerptOf(text: string, start: number, end: number): string {
  const a = Math.max(0, start - EXCERPT);
  const b = Math.min(text.length, end + EXCERPT);
  // Never cut a surrogate pair in half.
  const from = a > 0 && /[\uDC00-\uDFFF]/.test(text[a]!) ? a - 1 : a;
  const to = b < text.length && /[\uDC00-\uDFFF]/.test(text[b]!) ? b + 1 : b;
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/** Every wording error in `text` (at most `maxHits`, in order of position). */
export function scanWording(text: string, maxHits = 200): WordingHit[] {
  const out: WordingHit[] = [];
  if (typeof text !== 'string' || text.length === 0 || maxHits <= 0) return out;
  PATTERN.lastIndex = 0;
  for (const m of text.matchAll(PATTERN)) {
    const found = m[0];
    const entry = BY_WRONG.get(found);
    if (!entry) continue;
    const start = m.index;
    const end = start + found.length;
    if (entry.rule === 'outdated_name') {
      if (insideTitle(text, start) || afterYuan(text, start)) continue;
      if (historicalSentence(sentenceAround(text, start, end))) continue;
    }
    out.push({
      rule: entry.rule,
      start,
      end,
      found,
      suggestion: entry.right,
      excerpt: excerptOf(text, start, end),
    });
    if (out.length >= maxHits) break;
  }
  return out;
}
