/**
 * Narrative rules: figures quoted in the prose against the tables (N1), repeated figures (N2),
 * percentages (N4) and 均获维持/无败诉 claims (N5). Pure.
 */
import {
  extractNarrativeFigures,
  normalizeNarrative,
  type NarrativeFigure,
  type NarrativeFigureKind,
} from '../narrative.js';
import { t3, t4 } from '../tables.js';
import type { CellRef, Finding, ReportTables, Table3RowKey } from '../types.js';
import { cell3, cell4, finding, type RuleDef } from './context.js';

/** Table side of each narrative figure kind that has one. */
function tableCounterpart(
  tables: ReportTables,
  kind: NarrativeFigureKind,
): { value: number; cells: CellRef[]; label: string; alternatives?: number[] } | undefined {
  const suit = (o: 'upheld' | 'corrected' | 'other' | 'pending' | 'total') => ({
    value: t4(tables, `suitDirect_${o}`) + t4(tables, `suitAfterReview_${o}`),
    cells: [cell4(`suitDirect_${o}`), cell4(`suitAfterReview_${o}`)],
  });
  switch (kind) {
    case 'applicationsReceived':
      // 受理 is usually 新收; some reports count 新收 + 上年结转.
      return {
        value: t3(tables, 'new', 'total'),
        cells: [cell3('new', 'total')],
        label: '表三“一、本年新收政府信息公开申请数量”总计',
        alternatives: [t3(tables, 'new', 'total') + t3(tables, 'carried', 'total')],
      };
    case 'applicationsAnswered':
      return { value: rowTotal(tables, 'r7'), cells: [cell3('r7', 'total')], label: '表三“（七）总计”' };
    case 'outcomeGranted':
    case 'outcomePartial':
    case 'outcomeGrantedOrPartial':
    case 'outcomeDenied':
    case 'outcomeUnable':
    case 'outcomeNotProcessed':
    case 'outcomeOther': {
      let rows = outcomeRows(kind);
      if (kind === 'outcomeOther')
        rows = tables.table3.r6 !== undefined ? ['r6'] : rows.filter((r) => r !== 'r6');
      // Every row the figure counts must have been read; otherwise there is nothing to compare with.
      if (rows.some((r) => tables.table3[r] === undefined)) return undefined;
      return {
        value: rows.reduce((a, r) => a + rowTotal(tables, r), 0),
        cells: rows.map((r) => cell3(r, 'total')),
        label: `表三“${OUTCOME_LABELS[kind]}”总计`,
      };
    }
    case 'carriedIn':
      return {
        value: t3(tables, 'carried', 'total'),
        cells: [cell3('carried', 'total')],
        label: '表三“二、上年结转”总计',
      };
    case 'carriedOut':
      return {
        value: t3(tables, 'next', 'total'),
        cells: [cell3('next', 'total')],
        label: '表三“四、结转下年度继续办理”总计',
      };
    case 'reviewTotal':
    case 'reviewUpheld':
    case 'reviewCorrected':
    case 'reviewOther':
    case 'reviewPending': {
      const o = (
        {
          reviewTotal: 'total',
          reviewUpheld: 'upheld',
          reviewCorrected: 'corrected',
          reviewOther: 'other',
          reviewPending: 'pending',
        } as const
      )[kind];
      return {
        value: t4(tables, `review_${o}`),
        cells: [cell4(`review_${o}`)],
        label: `表四行政复议“${describeOutcome(o)}”`,
      };
    }
    case 'suitTotal':
    case 'suitUpheld':
    case 'suitCorrected':
    case 'suitOther':
    case 'suitPending': {
      const o = (
        {
          suitTotal: 'total',
          suitUpheld: 'upheld',
          suitCorrected: 'corrected',
          suitOther: 'other',
          suitPending: 'pending',
        } as const
      )[kind];
      return { ...suit(o), label: `表四行政诉讼（两类合计）“${describeOutcome(o)}”` };
    }
    default:
      return undefined;
  }
}

const OUTCOME_LABELS: Record<string, string> = {
  outcomeGranted: '（一）予以公开',
  outcomePartial: '（二）部分公开',
  outcomeGrantedOrPartial: '（一）予以公开与（二）部分公开',
  outcomeDenied: '（三）不予公开',
  outcomeUnable: '（四）无法提供',
  outcomeNotProcessed: '（五）不予处理',
  outcomeOther: '（六）其他处理',
};

