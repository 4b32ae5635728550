/**
 * Figures quoted in the report's prose (一、总体情况 and 六、其他需要报告的事项), e.g.
 * "受理政府信息公开申请17件", "主动公开政府信息1136条", "行政复议351件，其中结果维持72件…",
 * "收取信息处理费0元". Reviewers compare them with the tables; so do rules N1/N2/R10.
 */

export type NarrativeFigureKind =
  /** 受理/收到 N 件 申请 ↔ 表三 一、本年新收 */
  | 'applicationsReceived'
  /** 答复/办结 N 件 ↔ 表三 （七）总计 */
  | 'applicationsAnswered'
  /** 上年结转 N 件 ↔ 表三 二、上年结转 */
  | 'carriedIn'
  /** N 件 结转/顺延 下年度 ↔ 表三 四、结转下年度继续办理 */
  | 'carriedOut'
  /** 主动公开 N 条 (no table counterpart; compared with itself) */
  | 'proactiveItems'
  | 'reviewTotal'
  | 'reviewUpheld'
  | 'reviewCorrected'
  | 'reviewOther'
  | 'reviewPending'
  | 'suitTotal'
  | 'suitUpheld'
  | 'suitCorrected'
  | 'suitOther'
  | 'suitPending'
  /** 信息处理费, in 元 */
  | 'feeYuan';

export interface NarrativeFigure {
  kind: NarrativeFigureKind;
  value: number;
  /** "5500余条" and similar: not an exact figure */
  approximate: boolean;
  /** the matched text (whitespace removed) */
  excerpt: string;
  /** offset in the normalized narrative */
  index: number;
}

/** Removes page numbers and all whitespace, so that figures broken over lines read as one phrase. */
export function normalizeNarrative(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*[-－—–]\s*\d+\s*[-－—–]\s*$/.test(l))
    .join('\n')
    .replace(/[\s\u3000\u2002\u00a0\f]+/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

// Between a keyword and its number: no sentence/clause break and no other digits.
const GAP = '[^。；;，,\\d]';

interface Pattern {
  kind: NarrativeFigureKind;
  re: RegExp;
  /** fixed value (for "未收到…申请" = 0) */
  value?: number;
}

const PATTERNS: readonly Pattern[] = [
  {
    kind: 'applicationsReceived',
    re: new RegExp(`(?:受理|收到|新收)${GAP}{0,16}?申请(?:共计|总计|共)?(\\d+)(余)?件`, 'g'),
  },
  { kind: 'applicationsReceived', re: /(?:未|没有)(?:收到|受理)[^。；;，,\d]{0,12}?申请/g, value: 0 },
  { kind: 'applicationsAnswered', re: /(?:答复|办结)(?:申请)?(\d+)(余)?件/g },
  { kind: 'carriedIn', re: new RegExp(`上一?年度?结转${GAP}{0,10}?(\\d+)(余)?件`, 'g') },
  { kind: 'carriedOut', re: new RegExp(`(\\d+)(余)?件${GAP}{0,6}?(?:顺延|结转)(?:到|至)下一?年`, 'g') },
  { kind: 'proactiveItems', re: new RegExp(`主动(?:公开|发布)${GAP}{0,12}?(\\d+)(余)?条`, 'g') },
  { kind: 'feeYuan', re: /信息处理费[^。；;\d]{0,8}?(\d+(?:\.\d+)?)(万)?元/g },
  { kind: 'feeYuan', re: /(?:未|没有)(?:收取|产生)[^。；;\d]{0,10}?信息处理费/g, value: 0 },
];

const OUTCOMES: readonly [string, 'Upheld' | 'Corrected' | 'Other' | 'Pending'][] = [
  ['结果维持', 'Upheld'],
  ['结果纠正', 'Corrected'],
  ['其他结果', 'Other'],
  ['尚未审结', 'Pending'],
];

/** Extracts the comparable figures from narrative text (any whitespace/line breaks allowed). */
export function extractNarrativeFigures(text: string): NarrativeFigure[] {
  const s = normalizeNarrative(text);
  const out: NarrativeFigure[] = [];
  for (const p of PATTERNS) {
    for (const m of s.matchAll(p.re)) {
      const isWan = p.kind === 'feeYuan' && m[2] === '万';
      const raw = p.value ?? Number(m[1]);
      out.push({
        kind: p.kind,
        value: isWan ? Math.round(raw * 10000 * 100) / 100 : raw,
        approximate: p.kind !== 'feeYuan' && m[2] === '余',
        excerpt: m[0],
        index: m.index,
      });
    }
  }
  // 行政复议 / 行政诉讼 totals, and their 其中 breakdown up to the end of the clause.
  for (const [word, prefix] of [
    ['行政复议', 'review'],
    ['行政诉讼', 'suit'],
  ] as const) {
    const re = new RegExp(`${word}(?:案件)?(?:共计|共)?(\\d+)件([^。；;]*)`, 'g');
    for (const m of s.matchAll(re)) {
      const head = m[0].slice(0, m[0].length - (m[2]?.length ?? 0));
      out.push({
        kind: `${prefix}Total`,
        value: Number(m[1]),
        approximate: false,
        excerpt: head,
        index: m.index,
      });
      // The breakdown stops where the other proceeding starts ("…；政府信息公开行政诉讼46件，其中…").
      const tail = (m[2] ?? '').split(word === '行政复议' ? '行政诉讼' : '行政复议')[0] ?? '';
      if (!tail.includes('其中')) continue;
      for (const [label, suffix] of OUTCOMES) {
        const sub = new RegExp(`${label}(\\d+)件`).exec(tail);
        if (sub) {
          out.push({
            kind: `${prefix}${suffix}`,
            value: Number(sub[1]),
            approximate: false,
            excerpt: sub[0],
            index: m.index,
          });
        }
      }
    }
    const none = new RegExp(`(?:未|没有)(?:发生|收到|出现|产生|被申请|被提起)[^。；;]{0,24}?${word}`, 'g');
    for (const m of s.matchAll(none)) {
      out.push({ kind: `${prefix}Total`, value: 0, approximate: false, excerpt: m[0], index: m.index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
