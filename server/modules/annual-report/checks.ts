/**
 * Declarative consistency rules (勾稽) for the annual report, shared by the generator, the console,
 * the API and the checker of existing reports. Each rule is data (id, aliases, severity, Chinese
 * description) plus a pure evaluation. Ids follow anchors.md §5 (R1–R13) with the statute.md §2.7
 * aliases (C1–C7); N1/N2 (narrative) and R11B (blank cells) are additions documented in README.md.
 */
import { TABLE3_COLUMNS, TABLE4_COLUMNS } from './formats/common.js';
import {
  extractNarrativeFigures,
  normalizeNarrative,
  type NarrativeFigure,
  type NarrativeFigureKind,
} from './narrative.js';
import { num, t3, t4, table3RowLabel } from './tables.js';
import type {
  Cell,
  CellRef,
  Finding,
  ReportFormat,
  ReportTables,
  Severity,
  Table3ColKey,
  Table3RowKey,
  Table4ColKey,
  Table4Group,
} from './types.js';

/** Everything a rule may look at. Optional inputs switch the corresponding rules on. */
export interface CheckContext {
  format: ReportFormat;
  tables: ReportTables;
  /** last year's tables: enables R4 (结转), R6 (现行有效), R12 (jumps) */
  previousYear?: ReportTables;
  /** report prose (一 … 六): enables N1, N2 and the narrative side of R10 */
  narrative?: string;
  /** 信息处理费 reported in 六, in 元; defaults to the figure found in the narrative */
  reportedFeeYuan?: number;
  /** Σ fee-ledger entries paid in the year, in 元: enables R10 */
  feeLedgerTotalYuan?: number;
  /** published decision counts from the licensing/penalty modules: enables R7 */
  moduleCounts?: { license?: number; penalty?: number; enforcement?: number };
  /** reports of subordinate departments: enables R13 (this report = their sum) */
  subordinates?: ReportTables[];
}

export interface RuleDef {
  id: string;
  /** statute.md §2.7 ids (C1–C7) */
  aliases: string[];
  severity: Severity;
  descriptionZh: string;
  /** Pure evaluation; returns [] when the rule holds or does not apply. */
  evaluate(ctx: CheckContext): Finding[];
}

const T3_LABEL = (c: Table3ColKey): string => TABLE3_COLUMNS.find((x) => x.key === c)?.label ?? c;

function cell3(row: string, col: string): CellRef {
  return { table: 'table3', row, col };
}
function cell4(col: string): CellRef {
  return { table: 'table4', row: '', col };
}

function finding(rule: Pick<RuleDef, 'id' | 'severity'>, f: Omit<Finding, 'ruleId' | 'severity'>): Finding {
  return { ruleId: rule.id, severity: rule.severity, ...f };
}

/** Result rows of table 三 excluding （七）总计, per the format (2019: r6; 2021: r6_1..3). */
function resultRows(format: ReportFormat): Table3RowKey[] {
  return format.table3.rows.filter((r) => r.group === 'result' && !r.isTotal).map((r) => r.key);
}

// ---------------------------------------------------------------------------------------------

const R1: RuleDef = {
  id: 'R1',
  aliases: ['C1'],
  severity: 'error',
  descriptionZh: '表三各列：本年新收 + 上年结转 = 办理结果（七）总计 + 结转下年度继续办理',
  evaluate({ tables }) {
    const out: Finding[] = [];
    for (const c of TABLE3_COLUMNS) {
      const left = t3(tables, 'new', c.key) + t3(tables, 'carried', c.key);
      const right = t3(tables, 'r7', c.key) + t3(tables, 'next', c.key);
      if (left !== right) {
        out.push(
          finding(R1, {
            cells: (['new', 'carried', 'r7', 'next'] as const).map((r) => cell3(r, c.key)),
            expected: left,
            actual: right,
            messageZh: `表三“${c.label}”列：本年新收（${t3(tables, 'new', c.key)}）+上年结转（${t3(tables, 'carried', c.key)}）=${left}，而（七）总计（${t3(tables, 'r7', c.key)}）+结转下年度（${t3(tables, 'next', c.key)}）=${right}`,
          }),
        );
      }
    }
    return out;
  },
};

