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
  | 'feeYuan'
  /** one outcome kind of table 三 (totals column): 予以公开 r1, 部分公开 r2, 不予公开 Σr3, … */
  | 'outcomeGranted'
  | 'outcomePartial'
  | 'outcomeGrantedOrPartial'
  | 'outcomeDenied'
  | 'outcomeUnable'
  | 'outcomeNotProcessed'
  | 'outcomeOther';

export interface NarrativeFigure {
  kind: NarrativeFigureKind;
  value: number;
  /** "5500余条" and similar: not an exact figure */
  approximate: boolean;
  /** the matched text (whitespace removed) */
  excerpt: string;
  /** offset in the normalized narrative */
  index: number;
  /** "…，占33.9%" right after the figure: the percentage as written and its decimals */
  percent?: { value: number; decimals: number; excerpt: string };
}

/**
 * Words that put a figure outside the report's own count (备案 of the whole city, 累计 since …,
 * last year's, a year-on-year change, the system below): such figures are not compared.
 */
const FOREIGN_SCOPE =
  /备案|累计|历年|以来|去年|上年度?(?!结转)|同比|全市|全区|全县|全省|系统内|所属|下级|各级|代理|应诉|出庭/;

const CHANNEL_SCOPE = /微博|微信|新媒体|客户端|抖音|头条|公众号|报刊|报纸|电台|电视|短信/;

/** The sentence part (since the last 。；) before `index` in `s`: a scope word there covers the figure. */
function clauseBefore(s: string, index: number): string {
  const head = s.slice(0, index);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf(';'));
  return head.slice(cut + 1);
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

// An outcome word between 答复/办结 and the number makes it a count of one kind of answer.
const NOT_OUTCOME = '(?:(?!予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|告知|撤回)[^。；;，,\\d])';

const PATTERNS: readonly Pattern[] = [
  {
    kind: 'applicationsReceived',
    re: new RegExp(`(?:受理|收到|新收|接收)${GAP}{0,16}?申请(?:共计|总计|共)?(\\d+)(余)?件`, 'g'),
  },
  { kind: 'applicationsReceived', re: /(?:未|没有)(?:收到|受理|接到)[^。；;，,\d]{0,12}?申请/g, value: 0 },
  {
    kind: 'applicationsAnswered',
    re: new RegExp(`(?:答复|办结)${NOT_OUTCOME}{0,16}?(?:申请)?(?:共计|共)?(\\d+)(余)?件`, 'g'),
  },
  {
    kind: 'outcomeGrantedOrPartial',
    re: /(?:予以公开|公开)(?:及|和|与|、|或)部分公开(?:的)?(?:申请)?(\d+)(余)?件/g,
  },
  {
    kind: 'outcomeGranted',
    re: /(?<!不|部分|及|和|与|、)予以公开(?!及|和|与|、)(?:的)?(?:申请)?(\d+)(余)?件/g,
  },
  { kind: 'outcomePartial', re: /(?<!及|和|与|、|或)部分公开(?:的)?(?:申请)?(\d+)(余)?件/g },
  { kind: 'outcomeDenied', re: /不予公开(?:的)?(?:申请)?(\d+)(余)?件/g },
  { kind: 'outcomeUnable', re: /无法提供(?:的)?(?:申请)?(\d+)(余)?件/g },
  { kind: 'outcomeNotProcessed', re: /不予处理(?:的)?(?:申请)?(\d+)(余)?件/g },
  { kind: 'outcomeOther', re: /其他处理(?:（[^）]{0,20}）)?(?:的)?(?:申请)?(\d+)(余)?件/g },
  { kind: 'carriedOut', re: /(?:结转|转|顺延)(?:至|到)?下一?年度?(?:继续)?(?:办理|答复)?(\d+)(余)?件/g },
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
      if (
        p.kind !== 'feeYuan' &&
        p.kind !== 'proactiveItems' &&
        FOREIGN_SCOPE.test(clauseBefore(s, m.index) + m[0])
      )
        continue;
      // A count on one channel (微博、微信、报刊…) is not the agency's total of proactive items.
      if (p.kind === 'proactiveItems' && CHANNEL_SCOPE.test(clauseBefore(s, m.index) + m[0])) continue;
      const isWan = p.kind === 'feeYuan' && m[2] === '万';
      const raw = p.value ?? Number(m[1]);
      const pct = /^[，,]?(?:占|约占|占比)(?:比)?(\d+(?:\.(\d+))?)[%％]/.exec(s.slice(m.index + m[0].length));
      out.push({
        kind: p.kind,
        value: isWan ? Math.round(raw * 10000 * 100) / 100 : raw,
        approximate: p.kind !== 'feeYuan' && m[2] === '余',
        excerpt: m[0],
        index: m.index,
        ...(pct?.[1]
          ? { percent: { value: Number(pct[1]), decimals: pct[2]?.length ?? 0, excerpt: `${m[0]}${pct[0]}` } }
          : {}),
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
      if (FOREIGN_SCOPE.test(clauseBefore(s, m.index))) continue;
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
    const none = new RegExp(
      `(?:未|没有|无)(?:发生|收到|出现|产生|被申请|被提起)?[^。；;，,]{0,24}?${word}([^。；;，,]{0,12})`,
      'g',
    );
    for (const m of s.matchAll(none)) {
      // "未发生…行政复议被纠错" says nothing was corrected, not that there were no reviews.
      const corrected = /纠错|纠正|败诉|撤销|确认违法|被改变/.test(m[1] ?? '') || /败诉|纠错/.test(m[0]);
      if (!corrected && /被纠错|纠正|败诉/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 8)))
        continue;
      if (FOREIGN_SCOPE.test(clauseBefore(s, m.index))) continue;
      out.push({
        kind: corrected ? `${prefix}Corrected` : `${prefix}Total`,
        value: 0,
        approximate: false,
        excerpt: m[0],
        index: m.index,
      });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
