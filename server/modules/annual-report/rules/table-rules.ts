/**
 * Table rules (勾稽 within and across the statutory tables): R1–R7, R10–R13. Pure; see ../README.md for
 * the catalogue.
 */
import { TABLE3_COLUMNS, TABLE4_COLUMNS } from '../formats/common.js';
import { extractNarrativeFigures } from '../narrative.js';
import { num, t3, t4, table3RowLabel } from '../tables.js';
import type { Cell, CellRef, Finding, Table4ColKey, Table4Group } from '../types.js';
import { describeCell, describeTable4Col } from './describe.js';
import { cell3, cell4, finding, resultRows, type RuleDef } from './context.js';

// ---------------------------------------------------------------------------------------------

export const R1: RuleDef = {
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

export const R2: RuleDef = {
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

export const R3: RuleDef = {
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

export const R5: RuleDef = {
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

export const R4: RuleDef = {
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

export const R6: RuleDef = {
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

export const R7: RuleDef = {
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

export const R10: RuleDef = {
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

export const R11: RuleDef = {
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

export const R11B: RuleDef = {
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

export const R12: RuleDef = {
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

export const R13: RuleDef = {
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