const R2: RuleDef = {
  id: 'R2',
  aliases: ['C2'],
  severity: 'error',
  descriptionZh: '表三各列：（七）总计 = （一）至（六）各项办理结果之和',
  evaluate({ tables, format }) {
    const rows = resultRows(format);
    const out: Finding[] = [];
    for (const c of TABLE3_COLUMNS) {
      const sum = rows.reduce((s, r) => s + t3(tables, r, c.key), 0);
      const total = t3(tables, 'r7', c.key);
      if (sum !== total) {
        out.push(
          finding(R2, {
            cells: [...rows, 'r7'].map((r) => cell3(r, c.key)),
            expected: sum,
            actual: total,
            messageZh: `表三“${c.label}”列：各项办理结果之和为${sum}，与（七）总计${total}不符`,
          }),
        );
      }
    }
    return out;
  },
};

const R3: RuleDef = {
  id: 'R3',
  aliases: ['C3'],
  severity: 'error',
  descriptionZh: '表三各行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他',
  evaluate({ tables, format }) {
    const out: Finding[] = [];
    for (const r of format.table3.rows) {
      const values = tables.table3[r.key];
      if (!values) continue;
      const sum = values.slice(0, 6).reduce<number>((s, v) => s + num(v), 0);
      const total = num(values[6]);
      if (sum !== total) {
        out.push(
          finding(R3, {
            cells: TABLE3_COLUMNS.map((c) => cell3(r.key, c.key)),
            expected: sum,
            actual: total,
            messageZh: `表三“${table3RowLabel(format, r.key)}”行：各类申请人之和为${sum}，与总计${total}不符`,
          }),
        );
      }
    }
    return out;
  },
};

const GROUP_LABEL: Record<Table4Group, string> = {
  review: '行政复议',
  suitDirect: '行政诉讼—未经复议直接起诉',
  suitAfterReview: '行政诉讼—复议后起诉',
};

const R5: RuleDef = {
  id: 'R5',
  aliases: ['C4'],
  severity: 'error',
  descriptionZh:
    '表四各组：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计（行政复议、未经复议直接起诉、复议后起诉）',
  evaluate({ tables }) {
    const out: Finding[] = [];
    for (const g of ['review', 'suitDirect', 'suitAfterReview'] as const) {
      const parts = (['upheld', 'corrected', 'other', 'pending'] as const).map(
        (o) => `${g}_${o}` as Table4ColKey,
      );
      const sum = parts.reduce((s, k) => s + t4(tables, k), 0);
      const total = t4(tables, `${g}_total`);
      if (sum !== total) {
        out.push(
          finding(R5, {
            cells: [...parts, `${g}_total` as const].map(cell4),
            expected: sum,
            actual: total,
            messageZh: `表四“${GROUP_LABEL[g]}”：结果维持+结果纠正+其他结果+尚未审结=${sum}，与总计${total}不符`,
          }),
        );
      }
    }
    return out;
  },
};

const R4: RuleDef = {
  id: 'R4',
  aliases: ['C5'],
  severity: 'warning',
  descriptionZh: '跨年度：本年“上年结转”应等于上一年度报告的“结转下年度继续办理”（各列）',
  evaluate({ tables, previousYear }) {
    if (!previousYear?.table3.next) return [];
    const out: Finding[] = [];
    for (const c of TABLE3_COLUMNS) {
      const prev = t3(previousYear, 'next', c.key);
      const cur = t3(tables, 'carried', c.key);
      if (prev !== cur) {
        out.push(
          finding(R4, {
            cells: [cell3('carried', c.key)],
            expected: prev,
            actual: cur,
            messageZh: `表三“${c.label}”列：上年结转${cur}件，但上一年度报告的结转下年度继续办理为${prev}件`,
          }),
        );
      }
    }
    return out;
  },
};

const R6: RuleDef = {
  id: 'R6',
  aliases: ['C6'],
  severity: 'warning',
  descriptionZh: '跨年度（2021格式）：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数',
  evaluate({ tables, previousYear }) {
    if (!previousYear) return [];
    const out: Finding[] = [];
    for (const [row, label] of [
      ['regulation', '规章'],
      ['normativeDoc', '行政规范性文件'],
    ] as const) {
      const cur = tables.table2[row];
      const prev = previousYear.table2[row];
      // Only where both years carry the 2021 columns (the 2019 format has no 现行有效件数).
      if (!cur || !prev || !('inForce' in cur) || !('inForce' in prev)) continue;
      const expected = num(prev.inForce) + num(cur.issued) - num(cur.repealed);
      const actual = num(cur.inForce);
      if (expected !== actual) {
        out.push(
          finding(R6, {
            cells: ['issued', 'repealed', 'inForce'].map((col) => ({ table: 'table2' as const, row, col })),
            expected,
            actual,
            messageZh: `表二“${label}”：上年现行有效${num(prev.inForce)}+本年制发${num(cur.issued)}−本年废止${num(cur.repealed)}=${expected}，而本年现行有效为${actual}（修订等情形可能导致差异，请核实）`,
          }),
        );
      }
    }
    return out;
  },
};

