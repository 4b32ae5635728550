import { describe, it, expect } from 'vitest';
import { RULES, ruleById, runChecks, type CheckContext } from './checks.js';
import { format2019 } from './formats/format-2019.js';
import { format2021 } from './formats/format-2021.js';
import { extractNarrativeFigures } from './narrative.js';
import { emptyTables } from './tables.js';
import type { ReportTables } from './types.js';

/**
 * A hand-made consistent 2021 report (columns: 自然人, 商业企业, 科研, 公益, 法律服务, 其他, 总计):
 *   new 10+2=12, carried 1; results r1 5+1, r2 2, r4_1 2, r6_3 0+1 → r7 9+2=11; next 2.
 *   R1 自然人: 10+1 = 9+2; 商业企业: 2+0 = 2+0; 总计: 12+1 = 11+2.
 */
function base2021(): ReportTables {
  const t = emptyTables(format2021, 0);
  t.table3.new = [10, 2, 0, 0, 0, 0, 12];
  t.table3.carried = [1, 0, 0, 0, 0, 0, 1];
  t.table3.r1 = [5, 1, 0, 0, 0, 0, 6];
  t.table3.r2 = [2, 0, 0, 0, 0, 0, 2];
  t.table3.r4_1 = [2, 0, 0, 0, 0, 0, 2];
  t.table3.r6_3 = [0, 1, 0, 0, 0, 0, 1];
  t.table3.r7 = [9, 2, 0, 0, 0, 0, 11];
  t.table3.next = [2, 0, 0, 0, 0, 0, 2];
  t.table4 = [1, 1, 0, 1, 3, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0];
  t.table2 = {
    regulation: { issued: 1, repealed: 0, inForce: 5 },
    normativeDoc: { issued: 2, repealed: 1, inForce: 10 },
    license: { decisions: 100 },
    penalty: { decisions: 50 },
    enforcement: { decisions: 3 },
    fee: { feeAmount: 1.5 },
  };
  return t;
}

function ctx(tables: ReportTables, extra: Partial<CheckContext> = {}): CheckContext {
  return { format: format2021, tables, ...extra };
}

const ids = (ctx: CheckContext, only?: string[]) => runChecks(ctx, only).map((f) => f.ruleId);

describe('rule catalogue', () => {
  it('has unique ids, Chinese descriptions and the C1–C7 aliases of statute.md §2.7', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.descriptionZh).toMatch(/[\u4e00-\u9fff]/);
    expect(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((a) => ruleById(a)?.id)).toEqual([
      'R1',
      'R2',
      'R3',
      'R5',
      'R4',
      'R6',
      'R11',
    ]);
    expect(ruleById('R4')?.severity).toBe('warning');
    expect(ruleById('R12')?.severity).toBe('warning');
    expect(ruleById('R1')?.severity).toBe('error');
  });

  it('finds nothing in a consistent report with every optional input supplied', () => {
    const previous = base2021();
    previous.table3.next = [1, 0, 0, 0, 0, 0, 1];
    previous.table2.regulation = { issued: 0, repealed: 0, inForce: 4 };
    previous.table2.normativeDoc = { issued: 0, repealed: 0, inForce: 9 };
    const findings = runChecks(
      ctx(base2021(), {
        previousYear: previous,
        narrative: '本年受理政府信息公开申请12件。行政复议3件，其中结果维持1件。全年收取信息处理费380元。',
        feeLedgerTotalYuan: 380,
        moduleCounts: { license: 100, penalty: 50, enforcement: 3 },
        subordinates: [base2021(), emptyTables(format2021, 0)],
      }),
    );
    expect(findings).toEqual([]);
  });
});

describe('R1 / C1: 一 + 二 = 三（七） + 四 per column', () => {
  it('reports each broken column with both sides', () => {
    const t = base2021();
    t.table3.new = [11, 2, 0, 0, 0, 0, 13]; // row still sums (R3 holds)
    const f = runChecks(ctx(t), ['R1']);
    expect(f.map((x) => [x.cells[0]?.col, x.expected, x.actual])).toEqual([
      ['natural', 12, 11],
      ['total', 14, 13],
    ]);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.messageZh).toContain('自然人');
  });
});

describe('R2 / C2: result sub-items sum to （七）总计', () => {
  it('passes on the base and fails when a sub-item is off', () => {
    expect(runChecks(ctx(base2021()), ['C2'])).toEqual([]);
    const t = base2021();
    t.table3.r5_2 = [1, 0, 0, 0, 0, 0, 1];
    const f = runChecks(ctx(t), ['R2']);
    expect(f.map((x) => [x.cells[0]?.col, x.expected, x.actual])).toEqual([
      ['natural', 10, 9],
      ['total', 12, 11],
    ]);
  });

  it('uses the single （六） row in 2019 and ignores it in 2021', () => {
    const t19 = emptyTables(format2019, 0);
    t19.table3.new = [3, 0, 0, 0, 0, 0, 3];
    t19.table3.r6 = [3, 0, 0, 0, 0, 0, 3];
    t19.table3.r7 = [3, 0, 0, 0, 0, 0, 3];
    expect(runChecks({ format: format2019, tables: t19 }, ['R1', 'R2', 'R3'])).toEqual([]);
    // The same numbers read against 2021 rows: r6 is not a 2021 row, so 0 ≠ 3.
    expect(ids({ format: format2021, tables: t19 }, ['R2'])).toEqual(['R2', 'R2']);
  });
});