/** Table-三 rows counted by a narrative outcome kind (both layouts: （六） is r6 or r6_1..3). */
function outcomeRows(kind: NarrativeFigureKind): Table3RowKey[] {
  const range = (p: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${p}_${i + 1}` as Table3RowKey);
  switch (kind) {
    case 'outcomeGranted':
      return ['r1'];
    case 'outcomePartial':
      return ['r2'];
    case 'outcomeGrantedOrPartial':
      return ['r1', 'r2'];
    case 'outcomeDenied':
      return range('r3', 8);
    case 'outcomeUnable':
      return range('r4', 3);
    case 'outcomeNotProcessed':
      return range('r5', 5);
    case 'outcomeOther':
      return ['r6', ...range('r6', 3)];
    default:
      return [];
  }
}

/**
 * A row's total as the report states it: the 总计 cell, or — when that cell was left blank while the
 * applicant columns are filled — the sum of those columns (so prose is compared with the row's
 * content, not with an empty cell; R3/R11B report the blank total itself).
 */
export function rowTotal(tables: ReportTables, row: Table3RowKey): number {
  const v = tables.table3[row];
  if (!v) return 0;
  if (v[6] !== null && v[6] !== undefined) return v[6];
  return v.slice(0, 6).reduce<number>((a, x) => a + (x ?? 0), 0);
}

export const N1: RuleDef = {
  id: 'N1',
  aliases: [],
  severity: 'error',
  descriptionZh: '正文中引用的数字（收到/受理申请数、答复数、结转数、行政复议和行政诉讼件数）应与表格一致',
  evaluate({ tables, narrative }) {
    if (!narrative) return [];
    const out: Finding[] = [];
    for (const f of extractNarrativeFigures(narrative)) {
      if (f.approximate) continue;
      const t = tableCounterpart(tables, f.kind);
      if (!t || t.value === f.value || t.alternatives?.includes(f.value)) continue;
      out.push(
        finding(N1, {
          cells: [{ table: 'narrative', row: '', col: '' }, ...t.cells],
          expected: t.value,
          actual: f.value,
          messageZh: `正文“${f.excerpt}”为${f.value}，与${t.label}${t.value}不一致`,
          excerpt: f.excerpt,
        }),
      );
    }
    return out;
  },
};

export const N2: RuleDef = {
  id: 'N2',
  aliases: [],
  severity: 'warning',
  descriptionZh: '正文中同一数量（如主动公开信息条数、信息处理费）前后表述应一致',
  evaluate({ narrative }) {
    if (!narrative) return [];
    const out: Finding[] = [];
    const byKind = new Map<NarrativeFigureKind, NarrativeFigure[]>();
    for (const f of extractNarrativeFigures(narrative)) {
      if (f.approximate || (f.kind !== 'proactiveItems' && f.kind !== 'feeYuan')) continue;
      byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
    }
    for (const [kind, figs] of byKind) {
      const first = figs[0];
      const other = figs.find((f) => f.value !== first?.value);
      if (!first || !other) continue;
      const what = kind === 'proactiveItems' ? '主动公开政府信息数量' : '信息处理费';
      out.push(
        finding(N2, {
          cells: [{ table: 'narrative', row: '', col: '' }],
          expected: first.value,
          actual: other.value,
          messageZh: `正文中${what}前后不一致：“${first.excerpt}”与“${other.excerpt}”`,
          excerpt: `${first.excerpt} / ${other.excerpt}`,
        }),
      );
    }
    return out;
  },
};

/** "占P%" as the text rounds it: P matches value/base when rounding or truncating to P's decimals gives P. */
export function percentMatches(p: { value: number; decimals: number }, value: number, base: number): boolean {
  if (base <= 0) return false;
  const exact = (value / base) * 100;
  const f = 10 ** p.decimals;
  const eq = (x: number) => Math.abs(x - p.value) < 1e-9;
  return (
    eq(Math.round(exact * f) / f) ||
    eq(Math.floor(exact * f + 1e-9) / f) ||
    eq(Math.ceil(exact * f - 1e-9) / f)
  );
}

export const N4: RuleDef = {
  id: 'N4',
  aliases: [],
  severity: 'error',
  descriptionZh: '正文中办理结果的占比（“占P%”）应与表三数字相符（按正文所用的小数位四舍五入或截断）',
  evaluate({ tables, narrative }) {
    if (!narrative) return [];
    const out: Finding[] = [];
    const bases = [
      rowTotal(tables, 'r7'),
      rowTotal(tables, 'new'),
      rowTotal(tables, 'new') + rowTotal(tables, 'carried'),
    ];
    for (const f of extractNarrativeFigures(narrative)) {
      if (!f.percent || f.approximate || !f.kind.startsWith('outcome')) continue;
      const t = tableCounterpart(tables, f.kind);
      if (!t || bases.every((b) => b === 0)) continue;
      const pct = f.percent;
      if (bases.some((b) => percentMatches(pct, t.value, b))) continue;
      const base = bases[0] ?? 0;
      out.push(
        finding(N4, {
          cells: [{ table: 'narrative', row: '', col: '' }, ...t.cells, cell3('r7', 'total')],
          expected:
            base > 0 ? Math.round((t.value / base) * 100 * 10 ** pct.decimals) / 10 ** pct.decimals : null,
          actual: pct.value,
          messageZh: `正文“${pct.excerpt}”为${pct.value}%，按${t.label}${t.value}件、（七）总计${base}件计算应为${
            base > 0
              ? (Math.round((t.value / base) * 100 * 10 ** pct.decimals) / 10 ** pct.decimals).toFixed(
                  pct.decimals,
                )
              : '—'
          }%`,
          excerpt: pct.excerpt,
        }),
      );
    }
    return out;
  },
};

export const N5: RuleDef = {
  id: 'N5',
  aliases: [],
  severity: 'error',
  descriptionZh: '正文称行政复议、行政诉讼“均获维持”“无败诉”“零败诉”“未被纠错”时，表四相应的“结果纠正”应为0',
  evaluate({ tables, narrative }) {
    if (!narrative || tables.table4.length === 0) return [];
    const s = normalizeNarrative(narrative);
    const out: Finding[] = [];
    const corrected = {
      review: t4(tables, 'review_corrected'),
      suit: t4(tables, 'suitDirect_corrected') + t4(tables, 'suitAfterReview_corrected'),
    };
    const other = {
      review: t4(tables, 'review_other'),
      suit: t4(tables, 'suitDirect_other') + t4(tables, 'suitAfterReview_other'),
    };
    const claims: { re: RegExp; groups: ('review' | 'suit')[]; upheldAll: boolean }[] = [
      { re: /均(?:获|被|予以)?维持|全部(?:获得?|被)?维持/g, groups: [], upheldAll: true },
      { re: /(?:无|零|没有|未发生)(?:一起)?败诉/g, groups: ['suit'], upheldAll: false },
      { re: /(?:无|零|没有|未发生|未)(?:一起)?(?:被)?纠错/g, groups: [], upheldAll: false },
    ];
    for (const c of claims) {
      for (const m of s.matchAll(c.re)) {
        if (/(?:不|并非|未能)$/.test(s.slice(Math.max(0, m.index - 2), m.index))) continue;
        const clause = clauseBefore2(s, m.index);
        if (/备案|累计|历年|以来|去年|上年|全市|全区|全县|全省|系统/.test(clause)) continue;
        const mentions: ('review' | 'suit')[] =
          c.groups.length > 0
            ? c.groups
            : [
                ...(/复议/.test(clause) ? (['review'] as const) : []),
                ...(/诉讼|起诉/.test(clause) ? (['suit'] as const) : []),
              ];
        for (const g of mentions) {
          const bad = corrected[g] + (c.upheldAll ? other[g] : 0);
          if (bad === 0) continue;
          const what = g === 'review' ? '行政复议' : '行政诉讼';
          out.push(
            finding(N5, {
              cells: [
                { table: 'narrative', row: '', col: '' },
                ...(g === 'review'
                  ? [cell4('review_corrected'), ...(c.upheldAll ? [cell4('review_other')] : [])]
                  : [
                      cell4('suitDirect_corrected'),
                      cell4('suitAfterReview_corrected'),
                      ...(c.upheldAll ? [cell4('suitDirect_other'), cell4('suitAfterReview_other')] : []),
                    ]),
              ],
              expected: 0,
              actual: bad,
              messageZh: `正文称${what}“${m[0]}”，但表四${what}“结果纠正”${corrected[g]}件${c.upheldAll ? `、“其他结果”${other[g]}件` : ''}`,
              excerpt: `${clause}${m[0]}`,
            }),
          );
        }
      }
    }
    return out;
  },
};

/** The sentence part before `index` up to the last 。；(a claim like 均获维持 refers to its clause group). */
function clauseBefore2(s: string, index: number): string {
  const head = s.slice(0, index);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf(';'));
  return head.slice(cut + 1);
}

function describeOutcome(o: string): string {
  return (
    (
      {
        upheld: '结果维持',
        corrected: '结果纠正',
        other: '其他结果',
        pending: '尚未审结',
        total: '总计',
      } as Record<string, string>
    )[o] ?? o
  );
}