const R7: RuleDef = {
  id: 'R7',
  aliases: [],
  severity: 'error',
  descriptionZh: '表二行政许可、行政处罚、行政强制处理决定数量应等于业务模块中本年公开的决定数量',
  evaluate({ tables, moduleCounts }) {
    if (!moduleCounts) return [];
    const out: Finding[] = [];
    for (const [row, label] of [
      ['license', '行政许可'],
      ['penalty', '行政处罚'],
      ['enforcement', '行政强制'],
    ] as const) {
      const expected = moduleCounts[row];
      if (expected === undefined) continue;
      const actual = num(tables.table2[row]?.decisions);
      if (expected !== actual) {
        out.push(
          finding(R7, {
            cells: [{ table: 'table2', row, col: 'decisions' }],
            expected,
            actual,
            messageZh: `表二“${label}”处理决定数量为${actual}，业务模块记录为${expected}`,
          }),
        );
      }
    }
    return out;
  },
};

const R10: RuleDef = {
  id: 'R10',
  aliases: [],
  severity: 'error',
  descriptionZh: '六、其他需要报告的事项中的信息处理费总额应等于收费台账本年实收合计',
  evaluate({ narrative, reportedFeeYuan, feeLedgerTotalYuan }) {
    if (feeLedgerTotalYuan === undefined) return [];
    const fromNarrative = narrative
      ? extractNarrativeFigures(narrative).find((f) => f.kind === 'feeYuan')
      : undefined;
    const reported = reportedFeeYuan ?? fromNarrative?.value;
    if (reported === undefined) {
      return [
        finding(R10, {
          cells: [{ table: 'narrative', row: '', col: '' }],
          expected: feeLedgerTotalYuan,
          actual: null,
          messageZh: `报告未说明信息处理费收取情况，收费台账本年实收${feeLedgerTotalYuan}元`,
        }),
      ];
    }
    if (Math.abs(reported - feeLedgerTotalYuan) < 0.005) return [];
    return [
      finding(R10, {
        cells: [{ table: 'narrative', row: '', col: '' }],
        expected: feeLedgerTotalYuan,
        actual: reported,
        messageZh: `报告所列信息处理费${reported}元，与收费台账本年实收${feeLedgerTotalYuan}元不符`,
        ...(fromNarrative && reportedFeeYuan === undefined ? { excerpt: fromNarrative.excerpt } : {}),
      }),
    ];
  },
};

/** Is a value valid for its type? Counts: non-negative integers; amounts: non-negative. */
function invalidValue(v: Cell | undefined, type: 'count' | 'signedCount' | 'amount'): boolean {
  if (v === null || v === undefined) return false;
  if (!Number.isFinite(v)) return true;
  if (type === 'amount') return v < 0;
  if (!Number.isInteger(v)) return true;
  return type === 'count' && v < 0;
}

const R11: RuleDef = {
  id: 'R11',
  aliases: ['C7'],
  severity: 'error',
  descriptionZh: '所有数量为非负整数；收费、采购金额为非负数',
  evaluate({ tables, format }) {
    const out: Finding[] = [];
    const bad = (ref: CellRef, v: Cell | undefined, what: string): void => {
      out.push(
        finding(R11, {
          cells: [ref],
          expected: what,
          actual: v ?? null,
          messageZh: `${describeCell(format, ref)}的值${String(v)}无效，应为${what}`,
        }),
      );
    };
    for (const st of format.table2.subTables) {
      for (const r of st.rows) {
        for (const c of st.columns) {
          const v = tables.table2[r.key]?.[c.key];
          if (invalidValue(v, c.valueType)) {
            bad(
              { table: 'table2', row: r.key, col: c.key },
              v,
              c.valueType === 'amount' ? '非负数' : c.valueType === 'signedCount' ? '整数' : '非负整数',
            );
          }
        }
      }
    }
    for (const r of format.table3.rows) {
      tables.table3[r.key]?.forEach((v, i) => {
        if (invalidValue(v, 'count')) bad(cell3(r.key, TABLE3_COLUMNS[i]?.key ?? String(i)), v, '非负整数');
      });
    }
    tables.table4.forEach((v, i) => {
      if (invalidValue(v, 'count')) bad(cell4(TABLE4_COLUMNS[i]?.key ?? String(i)), v, '非负整数');
    });
    return out;
  },
};