describe('R3 / C3: applicant columns sum to 总计', () => {
  it('flags the row', () => {
    const t = base2021();
    t.table3.carried = [1, 1, 0, 0, 0, 0, 1];
    const f = runChecks(ctx(t), ['R3']);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'R3', expected: 2, actual: 1 });
    expect(f[0]?.cells.every((c) => c.row === 'carried')).toBe(true);
    expect(f[0]?.messageZh).toContain('二、上年结转政府信息公开申请数量');
  });
});

describe('R5 / C4: table 四 group totals', () => {
  it('checks each of the three groups', () => {
    expect(runChecks(ctx(base2021()), ['R5'])).toEqual([]);
    const t = base2021();
    t.table4[4] = 2; // 行政复议 总计
    t.table4[14] = 1; // 复议后起诉 总计 without parts
    const f = runChecks(ctx(t), ['R5']);
    expect(f.map((x) => [x.cells.at(-1)?.col, x.expected, x.actual])).toEqual([
      ['review_total', 3, 2],
      ['suitAfterReview_total', 0, 1],
    ]);
  });
});

describe('R4 / C5: carry-over vs last year (warning)', () => {
  it('is silent without last year, warns per differing column', () => {
    expect(runChecks(ctx(base2021()), ['R4'])).toEqual([]);
    const prev = base2021();
    prev.table3.next = [1, 0, 0, 0, 0, 0, 1];
    expect(runChecks(ctx(base2021(), { previousYear: prev }), ['R4'])).toEqual([]);
    prev.table3.next = [3, 0, 0, 0, 0, 0, 3];
    const f = runChecks(ctx(base2021(), { previousYear: prev }), ['C5']);
    expect(f.map((x) => [x.severity, x.cells[0]?.col, x.expected, x.actual])).toEqual([
      ['warning', 'natural', 3, 1],
      ['warning', 'total', 3, 1],
    ]);
  });
});

describe('R6 / C6: 现行有效 continuity (2021, warning)', () => {
  it('expects last year + 制发 − 废止', () => {
    const prev = base2021();
    prev.table2.regulation = { issued: 0, repealed: 0, inForce: 3 }; // 3 + 1 − 0 = 4 ≠ 5
    prev.table2.normativeDoc = { issued: 0, repealed: 0, inForce: 9 }; // 9 + 2 − 1 = 10 ✓
    const f = runChecks(ctx(base2021(), { previousYear: prev }), ['R6']);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', expected: 4, actual: 5 });
    expect(f[0]?.cells.map((c) => c.row)).toEqual(['regulation', 'regulation', 'regulation']);
  });

  it('does not apply when last year used the 2019 columns', () => {
    const prev = emptyTables(format2019, 0);
    expect(runChecks(ctx(base2021(), { previousYear: prev }), ['R6'])).toEqual([]);
  });
});

describe('R7: table 二 decisions vs module counts', () => {
  it('compares only the counts given', () => {
    expect(runChecks(ctx(base2021(), { moduleCounts: { license: 100 } }), ['R7'])).toEqual([]);
    const f = runChecks(ctx(base2021(), { moduleCounts: { license: 100, penalty: 51 } }), ['R7']);
    expect(f.map((x) => [x.cells[0]?.row, x.expected, x.actual])).toEqual([['penalty', 51, 50]]);
  });
});

describe('R10: 信息处理费 in 六 vs fee ledger', () => {
  it('reads the fee from the narrative, including 万元', () => {
    const narrative = '六、其他需要报告的事项\n全年收取政府信息公开信息处理费 380 元。';
    expect(runChecks(ctx(base2021(), { narrative, feeLedgerTotalYuan: 380 }), ['R10'])).toEqual([]);
    const f = runChecks(ctx(base2021(), { narrative, feeLedgerTotalYuan: 400 }), ['R10']);
    expect(f[0]).toMatchObject({ ruleId: 'R10', expected: 400, actual: 380, excerpt: '信息处理费380元' });
    expect(
      runChecks(ctx(base2021(), { narrative: '收取信息处理费共计0.04万元', feeLedgerTotalYuan: 400 }), [
        'R10',
      ]),
    ).toEqual([]);
    expect(
      runChecks(ctx(base2021(), { narrative: '本年度未收取信息处理费。', feeLedgerTotalYuan: 0 }), ['R10']),
    ).toEqual([]);
  });

  it('reports a missing fee statement and prefers an explicit reported amount', () => {
    expect(
      runChecks(ctx(base2021(), { narrative: '无', feeLedgerTotalYuan: 100 }), ['R10'])[0],
    ).toMatchObject({ actual: null });
    expect(runChecks(ctx(base2021(), { reportedFeeYuan: 100, feeLedgerTotalYuan: 100 }), ['R10'])).toEqual(
      [],
    );
    expect(runChecks(ctx(base2021()), ['R10'])).toEqual([]);
  });
});

