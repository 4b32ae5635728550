/**
 * N3: category lists in the prose must not add up to more than the total they claim. Pure.
 */
import { normalizeNarrative } from '../narrative.js';
import { finding, type RuleDef } from './context.js';

/**
 * N3: a list of categories introduced after a total ("主动公开政府信息80条，其中A20条、B29条…") must not
 * add up to more than that total. Lists that fall short are not flagged (其中 often names only some
 * categories); items in another unit end the list; nested lists (包含/包括, parentheses) are checked
 * against their own item.
 */
export interface ListSum {
  total: number;
  unit: string;
  items: number[];
  sum: number;
  excerpt: string;
}

const UNITS = '条|件|篇|个|期|次|份|项|场|人次|元';

export function categoryLists(text: string): ListSum[] {
  const s = normalizeNarrative(text);
  const out: ListSum[] = [];
  // The list may also stand in parentheses right after the total ("共公布政府信息2602条(其中A82条，…)",
  // 平潭 2020): then it ends at the matching closing parenthesis, not at the sentence's 。.
  const head = new RegExp(
    `(?<![\\d.])(\\d+)(${UNITS})(?:（[^）]*）)?[，,：:。]?([（(])?(?:其中|包含|包括)[，,：:]?`,
    'g',
  );
  let consumed = -1;
  for (const m of s.matchAll(head)) {
    if (m.index < consumed) continue; // a nested list, already read with its parent
    const before = s.slice(Math.max(0, m.index - 2), m.index);
    if (/[余约近超逾]$/.test(before) || /^余/.test(s.slice(m.index + (m[1]?.length ?? 0)))) continue;
    const total = Number(m[1]);
    const unit = m[2] ?? '';
    const start = m.index + m[0].length;
    const end = m[3] ? closingParen(s, start) : s.indexOf('。', start);
    const body = s.slice(start, end < 0 ? s.length : end);
    consumed = end < 0 ? s.length : end;
    out.push(...readList(body, total, unit, s.slice(m.index, end < 0 ? s.length : end)));
  }
  return out;
}

/** Index of the parenthesis closing one opened just before `from` (nested pairs skipped), or -1. */
function closingParen(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function readList(body: string, total: number, unit: string, excerpt: string): ListSum[] {
  const out: ListSum[] = [];
  const items: number[] = [];
  const item = new RegExp(`(?<![\\d.])(\\d+)(余)?(${UNITS})`, 'y');
  let i = 0;
  let lastItemAt = -1;
  // Once an item has a nested list closed by ；, ；separates the items of this list too (广汉: "A207条，包含…；B145条；C1条").
  let semicolonSeparates = false;
  while (i < body.length) {
    const ch = body[i] ?? '';
    if (ch === '（' || ch === '(') {
      // a parenthetical list belongs to the item just before it
      const close = body.indexOf(ch === '（' ? '）' : ')', i);
      const inner = body.slice(i + 1, close < 0 ? body.length : close);
      if (lastItemAt >= 0 && items.length > 0)
        out.push(
          ...readList(
            inner.replace(/^(?:包含|包括|其中)[：:]?/, ''),
            items[items.length - 1] ?? 0,
            unit,
            inner,
          ),
        );
      i = close < 0 ? body.length : close + 1;
      continue;
    }
    item.lastIndex = i;
    const m = item.exec(body);
    if (m) {
      if (m[3] !== unit || m[2]) break; // another unit (or an approximate item) ends the list
      items.push(Number(m[1]));
      lastItemAt = i;
      i += m[0].length;
      const rest = body.slice(i);
      const nested = /^[，,：:]?(?:包含|包括|其中)[：:]?/.exec(rest);
      if (nested) {
        // the nested list runs to the next ；
        const semi = rest.search(/[；;]/);
        const innerBody = rest.slice(nested[0].length, semi < 0 ? rest.length : semi);
        out.push(...readList(innerBody, Number(m[1]), unit, innerBody));
        i += semi < 0 ? rest.length : semi + 1;
        semicolonSeparates = true;
      }
      continue;
    }
    // A percentage or a ；that does not close a nested list ends the list.
    if (/[%％]/.test(ch) || (/[；;]/.test(ch) && !semicolonSeparates)) break;
    i++;
  }
  // Overlapping categories are no partition: a category as large as the total, or "同时/同步/均在"
  // (the same items on several channels, 东莞 2016: "在门户网站公开378条，在本单位网站公开813条（同时也…）").
  const overlapping = items.includes(total) || /同时|同步|重复|均在|均已/.test(body);
  if (items.length >= 2 && !overlapping) {
    const sum = items.reduce((a, b) => a + b, 0);
    out.unshift({ total, unit, items, sum, excerpt });
  }
  return out;
}

export const N3: RuleDef = {
  id: 'N3',
  aliases: [],
  severity: 'error',
  descriptionZh: '正文中“共N条，其中……”所列各类数量之和不应超过所称总数',
  evaluate({ narrative }) {
    if (!narrative) return [];
    return categoryLists(narrative)
      .filter((l) => l.sum > l.total)
      .map((l) =>
        finding(N3, {
          cells: [{ table: 'narrative', row: '', col: '' }],
          expected: l.total,
          actual: l.sum,
          messageZh: `正文称共${l.total}${l.unit}，但其后所列各类之和为${l.sum}${l.unit}（${l.items.join('+')}）`,
          excerpt: l.excerpt.slice(0, 120),
        }),
      );
  },
};