const R11B: RuleDef = {
  id: 'R11B',
  aliases: [],
  severity: 'warning',
  descriptionZh: '表格中不应有空白单元格（空白按0计算，应填写0）',
  evaluate({ tables, format }) {
    const out: Finding[] = [];
    const t2: CellRef[] = [];
    for (const st of format.table2.subTables) {
      for (const r of st.rows) {
        const row = tables.table2[r.key];
        if (!row) continue;
        for (const c of st.columns)
          if (c.key in row && row[c.key] === null) t2.push({ table: 'table2', row: r.key, col: c.key });
      }
    }
    const t3cells: CellRef[] = [];
    const t3rows: string[] = [];
    for (const r of format.table3.rows) {
      const values = tables.table3[r.key];
      let any = false;
      values?.forEach((v, i) => {
        if (v === null) {
          t3cells.push(cell3(r.key, TABLE3_COLUMNS[i]?.key ?? String(i)));
          any = true;
        }
      });
      if (any) t3rows.push(table3RowLabel(format, r.key));
    }
    const t4cells: CellRef[] = [];
    tables.table4.forEach((v, i) => {
      if (v === null) t4cells.push(cell4(TABLE4_COLUMNS[i]?.key ?? String(i)));
    });
    const push = (cells: CellRef[], where: string): void => {
      if (cells.length === 0) return;
      out.push(
        finding(R11B, {
          cells,
          expected: 0,
          actual: null,
          messageZh: `${where}有${cells.length}个空白单元格（按0计算，应填写0）`,
        }),
      );
    };
    push(t2, '表二');
    push(
      t3cells,
      `表三${t3rows.length <= 3 ? `“${t3rows.join('”“')}”行` : `“${t3rows[0]}”等${t3rows.length}行`}`,
    );
    push(t4cells, `表四${t4cells.map((c) => `“${describeTable4Col(c.col)}”`).join('')}`);
    return out;
  },
};

/** Year-on-year jump threshold: ×5 up or ×0.2 down, ignored below this magnitude. */
const JUMP_FACTOR = 5;
const JUMP_MIN = 10;

const R12: RuleDef = {
  id: 'R12',
  aliases: [],
  severity: 'warning',
  descriptionZh: `同比异常：主要数量较上年增至${JUMP_FACTOR}倍以上或降至${1 / JUMP_FACTOR}以下（数量不足${JUMP_MIN}时不提示）`,
  evaluate({ tables, previousYear }) {
    if (!previousYear) return [];
    const out: Finding[] = [];
    const targets: [CellRef, string, number | undefined, number | undefined][] = [
      [
        cell3('new', 'total'),
        '表三本年新收申请总计',
        t3(tables, 'new', 'total'),
        t3(previousYear, 'new', 'total'),
      ],
      [cell3('r7', 'total'), '表三办理结果总计', t3(tables, 'r7', 'total'), t3(previousYear, 'r7', 'total')],
      [
        cell4('review_total'),
        '表四行政复议总计',
        t4(tables, 'review_total'),
        t4(previousYear, 'review_total'),
      ],
      [
        cell4('suitDirect_total'),
        '表四未经复议直接起诉总计',
        t4(tables, 'suitDirect_total'),
        t4(previousYear, 'suitDirect_total'),
      ],
      [
        cell4('suitAfterReview_total'),
        '表四复议后起诉总计',
        t4(tables, 'suitAfterReview_total'),
        t4(previousYear, 'suitAfterReview_total'),
      ],
    ];
    for (const [row, label] of [
      ['license', '表二行政许可处理决定数量'],
      ['penalty', '表二行政处罚处理决定数量'],
      ['enforcement', '表二行政强制处理决定数量'],
    ] as const) {
      const cur = tables.table2[row]?.decisions;
      const prev = previousYear.table2[row]?.decisions;
      if (cur !== undefined && prev !== undefined)
        targets.push([{ table: 'table2', row, col: 'decisions' }, label, num(cur), num(prev)]);
    }
    for (const [ref, label, cur, prev] of targets) {
      if (cur === undefined || prev === undefined) continue;
      if (Math.max(cur, prev) < JUMP_MIN) continue;
      const up = cur >= prev * JUMP_FACTOR;
      const down = cur * JUMP_FACTOR <= prev;
      if (!up && !down) continue;
      out.push(
        finding(R12, {
          cells: [ref],
          expected: prev,
          actual: cur,
          messageZh: `${label}由上年${prev}变为${cur}，${up ? '增幅' : '降幅'}异常，请核实`,
        }),
      );
    }
    return out;
  },
};