describe('R11 / C7: non-negative integers', () => {
  it('rejects negative and fractional counts and negative amounts, allows signed 本年增/减', () => {
    const t = base2021();
    t.table3.r1 = [-1, 1, 0, 0, 0, 0, 0];
    t.table4[0] = 1.5;
    t.table2.fee = { feeAmount: -2 };
    const f = runChecks(ctx(t), ['R11']);
    expect(f.map((x) => `${x.cells[0]?.table}:${x.cells[0]?.row}:${x.cells[0]?.col}`)).toEqual([
      'table2:fee:feeAmount',
      'table3:r1:natural',
      'table4::review_upheld',
    ]);
    const t19 = emptyTables(format2019, 0);
    t19.table2.license = { previousItems: 3, change: -2, decisions: 0 };
    t19.table2.procurement = { procurementItems: 1, procurementAmount: 12.5 };
    expect(runChecks({ format: format2019, tables: t19 }, ['R11'])).toEqual([]);
  });
});

describe('R11B: blank cells count as 0 but are reported', () => {
  it('reports blanks per table as warnings without breaking the sums', () => {
    const t = base2021();
    t.table3.r3_1 = [null, null, null, null, null, null, null];
    t.table4[14] = null;
    const all = runChecks(ctx(t));
    expect(all.map((x) => [x.ruleId, x.severity, x.cells.length])).toEqual([
      ['R11B', 'warning', 7],
      ['R11B', 'warning', 1],
    ]);
    expect(all[1]?.messageZh).toContain('复议后起诉/总计');
  });
});

describe('R12: year-on-year jumps (warning)', () => {
  it('warns at ×5 / ×0.2 and ignores small numbers', () => {
    const prev = base2021();
    prev.table3.new = [2, 0, 0, 0, 0, 0, 2]; // 2 → 12: ×6
    prev.table2.penalty = { decisions: 300 }; // 300 → 50: ×0.17
    prev.table2.license = { decisions: 25 }; // 25 → 100: ×4, no warning
    prev.table4 = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 1 → 3: below 10
    const f = runChecks(ctx(base2021(), { previousYear: prev }), ['R12']);
    expect(f.map((x) => [x.cells[0]?.row, x.cells[0]?.col, x.expected, x.actual])).toEqual([
      ['new', 'total', 2, 12],
      ['penalty', 'decisions', 300, 50],
    ]);
  });
});

describe('R13: consolidated report = Σ subordinates', () => {
  it('flags each differing cell', () => {
    const a = base2021();
    const b = emptyTables(format2021, 0);
    b.table3.new = [1, 0, 0, 0, 0, 0, 1];
    const f = runChecks(ctx(base2021(), { subordinates: [a, b] }), ['R13']);
    expect(f.map((x) => [x.cells[0]?.col, x.expected, x.actual])).toEqual([
      ['natural', 11, 10],
      ['total', 13, 12],
    ]);
  });
});

describe('N1 / N2: narrative vs tables', () => {
  it('accepts 受理 = 新收 or 新收 + 结转, and matching 行政复议/诉讼 figures', () => {
    const narrative =
      '2024年，全区受理政府信息公开申请\n13 件。行政复议3件，其中结果维持1件，结果纠正1件，其他结果0件，尚未审结1件；行政诉讼1件，其中其他结果1件。';
    expect(runChecks(ctx(base2021(), { narrative }), ['N1', 'N2'])).toEqual([]);
  });

  it('flags a figure that contradicts the table', () => {
    const narrative = '区政府办受理政府信息公开申请 17 件。政府信息公开行政复议 4 件。';
    const f = runChecks(ctx(base2021(), { narrative }), ['N1']);
    expect(f.map((x) => [x.cells[1]?.row || x.cells[1]?.col, x.expected, x.actual])).toEqual([
      ['new', 12, 17],
      ['review_total', 3, 4],
    ]);
    expect(f[0]?.excerpt).toBe('受理政府信息公开申请17件');
  });

  it('flags two different 主动公开 counts in the narrative (warning), not approximate ones', () => {
    const f = runChecks(
      ctx(base2021(), { narrative: '主动公开发布各类信息334条。……共主动公开政府信息285条。' }),
      ['N2'],
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', expected: 334, actual: 285 });
    expect(
      runChecks(ctx(base2021(), { narrative: '主动公开信息5500余条。主动公开政府信息5512条。' }), ['N2']),
    ).toEqual([]);
  });

  it('reads "未收到申请" as 0', () => {
    expect(extractNarrativeFigures('2020年度本单位未收到政府信息公开申请。')).toMatchObject([
      { kind: 'applicationsReceived', value: 0 },
    ]);
    expect(ids(ctx(base2021(), { narrative: '本年度未收到政府信息公开申请。' }), ['N1'])).toEqual(['N1']);
  });
});