const R13: RuleDef = {
  id: 'R13',
  aliases: [],
  severity: 'error',
  descriptionZh: '汇总报告：各单元格应等于所属部门报告对应单元格之和',
  evaluate({ tables, format, subordinates }) {
    if (!subordinates || subordinates.length === 0) return [];
    const out: Finding[] = [];
    const check = (ref: CellRef, actual: Cell | undefined, parts: (Cell | undefined)[]): void => {
      if (actual === undefined) return;
      const expected = Math.round(parts.reduce<number>((s, v) => s + num(v), 0) * 1e6) / 1e6;
      if (Math.abs(expected - num(actual)) > 1e-6) {
        out.push(
          finding(R13, {
            cells: [ref],
            expected,
            actual: num(actual),
            messageZh: `${describeCell(format, ref)}为${num(actual)}，所属${subordinates.length}个部门合计为${expected}`,
          }),
        );
      }
    };
    for (const st of format.table2.subTables) {
      for (const r of st.rows) {
        for (const c of st.columns) {
          check(
            { table: 'table2', row: r.key, col: c.key },
            tables.table2[r.key]?.[c.key],
            subordinates.map((s) => s.table2[r.key]?.[c.key]),
          );
        }
      }
    }
    for (const r of format.table3.rows) {
      TABLE3_COLUMNS.forEach((c, i) => {
        check(
          cell3(r.key, c.key),
          tables.table3[r.key]?.[i],
          subordinates.map((s) => s.table3[r.key]?.[i]),
        );
      });
    }
    TABLE4_COLUMNS.forEach((c, i) => {
      check(
        cell4(c.key),
        tables.table4[i],
        subordinates.map((s) => s.table4[i]),
      );
    });
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Narrative rules
// ---------------------------------------------------------------------------------------------

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

const N1: RuleDef = {
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

const N2: RuleDef = {
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

const N4: RuleDef = {
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

const N5: RuleDef = {
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
  const head = new RegExp(
    `(?<![\\d.])(\\d+)(${UNITS})(?:（[^）]*）)?[，,：:。]?(?:其中|包含|包括)[，,：:]?`,
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
    const end = s.indexOf('。', start);
    const body = s.slice(start, end < 0 ? s.length : end);
    consumed = end < 0 ? s.length : end;
    out.push(...readList(body, total, unit, s.slice(m.index, end < 0 ? s.length : end)));
  }
  return out;
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

const N3: RuleDef = {
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

function describeTable4Col(col: string): string {
  const c = TABLE4_COLUMNS.find((x) => x.key === col);
  return c ? `${c.groupLabel}/${c.label}` : col;
}

/** Chinese description of a cell reference, e.g. 表三“（一）予以公开”行“自然人”列. */
export function describeCell(format: ReportFormat, ref: CellRef): string {
  switch (ref.table) {
    case 'table2': {
      for (const st of format.table2.subTables) {
        const r = st.rows.find((x) => x.key === ref.row);
        const c = st.columns.find((x) => x.key === ref.col);
        if (r && c) return `表二“${r.label}”“${c.label}”`;
      }
      return `表二${ref.row}/${ref.col}`;
    }
    case 'table3':
      return `表三“${table3RowLabel(format, ref.row)}”行“${T3_LABEL(ref.col as Table3ColKey)}”列`;
    case 'table4':
      return `表四“${describeTable4Col(ref.col)}”`;
    default:
      return '正文';
  }
}

/** The rule catalogue, in report order. */
export const RULES: readonly RuleDef[] = [
  R1,
  R2,
  R3,
  R5,
  R4,
  R6,
  R7,
  R10,
  R11,
  R11B,
  R12,
  R13,
  N1,
  N2,
  N3,
  N4,
  N5,
];

/** A rule by id or alias (e.g. 'R5' or 'C4'). */
export function ruleById(id: string): RuleDef | undefined {
  return RULES.find((r) => r.id === id || r.aliases.includes(id));
}

/** Evaluates all rules (or only `only`, ids or aliases) and returns the findings in catalogue order. */
export function runChecks(ctx: CheckContext, only?: readonly string[]): Finding[] {
  const selected = only
    ? RULES.filter((r) => only.some((id) => r.id === id || r.aliases.includes(id)))
    : RULES;
  return selected.flatMap((r) => r.evaluate(ctx));
}
